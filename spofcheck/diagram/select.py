"""Which components and links a diagram draws: everything, a focus, or a reduced view."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from spofcheck.errors import ConfigError
from spofcheck.graph.build import Graph
from spofcheck.graph.flow import downstream, flow_of, reach, request_flow, roots, upstream
from spofcheck.model import Architecture, Dependency, DependencyKind, Relation


@dataclass(frozen=True)
class Link:
    """One drawn dependency: `source` needs `targets` (all of them, or one when `any_of`)."""

    source: str
    targets: tuple[str, ...]
    kind: DependencyKind = DependencyKind.HARD
    relation: Relation = Relation.REQUEST
    any_of: bool = False
    # Set in reduced views, where one drawn link stands for a whole path.
    summary: str | None = None

    def sort_key(self) -> tuple[str, tuple[str, ...], bool, str, str]:
        return (self.source, self.targets, self.any_of, self.relation.value, self.kind.value)


@dataclass(frozen=True)
class Selection:
    """The components (sorted) and links a view draws, and what was folded into whom."""

    components: tuple[str, ...]
    links: tuple[Link, ...]
    folded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    focus: str | None = None
    notes: tuple[str, ...] = ()


def arch_links(arch: Architecture, *, show_all: bool) -> list[Link]:
    """The architecture's dependencies as links, duplicates merged (a hard one wins)."""
    merged: dict[tuple[str, tuple[str, ...], bool, Relation], DependencyKind] = {}
    for dep in arch.dependencies:
        if dep.relation is Relation.CONFIG and not show_all:
            continue
        key = (dep.source, tuple(dep.targets), bool(dep.any_of), dep.relation)
        if merged.get(key) is not DependencyKind.HARD:
            merged[key] = dep.kind
    requested = {(s, t) for (s, t, _, r) in merged if r is Relation.REQUEST}
    links = [
        Link(source, targets, kind, relation, any_of)
        for (source, targets, any_of, relation), kind in merged.items()
        if relation is Relation.REQUEST or (source, targets) not in requested
    ]
    return sorted(links, key=Link.sort_key)


def request_graph(nodes: Iterable[str], links: Iterable[Link]) -> Graph:
    """Who may send requests to whom among drawn components: the graph layer's request
    graph of these links (`any_of` groups as junctions), seen for reachability."""
    return reach(flow_of(nodes, _dependencies(links)))


def _dependencies(links: Iterable[Link]) -> list[Dependency]:
    found = []
    for link in links:
        common = {"source": link.source, "kind": link.kind, "relation": link.relation}
        if link.any_of:
            found.append(Dependency(any_of=list(link.targets), **common))
        else:
            found += [Dependency(target=target, **common) for target in link.targets]
    return found


def neighbourhood(arch: Architecture, focus: str, *, show_all: bool) -> set[str]:
    """`focus`, everything that sends it requests and everything it needs, transitively."""
    if focus not in arch.components:
        raise ConfigError(_unknown_focus(arch, focus), key="--focus")
    flow = request_flow(arch)
    scope: set[str] = {focus} | upstream(flow, focus) | downstream(flow, focus)
    for link in arch_links(arch, show_all=show_all):
        if link.relation is Relation.CONFIG and focus in (link.source, *link.targets):
            scope.update((link.source, *link.targets))
    return scope


def _unknown_focus(arch: Architecture, focus: str) -> str:
    close = difflib.get_close_matches(focus, sorted(arch.components), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `spofcheck model` lists them"
    return f"no component {focus!r} to focus on{hint}"


def restrict(selection: Selection, keep: set[str]) -> Selection:
    """The same selection with only the components in `keep` and the links among them.

    An `any_of` group reaching into `keep` comes with all its alternatives, so a reader
    still sees that there is a choice.
    """
    keep = set(keep)
    for link in selection.links:
        if link.any_of and link.source in keep and keep.intersection(link.targets):
            keep.update(link.targets)
    links = tuple(
        link
        for link in selection.links
        if link.source in keep and all(target in keep for target in link.targets)
    )
    folded = {host: ids for host, ids in selection.folded.items() if host in keep}
    components = tuple(c for c in selection.components if c in keep)
    return replace(selection, components=components, links=links, folded=folded)


def entry_points(arch: Architecture, selection: Selection, *, infer: bool) -> tuple[str, ...]:
    """The architecture's entry points that are drawn.

    With `infer`, an architecture without any falls back to the drawn components nobody
    calls: good enough to choose what a reduced view keeps, too weak to draw as fact.
    """
    drawn = set(selection.components)
    declared = [e for e in arch.entrypoints if e in drawn]
    if arch.entrypoints or arch.entrypoints_declared or not infer:
        return tuple(sorted(declared))
    return tuple(roots(flow_of(drawn, _dependencies(selection.links))))
