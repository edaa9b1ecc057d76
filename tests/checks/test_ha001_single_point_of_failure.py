"""HA001: single point of failure, decided on the request graph."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Severity
from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def _run(tmp_path: Path, body: str, **options: object) -> list[tuple[str, Severity]]:
    arch = load_yaml(HEAD + body, tmp_path)
    return [(f.component, f.severity) for f in run_rule("HA001", arch, options=options)]


def test_a_single_database_behind_a_redundant_app(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a]}
"""
    arch = load_yaml(HEAD + body, tmp_path)
    [finding] = run_rule("HA001", arch)
    assert (finding.component, finding.severity) == ("db", Severity.HIGH)
    assert messages([finding]) == [
        "single point of failure: 1 replica in a; one failure takes down entry point app "
        "via app → db"
    ]


def test_a_soft_dependency_is_never_a_spof(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [{target: recs, kind: soft}]}
  recs: {kind: service, zones: [a]}
"""
    assert _run(tmp_path, body) == []


def test_either_side_of_an_any_of_pair_is_not_a_spof(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [{any_of: [db_a, db_b]}]}
  db_a: {kind: database, zones: [a]}
  db_b: {kind: database, zones: [b]}
"""
    assert _run(tmp_path, body) == []


def test_what_both_alternatives_need_is_a_spof(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [{any_of: [web_a, web_b]}]}
  web_a: {kind: service, zones: [a], depends_on: [db]}
  web_b: {kind: service, zones: [b], depends_on: [db]}
  db: {kind: database, zones: [a]}
"""
    assert _run(tmp_path, body) == [("db", Severity.HIGH)]


def test_a_hot_standby_with_automatic_failover_is_redundancy(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a], standby: {mode: hot, zones: [b]}}
"""
    assert _run(tmp_path, body) == []


def test_a_manual_standby_is_not(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a], standby: {mode: hot, failover: manual, zones: [b]}}
"""
    assert _run(tmp_path, body) == [("db", Severity.HIGH)]


def test_replicas_that_are_all_needed_are_a_spof(tmp_path: Path) -> None:
    """3 replicas with min_healthy 3: losing any one breaks it (N+0)."""
    body = "  api: {kind: service, replicas: 3, zones: [a, b, a], min_healthy: 3}\n"
    assert _run(tmp_path, body) == [("api", Severity.HIGH)]


def test_regional_and_global_services_are_the_providers_business(tmp_path: Path) -> None:
    body = """\
  cdn: {kind: cdn, scope: global, depends_on: [lb]}
  lb: {kind: load_balancer, scope: regional, depends_on: [app]}
  app: {kind: service, zones: [a, b]}
"""
    assert _run(tmp_path, body) == []


def test_unreached_stores_are_reported_at_lower_severity(tmp_path: Path) -> None:
    """Nothing in the scan uses `db` (its consumers live elsewhere): criticality assumed."""
    arch = load_yaml(HEAD + "  db: {kind: database, zones: [a]}\n", tmp_path)
    arch = arch.model_copy(update={"entrypoints": []})
    [finding] = run_rule("HA001", arch)
    assert finding.severity is Severity.MEDIUM
    assert "criticality was assumed" in finding.message
    assert run_rule("HA001", arch, options={"report_unreached": False}) == []


def test_a_single_dns_provider_is_named_as_such(tmp_path: Path) -> None:
    body = """\
  dns: {kind: dns, depends_on: [app]}
  app: {kind: service, zones: [a, b]}
"""
    arch = load_yaml(HEAD + body, tmp_path)
    [finding] = run_rule("HA001", arch)
    assert finding.message.startswith("single point of failure: one DNS provider;")


def test_one_nat_gateway_per_zone_written_as_separate_resources(tmp_path: Path) -> None:
    """Each gateway serves the replicas in its own zone; none of them is a SPOF."""
    body = """\
  lb: {kind: load_balancer, scope: regional, depends_on: [app]}
  app: {kind: service, zones: [a, b], depends_on: [nat_a, nat_b]}
  nat_a: {kind: nat, zones: [a]}
  nat_b: {kind: nat, zones: [b]}
"""
    assert _run(tmp_path, body) == []
    single = body.replace("depends_on: [nat_a, nat_b]", "depends_on: [nat_a]").replace(
        "  nat_b: {kind: nat, zones: [b]}\n", ""
    )
    assert _run(tmp_path, single) == [("nat_a", Severity.HIGH)]


def test_the_message_names_every_zone_of_the_replicas(tmp_path: Path) -> None:
    """Two replicas in a and b that need both: one failure leaves 1 < 2, and the message
    says where both run, not only the first zone."""
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a, b], min_healthy: 2}
"""
    arch = load_yaml(HEAD + body, tmp_path)
    [finding] = run_rule("HA001", arch)
    assert finding.message.startswith("single point of failure: 2 replicas in a and b, needs 2;")


def test_a_declared_network_switch_on_the_request_path_is_a_spof(tmp_path: Path) -> None:
    """The seed's own example: one switch every request crosses. Declared in YAML with
    `kind: network`, it is a component like any other."""
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [switch]}
  switch: {kind: network, zones: [a]}
"""
    assert _run(tmp_path, body) == [("switch", Severity.HIGH)]
