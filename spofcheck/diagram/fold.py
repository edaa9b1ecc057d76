"""Noise control: configuration and network plumbing folded into the components using it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from spofcheck.diagram.select import Link, Selection
from spofcheck.model import Architecture, DependencyKind, Kind, Relation

PLUMBING_KINDS = frozenset({Kind.CONFIG, Kind.NETWORK})
# The tag the Terraform adapters put on plumbing to name the component it belongs to.
PART_OF = "part-of:"


def fold(arch: Architecture, links: Sequence[Link], *, keep: set[str]) -> Selection:
    """Hide plumbing components, listing each one on the components that reference it.

    Request paths through a folded component are kept as direct links (hard only when
    every step was hard), so folding never disconnects what it hides.
    """
    plumbing = _plumbing(arch, links, keep)
    folded: dict[str, list[str]] = {}
    for item, hosts in _hosts(arch, plumbing).items():
        for host in sorted(hosts):
            folded.setdefault(host, []).append(item)
    drawn = set(arch.components) | {n for link in links for n in (link.source, *link.targets)}
    notes: tuple[str, ...] = ()
    if plumbing:
        notes = (
            f"{len(plumbing)} configuration/network components folded into the components "
            "that use them (--all draws them)",
        )
    return Selection(
        components=tuple(sorted(drawn - plumbing)),
        links=tuple(_contract(links, plumbing)),
        folded={host: tuple(items) for host, items in sorted(folded.items())},
        notes=notes,
    )


def _plumbing(arch: Architecture, links: Iterable[Link], keep: set[str]) -> set[str]:
    grouped = {n for link in links if link.any_of for n in (link.source, *link.targets)}
    return {
        cid
        for cid, component in arch.components.items()
        if component.kind in PLUMBING_KINDS and cid not in keep and cid not in grouped
    }


def _hosts(arch: Architecture, plumbing: set[str]) -> dict[str, set[str]]:
    """Where each plumbing component is listed: the host its parser named (`part-of:`),
    else the nearest components referring to it, else the nearest ones it refers to."""
    referrers, referenced = _adjacency(arch)
    found: dict[str, set[str]] = {}
    for item in sorted(plumbing):
        named = {
            host
            for tag in arch.components[item].tags
            if tag.startswith(PART_OF)
            and (host := tag.removeprefix(PART_OF)) in arch.components
            and host not in plumbing
        }
        found[item] = (
            named
            or _nearest(item, referrers, plumbing, arch.components)
            or _nearest(item, referenced, plumbing, arch.components)
        )
    return found


def _adjacency(arch: Architecture) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Who refers to whom over every dependency, request or configuration."""
    referrers: dict[str, set[str]] = {}
    referenced: dict[str, set[str]] = {}
    for dep in arch.dependencies:
        for target in dep.targets:
            referrers.setdefault(target, set()).add(dep.source)
            referenced.setdefault(dep.source, set()).add(target)
    return referrers, referenced


def _nearest(
    start: str, step: Mapping[str, set[str]], plumbing: set[str], real: Mapping[str, object]
) -> set[str]:
    """The first non-plumbing components reached from `start`, walking through plumbing."""
    seen, frontier, found = {start}, [start], set()
    while frontier:
        for nxt in sorted(step.get(frontier.pop(), ())):
            if nxt in seen:
                continue
            seen.add(nxt)
            if nxt in plumbing:
                frontier.append(nxt)
            elif nxt in real:
                found.add(nxt)
    return found


def _contract(links: Sequence[Link], plumbing: set[str]) -> list[Link]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    for link in links:
        if not link.any_of and link.relation is Relation.REQUEST:
            for target in link.targets:
                _merge(graph, link.source, target, link.kind)
    for item in sorted(plumbing & set(graph)):
        for before in sorted(graph.predecessors(item)):
            for after in sorted(graph.successors(item)):
                steps = (graph[before][item]["kind"], graph[item][after]["kind"])
                hard = all(step is DependencyKind.HARD for step in steps)
                kind = DependencyKind.HARD if hard else DependencyKind.SOFT
                if before != after:
                    _merge(graph, before, after, kind)
        graph.remove_node(item)
    plain = [Link(u, (v,), graph[u][v]["kind"]) for u, v in graph.edges]
    kept = [
        link
        for link in links
        if link.any_of
        or (link.relation is Relation.CONFIG and not plumbing & {link.source, *link.targets})
    ]
    return sorted(plain + kept, key=Link.sort_key)


def _merge(graph: nx.DiGraph[str], source: str, target: str, kind: DependencyKind) -> None:
    if graph.has_edge(source, target) and graph[source][target]["kind"] is DependencyKind.HARD:
        return
    graph.add_edge(source, target, kind=kind)
