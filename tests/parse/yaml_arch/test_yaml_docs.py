"""docs/yaml-format.md: every YAML example in it loads without an error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spofcheck.model import Architecture, Component
from spofcheck.parse.yaml_arch import load_yaml_architecture, merge_overlay
from tests.helpers.yaml_kit import REPO

DOC = REPO / "docs" / "yaml-format.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
TERRAFORM = ["aws_autoscaling_group.web", "module.db.aws_db_instance.this", "aws_lb.web"]


def test_the_doc_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example-{i}" for i in range(len(BLOCKS))])
def test_each_example_loads_cleanly(block: str, tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(block, "utf-8")
    if "aws_" in block:  # the overlay example, over the Terraform components it names
        base = Architecture(components={a: Component(id=a) for a in TERRAFORM})
        arch = merge_overlay(base, path, display_root=tmp_path)
        assert "payments" in arch.components
    else:
        arch = load_yaml_architecture(path, display_root=tmp_path)
    assert [e.one_line() for e in arch.errors] == []
    assert arch.components
