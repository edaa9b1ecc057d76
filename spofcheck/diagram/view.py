"""The renderer-independent view of a diagram: clusters, nodes, junctions, edges, title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from spofcheck.diagram.annotate import Mark
from spofcheck.model import Kind

CLIENTS = "clients"  # key of the pseudo-node that sends requests to the entry points


class EdgeStyle(StrEnum):
    """How an edge is drawn; the legend explains each one in use."""

    HARD = "hard"
    SOFT = "soft"
    CONFIG = "config"
    SUMMARY = "summary"  # one edge standing for a path that a reduced view left out
    ENTRY = "entry"


class Level(StrEnum):
    ROOT = "root"
    REGION = "region"
    ZONE = "zone"
    MODULE = "module"


@dataclass(frozen=True)
class NodeView:
    """One drawn component; `details` are plain-text lines under its name."""

    key: str
    component: str
    name: str
    kind: Kind | None  # None for a referenced component nobody declared
    label: str | None = None  # the human description the architecture gives it
    details: tuple[str, ...] = ()
    mark: Mark = Mark.NONE
    rules: tuple[str, ...] = ()
    folded: tuple[str, ...] = ()  # ids of the plumbing folded into this node
    folded_summary: str = ""  # `uses subnet ×2, launch_template`
    entry: bool = False
    focus: bool = False
    muted: bool = False  # not declared, or an opaque module: drawn grey and dashed


@dataclass(frozen=True)
class JunctionView:
    """The point where `any_of` alternatives split: one of the targets is enough."""

    key: str
    label: str
    soft: bool = False


@dataclass(frozen=True)
class EdgeView:
    tail: str
    head: str
    style: EdgeStyle
    label: str | None = None


@dataclass(frozen=True)
class Cluster:
    """A failure domain or module box; children sorted, `nodes`/`junctions` hold keys."""

    key: str
    level: Level
    label: str
    nodes: tuple[str, ...] = ()
    junctions: tuple[str, ...] = ()
    children: tuple[Cluster, ...] = ()

    def walk(self) -> list[Cluster]:
        """This cluster and every cluster inside it, depth first, in drawing order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


@dataclass(frozen=True)
class View:
    title: str
    headline: str
    root: Cluster
    nodes: Mapping[str, NodeView]
    junctions: Mapping[str, JunctionView] = field(default_factory=dict)
    edges: tuple[EdgeView, ...] = ()
    notes: tuple[str, ...] = ()
    scenario: bool = False  # a what-if drawing: red and amber mean down, not findings

    @property
    def styles(self) -> frozenset[EdgeStyle]:
        return frozenset(edge.style for edge in self.edges)
