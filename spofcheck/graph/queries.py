"""Questions rules ask of the request graph: who needs whom, and what one failure takes down."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from spofcheck.graph.build import is_junction


def reachable(rgraph: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """Components reachable from `sources` (inclusive), junction nodes left out."""
    seen: set[str] = set()
    for source in sources:
        if source in rgraph and source not in seen:
            seen.add(source)
            seen.update(nx.descendants(rgraph, source))
    return {node for node in seen if not is_junction(node)}


def critical_sets(rgraph: nx.DiGraph) -> dict[str, frozenset[str]]:
    """For every node, the components whose single failure takes it down.

    Fixpoint of crit(x) = {x} ∪ ⋃ crit(plain hard deps) ∪ ⋃_groups ⋂_{alternatives} crit(a).
    A junction node stands for one `any_of` group: it is down only when all of its
    alternatives are, so it contributes the intersection. Cycles are fine: members of a
    hard cycle end up critical to each other, which is the truth.
    """
    order = _evaluation_order(rgraph)
    crit: dict[str, frozenset[str]] = {
        n: frozenset() if is_junction(n) else frozenset({n}) for n in order
    }
    changed = True
    while changed:
        changed = False
        for node in order:
            new = _crit_of(rgraph, node, crit)
            if new != crit[node]:
                crit[node] = new
                changed = True
    return crit


def _crit_of(rgraph: nx.DiGraph, node: str, crit: dict[str, frozenset[str]]) -> frozenset[str]:
    children = sorted(rgraph.successors(node))
    if is_junction(node):
        if not children:
            return frozenset()
        return frozenset.intersection(*(crit[c] for c in children))
    result = {node}
    for child in children:
        result |= crit[child]
    return frozenset(result)


def _evaluation_order(rgraph: nx.DiGraph) -> list[str]:
    """Dependencies before dependents where possible, so the fixpoint converges fast."""
    condensed = nx.condensation(rgraph)
    order: list[str] = []
    for scc in reversed(list(nx.lexicographical_topological_sort(condensed))):
        order.extend(sorted(condensed.nodes[scc]["members"]))
    return order


def hard_cycles(rgraph: nx.DiGraph) -> list[list[str]]:
    """Each strongly connected group of components that hard-depend on each other, sorted."""
    cycles = []
    for scc in nx.strongly_connected_components(rgraph):
        members = sorted(n for n in scc if not is_junction(n))
        if len(scc) > 1 or rgraph.has_edge(next(iter(scc)), next(iter(scc))):
            cycles.append(members)
    return sorted(cycles)


def dependents(rgraph: nx.DiGraph, node: str) -> list[str]:
    """Components that (transitively) need `node`, junctions left out, sorted."""
    if node not in rgraph:
        return []
    return sorted(n for n in nx.ancestors(rgraph, node) if not is_junction(n))
