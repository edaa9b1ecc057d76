"""What a Python check receives and yields; checks themselves are pure functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spofcheck.graph.build import Graph, build_graph, request_graph
from spofcheck.graph.queries import callers, critical_sets, reachable, targets
from spofcheck.graph.zonal import fold_zonal_siblings
from spofcheck.model import Architecture, AvailabilityResult, Component, Location, Severity


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
    availability: AvailabilityResult | None = None

    @cached_property
    def graph(self) -> Graph:
        return build_graph(self.arch)

    @cached_property
    def requests(self) -> Graph:
        """Hard request edges only: what a failure propagates along.

        Per-zone siblings (one NAT gateway per zone) count as one `any_of` group.
        """
        return fold_zonal_siblings(request_graph(self.graph, hard_only=True))

    @cached_property
    def all_requests(self) -> Graph:
        """Hard and soft request edges: who sends traffic to whom."""
        return request_graph(self.graph, hard_only=False)

    @cached_property
    def critical(self) -> dict[str, frozenset[str]]:
        return critical_sets(self.requests)

    @cached_property
    def served(self) -> set[str]:
        """Components some entry point needs (through hard request edges)."""
        return reachable(self.requests, self.arch.entrypoints)

    @cached_property
    def slo(self) -> float | None:
        """The objective the scan runs against: the calculator's (CLI/config), else the YAML's."""
        computed = self.availability
        return computed.slo if computed is not None and computed.slo is not None else self.arch.slo

    def components(self) -> list[Component]:
        return [self.arch.components[cid] for cid in sorted(self.arch.components)]

    def targets(self, cid: str) -> list[Component]:
        """Components `cid` sends requests to (hard or soft, through any_of groups)."""
        found = targets(self.all_requests, cid)
        return [self.arch.components[c] for c in found if c in self.arch.components]

    def callers(self, cid: str) -> list[Component]:
        """Components that send requests to `cid` (hard or soft, through any_of groups)."""
        found = callers(self.all_requests, cid)
        return [self.arch.components[c] for c in found if c in self.arch.components]


CheckFn = Callable[[CheckContext, Mapping[str, Any]], Iterator[Violation]]
