"""What the availability calculator reads from the request graph: each component's needs.

One graph layer (issue 10): the calculator follows the same hard request edges and the
same `any_of` junctions as the checks, instead of re-reading the dependency list.
"""

from __future__ import annotations

from spofcheck.graph.build import Graph, is_junction

Alternatives = tuple[str, ...]


def hard_needs(request: Graph) -> dict[str, list[Alternatives]]:
    """Per component, what it needs over hard request edges: a plain edge is a one-element
    tuple, an `any_of` junction the sorted tuple of its alternatives. Targets that are not
    components (unknown names) are kept: the caller decides what to say about them.
    """
    needs: dict[str, list[Alternatives]] = {}
    for source in sorted(request.nodes):
        if is_junction(source):
            continue
        groups = {_alternatives(request, target) for target in request.successors(source)}
        groups.discard(())
        if groups:
            needs[source] = sorted(groups)
    return needs


def _alternatives(request: Graph, target: str) -> Alternatives:
    if not is_junction(target):
        return (target,)
    return tuple(sorted(request.successors(target)))


def is_component(graph: Graph, node: str) -> bool:
    """True for a node standing for a declared component (not a junction, not unknown)."""
    return graph.nodes[node].get("component") is not None
