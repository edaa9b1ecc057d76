"""Time the availability calculator on generated architectures; print times and growth.

    .venv/bin/python benchmarks/availability.py [--repeat N] [--sizes 50,200,1000]

Each architecture is two regions of three zones behind a DNS entry point that needs any
of the two regional load balancers. Inside a region: shared platform services (auth,
config, a queue), layers of services calling services deeper down, databases with warm
standbys or quorum clusters, and caches reached through `any_of` pairs, some of them
cross-region (so the two regional halves share components), a few soft dependencies,
and one deliberate dependency cycle. Replicas are spread over the region's zones.
The time covers `compute()` only (the model is built before the clock starts).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from spofcheck.availability import compute
from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Kind,
    Region,
    Scope,
    Standby,
    Zone,
)

REGIONS = ("east", "west")
ZONES = {r: tuple(f"{r}-{i}" for i in (1, 2, 3)) for r in REGIONS}


class _Builder:
    """Accumulates components and dependencies for one generated architecture."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.components: dict[str, Component] = {}
        self.deps: list[Dependency] = []

    def add(self, cid: str, kind: Kind, region: str | None, **fields: object) -> str:
        zones = list(fields.pop("zones", []))  # type: ignore[call-overload]
        replicas = int(fields.pop("replicas", len(zones) or 1))  # type: ignore[call-overload]
        self.components[cid] = Component(
            id=cid,
            kind=kind,
            region=region,
            zones=zones,
            replicas=replicas,
            availability_source="benchmark",
            **fields,  # type: ignore[arg-type]
        )
        return cid

    def need(self, source: str, *targets: str, soft: bool = False) -> None:
        kind = DependencyKind.SOFT if soft else DependencyKind.HARD
        if len(targets) == 1:
            self.deps.append(Dependency(source=source, target=targets[0], kind=kind))
        else:
            self.deps.append(Dependency(source=source, any_of=list(targets), kind=kind))

    def spread(self, region: str, n: int) -> list[str]:
        first = self.rng.randrange(3)
        return [ZONES[region][(first + i) % 3] for i in range(n)]


def _platform(b: _Builder, region: str) -> dict[str, str]:
    return {
        "auth": b.add(f"{region}-auth", Kind.SERVICE, region, zones=b.spread(region, 3),
                      availability=0.995, min_healthy=2),
        "config": b.add(f"{region}-config", Kind.COORDINATION, region, zones=b.spread(region, 3),
                        availability=0.995, quorum=True),
        "queue": b.add(f"{region}-queue", Kind.QUEUE, region, scope=Scope.REGIONAL,
                       availability=0.999),
    }  # fmt: skip


def _store(b: _Builder, region: str, i: int) -> str:
    if b.rng.random() < 0.5:
        standby = Standby(replicas=1, zones=b.spread(region, 1), failover_success=0.99)
        return b.add(f"{region}-db{i}", Kind.DATABASE, region, zones=b.spread(region, 1),
                     availability=0.995, standby=standby)  # fmt: skip
    return b.add(f"{region}-cache{i}", Kind.CACHE, region, zones=b.spread(region, 2),
                 availability=0.995)  # fmt: skip


def _region(b: _Builder, region: str, n_services: int) -> str:
    """One region: returns its load balancer."""
    platform = _platform(b, region)
    b.need(platform["auth"], platform["config"])
    services = [
        b.add(f"{region}-svc{i}", Kind.SERVICE, region, zones=b.spread(region, b.rng.randint(2, 4)),
              availability=0.995)
        for i in range(n_services)
    ]  # fmt: skip
    for i, svc in enumerate(services):
        if i >= 4:  # every service has a caller a few layers up, so all are reachable
            b.need(b.rng.choice(services[max(0, i - 6) : i]), svc)
        deeper = services[i + 1 : i + 8]
        for target in b.rng.sample(deeper, min(len(deeper), b.rng.randint(0, 1))):
            b.need(svc, target)
        b.need(svc, platform["auth"])
        if b.rng.random() < 0.3:
            b.need(svc, platform["queue"])
        if b.rng.random() < 0.2:
            b.need(svc, platform["config"], soft=True)
    lb = b.add(f"{region}-lb", Kind.LOAD_BALANCER, region, scope=Scope.REGIONAL,
               availability=0.9999)  # fmt: skip
    for front in services[:4]:
        b.need(lb, front)
    return lb


def _stores(b: _Builder, n_stores: int) -> None:
    """Data stores per region; services reach them directly or through any_of pairs."""
    stores = {r: [_store(b, r, i) for i in range(n_stores)] for r in REGIONS}
    for region in REGIONS:
        other = REGIONS[1 - REGIONS.index(region)]
        services = [c for c in b.components if c.startswith(f"{region}-svc")]
        for i, store in enumerate(stores[region]):
            users = b.rng.sample(services, min(len(services), 2))
            pair = stores[other][i] if b.rng.random() < 0.3 else stores[region][i - 1]
            for user in users:
                if b.rng.random() < 0.5 and pair != store:
                    b.need(user, store, pair)
                else:
                    b.need(user, store)


def generate(size: int, seed: int = 7) -> Architecture:
    """An architecture of about `size` components (see the module docstring)."""
    b = _Builder(seed)
    per_region = max(4, (size - 8) // 2)
    n_stores = max(1, per_region // 4)
    lbs = [_region(b, r, per_region - n_stores - 4) for r in REGIONS]
    _stores(b, n_stores)
    dns = b.add("dns", Kind.DNS, None, scope=Scope.GLOBAL, availability=0.9999)
    b.need(dns, *lbs)
    b.need("east-svc1", "east-svc0")  # a cycle, broken deterministically by the calculator
    return Architecture(
        name=f"generated-{size}",
        components=b.components,
        dependencies=b.deps,
        zones={z: Zone(region=r, availability=0.9995) for r in REGIONS for z in ZONES[r]},
        regions={r: Region(availability=0.9999) for r in REGIONS},
        entrypoints=[dns],
        slo=0.9995,
    )


def _time(arch: Architecture, repeat: int) -> tuple[float, float, int, int, float]:
    """Median wall-clock and minimum CPU seconds of `compute(arch)` over `repeat` runs.

    CPU time is the steadier figure on a shared machine; wall time is what a user waits.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = compute(arch)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    assert result.value is not None
    return statistics.median(walls), min(cpus), result.states, result.bdd_nodes, result.value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="50,200,1000")
    args = parser.parse_args()
    print(f"{'components':>10} {'states':>6} {'BDD nodes':>9} {'wall s':>7} {'cpu s':>6} "
          f"{'x prev':>6} {'x size':>6}  value")  # fmt: skip
    previous: tuple[int, float] | None = None
    for size in [int(s) for s in args.sizes.split(",")]:
        arch = generate(size)
        wall, cpu, states, nodes, value = _time(arch, args.repeat)
        n = len(arch.components)
        ratio = f"{cpu / previous[1]:6.2f}" if previous else f"{'-':>6}"
        growth = f"{n / previous[0]:6.2f}" if previous else f"{'-':>6}"
        print(f"{n:>10} {states:>6} {nodes:>9} {wall:>7.3f} {cpu:>6.3f} {ratio} {growth}  "
              f"{value:.9f}")  # fmt: skip
        previous = (n, cpu)
    print("x prev: CPU time over the previous size's; x size: components over the previous.")


if __name__ == "__main__":
    main()
