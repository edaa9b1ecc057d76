"""Managed services whose redundancy matters on a request path, across providers.

API Gateway custom domains and their mappings, Amazon MQ brokers, Redshift, Spanner,
Azure Service Bus and Event Hubs, Azure Front Door, and AKS clusters written through
`azapi_resource`. What each counts as is listed in docs/adapters.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Failover, Kind, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.azure_compute import location as azure_location
from spofcheck.parse.terraform.adapters.azure_compute import zones_of
from spofcheck.parse.terraform.adapters.base import (
    Context,
    Draft,
    Edge,
    Handler,
    Placement,
    alternatives,
    plumbing,
)
from spofcheck.parse.terraform.adapters.generic import unknown_type
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    bool_attr,
    int_attr,
    known_strings,
    str_attr,
)
from spofcheck.parse.terraform.adapters.zones import spread, subnets_zones, zone_value
from spofcheck.parse.terraform.resources import Resource

_DOMAINS = ("aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name")
_APIS = ("aws_api_gateway_rest_api", "aws_apigatewayv2_api")
_MAPPINGS = ("aws_api_gateway_base_path_mapping", "aws_apigatewayv2_api_mapping")


def api_domain(res: Resource, ctx: Context) -> Draft:
    """A custom domain in front of APIs: regional (v2, v1 REGIONAL) or edge-optimized
    (v1's default: served from CloudFront's edge, global). A public door."""
    types = as_list((block(res.attributes, "endpoint_configuration") or {}).get("types")) or []
    edge = res.type == "aws_api_gateway_domain_name" and "REGIONAL" not in types
    return Draft(kind=Kind.GATEWAY, scope=Scope.GLOBAL if edge else Scope.REGIONAL, entry=True)


def api_mapping(res: Resource, ctx: Context) -> Draft:
    """Maps a domain to an API: folded into the domain, which then needs the API."""
    attrs = res.attributes
    domain = ctx.pointed(attrs.get("domain_name"), *_DOMAINS)
    api = ctx.pointed(attrs.get("api_id"), *_APIS)
    edges = tuple(Edge(targets=(a,)) for a in api)
    return plumbing(part_of=domain[0] if domain else None, edges=edges)


def mq_broker(res: Resource, ctx: Context) -> Draft:
    """`SINGLE_INSTANCE` (the default): one broker in one subnet's zone, a real SPOF;
    `ACTIVE_STANDBY_MULTI_AZ`: a hot standby in another zone, automatic failover;
    `CLUSTER_MULTI_AZ` (RabbitMQ): a cluster over three zones AWS keeps (regional)."""
    attrs = res.attributes
    mode = str_attr(attrs, "deployment_mode", default="SINGLE_INSTANCE")
    if mode == "CLUSTER_MULTI_AZ":
        return Draft(kind=Kind.QUEUE, scope=Scope.REGIONAL, variant="cluster")
    zones = subnets_zones(ctx, attrs.get("subnet_ids"), res)
    if mode == "ACTIVE_STANDBY_MULTI_AZ":
        standby = Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC,
            zones=list(zones[1:2]) if zones and len(zones) > 1 else [],
        )
        return Draft(
            kind=Kind.QUEUE,
            placement=spread(zones[:1] if zones else None, 1),
            standby=standby,
            variant="active-standby",
        )
    unresolved = ("replicas",) if mode is None else ()
    placement = spread(zones[:1] if zones else None, 1)
    return Draft(kind=Kind.QUEUE, placement=placement, variant="single", unresolved=unresolved)


def redshift_cluster(res: Resource, ctx: Context) -> Draft:
    """Multi-AZ (`multi_az = true`) is kept across zones by AWS; otherwise every node sits
    in one zone: several copies, one zone (HA002 names `multi_az`)."""
    attrs = res.attributes
    retention = int_attr(attrs, "automated_snapshot_retention_period", default=1)
    backups = None if retention is None else retention > 0
    if bool_attr(attrs, "multi_az", default=False) is not False:
        return Draft(kind=Kind.DATABASE, scope=Scope.REGIONAL, variant="multi-az", backups=backups)
    zone = zone_value(ctx, attrs.get("availability_zone"))
    placement = Placement(1, (zone,) if zone else None)
    return Draft(kind=Kind.DATABASE, placement=placement, variant="single-az", backups=backups)


def spanner_instance(res: Resource, ctx: Context) -> Draft:
    """A regional configuration replicates over three zones; a multi-region one (`nam3`,
    `eur6`…) over regions: global."""
    config = str_attr(res.attributes, "config") or ""
    regional = config.startswith("regional-") or ("projects/" in config and "/regional-" in config)
    scope = Scope.REGIONAL if regional or not config else Scope.GLOBAL
    return Draft(kind=Kind.DATABASE, scope=scope, backups=True)


def spanner_database(res: Resource, ctx: Context) -> Draft:
    """A database inside an instance: apps name it; it fails with its instance."""
    instance = ctx.pointed(res.attributes.get("instance"), "google_spanner_instance")
    return Draft(
        kind=Kind.DATABASE,
        scope=Scope.REGIONAL,
        availability=(1.0, "logical part of its Spanner instance; fails with it"),
        backups=True,
        edges=tuple(Edge(targets=(i,)) for i in instance),
    )


def azure_namespace(res: Resource, ctx: Context) -> Draft:
    """Service Bus and Event Hubs namespaces: brokers Azure runs redundantly in a region."""
    sku = (str_attr(res.attributes, "sku") or "unknown").lower()
    return Draft(kind=Kind.QUEUE, scope=Scope.REGIONAL, variant=sku)


def namespace_part(res: Resource, ctx: Context) -> Draft:
    """Queues, topics and event hubs fold into their namespace."""
    attrs = res.attributes
    owner = ctx.pointed(attrs.get("namespace_id"), *_NAMESPACES)
    owner = owner or ctx.pointed(attrs.get("namespace_name"), *_NAMESPACES)
    return plumbing(part_of=owner[0] if owner else None)


def front_door(res: Resource, ctx: Context) -> Draft:
    """Global edge routing; each origin group needs any one of its origins."""
    edges: tuple[Edge, ...] = ()
    for group in ctx.referring(res.address, "azurerm_cdn_frontdoor_origin_group"):
        origins = ctx.referring(group.address, "azurerm_cdn_frontdoor_origin")
        sides = [ctx.targets(o.attributes.get("host_name")) for o in origins]
        if sides:
            edges += alternatives(sides, f"Front Door origin group {group.address}")
    return Draft(kind=Kind.CDN, scope=Scope.GLOBAL, edges=edges, entry=True)


def front_door_part(res: Resource, ctx: Context) -> Draft:
    attrs = res.attributes
    profile = ctx.pointed(attrs.get("cdn_frontdoor_profile_id"), "azurerm_cdn_frontdoor_profile")
    for key in ("cdn_frontdoor_origin_group_id", "cdn_frontdoor_endpoint_id"):
        for part in ctx.targets(attrs.get(key)):
            found = ctx.get(part)
            owner = found.attributes.get("cdn_frontdoor_profile_id") if found else None
            profile = profile or ctx.pointed(owner, "azurerm_cdn_frontdoor_profile")
    return plumbing(part_of=profile[0] if profile else None)


AZAPI_NAT_GATEWAY = "microsoft.network/natgateways@"


def azapi_resource(res: Resource, ctx: Context) -> Draft:
    """`azapi_resource` is any ARM type: AKS managed clusters are read like
    `azurerm_kubernetes_cluster` (the first agent pool), NAT gateways like
    `azurerm_nat_gateway` (`body.zones`); other types stay unmodelled."""
    kind = (str_attr(res.attributes, "type") or "").lower()
    body = res.attributes.get("body")
    if kind.startswith(AZAPI_NAT_GATEWAY):
        zones = body.get("zones") if isinstance(body, Mapping) else None
        where = {"location": res.attributes.get("location"), "zones": zones}
        placement = Placement(1, zones_of(where))
        return Draft(kind=Kind.NAT, placement=placement, region=azure_location(where))
    if not kind.startswith("microsoft.containerservice/managedclusters@"):
        return unknown_type(res, ctx)
    properties = body.get("properties") if isinstance(body, Mapping) else None
    pools = (properties or {}).get("agentPoolProfiles") if isinstance(properties, Mapping) else None
    pool = pools[0] if isinstance(pools, list) and pools and isinstance(pools[0], Mapping) else {}
    return Draft(kind=Kind.CLUSTER, placement=_aks_pool(pool, res.attributes.get("location")))


def _aks_pool(pool: Mapping[str, Any], location: Any) -> Placement:
    scaling = bool_attr(pool, "enableAutoScaling", default=False)
    size = int_attr(pool, "minCount" if scaling else "count", default=None)
    zones = known_strings(as_list(pool.get("availabilityZones")) or [])
    where = str(location).replace(" ", "").lower() if isinstance(location, str) else None
    if not zones or where is None:
        return spread(None, size)
    return spread(tuple(f"{where}-{z}" for z in zones), size)


_NAMESPACES = ("azurerm_servicebus_namespace", "azurerm_eventhub_namespace")
_NAMESPACE_PARTS = (
    "azurerm_servicebus_queue",
    "azurerm_servicebus_topic",
    "azurerm_eventhub",
    "azurerm_eventhub_consumer_group",
)
_FRONT_DOOR_PARTS = (
    "azurerm_cdn_frontdoor_endpoint",
    "azurerm_cdn_frontdoor_origin_group",
    "azurerm_cdn_frontdoor_origin",
    "azurerm_cdn_frontdoor_route",
)

HANDLERS: dict[str, Handler] = {
    **dict.fromkeys(_DOMAINS, api_domain),
    **dict.fromkeys(_MAPPINGS, api_mapping),
    "aws_mq_broker": mq_broker,
    "aws_redshift_cluster": redshift_cluster,
    "google_spanner_instance": spanner_instance,
    "google_spanner_database": spanner_database,
    **dict.fromkeys(_NAMESPACES, azure_namespace),
    **dict.fromkeys(_NAMESPACE_PARTS, namespace_part),
    "azurerm_cdn_frontdoor_profile": front_door,
    **dict.fromkeys(_FRONT_DOOR_PARTS, front_door_part),
    "azapi_resource": azapi_resource,
}
