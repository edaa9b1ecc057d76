"""The catalogue of published SLA figures: complete, sourced, and consistent."""

from __future__ import annotations

import pytest

from spofcheck.availability.sla import (
    FALLBACK,
    default_source,
    entries,
    is_default_source,
    lookup,
)
from spofcheck.model import Kind, Scope

# Resource configurations the calculator's issue names; each must have its own entry.
NAMED = [
    "aws_instance",
    "aws_db_instance:single-az",
    "aws_db_instance:multi-az",
    "aws_rds_cluster",
    "aws_lb",
    "aws_elb",
    "aws_nat_gateway",
    "aws_elasticache_replication_group:multi-az",
    "aws_elasticache_cluster",
    "aws_s3_bucket",
    "aws_dynamodb_table",
    "aws_dynamodb_table:global",
    "aws_sqs_queue",
    "aws_lambda_function",
    "aws_route53_record",
    "aws_cloudfront_distribution",
    "aws_ecs_service",
    "aws_eks_cluster",
    "aws_efs_file_system",
    "aws_msk_cluster",
    "aws_docdb_cluster",
    "aws_opensearch_domain",
    "google_compute_instance",
    "google_sql_database_instance:zonal",
    "google_sql_database_instance:regional",
    "google_container_cluster:zonal",
    "google_container_cluster:regional",
    "google_redis_instance:basic",
    "google_redis_instance:standard_ha",
    "google_compute_backend_service",
    "azurerm_linux_virtual_machine",
    "azurerm_postgresql_flexible_server",
    "azurerm_mssql_database",
    "azurerm_redis_cache",
    "azurerm_kubernetes_cluster",
    "azurerm_lb",
    "azurerm_application_gateway",
]


def test_every_kind_has_a_default() -> None:
    missing = [k.value for k in Kind if f"kind:{k.value}" not in entries()]
    assert missing == []


@pytest.mark.parametrize("key", NAMED)
def test_named_configurations_have_entries(key: str) -> None:
    assert key in entries()


def test_every_entry_is_a_sourced_fraction() -> None:
    for key, figure in entries().items():
        assert 0.9 <= figure.availability <= 1.0, key
        assert len(figure.source) > 15, key
        assert figure.scope in Scope, key
        assert "%" in figure.source, key  # the tier's figure is quoted in the source


def test_published_figures() -> None:
    """Spot checks against the providers' SLA pages (as of the catalogue's writing)."""
    assert lookup("aws_instance").availability == 0.995  # EC2 instance-level
    assert lookup("aws_lb").availability == 0.9999  # Elastic Load Balancing
    assert lookup("aws_dynamodb_table:global").availability == 0.99999
    assert lookup("google_compute_instance").availability == 0.999  # single instance
    assert lookup("google_container_cluster:regional").availability == 0.9995
    assert lookup("azurerm_mssql_database:zone-redundant").availability == 0.99995


def test_standby_modelled_explicitly_uses_per_instance_figures() -> None:
    """The adapters give Multi-AZ RDS a standby replica; the composite 99.95% per replica
    would count the redundancy twice, so the entry is the single-instance 99.5%."""
    multi = lookup("aws_db_instance:multi-az")
    assert multi.availability == lookup("aws_db_instance:single-az").availability == 0.995
    assert "99.95%" in multi.source


def test_lookup_falls_back_from_variant_to_type_to_kind() -> None:
    assert lookup("aws_lb:network") == lookup("aws_lb")
    assert lookup("no_such_type", "kind:cache") == lookup("kind:cache")
    assert lookup("no_such_type") == FALLBACK


def test_default_sources_are_recognised() -> None:
    figure = lookup("kind:service")
    assert is_default_source(figure.source)  # what the adapters and YAML parser store
    assert is_default_source(default_source(figure))
    assert is_default_source("default")
    assert not is_default_source("declared")
