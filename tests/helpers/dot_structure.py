"""A small reader for the DOT spofcheck writes: clusters, nodes with attributes, edges.

It reads only the one-statement-per-line layout the `graphviz` package produces, which is
enough to check structure without needing the `dot` executable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUBGRAPH = re.compile(r"^subgraph (\w+) \{$")
_EDGE = re.compile(r"^(\w+) -> (\w+)(?: \[(.*)\])?$")
_NODE = re.compile(r"^(\w+) \[(.*)\]$")
_TAG = re.compile(r"<[^>]*>")


@dataclass
class DotCluster:
    name: str
    label: str = ""
    nodes: list[str] = field(default_factory=list)
    children: list[DotCluster] = field(default_factory=list)


@dataclass
class DotGraph:
    root: DotCluster
    nodes: dict[str, dict[str, str]]
    edges: list[tuple[str, str, dict[str, str]]]
    graph_label: str

    def clusters(self) -> dict[str, DotCluster]:
        found: dict[str, DotCluster] = {}
        stack = [self.root]
        while stack:
            cluster = stack.pop()
            found[cluster.name] = cluster
            stack.extend(cluster.children)
        return found

    def cluster_of(self, node: str) -> DotCluster:
        return next(c for c in self.clusters().values() if node in c.nodes)

    def path_of(self, node: str) -> list[str]:
        """Labels of the clusters holding `node`, outermost first."""

        def walk(cluster: DotCluster, trail: list[str]) -> list[str] | None:
            if node in cluster.nodes:
                return trail
            for child in cluster.children:
                if (found := walk(child, [*trail, child.label])) is not None:
                    return found
            return None

        return walk(self.root, []) or []


def plain(label: str) -> str:
    """The visible text of an HTML-like label, tags removed, entities left as written."""
    return " ".join(_TAG.sub(" ", label).split())


def parse_attrs(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    i = 0
    while i < len(text):
        key_end = text.index("=", i)
        key = text[i:key_end].strip()
        i = key_end + 1
        if text[i] == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            attrs[key], i = text[i + 1 : j - 1], j
        elif text[i] == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            attrs[key], i = text[i + 1 : j], j + 1
        else:
            j = text.find(" ", i)
            j = len(text) if j < 0 else j
            attrs[key], i = text[i:j], j
        while i < len(text) and text[i] == " ":
            i += 1
    return attrs


def parse_dot(source: str) -> DotGraph:
    root = DotCluster("root")
    stack = [root]
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    graph_label = ""
    for raw in source.splitlines():
        line = raw.strip()
        if match := _SUBGRAPH.match(line):
            child = DotCluster(match.group(1))
            stack[-1].children.append(child)
            stack.append(child)
        elif line == "}":
            stack.pop()
        elif match := _EDGE.match(line):
            edges.append((match.group(1), match.group(2), parse_attrs(match.group(3) or "")))
        elif (match := _NODE.match(line)) and match.group(1) not in ("node", "edge", "graph"):
            nodes[match.group(1)] = parse_attrs(match.group(2))
            stack[-1].nodes.append(match.group(1))
        elif "label=" in line and not line.startswith(("node", "edge")):
            attrs = parse_attrs(line)
            if len(stack) > 1:
                stack[-1].label = plain(attrs.get("label", ""))
            else:
                graph_label = attrs.get("label", graph_label)
    return DotGraph(root, nodes, edges, graph_label)
