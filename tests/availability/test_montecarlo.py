"""Seeded Monte Carlo cross-check: sample the basic events of rules 1-3, apply 4-5.

The simulator draws every region, zone, replica, standby and failover event
independently and evaluates the design sample by sample. With N samples the estimate
has standard error sqrt(A (1 - A) / N); the exact value must lie within 4.5 of them
(a two-sided miss probability of about 7e-6 if the calculator is right; the seed fixes
the draw, so the test is deterministic).
"""

from __future__ import annotations

import math
import random

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture, Component, DependencyKind, Scope, Standby
from tests.helpers.availability_cases import arch, comp, need

N = 100_000
Z = 4.5


def design() -> Architecture:
    """Two regions behind DNS; quorum config; standby DB; shared cache under any_of;
    a soft dependency; figures low enough that failures are frequent."""
    zones = {f"{r}{i}": (r, 0.97) for r in ("e", "w") for i in (1, 2, 3)}
    parts = [comp("dns", 0.995, scope=Scope.GLOBAL)]
    deps = [need("dns", "lb_e", "lb_w")]
    for r in ("e", "w"):
        parts += [
            comp(f"lb_{r}", 0.99, scope=Scope.REGIONAL, region=r),
            comp(f"app_{r}", 0.9, replicas=3, min_healthy=2, zones=[f"{r}1", f"{r}2", f"{r}3"]),
            comp(f"cfg_{r}", 0.9, replicas=3, quorum=True, zones=[f"{r}1", f"{r}2", f"{r}3"]),
            comp(f"db_{r}", 0.92, zones=[f"{r}1"],
                 standby=Standby(zones=[f"{r}2"], availability=0.9, failover_success=0.9)),
        ]  # fmt: skip
        deps += [
            need(f"lb_{r}", f"app_{r}"),
            need(f"app_{r}", f"cfg_{r}"),
            need(f"app_{r}", f"db_{r}", "cache"),  # the cache is shared by both regions
            need(f"app_{r}", "recs", soft=True),
        ]
    parts += [comp("cache", 0.85, region="e"), comp("recs", 0.1)]
    return arch(parts, deps, zones=zones, regions={"e": 0.98, "w": 0.97})


def _own(c: Component, a: Architecture, up: dict[str, bool], rng: random.Random) -> bool:
    def usable(zone: str | None, region: str | None, figure: float) -> bool:
        alive = rng.random() < figure
        if c.scope is Scope.GLOBAL:
            return alive
        if zone is not None and zone in a.zones:
            region = a.zones[zone].region or region
            alive = alive and up[f"zone:{zone}"]
        return alive and (region is None or up.get(f"region:{region}", True))

    need_ = max(c.min_healthy, c.replicas // 2 + 1) if c.quorum else c.min_healthy
    primaries = sum(
        usable(c.zones[i % len(c.zones)] if c.zones else None, c.region, c.availability)
        for i in range(c.replicas)
    )
    if primaries >= need_:
        return True
    sb = c.standby
    if sb is None or not sb.counts:
        return False
    spares = sum(
        usable(sb.zones[j % len(sb.zones)] if sb.zones else None, sb.region or c.region,
               sb.availability or c.availability)
        for j in range(sb.replicas)
    )  # fmt: skip
    return rng.random() < sb.failover_success and primaries + spares >= need_


def simulate(a: Architecture, n: int, seed: int) -> float:
    rng = random.Random(seed)
    domains = {f"zone:{z}": v.availability for z, v in a.zones.items()}
    domains |= {f"region:{r}": v.availability for r, v in a.regions.items()}
    hard = [d for d in a.dependencies if d.kind is DependencyKind.HARD]
    hits = 0
    for _ in range(n):
        up = {d: rng.random() < p for d, p in domains.items()}
        own = {cid: _own(c, a, up, rng) for cid, c in sorted(a.components.items())}
        memo: dict[str, bool] = {}

        def alive(cid: str, memo: dict[str, bool] = memo, own: dict[str, bool] = own) -> bool:
            if cid not in memo:
                memo[cid] = own[cid] and all(
                    any(alive(t) for t in d.targets) for d in hard if d.source == cid
                )
            return memo[cid]

        hits += all(alive(e) for e in a.entrypoints)
    return hits / n


@pytest.mark.slow
def test_monte_carlo_agrees_with_the_exact_value() -> None:
    a = design()
    exact = compute(a).value
    assert exact is not None
    estimate = simulate(a, N, seed=20_261_126)
    stderr = math.sqrt(exact * (1 - exact) / N)
    assert abs(estimate - exact) < Z * stderr, (estimate, exact, stderr)
    assert 0.5 < exact < 0.999  # failures are frequent enough for the check to bite
