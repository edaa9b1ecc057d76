"""HA001: a component with no redundancy that an entry point cannot do without."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import judged, read_replica, replicas_noun, single_instance
from spofcheck.checks.request_paths import PathFinder
from spofcheck.graph.build import request_graph
from spofcheck.graph.critical import critical_to
from spofcheck.graph.queries import reachable
from spofcheck.model import SERVING_KINDS, Component, Kind, Severity


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Dominates request paths from an entry point and has redundancy 1."""
    needed_by = _entrypoints_needing(ctx)
    paths = PathFinder(ctx.requests)
    anyone = reachable(request_graph(ctx.graph, hard_only=False), ctx.arch.entrypoints)
    for component in ctx.components():
        entries = needed_by.get(component.id, [])
        if entries and _scaled_to_zero(component):
            yield Violation(component.id, _zero_message(paths, component, entries))
            continue
        if not single_instance(component) or component.settings.zonal_copies:
            continue
        if entries:
            yield Violation(component.id, _message(paths, component, entries))
        elif component.id not in anyone and _assume_critical(component, options):
            yield Violation(
                component.id,
                f"no redundancy ({_capacity(component)}) and no entry "
                "point in the scanned code reaches it; its consumers live elsewhere, so "
                "criticality was assumed",
                severity=Severity(options.get("assumed_severity", "medium")),
                key="assumed",
            )


def _entrypoints_needing(ctx: CheckContext) -> dict[str, list[str]]:
    needed: dict[str, list[str]] = {}
    critical = critical_to(ctx.requests, ctx.arch.entrypoints)  # linear, unlike ctx.critical
    for entry in sorted(ctx.arch.entrypoints):
        for cid in sorted(critical.get(entry, frozenset())):
            needed.setdefault(cid, []).append(entry)
    return needed


def _assume_critical(component: Component, options: Mapping[str, Any]) -> bool:
    if not options.get("report_unreached", True):
        return False
    if read_replica(component):
        return False  # redundancy for its primary; reads can fall back to the primary
    if component.replicas == 0 and "replicas" not in component.unresolved:
        return False  # scaled to zero on purpose and reached by nothing: it serves nothing
    return component.stateful or component.kind in SERVING_KINDS


_PROVIDERS = {Kind.DNS: "one DNS provider", Kind.EXTERNAL: "one external provider"}


def _capacity(component: Component) -> str:
    if component.kind in _PROVIDERS and component.replicas == 1 and not component.zones:
        return _PROVIDERS[component.kind]  # "1 replica" reads oddly for a service you buy
    where = f" in {_zones(component)}" if component.zones else ""
    need = f", needs {component.min_healthy}" if component.min_healthy > 1 else ""
    standby = ""
    if component.standby is not None and not component.standby.counts:
        mode, failover = component.standby.mode.value, component.standby.failover.value
        standby = f", {mode} standby with {failover} failover"
    noun = replicas_noun(component, component.replicas)
    floor = ""
    scaling = component.autoscaling
    if scaling is not None and scaling.min < component.replicas:
        floor = f", may scale in to {scaling.min} ({scaling.min_written} = {scaling.min})"
    return f"{component.replicas} {noun}{where}{need}{standby}{floor}"


def _zones(component: Component) -> str:
    """`a`, `a and b`, `a ×2, b and c`: every zone, with its count when it holds several."""
    counts = Counter(component.zones)
    if len(counts) == 1:
        return component.zones[0]
    parts = [zone if n == 1 else f"{zone} ×{n}" for zone, n in sorted(counts.items())]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _scaled_to_zero(component: Component) -> bool:
    """Written as zero replicas (not unknown); an autoscaler may bring some up later, but
    an entry point that needs it has nothing to send requests to now."""
    return judged(component) and component.replicas == 0 and "replicas" not in component.unresolved


def _zero_message(paths: PathFinder, component: Component, entries: list[str]) -> str:
    others = f" (and {len(entries) - 1} more entry point(s))" if len(entries) > 1 else ""
    return (
        f"scaled to zero (0 replicas): entry point {entries[0]}{others} has nothing to "
        f"serve it via {paths.describe(entries[0], component.id)}"
    )


def _message(paths: PathFinder, component: Component, entries: list[str]) -> str:
    entry = entries[0]
    path = paths.describe(entry, component.id)
    others = f" (and {len(entries) - 1} more entry point(s))" if len(entries) > 1 else ""
    return (
        f"single point of failure: {_capacity(component)}; "
        f"one failure takes down entry point {entry}{others} via {path}"
    )
