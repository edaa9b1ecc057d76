"""Smaller views for renderers with size limits: entry points, flagged parts, paths between."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import replace

import networkx as nx

from spofcheck.diagram.annotate import Annotations, Mark
from spofcheck.diagram.select import Link, Selection, entry_points, request_graph, restrict
from spofcheck.model import Architecture

MAX_HOPS = 6  # the deepest neighbourhood tried when nothing is flagged


def reductions(
    arch: Architecture, selection: Selection, notes: Annotations
) -> Iterator[tuple[Selection, str]]:
    """Ever smaller selections, each with a sentence saying what it leaves out."""
    entries = set(entry_points(arch, selection, infer=True))
    flagged = _by_severity(notes, set(selection.components))
    if not flagged:
        yield from _near_entries(selection, entries)
        return
    yield (
        _paths(selection, entries, set(flagged)),
        "showing only the entry points, the flagged components and the paths between them",
    )
    yield (
        _summarised(selection, entries | set(flagged)),
        "showing only the entry points and the flagged components; dotted edges stand for "
        "paths through components not drawn",
    )
    size = len(flagged) // 2
    while size >= 1:
        left_out = len(flagged) - size
        yield (
            _summarised(selection, entries | set(flagged[:size])),
            f"showing only the entry points and the {size} most severe flagged components "
            f"({left_out} flagged components left out)",
        )
        size //= 2


def _near_entries(selection: Selection, entries: set[str]) -> Iterator[tuple[Selection, str]]:
    """Nothing is flagged: the first hops from the entry points, fewer until it fits."""
    graph = request_graph(selection.components, selection.links)
    for hops in range(MAX_HOPS, 0, -1):
        keep = set(entries)
        for entry in entries:
            keep.update(nx.single_source_shortest_path_length(graph, entry, cutoff=hops))
        yield (
            _summarised(selection, keep),
            f"nothing is flagged: showing what the entry points reach within {hops} "
            f"{'hop' if hops == 1 else 'hops'}",
        )
    yield _summarised(selection, entries), "nothing is flagged: showing only the entry points"


def _by_severity(notes: Annotations, drawn: set[str]) -> list[str]:
    flagged = notes.flagged() & drawn
    return sorted(flagged, key=lambda cid: (notes.marks[cid] is not Mark.SPOF, cid))


def _paths(selection: Selection, entries: set[str], flagged: set[str]) -> Selection:
    graph = request_graph(selection.components, selection.links)
    reached: set[str] = set()
    for entry in entries:
        reached |= nx.descendants(graph, entry)
    leading: set[str] = set()
    for target in flagged:
        leading |= nx.ancestors(graph, target)
    return restrict(selection, entries | flagged | (reached & leading))


def _summarised(selection: Selection, keep: set[str]) -> Selection:
    """Only `keep`, with an edge wherever a path ran between two of them."""
    graph = request_graph(selection.components, selection.links)
    direct = {
        (link.source, target): link
        for link in selection.links
        if not link.any_of
        for target in link.targets
    }
    links = [
        link
        for link in selection.links
        if link.any_of and keep.issuperset((link.source, *link.targets))
    ]
    grouped = {(link.source, target) for link in links for target in link.targets}
    for source in sorted(keep & set(graph)):
        for target, hops in sorted(_next_kept(graph, source, keep).items()):
            if (source, target) not in grouped:
                links.append(direct.get((source, target)) or _summary(source, target, hops))
    reduced = restrict(selection, keep)
    return replace(reduced, links=tuple(sorted(links, key=Link.sort_key)))


def _next_kept(graph: nx.DiGraph[str], source: str, keep: set[str]) -> dict[str, int]:
    """Kept components reachable from `source` without passing another kept one: hops."""
    found: dict[str, int] = {}
    seen = {source}
    frontier = deque([(source, 0)])
    while frontier:
        node, depth = frontier.popleft()
        for nxt in sorted(graph.successors(node)):
            if nxt in seen:
                continue
            seen.add(nxt)
            if nxt in keep:
                found[nxt] = depth
            else:
                frontier.append((nxt, depth + 1))
    return found


def _summary(source: str, target: str, hidden: int) -> Link:
    if hidden == 0:
        return Link(source, (target,))
    noun = "component" if hidden == 1 else "components"
    return Link(source, (target,), summary=f"via {hidden} {noun}")
