"""A what-if reference by plain enumeration, sharing no code with the calculator.

It re-reads rules 1-5 literally, conditioned on a scenario: the scenario's zones and
regions are down, every other zone and region is enumerated with its figure; a failed
component's primaries are down and its standby keeps its own figure. Components whose
own capacity is certain (probability 0 or 1) are not split on: the other branch weighs 0.
"""

from __future__ import annotations

from itertools import product
from math import comb

from spofcheck.availability.basis import choose
from spofcheck.model import Architecture, Component, DependencyKind, Scope
from spofcheck.model.availability import Basis


def _usable(arch: Architecture, c: Component, zone: str | None, region: str | None,
            down: set[str]) -> bool:  # fmt: skip
    if c.scope is Scope.GLOBAL:
        return True
    if zone is not None:
        declared = arch.zones.get(zone)
        if declared is not None and declared.region:
            region = declared.region
        if c.scope is Scope.INSTANCE and f"zone:{zone}" in down:
            return False
    return region is None or f"region:{region}" not in down


def _own(arch: Architecture, c: Component, down: set[str], failed: bool) -> float:
    need = max(c.min_healthy, c.replicas // 2 + 1) if c.quorum and c.replicas else c.min_healthy
    prim = [(0.0 if failed else c.availability,
             _usable(arch, c, c.zones[i % len(c.zones)] if c.zones else None, c.region, down))
            for i in range(c.replicas)]  # fmt: skip
    sb = c.standby if c.standby is not None and c.standby.counts else None
    spare = []
    if sb is not None:
        figure = sb.availability or c.availability
        # documented reading (docs/availability.md): a standby without zones, and in no
        # other region, shares the primaries' zones
        zones = sb.zones or (c.zones if sb.region in {None, c.region} else [])
        spare = [(figure, _usable(arch, c, zones[j % len(zones)] if zones else None,
                                  sb.region or c.region, down))
                 for j in range(sb.replicas)]  # fmt: skip
    f = sb.failover_success if sb is not None else 1.0
    usable_prim = _counts([a for a, placed in prim if placed])
    usable_spare = _counts([a for a, placed in spare if placed])
    total = 0.0
    for n, p in usable_prim.items():
        if n >= need:
            total += p
            continue
        # short: failover succeeds (f) and the standbys make up the need
        total += p * f * sum(q for m, q in usable_spare.items() if n + m >= need)
    return total


def _counts(figures: list[float]) -> dict[int, float]:
    """n -> P(exactly n of these replicas up), by closed-form binomials
    over groups of equal figures (a placement that is down contributes nothing)."""
    by_figure: dict[float, int] = {}
    for a in figures:
        by_figure[a] = by_figure.get(a, 0) + 1
    dist = {0: 1.0}
    for a, k in sorted(by_figure.items()):
        nxt: dict[int, float] = {}
        for n, p in dist.items():
            for j in range(k + 1):
                w = p * comb(k, j) * a**j * (1 - a) ** (k - j)
                nxt[n + j] = nxt.get(n + j, 0.0) + w
        dist = nxt
    return dist


def _up(arch: Architecture, name: str, alive: dict[str, bool]) -> bool:
    """Rule 4 on an acyclic design: own capacity and every hard request dependency."""
    if not alive[name]:
        return False
    for dep in arch.dependencies:
        if dep.source != name or dep.kind is not DependencyKind.HARD or dep.relation != "request":
            continue
        targets = [t for t in dep.targets if t in alive]
        if targets and not any(_up(arch, t, alive) for t in targets):
            return False
    return True


def conditional(arch: Architecture, domains: set[str], failed: set[str]) -> float:
    """P(the service up | the scenario), by enumeration. The service is what
    docs/availability.md says (availability/basis.py decides which): every declared entry
    point up; each inferred entry point on its own, the weakest being the value; or every
    serving component up when there is no entry point."""
    choice = choose(arch)
    if choice.basis is Basis.EACH_ENTRYPOINT:
        return min(_conditional(arch, domains, failed, [e]) for e in choice.entries)
    return _conditional(arch, domains, failed, list(choice.entries))


def _conditional(
    arch: Architecture, domains: set[str], failed: set[str], entries: list[str]
) -> float:
    avail = {f"zone:{z}": v.availability for z, v in arch.zones.items()} | {
        f"region:{r}": v.availability for r, v in arch.regions.items()
    }  # fmt: skip
    free = sorted(d for d in avail if d not in domains and avail[d] < 1.0)
    names = sorted(arch.components)
    total = 0.0
    for states in product((True, False), repeat=len(free)):
        down = set(domains) | {d for d, ok in zip(free, states, strict=True) if not ok}
        weight = 1.0
        for d, ok in zip(free, states, strict=True):
            weight *= avail[d] if ok else 1 - avail[d]
        own = {n: _own(arch, arch.components[n], down, n in failed) for n in names}
        total += weight * _service(arch, names, own, entries)
    return total


def _service(
    arch: Architecture, names: list[str], own: dict[str, float], wanted: list[str]
) -> float:
    uncertain = [n for n in names if 0.0 < own[n] < 1.0]
    fixed = {n: own[n] >= 1.0 for n in names if n not in uncertain}
    total = 0.0
    for ups in product((True, False), repeat=len(uncertain)):
        alive = fixed | dict(zip(uncertain, ups, strict=True))
        w = 1.0
        for n in uncertain:
            w *= own[n] if alive[n] else 1 - own[n]
        entries = [e for e in wanted if e in alive]
        if w and all(_up(arch, e, alive) for e in entries):
            total += w
    return total
