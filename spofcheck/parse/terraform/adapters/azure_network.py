"""Azure traffic: load balancers, application gateways, NAT gateways, Traffic Manager."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.azure_compute import location, zones_of
from spofcheck.parse.terraform.adapters.base import (
    Context,
    Draft,
    Edge,
    Placement,
    alternatives,
    plumbing,
)
from spofcheck.parse.terraform.adapters.values import blocks, str_attr, written
from spofcheck.parse.terraform.adapters.zones import distinct
from spofcheck.parse.terraform.resources import Resource

_LB = "azurerm_lb"
_AGW = "azurerm_application_gateway"
_PUBLIC_IP = "azurerm_public_ip"
_LB_PARTS = (
    "azurerm_lb_backend_address_pool",
    "azurerm_lb_probe",
    "azurerm_lb_rule",
    "azurerm_lb_nat_rule",
    "azurerm_lb_outbound_rule",
    "azurerm_lb_backend_address_pool_address",
)
_STICKY = ("SourceIP", "SourceIPProtocol")
_TM_ENDPOINTS = (
    "azurerm_traffic_manager_azure_endpoint",
    "azurerm_traffic_manager_external_endpoint",
    "azurerm_traffic_manager_nested_endpoint",
)


def _frontend_scope(
    ctx: Context, attrs: Mapping[str, Any], zones: tuple[str, ...] | None
) -> tuple[Scope, Placement]:
    """Pinned to one zone (its own or its public IP's): that zone's fate; else regional."""
    names = set(distinct(zones or ()))
    for frontend in blocks(attrs, "frontend_ip_configuration"):
        names.update(zones_of({**frontend, "location": attrs.get("location")}) or ())
        for ip in ctx.pointed(frontend.get("public_ip_address_id"), _PUBLIC_IP):
            names.update(zones_of(ctx.resources[ip].attributes) or ())
    if len(names) == 1:
        return Scope.INSTANCE, Placement(1, tuple(names))
    return Scope.REGIONAL, Placement(1, ())


def _public(attrs: Mapping[str, Any]) -> bool:
    frontends = blocks(attrs, "frontend_ip_configuration")
    return any(written(f, "public_ip_address_id") for f in frontends)


def load_balancer(res: Resource, ctx: Context) -> Draft:
    """Standard SKU is zone-redundant unless pinned; health probes and source-IP
    affinity live in separate probe and rule resources, read here."""
    attrs = res.attributes
    scope, placement = _frontend_scope(ctx, attrs, None)
    probes = ctx.referring(res.address, "azurerm_lb_probe")
    rules = ctx.referring(res.address, "azurerm_lb_rule")
    sticky = any(str_attr(r.attributes, "load_distribution") in _STICKY for r in rules)
    details = {"probes": [p.address for p in probes]}
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=scope,
        placement=placement,
        variant=(str_attr(attrs, "sku", default="Basic") or "unknown").lower(),
        region=location(attrs),
        # Probes serve load-balancing rules only; inbound NAT rules go to one VM unprobed.
        health_check=HealthCheck(
            enabled=bool(probes), details=details, routes=None if rules else False
        ),
        sticky_sessions=sticky,
        entry=_public(attrs),
        pool=True,
    )


def lb_part(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("loadbalancer_id"), _LB)
    if not owner:
        pools = ctx.targets(res.attributes.get("backend_address_pool_id"))
        return plumbing(part_of=pools[0] if pools else None)
    return plumbing(part_of=owner[0])


def application_gateway(res: Resource, ctx: Context) -> Draft:
    """Layer-7 gateway: default probes always run; cookie affinity makes sessions sticky."""
    attrs = res.attributes
    scope, placement = _frontend_scope(ctx, attrs, zones_of(attrs))
    settings = blocks(attrs, "backend_http_settings")
    sticky = any(str_attr(s, "cookie_based_affinity") == "Enabled" for s in settings)
    probes = [str_attr(p, "name") for p in blocks(attrs, "probe")]
    targets = set()
    for pool in blocks(attrs, "backend_address_pool"):
        targets.update(ctx.targets(pool.get("ip_addresses")) + ctx.targets(pool.get("fqdns")))
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=scope,
        placement=placement,
        region=location(attrs),
        health_check=HealthCheck(enabled=True, details={"probes": probes, "defaults": not probes}),
        sticky_sessions=sticky,
        edges=tuple(Edge(targets=(t,)) for t in sorted(targets)),
        entry=_public(attrs),
        pool=True,
    )


def public_ip(res: Resource, ctx: Context) -> Draft:
    users = ctx.referring(res.address, _LB, _AGW, "azurerm_nat_gateway_public_ip_association")
    return plumbing(Kind.NETWORK, part_of=users[0].address if users else None)


def nat_gateway(res: Resource, ctx: Context) -> Draft:
    """Zonal: in its one zone, or in a zone Azure picks when none is given (unknown)."""
    return Draft(
        kind=Kind.NAT,
        placement=Placement(1, zones_of(res.attributes)),
        region=location(res.attributes),
    )


def nat_part(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("nat_gateway_id"), "azurerm_nat_gateway")
    return plumbing(part_of=owner[0] if owner else None)


def traffic_manager(res: Resource, ctx: Context) -> Draft:
    """DNS-based global routing: any healthy endpoint serves (endpoints are monitored)."""
    endpoints = ctx.referring(res.address, *_TM_ENDPOINTS)
    sides = [ctx.targets(e.attributes.get("target_resource_id")) for e in endpoints]
    method = str_attr(res.attributes, "traffic_routing_method")
    monitored = written(res.attributes, "monitor_config")
    return Draft(
        kind=Kind.DNS,
        scope=Scope.GLOBAL,
        health_check=HealthCheck(enabled=monitored, details={"routing": method}),
        edges=alternatives(sides, f"Traffic Manager ({method}) endpoints"),
        entry=True,
    )


def tm_endpoint(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("profile_id"), "azurerm_traffic_manager_profile")
    return plumbing(part_of=owner[0] if owner else None)


HANDLERS = {
    _LB: load_balancer,
    **dict.fromkeys(_LB_PARTS, lb_part),
    _AGW: application_gateway,
    _PUBLIC_IP: public_ip,
    "azurerm_nat_gateway": nat_gateway,
    "azurerm_nat_gateway_public_ip_association": nat_part,
    "azurerm_traffic_manager_profile": traffic_manager,
    **dict.fromkeys(_TM_ENDPOINTS, tm_endpoint),
}
