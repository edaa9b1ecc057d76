"""How the calculator reads a component: the one derivation `spofcheck model` also shows.

Every default or inference the calculator applies to a component is made here, once, so
the model output (`report/model_format.py`) cannot show one number while the calculator
uses another. See docs/yaml-format.md, "Defaults the calculator uses".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from spofcheck.model import (
    Architecture,
    Component,
    Failover,
    Replication,
    Standby,
    StandbyMode,
)

ASSUMED_ZONES = "assumed: shares primary's zones"


class NeedSource(StrEnum):
    """Where the effective `min_healthy` comes from."""

    MIN_HEALTHY = "min_healthy"  # the component's own value (written, or the default 1)
    QUORUM = "quorum"  # the majority `quorum: true` asks for


@dataclass(frozen=True)
class StandbyReading:
    """A standby as the calculator counts it."""

    mode: StandbyMode
    mode_default: bool  # `mode` was not written: the documented default (warm)
    failover: Failover
    failover_success: float
    counts: bool  # adds capacity when it matters (hot/warm and automatic)
    replicas: int
    zones: tuple[str, ...]  # one per standby replica; empty when no zone is known
    zones_assumed: bool  # no zones written: placed in the primaries' zones
    region: str | None
    availability: float  # per standby replica
    replication: Replication | None = None  # as written (None: by region, see below)
    members: tuple[str, ...] = ()

    def replication_in(self, cross_region: bool) -> Replication:
        """The written mode, else sync within the primary's region and async across."""
        if self.replication is not None:
            return self.replication
        return Replication.ASYNC if cross_region else Replication.SYNC

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "mode_default": self.mode_default,
            "failover": self.failover.value,
            "failover_success": self.failover_success,
            "counts": self.counts,
            "replicas": self.replicas,
            "zones": list(self.zones),
            "zones_assumed": self.zones_assumed,
            "region": self.region,
            "availability": self.availability,
            "replication": self.replication.value if self.replication else None,
            "members": list(self.members),
        }


@dataclass(frozen=True)
class Reading:
    """What the calculator uses for one component's own capacity."""

    min_healthy: int
    min_healthy_from: NeedSource
    majority_of: int | None  # the replica count the majority is of, when from quorum
    standby: StandbyReading | None
    # False when the input does not say how many replicas run (`replicas` unresolved):
    # the calculator then leaves the component out (never failing) and says so.
    replicas_known: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "min_healthy": self.min_healthy,
            "min_healthy_from": self.min_healthy_from.value,
            "standby": self.standby.to_json() if self.standby is not None else None,
            "replicas_known": self.replicas_known,
        }


def read_component(component: Component) -> Reading:
    """The effective `min_healthy` and standby of `component`, as the calculator uses them."""
    need, source = _need(component)
    majority = component.replicas if source is NeedSource.QUORUM else None
    standby = _standby(component, component.standby) if component.standby is not None else None
    return Reading(need, source, majority, standby, replicas_known(component))


def replicas_known(component: Component) -> bool:
    """The input says how many replicas run: a count the parser could not evaluate
    (`count = var.n`, `desired_count = var.n` without a value) is not read as 1."""
    return "replicas" not in component.unresolved


def _need(component: Component) -> tuple[int, NeedSource]:
    """With `quorum: true`, at least a majority of the primaries (standbys count only once
    promoted); a written value at or above the majority is kept."""
    if component.quorum and component.replicas > 0:
        majority = component.replicas // 2 + 1
        if component.min_healthy <= majority:
            return majority, NeedSource.QUORUM
    return component.min_healthy, NeedSource.MIN_HEALTHY


def _standby(component: Component, standby: Standby) -> StandbyReading:
    zones = list(standby.zones)
    # unknown placement is not a free pass out of every outage: a standby without zones
    # (and no region of its own) shares the primaries' zones, replica j in zone j mod n
    assumed = not zones and bool(component.zones) and standby.region in {None, component.region}
    if assumed:
        zones = list(component.zones)
    return StandbyReading(
        mode=standby.mode,
        mode_default=standby.mode_default,
        failover=standby.failover,
        failover_success=standby.failover_success,
        counts=standby.counts,
        replicas=standby.replicas,
        zones=tuple(zones[j % len(zones)] for j in range(standby.replicas)) if zones else (),
        zones_assumed=assumed,
        region=standby.region or component.region,
        availability=standby.availability or component.availability,
        replication=standby.replication,
        members=tuple(standby.members),
    )


def standby_region(arch: Architecture, component: Component) -> str | None:
    """The region the component's standby runs in: its first zone's, else its own or the
    primaries' (None without a standby)."""
    standby = read_component(component).standby
    if standby is None:
        return None
    zone = standby.zones[0] if standby.zones else None
    return zone_region(arch, zone, standby.region)


def primary_region(arch: Architecture, component: Component) -> str | None:
    """The region of the component's primaries: its first zone's, else its own."""
    zone = component.zones[0] if component.zones else None
    return zone_region(arch, zone, component.region)


def zone_region(arch: Architecture, zone: str | None, region: str | None) -> str | None:
    """The region a replica in `zone` is exposed to: the zone's own (declared or inferred
    once by the parser), else `region`, the replica's (component's or standby's)."""
    declared = arch.zones.get(zone) if zone is not None else None
    if declared is not None and declared.region is not None:
        return declared.region
    return region
