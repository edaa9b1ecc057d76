"""Per-zone siblings: one NAT gateway (or other zonal part) per zone is a group, not N SPOFs.

A group spread over zones a, b and c that hard-depends on `nat_a`, `nat_b` and `nat_c`,
each living in one of those zones, really needs "the one in my zone" for each replica:
losing `nat_a` takes out the replicas in zone a, as losing zone a would, and the rest
keep serving. The model cannot say "replica i needs sibling i", so a plain hard edge
to each would make every sibling a single point of failure. This view turns such a set
of edges into one `any_of` group, which is what the failure of one sibling means for
the group as a whole.
"""

from __future__ import annotations

from collections import defaultdict

from spofcheck.graph.build import Graph, any_of_node, is_junction
from spofcheck.model import Component, DependencyKind, Scope


def fold_zonal_siblings(rgraph: Graph) -> Graph:
    """A copy of the request graph with per-zone sibling edges grouped as `any_of`."""
    folded = rgraph.copy()
    for node in sorted(n for n in rgraph if not is_junction(n)):
        component = rgraph.nodes[node].get("component")
        if component is None:
            continue
        for index, group in enumerate(_sibling_groups(rgraph, node, component)):
            _fold(folded, node, index, group)
    return folded


def _sibling_groups(rgraph: Graph, node: str, owner: Component) -> list[list[str]]:
    """Hard successors of one kind and type, each in one distinct zone the owner uses."""
    spread = set(owner.zones)
    if len(spread) < 2:
        return []
    by_type: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for succ in sorted(rgraph.successors(node)):
        if rgraph.edges[node, succ].get("kind") is not DependencyKind.HARD:
            continue
        target = rgraph.nodes[succ].get("component")
        zone = _single_zone(target) if target is not None else None
        if target is not None and zone in spread:
            by_type[(target.kind.value, target.resource_type or "")].append((succ, zone))
    groups = []
    for members in by_type.values():
        zones = {zone for _, zone in members}
        if len(members) >= 2 and len(zones) == len(members):
            groups.append([succ for succ, _ in members])
    return sorted(groups)


def _single_zone(component: Component) -> str | None:
    if component.scope is not Scope.INSTANCE or not component.zones:
        return None
    if component.standby is not None and component.standby.counts:
        return None
    zones = set(component.zones)
    return next(iter(zones)) if len(zones) == 1 else None


def _fold(graph: Graph, node: str, index: int, group: list[str]) -> None:
    junction = any_of_node(node, 1000 + index)  # clear of the model's own groups
    data = dict(graph.edges[node, group[0]])
    graph.add_node(junction, component=None, junction=True)
    graph.add_edge(node, junction, **data)
    for member in group:
        graph.remove_edge(node, member)
        graph.add_edge(junction, member, **data)
