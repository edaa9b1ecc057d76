"""AWS machines: EC2 instances, auto scaling groups, launch templates, instance state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Autoscaling, Failover, HealthCheck, Kind, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.aws_lb import TARGET_GROUPS
from spofcheck.parse.terraform.adapters.base import Context, Draft, Edge, Placement, plumbing
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    int_attr,
    json_safe,
    known_strings,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import (
    combine,
    spread,
    subnet_zone,
    subnets_zones,
    zone_value,
)
from spofcheck.parse.terraform.resources import Ref, Resource

_ALL = "*all*"
_SCALERS = ("aws_autoscaling_policy", "aws_autoscaling_schedule")


def instance(res: Resource, ctx: Context) -> Draft:
    """One replica per instance; instances kept `stopped` are a cold, manual standby."""
    stopped = _stopped_keys(res, ctx)
    running: list[str | None] = []
    parked: list[str | None] = []
    for inst in res.instances:
        zone = instance_zone(ctx, inst.attributes)
        is_stopped = _ALL in stopped or inst.key in stopped
        (parked if is_stopped else running).append(zone)
    standby = None
    if parked:
        zones = [z for z in parked if z is not None] if None not in parked else []
        standby = Standby(
            mode=StandbyMode.COLD,
            failover=Failover.MANUAL,
            replicas=len(parked),
            zones=zones,
            stopped=True,
        )
    return Draft(kind=Kind.SERVICE, placement=_placed(running), standby=standby)


def instance_zone(ctx: Context, attrs: Mapping[str, Any]) -> str | None:
    """An instance's zone: written directly, or its subnet's."""
    zone = zone_value(ctx, attrs.get("availability_zone"))
    return zone or subnet_zone(ctx, attrs.get("subnet_id"))


def _placed(zones: list[str | None]) -> Placement:
    if None in zones:
        return Placement(len(zones), None)
    return Placement(len(zones), tuple(z for z in zones if z is not None))


def _stopped_keys(res: Resource, ctx: Context) -> set[Any]:
    """Instance keys that an `aws_ec2_instance_state` keeps stopped."""
    keys: set[Any] = set()
    for state in ctx.referring(res.address, "aws_ec2_instance_state"):
        for inst in state.instances:
            if str_attr(inst.attributes, "state") != "stopped":
                continue
            ref = inst.attributes.get("instance_id")
            if isinstance(ref, Ref) and ref.address == res.address:
                keys.add(_ALL if ref.key is None else ref.key)
    return keys


def instance_state(res: Resource, ctx: Context) -> Draft:
    """Folded into the instance it starts or stops (read there)."""
    return plumbing(part_of=_first(ctx.pointed(res.attributes.get("instance_id"), "aws_instance")))


def autoscaling_group(res: Resource, ctx: Context) -> Draft:
    """Replicas: desired capacity, or the floor (`min_size`) when scaling policies act.

    A scaled group with a floor of 0 runs at least one instance at rest (it was made to
    serve); the floor itself stays in `autoscaling`, where HA001 and HA017 judge it.
    """
    scaled = bool(ctx.referring(res.address, *_SCALERS))
    placement = combine([_asg_placement(ctx, i.attributes, scaled, res) for i in res.instances])
    attrs = res.attributes
    return Draft(
        kind=Kind.SERVICE,
        placement=placement,
        autoscaling=_range(res),
        health_check=_asg_health(attrs),
        standby=_warm_pool(attrs),
        edges=_asg_edges(res, ctx),
    )


def _asg_placement(
    ctx: Context, attrs: Mapping[str, Any], scaled: bool, owner: Resource
) -> Placement:
    desired = int_attr(attrs, "desired_capacity", default=None)
    minimum = int_attr(attrs, "min_size", default=None)
    maximum = int_attr(attrs, "max_size", default=None)
    size = desired if desired is not None and not scaled else minimum
    if desired is None and written(attrs, "desired_capacity") and not scaled:
        size = minimum if minimum == maximum else None  # unknown desired: not its floor
    if scaled and size == 0 and maximum:
        size = 1  # a scaled group of floor 0 runs one when asked; the floor is judged
    if written(attrs, "vpc_zone_identifier"):
        return spread(subnets_zones(ctx, attrs.get("vpc_zone_identifier"), owner), size)
    listed = known_strings(as_list(attrs.get("availability_zones")) or [])
    return spread(tuple(listed) if listed else None, size)


def _range(res: Resource) -> Autoscaling | None:
    """The group's floor and ceiling summed over its instances, when all are known."""
    parts = [_bounds(i.attributes) for i in res.instances]
    if not parts or any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    return Autoscaling(
        min=sum(p[0] for p in known),
        max=sum(p[1] for p in known),
        min_written="min_size",
    )


def _bounds(attrs: Mapping[str, Any]) -> tuple[int, int] | None:
    low = int_attr(attrs, "min_size", default=None)
    high = int_attr(attrs, "max_size", default=None)
    return None if low is None or high is None else (low, high)


def _asg_health(attrs: Mapping[str, Any]) -> HealthCheck:
    """EC2 status checks see the machine, not the application: not a health check here."""
    kind = str_attr(attrs, "health_check_type", default="EC2")
    details = {"type": kind, "grace_period": json_safe(attrs.get("health_check_grace_period"))}
    if kind is None:
        return HealthCheck(enabled=None, details={"type": json_safe(attrs["health_check_type"])})
    return HealthCheck(enabled=kind.upper() != "EC2", details=details)


def _warm_pool(attrs: Mapping[str, Any]) -> Standby | None:
    pool = block(attrs, "warm_pool")
    if pool is None:
        return None
    size = int_attr(pool, "min_size", default=0)
    if not size:
        return None
    state = str_attr(pool, "pool_state", default="Stopped")
    mode = StandbyMode.HOT if state == "Running" else StandbyMode.WARM
    return Standby(mode=mode, failover=Failover.AUTOMATIC, replicas=size)


def _asg_edges(res: Resource, ctx: Context) -> tuple[Edge, ...]:
    """Target groups and classic load balancers named on the group forward to it."""
    sources = ctx.pointed(res.attributes.get("target_group_arns"), *TARGET_GROUPS, owner=res)
    sources += ctx.pointed(res.attributes.get("load_balancers"), "aws_elb")
    return tuple(Edge(targets=(res.address,), source=s) for s in sorted(set(sources)))


def autoscaling_attachment(res: Resource, ctx: Context) -> Draft:
    """Attaches a group to a target group or classic ELB (also as a traffic source): an
    edge from it to the group."""
    attrs = res.attributes
    group = _first(ctx.pointed(attrs.get("autoscaling_group_name"), "aws_autoscaling_group"))
    lbs = ctx.pointed(attrs.get("lb_target_group_arn"), *TARGET_GROUPS, owner=res)
    lbs += ctx.pointed(attrs.get("elb"), "aws_elb")
    for source in blocks(attrs, "traffic_source"):
        lbs += ctx.pointed(source.get("identifier"), *TARGET_GROUPS, "aws_elb", owner=res)
    edges = tuple(Edge(targets=(group,), source=lb) for lb in lbs) if group else ()
    return plumbing(part_of=group, edges=edges)


def scaling_policy(res: Resource, ctx: Context) -> Draft:
    group = ctx.pointed(res.attributes.get("autoscaling_group_name"), "aws_autoscaling_group")
    return plumbing(part_of=_first(group))


def launch_template(res: Resource, ctx: Context) -> Draft:
    """Describes the machines of whatever uses it; folded into the first user."""
    users = ctx.referring(
        res.address, "aws_autoscaling_group", "aws_instance", "aws_eks_node_group"
    )
    return plumbing(part_of=users[0].address if users else None)


def _first(found: list[str]) -> str | None:
    return found[0] if found else None


HANDLERS = {
    "aws_instance": instance,
    "aws_ec2_instance_state": instance_state,
    "aws_autoscaling_group": autoscaling_group,
    "aws_autoscaling_attachment": autoscaling_attachment,
    "aws_autoscaling_traffic_source_attachment": autoscaling_attachment,
    "aws_autoscaling_policy": scaling_policy,
    "aws_autoscaling_schedule": scaling_policy,
    "aws_launch_template": launch_template,
    "aws_launch_configuration": launch_template,
}
