"""What-if: force zones, regions and component primaries down and read what survives.

The scenario is applied to the model the calculator reads, not re-implemented: failed
zones and regions get availability FORCED (1e-300, not 0: the calculator divides by a
domain's availability to report "given up" figures) and failed components' primaries the
same figure (their standby keeps its own). Then `availability.capacity.capacity` says, replica by
replica, what is left, and `availability.compute` gives the availability of the rest
conditioned on the scenario: with P(domain up) = 0 the calculator's sum over zone and
region states keeps only the states where every failed domain is down (the others weigh
at most 1e-300, far below the 1e-9 the tests compare to).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spofcheck.availability import AvailabilityResult, compute
from spofcheck.availability.capacity import Capacity, Replica, capacity
from spofcheck.graph.coverage import assess, bounded, coverage_of, reads_everything
from spofcheck.model import (
    Architecture,
    Component,
    Coverage,
    DependencyKind,
    Failover,
    Region,
    StandbyMode,
    Zone,
)
from spofcheck.recovery.scenario import Scenario

FORCED = 1e-300  # availability of what the scenario takes down


@dataclass(frozen=True)
class ComponentOutcome:
    """One component under the scenario, every other replica assumed healthy."""

    id: str
    up: bool  # own capacity enough and every hard request dependency satisfied
    capacity: int  # usable primaries plus usable standbys that count
    needed: int
    total: int  # primaries plus counted standbys before the scenario
    via_standby: bool  # primaries alone are short; counted standbys make up the need
    idle_standby: str | None = None  # a standby that cannot take over, and why


@dataclass(frozen=True)
class WhatIf:
    scenario: Scenario
    entrypoints: dict[str, bool]
    components: list[ComponentOutcome]
    conditional: AvailabilityResult
    baseline: AvailabilityResult | None = None
    notes: list[str] = field(default_factory=list)
    # What was not read: the outcomes are then over the rest (an unread part may be down
    # too, or needed), and the availability an upper bound.
    coverage: Coverage = field(default_factory=Coverage)

    @property
    def complete(self) -> bool:
        return reads_everything(self.coverage)

    @property
    def lost(self) -> list[str]:
        return [e for e, up in self.entrypoints.items() if not up]

    @property
    def down(self) -> list[str]:
        return [c.id for c in self.components if not c.up]


def forced(arch: Architecture, scenario: Scenario) -> Architecture:
    """The architecture with the scenario's domains and primaries made certain to fail."""
    zones = dict(arch.zones)
    for z in scenario.zones:
        zones[z] = zones.get(z, Zone()).model_copy(update={"availability": FORCED})
    regions = dict(arch.regions)
    for r in scenario.regions:
        regions[r] = regions.get(r, Region()).model_copy(update={"availability": FORCED})
    components = dict(arch.components)
    for cid in scenario.components:
        components[cid] = _primaries_down(components[cid])
    return arch.model_copy(update={"zones": zones, "regions": regions, "components": components})


def _primaries_down(c: Component) -> Component:
    update: dict[str, object] = {"availability": FORCED}
    if c.standby is not None:
        figure = c.standby.availability or c.availability
        update["standby"] = c.standby.model_copy(update={"availability": figure})
    return c.model_copy(update=update)


def what_if(arch: Architecture, scenario: Scenario, *, baseline: bool = True) -> WhatIf:
    """Everything `spofcheck whatif` reports for one architecture and one scenario."""
    broken = forced(arch, scenario)
    own = {cid: _outcome(broken, c, scenario) for cid, c in sorted(broken.components.items())}
    up = _up(broken, {cid: o.up for cid, o in own.items()})
    outcomes = [_with_up(o, up[o.id]) for o in own.values()]
    entries = {e: up.get(e, False) for e in sorted(set(arch.entrypoints))}
    cov = coverage_of(arch)
    return WhatIf(
        scenario=scenario,
        entrypoints=entries,
        components=outcomes,
        conditional=bounded(compute(broken), cov),
        baseline=assess(arch) if baseline else None,
        coverage=cov,
    )


def capacity_after(arch: Architecture, cid: str, scenario: Scenario) -> ComponentOutcome:
    """One component's own capacity under the scenario (`up` ignores its dependencies)."""
    broken = forced(arch, scenario)
    return _outcome(broken, broken.components[cid], scenario)


def survivors(broken: Architecture, c: Component, scenario: Scenario) -> tuple[int, int]:
    """(primaries, standby replicas) left under the scenario on the `forced` architecture,
    counting standbys whatever their mode and failover (who takes over is decided later)."""
    counted = c
    if c.standby is not None:
        every = {"mode": StandbyMode.HOT, "failover": Failover.AUTOMATIC}
        counted = c.model_copy(update={"standby": c.standby.model_copy(update=every)})
    cap = capacity(broken, counted)[0]
    return _alive(cap.primaries, scenario.domains), _alive(cap.standbys, scenario.domains)


def critical(arch: Architecture) -> set[str]:
    """Components whose loss alone takes an entry point down (the rest have alternatives),
    from the one request graph's critical sets (spofcheck.graph.queries.critical_sets)."""
    from spofcheck.graph.build import build_graph, request_graph
    from spofcheck.graph.queries import critical_sets
    from spofcheck.graph.zonal import fold_zonal_siblings

    crit = critical_sets(fold_zonal_siblings(request_graph(build_graph(arch), hard_only=True)))
    found = (crit.get(e, frozenset()) for e in arch.entrypoints)
    return {c for group in found for c in group if c in arch.components}


def _with_up(outcome: ComponentOutcome, up: bool) -> ComponentOutcome:
    return replace(outcome, up=up)


def _alive(replicas: tuple[Replica, ...], down: frozenset[str]) -> int:
    return sum(1 for r in replicas if r.availability > FORCED and r.exposure.isdisjoint(down))


def _outcome(arch: Architecture, c: Component, scenario: Scenario) -> ComponentOutcome:
    cap: Capacity = capacity(arch, c)[0]
    down = scenario.domains
    primaries = _alive(cap.primaries, down)
    spare = _alive(cap.standbys, down)
    via = primaries < cap.need <= primaries + spare
    return ComponentOutcome(
        id=c.id,
        up=primaries + spare >= cap.need,
        capacity=primaries + spare,
        needed=cap.need,
        total=len(cap.primaries) + len(cap.standbys),
        via_standby=via,
        idle_standby=_idle(c) if primaries < cap.need else None,
    )


def _idle(c: Component) -> str | None:
    """Why a standby that exists does not take over (cold or manual), if it does not."""
    s = c.standby
    if s is None or s.replicas == 0 or s.counts:
        return None
    return f"{s.mode.value} standby with {s.failover.value} failover does not take over by itself"


def _up(arch: Architecture, own: dict[str, bool]) -> dict[str, bool]:
    """Rule 4 as a greatest fixed point: up iff own capacity and every hard request
    dependency has an alternative that is up (a cycle of up components stays up, as the
    calculator ignores the edge that closes a cycle)."""
    needs: dict[str, list[list[str]]] = {}
    for dep in arch.request_dependencies():
        if dep.kind is DependencyKind.HARD and dep.source in own:
            known = [t for t in dep.targets if t in own]
            if known:
                needs.setdefault(dep.source, []).append(known)
    up = dict(own)
    changed = True
    while changed:
        changed = False
        for cid, alternatives in needs.items():
            if up[cid] and not all(any(up[t] for t in alts) for alts in alternatives):
                up[cid] = False
                changed = True
    return up
