"""AWS edge and entry: Route 53 records, CloudFront, API Gateway, NAT gateways, Elastic IPs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.base import (
    Context,
    Draft,
    Edge,
    Placement,
    alternatives,
    blind,
    plumbing,
)
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    bool_attr,
    json_safe,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import subnet_zone
from spofcheck.parse.terraform.resources import Resource

_RECORD = "aws_route53_record"
_NOT_TARGETS = frozenset({"aws_route53_zone", "aws_route53_health_check"})
_POLICIES = (
    "failover_routing_policy",
    "weighted_routing_policy",
    "latency_routing_policy",
    "geolocation_routing_policy",
    "geoproximity_routing_policy",
    "cidr_routing_policy",
)


def route53_record(res: Resource, ctx: Context) -> Draft:
    """A DNS name: serves what its alias or records point at.

    Records sharing a name under a routing policy are one component (the PRIMARY of a
    failover pair, else the first by address; the others fold into it). Failover needs
    any one side; weighted/latency/geo sets need any one only when every record is
    health-aware (Route 53 then stops answering with a dead target), else all of them.
    """
    attrs = res.attributes
    role = str_attr(attrs, "failover_routing_policy", "type")
    if role == "SECONDARY":
        primary = _partners(res, ctx, "PRIMARY")
        if primary:
            return plumbing(part_of=primary[0].address, scope=Scope.GLOBAL)
    if role == "PRIMARY":
        sides = [record_targets(ctx, res)]
        sides += [record_targets(ctx, s) for s in _partners(res, ctx, "SECONDARY")]
        edges = alternatives(sides, "DNS failover: PRIMARY, then SECONDARY")
    elif role is None and _routing(attrs) is not None:
        group = [res, *_partners(res, ctx, None)]
        leader = min(group, key=lambda r: r.address)
        if leader is not res:
            return plumbing(part_of=leader.address, scope=Scope.GLOBAL)
        edges = _routed_edges(ctx, sorted(group, key=lambda r: r.address), _routing(attrs))
    else:
        edges = tuple(Edge(targets=(t,)) for t in record_targets(ctx, res))
    return Draft(
        kind=Kind.DNS,
        scope=Scope.GLOBAL,
        health_check=_record_health(attrs),
        edges=edges,
        entry=_public_zone(ctx, attrs.get("zone_id")),
    )


def record_targets(ctx: Context, res: Resource) -> list[str]:
    """What a record resolves to: its alias target, or resources named in `records`.

    An alias name that lost track of its origin (nested unknown in plan JSON) falls back
    to what the record block references, its zone and health check aside.
    """
    attrs = res.attributes
    aliases = blocks(attrs, "alias")
    found = [t for alias in aliases for t in ctx.targets(alias.get("name"))]
    found += ctx.targets(attrs.get("records"))
    if not found and any(blind(a.get("name")) for a in aliases):
        found = [
            a for a in res.references if ctx.get(a) and ctx.resources[a].type not in _NOT_TARGETS
        ]
    return sorted(set(found))


def _partners(res: Resource, ctx: Context, role: str | None) -> list[Resource]:
    """Records of the same name, type and zone with the given failover role (None: with
    another routing policy)."""
    key = _record_key(res.attributes)
    return [
        other
        for other in ctx.resources.values()
        if other.type == _RECORD
        and other.address != res.address
        and other.instances
        and _record_key(other.attributes) == key
        and str_attr(other.attributes, "failover_routing_policy", "type") == role
        and (role is not None or _routing(other.attributes) is not None)
    ]


def _routing(attrs: Mapping[str, Any]) -> str | None:
    """The routing policy a record set uses, besides simple and failover routing."""
    if bool_attr(attrs, "multivalue_answer_routing_policy", default=False):
        return "multivalue"
    found = next((p for p in _POLICIES[1:] if written(attrs, p)), None)
    return found.removesuffix("_routing_policy") if found else None


def _routed_edges(ctx: Context, group: list[Resource], policy: str | None) -> tuple[Edge, ...]:
    sides = [record_targets(ctx, r) for r in group]
    if all(_record_health(r.attributes).enabled for r in group):
        return alternatives(sides, f"DNS {policy} routing over health-checked records")
    targets = sorted({t for side in sides for t in side})
    return tuple(
        Edge(targets=(t,), note=f"DNS {policy} routing without health checks") for t in targets
    )


def _record_key(attrs: Mapping[str, Any]) -> str:
    return repr([json_safe(attrs.get(k)) for k in ("zone_id", "name", "type")])


def _record_health(attrs: Mapping[str, Any]) -> HealthCheck:
    """Only routing policies act on health; a simple record has nothing to check."""
    policy = next((p for p in _POLICIES if written(attrs, p)), None)
    if bool_attr(attrs, "multivalue_answer_routing_policy", default=False):
        policy = "multivalue_answer_routing_policy"
    if policy is None:
        return HealthCheck()
    evaluate = any(
        bool_attr(a, "evaluate_target_health", default=False) for a in blocks(attrs, "alias")
    )
    has_check = written(attrs, "health_check_id")
    details = {
        "routing": policy.removesuffix("_routing_policy"),
        "health_check_id": json_safe(attrs.get("health_check_id")),
        "evaluate_target_health": evaluate,
    }
    return HealthCheck(enabled=has_check or evaluate, details=details)


def _public_zone(ctx: Context, zone_id: Any) -> bool:
    """Public unless the hosted zone is known to be private (attached to a VPC)."""
    for address in ctx.targets(zone_id):
        zone = ctx.get(address)
        if zone is None:
            continue
        if blocks(zone.attributes, "vpc"):
            return False
        if bool_attr(zone.attributes, "private_zone", default=False):
            return False
    return True


def route53_health_check(res: Resource, ctx: Context) -> Draft:
    users = ctx.referring(res.address, _RECORD)
    return plumbing(part_of=users[0].address if users else None, scope=Scope.GLOBAL)


def cloudfront(res: Resource, ctx: Context) -> Draft:
    """Global edge; needs the origins its cache behaviours use (origin groups: any one)."""
    attrs = res.attributes
    origins = {
        json_safe(o.get("origin_id")): ctx.targets(o.get("domain_name"))
        for o in blocks(attrs, "origin")
    }
    groups = {
        json_safe(g.get("origin_id")): [json_safe(m.get("origin_id")) for m in blocks(g, "member")]
        for g in blocks(attrs, "origin_group")
    }
    used = [block(attrs, "default_cache_behavior") or {}, *blocks(attrs, "ordered_cache_behavior")]
    ids = {json_safe(b.get("target_origin_id")) for b in used if b}
    edges: list[Edge] = []
    for origin in sorted(ids, key=str):
        if origin in groups:
            sides = [origins.get(m, []) for m in groups[origin]]
            edges += alternatives(sides, f"CloudFront origin group {origin}")
        else:
            edges += [Edge(targets=(t,)) for t in origins.get(origin, [])]
    enabled = bool_attr(attrs, "enabled", default=True)
    return Draft(kind=Kind.CDN, scope=Scope.GLOBAL, edges=tuple(edges), entry=enabled is True)


def rest_api(res: Resource, ctx: Context) -> Draft:
    """A regional API gateway; private endpoints are not reachable from the internet."""
    types = as_list((block(res.attributes, "endpoint_configuration") or {}).get("types")) or []
    return Draft(kind=Kind.GATEWAY, scope=Scope.REGIONAL, entry="PRIVATE" not in types)


def http_api(res: Resource, ctx: Context) -> Draft:
    return Draft(kind=Kind.GATEWAY, scope=Scope.REGIONAL, entry=True)


def api_part(res: Resource, ctx: Context) -> Draft:
    """Routes, stages and integrations fold into their API; integrations add its edges."""
    attrs = res.attributes
    api = ctx.pointed(
        attrs.get("rest_api_id", attrs.get("api_id")),
        "aws_api_gateway_rest_api",
        "aws_apigatewayv2_api",
    )
    targets = ctx.targets(attrs.get("uri")) + ctx.targets(attrs.get("integration_uri"))
    for link in ctx.pointed(attrs.get("connection_id"), "aws_api_gateway_vpc_link"):
        linked = ctx.get(link)
        targets += ctx.targets(linked.attributes.get("target_arns")) if linked else []
    edges = tuple(Edge(targets=(t,)) for t in sorted(set(targets)))
    return plumbing(part_of=api[0] if api else None, edges=edges)


def nat_gateway(res: Resource, ctx: Context) -> Draft:
    """Zonal: one replica per gateway in its subnet's zone (regional mode excepted)."""
    if str_attr(res.attributes, "availability_mode") == "regional":
        return Draft(kind=Kind.NAT, scope=Scope.REGIONAL, variant="regional")
    zones = [subnet_zone(ctx, i.attributes.get("subnet_id")) for i in res.instances]
    known = None if None in zones else tuple(str(z) for z in zones)
    return Draft(kind=Kind.NAT, placement=Placement(len(zones), known))


def elastic_ip(res: Resource, ctx: Context) -> Draft:
    """An address: requests to it reach the instance it is attached to."""
    owner = ctx.pointed(res.attributes.get("instance"), "aws_instance")
    for association in ctx.referring(res.address, "aws_eip_association"):
        owner = owner or ctx.pointed(association.attributes.get("instance_id"), "aws_instance")
    return plumbing(Kind.NETWORK, part_of=owner[0] if owner else None)


def function_url(res: Resource, ctx: Context) -> Draft:
    """A public HTTPS endpoint of a Lambda function: makes the function an entry point."""
    owner = ctx.pointed(res.attributes.get("function_name"), "aws_lambda_function")
    return plumbing(part_of=owner[0] if owner else None, entry=True)


_API_PARTS = (
    "aws_api_gateway_integration",
    "aws_api_gateway_resource",
    "aws_api_gateway_method",
    "aws_api_gateway_deployment",
    "aws_api_gateway_stage",
    "aws_apigatewayv2_integration",
    "aws_apigatewayv2_route",
    "aws_apigatewayv2_stage",
)

HANDLERS = {
    "aws_route53_record": route53_record,
    "aws_route53_health_check": route53_health_check,
    "aws_cloudfront_distribution": cloudfront,
    "aws_api_gateway_rest_api": rest_api,
    "aws_apigatewayv2_api": http_api,
    **dict.fromkeys(_API_PARTS, api_part),
    "aws_nat_gateway": nat_gateway,
    "aws_eip": elastic_ip,
    "aws_lambda_function_url": function_url,
}
