"""The calculator against plain enumeration of the issue's semantics, on random designs.

The reference below re-reads rules 1-5 literally: it enumerates every zone and region
state, then every replica, standby and failover outcome of each component, then every
up/down combination of the components, and evaluates the dependency rules recursively.
It shares no code with the calculator (no BDD, no dynamic programming, no conditioning
shortcuts), so agreement to 1e-9 on generated designs checks the whole method.
How YAML is *read* into a model (defaults, assumed standby zones, inferred zone regions,
quorum with a written min_healthy) is checked the same way in test_bruteforce_yaml.py.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from spofcheck.availability import compute
from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Region,
    Scope,
    Standby,
    StandbyMode,
    Zone,
)
from tests.helpers.availability_cases import comp

ZONES = {"a": Zone(region="r1", availability=0.9), "b": Zone(region="r1", availability=0.8)}
REGIONS = {"r1": Region(availability=0.95), "r2": Region(availability=0.7)}


def _replica_usable(arch: Architecture, c: Component, zone: str | None, region: str | None,
                    up: dict[str, bool]) -> bool:  # fmt: skip
    """Rule 2 with the scopes: instance replicas need zone and region, regional ones the
    region, global ones nothing. A zone's region is its declaration's, else the component's."""
    if c.scope is Scope.GLOBAL:
        return True
    if zone in arch.zones:
        region = arch.zones[zone].region or region
        if c.scope is Scope.INSTANCE and not up.get(f"zone:{zone}", True):
            return False
    return up.get(f"region:{region}", True) if region is not None else True


def _own(arch: Architecture, c: Component, up: dict[str, bool]) -> float:
    """Rule 3 by enumeration of replica, standby and failover outcomes."""
    need = max(c.min_healthy, c.replicas // 2 + 1) if c.quorum and c.replicas else c.min_healthy
    prim = [(c.availability, _replica_usable(arch, c, c.zones[i % len(c.zones)]
             if c.zones else None, c.region, up)) for i in range(c.replicas)]  # fmt: skip
    sb = c.standby if c.standby is not None and c.standby.counts else None
    spare = []
    if sb is not None:
        figure = sb.availability or c.availability
        # documented reading: a standby without zones (and no other region) is assumed
        # to share the primaries' zones
        zones = sb.zones or (c.zones if sb.region in {None, c.region} else [])
        spare = [(figure, _replica_usable(arch, c, zones[j % len(zones)]
                  if zones else None, sb.region or c.region, up))
                 for j in range(sb.replicas)]  # fmt: skip
    f = sb.failover_success if sb is not None else 1.0
    total = 0.0
    for outcome in product((True, False), repeat=len(prim) + len(spare) + 1):
        weight = 1.0
        for (a, _), ok in zip(prim + spare, outcome, strict=False):
            weight *= a if ok else 1 - a
        weight *= f if outcome[-1] else 1 - f
        # a replica that is up in a zone or region that is down is not usable (rule 2)
        usable = [ok and placed for (_, placed), ok in zip(prim + spare, outcome, strict=False)]
        primaries = sum(usable[: len(prim)])
        everything = sum(usable)
        if primaries >= need or (outcome[-1] and everything >= need):
            total += weight
    return total


def reference(arch: Architecture, perfect: str | None = None) -> float:
    """P(every entry point up), enumerating domains, then components (rules 4 and 5)."""
    domains = [f"zone:{z}" for z in sorted(arch.zones)] + [
        f"region:{r}" for r in sorted(arch.regions)
    ]
    avail = {f"zone:{z}": v.availability for z, v in arch.zones.items()} | {
        f"region:{r}": v.availability for r, v in arch.regions.items()
    }  # fmt: skip
    names = sorted(arch.components)
    total = 0.0
    for states in product((True, False), repeat=len(domains)):
        up = dict(zip(domains, states, strict=True))
        weight = 1.0
        for d, ok in up.items():
            weight *= avail[d] if ok else 1 - avail[d]
        own = {n: 1.0 if n == perfect else _own(arch, arch.components[n], up) for n in names}
        for ups in product((True, False), repeat=len(names)):
            alive = dict(zip(names, ups, strict=True))
            w = weight
            for n in names:
                w *= own[n] if alive[n] else 1 - own[n]
            if w and all(_up(arch, e, alive) for e in arch.entrypoints):
                total += w
    return total


def _up(arch: Architecture, name: str, alive: dict[str, bool]) -> bool:
    if not alive[name]:
        return False
    for dep in arch.dependencies:
        hard = dep.source == name and dep.kind is DependencyKind.HARD
        if hard and not any(_up(arch, t, alive) for t in dep.targets):
            return False
    return True


@st.composite
def designs(draw: st.DrawFn) -> Architecture:
    """2-4 components, acyclic dependencies (plain, any_of, soft), replicas in zones a/b."""
    n = draw(st.integers(2, 4))
    parts = []
    for i in range(n):
        replicas = draw(st.integers(1, 2))
        zones = draw(st.lists(st.sampled_from(["a", "b", "x"]), min_size=replicas,
                              max_size=replicas) | st.just([]))  # fmt: skip
        standby = None
        if draw(st.booleans()):
            standby = Standby(
                mode=draw(st.sampled_from(list(StandbyMode))),
                zones=draw(st.lists(st.sampled_from(["a", "b"]), max_size=1)),
                region=draw(st.sampled_from([None, "r2"])),
                availability=draw(st.sampled_from([None, 0.85])),
                failover_success=draw(st.sampled_from([1.0, 0.9])),
            )
        parts.append(comp(
            f"c{i}", draw(st.sampled_from([0.9, 0.75, 0.6])), replicas=replicas,
            min_healthy=draw(st.integers(0, replicas)), zones=zones,
            region=draw(st.sampled_from([None, "r1", "r2"])), standby=standby,
            scope=draw(st.sampled_from(list(Scope))), quorum=draw(st.booleans()),
        ))  # fmt: skip
    deps = []
    for i in range(n):
        for j in range(i + 1, n):
            kind = draw(st.sampled_from(["none", "hard", "soft", "any"]))
            if kind in {"hard", "soft"}:
                deps.append(Dependency(source=f"c{i}", target=f"c{j}",
                                       kind=DependencyKind(kind)))  # fmt: skip
            elif kind == "any" and j + 1 < n:
                deps.append(Dependency(source=f"c{i}", any_of=[f"c{j}", f"c{j + 1}"]))
    entries = draw(st.lists(st.sampled_from([p.id for p in parts]), min_size=1, max_size=2))
    return Architecture(
        components={p.id: p for p in parts},
        dependencies=deps,
        entrypoints=entries,
        entrypoints_declared=True,  # the reference requires every entry point up (rule 5)
        zones=ZONES,
        regions=REGIONS,
    )


@settings(max_examples=50, deadline=None, derandomize=True)
@given(designs())
def test_value_matches_enumeration(design: Architecture) -> None:
    result = compute(design)
    assert result.value is not None
    assert abs(result.value - reference(design)) < 1e-9


@settings(max_examples=25, deadline=None, derandomize=True)
@given(designs())
def test_importance_matches_enumeration(design: Architecture) -> None:
    """importance(c) = A(c's own capacity always up) - A, for every component the value
    depends on."""
    result = compute(design)
    assert result.value is not None
    base = reference(design)
    for c in result.components:
        assert abs(c.importance - (reference(design, perfect=c.id) - base)) < 1e-9, c.id


@settings(max_examples=30, deadline=None, derandomize=True)
@given(designs())
def test_inferred_entry_points_give_the_weakest_enumerated_one(design: Architecture) -> None:
    """Issue 17: several inferred entry points are judged one by one; the value is the
    lowest of their separately enumerated values (one entry point: that one's)."""
    inferred = design.model_copy(update={"entrypoints_declared": False})
    alone = [
        reference(design.model_copy(update={"entrypoints": [e]}))
        for e in sorted(set(design.entrypoints))
    ]
    result = compute(inferred)
    assert result.value is not None
    assert abs(result.value - min(alone)) < 1e-9


@settings(max_examples=30, deadline=None, derandomize=True)
@given(designs())
def test_no_entry_point_gives_every_top_up(design: Architecture) -> None:
    """No entry point: the components no dependency targets (the generated designs are
    acyclic, so c0 is always one) must all be up, as if they were the entry points."""
    called = {t for dep in design.dependencies for t in dep.targets}
    tops = sorted(set(design.components) - called)
    result = compute(design.model_copy(update={"entrypoints": []}))
    assert result.value is not None
    expected = reference(design.model_copy(update={"entrypoints": tops}))
    assert abs(result.value - expected) < 1e-9
