"""Normalize provider switches onto the component, so rules never read raw attributes.

Runs on the stamped component (its JSON-safe `attributes`): which attribute of which
resource type means zone redundancy, deletion protection, backups, stickiness, manual
failover or cross-zone balancing lives here and in `switches.py`, nowhere in the checks.
"""

from __future__ import annotations

from typing import Any

from spofcheck.model import Component, Kind, Settings, Toggle
from spofcheck.parse.terraform.adapters.attrs import MISSING, flag, lookup, present, show, text
from spofcheck.parse.terraform.adapters.checking import normalize_health_check
from spofcheck.parse.terraform.adapters.switches import ZONAL_COPIES, switched_off

# resource type -> (attribute, provider default)
_PROTECTION: dict[str, tuple[str, bool]] = {
    "aws_db_instance": ("deletion_protection", False),
    "aws_rds_cluster": ("deletion_protection", False),
    "aws_docdb_cluster": ("deletion_protection", False),
    "aws_neptune_cluster": ("deletion_protection", False),
    "aws_dynamodb_table": ("deletion_protection_enabled", False),
    "google_sql_database_instance": ("deletion_protection", True),
    "google_spanner_database": ("deletion_protection", True),
    "google_bigtable_instance": ("deletion_protection", True),
}
_RETENTION = {
    "aws_db_instance": "backup_retention_period",
    "aws_rds_cluster": "backup_retention_period",
    "aws_docdb_cluster": "backup_retention_period",
    "aws_neptune_cluster": "backup_retention_period",
    "aws_elasticache_replication_group": "snapshot_retention_limit",
    "aws_elasticache_cluster": "snapshot_retention_limit",
}
_BACKUP_WORDS = {
    "aws_dynamodb_table": "point_in_time_recovery is not enabled",
    "google_sql_database_instance": "settings.backup_configuration.enabled is not true",
}
_CROSS_ZONE = {
    "aws_lb": "enable_cross_zone_load_balancing",
    "aws_alb": "enable_cross_zone_load_balancing",
    "aws_elb": "cross_zone_load_balancing",
    "aws_lb_target_group": "load_balancing_cross_zone_enabled",
    "aws_alb_target_group": "load_balancing_cross_zone_enabled",
}
_PLUMBING = frozenset({Kind.CONFIG, Kind.NETWORK, Kind.MODULE})
_CAPACITY_KEYS = ("desired_capacity", "min_size", "target_size", "instances")


def with_settings(component: Component) -> Component:
    """The component with `settings` and its health check normalized from attributes."""
    update: dict[str, Any] = {}
    health_check = normalize_health_check(component)
    if health_check != component.health_check:
        update["health_check"] = health_check
    if component.kind not in _PLUMBING:  # plumbing: only a health check's timing matters
        found = {
            "zone_redundancy": _zone_redundancy(component),
            "zonal_copies": component.resource_type in ZONAL_COPIES,
            "deletion_protection": _protection(component),
            "cross_zone_load_balancing": _cross_zone(component),
            "read_replica": "read-replica" in component.tags
            or present(component, "replicate_source_db"),
            "backups_written": _backups(component),
            "sticky_written": _sticky(component),
            "failover_written": _failover(component),
            "replicas_written": _replicas(component),
        }
        written = {key: value for key, value in found.items() if value}
        if written:  # most components have none: skip building a record for them
            update["settings"] = Settings(**written)
    return component.model_copy(update=update) if update else component


def _zone_redundancy(component: Component) -> Toggle | None:
    written = switched_off(component)
    return None if written is None else Toggle(on=False, written=written)


def _protection(component: Component) -> Toggle | None:
    entry = _PROTECTION.get(component.resource_type or "")
    if entry is None:
        return None
    name, default = entry
    value = flag(component, name, default)
    if value is None:
        return None
    if value:
        return Toggle(on=True, written=f"{name} = true")
    if lookup(component, name) is MISSING:
        return Toggle(on=False, written=f"{name} unset, defaulting to false")
    return Toggle(on=False, written=f"{name} = false")


def _cross_zone(component: Component) -> Toggle | None:
    name = _CROSS_ZONE.get(component.resource_type or "")
    if name is None or lookup(component, name) is MISSING:
        return None  # the default is a documented choice; only a written value is judged
    value = flag(component, name, default=None)
    return None if value is None else Toggle(on=value, written=f"{name} = {show(value)}")


def _backups(component: Component) -> str | None:
    if component.backups is not False:
        return None
    rtype = component.resource_type or ""
    if rtype in _RETENTION:
        name = _RETENTION[rtype]
        value = lookup(component, name)
        return f"{name} unset, defaulting to 0" if value is MISSING else f"{name} = {show(value)}"
    return _BACKUP_WORDS.get(rtype, "backups are off")


def _sticky(component: Component) -> str | None:
    """The attribute that turns affinity on, as written."""
    if component.sticky_sessions is not True:
        return None
    rtype = component.resource_type or ""
    if rtype in ("aws_lb_target_group", "aws_alb_target_group"):
        kind = lookup(component, "stickiness.type")
        return "stickiness enabled" + ("" if kind is MISSING else f", type = {show(kind)}")
    if rtype == "aws_elb":
        return "a cookie stickiness policy is attached"
    affinity = text(component, "session_affinity")
    if rtype.startswith("google_compute") and affinity:
        return f"session_affinity = {show(affinity)}"
    if rtype == "azurerm_application_gateway":
        return 'cookie_based_affinity = "Enabled"'
    if rtype == "azurerm_lb":
        return "a load-balancing rule distributes by client IP"
    return "session affinity on"


def _failover(component: Component) -> str | None:
    if component.resource_type != "aws_elasticache_replication_group":
        return None
    if lookup(component, "automatic_failover_enabled") is MISSING:
        return "automatic_failover_enabled unset, defaulting to false"
    return "automatic_failover_enabled = false"


def _replicas(component: Component) -> str | None:
    for key in _CAPACITY_KEYS:
        value = lookup(component, key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{key} = {show(value)}"
    return None
