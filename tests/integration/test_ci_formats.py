"""Several CI formats from one scan of real fixtures, as the GitHub Action and GitLab job run it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.helpers.report_cases import sarif_schema
from tests.helpers.throwaway import cli

REPO = Path(__file__).resolve().parents[2]
BAD = "fixtures/architectures/aws-three-tier-bad"
GOOD = "fixtures/architectures/aws-three-tier-good"


def scan_all_formats(monkeypatch: pytest.MonkeyPatch, target: str, out: Path) -> int:
    code, _, err = cli(
        monkeypatch,
        REPO,
        "scan",
        target,
        *("--format", "sarif", "--output", str(out / "a.sarif")),
        *("--format", "junit", "--output", str(out / "b.xml")),
        *("--format", "markdown", "--output", str(out / "c.md")),
        *("--format", "github", "--output", str(out / "d.txt")),
        *("--format", "json", "--output", str(out / "e.json")),
    )
    assert "Traceback" not in err
    return code


def test_one_run_writes_every_format_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scan_all_formats(monkeypatch, BAD, tmp_path) == 1
    report = json.loads((tmp_path / "e.json").read_text("utf-8"))
    count = len(report["findings"])
    assert count > 3
    sarif = json.loads((tmp_path / "a.sarif").read_text("utf-8"))
    jsonschema.Draft7Validator(sarif_schema()).validate(sarif)
    assert len([r for r in sarif["runs"][0]["results"] if "suppressions" not in r]) == count
    junit = ET.fromstring((tmp_path / "b.xml").read_bytes())
    # only the findings at --fail-on (high) or above fail a JUnit test; the rest are listed
    gating = [f for f in report["findings"] if f["severity"] in ("critical", "high")]
    assert 0 < len(gating) < count
    assert junit.get("failures") == str(len(gating))
    names = [c.get("name") for c in junit.iter("testcase")]
    assert len(names) == len(set(names))
    markdown = (tmp_path / "c.md").read_text("utf-8")
    assert f"**{count} findings**" in markdown
    assert "```mermaid" in markdown
    annotations = (tmp_path / "d.txt").read_text("utf-8").splitlines()
    commands = [a for a in annotations if a.startswith(("::error file=", "::warning file="))]
    assert len(commands) == sum(
        1 for f in report["findings"] if f["severity"] in ("critical", "high", "medium")
    )
    assert all(f"file={BAD}/" in a for a in commands)


def test_a_clean_stack_passes_with_an_empty_results_array_and_passing_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scan_all_formats(monkeypatch, GOOD, tmp_path) == 0
    sarif = json.loads((tmp_path / "a.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["results"] == []
    junit = ET.fromstring((tmp_path / "b.xml").read_bytes())
    assert (junit.get("tests"), junit.get("failures")) == ("1", "0")
    assert "✅ **0 findings**" in (tmp_path / "c.md").read_text("utf-8")
