"""The registry: every issue-listed type has an adapter, and no adapter breaks on
values it cannot know (it must keep quiet, never raise)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from spofcheck.model import Kind
from spofcheck.parse.terraform.adapters.generic import classify
from spofcheck.parse.terraform.adapters.registry import HANDLERS, known_types
from spofcheck.parse.terraform.resources import Unknown
from tests.helpers.adapter_kit import model, res

# The resource types the core issue names, per provider.
LISTED = [
    "aws_instance",
    "aws_autoscaling_group",
    "aws_launch_template",
    "aws_lb",
    "aws_alb",
    "aws_elb",
    "aws_lb_target_group",
    "aws_lb_listener",
    "aws_lb_target_group_attachment",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_rds_cluster_instance",
    "aws_elasticache_cluster",
    "aws_elasticache_replication_group",
    "aws_nat_gateway",
    "aws_route53_record",
    "aws_route53_health_check",
    "aws_cloudfront_distribution",
    "aws_ecs_service",
    "aws_eks_node_group",
    "aws_eks_cluster",
    "aws_lambda_function",
    "aws_sqs_queue",
    "aws_s3_bucket",
    "aws_dynamodb_table",
    "aws_efs_file_system",
    "aws_msk_cluster",
    "aws_docdb_cluster",
    "aws_opensearch_domain",
    "aws_ec2_instance_state",
    "google_compute_instance",
    "google_compute_instance_group_manager",
    "google_compute_region_instance_group_manager",
    "google_compute_backend_service",
    "google_compute_health_check",
    "google_sql_database_instance",
    "google_container_cluster",
    "google_container_node_pool",
    "google_redis_instance",
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_linux_virtual_machine_scale_set",
    "azurerm_windows_virtual_machine_scale_set",
    "azurerm_lb",
    "azurerm_application_gateway",
    "azurerm_postgresql_flexible_server",
    "azurerm_mysql_flexible_server",
    "azurerm_mssql_database",
    "azurerm_redis_cache",
    "azurerm_kubernetes_cluster",
]


def test_every_listed_type_has_an_adapter() -> None:
    assert sorted(set(LISTED) - set(HANDLERS)) == []
    assert known_types() == sorted(HANDLERS)


def test_subnets_and_route_tables_are_network_plumbing() -> None:
    """Listed too, but as plumbing: the generic classifier names them."""
    assert classify("aws_subnet") is Kind.NETWORK
    assert classify("aws_route_table") is Kind.NETWORK
    assert classify("aws_iam_role_policy_attachment") is Kind.CONFIG
    assert classify("aws_security_group") is Kind.CONFIG
    assert classify("random_password") is Kind.CONFIG
    assert classify("aws_transfer_server") is Kind.OTHER


class _Everything(Mapping[str, Any]):
    """A body where every attribute is written with `make()`'s value."""

    def __init__(self, make: Any) -> None:
        self._make = make

    def __getitem__(self, key: str) -> Any:
        return self._make()

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _unknown() -> Unknown:
    return Unknown(expr="var.anything")


def _nested() -> list[Any]:
    return [_Everything(_unknown)]


@pytest.mark.parametrize("type_name", known_types())
@pytest.mark.parametrize("make", [_unknown, _nested], ids=["unknown", "unknown-blocks"])
def test_adapter_survives_unknown_everything(type_name: str, make: Any) -> None:
    arch = model(res(f"{type_name}.x", _Everything(make)))
    assert arch.errors == []
    assert f"{type_name}.x" in arch.components


@pytest.mark.parametrize("type_name", known_types())
def test_adapter_survives_an_empty_body(type_name: str) -> None:
    arch = model(res(f"{type_name}.x", {}))
    assert arch.errors == []


@pytest.mark.parametrize(
    ("address", "body", "field", "expected"),
    [
        ("aws_lb_target_group.t", {"health_check": "?"}, "health", None),
        ("aws_lb_target_group.t", {"stickiness": "?"}, "sticky", None),
        ("aws_dynamodb_table.t", {"point_in_time_recovery": "?"}, "backups", None),
        ("google_compute_backend_service.b", {"health_checks": "?"}, "health", None),
        ("google_sql_database_instance.d", {"settings": "?"}, "unresolved", ["standby", "zones"]),
        (
            "azurerm_postgresql_flexible_server.d",
            {"location": "eastus", "zone": "1", "high_availability": "?"},
            "unresolved",
            ["standby"],
        ),
    ],
)
def test_unknown_blocks_are_unknown_not_provider_defaults(
    address: str, body: dict[str, Any], field: str, expected: Any
) -> None:
    """'?' stands for a block the loader could not evaluate (an unknown dynamic block)."""
    attrs = {k: Unknown(expr=f"dynamic.{k}") if v == "?" else v for k, v in body.items()}
    component = model(res(address, attrs)).components[address]
    got = {
        "health": component.health_check.enabled,
        "sticky": component.sticky_sessions,
        "backups": component.backups,
        "unresolved": component.unresolved,
    }[field]
    assert got == expected
