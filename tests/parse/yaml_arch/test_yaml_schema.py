"""The published JSON Schema matches the models, and agrees with the loader on fixtures.

Refresh the published file with `SPOFCHECK_REGENERATE=1 pytest tests/parse/yaml_arch`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from spofcheck.parse.yaml_arch.events import compose
from spofcheck.parse.yaml_arch.schema import json_schema
from tests.helpers.yaml_kit import ARCHITECTURES, INVALID, REPO

PUBLISHED = REPO / "docs" / "schema" / "architecture-v1.schema.json"


def _document(path: Path) -> Any:
    composed = compose(path.read_text("utf-8"))
    assert composed.usable, composed.problems
    return composed.data


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def test_published_schema_is_generated_from_the_models() -> None:
    text = json.dumps(json_schema(), indent=2) + "\n"
    if os.environ.get("SPOFCHECK_REGENERATE") == "1":
        PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
        PUBLISHED.write_text(text, "utf-8")
    assert PUBLISHED.read_text("utf-8") == text, "stale: rerun with SPOFCHECK_REGENERATE=1"


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted(ARCHITECTURES.glob("*/architecture.yaml")), ids=str)
def test_every_fixture_architecture_is_valid_by_the_schema(path: Path) -> None:
    errors = [e.message for e in _validator().iter_errors(_document(path))]
    assert errors == []


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key.yaml",
        "unknown-top-level-key.yaml",
        "bad-percentage.yaml",
        "fraction-percentage.yaml",
        "negative-replicas.yaml",
        "wrong-type.yaml",
        "unknown-kind.yaml",
        "dependency-target-and-any-of.yaml",
        "ignore-without-reason.yaml",
        "empty-component-name.yaml",
        "version-2.yaml",
        "missing-version.yaml",
    ],
)
def test_the_schema_rejects_what_the_models_reject(name: str) -> None:
    """Reference and zone checks need the whole document; these need only the shape."""
    assert not _validator().is_valid(_document(INVALID / name))
