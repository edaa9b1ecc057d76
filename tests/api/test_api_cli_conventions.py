"""CLI conventions (issue 15): rule selection, soft fail, severities, percentages, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spofcheck.cli import main

# A single-replica database: HA001 (high) fires on it.
SHOP = """\
version: 1
zones: {a: {}, b: {}}
components:
  lb: {kind: load_balancer, scope: regional, depends_on: [web]}
  web: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a]}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "architecture.yaml").write_text(SHOP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--no-cache"], catch_exceptions=False)


def rules_fired(*args: str) -> set[str]:
    result = invoke("scan", ".", "-f", "json", *args)
    return {f["rule_id"] for f in json.loads(result.stdout)["findings"]}


def test_skip_takes_ids_names_and_globs_and_only_narrows(repo: Path) -> None:
    assert "HA001" in rules_fired()
    assert "HA001" not in rules_fired("--skip", "HA001")
    assert "HA001" not in rules_fired("--disable", "single-point-of-failure")
    assert rules_fired("--skip", "HA0*") == set()
    assert rules_fired("--only", "ha001") == {"HA001"}


def test_an_unknown_rule_in_skip_is_an_error_with_a_suggestion(repo: Path) -> None:
    result = invoke("scan", ".", "--skip", "HA0001")
    assert result.exit_code == 2
    assert result.stderr.startswith("spofcheck: error: --skip: unknown rule 'HA0001'")
    assert "did you mean" in result.stderr


def test_fail_on_is_case_insensitive(repo: Path) -> None:
    assert invoke("scan", ".", "--fail-on", "HIGH").exit_code == 1
    assert invoke("scan", ".", "--fail-on", "Critical").exit_code == 0


def test_soft_fail_reports_findings_and_exits_zero(repo: Path) -> None:
    result = invoke("scan", ".", "--soft-fail")
    assert result.exit_code == 0
    assert "HA001" in result.stdout


@pytest.mark.parametrize("option", ["--slo", "--min-availability"])
def test_a_fraction_for_a_percentage_is_refused_with_the_yaml_hint(repo: Path, option: str) -> None:
    """`--slo 0.9995` meant 0.9995 %: every design met it, so the gate always passed."""
    result = invoke("scan", ".", option, "0.9995")
    assert result.exit_code == 2
    assert f"{option}: got 0.9995: percent, not a fraction? Write 99.9 for 99.9%" in result.stderr


def test_a_percent_sign_is_accepted(repo: Path) -> None:
    """The single-replica database (0.995 by default) caps the design at or below 99.5 %,
    so a floor written `99.9%` fails the gate, on that reason alone."""
    result = invoke("scan", ".", "-f", "json", "--min-availability", "99.9%", "--skip", "HA0*")
    kinds = [r["kind"] for r in json.loads(result.stdout)["gate"]["reasons"]]
    assert kinds == ["min_availability"]


def test_the_output_extension_picks_the_format_and_a_summary_names_it(repo: Path) -> None:
    result = invoke("scan", ".", "-o", "out/results.sarif", "-o", "report.json")
    assert result.stdout == ""
    assert json.loads((repo / "out/results.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert "findings" in json.loads((repo / "report.json").read_text("utf-8"))
    assert result.stderr.startswith(
        "spofcheck: wrote sarif to out/results.sarif, json to report.json; ✗ gate failed: "
    )
    assert result.exit_code == 1


def test_dash_is_stdout_and_a_bare_format_name_gets_a_hint(repo: Path) -> None:
    to_stdout = invoke("scan", ".", "-f", "json", "-o", "-")
    assert "findings" in json.loads(to_stdout.stdout)
    bare = invoke("scan", ".", "-o", "sarif")
    assert bare.exit_code == 2
    assert "--format sarif" in bare.stderr
    assert not (repo / "sarif").exists()
    junit = invoke("scan", ".", "-o", "results.junit.xml")
    assert (repo / "results.junit.xml").read_text("utf-8").startswith("<?xml")
    assert junit.exit_code == 1
