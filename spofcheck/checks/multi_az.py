"""HA002: everything a component runs on sits in one zone, or its multi-zone switch is off."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import PLUMBING, capacity, judged, replicas_noun, zone_counts
from spofcheck.model import Component, Kind, Severity


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The provider's HA setting is off, or all counted replicas share one known zone.

    Components no entry point needs are reported at `assumed_severity`; storage accounts
    and buckets that nothing in the scan even sends requests to are not reported at all
    (diagnostics, logs and artifacts live there, and the zonal tier is a cost choice).
    """
    for component in ctx.components():
        if component.kind in PLUMBING:
            continue
        switch = component.settings.zone_redundancy
        setting = switch.written if switch is not None and not switch.on else None
        message = _switch_message(component, setting) if setting is not None else None
        zone = single_zone(component) if message is None else None
        if zone is not None:
            message = _zone_message(component, zone)
        if message is None:
            unguaranteed = not_guaranteed(component)
            if unguaranteed is not None:
                severity = Severity(options.get("unguaranteed_severity", "medium"))
                yield Violation(component.id, unguaranteed, severity=severity, key="spread")
            continue
        if component.id in ctx.served:
            yield Violation(component.id, message)
        elif component.kind is not Kind.STORAGE or ctx.callers(component.id):
            severity = Severity(options.get("assumed_severity", "medium"))
            yield Violation(component.id, message + _ASSUMED, severity=severity)


_ASSUMED = "; no entry point in the scan reaches it, so its criticality was assumed"


def single_zone(component: Component) -> str | None:
    """The one zone holding all of a multi-replica component's capacity, when known.

    A single replica is HA001's business; unknown placements are never guessed at.
    """
    if not judged(component):
        return None
    if {"replicas", "zones", "standby"} & set(component.unresolved):
        return None
    if capacity(component) < 2 or not _placement_known(component):
        return None
    zones = zone_counts(component)
    return next(iter(zones)) if len(zones) == 1 else None


def not_guaranteed(component: Component) -> str | None:
    """Several replicas, no known zones, and the platform says nothing forces a spread."""
    reason = component.zone_spread_not_guaranteed
    if reason is None or component.zones or capacity(component) < 2:
        return None
    if "replicas" in component.unresolved:
        return None
    n = capacity(component)
    return f"{n} {replicas_noun(component, n)}, but {reason}"


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
    noun = replicas_noun(component, n)
    parts = (
        f"all {n} {noun}"
        if standby is None or not standby.counts
        else (f"all {n} {noun} (standbys included)")
    )
    cold = ""
    if standby is not None and not standby.counts:
        cold = f"; its {standby.mode.value} standby needs {standby.failover.value} failover"
    return f"{parts} run in zone {zone}; one outage of {zone} takes it down{cold}"
