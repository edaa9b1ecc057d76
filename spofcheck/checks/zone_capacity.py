"""HA009: losing the busiest zone leaves fewer replicas than the declared capacity needs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import (
    PLUMBING,
    capacity,
    judged,
    replicas_noun,
    single_instance,
    zone_counts,
)
from spofcheck.checks.multi_az import single_zone
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Spread over zones, yet N+0 at zone level: capacity - busiest zone < min_healthy."""
    for component in ctx.components():
        found = zone_shortfall(component)
        if found is not None:
            zone, held, left = found
            yield Violation(component.id, _message(component, zone, held, left))


def zone_shortfall(component: Component) -> tuple[str, int, int] | None:
    """(busiest zone, replicas in it, replicas left without it) when that is too few.

    Left to other rules: one zone for everything (HA002), and a component that one
    replica failure already takes below its need (HA001).
    """
    if not judged(component) or component.kind in PLUMBING:
        return None
    if {"replicas", "zones", "standby", "min_healthy"} & set(component.unresolved):
        return None
    if single_instance(component) or single_zone(component) is not None:
        return None
    counts = zone_counts(component)
    if len(component.zones) != component.replicas or len(counts) < 2:
        return None
    zone, held = max(sorted(counts.items()), key=lambda item: item[1])
    left = capacity(component) - held
    return (zone, held, left) if left < component.min_healthy else None


def _message(component: Component, zone: str, held: int, left: int) -> str:
    need = component.min_healthy
    why = f"the quorum's majority of {need}" if component.quorum else f"min_healthy {need}"
    return (
        f"losing zone {zone} (holding {held} of {capacity(component)} "
        f"{replicas_noun(component, 2)}) leaves "
        f"{left}, fewer than {why}: N+0 at zone level where N+1 was meant"
    )
