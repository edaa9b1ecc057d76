"""Baseline files: what they record, how they match, and how bad files are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spofcheck.engine.baseline import (
    apply_baseline,
    build_baseline,
    load_baseline,
    render_baseline,
)
from spofcheck.errors import ConfigError
from tests.helpers.report_cases import finding, report


def test_records_active_findings_sorted_with_fields_for_humans() -> None:
    r = report(
        [
            finding(component="z", file="b.tf"),
            finding(component="a", file="a.tf"),
            finding(component="s", file="a.tf", suppressed=True, reason="why"),
        ]
    )
    data = json.loads(render_baseline(build_baseline(r)))
    assert data["version"] == 1
    assert [e["component"] for e in data["findings"]] == ["a", "z"]
    assert data["findings"][0] == {
        "fingerprint": "fp-HA001-a",
        "rule_id": "HA001",
        "component": "a",
        "file": "a.tf",
        "message": "aws_db_instance.main is a single point of failure",
    }


def test_no_line_numbers_in_the_file_so_moves_do_not_churn_it() -> None:
    text = render_baseline(build_baseline(report([finding(line=12)])))
    assert '"line"' not in text


def test_apply_keeps_only_new_findings_and_counts_the_rest() -> None:
    old, new = finding(component="old"), finding(component="new")
    baseline = build_baseline(report([old]))
    moved = finding(component="old", line=32, end_line=50)  # same fingerprint, new lines
    result = apply_baseline(report([moved, new]), baseline)
    assert [f.component for f in result.findings] == ["new"]
    assert result.baselined == 1


def test_suppressed_findings_stay_reported_as_suppressed() -> None:
    baseline = build_baseline(report([finding(component="s")]))
    suppressed = finding(component="s", suppressed=True, reason="ok")
    result = apply_baseline(report([suppressed]), baseline)
    assert result.findings == [suppressed]
    assert result.baselined == 0


def test_stale_entries_are_noted() -> None:
    baseline = build_baseline(report([finding(component="a"), finding(component="b")]))
    result = apply_baseline(report([finding(component="a")]), baseline, source="bl.json")
    assert any(n.startswith("1 baseline entry in bl.json no longer match") for n in result.notes)


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    baseline = build_baseline(report([finding()]))
    path.write_text(render_baseline(baseline), "utf-8")
    assert load_baseline(path) == baseline


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="baseline file not found"):
        load_baseline(tmp_path / "nope.json")


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{\n  "version": 1,\n  "findings": [\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_baseline(path)
    assert info.value.line == 4


def test_wrong_shape_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 1, "findings": [{"rule_id": "HA001"}]}', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_baseline(path)
    assert info.value.key == "findings.0.fingerprint"


def test_unknown_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 9, "findings": []}', "utf-8")
    with pytest.raises(ConfigError, match="unsupported baseline version 9"):
        load_baseline(path)
