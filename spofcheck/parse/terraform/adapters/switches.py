"""Provider settings that turn a managed service's cross-zone redundancy off.

Each entry reads one resource type's attributes and returns the setting that makes the
service single-zone, written the way the user wrote it (or "not set" plus the provider
default), or None when the service is multi-zone or the value is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spofcheck.model import Component
from spofcheck.parse.terraform.adapters.attrs import MISSING, flag, lookup, present, show, text
from spofcheck.parse.terraform.adapters.managed import AZAPI_NAT_GATEWAY

SwitchFn = Callable[[Component], str | None]

_GCP_ZONE = re.compile(r"^[a-z]+-[a-z]+\d+-[a-z]$")


def _rds_instance(c: Component) -> str | None:
    if "read-replica" in c.tags or present(c, "replicate_source_db"):
        return None  # a read replica's placement is its own choice, not the primary's HA
    value = flag(c, "multi_az", default=False)
    if value is not False:
        return None
    if lookup(c, "multi_az") is MISSING:
        return "multi_az unset, defaulting to false"
    return "multi_az = false"


def _cloud_sql(c: Component) -> str | None:
    if present(c, "master_instance_name"):
        return None
    value = lookup(c, "settings.availability_type")
    if value is MISSING:
        return 'settings.availability_type unset, defaulting to "ZONAL"'
    return 'settings.availability_type = "ZONAL"' if value == "ZONAL" else None


def _gke(c: Component) -> str | None:
    location = text(c, "location")
    if location is None or not _GCP_ZONE.match(location):
        return None
    return f"location = {show(location)} is a zone, so the control plane is zonal"


def _memorystore(c: Component) -> str | None:
    tier = lookup(c, "tier")
    if tier is MISSING:
        return 'tier unset, defaulting to "BASIC" (one node, no replica)'
    return 'tier = "BASIC" (one node, no replica)' if tier == "BASIC" else None


def _azure_flexible(c: Component) -> str | None:
    if text(c, "create_mode") == "Replica":
        return None
    if not present(c, "high_availability"):
        return "no high_availability block (no standby server)"
    mode = lookup(c, "high_availability.mode")
    if mode == "SameZone":
        return 'high_availability.mode = "SameZone" (the standby shares the zone)'
    return None


def _storage_account(c: Component) -> str | None:
    kind = text(c, "account_replication_type")
    if kind != "LRS":
        return None
    return 'account_replication_type = "LRS" (every copy in one datacenter)'


def _azure_sql(c: Component) -> str | None:
    if c.standby is not None and c.standby.counts:
        return None  # a failover group's secondary takes over when the zone goes
    if flag(c, "zone_redundant", default=False) is not False:
        return None
    if lookup(c, "zone_redundant") is MISSING:
        return "zone_redundant unset, defaulting to false"
    return "zone_redundant = false"


def _efs(c: Component) -> str | None:
    zone = text(c, "availability_zone_name")
    return None if zone is None else f"availability_zone_name = {show(zone)} (One Zone storage)"


def _redshift(c: Component) -> str | None:
    if flag(c, "multi_az", default=False) is not False:
        return None
    if lookup(c, "multi_az") is MISSING:
        return "multi_az unset, defaulting to false (every node in one zone)"
    return "multi_az = false (every node in one zone)"


def _search(c: Component) -> str | None:
    """OpenSearch/Elasticsearch without zone awareness keeps every node in one zone, however
    many nodes (which zone the code rarely says: the switch is what is known)."""
    if flag(c, "cluster_config.multi_az_with_standby_enabled", default=False) is True:
        return None
    if flag(c, "cluster_config.zone_awareness_enabled", default=False) is not False:
        return None
    if lookup(c, "cluster_config.zone_awareness_enabled") is MISSING:
        return "zone_awareness_enabled unset, defaulting to false (every node in one zone)"
    return "zone_awareness_enabled = false (every node in one zone)"


def _azure_zones(key: str) -> SwitchFn:
    """Azure places a resource with no `zones` in no zone it promises (non-zonal): every
    replica may share one zone. Unset is therefore single-zone, not unknown."""

    def switch(c: Component) -> str | None:
        value = lookup(c, key)
        if value is not MISSING and value is not None:  # `zones = null` is not written
            return None
        said = "unset" if value is MISSING else "= null"
        return f"{key} {said}, defaulting to non-zonal (Azure may place every replica in one zone)"

    return switch


def _azapi(c: Component) -> str | None:
    """`azapi_resource` of an ARM type read like its azurerm twin (adapters/managed.py)."""
    kind = (text(c, "type") or "").lower()
    if kind.startswith(AZAPI_NAT_GATEWAY):
        return _azure_zones("body.zones")(c)
    return None


_AZURE_ZONES = {
    "azurerm_kubernetes_cluster": "default_node_pool.zones",
    "azurerm_kubernetes_cluster_node_pool": "zones",
    "azurerm_linux_virtual_machine": "zone",
    "azurerm_windows_virtual_machine": "zone",
    "azurerm_virtual_machine": "zones",
    "azurerm_linux_virtual_machine_scale_set": "zones",
    "azurerm_windows_virtual_machine_scale_set": "zones",
    "azurerm_orchestrated_virtual_machine_scale_set": "zones",
    "azurerm_virtual_machine_scale_set": "zones",
    "azurerm_nat_gateway": "zones",
}

SWITCHES: dict[str, SwitchFn] = {
    **{kind: _azure_zones(key) for kind, key in _AZURE_ZONES.items()},
    "azapi_resource": _azapi,
    "aws_redshift_cluster": _redshift,
    "aws_opensearch_domain": _search,
    "aws_elasticsearch_domain": _search,
    "aws_db_instance": _rds_instance,
    "google_sql_database_instance": _cloud_sql,
    "google_container_cluster": _gke,
    "google_redis_instance": _memorystore,
    "azurerm_postgresql_flexible_server": _azure_flexible,
    "azurerm_mysql_flexible_server": _azure_flexible,
    "aws_efs_file_system": _efs,
    "azurerm_storage_account": _storage_account,
    "azurerm_mssql_database": _azure_sql,
}

# Managed services that keep several copies inside their one zone: "1 replica" would be
# wrong about them, so HA001 leaves them to HA002, which names the zonal setting.
ZONAL_COPIES = frozenset(
    {
        "aws_efs_file_system",
        "azurerm_storage_account",
        "azurerm_mssql_database",
        "aws_redshift_cluster",
    }
)


def switched_off(component: Component) -> str | None:
    """The setting that keeps this component in one zone, if its type has one and it is off."""
    fn = SWITCHES.get(component.resource_type or "")
    return fn(component) if fn is not None else None
