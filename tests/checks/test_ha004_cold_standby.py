"""HA004: a standby with nothing running, or a failover path scaled to zero."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, run_rule

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def _components(tmp_path: Path, body: str) -> list[str]:
    return [f.component for f in run_rule("HA004", load_yaml(HEAD + body, tmp_path))]


def test_cold_standby_even_with_automatic_failover(tmp_path: Path) -> None:
    body = "  db: {kind: database, zones: [a], standby: {mode: cold, zones: [b]}}\n"
    assert _components(tmp_path, body) == ["db"]


def test_warm_and_hot_standbys_pass(tmp_path: Path) -> None:
    body = """\
  db: {kind: database, zones: [a], standby: {mode: warm, zones: [b]}}
  cache: {kind: cache, zones: [a], standby: {mode: hot, zones: [b]}}
"""
    assert _components(tmp_path, body) == []


def test_a_failover_alternative_with_nothing_running(tmp_path: Path) -> None:
    """`dns` fails over to `west`, whose servers are scaled to zero."""
    body = """\
  dns: {kind: dns, scope: global, depends_on: [{any_of: [east, west]}]}
  east: {kind: load_balancer, scope: regional, depends_on: [east_app]}
  west: {kind: load_balancer, scope: regional, depends_on: [west_app]}
  east_app: {kind: service, zones: [a, b]}
  west_app: {kind: service, replicas: 0}
"""
    arch = load_yaml(HEAD + body, tmp_path)
    [finding] = run_rule("HA004", arch)
    assert finding.component == "west_app"
    assert finding.message == (
        "runs no replicas but is the failover path of dns (via west): when traffic fails "
        "over, nothing is running to serve it until it scales up"
    )


def test_zero_replicas_outside_any_failover_group_is_not_a_standby(tmp_path: Path) -> None:
    body = "  batch: {kind: service, replicas: 0}\n"
    assert _components(tmp_path, body) == []
