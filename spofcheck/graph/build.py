"""Build the networkx graph of an architecture: components as nodes, dependencies as edges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

import networkx as nx

from spofcheck.model import Architecture, Dependency, DependencyKind, Relation

if TYPE_CHECKING:
    Graph: TypeAlias = nx.DiGraph[str]
else:
    Graph: TypeAlias = nx.DiGraph

ANY_OF_PREFIX = "any_of:"


def any_of_node(source: str, index: int) -> str:
    """The id of the virtual junction node standing for one `any_of` group."""
    return f"{ANY_OF_PREFIX}{source}#{index}"


def is_junction(node: str) -> bool:
    return node.startswith(ANY_OF_PREFIX)


def build_graph(arch: Architecture) -> Graph:
    """Every component and dependency; `any_of` groups become junction nodes.

    Edges point from the consumer to what it needs. Edge attributes: `kind`
    (hard|soft) and `relation` (request|config). Junction nodes carry `junction=True`.
    """
    graph: Graph = nx.DiGraph()
    for cid in sorted(arch.components):
        graph.add_node(cid, component=arch.components[cid], junction=False)
    add_dependencies(graph, arch.dependencies)
    return graph


def add_dependencies(graph: Graph, dependencies: Iterable[Dependency]) -> None:
    """Add each dependency as an edge, or as a junction node for an `any_of` group."""
    groups: dict[str, int] = {}
    for dep in dependencies:
        if dep.target is not None:
            _add_edge(graph, dep.source, dep.target, dep.kind, dep.relation)
            continue
        index = groups.get(dep.source, 0)
        groups[dep.source] = index + 1
        junction = any_of_node(dep.source, index)
        graph.add_node(junction, component=None, junction=True)
        _add_edge(graph, dep.source, junction, dep.kind, dep.relation)
        for alternative in dep.any_of:
            _add_edge(graph, junction, alternative, DependencyKind.HARD, dep.relation)


def _add_edge(
    graph: Graph, source: str, target: str, kind: DependencyKind, relation: Relation
) -> None:
    if graph.has_edge(source, target):
        old = graph.edges[source, target]
        # A request edge outranks a config edge; a hard one outranks a soft one.
        if old["relation"] is Relation.REQUEST and relation is Relation.CONFIG:
            return
        if old["relation"] is relation and old["kind"] is DependencyKind.HARD:
            return
    graph.add_edge(source, target, kind=kind, relation=relation)


def request_graph(graph: Graph, *, hard_only: bool = True) -> Graph:
    """The subgraph of request edges (hard ones only by default): what availability follows."""
    view: Graph = nx.DiGraph()
    view.add_nodes_from(graph.nodes(data=True))
    for source, target, data in graph.edges(data=True):
        if data["relation"] is not Relation.REQUEST:
            continue
        if hard_only and data["kind"] is not DependencyKind.HARD:
            continue
        view.add_edge(source, target, **data)
    return view
