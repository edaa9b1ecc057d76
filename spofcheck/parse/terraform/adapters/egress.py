"""Outbound paths: compute in a subnet routed through a NAT gateway needs that gateway."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.model import Component
from spofcheck.parse.terraform.adapters.base import Context, Edge
from spofcheck.parse.terraform.adapters.bodies import bodies, compute_resources
from spofcheck.parse.terraform.adapters.values import blocks

_SUBNETS = ("aws_subnet", "azurerm_subnet")
_NAT = "aws_nat_gateway"


def egress_edges(ctx: Context, components: Mapping[str, Component]) -> Iterator[Edge]:
    """Compute in a subnet routed through a NAT gateway needs it for outbound calls.

    Subnets routed through different gateways (one NAT per zone) give one `any_of`
    edge: each replica needs the gateway of its own zone, which the model cannot say
    per replica; "one of them" is what losing one gateway means for the group, where
    a hard edge to each would make every gateway a single point of failure and
    multiply their unavailability into the composite.
    """
    nats = subnet_nats(ctx)
    for res in compute_resources(ctx, components):
        values = [v for _, v in bodies(ctx, res)]
        subnets = {a for a in ctx.targets(values) if _type(ctx, a) in _SUBNETS}
        used = sorted(n for n in {n for s in subnets for n in nats.get(s, ())} if n in components)
        if used:
            note = f"egress from {', '.join(sorted(subnets))} through {', '.join(used)}"
            yield Edge(targets=tuple(used), source=res.address, any_of=len(used) > 1, note=note)


def subnet_nats(ctx: Context) -> dict[str, set[str]]:
    """Subnet → the NAT gateways its route table sends traffic to.

    AWS: the table associated with the subnet, else its VPC's main table; Azure: the
    subnet's NAT gateway association.
    """
    tables = _table_nats(ctx)
    found: dict[str, set[str]] = {}
    associated: set[str] = set()
    for res in ctx.resources.values():
        for inst in res.instances:
            attrs = inst.attributes
            if res.type == "aws_route_table_association":
                named = ctx.targets(attrs.get("route_table_id"))
                nats = {n for t in named for n in tables.get(t, ())}
            elif res.type == "azurerm_subnet_nat_gateway_association":
                nats = set(ctx.targets(attrs.get("nat_gateway_id")))
            else:
                break
            for subnet in ctx.targets(attrs.get("subnet_id")):
                if _type(ctx, subnet) in _SUBNETS:
                    associated.add(subnet)
                    found.setdefault(subnet, set()).update(nats)
    _main_tables(ctx, tables, associated, found)
    return found


def _main_tables(
    ctx: Context,
    tables: Mapping[str, set[str]],
    associated: set[str],
    found: dict[str, set[str]],
) -> None:
    """Subnets without an association of their own use their VPC's main route table."""
    main = _vpc_main_tables(ctx)
    for res in ctx.resources.values():
        if res.type != "aws_subnet" or res.address in associated:
            continue
        for vpc in ctx.targets(res.attributes.get("vpc_id")):
            nats = {n for t in main.get(vpc, ()) for n in tables.get(t, ())}
            if nats:
                found.setdefault(res.address, set()).update(nats)


def _vpc_main_tables(ctx: Context) -> dict[str, set[str]]:
    """VPC → its main route table(s): `aws_main_route_table_association` or the managed
    `aws_default_route_table`."""
    main: dict[str, set[str]] = {}
    for res in ctx.resources.values():
        attrs = res.attributes
        if res.type == "aws_main_route_table_association":
            for vpc in ctx.targets(attrs.get("vpc_id")):
                main.setdefault(vpc, set()).update(ctx.targets(attrs.get("route_table_id")))
        elif res.type == "aws_default_route_table":
            for vpc in ctx.targets(attrs.get("default_route_table_id")):
                main.setdefault(vpc, set()).add(res.address)
    return main


def _table_nats(ctx: Context) -> dict[str, set[str]]:
    """Route table → NAT gateways its routes (inline or `aws_route`) send traffic to."""
    tables: dict[str, set[str]] = {}
    for res in ctx.resources.values():
        for inst in res.instances:
            if res.type in ("aws_route_table", "aws_default_route_table"):
                for route in blocks(inst.attributes, "route"):
                    tables.setdefault(res.address, set()).update(_nats(ctx, route))
            elif res.type == "aws_route":
                nats = _nats(ctx, inst.attributes)
                for table in ctx.targets(inst.attributes.get("route_table_id")):
                    tables.setdefault(table, set()).update(nats)
    return tables


def _nats(ctx: Context, route: Mapping[str, Any]) -> list[str]:
    return [a for a in ctx.targets(route.get("nat_gateway_id")) if _type(ctx, a) == _NAT]


def _type(ctx: Context, address: str) -> str | None:
    res = ctx.get(address)
    return res.type if res is not None else None
