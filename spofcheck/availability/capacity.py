"""A component's own capacity (rules 1-3): replicas, where they live, standby and failover.

Given which zones and regions are down, replicas are independent: replica i is usable
with its availability if none of its failure domains is down, else never. Own capacity
is up iff at least `need` primaries are usable, or failover works and at least `need`
primaries plus counted standbys are usable:

    P(up) = P(P >= k) + f * sum_{j<k} P(P = j) * P(S >= k - j)

with P and S the numbers of usable primaries and standbys (non-identical Bernoulli sums,
computed by dynamic programming) and f the failover success probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from spofcheck.availability.readings import StandbyReading, read_component, zone_region
from spofcheck.model import Architecture, Component, Scope

Domain = str  # "zone:<id>" or "region:<id>"; only zones and regions with availability < 1


@dataclass(frozen=True)
class Replica:
    availability: float
    exposure: frozenset[Domain]  # the modelled zone/region outages that take it down


@dataclass(frozen=True)
class Capacity:
    """Everything rule 3 needs about one component."""

    primaries: tuple[Replica, ...]
    standbys: tuple[Replica, ...]  # counted standbys only (hot/warm and automatic)
    need: int
    failover: float

    @cached_property
    def domains(self) -> frozenset[Domain]:
        return frozenset(d for r in (*self.primaries, *self.standbys) for d in r.exposure)

    def probability(self, down: frozenset[Domain]) -> float:
        """P(own capacity up | exactly the domains in `down` are down)."""
        if self.need <= 0:
            return 1.0
        primaries = distribution([_usable(r, down) for r in self.primaries])
        up = sum(primaries[self.need :])
        if not self.standbys:
            return up
        standbys = distribution([_usable(r, down) for r in self.standbys])
        rescued = sum(
            primaries[j] * sum(standbys[self.need - j :])
            for j in range(min(self.need, len(primaries)))
        )
        return up + self.failover * rescued


# A component whose replica count is unknown: left out of the value (needs nothing), so the
# figure is an upper bound over it; the calculator notes which components were left out.
UNCOUNTED = Capacity((), (), 0, 1.0)


def _usable(replica: Replica, down: frozenset[Domain]) -> float:
    return replica.availability if replica.exposure.isdisjoint(down) else 0.0


def distribution(probabilities: Sequence[float]) -> list[float]:
    """P(exactly j successes) for independent trials with the given probabilities."""
    dist = [1.0]
    for q in probabilities:
        nxt = [0.0] * (len(dist) + 1)
        for j, p in enumerate(dist):
            nxt[j] += p * (1.0 - q)
            nxt[j + 1] += p * q
        dist = nxt
    return dist


def capacity(arch: Architecture, component: Component) -> tuple[Capacity, list[str]]:
    """The capacity model of one component, and notes on what was not counted."""
    reading = read_component(component)
    if not reading.replicas_known:
        return UNCOUNTED, []
    notes: list[str] = []
    primaries = tuple(
        Replica(
            component.availability,
            exposure(arch, component.scope, _nth(component.zones, i), component.region),
        )
        for i in range(component.replicas)
    )
    standbys, failover = _standbys(arch, component, reading.standby, notes)
    need = reading.min_healthy
    if need > len(primaries) + len(standbys):
        have = len(primaries) + len(standbys)
        notes.append(
            f"availability: {component.id} needs {need} healthy "
            f"{'replica' if need == 1 else 'replicas'} but has {have}: "
            "its own capacity is never up"
        )
    return Capacity(primaries, standbys, need, failover), notes


def _standbys(
    arch: Architecture, component: Component, standby: StandbyReading | None, notes: list[str]
) -> tuple[tuple[Replica, ...], float]:
    if standby is None or standby.replicas == 0:
        return (), 1.0
    if not standby.counts:
        notes.append(
            f"availability: {component.id} standby ({standby.mode.value}, "
            f"{standby.failover.value} failover) adds no capacity"
        )
        return (), 1.0
    if standby.zones_assumed:
        notes.append(
            f"availability: {component.id} standby has no zones written; assumed in the "
            f"primaries' zones ({', '.join(sorted(set(standby.zones)))})"
        )
    replicas = tuple(
        Replica(
            standby.availability,
            exposure(arch, component.scope, _nth(list(standby.zones), j), standby.region),
        )
        for j in range(standby.replicas)
    )
    return replicas, standby.failover_success


def _nth(zones: list[str], i: int) -> str | None:
    return zones[i % len(zones)] if zones else None


def exposure(
    arch: Architecture, scope: Scope, zone: str | None, region: str | None
) -> frozenset[Domain]:
    """The modelled outages a replica placed in `zone`/`region` is exposed to.

    A zone's region is the one its declaration names, else the component's
    (`readings.zone_region`). Regional services ignore zone outages; global services
    ignore both.
    """
    if scope is Scope.GLOBAL:
        return frozenset()
    out: set[Domain] = set()
    declared = arch.zones.get(zone) if zone is not None else None
    region = zone_region(arch, zone, region)
    if declared is not None and scope is Scope.INSTANCE and declared.availability < 1.0:
        out.add(f"zone:{zone}")
    declared_region = arch.regions.get(region) if region is not None else None
    if declared_region is not None and declared_region.availability < 1.0:
        out.add(f"region:{region}")
    return frozenset(out)


def domain_availability(arch: Architecture, domain: Domain) -> float:
    kind, _, name = domain.partition(":")
    return arch.zones[name].availability if kind == "zone" else arch.regions[name].availability
