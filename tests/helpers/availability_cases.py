"""Small builders for the calculator tests: architectures written out in a few lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Region,
    Relation,
    Zone,
)


def comp(cid: str, availability: float = 1.0, **fields: Any) -> Component:
    """A component whose figure was declared (so it is never reported as a default)."""
    fields.setdefault("availability_source", "declared")
    return Component(id=cid, availability=availability, **fields)


def need(source: str, *targets: str, soft: bool = False, config: bool = False) -> Dependency:
    """`source` needs `targets[0]`, or any one of `targets` when there are several."""
    kind = DependencyKind.SOFT if soft else DependencyKind.HARD
    relation = Relation.CONFIG if config else Relation.REQUEST
    if len(targets) == 1:
        return Dependency(source=source, target=targets[0], kind=kind, relation=relation)
    return Dependency(source=source, any_of=list(targets), kind=kind, relation=relation)


def arch(
    components: Iterable[Component],
    deps: Iterable[Dependency] = (),
    *,
    entry: Iterable[str] | None = None,
    zones: dict[str, tuple[str | None, float]] | None = None,
    regions: dict[str, float] | None = None,
    slo: float | None = None,
) -> Architecture:
    """An architecture; `entry` (declared) defaults to the first component; zones: id ->
    (region, a)."""
    items = list(components)
    return Architecture(
        components={c.id: c for c in items},
        dependencies=list(deps),
        entrypoints=list(entry) if entry is not None else [items[0].id],
        entrypoints_declared=True,  # the test names them: every one must be up (rule 5)
        zones={z: Zone(region=r, availability=a) for z, (r, a) in (zones or {}).items()},
        regions={r: Region(availability=a) for r, a in (regions or {}).items()},
        slo=slo,
    )


def at_least(k: int, n: int, q: float) -> float:
    """P(at least k of n independent trials succeed), each with probability q."""
    from math import comb

    return sum(comb(n, j) * q**j * (1 - q) ** (n - j) for j in range(k, n + 1))
