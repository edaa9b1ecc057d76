"""HA010: a stateful store with no backups or point-in-time recovery: unbounded RPO."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import read_replica
from spofcheck.model import Kind

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
        if read_replica(component):
            continue
        written = component.settings.backups_written or "backups: false"
        yield Violation(
            component.id,
            f"no backups ({written}): data lost to a bad "
            "write, a deletion or a corrupted volume cannot be restored (unbounded RPO); "
            "replicas copy the damage",
        )
