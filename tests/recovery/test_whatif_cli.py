"""`spofcheck whatif` on the seed fixtures: what survives, exit codes, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spofcheck.cli import main

REPO = Path(__file__).resolve().parents[2]
Q9 = str(REPO / "fixtures" / "recovery" / "seed-q9-dr")
Q5 = str(REPO / "fixtures" / "recovery" / "seed-q5-sync")
Q4 = str(REPO / "fixtures" / "architectures" / "seed-q4-multi-region")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["whatif", *args])
    return result.exit_code, result.stdout, result.stderr


def test_losing_the_primary_region_leaves_the_warm_standby_short() -> None:
    """Q9: 20 primaries in us-east-1 are lost with it; the 5 warm instances in us-west-2
    count (warm, automatic), so capacity is 0 + 5 = 5 of the 14 needed; the database's
    Multi-AZ standby is in us-east-1 too (0 of 1), so the entry point is down: exit 1."""
    code, out, _ = _run(Q9, "--fail", "region:us-east-1", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["scenario"] == ["region:us-east-1"]
    assert doc["entrypoints"] == [{"id": "dns", "up": False}]
    app = next(c for c in doc["components"] if c["id"] == "app")
    assert (app["capacity"], app["needed"], app["up"]) == (5, 14, False)
    assert doc["availability"]["value"] < 1e-12


def test_failing_the_database_primary_hands_over_to_its_standby() -> None:
    """Q5 (sync): db's primary fails; its hot automatic standby in zone b takes over (1 of
    1), everything stays up. Conditional availability: api's 2 replicas at the default
    99.5% needing 1, times db's standby alone at the default 99.5% (zones are not given a
    figure): (1 - 0.005**2) * 0.995."""
    code, out, _ = _run(Q5, "--fail", "component:db", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    db = next(c for c in doc["components"] if c["id"] == "db")
    assert db == {"id": "db", "up": True, "capacity": 1, "needed": 1, "via_standby": True}
    assert abs(doc["availability"]["value"] - (1 - 0.005**2) * 0.995) < 1e-9


def test_several_failures_at_once_and_sorted_scenario() -> None:
    code, out, _ = _run(Q4, "--fail", "zone:use1-az2", "--fail", "zone:use1-az1", "-f", "json")
    doc = json.loads(out)
    # db_east's primary (az1) and its standby (az2) are both lost; every web tier needs
    # it, so route53 goes down
    assert code == 1
    assert doc["scenario"] == ["zone:use1-az1", "zone:use1-az2"]
    web = next(c for c in doc["components"] if c["id"] == "web_east")
    assert (web["capacity"], web["needed"]) == (1, 2)  # 3 replicas over az1..az3


def test_unknown_name_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = _run(Q4, "--fail", "zone:use1-az9")
    assert code == 2
    assert "no zone named 'use1-az9'; did you mean 'use1-az" in err
    assert out == ""


def test_bad_kind_and_missing_scenario_are_usage_errors() -> None:
    assert _run(Q4, "--fail", "rack:r1")[0] == 2
    assert _run(Q4)[0] == 2


def test_each_region_table_names_the_entry_points_lost() -> None:
    """Q4: every request needs db_east in us-east-1, so losing it loses route53; losing
    us-west-2 loses nothing (CloudFront falls back to alb_east)."""
    code, out, _ = _run(Q4, "--each", "region")
    assert code == 1
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("region:")}
    assert rows["region:us-east-1"].split()[1] == "route53"
    assert rows["region:us-west-2"].split()[1] == "-"


def test_markdown_lists_affected_components() -> None:
    code, out, _ = _run(Q9, "--fail", "zone:use1-az1", "-f", "markdown")
    assert code == 0
    # 10 of the 20 primaries are in az1: 10 < 14, so the 5 warm standbys make up 15
    assert "| `app` | 15 | 14 | up, standby took over |" in out


def test_diagram_shades_what_goes_down(tmp_path: Path) -> None:
    """Q9 without us-east-1: app (5 of 14) and db are DOWN themselves; dns only because
    of app: the DOT carries the DOWN label twice and DEP once on nodes, once each more as
    the legend's samples."""
    out = tmp_path / "q9.dot"
    code, _, err = _run(Q9, "--fail", "region:us-east-1", "-o", str(out))
    assert code == 1
    assert f"wrote {out}" in err
    dot = out.read_text("utf-8")
    assert dot.count(">DOWN<") == 2 + 1
    assert dot.count(">DEP<") == 1 + 1
    # red (own capacity lost) twice, amber (a dependency down) once; the headline is the
    # scenario's figure, the legend says what the colours mean here
    assert dot.count('fillcolor="#fde4e4"') == 2
    assert dot.count('fillcolor="#fff4d6"') == 1
    assert "what if region:us-east-1 fails · availability given it 0% (without it:" in dot
    assert "red: down, its own capacity lost" in dot
    assert "single point of failure (HA001)" not in dot


def test_dns_configuration_lives_in_no_region() -> None:
    """A Route 53 failover pair over an API in two regions: losing us-east-1 takes its
    function and function URL, and nothing else. The zone, health check and records are
    global (before, they took the provider's region and went down with it), and the
    primary record's reference to us-east-1's function URL is part of its failover, not
    a hard configuration dependency."""
    stack = str(REPO / "fixtures" / "whatif" / "dns-failover-regions")
    code, out, _ = _run(stack, "--fail", "region:us-east-1", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    down = sorted(c["id"] for c in doc["components"] if not c["up"])
    assert down == ["aws_lambda_function.api", "aws_lambda_function_url.api"]
    assert doc["entrypoints"] == [{"id": "aws_route53_record.api_primary", "up": True}]
