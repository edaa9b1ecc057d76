"""Azure compute: virtual machines, scale sets, AKS clusters and node pools.

Azure zones are numbers within a location; the model names them `<location>-<n>`
(`eastus-1`) so zone names stay unique across regions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind
from spofcheck.parse.terraform.adapters.base import Context, Draft, Edge, Placement, plumbing
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    bool_attr,
    int_attr,
    str_attr,
)
from spofcheck.parse.terraform.adapters.zones import azure_location, azure_zone, combine, spread
from spofcheck.parse.terraform.resources import Resource

VMS = (
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_virtual_machine",
)
SCALE_SETS = (
    "azurerm_linux_virtual_machine_scale_set",
    "azurerm_windows_virtual_machine_scale_set",
    "azurerm_orchestrated_virtual_machine_scale_set",
    "azurerm_virtual_machine_scale_set",
)
_AUTOSCALE = "azurerm_monitor_autoscale_setting"


def location(attrs: Mapping[str, Any]) -> str | None:
    return azure_location(attrs.get("location"))


def zones_of(attrs: Mapping[str, Any], key: str = "zones") -> tuple[str, ...] | None:
    """`zones = ["1", "2"]` as model zone names; None when unknown or not written."""
    where = location(attrs)
    listed = as_list(attrs.get(key))
    if listed is None:
        single = azure_zone(where, attrs.get(key))
        return (single,) if single else None
    names = [azure_zone(where, z) for z in listed]
    if not names or None in names:
        return None
    return tuple(str(n) for n in names)


def virtual_machine(res: Resource, ctx: Context) -> Draft:
    """One replica per VM in its `zone`; a VM without a zone may be anywhere in the region."""
    key = "zones" if res.type == "azurerm_virtual_machine" else "zone"
    zones = [zones_of(i.attributes, key) for i in res.instances]
    known = None if None in zones else tuple(z[0] for z in zones if z)
    return Draft(
        kind=Kind.SERVICE,
        placement=Placement(len(zones), known),
        region=location(res.attributes),
        variant=_disk_tier(res.attributes),
    )


def _disk_tier(attrs: Mapping[str, Any]) -> str | None:
    """The VM SLA depends on the OS disk: Premium/Ultra, Standard SSD or Standard HDD."""
    disk = block(attrs, "os_disk") or {}
    kind = str_attr(disk, "storage_account_type")
    if kind is None:
        kind = str_attr(block(attrs, "storage_os_disk") or {}, "managed_disk_type")
    if kind is None:
        return None
    if kind.startswith(("Premium", "Ultra")):
        return "premium-ssd"
    return "standard-ssd" if kind.startswith("StandardSSD") else "standard-hdd"


def scale_set(res: Resource, ctx: Context) -> Draft:
    """`instances` VMs balanced over `zones`, or the autoscale minimum when one applies."""
    scaled, floor = _autoscale_floor(res, ctx)
    parts = []
    for inst in res.instances:
        size = floor if scaled else _set_size(inst.attributes)
        parts.append(spread(zones_of(inst.attributes), size))
    return Draft(
        kind=Kind.SERVICE,
        placement=combine(parts),
        region=location(res.attributes),
        health_check=_vmss_health(res.attributes),
        edges=_pool_edges(res, ctx),
    )


def _set_size(attrs: Mapping[str, Any]) -> int | None:
    """`instances`, or `sku { capacity }` on the legacy azurerm_virtual_machine_scale_set."""
    if "instances" not in attrs and block(attrs, "sku") is not None:
        return int_attr(attrs, "sku", "capacity", default=0)
    return int_attr(attrs, "instances", default=0)


def _autoscale_floor(res: Resource, ctx: Context) -> tuple[bool, int | None]:
    """(an autoscale setting applies, its minimum: None when unknown); the set's own
    `instances` is no fallback for an unknown minimum."""
    for setting in ctx.referring(res.address, _AUTOSCALE):
        for profile in blocks(setting.attributes, "profile"):
            return True, int_attr(profile, "capacity", "minimum", default=None)
    return False, None


def _vmss_health(attrs: Mapping[str, Any]) -> HealthCheck:
    """A health probe or the Application Health extension lets the set repair itself."""
    repair = bool_attr(attrs, "automatic_instance_repair", "enabled", default=False)
    probe = attrs.get("health_probe_id")
    extension = any(
        "ApplicationHealth" in str(e.get("type", "")) for e in blocks(attrs, "extension")
    )
    if probe is None and not extension:
        return HealthCheck(enabled=None, details={"automatic_instance_repair": repair})
    return HealthCheck(enabled=True, details={"automatic_instance_repair": repair})


_POOL_KEYS = {
    "load_balancer_backend_address_pool_ids": ("azurerm_lb_backend_address_pool", "azurerm_lb"),
    "application_gateway_backend_address_pool_ids": ("azurerm_application_gateway",),
}


def _pool_edges(res: Resource, ctx: Context) -> tuple[Edge, ...]:
    """Load balancer and application gateway pools the set's NICs join forward to it.

    A pool id is often a computed attribute of a nested block whose reference the
    evaluated value no longer carries; the block's own references say which one.
    """
    sources: set[str] = set()
    nics = blocks(res.attributes, "network_interface") + blocks(res.attributes, "network_profile")
    for nic in nics:
        for ip in blocks(nic, "ip_configuration"):
            for key, types in _POOL_KEYS.items():
                if ip.get(key) is None:
                    continue
                found = ctx.targets(ip.get(key))
                sources.update(found or [a for a in res.references if _type(ctx, a) in types])
    return tuple(Edge(targets=(res.address,), source=s) for s in sorted(sources))


def _type(ctx: Context, address: str) -> str | None:
    found = ctx.get(address)
    return found.type if found is not None else None


def autoscale_setting(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("target_resource_id"), *SCALE_SETS)
    return plumbing(part_of=owner[0] if owner else None)


def kubernetes_cluster(res: Resource, ctx: Context) -> Draft:
    """AKS: the component is the default node pool (the control plane is Azure's)."""
    pool = block(res.attributes, "default_node_pool") or {}
    where = {**pool, "location": res.attributes.get("location")}
    return Draft(
        kind=Kind.CLUSTER,
        placement=spread(zones_of(where), _pool_size(pool)),
        region=location(res.attributes),
    )


def node_pool(res: Resource, ctx: Context) -> Draft:
    cluster = ctx.pointed(res.attributes.get("kubernetes_cluster_id"), "azurerm_kubernetes_cluster")
    owner = ctx.get(cluster[0]) if cluster else None
    where_from = owner.attributes if owner is not None else {}
    where = {**res.attributes, "location": where_from.get("location")}
    return Draft(
        kind=Kind.CLUSTER,
        placement=spread(zones_of(where), _pool_size(res.attributes)),
        region=location(where),
    )


def _pool_size(pool: Mapping[str, Any]) -> int | None:
    scaling = bool_attr(pool, "auto_scaling_enabled", default=False) or bool_attr(
        pool, "enable_auto_scaling", default=False
    )
    if scaling:
        return int_attr(pool, "min_count", default=None)
    return int_attr(pool, "node_count", default=1)


def network_interface(res: Resource, ctx: Context) -> Draft:
    """A NIC belongs to the VM using it: traffic sent to the NIC reaches that VM."""
    users = ctx.referring(res.address, *VMS)
    return plumbing(Kind.NETWORK, part_of=users[0].address if users else None)


def nic_pool_association(res: Resource, ctx: Context) -> Draft:
    """A NIC joins a backend pool: the pool's load balancer forwards to the NIC's VM."""
    attrs = res.attributes
    pools = ctx.targets(attrs.get("backend_address_pool_id"))
    nics = ctx.targets(attrs.get("network_interface_id"))
    edges = tuple(Edge(targets=tuple(nics), source=p) for p in pools if nics)
    return plumbing(edges=edges)


HANDLERS = {
    **dict.fromkeys(VMS, virtual_machine),
    **dict.fromkeys(SCALE_SETS, scale_set),
    _AUTOSCALE: autoscale_setting,
    "azurerm_kubernetes_cluster": kubernetes_cluster,
    "azurerm_kubernetes_cluster_node_pool": node_pool,
    "azurerm_network_interface": network_interface,
    "azurerm_network_interface_backend_address_pool_association": nic_pool_association,
    "azurerm_network_interface_application_gateway_backend_address_pool_association": (
        nic_pool_association
    ),
}
