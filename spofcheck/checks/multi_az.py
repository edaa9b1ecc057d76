"""HA002: everything a component runs on sits in one zone, or its multi-zone switch is off."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import PLUMBING, capacity, zone_counts
from spofcheck.checks.switches import switched_off
from spofcheck.model import Component, Scope


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The provider's HA setting is off, or all counted replicas share one known zone."""
    for component in ctx.components():
        if component.kind in PLUMBING:
            continue
        setting = switched_off(component)
        if setting is not None:
            yield Violation(component.id, _switch_message(component, setting))
            continue
        zone = single_zone(component)
        if zone is not None:
            yield Violation(component.id, _zone_message(component, zone))


def single_zone(component: Component) -> str | None:
    """The one zone holding all of a multi-replica component's capacity, when known.

    A single replica is HA001's business; unknown placements are never guessed at.
    """
    if component.scope is not Scope.INSTANCE:
        return None
    if {"replicas", "zones", "standby"} & set(component.unresolved):
        return None
    if capacity(component) < 2 or not _placement_known(component):
        return None
    zones = zone_counts(component)
    return next(iter(zones)) if len(zones) == 1 else None


def _placement_known(component: Component) -> bool:
    if len(component.zones) != component.replicas:
        return False
    standby = component.standby
    return standby is None or not standby.counts or bool(standby.zones)


def _switch_message(component: Component, setting: str) -> str:
    return (
        f"runs in a single zone: {setting}; one zone outage takes it down "
        "until it is restored or rebuilt elsewhere"
    )


def _zone_message(component: Component, zone: str) -> str:
    n = capacity(component)
    standby = component.standby
    parts = (
        f"all {n} replicas"
        if standby is None or not standby.counts
        else (f"all {n} replicas (standbys included)")
    )
    cold = ""
    if standby is not None and not standby.counts:
        cold = f"; its {standby.mode.value} standby needs {standby.failover.value} failover"
    return f"{parts} run in zone {zone}; one outage of {zone} takes it down{cold}"
