"""What one failure takes down, for the entry points only: linear in the graph for a chain.

`queries.critical_sets` gives every node its whole set of critical components; on a
chain of n components those sets hold n²/2 members (8,000 components: 32 million,
~1.5 GB). HA001 only asks about entry points, so here crit(entry) is one walk: every
node reached through plain dependencies, plus, at each `any_of` junction, the
intersection of its live alternatives' sets. Only junctions keep a stored set. When a
junction sits on a dependency cycle the fixpoint needs every set: that (rare) graph is
handed to `critical_sets`.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from spofcheck.graph.build import Graph, is_junction
from spofcheck.graph.queries import _dead, critical_sets


def critical_to(rgraph: Graph, sources: Iterable[str]) -> dict[str, frozenset[str]]:
    """crit(source) for each source in the graph: the same sets `critical_sets` gives."""
    wanted = [s for s in sources if s in rgraph]
    if _junction_on_cycle(rgraph):
        every = critical_sets(rgraph)
        return {s: every[s] for s in wanted}
    junctions: dict[str, frozenset[str]] = {}
    for junction in _junctions_bottom_up(rgraph, wanted):
        junctions[junction] = _junction_set(rgraph, junction, junctions)
    return {s: _closure(rgraph, s, junctions) for s in wanted}


def _junction_on_cycle(rgraph: Graph) -> bool:
    for component in nx.strongly_connected_components(rgraph):
        if len(component) > 1 and any(is_junction(n) for n in component):
            return True
    return any(is_junction(a) and a == b for a, b in nx.selfloop_edges(rgraph))


def _junctions_bottom_up(rgraph: Graph, sources: list[str]) -> list[str]:
    """Junctions reachable from `sources`, each after every junction below it."""
    below: set[str] = set(sources)
    for source in sources:
        below.update(nx.descendants(rgraph, source))
    condensed = nx.condensation(rgraph.subgraph(below))
    found: list[str] = []
    for scc in reversed(list(nx.topological_sort(condensed))):
        found.extend(n for n in sorted(condensed.nodes[scc]["members"]) if is_junction(n))
    return found


def _junction_set(
    rgraph: Graph, junction: str, junctions: dict[str, frozenset[str]]
) -> frozenset[str]:
    live = [c for c in sorted(rgraph.successors(junction)) if not _dead(rgraph, c)]
    if not live:
        return frozenset()
    return frozenset.intersection(*(_closure(rgraph, c, junctions) for c in live))


def _closure(rgraph: Graph, start: str, junctions: dict[str, frozenset[str]]) -> frozenset[str]:
    """crit(start): plain dependencies followed, junctions replaced by their stored set."""
    if is_junction(start):
        return junctions[start]
    found: set[str] = {start}
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for child in rgraph.successors(node):
            if child in seen:
                continue
            seen.add(child)
            if is_junction(child):
                found |= junctions[child]
            else:
                found.add(child)
                stack.append(child)
    return frozenset(found)
