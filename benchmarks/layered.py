"""Generated designs for the availability benchmark: layered services and adversarial shapes.

`layered(size, regions)`: per region three zones and a regional load balancer behind one
global DNS; a shared platform per region (auth needing 2 of 3, a quorum config cluster,
a queue); six tiers of services with 2-6 replicas over the zones, each calling 1-3
services of the next tier; databases with warm standbys in another zone; `any_of` pairs
(a third of them cross-region) and some soft calls. The adversarial shapes stress one
thing each: many `any_of` pairs, many shared dependencies, a long chain, a router that
needs any one of k cells, and many regions.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Kind,
    Region,
    Scope,
    Standby,
    StandbyMode,
    Zone,
)

TIERS = 6


class Design:
    """Accumulates components and dependencies for one generated architecture."""

    def __init__(self, seed: int, regions: int) -> None:
        self.rng = random.Random(seed)
        self.regions = [f"r{i}" for i in range(regions)]
        self.zones = {r: [f"{r}-z{i}" for i in range(3)] for r in self.regions}
        self.components: dict[str, Component] = {}
        self.deps: list[Dependency] = []

    def add(self, cid: str, region: str | None, **fields: object) -> str:
        fields.setdefault("kind", Kind.SERVICE)
        fields.setdefault("availability", 0.995)
        zones = list(fields.pop("zones", []))  # type: ignore[call-overload]
        fields.setdefault("replicas", len(zones) or 1)
        self.components[cid] = Component(
            id=cid, region=region, zones=zones, availability_source="benchmark", **fields
        )  # type: ignore[arg-type]
        return cid

    def need(self, source: str, *targets: str, soft: bool = False) -> None:
        kind = DependencyKind.SOFT if soft else DependencyKind.HARD
        if len(targets) == 1:
            self.deps.append(Dependency(source=source, target=targets[0], kind=kind))
        else:
            self.deps.append(Dependency(source=source, any_of=list(targets), kind=kind))

    def spread(self, region: str, n: int) -> list[str]:
        first = self.rng.randrange(3)  # n may exceed 3: replicas wrap round the zones
        return [self.zones[region][(first + i) % 3] for i in range(n)]

    def architecture(self, name: str, entries: list[str]) -> Architecture:
        return Architecture(
            name=name,
            components=self.components,
            dependencies=self.deps,
            zones={
                z: Zone(region=r, availability=0.9995) for r in self.regions for z in self.zones[r]
            },
            regions={r: Region(availability=0.9999) for r in self.regions},
            entrypoints=entries,
        )


def _platform(d: Design, r: str) -> list[str]:
    auth = d.add(f"{r}-auth", r, zones=d.spread(r, 3), min_healthy=2)
    config = d.add(f"{r}-config", r, kind=Kind.COORDINATION, zones=d.spread(r, 3), quorum=True)
    queue = d.add(f"{r}-queue", r, kind=Kind.QUEUE, scope=Scope.REGIONAL, availability=0.999)
    d.need(auth, config)
    return [auth, config, queue]


def _database(d: Design, r: str, i: int) -> str:
    zone = d.spread(r, 2)
    standby = Standby(mode=StandbyMode.WARM, replicas=1, zones=[zone[1]], failover_success=0.99)
    return d.add(f"{r}-db{i}", r, kind=Kind.DATABASE, zones=[zone[0]], standby=standby)


def _tiers(d: Design, r: str, per_tier: int) -> list[list[str]]:
    tiers = []
    for t in range(TIERS):
        names = [f"{r}-t{t}s{i}" for i in range(per_tier)]
        tiers.append([d.add(n, r, zones=d.spread(r, d.rng.randint(2, 6))) for n in names])
    return tiers


def _region(d: Design, r: str, budget: int) -> tuple[str, list[list[str]]]:
    platform = _platform(d, r)
    n_db = max(1, budget // 10)
    per_tier = max(1, (budget - 4 - n_db) // TIERS)
    dbs = [_database(d, r, i) for i in range(n_db)]
    tiers = _tiers(d, r, per_tier)
    for t, tier in enumerate(tiers):
        below = tiers[t + 1] if t + 1 < TIERS else dbs
        for svc in tier:
            for target in d.rng.sample(below, min(len(below), d.rng.randint(1, 3))):
                d.need(svc, target, soft=d.rng.random() < 0.1)
            d.need(svc, d.rng.choice(platform[:2]))
            if d.rng.random() < 0.3:
                d.need(svc, platform[2])
    lb = d.add(f"{r}-lb", r, kind=Kind.LOAD_BALANCER, scope=Scope.REGIONAL, availability=0.9999)
    for svc in tiers[0]:
        d.need(lb, svc)
    return lb, tiers


def _pairs(d: Design, tiers: dict[str, list[list[str]]]) -> None:
    """`any_of` pairs from a service to two of the next tier; a third cross-region."""
    for r, layers in tiers.items():
        for t in range(TIERS - 1):
            for svc in layers[t][::4]:
                other = d.rng.choice(d.regions) if d.rng.random() < 1 / 3 else r
                a = d.rng.choice(layers[t + 1])
                b = d.rng.choice(tiers[other][t + 1])
                if a != b:
                    d.need(svc, a, b)


def layered(size: int, regions: int = 1, seed: int = 7) -> Architecture:
    """A layered design of about `size` components over `regions` regions."""
    d = Design(seed, regions)
    per_region = max(12, (size - 1) // regions - 1)
    built = {r: _region(d, r, per_region) for r in d.regions}
    _pairs(d, {r: tiers for r, (_, tiers) in built.items()})
    dns = d.add("dns", None, kind=Kind.DNS, scope=Scope.GLOBAL, availability=0.9999)
    d.need(dns, *[lb for lb, _ in built.values()])
    return d.architecture(f"layered-{size}-{regions}r", [dns])


def many_any_of(size: int, seed: int = 7) -> Architecture:
    """Every service calls two `any_of` pairs drawn from a common pool."""
    d = Design(seed, 1)
    pool = [d.add(f"p{i}", "r0", zones=d.spread("r0", 2)) for i in range(size // 2)]
    front = [d.add(f"f{i}", "r0", zones=d.spread("r0", 3)) for i in range(size - len(pool) - 1)]
    for f in front:
        for _ in range(2):
            a, b = d.rng.sample(pool, 2)
            d.need(f, a, b)
    lb = d.add("lb", "r0", scope=Scope.REGIONAL, availability=0.9999)
    for f in front:
        d.need(lb, f)
    return d.architecture(f"any-of-{size}", [lb])


def weak_any_of(size: int, seed: int = 7) -> Architecture:
    """`many_any_of` with the pool at 90 %: pair failures frequent enough to sample."""
    arch = many_any_of(size, seed)
    comps = {
        k: c.model_copy(update={"availability": 0.9}) if k.startswith("p") else c
        for k, c in arch.components.items()
    }
    return arch.model_copy(update={"components": comps, "name": f"weak-any-of-{size}"})


def shared_deps(size: int, seed: int = 7) -> Architecture:
    """Services each needing several of a small set of shared platform components."""
    d = Design(seed, 1)
    shared = [d.add(f"shared{i}", "r0", zones=d.spread("r0", 3), min_healthy=2) for i in range(8)]
    svcs = [d.add(f"s{i}", "r0", zones=d.spread("r0", 2)) for i in range(size - 9)]
    for i, s in enumerate(svcs):
        for target in d.rng.sample(shared, 4):
            d.need(s, target)
        if i % 3 == 0 and i + 1 < len(svcs):
            d.need(s, svcs[i + 1], shared[(i // 3) % 8])
    lb = d.add("lb", "r0", scope=Scope.REGIONAL, availability=0.9999)
    for s in svcs[::3]:
        d.need(lb, s)
    return d.architecture(f"shared-{size}", [lb])


def chain(size: int, seed: int = 7) -> Architecture:
    """One long chain of services, each needing the next."""
    d = Design(seed, 1)
    names = [d.add(f"c{i}", "r0", zones=d.spread("r0", 2)) for i in range(size)]
    for a, b in itertools.pairwise(names):
        d.need(a, b)
    return d.architecture(f"chain-{size}", [names[0]])


def cells(k: int, seed: int = 7) -> Architecture:
    """A router that needs any one of k cells; each cell a small stack over shared storage."""
    d = Design(seed, 1)
    storage = d.add("storage", "r0", kind=Kind.DATABASE, zones=d.spread("r0", 3), quorum=True)
    fronts = []
    for i in range(k):
        db = d.add(f"cell{i}-db", "r0", kind=Kind.DATABASE, zones=d.spread("r0", 1))
        app = d.add(f"cell{i}-app", "r0", zones=d.spread("r0", 2))
        front = d.add(f"cell{i}-front", "r0", zones=d.spread("r0", 2))
        d.need(front, app)
        d.need(app, db)
        d.need(app, storage)
        fronts.append(front)
    router = d.add("router", "r0", scope=Scope.REGIONAL, availability=0.9999)
    d.need(router, *fronts)
    return d.architecture(f"cells-{k}", [router])


SHAPES: dict[str, Callable[[int], Architecture]] = {
    "layered-1r": lambda n: layered(n, 1),
    "layered-2r": lambda n: layered(n, 2),
    "layered-3r": lambda n: layered(n, 3),
    "layered-5r": lambda n: layered(n, 5),
    "any-of": many_any_of,
    "weak-any-of": weak_any_of,
    "shared": shared_deps,
    "chain": chain,
    "cells": cells,
}
