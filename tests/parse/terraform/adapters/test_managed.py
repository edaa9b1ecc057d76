"""Managed services on request paths: modelled with the redundancy they really have, and
types no adapter knows kept as unknown, never as single 99.5 % machines."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Kind, Scope
from tests.helpers.rule_cases import scan_folder

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
DNS = """
resource "aws_route53_zone" "main" {
  name = "example.com"
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "api.example.com"
  type    = "A"
  alias {
    name                   = %s
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = true
  }
}
"""
DOMAIN = """
resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api_mapping" "api" {
  api_id      = aws_apigatewayv2_api.api.id
  domain_name = aws_apigatewayv2_domain_name.api.id
  stage       = "$default"
}
"""


def _scan(tmp_path: Path, code: str):  # type: ignore[no-untyped-def]
    (tmp_path / "main.tf").write_text(PROVIDER + code, encoding="utf-8")
    return scan_folder(tmp_path)


def test_a_regional_api_domain_behind_route53_is_no_spof(tmp_path: Path) -> None:
    """Before: an unknown type, so one 99.5 % machine on the path: high HA001 and exit 1.
    Now a regional gateway (AWS keeps it across zones) that needs the API it maps to."""
    target = "aws_apigatewayv2_domain_name.api.domain_name_configuration[0].target_domain_name"
    result = _scan(tmp_path, DNS % target + DOMAIN)
    arch = result.stacks[0].arch
    domain = arch.components["aws_apigatewayv2_domain_name.api"]
    assert (domain.kind, domain.scope, domain.modelled) == (Kind.GATEWAY, Scope.REGIONAL, True)
    requests = {(d.source, t) for d in arch.request_dependencies() for t in d.targets}
    assert ("aws_apigatewayv2_domain_name.api", "aws_apigatewayv2_api.api") in requests
    assert [f for f in result.report.findings if f.rule_id == "HA001"] == []


def test_a_type_no_adapter_knows_is_unknown_not_a_single_machine(tmp_path: Path) -> None:
    """Global Accelerator has no adapter: `modelled: false`, figure 1.0 (left out of the
    product, saying so), and no HA001 although every request crosses it."""
    code = (
        DNS % "aws_globalaccelerator_accelerator.edge.dns_name"
        + """
resource "aws_globalaccelerator_accelerator" "edge" {
  name = "edge"
}
"""
    )
    result = _scan(tmp_path, code)
    edge = result.stacks[0].arch.components["aws_globalaccelerator_accelerator.edge"]
    assert edge.modelled is False
    assert edge.availability == 1.0
    assert "not modelled" in edge.availability_source
    assert [f for f in result.report.findings if f.rule_id == "HA001"] == []
    availability = result.stacks[0].availability
    assert availability is not None
    assert (
        "availability: left out aws_globalaccelerator_accelerator.edge: not modelled, "
        "availability and redundancy unknown"
    ) in availability.notes


def test_an_aks_cluster_written_with_azapi_is_read_like_azurerm(tmp_path: Path) -> None:
    """One agent pool of 3 nodes in zones 1, 2 and 3 of West Europe."""
    code = """
provider "azapi" {}

resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "aks"
  location  = "West Europe"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  body = {
    properties = {
      agentPoolProfiles = [{
        name              = "system"
        count             = 3
        availabilityZones = ["1", "2", "3"]
      }]
    }
  }
}

resource "azapi_resource" "other" {
  type      = "Microsoft.Web/sites@2023-01-01"
  name      = "site"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
}
"""
    (tmp_path / "main.tf").write_text(code, encoding="utf-8")
    components = scan_folder(tmp_path).stacks[0].arch.components
    aks = components["azapi_resource.aks"]
    assert (aks.kind, aks.replicas) == (Kind.CLUSTER, 3)
    assert aks.zones == ["westeurope-1", "westeurope-2", "westeurope-3"]
    assert components["azapi_resource.other"].modelled is False
