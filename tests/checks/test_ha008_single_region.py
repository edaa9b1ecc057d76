"""HA008: fail each region; report entry points that fall, only from 99.99% up."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, run_rule

ZONES = """\
version: 1
slo: {slo}
zones:
  e1: {{region: east}}
  e2: {{region: east}}
  w1: {{region: west}}
components:
"""


def _ha008(tmp_path: Path, body: str, slo: str = "99.99") -> list[tuple[str, str]]:
    arch = load_yaml(ZONES.format(slo=slo) + body, tmp_path)
    return [(f.component, f.message.split(":")[0]) for f in run_rule("HA008", arch)]


def test_a_database_only_in_one_region_takes_both_regions_apps_down(tmp_path: Path) -> None:
    body = """\
  dns: {kind: dns, scope: global, depends_on: [{any_of: [east, west]}]}
  east: {kind: service, zones: [e1, e2], depends_on: [db]}
  west: {kind: service, zones: [w1], depends_on: [db]}
  db: {kind: database, zones: [e1], standby: {mode: hot, zones: [e2]}}
"""
    assert _ha008(tmp_path, body) == [
        ("dns", "an outage of region east takes down entry point dns")
    ]


def test_a_standby_in_the_other_region_keeps_it_up(tmp_path: Path) -> None:
    body = """\
  dns: {kind: dns, scope: global, depends_on: [{any_of: [east, west]}]}
  east: {kind: service, zones: [e1, e2], depends_on: [db]}
  west: {kind: service, zones: [w1], depends_on: [db]}
  db: {kind: database, zones: [e1], standby: {mode: hot, zones: [w1]}}
"""
    assert _ha008(tmp_path, body) == []


def test_a_cold_standby_in_the_other_region_does_not(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [e1, e2], depends_on: [db]}
  db: {kind: database, zones: [e1], standby: {mode: cold, failover: manual, zones: [w1]}}
"""
    assert _ha008(tmp_path, body) == [
        ("app", "an outage of region east takes down entry point app")
    ]


def test_below_four_nines_one_region_is_enough(tmp_path: Path) -> None:
    body = "  app: {kind: service, zones: [e1, e2]}\n"
    assert _ha008(tmp_path, body, slo="99.95") == []
    assert _ha008(tmp_path, body, slo="99.99") != []


def test_without_an_slo_nothing_is_said(tmp_path: Path) -> None:
    body = "  app: {kind: service, zones: [e1, e2]}\n"
    text = ZONES.format(slo="99.99").replace("slo: 99.99\n", "") + body
    assert run_rule("HA008", load_yaml(text, tmp_path)) == []


def test_unknown_regions_are_not_failed(tmp_path: Path) -> None:
    text = "version: 1\nslo: 99.999\ncomponents:\n  app: {kind: service, replicas: 3}\n"
    assert run_rule("HA008", load_yaml(text, tmp_path)) == []
