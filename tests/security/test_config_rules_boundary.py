"""A pull request's configuration cannot load rule files from outside its repository."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli_kit import run_cli
from tests.helpers.throwaway import env

RULE = """\
id: ORG001
name: planted-rule
title: A planted rule
severity: high
applies_to: {kinds: [database]}
match:
  all:
    - {field: kind, op: equals, value: database}
message: "{component} planted ({cause})"
summary: A rule file a pull request would like the scan to load.
rationale: Whatever it says ends up in public annotations.
remediation: None.
inputs: [yaml]
examples:
  yaml:
    anti_pattern: "components: {db: {kind: database}}"
    best_practice: "components: {web: {kind: service}}"
"""


def _repo(tmp_path: Path, rules: str) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "arch.yaml").write_text(
        "version: 1\ncomponents:\n  db: {kind: database, replicas: 2, zones: [a, b]}\n"
        "entrypoints: [db]\nzones: {a: {region: r}, b: {region: r}}\n",
        encoding="utf-8",
    )
    (repo / ".spofcheck.yaml").write_text(f"rules: [{rules}]\n", encoding="utf-8")
    return repo


def test_a_rules_folder_outside_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "runner-rules"
    outside.mkdir()
    (outside / "ORG001.yaml").write_text(RULE, encoding="utf-8")
    repo = _repo(tmp_path, "../runner-rules")
    result = run_cli(["scan", "."], repo, env(SPOFCHECK_CACHE_DIR=str(tmp_path / "cache")))
    assert result.returncode == 2
    assert ".spofcheck.yaml: rules[0]: not read" in result.stderr
    assert "runner-rules" not in result.stderr
    assert "planted" not in result.stdout


def test_a_rules_folder_inside_the_repository_is_loaded(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "team-rules")
    (repo / "team-rules").mkdir()
    (repo / "team-rules" / "ORG001.yaml").write_text(RULE, encoding="utf-8")
    result = run_cli(["scan", "."], repo, env(SPOFCHECK_CACHE_DIR=str(tmp_path / "cache")))
    assert "ORG001" in result.stdout, result.stderr
