"""Loading the catalogue: built-ins ship with the package, and parsed rules are cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spofcheck.engine import catalogue
from spofcheck.engine.catalogue import builtin_dir, load_catalogue, load_rule_file


def test_builtin_rules_are_all_loaded_in_id_order() -> None:
    rules = load_catalogue()
    assert list(rules) == sorted(rules)
    assert {p.stem for p in builtin_dir().glob("*.yaml")} == set(rules)


def test_a_cached_rule_is_read_back_without_parsing_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = builtin_dir() / "HA003.yaml"
    first = load_rule_file(path)
    cached = sorted(Path(os.environ["SPOFCHECK_CACHE_DIR"], "rules").rglob("*.json"))
    assert len(cached) == 1

    def no_yaml(*_: object) -> object:
        raise AssertionError("the cached rule should have been used")

    monkeypatch.setattr(catalogue, "_parse", no_yaml)
    assert load_rule_file(path) == first


def test_an_edited_rule_is_parsed_again_and_a_damaged_entry_ignored(tmp_path: Path) -> None:
    path = tmp_path / "HA003.yaml"
    text = (builtin_dir() / "HA003.yaml").read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_rule_file(path).severity.value == "medium"
    path.write_text(text.replace("severity: medium", "severity: low"), encoding="utf-8")
    assert load_rule_file(path).severity.value == "low"
    for entry in Path(os.environ["SPOFCHECK_CACHE_DIR"], "rules").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_rule_file(path).severity.value == "low"
