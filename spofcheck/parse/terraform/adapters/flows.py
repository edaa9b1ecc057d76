"""Request edges read across resources: apps naming their data stores, security groups
admitting them, and egress from private subnets through NAT gateways."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.model import Component, DependencyKind
from spofcheck.parse.terraform.adapters.base import Context, Edge
from spofcheck.parse.terraform.adapters.bodies import COMPUTE, bodies, compute_resources
from spofcheck.parse.terraform.adapters.egress import egress_edges
from spofcheck.parse.terraform.adapters.values import blocks
from spofcheck.parse.terraform.resources import Resource

INTERNAL_LBS = ("aws_lb", "aws_alb", "aws_elb", "google_compute_forwarding_rule", "azurerm_lb")
# Attributes naming a store the app does not call to serve (diagnostics, logs).
_NOT_CALLS = frozenset({"boot_diagnostics", "logging", "logging_config", "log_configuration"})
_SG = "aws_security_group"


def derived_edges(
    ctx: Context, components: Mapping[str, Component], hosts: Mapping[str, str]
) -> list[Edge]:
    """Every edge these three readings find, before targets are checked."""
    return [
        *_named_stores(ctx, components, hosts),
        *_admitted(ctx, components, hosts),
        *egress_edges(ctx, components),
    ]


def _named_stores(
    ctx: Context, components: Mapping[str, Component], hosts: Mapping[str, str]
) -> Iterator[Edge]:
    """An app whose configuration names a data store (or an internal LB) calls it.

    References the evaluated values lost (a computed attribute of a nested block) still
    count, from the block's syntactic references.
    """
    for res in compute_resources(ctx, components):
        named: dict[str, str] = {}
        for key, value in bodies(ctx, res):
            for address in ctx.targets(value):
                named.setdefault(address, key)
        for address in sorted(res.references - set(named)):
            named[address] = ""
        for address, key in sorted(named.items()):
            host = hosts.get(address, address)
            target = components.get(host)
            if target is None or host == res.address or key in _NOT_CALLS:
                continue
            if _callable(ctx, target):
                yield _call(res.address, host, address, key)


def _call(source: str, host: str, address: str, key: str) -> Edge:
    where = f" in `{key}`" if key else ""
    return Edge(
        targets=(host,),
        source=source,
        kind=DependencyKind.SOFT if "dead_letter" in key else DependencyKind.HARD,
        note=f"{source} names {address}{where}",
    )


def _callable(ctx: Context, target: Component) -> bool:
    """Data stores, and load balancers only reachable from inside the network."""
    if target.stateful:
        return True
    res = ctx.get(target.id)
    return res is not None and res.type in INTERNAL_LBS and _internal(res)


def _internal(res: Resource) -> bool:
    attrs = res.attributes
    if res.type == "azurerm_lb":
        frontends = blocks(attrs, "frontend_ip_configuration")
        return bool(frontends) and all(f.get("public_ip_address_id") is None for f in frontends)
    if res.type == "google_compute_forwarding_rule":
        return str(attrs.get("load_balancing_scheme", "")).startswith("INTERNAL")
    return attrs.get("internal") is True


def _admitted(
    ctx: Context, components: Mapping[str, Component], hosts: Mapping[str, str]
) -> Iterator[Edge]:
    """A data store whose security group admits an app's security group serves that app."""
    members = _sg_members(ctx, components, hosts)
    for group, sources in sorted(_sg_admits(ctx).items()):
        stores = [c for c in sorted(members.get(group, ())) if components[c].stateful]
        for source in sorted(sources):
            for app in sorted(members.get(source, ())):
                if components[app].kind not in COMPUTE:
                    continue
                for store in stores:
                    note = f"security group {group} admits {source}"
                    yield Edge(targets=(store,), source=app, note=note)


def _sg_members(
    ctx: Context, components: Mapping[str, Component], hosts: Mapping[str, str]
) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for res in ctx.resources.values():
        host = hosts.get(res.address, res.address)
        if res.mode != "managed" or host not in components or res.type == _SG:
            continue
        groups = ctx.targets([v for _, v in bodies(ctx, res)])
        for group in groups:
            if ctx.get(group) is not None and ctx.resources[group].type == _SG:
                members.setdefault(group, set()).add(host)
    return members


def _sg_admits(ctx: Context) -> dict[str, set[str]]:
    """Security group → the security groups it admits ingress from."""
    admits: dict[str, set[str]] = {}
    for res in ctx.resources.values():
        for inst in res.instances:
            for group, source in _ingress_pairs(ctx, res, inst.attributes):
                if group != source:
                    admits.setdefault(group, set()).add(source)
    return admits


def _ingress_pairs(
    ctx: Context, res: Resource, attrs: Mapping[str, Any]
) -> Iterator[tuple[str, str]]:
    if res.type == _SG:
        for rule in blocks(attrs, "ingress"):
            for source in ctx.pointed(rule.get("security_groups"), _SG):
                yield res.address, source
        return
    if res.type == "aws_security_group_rule" and attrs.get("type") != "ingress":
        return
    if res.type not in ("aws_security_group_rule", "aws_vpc_security_group_ingress_rule"):
        return
    sources = ctx.pointed(attrs.get("source_security_group_id"), _SG)
    sources += ctx.pointed(attrs.get("referenced_security_group_id"), _SG)
    for group in ctx.pointed(attrs.get("security_group_id"), _SG):
        for source in sources:
            yield group, source
