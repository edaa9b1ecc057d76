"""Edges between components: handler and derived request edges, references as config edges."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spofcheck.model import Component, Dependency, DependencyKind, Relation
from spofcheck.parse.terraform.adapters.base import Draft, Edge
from spofcheck.parse.terraform.adapters.component import PART_OF, PLUMBING_KINDS
from spofcheck.parse.terraform.resources import Resource


def hosts_of(drafts: Mapping[str, Draft]) -> dict[str, str]:
    """Each resource → the component that finally hosts it (itself unless folded)."""
    hosts: dict[str, str] = {}
    for address in sorted(drafts):
        current, seen = address, {address}
        while (nxt := drafts[current].part_of) is not None and nxt in drafts and nxt not in seen:
            current = nxt
            seen.add(current)
        hosts[address] = current
    return hosts


def request_edges(
    owned: Iterable[tuple[str, Edge]],
    hosts: Mapping[str, str],
    components: Mapping[str, Component],
    pools: frozenset[str] = frozenset(),
) -> list[Dependency]:
    """Handler edges with sources and targets moved to their hosts, plumbing left out.

    `owned` pairs each edge with the resource that declared it (its default source).
    A pool (target group, backend service…) needs any one of its targets: its hard
    edges become one `any_of` group.
    """
    best: dict[tuple[str, tuple[str, ...], bool], Dependency] = {}
    for owner, edge in owned:
        for dep in _normalize(owner, edge, hosts, components):
            key = (dep.source, tuple(dep.targets), bool(dep.any_of))
            old = best.get(key)
            if old is None or (old.kind is DependencyKind.SOFT and dep.kind is DependencyKind.HARD):
                best[key] = dep
    return _pooled([best[k] for k in sorted(best)], pools)


def _pooled(deps: list[Dependency], pools: frozenset[str]) -> list[Dependency]:
    """Merge each pool's plain hard edges into one any_of group (sorted by source)."""
    merged: dict[str, list[str]] = {}
    out: list[Dependency] = []
    for dep in deps:
        plain = dep.target is not None and dep.kind is DependencyKind.HARD
        if dep.source in pools and plain and dep.target is not None:
            merged.setdefault(dep.source, []).append(dep.target)
        else:
            out.append(dep)
    for source, targets in merged.items():
        if len(targets) == 1:
            out.append(_dep(source, targets[0], [], DependencyKind.HARD, None))
        else:
            note = "load-balanced: any healthy target serves"
            out.append(_dep(source, None, sorted(targets), DependencyKind.HARD, note))
    return sorted(out, key=lambda d: (d.source, d.target or "", d.any_of))


def _serving(cid: str, components: Mapping[str, Component]) -> bool:
    component = components.get(cid)
    return component is not None and component.kind not in PLUMBING_KINDS


def _normalize(
    owner: str, edge: Edge, hosts: Mapping[str, str], components: Mapping[str, Component]
) -> list[Dependency]:
    start = edge.source or owner
    source = hosts.get(start, start)
    if not _serving(source, components):
        return []
    wanted = sorted({hosts.get(t, t) for t in edge.targets} - {source})
    kept = [t for t in wanted if _serving(t, components)]
    if edge.any_of and len(wanted) > 1:
        if len(kept) == len(wanted):
            return [_dep(source, None, kept, edge.kind, edge.note)]
        return [_dep(source, t, [], DependencyKind.SOFT, edge.note) for t in kept]
    return [_dep(source, t, [], edge.kind, edge.note) for t in kept]


def _dep(
    source: str, target: str | None, any_of: list[str], kind: DependencyKind, note: str | None
) -> Dependency:
    return Dependency(source=source, target=target, any_of=any_of, kind=kind, note=note)


def config_edges(
    resources: Iterable[Resource],
    components: Mapping[str, Component],
    requests: Iterable[Dependency] = (),
) -> list[Dependency]:
    """Every reference from one component's resource to another component, except a
    reference to a part of something it already sends requests to: a DNS failover record
    naming the primary's function URL needs that URL only while it routes to the primary,
    which its request edge (any one side) already says; a hard configuration edge on top
    would take the record down with the primary's region."""
    served: dict[str, set[str]] = {}
    for dep in requests:
        served.setdefault(dep.source, set()).update(
            t for t in (dep.target, *dep.any_of) if t is not None
        )
    pairs = set()
    for res in resources:
        if res.address not in components:
            continue
        for target in res.references:
            if target in components and target != res.address:
                if _host(components[target]) not in served.get(res.address, set()):
                    pairs.add((res.address, target))
            elif (module := _module_of(target)) in components and module != res.address:
                pairs.add((res.address, module))
    return [Dependency(source=s, target=t, relation=Relation.CONFIG) for s, t in sorted(pairs)]


def _host(component: Component) -> str | None:
    tags = [t for t in component.tags if t.startswith(PART_OF)]
    return tags[0][len(PART_OF) :] if tags else None


def _module_of(address: str) -> str:
    """`module.vpc.private_subnets` → `module.vpc` (an opaque module's node id)."""
    parts = address.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 and parts[0] == "module" else address
