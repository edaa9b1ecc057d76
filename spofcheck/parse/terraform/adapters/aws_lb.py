"""AWS load balancing: ALB/NLB, classic ELB, target groups, listeners and attachments."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.base import (
    LOGICAL,
    Context,
    Draft,
    Edge,
    Placement,
    plumbing,
)
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    bool_attr,
    json_safe,
    known_strings,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import distinct, subnets_zones
from spofcheck.parse.terraform.resources import Resource, Unknown

LBS = ("aws_lb", "aws_alb")
TARGET_GROUPS = ("aws_lb_target_group", "aws_alb_target_group")
LISTENERS = ("aws_lb_listener", "aws_alb_listener")
_STICKY_POLICIES = ("aws_lb_cookie_stickiness_policy", "aws_app_cookie_stickiness_policy")


def lb_scope(zones: tuple[str, ...] | None) -> tuple[Scope, Placement]:
    """Nodes in two or more zones: kept redundant by AWS; in one zone: that zone's fate."""
    names = distinct(zones or ())
    if len(names) == 1:
        return Scope.INSTANCE, Placement(1, names)
    return Scope.REGIONAL, Placement(1, ())


def load_balancer(res: Resource, ctx: Context) -> Draft:
    """An ALB/NLB/GWLB; internet-facing ones are entry points."""
    attrs = res.attributes
    lb_type = str_attr(attrs, "load_balancer_type", default="application")
    zones = _lb_zones(ctx, res)
    scope, placement = lb_scope(zones)
    unresolved = ("zones",) if zones is None and lb_type != "application" else ()
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=scope,
        placement=placement,
        variant=lb_type,
        catalogue_type="aws_lb",
        unresolved=unresolved,
        entry=bool_attr(attrs, "internal", default=False) is False,
    )


def _lb_zones(ctx: Context, res: Resource) -> tuple[str, ...] | None:
    attrs = res.attributes
    if written(attrs, "subnets"):
        return subnets_zones(ctx, attrs.get("subnets"), res)
    mappings = blocks(attrs, "subnet_mapping")
    if mappings:
        return subnets_zones(ctx, [m.get("subnet_id") for m in mappings], res)
    listed = as_list(attrs.get("availability_zones"))
    names = known_strings(listed) if listed is not None else None
    return tuple(names) if names else None


def target_group(res: Resource, ctx: Context) -> Draft:
    """Logical: health checks and stickiness of the targets behind it live here."""
    attrs = res.attributes
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=Scope.REGIONAL,
        availability=LOGICAL,
        health_check=_tg_health(attrs),
        sticky_sessions=_tg_sticky(attrs),
        pool=True,
    )


def _tg_health(attrs: Mapping[str, Any]) -> HealthCheck:
    """AWS checks targets by default (not Lambda targets); a missing block means defaults."""
    target_type = str_attr(attrs, "target_type", default="instance")
    default_on = target_type != "lambda"
    protocol = json_safe(attrs.get("protocol"))
    if isinstance(attrs.get("health_check"), Unknown):
        return HealthCheck(enabled=None, details={"target_protocol": protocol})
    hc = block(attrs, "health_check")
    if hc is None:
        return HealthCheck(
            enabled=default_on, details={"defaults": True, "target_protocol": protocol}
        )
    details = {str(k): json_safe(v) for k, v in sorted(hc.items())}
    details.update(defaults=False, target_protocol=protocol)
    return HealthCheck(enabled=bool_attr(hc, "enabled", default=default_on), details=details)


def _tg_sticky(attrs: Mapping[str, Any]) -> bool | None:
    if isinstance(attrs.get("stickiness"), Unknown):
        return None
    sticky = block(attrs, "stickiness")
    return False if sticky is None else bool_attr(sticky, "enabled", default=True)


def listener(res: Resource, ctx: Context) -> Draft:
    """Folded into its load balancer, which then forwards to the listener's target groups."""
    lb = ctx.pointed(res.attributes.get("load_balancer_arn"), *LBS)
    edges = _forward_edges(ctx, blocks(res.attributes, "default_action"), res)
    return plumbing(part_of=lb[0] if lb else None, edges=edges)


def listener_rule(res: Resource, ctx: Context) -> Draft:
    """Folded into its listener (and so its load balancer)."""
    owner = ctx.pointed(res.attributes.get("listener_arn"), *LISTENERS)
    edges = _forward_edges(ctx, blocks(res.attributes, "action"), res)
    return plumbing(part_of=owner[0] if owner else None, edges=edges)


def _forward_edges(
    ctx: Context, actions: list[Mapping[str, Any]], owner: Resource
) -> tuple[Edge, ...]:
    """Each target group an action forwards to is needed (weighted splits fail partially)."""
    groups = sorted({tg for action in actions for tg in _forwarded(ctx, action, owner)})
    return tuple(Edge(targets=(tg,)) for tg in groups)


def _forwarded(ctx: Context, action: Mapping[str, Any], owner: Resource) -> Iterator[str]:
    yield from ctx.pointed(action.get("target_group_arn"), *TARGET_GROUPS, owner=owner)
    for forward in blocks(action, "forward"):
        for group in blocks(forward, "target_group"):
            yield from ctx.pointed(group.get("arn"), *TARGET_GROUPS, owner=owner)


def target_group_attachment(res: Resource, ctx: Context) -> Draft:
    """Registers a target: an edge from the target group to the instance/function behind."""
    group = ctx.pointed(res.attributes.get("target_group_arn"), *TARGET_GROUPS)
    targets = ctx.behind(res.attributes.get("target_id"))
    edges = tuple(Edge(targets=(t,)) for t in targets)
    return plumbing(part_of=group[0] if group else None, edges=edges)


def classic_elb(res: Resource, ctx: Context) -> Draft:
    """A classic ELB: its own health check block and cookie stickiness policies."""
    attrs = res.attributes
    zones = _lb_zones(ctx, res)
    scope, placement = lb_scope(zones)
    sticky = bool(ctx.referring(res.address, *_STICKY_POLICIES))
    edges = tuple(Edge(targets=(t,)) for t in ctx.behind(attrs.get("instances")))
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=scope,
        placement=placement,
        health_check=_elb_health(attrs),
        sticky_sessions=sticky,
        edges=edges,
        entry=bool_attr(attrs, "internal", default=False) is False,
        pool=True,
    )


def _elb_health(attrs: Mapping[str, Any]) -> HealthCheck:
    hc = block(attrs, "health_check")
    if hc is None:
        return HealthCheck(enabled=True, details={"defaults": True})
    details = {str(k): json_safe(v) for k, v in sorted(hc.items())}
    return HealthCheck(enabled=True, details={**details, "defaults": False})


def elb_part(res: Resource, ctx: Context) -> Draft:
    """Stickiness policies and attachments of a classic ELB, folded into it."""
    attrs = res.attributes
    owner = ctx.pointed(attrs.get("load_balancer", attrs.get("elb")), "aws_elb")
    edges = tuple(Edge(targets=(t,)) for t in ctx.targets(attrs.get("instance")))
    return plumbing(part_of=owner[0] if owner else None, edges=edges)


HANDLERS = {
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_lb_target_group": target_group,
    "aws_alb_target_group": target_group,
    "aws_lb_listener": listener,
    "aws_alb_listener": listener,
    "aws_lb_listener_rule": listener_rule,
    "aws_alb_listener_rule": listener_rule,
    "aws_lb_target_group_attachment": target_group_attachment,
    "aws_alb_target_group_attachment": target_group_attachment,
    "aws_elb": classic_elb,
    "aws_lb_cookie_stickiness_policy": elb_part,
    "aws_app_cookie_stickiness_policy": elb_part,
    "aws_elb_attachment": elb_part,
}
