"""Request paths in messages: one breadth-first search per entry point, shown as the first
hops … the last hops.

A message that spells out the whole path grows with the path, and one message per
component on a long chain made the report grow with its square: 8,000 chained components
took 210 s, 3.1 GB and wrote 321 MB of JSON. A search per (entry, component) pair is
quadratic too. Here each entry point's search tree is built once; a path is read from it
in time bounded by SHOWN_HOPS (plus any-of junctions, which are never shown).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from spofcheck.graph.build import Graph, is_junction

SHOWN_HOPS = 3  # components shown at each end of a long path


@dataclass
class _Tree:
    parent: dict[str, str | None] = field(default_factory=dict)
    shown: dict[str, int] = field(default_factory=dict)  # components on the path, source included
    head: dict[str, tuple[str, ...]] = field(default_factory=dict)  # its first components


class PathFinder:
    """Shortest request paths from entry points, for messages."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._trees: dict[str, _Tree] = {}

    def describe(self, source: str, target: str) -> str:
        """`a → b → c`, or `a → b → c → … (n more) → x → y → z` on a long path."""
        if source == target:
            return source
        tree = self._tree(source)
        if target not in tree.parent:
            return f"{source} → … → {target}"
        count = tree.shown[target]
        if count <= 2 * SHOWN_HOPS + 1:
            return " → ".join(_walk(tree, target, count))
        tail = _walk(tree, target, SHOWN_HOPS)
        head = tree.head[target][:SHOWN_HOPS]
        hidden = count - 2 * SHOWN_HOPS
        return f"{' → '.join(head)} → … ({hidden} more) → {' → '.join(tail)}"

    def _tree(self, source: str) -> _Tree:
        if source not in self._trees:
            self._trees[source] = _search(self.graph, source)
        return self._trees[source]


def _search(graph: Graph, source: str) -> _Tree:
    """Breadth-first, neighbours in sorted order: deterministic shortest paths."""
    tree = _Tree({source: None}, {source: 1}, {source: (source,)})
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for succ in sorted(graph.successors(node)):
            if succ in tree.parent:
                continue
            tree.parent[succ] = node
            seen = not is_junction(succ)
            tree.shown[succ] = tree.shown[node] + seen
            head = tree.head[node]
            tree.head[succ] = (*head, succ) if seen and len(head) < SHOWN_HOPS else head
            queue.append(succ)
    return tree


def _walk(tree: _Tree, target: str, wanted: int) -> list[str]:
    """The last `wanted` components of the path to `target`, in path order."""
    found: list[str] = []
    node: str | None = target
    while node is not None and len(found) < wanted:
        if not is_junction(node):
            found.append(node)
        node = tree.parent[node]
    return found[::-1]
