"""HA005: traffic routed to something nobody checks."""

from __future__ import annotations

from pathlib import Path

from spofcheck.config import Config
from spofcheck.model import Severity
from tests.helpers.rule_cases import load_yaml, run_rule, scan_folder

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"
AWS = 'provider "aws" {\n  region = "us-east-1"\n}\n\n'


def _yaml(tmp_path: Path, body: str) -> list[str]:
    return [f.component for f in run_rule("HA005", load_yaml(HEAD + body, tmp_path))]


def test_unchecked_component_behind_a_load_balancer(tmp_path: Path) -> None:
    body = """\
  lb: {kind: load_balancer, scope: regional, depends_on: [web]}
  web: {kind: service, zones: [a, b], health_check: false}
"""
    assert _yaml(tmp_path, body) == ["web"]


def test_unchecked_component_that_no_router_sends_traffic_to(tmp_path: Path) -> None:
    """A service calling a database: nothing routes around failures there anyway."""
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a], standby: {mode: hot, zones: [b]}, health_check: false}
"""
    assert _yaml(tmp_path, body) == []


def test_a_yaml_load_balancer_without_health_check_is_not_about_its_targets(
    tmp_path: Path,
) -> None:
    """In YAML, `health_check: false` on the balancer says nobody checks the balancer."""
    body = """\
  lb: {kind: load_balancer, scope: regional, health_check: false, depends_on: [web]}
  web: {kind: service, zones: [a, b]}
"""
    assert _yaml(tmp_path, body) == []


def _tf(tmp_path: Path, body: str) -> list[tuple[str, Severity]]:
    (tmp_path / "main.tf").write_text(AWS + body, encoding="utf-8")
    report = scan_folder(tmp_path).report
    return [(f.component, f.severity) for f in report.findings if f.rule_id == "HA005"]


def test_a_target_group_left_at_default_checks_on_http_is_low(tmp_path: Path) -> None:
    body = 'resource "aws_lb_target_group" "web" {\n  port     = 80\n  protocol = "HTTP"\n}\n'
    assert _tf(tmp_path, body) == [("aws_lb_target_group.web", Severity.LOW)]


def test_defaults_on_tcp_are_fine(tmp_path: Path) -> None:
    body = 'resource "aws_lb_target_group" "tcp" {\n  port     = 443\n  protocol = "TCP"\n}\n'
    assert _tf(tmp_path, body) == []


def test_the_low_report_on_defaults_can_be_turned_off(tmp_path: Path) -> None:
    body = 'resource "aws_lb_target_group" "web" {\n  port     = 80\n  protocol = "HTTP"\n}\n'
    (tmp_path / "main.tf").write_text(AWS + body, encoding="utf-8")
    config = Config(options={"HA005": {"report_defaults": False}})
    report = scan_folder(tmp_path, config=config).report
    assert [f for f in report.findings if f.rule_id == "HA005"] == []


def test_lambda_targets_are_not_checked_by_design(tmp_path: Path) -> None:
    body = 'resource "aws_lb_target_group" "fn" {\n  target_type = "lambda"\n}\n'
    assert _tf(tmp_path, body) == []


def test_an_asg_with_ec2_checks_and_no_load_balancer_is_fine(tmp_path: Path) -> None:
    body = """resource "aws_autoscaling_group" "workers" {
  min_size           = 2
  max_size           = 4
  availability_zones = ["us-east-1a", "us-east-1b"]
}
"""
    assert _tf(tmp_path, body) == []


def test_gcp_backend_service_without_checks_on_serverless_backends_is_fine(
    tmp_path: Path,
) -> None:
    """Serverless NEGs cannot be health checked; only instance groups are judged."""
    body = """resource "google_compute_region_network_endpoint_group" "run" {
  name                  = "run"
  region                = "us-central1"
  network_endpoint_type = "SERVERLESS"
}

resource "google_compute_backend_service" "api" {
  name = "api"
  backend {
    group = google_compute_region_network_endpoint_group.run.id
  }
}
"""
    (tmp_path / "main.tf").write_text(
        'provider "google" {\n  region = "us-central1"\n}\n\n' + body, encoding="utf-8"
    )
    report = scan_folder(tmp_path).report
    assert [f for f in report.findings if f.rule_id == "HA005"] == []


def test_an_azure_load_balancer_without_backends_routes_nothing_to_check(
    tmp_path: Path,
) -> None:
    """A private link service frontend: no rule, no pool, so no probe is needed."""
    body = """resource "azurerm_lb" "pls" {
  name     = "pls"
  location = "eastus"
  sku      = "Standard"
}
"""
    (tmp_path / "main.tf").write_text(
        'provider "azurerm" {\n  features {}\n}\n\n' + body, encoding="utf-8"
    )
    assert [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA005"] == []


def test_for_each_siblings_are_not_called_replicas(tmp_path: Path) -> None:
    """Two keyed for_each siblings ("api", "admin") folded into one component: a failed
    one is a failed for_each instance, not a replica."""
    body = """\
  lb: {kind: load_balancer, scope: regional, depends_on: [web]}
  web: {kind: service, zones: [a, b], health_check: false}
"""
    arch = load_yaml(HEAD + body, tmp_path)
    web = arch.components["web"]
    keyed = web.settings.model_copy(update={"instance_keys": ["admin", "api"]})
    arch.components["web"] = web.model_copy(update={"settings": keyed})
    [finding] = run_rule("HA005", arch)
    assert finding.message.endswith("a failed for_each instance keeps receiving requests"), (
        finding.message
    )
