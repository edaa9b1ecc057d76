"""Where replicas run: zone names, subnets' zones, spreading replicas, and regions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spofcheck.parse.terraform.adapters.base import Context, Placement
from spofcheck.parse.terraform.adapters.values import as_list, as_str
from spofcheck.parse.terraform.resources import Ref, Resource

SUBNET_TYPES = ("aws_subnet", "data.aws_subnet")
_AWS_ZONE = re.compile(r"^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$")
_GCP_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")
_AZURE_ZONE = re.compile(r"^([a-z0-9]+)-(\d)$")


def region_of_zone(zone: str) -> str | None:
    """The region a zone name belongs to: us-east-1a, us-central1-b, eastus-2 (Azure)."""
    for pattern in (_AWS_ZONE, _GCP_ZONE, _AZURE_ZONE):
        match = pattern.match(zone)
        if match:
            return match.group(1)
    return None


def is_gcp_zone(location: str) -> bool:
    return _GCP_ZONE.match(location) is not None


def azure_location(value: Any) -> str | None:
    """Azure's canonical location name: "East US" and "eastus" are the same place."""
    text = as_str(value)
    return text.replace(" ", "").lower() if text else None


def azure_zone(location: str | None, zone: Any) -> str | None:
    """Azure zones are numbers within a location; the model names them `eastus-1`."""
    number = as_str(zone)
    if location is None or number is None or not number.isdigit():
        return None
    return f"{location}-{number}"


def distinct(zones: Iterable[str]) -> tuple[str, ...]:
    """Zones in first-seen order, each once."""
    return tuple(dict.fromkeys(zones))


def spread(zones: Sequence[str] | None, replicas: int | None) -> Placement:
    """`replicas` balanced over distinct `zones` in order, the way zone-balancing groups do."""
    if replicas is None:
        return Placement(None, None)
    if zones is None:
        return Placement(replicas, None)
    names = distinct(zones)
    if not names:
        return Placement(replicas, None)
    return Placement(replicas, tuple(names[i % len(names)] for i in range(replicas)))


def combine(parts: Sequence[Placement]) -> Placement:
    """Several groups (count/for_each instances) as one: replicas add, zones concatenate."""
    if not parts:
        return Placement(0, ())
    counts = [p.replicas for p in parts]
    replicas = None if any(c is None for c in counts) else sum(c for c in counts if c)
    zones: tuple[str, ...] | None = ()
    for part in parts:
        zones = None if part.zones is None or zones is None else zones + part.zones
    return Placement(replicas, zones)


def zone_value(ctx: Context, value: Any) -> str | None:
    """A zone attribute's value, following a reference to another resource's zone."""
    return as_str(ctx.resolve(value))


def subnet_zone(ctx: Context, value: Any) -> str | None:
    """The availability zone of the subnet a value (a subnet reference) points to."""
    zones = _ref_zones(ctx, value, whole=False)
    return zones[0] if zones else None


def _ref_zones(ctx: Context, value: Any, *, whole: bool) -> tuple[str, ...] | None:
    """Zones of the subnet instance a reference names; with `whole`, a reference to the
    whole resource (`aws_subnet.app[*].id` in plan JSON) names every instance."""
    if not isinstance(value, Ref):
        return None
    res = ctx.get(value.address)
    if res is None or not res.type.endswith("aws_subnet"):
        return None
    if value.key is None and whole and len(res.instances) > 1:
        found = [zone_value(ctx, i.attributes.get("availability_zone")) for i in res.instances]
        return None if None in found else tuple(str(z) for z in found)
    inst = ctx.instance(value)
    zone = zone_value(ctx, inst.attributes.get("availability_zone")) if inst else None
    return (zone,) if zone else None


def subnets_zones(
    ctx: Context, value: Any, owner: Resource | None = None
) -> tuple[str, ...] | None:
    """The zones of a list of subnet references; None unless every one is known.

    With `owner`, an untraceable unknown list falls back to the subnets the owner's
    block references (all their instances).
    """
    items = as_list(value)
    if items is None:
        single = _ref_zones(ctx, value, whole=True)
        if single is None and owner is not None:
            return _owner_subnets(ctx, value, owner)
        return single
    zones: list[str] = []
    for item in items:
        found = _ref_zones(ctx, item, whole=False)
        if found is None:
            return _owner_subnets(ctx, value, owner) if owner is not None else None
        zones += found
    return tuple(zones) or None


def _owner_subnets(ctx: Context, value: Any, owner: Resource) -> tuple[str, ...] | None:
    zones: list[str] = []
    for address in ctx.pointed(value, *SUBNET_TYPES, owner=owner):
        found = _ref_zones(ctx, Ref(address=address, attribute="id"), whole=True)
        if found is None:
            return None
        zones += found
    return tuple(zones) or None


def provider_block(ctx: Context, res: Resource, name: str | None = None) -> Mapping[str, Any]:
    """The provider configuration a resource uses, the closest module's first."""
    config = res.provider_config or name or res.provider
    for depth in range(len(res.module_path), -1, -1):
        prefix = "".join(f"module.{m}." for m in res.module_path[:depth])
        found = ctx.providers.get(prefix + config)
        if found is not None:
            return found
    return {}


def provider_region(ctx: Context, res: Resource) -> str | None:
    """The region set on the resource itself or on its provider block."""
    own = as_str(ctx.resolve(res.attributes.get("region")))
    if own:
        return own
    block = provider_block(ctx, res)
    region = as_str(block.get("region"))
    if region:
        return region
    zone = as_str(block.get("zone"))
    return region_of_zone(zone) if zone else None
