"""Azure data: flexible servers, SQL databases, Redis, storage accounts, Cosmos DB."""

from __future__ import annotations

from typing import Any

from spofcheck.model import Failover, Kind, Replication, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.azure_compute import location, zones_of
from spofcheck.parse.terraform.adapters.azure_geo import (
    folded_copy,
    geo_source,
    geo_standby,
    storage_standby,
)
from spofcheck.parse.terraform.adapters.base import Context, Draft, Placement, plumbing
from spofcheck.parse.terraform.adapters.replicas import writer_tags
from spofcheck.parse.terraform.adapters.values import (
    block,
    blocks,
    bool_attr,
    int_attr,
    str_attr,
)
from spofcheck.parse.terraform.adapters.zones import azure_zone
from spofcheck.parse.terraform.resources import Resource, Unknown

_FAILOVER_GROUP = "azurerm_mssql_failover_group"


def flexible_server(res: Resource, ctx: Context) -> Draft:
    """One server in `zone`; `high_availability` adds a hot standby with automatic
    failover, in `standby_availability_zone` (ZoneRedundant) or the same zone (SameZone).
    A replica of a server in the code folds into it (`azure_geo.py`)."""
    attrs = res.attributes
    source = geo_source(res, ctx)
    if source is not None:
        return folded_copy(source)
    dr = geo_standby(res, ctx)
    where = location(attrs)
    zone = azure_zone(where, attrs.get("zone"))
    retention = int_attr(attrs, "backup_retention_days", default=7)
    common: dict[str, Any] = {
        "kind": Kind.DATABASE,
        "placement": Placement(1, (zone,) if zone else None),
        "region": where,
        "backups": None if retention is None else retention > 0,
        "tags": ("read-replica",) if str_attr(attrs, "create_mode") == "Replica" else (),
    }
    if isinstance(attrs.get("high_availability"), Unknown):
        return Draft(unresolved=("standby",), standby=dr, **common)
    ha = block(attrs, "high_availability")
    if ha is None:
        return Draft(variant="single-zone", standby=dr, **common)
    mode = str_attr(ha, "mode")
    standby_zone = (
        zone if mode == "SameZone" else azure_zone(where, ha.get("standby_availability_zone"))
    )
    standby = Standby(
        mode=StandbyMode.HOT,
        failover=Failover.AUTOMATIC,
        replicas=1,
        zones=[standby_zone] if standby_zone else [],
        replication=Replication.SYNC,  # the standby commits with the primary
    )
    if dr is not None:  # one standby per component: the HA standby becomes a primary
        both = (zone, standby_zone) if zone and standby_zone else None
        common["placement"] = Placement(2, both)
        common["tags"] = (*common["tags"], *writer_tags(standby))
        standby = dr
    return Draft(variant=(mode or "unknown").lower(), standby=standby, **common)


def mssql_database(res: Resource, ctx: Context) -> Draft:
    """Zone-redundant databases survive a zone; others live in one (unknown) zone. A
    failover group adds a standby in the partner server's region; without one, a
    geo-secondary (`azure_geo.py`) is a manual standby and folds into its primary."""
    attrs = res.attributes
    source = geo_source(res, ctx)
    if source is not None:
        return folded_copy(source)
    server = ctx.pointed(attrs.get("server_id"), "azurerm_mssql_server")
    server_attrs = ctx.resources[server[0]].attributes if server else {}
    redundant = bool_attr(attrs, "zone_redundant", default=False)
    standby = _failover_group_standby(res, ctx) or geo_standby(res, ctx)
    common: dict[str, Any] = {
        "kind": Kind.DATABASE,
        "region": location(server_attrs),
        "standby": standby,
        "backups": True,
    }
    if redundant:
        return Draft(scope=Scope.REGIONAL, variant="zone-redundant", **common)
    return Draft(placement=Placement(1, None), variant="single-zone", **common)


def _failover_group_standby(res: Resource, ctx: Context) -> Standby | None:
    for group in ctx.referring(res.address, _FAILOVER_GROUP):
        attrs = group.attributes
        policy = str_attr(attrs, "read_write_endpoint_failover_policy", "mode")
        partners = blocks(attrs, "partner_server")
        servers = [a for p in partners for a in ctx.pointed(p.get("id"), "azurerm_mssql_server")]
        regions = {location(ctx.resources[a].attributes) for a in servers}
        return Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC if policy == "Automatic" else Failover.MANUAL,
            replicas=max(len(partners), 1),
            region=regions.pop() if len(regions) == 1 else None,
            replication=Replication.ASYNC,  # geo-replication commits before copying
            members=servers or [group.address],
        )
    return None


def mssql_part(res: Resource, ctx: Context) -> Draft:
    """The logical SQL server and failover groups: configuration of the databases."""
    return plumbing()


def redis_cache(res: Resource, ctx: Context) -> Draft:
    """Basic: one node. Standard/Premium: a primary and replicas promoted automatically."""
    attrs = res.attributes
    sku = str_attr(attrs, "sku_name", default="Standard")
    zones = zones_of(attrs)
    standby = None
    if sku in ("Standard", "Premium"):
        replicas = int_attr(attrs, "replicas_per_primary", default=None) or int_attr(
            attrs, "replicas_per_master", default=1
        )
        standby = Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC,
            replicas=replicas or 1,
            zones=list(zones[1:]) if zones and len(zones) == (replicas or 1) + 1 else [],
            replication=Replication.ASYNC,  # Redis replicas copy after the write
        )
    backups = None
    if sku == "Premium":
        backups = bool_attr(attrs, "redis_configuration", "rdb_backup_enabled", default=False)
    return Draft(
        kind=Kind.CACHE,
        placement=Placement(1, zones[:1] if zones else None),
        region=location(attrs),
        variant=None if sku is None else sku.lower(),
        standby=standby,
        backups=backups,
        unresolved=("standby",) if sku is None else (),
    )


def storage_account(res: Resource, ctx: Context) -> Draft:
    """LRS keeps every copy in one datacenter; ZRS and geo-redundant kinds survive a zone;
    geo-redundant kinds keep a standby copy in the paired region (`azure_geo.py`)."""
    attrs = res.attributes
    replication = str_attr(attrs, "account_replication_type")
    common: dict[str, Any] = {
        "kind": Kind.STORAGE,
        "region": location(attrs),
        "variant": replication.lower() if replication else None,
        "standby": storage_standby(replication, location(attrs)),
    }
    if replication == "LRS":
        return Draft(placement=Placement(1, None), **common)
    return Draft(scope=Scope.REGIONAL, **common)


def cosmosdb_account(res: Resource, ctx: Context) -> Draft:
    """Replicated in each `geo_location`; two or more with automatic failover survive a
    region, so nothing regional applies to it any more."""
    attrs = res.attributes
    geos = blocks(attrs, "geo_location")
    automatic = bool_attr(attrs, "automatic_failover_enabled", default=False) or bool_attr(
        attrs, "enable_automatic_failover", default=False
    )
    pitr = True  # Cosmos DB always keeps periodic backups (continuous mode adds PITR)
    if len(geos) >= 2 and automatic:
        return Draft(kind=Kind.DATABASE, scope=Scope.GLOBAL, variant="multi-region", backups=pitr)
    return Draft(
        kind=Kind.DATABASE,
        scope=Scope.REGIONAL,
        region=location(attrs),
        variant="single-region",
        backups=pitr,
    )


HANDLERS = {
    "azurerm_postgresql_flexible_server": flexible_server,
    "azurerm_mysql_flexible_server": flexible_server,
    "azurerm_mssql_database": mssql_database,
    "azurerm_mssql_server": mssql_part,
    _FAILOVER_GROUP: mssql_part,
    "azurerm_redis_cache": redis_cache,
    "azurerm_storage_account": storage_account,
    "azurerm_cosmosdb_account": cosmosdb_account,
}
