"""HA008: one region's outage takes the service down while the SLO asks for multi-region."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.availability.downtime import format_percent
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import PLUMBING
from spofcheck.graph.queries import down_after
from spofcheck.model import Architecture, Component, Scope


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """For each region, fail what lives only there; report the entry points that fall."""
    slo = ctx.slo
    if slo is None or slo + 1e-12 < float(options.get("min_slo", 0.9999)):
        return  # below four nines a second region is over-engineering: say nothing
    entries = sorted(e for e in ctx.arch.entrypoints if e in ctx.requests)
    for region, members in sorted(_regional_fate(ctx).items()):
        down = down_after(ctx.requests, members)
        fallen = [e for e in entries if e in down]
        if fallen:
            needed = sorted(m for m in members if m in ctx.served)
            yield Violation(fallen[0], _message(region, fallen, needed, slo), key=region)


def _regional_fate(ctx: CheckContext) -> dict[str, list[str]]:
    """Region -> components whose every counted replica lives in it."""
    fate: dict[str, list[str]] = {}
    for component in ctx.components():
        regions = _regions(ctx.arch, component)
        if len(regions) == 1:
            fate.setdefault(next(iter(regions)), []).append(component.id)
    return fate


def _regions(arch: Architecture, component: Component) -> set[str]:
    """The regions holding the component's counted capacity (empty: global or unknown)."""
    if component.scope is Scope.GLOBAL or component.kind in PLUMBING or not component.modelled:
        return set()
    found = {component.region} | {_zone_region(arch, z) for z in component.zones}
    standby = component.standby
    if standby is not None and standby.counts:
        found |= {standby.region} | {_zone_region(arch, z) for z in standby.zones}
    return {r for r in found if r}


def _zone_region(arch: Architecture, zone: str) -> str | None:
    domain = arch.zones.get(zone)
    return domain.region if domain is not None else None


def _message(region: str, fallen: list[str], needed: list[str], slo: float) -> str:
    shown = ", ".join(needed[:4]) + (f" and {len(needed) - 4} more" if len(needed) > 4 else "")
    more = f" (and {len(fallen) - 1} more entry point(s))" if len(fallen) > 1 else ""
    return (
        f"an outage of region {region} takes down entry point {fallen[0]}{more}: "
        f"{shown} run{'s' if len(needed) == 1 else ''} only there, while the SLO is "
        f"{format_percent(slo)}; a regional outage alone can exceed that SLO's downtime budget"
    )
