"""One resolved configuration: rule options checked once, errors in the user's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spofcheck.cli import main

SHOP = """\
version: 1
zones: {a: {}, b: {}}
components:
  lb: {kind: load_balancer, scope: regional, depends_on: [web]}
  web: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a]}
"""

USER_RULE = """\
id: ORG001
name: org-no-cache
title: Caches are not allowed here
severity: low
summary: A cache component was declared.
rationale: Our platform team runs caches centrally.
remediation: Use the shared cache.
match:
  all:
    - {field: kind, op: equals, value: cache}
message: "{component} is a cache"
examples:
  yaml:
    anti_pattern: "version: 1"
    best_practice: "version: 1"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "architecture.yaml").write_text(SHOP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, [*args], catch_exceptions=False)


def configure(repo: Path, text: str) -> None:
    (repo / ".spofcheck.yaml").write_text(text, encoding="utf-8")


def test_an_option_of_the_wrong_type_is_a_located_error_not_a_traceback(repo: Path) -> None:
    """Issue 10: `max_detection_seconds: five` crashed inside the check (exit 1)."""
    configure(repo, "options:\n  HA016: {max_detection_seconds: five}\n")
    result = invoke("scan", ".", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"spofcheck: error: {repo / '.spofcheck.yaml'}: options.HA016.max_detection_seconds: "
        "expected a whole number, got 'five'"
    )


def test_a_misspelled_option_name_is_an_error_with_a_suggestion(repo: Path) -> None:
    configure(repo, "options:\n  slow-failure-detection: {max_detection_second: 60}\n")
    result = invoke("scan", ".", "--no-cache")
    assert result.exit_code == 2
    assert "options.slow-failure-detection.max_detection_second" in result.stderr
    assert "did you mean 'max_detection_seconds'?" in result.stderr


def test_an_unknown_key_says_so_in_words_with_a_suggestion(repo: Path) -> None:
    """Was pydantic's "Extra inputs are not permitted"."""
    configure(repo, "fial_on: medium\n")
    result = invoke("scan", ".", "--no-cache")
    assert result.exit_code == 2
    assert "fial_on: unknown key 'fial_on'; did you mean 'fail_on'?" in result.stderr
    assert "Extra inputs" not in result.stderr


def test_a_severity_set_by_rule_name_reaches_the_sarif_rule_descriptor(repo: Path) -> None:
    """Findings of HA001 were low but its SARIF descriptor still said error (high)."""
    configure(repo, "severity:\n  single-point-of-failure: low\n")
    sarif = json.loads(invoke("scan", ".", "-f", "sarif", "--no-cache").stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    ha001 = next(r for r in driver["rules"] if r["id"] == "HA001")
    assert ha001["properties"]["spofcheck/severity"] == "low"
    assert ha001["defaultConfiguration"]["level"] == "note"


def test_rules_and_explain_read_the_config_rule_folders(repo: Path) -> None:
    (repo / "team-rules").mkdir()
    (repo / "team-rules" / "ORG001.yaml").write_text(USER_RULE, encoding="utf-8")
    configure(repo, "rules: [team-rules]\n")
    listed = {r["id"] for r in json.loads(invoke("rules", "-f", "json").stdout)}
    assert "ORG001" in listed
    assert "Caches are not allowed here" in invoke("explain", "org-no-cache").stdout


def test_the_report_names_the_configuration_it_applied(repo: Path) -> None:
    configure(repo, "disable: [HA015]\nseverity: {HA003: LOW}\n")
    document = json.loads(invoke("scan", ".", "-f", "json", "--skip", "ha016").stdout)
    assert document["config"] == {
        "file": ".spofcheck.yaml",
        "disabled": ["HA015", "HA016"],
        "severity": {"HA003": "low"},
    }
