"""graph/structure.py: the calculator's needs are read from the one request graph."""

from __future__ import annotations

from spofcheck.graph.build import build_graph, request_graph
from spofcheck.graph.structure import hard_needs, is_component
from spofcheck.model import Architecture, Component, Dependency, DependencyKind, Relation


def _arch() -> Architecture:
    names = ["web", "api", "a", "b", "cache", "cfg"]
    return Architecture(
        components={n: Component(id=n) for n in names},
        dependencies=[
            Dependency(source="web", target="api"),
            Dependency(source="api", any_of=["b", "a"]),
            Dependency(source="api", target="cache", kind=DependencyKind.SOFT),
            Dependency(source="api", target="cfg", relation=Relation.CONFIG),
            Dependency(source="web", target="ghost"),
        ],
    )


def test_plain_edges_are_singletons_and_any_of_junctions_are_sorted_alternatives() -> None:
    """Soft and config edges are not needs; a junction becomes its sorted alternatives."""
    request = request_graph(build_graph(_arch()))
    assert hard_needs(request) == {"api": [("a", "b")], "web": [("api",), ("ghost",)]}
    assert not is_component(request, "ghost")
    assert is_component(request, "api")
