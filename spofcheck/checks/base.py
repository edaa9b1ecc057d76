"""What a Python check receives and yields; checks themselves are pure functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx

from spofcheck.graph.build import build_graph, request_graph
from spofcheck.graph.queries import critical_sets, reachable
from spofcheck.model import Architecture, Component, Location, Severity


@dataclass(frozen=True)
class Violation:
    """A check's raw result; the engine stamps rule id, severity and location on it."""

    component: str
    message: str
    severity: Severity | None = None  # overrides the rule's default (e.g. a lower one)
    location: Location | None = None  # overrides the component's source location
    key: str = ""  # tells apart several violations of one rule on one component


@dataclass
class CheckContext:
    """The architecture and the derived views checks share; computed once, lazily."""

    arch: Architecture
    availability: Mapping[str, Any] | None = None

    @cached_property
    def graph(self) -> nx.DiGraph:
        return build_graph(self.arch)

    @cached_property
    def requests(self) -> nx.DiGraph:
        """Hard request edges only: what a failure propagates along."""
        return request_graph(self.graph, hard_only=True)

    @cached_property
    def critical(self) -> dict[str, frozenset[str]]:
        return critical_sets(self.requests)

    @cached_property
    def served(self) -> set[str]:
        """Components some entry point needs (through hard request edges)."""
        return reachable(self.requests, self.arch.entrypoints)

    def components(self) -> list[Component]:
        return [self.arch.components[cid] for cid in sorted(self.arch.components)]


CheckFn = Callable[[CheckContext, Mapping[str, Any]], Iterator[Violation]]
