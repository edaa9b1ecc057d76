"""Google Cloud compute: instances, managed instance groups, GKE clusters and node pools."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.base import (
    LOGICAL,
    Context,
    Draft,
    Edge,
    Handler,
    Placement,
    plumbing,
)
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    int_attr,
    json_safe,
    known_strings,
    str_attr,
)
from spofcheck.parse.terraform.adapters.zones import (
    combine,
    is_gcp_zone,
    provider_block,
    region_of_zone,
    spread,
    zone_value,
)
from spofcheck.parse.terraform.resources import Resource

ZONAL_MIG = "google_compute_instance_group_manager"
REGIONAL_MIG = "google_compute_region_instance_group_manager"
_AUTOSCALERS = ("google_compute_autoscaler", "google_compute_region_autoscaler")
_CLUSTER = "google_container_cluster"
GKE_DEFAULT_ZONES = 3  # a regional cluster's node pools span three zones by default


def _zone(ctx: Context, res: Resource, attrs: Mapping[str, Any]) -> str | None:
    """A zonal resource's zone: its own `zone`, else the provider's default zone."""
    if "zone" in attrs:
        return zone_value(ctx, attrs["zone"])
    return str_attr(provider_block(ctx, res), "zone")


def instance(res: Resource, ctx: Context) -> Draft:
    zones = [_zone(ctx, res, i.attributes) for i in res.instances]
    known = None if None in zones else tuple(str(z) for z in zones)
    return Draft(kind=Kind.SERVICE, placement=Placement(len(zones), known))


def instance_group_manager(res: Resource, ctx: Context) -> Draft:
    """`target_size` VMs, or the autoscaler's `min_replicas` (the floor it may shrink to).

    Zonal groups put every VM in one zone; regional ones spread over
    `distribution_policy_zones` (zones Google picks when not listed: unknown).
    """
    scaled, floor = _autoscaler_floor(res, ctx)
    parts = []
    for inst in res.instances:
        attrs = inst.attributes
        size = floor if scaled else int_attr(attrs, "target_size", default=0)
        if res.type == ZONAL_MIG:
            zone = _zone(ctx, res, attrs)
            parts.append(spread((zone,) if zone else None, size))
        else:
            listed = known_strings(as_list(attrs.get("distribution_policy_zones")) or [])
            parts.append(spread(tuple(listed) if listed else None, size))
    return Draft(
        kind=Kind.SERVICE,
        placement=combine(parts),
        health_check=_autohealing(res.attributes),
    )


def _autoscaler_floor(res: Resource, ctx: Context) -> tuple[bool, int | None]:
    """(an autoscaler targets the group, its `min_replicas`: None when unknown). With an
    autoscaler the group's own `target_size` is not what runs, so it is no fallback."""
    for scaler in ctx.referring(res.address, *_AUTOSCALERS):
        policy = block(scaler.attributes, "autoscaling_policy") or {}
        return True, int_attr(policy, "min_replicas", default=None)
    return False, None


def _autohealing(attrs: Mapping[str, Any]) -> HealthCheck:
    """Autohealing replaces failing VMs; without it the load balancer's check still acts."""
    policies = blocks(attrs, "auto_healing_policies")
    if not policies:
        return HealthCheck(enabled=None, details={"autohealing": False})
    details = {str(k): json_safe(v) for k, v in sorted(policies[0].items())}
    return HealthCheck(enabled=True, details={**details, "autohealing": True})


def autoscaler(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("target"), ZONAL_MIG, REGIONAL_MIG)
    return plumbing(part_of=owner[0] if owner else None)


def instance_template(res: Resource, ctx: Context) -> Draft:
    users = ctx.referring(res.address, ZONAL_MIG, REGIONAL_MIG)
    return plumbing(part_of=users[0].address if users else None)


def unmanaged_group(res: Resource, ctx: Context) -> Draft:
    """A named set of instances: logical; it serves through the instances it lists."""
    edges = tuple(Edge(targets=(t,)) for t in ctx.targets(res.attributes.get("instances")))
    return Draft(
        kind=Kind.SERVICE, scope=Scope.REGIONAL, availability=LOGICAL, edges=edges, pool=True
    )


def container_cluster(res: Resource, ctx: Context) -> Draft:
    """The GKE control plane: zonal when `location` is a zone, regional when a region, and
    neither when it is unknown (one control plane whose redundancy is not known)."""
    location = str_attr(res.attributes, "location")
    if location is None:
        return Draft(
            kind=Kind.CLUSTER, placement=Placement(1, None), unresolved=("replicas", "zones")
        )
    if is_gcp_zone(location):
        return Draft(
            kind=Kind.CLUSTER,
            placement=Placement(1, (location,)),
            variant="zonal",
            region=region_of_zone(location),
        )
    return Draft(kind=Kind.CLUSTER, scope=Scope.REGIONAL, variant="regional", region=location)


def node_pool(res: Resource, ctx: Context) -> Draft:
    """`node_count` (or the autoscaling minimum) nodes in each of the pool's zones."""
    cluster = ctx.get(next(iter(ctx.pointed(res.attributes.get("cluster"), _CLUSTER)), ""))
    cluster_attrs = cluster.attributes if cluster is not None else {}
    parts = [_pool_placement(i.attributes, cluster_attrs) for i in res.instances]
    location = str_attr(res.attributes, "location") or str_attr(cluster_attrs, "location")
    region = region_of_zone(location) if location and is_gcp_zone(location) else location
    return Draft(kind=Kind.CLUSTER, placement=combine(parts), region=region)


def _pool_placement(attrs: Mapping[str, Any], cluster: Mapping[str, Any]) -> Placement:
    zones = _pool_zones(attrs, cluster)
    scaling = block(attrs, "autoscaling")
    if scaling is not None and "total_min_node_count" in scaling:
        total = int_attr(scaling, "total_min_node_count", default=None)
        return spread(zones, total)
    if scaling is not None:
        per_zone = int_attr(scaling, "min_node_count", default=None)
    else:
        per_zone = int_attr(attrs, "node_count", default=None)
        if per_zone is None:
            per_zone = int_attr(attrs, "initial_node_count", default=None)
    if per_zone is None:
        return Placement(None, None)
    if zones is None:
        return Placement(per_zone * GKE_DEFAULT_ZONES, None)
    return spread(zones, per_zone * len(zones))


def _pool_zones(attrs: Mapping[str, Any], cluster: Mapping[str, Any]) -> tuple[str, ...] | None:
    for source in (attrs, cluster):
        listed = known_strings(as_list(source.get("node_locations")) or [])
        if listed:
            return tuple(listed)
    location = str_attr(attrs, "location") or str_attr(cluster, "location")
    return (location,) if location and is_gcp_zone(location) else None


def regional_service(kind: Kind) -> Handler:
    """Serverless services Google runs across a region's zones."""

    def handle(res: Resource, ctx: Context) -> Draft:
        region = str_attr(res.attributes, "location") or str_attr(res.attributes, "region")
        return Draft(kind=kind, scope=Scope.REGIONAL, region=region)

    return handle


HANDLERS = {
    "google_compute_instance": instance,
    ZONAL_MIG: instance_group_manager,
    REGIONAL_MIG: instance_group_manager,
    "google_compute_autoscaler": autoscaler,
    "google_compute_region_autoscaler": autoscaler,
    "google_compute_instance_template": instance_template,
    "google_compute_region_instance_template": instance_template,
    "google_compute_instance_group": unmanaged_group,
    _CLUSTER: container_cluster,
    "google_container_node_pool": node_pool,
    "google_cloud_run_service": regional_service(Kind.SERVICE),
    "google_cloud_run_v2_service": regional_service(Kind.SERVICE),
    "google_cloudfunctions_function": regional_service(Kind.FUNCTION),
    "google_cloudfunctions2_function": regional_service(Kind.FUNCTION),
}
