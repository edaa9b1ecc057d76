"""Questions rules ask of the request graph: who needs whom, and what one failure takes down."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from spofcheck.graph.build import Graph, is_junction


def reachable(rgraph: Graph, sources: Iterable[str]) -> set[str]:
    """Components reachable from `sources` (inclusive), junction nodes left out."""
    seen: set[str] = set()
    for source in sources:
        if source in rgraph and source not in seen:
            seen.add(source)
            seen.update(nx.descendants(rgraph, source))
    return {node for node in seen if not is_junction(node)}


def critical_sets(rgraph: Graph) -> dict[str, frozenset[str]]:
    """For every node, the components whose single failure takes it down.

    Fixpoint of crit(x) = {x} ∪ ⋃ crit(plain hard deps) ∪ ⋃_groups ⋂_{alternatives} crit(a).
    A junction node stands for one `any_of` group: it is down only when all of its live
    alternatives are, so it contributes their intersection; an alternative with no
    running capacity (0 replicas, no standby that takes over) is down already and
    protects nothing. Strongly connected groups are iterated to a fixpoint on their own,
    everything else is computed once in dependency order. Members of a hard cycle end up
    critical to each other, which is the truth.
    """
    crit: dict[str, frozenset[str]] = {}
    condensed = nx.condensation(rgraph)
    for scc in reversed(list(nx.lexicographical_topological_sort(condensed))):
        members = sorted(condensed.nodes[scc]["members"])
        for node in members:
            crit[node] = frozenset() if is_junction(node) else frozenset({node})
        cyclic = len(members) > 1 or rgraph.has_edge(members[0], members[0])
        changed = True
        while changed:
            changed = False
            for node in members:
                new = _crit_of(rgraph, node, crit)
                if new != crit[node]:
                    crit[node] = new
                    changed = cyclic
    return crit


def _crit_of(rgraph: Graph, node: str, crit: dict[str, frozenset[str]]) -> frozenset[str]:
    children = sorted(rgraph.successors(node))
    if is_junction(node):
        live = [c for c in children if not _dead(rgraph, c)]
        if not live:
            return frozenset()
        return frozenset.intersection(*(crit[c] for c in live))
    result = {node}
    for child in children:
        result |= crit[child]
    return frozenset(result)


def _dead(rgraph: Graph, node: str) -> bool:
    """No running capacity at all: known zero replicas and no standby that takes over."""
    component = rgraph.nodes[node].get("component")
    if component is None or component.replicas > 0 or "replicas" in component.unresolved:
        return False
    standby = component.standby
    return not (standby is not None and standby.counts and standby.replicas > 0)


def callers(rgraph: Graph, node: str) -> list[str]:
    """Components with a request edge to `node`, directly or through an `any_of` group."""
    if node not in rgraph:
        return []
    found: set[str] = set()
    for pred in rgraph.predecessors(node):
        if is_junction(pred):
            found.update(p for p in rgraph.predecessors(pred) if not is_junction(p))
        else:
            found.add(pred)
    return sorted(found)


def targets(rgraph: Graph, node: str) -> list[str]:
    """Components `node` has a request edge to, directly or through an `any_of` group."""
    if node not in rgraph:
        return []
    found: set[str] = set()
    for succ in rgraph.successors(node):
        if is_junction(succ):
            found.update(s for s in rgraph.successors(succ) if not is_junction(s))
        else:
            found.add(succ)
    return sorted(found)


def alternatives_of(rgraph: Graph) -> dict[str, list[str]]:
    """For each component that is one alternative of an `any_of` group, the groups' owners."""
    owners: dict[str, set[str]] = {}
    for node in rgraph:
        if not is_junction(node):
            continue
        sources = [p for p in rgraph.predecessors(node) if not is_junction(p)]
        for alternative in rgraph.successors(node):
            owners.setdefault(alternative, set()).update(sources)
    return {k: sorted(v) for k, v in sorted(owners.items())}


def plain_cycles(rgraph: Graph) -> list[list[str]]:
    """One cycle per strongly connected group of plain edges (junctions left out).

    A loop through an `any_of` group is not a hard cycle: the other alternative can
    serve. Each cycle starts at its smallest member and follows sorted successors.
    """
    plain = rgraph.subgraph(n for n in rgraph if not is_junction(n))
    cycles = []
    for scc in nx.strongly_connected_components(plain):
        start = min(scc)
        if len(scc) == 1 and not plain.has_edge(start, start):
            continue
        cycles.append(_walk_cycle(plain.subgraph(scc), start))
    return sorted(cycles)


def _walk_cycle(scc: Graph, start: str) -> list[str]:
    """The shortest cycle through `start` within one strongly connected group."""
    best: list[str] | None = None
    for succ in sorted(scc.successors(start)):
        path = [start] if succ == start else nx.shortest_path(scc, succ, start)
        candidate = [start, *path[:-1]] if succ != start else [start]
        if best is None or len(candidate) < len(best):
            best = candidate
    return best or [start]


def down_after(rgraph: Graph, failed: Iterable[str]) -> set[str]:
    """Every component down once `failed` are: a plain node with any needed node down, a
    junction with all of its alternatives down. Least fixpoint, so a healthy cycle stays up.
    """
    down = {n for n in failed if n in rgraph}
    frontier = set(down)
    while frontier:
        nxt: set[str] = set()
        for node in frontier:
            for pred in rgraph.predecessors(node):
                if pred not in down and _falls(rgraph, pred, down):
                    nxt.add(pred)
        down |= nxt
        frontier = nxt
    return {n for n in down if not is_junction(n)}


def _falls(rgraph: Graph, node: str, down: set[str]) -> bool:
    if is_junction(node):
        return all(s in down for s in rgraph.successors(node))
    return True  # a plain node needs every successor, and one of them is down
