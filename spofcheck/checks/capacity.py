"""Shared arithmetic about a component's own capacity: redundancy and zone spread."""

from __future__ import annotations

from collections import Counter

from spofcheck.model import Component, Kind, Scope

PLUMBING = frozenset({Kind.CONFIG, Kind.NETWORK, Kind.MODULE})


def read_replica(component: Component) -> bool:
    """A copy serving reads for a primary: the primary's data and backups cover it."""
    return component.settings.read_replica or "read-replica" in component.tags


def replicas_noun(component: Component, count: int) -> str:
    """`replica(s)`, or `for_each instance(s)` when the copies are keyed siblings."""
    plural = "s" if count != 1 else ""
    keyed = bool(component.settings.instance_keys)
    return f"for_each instance{plural}" if keyed else f"replica{plural}"


def counted_standbys(component: Component) -> int:
    """Standby replicas that take over on their own (hot or warm, automatic failover)."""
    standby = component.standby
    return standby.replicas if standby is not None and standby.counts else 0


def capacity(component: Component) -> int:
    """Replicas that can serve, primaries plus counted standbys."""
    return component.replicas + counted_standbys(component)


def judged(component: Component) -> bool:
    """Its own redundancy is known: an instance-scoped component an adapter modelled."""
    return component.modelled and component.scope is Scope.INSTANCE


def single_instance(component: Component) -> bool:
    """One replica failure takes its own capacity below what it needs.

    Regional and global services are kept redundant by the provider; an opaque module's
    contents are unknown; a component whose replica count is unknown is never guessed at.
    Configuration and network components are judged like any other: adapters keep their
    plumbing off request paths, and a switch declared on one is a real single point.
    """
    if not judged(component) or component.kind is Kind.MODULE:
        return False
    if "replicas" in component.unresolved or component.replicas == 0:
        return False
    return capacity(component) - 1 < max(component.min_healthy, 1)


def zone_counts(component: Component) -> Counter[str]:
    """Replicas per zone, counted standbys included (only where zones are known)."""
    counts: Counter[str] = Counter(component.zones)
    standby = component.standby
    if standby is not None and standby.counts and standby.zones:
        for index in range(standby.replicas):
            counts[standby.zones[index % len(standby.zones)]] += 1
    return counts
