"""The cited recovery-time defaults of spofcheck/data/recovery.yaml, and which one applies."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from spofcheck.model import Component

SERVICE_BY_TYPE = {
    "aws_db_instance": "rds-multi-az",
    "aws_rds_cluster": "aurora",
    "google_sql_database_instance": "cloud-sql-ha",
    "azurerm_postgresql_flexible_server": "azure-flexible-server",
    "azurerm_mysql_flexible_server": "azure-flexible-server",
    "aws_elasticache_replication_group": "elasticache",
    "aws_s3_bucket": "s3",
    "aws_dynamodb_table": "dynamodb-global",
    "azurerm_mssql_database": "azure-sql",
    "azurerm_storage_account": "azure-storage",
}
# the service whose figures apply when the standby is in another region
_CROSS_REGION = {
    "aurora": "aurora-global",
    "elasticache": "elasticache-global",
    "azure-sql": "azure-sql-failover-group",
}


@cache
def table() -> dict[str, dict[str, Any]]:
    text = resources.files("spofcheck").joinpath("data/recovery.yaml").read_text("utf-8")
    loaded: dict[str, dict[str, Any]] = YAML(typ="safe").load(text)
    return loaded


def figure(key: str) -> tuple[float, float]:
    entry = table()[key]
    return float(entry["low"]), float(entry["high"])


def service(component: Component, cross_region: bool) -> str:
    """The failover entry for the component: written, by resource type, else generic."""
    written = component.attributes.get("recovery", {}).get("service")
    name = written or SERVICE_BY_TYPE.get(component.resource_type or "", "managed")
    if cross_region:
        name = _CROSS_REGION.get(str(name), name)
    return str(name)


def lag(component: Component, cross_region: bool) -> str:
    """The replication-lag entry: the service's own (`lag:<service>`, across regions or
    not), else `lag:async`."""
    names = (service(component, cross_region), service(component, False))
    return next((f"lag:{n}" for n in names if f"lag:{n}" in table()), "lag:async")


def failover(component: Component, cross_region: bool) -> str:
    """The promotion entry's service: the component's, else the generic managed one."""
    name = service(component, cross_region)
    return name if f"failover:{name}" in table() else "managed"
