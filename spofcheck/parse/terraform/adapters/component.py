"""Stamp the common fields on a handler's draft: id, source, region, figures, attributes."""

from __future__ import annotations

from spofcheck.availability.sla import Figure, default_source, lookup
from spofcheck.model import Component, Kind, Scope
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.settings import with_settings
from spofcheck.parse.terraform.adapters.values import json_safe
from spofcheck.parse.terraform.adapters.zones import provider_region, region_of_zone
from spofcheck.parse.terraform.resources import OpaqueModule, Resource

PLUMBING_KINDS = frozenset({Kind.CONFIG, Kind.NETWORK, Kind.MODULE})
PART_OF = "part-of:"
CONDITIONAL = "conditional"  # created only when an unknown condition holds


def build_component(res: Resource, draft: Draft, ctx: Context, host: str | None) -> Component:
    """The component for one resource; `host` is the component it is folded into."""
    replicas, zones, unresolved = _placement(res, draft)
    availability, source = _figure(res, draft)
    tags = set(draft.tags) | ({PART_OF + host} if host else set())
    tags |= {CONDITIONAL} if res.conditional else set()
    component = Component(
        id=res.address,
        kind=draft.kind,
        replicas=replicas,
        min_healthy=max(draft.min_healthy or 1, 0),
        autoscaling=draft.autoscaling,
        modelled=draft.modelled,
        zones=zones,
        region=_region(res, draft, ctx, zones),
        scope=draft.scope,
        availability=availability,
        availability_source=source,
        health_check=draft.health_check,
        sticky_sessions=draft.sticky_sessions,
        standby=draft.standby,
        quorum=draft.quorum,
        backups=draft.backups,
        zone_spread_not_guaranteed=draft.zone_spread_not_guaranteed,
        drain_budget=draft.drain_budget,
        source=res.location,
        provider=res.provider,
        resource_type=res.type,
        attributes=json_safe(res.attributes),
        unresolved=sorted(unresolved),
        ignore=dict(res.ignores),
        tags=sorted(tags),
    )
    return _keyed(with_settings(component), res)


def _keyed(component: Component, res: Resource) -> Component:
    """for_each instances keep their keys, so messages do not call them replicas."""
    keys = [i.key for i in res.instances]
    if len(keys) < 2 or not all(isinstance(k, str) for k in keys):
        return component
    settings = component.settings.model_copy(update={"instance_keys": sorted(map(str, keys))})
    return component.model_copy(update={"settings": settings})


def _placement(res: Resource, draft: Draft) -> tuple[int, list[str], set[str]]:
    """Replicas and one zone per replica; what the code does not say goes to `unresolved`."""
    unresolved = set(draft.unresolved)
    replicas = draft.placement.replicas
    if replicas is None or res.count_unknown:
        unresolved.add("replicas")
    count = 1 if replicas is None else replicas
    zones = draft.placement.zones
    if draft.kind in PLUMBING_KINDS:
        return len(res.instances), [], unresolved
    if draft.scope is not Scope.INSTANCE:
        return count, [], unresolved
    if zones is None or len(zones) != count or "replicas" in unresolved:
        if count > 0:
            unresolved.add("zones")
        return count, [], unresolved
    return count, list(zones), unresolved


def _region(res: Resource, draft: Draft, ctx: Context, zones: list[str]) -> str | None:
    """Where it runs: none for global services; else the handler's, provider's or zones'."""
    if draft.scope is Scope.GLOBAL:
        return None
    found = draft.region or provider_region(ctx, res) or _zone_region(zones, draft)
    return found or ctx.zone_regions.get(res.provider)


def _zone_region(zones: list[str], draft: Draft) -> str | None:
    names = [*zones, *(draft.standby.zones if draft.standby else [])]
    regions = sorted({r for r in map(region_of_zone, names) if r})
    return regions[0] if len(regions) == 1 else None


def _figure(res: Resource, draft: Draft) -> tuple[float, str]:
    """The handler's own figure (logical parts, plumbing), else the catalogue's default."""
    if draft.availability is not None:
        return draft.availability
    base = draft.catalogue_type or res.type
    key = f"{base}:{draft.variant}" if draft.variant else base
    figure: Figure = lookup(key, f"kind:{draft.kind.value}")
    return figure.availability, default_source(figure)


def module_component(module: OpaqueModule) -> Component:
    """A module whose code could not be read: one opaque node, its contents unknown."""
    return Component(
        id=module.address,
        kind=Kind.MODULE,
        availability=1.0,
        availability_source="not modelled: module source not read",
        source=module.location,
        attributes={"source": module.source, "reason": module.reason}
        | ({"version": module.version} if module.version else {}),
        unresolved=["module"],
    )
