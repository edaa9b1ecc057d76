"""`spofcheck recovery` on the seed fixtures: the verdicts the seed describes, part by part.

Defaults used below (spofcheck/data/recovery.yaml, each cited in docs/recovery.md):
detection = interval x (threshold - 1) .. interval x threshold (ELB defaults 30 s, 2);
Aurora failover 30-60 s; manual promotion 300-600 s; Route 53 health check 30 s x 3
(60-90 s); DNS TTL 0-60 s; scale-up 180-600 s; async lag 1-30 s; Aurora global lag 0-1 s.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from spofcheck.recovery.durations import format_seconds, parse_duration

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "recovery"


def _run(name: str, *args: str) -> tuple[int, dict[str, dict[str, object]]]:
    result = CliRunner().invoke(main, ["recovery", str(FIXTURES / name), "-f", "json", *args])
    doc = json.loads(result.stdout)
    rows = {d["type"]: d for d in doc["stacks"][0]["disruptions"]}
    return result.exit_code, rows


def test_q5_sync_replication_loses_nothing_and_fails_over_in_time() -> None:
    """db: health check 5 s x 3 -> detection 10-15 s; Aurora failover 30-60 s:
    RTO 40-75 s <= 2 min; synchronous replication: RPO 0."""
    code, rows = _run("seed-q5-sync")
    assert code == 0
    assert rows["zone"]["rto_s"] == {"low": 40.0, "high": 75.0}
    assert rows["zone"]["rpo_s"] == {"low": 0.0, "high": 0.0}
    assert rows["zone"]["bottleneck"] == "db"
    assert rows["zone"]["meets"] is True


def test_q5_async_replication_loses_the_lag() -> None:
    """The same with async replication: RPO is the lag, 1-30 s > 0: not met (exit 1)."""
    code, rows = _run("seed-q5-async")
    assert code == 1
    assert rows["instance"]["rpo_s"] == {"low": 1.0, "high": 30.0}
    assert rows["instance"]["meets"] is False


def test_q9_manual_dr_runbook_misses_fifteen_minutes() -> None:
    """Region us-east-1 lost: the runbook is serial. Detection 30-60 s (app's 30 s x 2),
    manual promotion 300-600 s, app scale-up 180-600 s, DNS health check 60-90 s, TTL
    0-60 s: 570-1410 s; 1410 s > 900 s. RPO: async lag 1-30 s > 0."""
    code, rows = _run("seed-q9-dr")
    assert code == 1
    region = rows["region"]
    assert region["rto_s"] == {"low": 570.0, "high": 1410.0}
    assert region["rpo_s"] == {"low": 1.0, "high": 30.0}
    assert region["bottleneck"] == "db"
    names = [p["name"] for p in region["parts"]]  # type: ignore[attr-defined]
    assert names == ["detection", "failover (manual)", "scale-up", "DNS health check", "DNS TTL"]
    assert region["meets"] is False


def test_banking_sub_minute_rto_is_optimistic() -> None:
    """Aurora global failover after a region loss: detection 30-60 s (no health check
    declared: defaults), promotion 60-120 s, DNS health check 60-90 s, TTL 0-60 s:
    150-330 s against the seed's < 1 min; RPO the global lag 0-1 s against 0."""
    code, rows = _run("seed-banking")
    assert code == 1
    assert rows["region"]["rto_s"] == {"low": 150.0, "high": 330.0}
    assert rows["region"]["rpo_s"] == {"low": 0.0, "high": 1.0}
    assert rows["instance"]["meets"] is True  # five app servers per region, any one lost


def test_command_line_targets_override() -> None:
    """--rpo 1m covers the 30 s lag: instance and zone now meet; the region does not (the
    api has nothing in another region: unbounded), so the exit code stays 1."""
    code, rows = _run("seed-q5-async", "--rpo", "1m", "--rto", "2m")
    assert code == 1
    assert rows["instance"]["meets"] is True
    assert rows["region"]["meets"] is False


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("4h", 14400), ("7d", 604800), (0, 0), ("45", 45)],
)
def test_durations(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["15 minutes", "-1", "", True, "1w"])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError, match="expected a duration like 30s"):
        parse_duration(text)


def test_bad_target_on_the_command_line_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["recovery", str(FIXTURES / "seed-q5-sync"), "--rto", "soon"])
    assert result.exit_code == 2
    assert "--rto: expected a duration" in result.stderr


def test_format_seconds() -> None:
    assert [format_seconds(x) for x in (0, 90, 5400, None)] == ["0s", "1m30s", "1h30m", "unbounded"]


def test_yaml_rejects_a_bad_duration_with_its_line(tmp_path: Path) -> None:
    """A user mistake in the new keys is a located error, exit 2, no traceback."""
    path = tmp_path / "architecture.yaml"
    path.write_text("version: 1\nrecovery: {rto: soon}\ncomponents:\n  a: {}\n", "utf-8")
    result = CliRunner().invoke(main, ["recovery", str(path)])
    assert result.exit_code == 2
    assert "architecture.yaml:2" in result.stderr
    assert "recovery.rto" in result.stderr
