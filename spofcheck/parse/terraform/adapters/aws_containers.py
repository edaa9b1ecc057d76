"""AWS containers and functions: ECS services, EKS clusters and node groups, Lambda."""

from __future__ import annotations

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.aws_lb import TARGET_GROUPS, lb_scope
from spofcheck.parse.terraform.adapters.base import Context, Draft, Edge, plumbing
from spofcheck.parse.terraform.adapters.values import (
    block,
    blocks,
    int_attr,
    json_safe,
    str_attr,
)
from spofcheck.parse.terraform.adapters.zones import combine, spread, subnets_zones
from spofcheck.parse.terraform.resources import Resource


def ecs_service(res: Resource, ctx: Context) -> Draft:
    """Tasks: `desired_count` of them, spread over the service's subnets' zones.

    A DAEMON service runs one task per container instance: the count is not in the code.
    """
    parts = []
    for inst in res.instances:
        attrs = inst.attributes
        daemon = str_attr(attrs, "scheduling_strategy", default="REPLICA") == "DAEMON"
        count = None if daemon else int_attr(attrs, "desired_count", default=0)
        network = block(attrs, "network_configuration") or {}
        parts.append(spread(subnets_zones(ctx, network.get("subnets"), res), count))
    edges = []
    for lb in blocks(res.attributes, "load_balancer"):
        sources = ctx.pointed(lb.get("target_group_arn"), *TARGET_GROUPS, owner=res)
        sources += ctx.pointed(lb.get("elb_name"), "aws_elb")
        edges += [Edge(targets=(res.address,), source=s) for s in sources]
    grace = json_safe(res.attributes.get("health_check_grace_period_seconds"))
    return Draft(
        kind=Kind.SERVICE,
        placement=combine(parts),
        health_check=HealthCheck(enabled=None, details={"grace_period": grace}),
        edges=tuple(edges),
    )


def task_definition(res: Resource, ctx: Context) -> Draft:
    """Describes a service's tasks; folded into the first service using it."""
    users = ctx.referring(res.address, "aws_ecs_service")
    return plumbing(part_of=users[0].address if users else None)


def ecs_cluster(res: Resource, ctx: Context) -> Draft:
    """The ECS control plane: regional; running tasks do not need it to serve."""
    return Draft(kind=Kind.CLUSTER, scope=Scope.REGIONAL)


def eks_cluster(res: Resource, ctx: Context) -> Draft:
    """The EKS control plane, run by AWS across zones."""
    return Draft(kind=Kind.CLUSTER, scope=Scope.REGIONAL)


def eks_node_group(res: Resource, ctx: Context) -> Draft:
    """Nodes: `desired_size`, spread over the node group's subnets' zones."""
    parts = []
    for inst in res.instances:
        scaling = block(inst.attributes, "scaling_config") or {}
        size = int_attr(scaling, "desired_size", default=None)
        parts.append(spread(subnets_zones(ctx, inst.attributes.get("subnet_ids"), res), size))
    return Draft(kind=Kind.CLUSTER, placement=combine(parts))


def lambda_function(res: Resource, ctx: Context) -> Draft:
    """Regional, unless its VPC subnets all sit in one zone (then it runs only there)."""
    vpc = block(res.attributes, "vpc_config")
    if vpc is None:
        return Draft(kind=Kind.FUNCTION, scope=Scope.REGIONAL)
    scope, placement = lb_scope(subnets_zones(ctx, vpc.get("subnet_ids"), res))
    return Draft(kind=Kind.FUNCTION, scope=scope, placement=placement)


def function_part(res: Resource, ctx: Context) -> Draft:
    """Permissions, aliases and event source mappings fold into their function."""
    owner = ctx.pointed(res.attributes.get("function_name"), "aws_lambda_function")
    return plumbing(part_of=owner[0] if owner else None)


def event_source_mapping(res: Resource, ctx: Context) -> Draft:
    """The function consumes the source (a queue, a stream): it needs it to do its work."""
    owner = ctx.pointed(res.attributes.get("function_name"), "aws_lambda_function")
    sources = ctx.targets(res.attributes.get("event_source_arn"))
    edges = tuple(Edge(targets=(s,)) for s in sources)
    return plumbing(part_of=owner[0] if owner else None, edges=edges)


HANDLERS = {
    "aws_ecs_service": ecs_service,
    "aws_ecs_task_definition": task_definition,
    "aws_ecs_cluster": ecs_cluster,
    "aws_eks_cluster": eks_cluster,
    "aws_eks_node_group": eks_node_group,
    "aws_lambda_function": lambda_function,
    "aws_lambda_permission": function_part,
    "aws_lambda_alias": function_part,
    "aws_lambda_event_source_mapping": event_source_mapping,
}
