"""HA010: a stateful store with no backups or point-in-time recovery: unbounded RPO."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import MISSING, lookup, present, show
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component, Kind

DEFAULT_KINDS = ("database", "storage", "search", "coordination")


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """`backups` is known to be off on a store of one of the configured kinds.

    Caches and queues are left out by default: their contents are rebuilt or replayed,
    not restored. Read replicas are left out: the primary's backups cover them.
    """
    kinds = {Kind(k) for k in options.get("kinds", DEFAULT_KINDS)}
    for component in ctx.components():
        if component.backups is not False or component.kind not in kinds:
            continue
        if "read-replica" in component.tags or present(component, "replicate_source_db"):
            continue
        yield Violation(
            component.id,
            f"no backups ({_setting(component)}): data lost to a bad "
            "write, a deletion or a corrupted volume cannot be restored (unbounded RPO); "
            "replicas copy the damage",
        )


_SETTINGS = {
    "aws_db_instance": "backup_retention_period",
    "aws_rds_cluster": "backup_retention_period",
    "aws_docdb_cluster": "backup_retention_period",
    "aws_neptune_cluster": "backup_retention_period",
    "aws_elasticache_replication_group": "snapshot_retention_limit",
    "aws_elasticache_cluster": "snapshot_retention_limit",
}


def _setting(component: Component) -> str:
    rtype = component.resource_type
    if rtype is None:
        return "backups: false"
    if rtype in _SETTINGS:
        name = _SETTINGS[rtype]
        value = lookup(component, name)
        return f"{name} unset, defaulting to 0" if value is MISSING else f"{name} = {show(value)}"
    if rtype == "aws_dynamodb_table":
        return "point_in_time_recovery is not enabled"
    if rtype == "google_sql_database_instance":
        return "settings.backup_configuration.enabled is not true"
    return "backups are off"
