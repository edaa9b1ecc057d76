"""HA002: all capacity in one zone, or the provider's multi-zone switch off."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Severity
from tests.helpers.rule_cases import load_yaml, messages, run_rule, scan_folder

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def _ha002(tmp_path: Path, body: str) -> list[str]:
    return messages(run_rule("HA002", load_yaml(HEAD + body, tmp_path)))


def test_replicas_all_in_one_zone(tmp_path: Path) -> None:
    assert _ha002(tmp_path, "  app: {kind: service, replicas: 2, zones: [a, a]}\n") == [
        "all 2 replicas run in zone a; one outage of a takes it down"
    ]


def test_a_standby_in_another_zone_spreads_it(tmp_path: Path) -> None:
    body = "  db: {kind: database, zones: [a], standby: {mode: hot, zones: [b]}}\n"
    assert _ha002(tmp_path, body) == []


def test_a_standby_in_the_same_zone_does_not(tmp_path: Path) -> None:
    body = "  db: {kind: database, zones: [a], standby: {mode: hot, zones: [a]}}\n"
    assert _ha002(tmp_path, body) == [
        "all 2 replicas (standbys included) run in zone a; one outage of a takes it down"
    ]


def test_a_cold_standby_elsewhere_is_mentioned_not_counted(tmp_path: Path) -> None:
    body = (
        "  db: {kind: database, replicas: 2, zones: [a, a],"
        " standby: {mode: cold, failover: manual, zones: [b]}}\n"
    )
    assert _ha002(tmp_path, body) == [
        "all 2 replicas run in zone a; one outage of a takes it down; its cold standby "
        "needs manual failover"
    ]


def test_a_single_replica_is_left_to_ha001(tmp_path: Path) -> None:
    assert _ha002(tmp_path, "  db: {kind: database, zones: [a]}\n") == []


def test_unknown_placement_is_never_guessed(tmp_path: Path) -> None:
    assert _ha002(tmp_path, "  app: {kind: service, replicas: 3}\n") == []


def _tf(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n' + body, encoding="utf-8"
    )
    report = scan_folder(tmp_path).report
    return [f.message for f in report.findings if f.rule_id == "HA002"]


def test_rds_multi_az_left_unset_defaults_to_single_az(tmp_path: Path) -> None:
    """Nothing in this scan uses the database: reported, with criticality assumed."""
    body = 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n'
    assert _tf(tmp_path, body) == [
        "runs in a single zone: multi_az unset, defaulting to false; one zone outage takes "
        "it down until it is restored or rebuilt elsewhere; no entry point in the scan "
        "reaches it, so its criticality was assumed"
    ]


def test_severity_is_high_only_where_an_entry_point_needs_it(tmp_path: Path) -> None:
    body = """\
  web: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, replicas: 2, zones: [a, a]}
  batch: {kind: service, replicas: 2, zones: [b, b]}
"""
    arch = load_yaml(HEAD + body, tmp_path).model_copy(update={"entrypoints": ["web"]})
    found = {f.component: f.severity for f in run_rule("HA002", arch)}
    assert found == {"db": Severity.HIGH, "batch": Severity.MEDIUM}


def test_storage_nothing_sends_requests_to_is_not_judged(tmp_path: Path) -> None:
    """Boot diagnostics, logs, artifacts: LRS there is a cost choice."""
    (tmp_path / "main.tf").write_text(
        """provider "azurerm" {
  features {}
}

resource "azurerm_storage_account" "diag" {
  name                     = "diag"
  location                 = "eastus"
  account_replication_type = "LRS"
}
""",
        encoding="utf-8",
    )
    assert [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA002"] == []


def test_rds_multi_az_from_an_unset_variable_stays_quiet(tmp_path: Path) -> None:
    body = (
        'variable "multi_az" {\n  type = bool\n}\n\n'
        'resource "aws_db_instance" "db" {\n  engine   = "postgres"\n'
        "  multi_az = var.multi_az\n}\n"
    )
    assert _tf(tmp_path, body) == []


def test_rds_read_replicas_are_not_judged(tmp_path: Path) -> None:
    body = (
        'resource "aws_db_instance" "primary" {\n  engine   = "postgres"\n'
        "  multi_az = true\n}\n\n"
        'resource "aws_db_instance" "replica" {\n'
        "  replicate_source_db = aws_db_instance.primary.identifier\n}\n"
    )
    assert _tf(tmp_path, body) == []


def test_zonal_managed_services_are_reported_here_not_as_one_replica(tmp_path: Path) -> None:
    """LRS storage keeps three copies, all in one datacenter: HA002, never HA001."""
    (tmp_path / "main.tf").write_text(
        """provider "azurerm" {
  features {}
}

resource "azurerm_mssql_server" "main" {
  name     = "shop"
  location = "eastus"
}

resource "azurerm_mssql_database" "orders" {
  name      = "orders"
  server_id = azurerm_mssql_server.main.id
}
""",
        encoding="utf-8",
    )
    findings = scan_folder(tmp_path).report.findings
    assert [(f.rule_id, f.message.split(";")[0]) for f in findings if f.rule_id < "HA003"] == [
        ("HA002", "runs in a single zone: zone_redundant unset, defaulting to false")
    ]


def test_for_each_siblings_are_called_instances_not_replicas(tmp_path: Path) -> None:
    """Two `for_each` instances ("api", "admin") in one zone may be two different
    services, not copies: the message counts them as for_each instances."""
    (tmp_path / "main.tf").write_text(
        """
provider "aws" {
  region = "us-east-1"
}

resource "aws_instance" "app" {
  for_each          = toset(["api", "admin"])
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t3.small"
  availability_zone = "us-east-1a"
}
""",
        encoding="utf-8",
    )
    found = [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA002"]
    assert [f.message.split(";")[0] for f in found] == [
        "all 2 for_each instances run in zone us-east-1a"
    ]


def test_siblings_without_a_guaranteed_spread_are_called_instances(tmp_path: Path) -> None:
    """Three keyed siblings with no known zones, on a platform that does not force a
    spread: counted as "3 for_each instances", not "3 replicas"."""
    body = "version: 1\ncomponents:\n  app: {kind: service, replicas: 3}\n"
    arch = load_yaml(body, tmp_path)
    app = arch.components["app"]
    keyed = app.settings.model_copy(update={"instance_keys": ["a", "b", "c"]})
    reason = "nothing here spreads them over zones"
    update = {"settings": keyed, "zone_spread_not_guaranteed": reason}
    arch.components["app"] = app.model_copy(update=update)
    assert [m.split(";")[0] for m in messages(run_rule("HA002", arch))] == [
        f"3 for_each instances, but {reason}"
    ]
