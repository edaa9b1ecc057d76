"""Evaluated Terraform resources → the normalized architecture: components, edges, entries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    Kind,
    ParseError,
    Region,
    Zone,
)
from spofcheck.parse.terraform.adapters.base import Context, Draft, Edge
from spofcheck.parse.terraform.adapters.component import (
    PLUMBING_KINDS,
    build_component,
    module_component,
)
from spofcheck.parse.terraform.adapters.flows import derived_edges
from spofcheck.parse.terraform.adapters.generic import unknown_type
from spofcheck.parse.terraform.adapters.links import config_edges, hosts_of, request_edges
from spofcheck.parse.terraform.adapters.registry import handler_for
from spofcheck.parse.terraform.adapters.split import split_instances
from spofcheck.parse.terraform.adapters.values import as_str
from spofcheck.parse.terraform.adapters.variants import (
    fold_context,
    fold_drafts,
    fold_resources,
    variant_groups,
)
from spofcheck.parse.terraform.adapters.zones import region_of_zone
from spofcheck.parse.terraform.resources import LoadResult, Resource

# Mistakes a handler can make on input it did not expect; the resource is kept as a node.
_HANDLER_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError)


def assemble(result: LoadResult, *, name: str | None = None, root: str = ".") -> Architecture:
    """The architecture the loaded resources describe (entry points inferred)."""
    ctx = Context.build(result)
    split = split_instances(result, ctx)
    if split is not result:
        result, ctx = split, Context.build(split)
    # `count = 0` or an empty `for_each`: nothing is created, so there is no component.
    managed = [r for r in ctx.resources.values() if r.mode == "managed" and r.instances]
    variants = variant_groups(managed)  # `x ? 1 : 0` beside `x ? 0 : 1`: one component
    managed = fold_resources(managed, variants)
    errors = list(result.errors)
    seen = fold_context(ctx, variants)
    drafts = fold_drafts({r.address: _draft(r, seen, errors) for r in managed}, variants)
    hosts = hosts_of(drafts)
    components = {
        r.address: build_component(r, drafts[r.address], ctx, _host(r.address, hosts))
        for r in managed
    }
    for module in sorted(result.opaque_modules, key=lambda m: m.address):
        components.setdefault(module.address, module_component(module))
    owned = [(a, e) for a, d in drafts.items() for e in d.edges]
    owned += [(e.source or "", e) for e in _derived(ctx, components, hosts, errors)]
    pools = frozenset(hosts[a] for a, d in drafts.items() if d.pool)
    requests = request_edges(owned, hosts, components, pools)
    zones, regions = _domains(components.values(), managed)
    return Architecture(
        name=name,
        root=root,
        components=dict(sorted(components.items())),
        dependencies=[*requests, *config_edges(managed, components, requests)],
        zones=zones,
        regions=regions,
        entrypoints=_entrypoints(drafts, hosts, components, requests),
        errors=errors,
        notes=list(result.notes),
        files=sorted(result.files),
    )


def _draft(res: Resource, ctx: Context, errors: list[ParseError]) -> Draft:
    try:
        return handler_for(res.type)(res, ctx)
    except _HANDLER_ERRORS as exc:
        errors.append(
            ParseError(
                file=res.location.file,
                line=res.location.line,
                key=res.address,
                message=f"could not read {res.type} ({exc}); kept as a plain node",
            )
        )
        return unknown_type(res, ctx)


def _derived(
    ctx: Context,
    components: Mapping[str, Component],
    hosts: Mapping[str, str],
    errors: list[ParseError],
) -> list[Edge]:
    try:
        return derived_edges(ctx, components, hosts)
    except _HANDLER_ERRORS as exc:
        where = sorted(r.location.file for r in ctx.resources.values())[:1] or ["."]
        message = f"could not read request flows between resources ({exc}); left out"
        errors.append(ParseError(file=where[0], message=message))
        return []


def _host(address: str, hosts: Mapping[str, str]) -> str | None:
    host = hosts.get(address, address)
    return None if host == address else host


def _entrypoints(
    drafts: Mapping[str, Draft],
    hosts: Mapping[str, str],
    components: Mapping[str, Component],
    requests: list[Dependency],
) -> list[str]:
    """Public front doors, minus those another front door already serves (DNS → CDN)."""
    graph: dict[str, set[str]] = {}
    for dep in requests:
        graph.setdefault(dep.source, set()).update(dep.targets)
    candidates = set()
    for address, draft in drafts.items():
        host = hosts.get(address, address)
        component = components.get(host)
        if not draft.entry or component is None or component.kind in PLUMBING_KINDS:
            continue
        if component.kind is Kind.DNS and not graph.get(host):
            continue  # a name pointing at nothing we model (validation, MX, TXT…)
        candidates.add(host)
    reach = {c: _reachable(graph, c) for c in candidates}
    return sorted(c for c in candidates if not _served_by_other(c, reach))


def _reachable(graph: Mapping[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _served_by_other(node: str, reach: Mapping[str, set[str]]) -> bool:
    """Another front door reaches it; in a cycle of front doors the first by name stays."""
    for other, seen in reach.items():
        if other == node or node not in seen:
            continue
        if not (other in reach[node] and node < other):
            return True
    return False


def _domains(
    components: Iterable[Component], resources: Iterable[Resource]
) -> tuple[dict[str, Zone], dict[str, Region]]:
    """Zones (with their region) and regions named anywhere; availability not modelled."""
    zone_region: dict[str, str | None] = {}
    regions: set[str] = set()
    for component in components:
        names = [*component.zones, *(component.standby.zones if component.standby else [])]
        for zone in names:
            zone_region.setdefault(zone, region_of_zone(zone) or component.region)
        if component.region:
            regions.add(component.region)
        if component.standby is not None and component.standby.region:
            regions.add(component.standby.region)  # a copy elsewhere: another region
    for res in resources:
        if res.type == "aws_subnet":
            for inst in res.instances:
                named = as_str(inst.attributes.get("availability_zone"))
                if named:
                    zone_region.setdefault(named, region_of_zone(named))
    regions.update(r for r in zone_region.values() if r)
    zones = {z: Zone(region=r) for z, r in sorted(zone_region.items())}
    return zones, {r: Region() for r in sorted(regions)}
