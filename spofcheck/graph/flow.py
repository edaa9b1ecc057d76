"""Who sends requests to whom: the one request graph, read by checks, diagrams and the calculator.

`build.build_graph` turns the model into nodes and edges (an `any_of` group is a junction
node). This module gives the views other stages need of that same graph, so none of
them rebuilds it with its own rules: the request graph of an architecture or of any list
of dependencies (a diagram's reduced links), its components-only reachability view, and
the entry points a graph implies when none are declared.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from spofcheck.graph.build import (
    Graph,
    add_dependencies,
    build_graph,
    is_junction,
    request_graph,
)
from spofcheck.model import Architecture, Dependency


def request_flow(arch: Architecture, *, hard_only: bool = False) -> Graph:
    """The architecture's request edges (hard and soft by default), junctions included."""
    return request_graph(build_graph(arch), hard_only=hard_only)


def flow_of(nodes: Iterable[str], dependencies: Iterable[Dependency]) -> Graph:
    """The request graph of an explicit list of dependencies, built the same way."""
    graph: Graph = nx.DiGraph()
    for node in sorted(nodes):
        graph.add_node(node, component=None, junction=False)
    add_dependencies(graph, dependencies)
    return request_graph(graph, hard_only=False)


def reach(rgraph: Graph) -> Graph:
    """Components only: an edge where a request may go, through any `any_of` alternative.

    For reachability (who can a request from here get to) an `any_of` group is an edge
    to each of its alternatives; for failure (who does this need) it is not, which is
    why the junctions stay in the request graph and are contracted only here.
    """
    view: Graph = nx.DiGraph()
    view.add_nodes_from(n for n in rgraph if not is_junction(n))
    for node in view.nodes:
        view.add_edges_from((node, target) for target in _plain_successors(rgraph, node))
    return view


def _plain_successors(rgraph: Graph, node: str) -> set[str]:
    found: set[str] = set()
    stack = list(rgraph.successors(node))
    while stack:
        nxt = stack.pop()
        if not is_junction(nxt):
            found.add(nxt)
        elif nxt not in found:
            found.add(nxt)
            stack.extend(rgraph.successors(nxt))
    return {n for n in found if not is_junction(n)}


def roots(rgraph: Graph) -> list[str]:
    """Components nobody sends requests to that send some: where requests must enter."""
    view = reach(rgraph)
    return [n for n in sorted(view) if view.in_degree(n) == 0 and view.out_degree(n)]


def upstream(rgraph: Graph, node: str) -> set[str]:
    """Every component whose requests may reach `node` (junctions left out)."""
    return {n for n in nx.ancestors(rgraph, node) if not is_junction(n)}


def downstream(rgraph: Graph, node: str) -> set[str]:
    """Every component a request from `node` may reach (junctions left out)."""
    return {n for n in nx.descendants(rgraph, node) if not is_junction(n)}
