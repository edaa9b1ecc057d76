"""Azure copies in other regions: flexible-server read replicas (`create_mode =
"Replica"`, `source_server_id`), SQL geo-secondaries (`create_mode = "Secondary"`,
`creation_source_database_id`) and geo-redundant storage accounts.

Each folds into its source as a standby promoted by hand and replicated asynchronously
(a failover group, read in `azure_data.py`, is what automates a SQL failover): warm for
a flexible-server replica, as for RDS; hot for a SQL geo-secondary, which runs at the
primary's size, as a failover group's partner does.
"""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Replication, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.azure_compute import location
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.values import str_attr
from spofcheck.parse.terraform.resources import Resource

SQL_DB = "azurerm_mssql_database"
# resource type -> (create_mode of a copy, attribute naming its source, standby mode)
_COPIES = {
    "azurerm_postgresql_flexible_server": ("Replica", "source_server_id", StandbyMode.WARM),
    "azurerm_mysql_flexible_server": ("Replica", "source_server_id", StandbyMode.WARM),
    SQL_DB: ("Secondary", "creation_source_database_id", StandbyMode.HOT),
}


def geo_source(res: Resource, ctx: Context) -> str | None:
    """The resource in the code `res` is a copy of."""
    mode, attribute, _ = _COPIES[res.type]
    if str_attr(res.attributes, "create_mode") != mode:
        return None
    found = [a for a in ctx.pointed(res.attributes.get(attribute), res.type) if a != res.address]
    return found[0] if len(found) == 1 else None


def folded_copy(source: str) -> Draft:
    note = f"geo-replica: folded into {source}'s standby (manual promotion, async)"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=source, tags=("read-replica",))


def geo_standby(res: Resource, ctx: Context) -> Standby | None:
    """The copies of `res` as one standby, in the first copy's region."""
    copies = [c for c in ctx.referring(res.address, res.type) if geo_source(c, ctx) == res.address]
    if not copies:
        return None
    return Standby(
        mode=_COPIES[res.type][2],
        failover=Failover.MANUAL,
        replicas=sum(len(c.instances) for c in copies),
        region=region_of(copies[0], ctx),
        replication=Replication.ASYNC,
        members=[c.address for c in copies],
    )


def region_of(res: Resource, ctx: Context) -> str | None:
    """A server's location; a SQL database's server's."""
    if res.type != SQL_DB:
        return location(res.attributes)
    server = ctx.pointed(res.attributes.get("server_id"), "azurerm_mssql_server")
    return location(ctx.resources[server[0]].attributes) if server else None


_GEO_STORAGE = frozenset({"GRS", "RAGRS", "GZRS", "RAGZRS"})
# Azure region pairs (Microsoft's "Azure cross-region replication pairings"): where a
# geo-redundant storage account keeps its secondary copy. Both directions are listed.
_PAIRS = dict(
    pair
    for a, b in (
        ("eastus", "westus"),
        ("eastus2", "centralus"),
        ("northcentralus", "southcentralus"),
        ("westus2", "westcentralus"),
        ("canadacentral", "canadaeast"),
        ("northeurope", "westeurope"),
        ("uksouth", "ukwest"),
        ("francecentral", "francesouth"),
        ("germanywestcentral", "germanynorth"),
        ("switzerlandnorth", "switzerlandwest"),
        ("norwayeast", "norwaywest"),
        ("swedencentral", "swedensouth"),
        ("eastasia", "southeastasia"),
        ("japaneast", "japanwest"),
        ("koreacentral", "koreasouth"),
        ("australiaeast", "australiasoutheast"),
        ("australiacentral", "australiacentral2"),
        ("centralindia", "southindia"),
        ("southafricanorth", "southafricawest"),
        ("uaenorth", "uaecentral"),
    )
    for pair in ((a, b), (b, a))
) | {"westus3": "eastus", "brazilsouth": "southcentralus", "westindia": "southindia"}


def storage_standby(replication: str | None, where: str | None) -> Standby | None:
    """A geo-redundant account's copy in the paired region: asynchronous, brought into
    use by a failover someone starts (customer-managed), readable beforehand only with
    read access (RA-): warm either way, since the data is already there."""
    pair = _PAIRS.get(where or "")
    if replication not in _GEO_STORAGE or pair is None:
        return None
    return Standby(
        mode=StandbyMode.WARM,
        failover=Failover.MANUAL,
        replicas=1,
        region=pair,
        replication=Replication.ASYNC,
    )
