"""`spofcheck model` says what "the service" is: the basis and the components standing
for it, the same the availability calculator uses (docs/availability.md, section 6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from spofcheck.cli import main

DECLARED = """
version: 1
components:
  lb: {kind: load_balancer, replicas: 2}
  app: {kind: service, replicas: 2, depends_on: [db]}
  db: {kind: database}
  batch: {kind: service}
entrypoints: [lb]
"""

# A cycle: every component is depended on, so YAML infers no entry point.
CYCLE = """
version: 1
components:
  app: {kind: service, replicas: 2, depends_on: [db]}
  db: {kind: database, depends_on: [app]}
"""

TWO_DOORS = """
resource "aws_lb" "public" {
  internal = false
  subnets  = ["subnet-a", "subnet-b"]
}

resource "aws_lb" "tools" {
  internal = false
  subnets  = ["subnet-a", "subnet-b"]
}
"""


def _run(tmp_path: Path, name: str, text: str, *args: str) -> str:
    (tmp_path / name).write_text(text, "utf-8")
    result = CliRunner().invoke(main, [*args, str(tmp_path), "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _service(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    block: dict[str, Any] = json.loads(_run(tmp_path, name, text, "model", "-f", "json"))["service"]
    return block


def _calculator(tmp_path: Path) -> dict[str, Any]:
    out = CliRunner().invoke(main, ["availability", str(tmp_path), "-f", "json", "--no-cache"])
    data: dict[str, Any] = json.loads(out.output)
    return data


def test_declared_entry_points_are_the_service(tmp_path: Path) -> None:
    block = _service(tmp_path, "architecture.yaml", DECLARED)
    assert block == {
        "basis": "entrypoints",
        "description": "every entry point up",
        "components": ["lb"],
    }
    text = _run(tmp_path, "architecture.yaml", DECLARED, "model")
    assert "  service: every entry point up (entrypoints): lb\n" in text


def test_without_entry_points_every_serving_component_stands_for_it(tmp_path: Path) -> None:
    """In a cycle none is free of callers: every component that is not plumbing."""
    block = _service(tmp_path, "architecture.yaml", CYCLE)
    assert block["basis"] == "every-serving-component"
    assert block["components"] == ["app", "db"]
    assert _calculator(tmp_path)["basis"] == "every-serving-component"


def test_several_inferred_entry_points_are_judged_one_by_one(tmp_path: Path) -> None:
    """Two internet-facing load balancers, nothing declared: each on its own, as the
    calculator does (its per-entry figures name the same two)."""
    block = _service(tmp_path, "main.tf", TWO_DOORS)
    assert block["basis"] == "each-entrypoint"
    assert block["components"] == ["aws_lb.public", "aws_lb.tools"]
    computed = _calculator(tmp_path)
    assert computed["basis"] == "each-entrypoint"
    assert [e["id"] for e in computed["entrypoints"]] == block["components"]
