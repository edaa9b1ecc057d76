"""Google Cloud data: Cloud SQL, Memorystore, Cloud Storage, Filestore, Pub/Sub, Cloud NAT."""

from __future__ import annotations

import re

from spofcheck.model import Failover, Kind, Replication, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft, Placement, plumbing
from spofcheck.parse.terraform.adapters.replicas import (
    folded_replica,
    replica_source,
    replica_standby,
    writer_tags,
)
from spofcheck.parse.terraform.adapters.values import (
    bool_attr,
    int_attr,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import is_gcp_zone, region_of_zone
from spofcheck.parse.terraform.resources import Resource

_REGION = re.compile(r"^[a-z]+-[a-z]+\d+$")


def sql_instance(res: Resource, ctx: Context) -> Draft:
    """`availability_type = "REGIONAL"` keeps a hot standby in another zone (failover is
    automatic); ZONAL (the default) is one instance in one zone. A replica
    (`master_instance_name`) of an instance in the code folds into it as its warm,
    manual, async standby (`replicas.py`)."""
    attrs = res.attributes
    source = replica_source(res, ctx) if written(attrs, "master_instance_name") else None
    if source is not None:
        return folded_replica(source)
    kind = str_attr(attrs, "settings", "availability_type", default="ZONAL")
    zone = str_attr(attrs, "settings", "location_preference", "zone")
    standby = None
    if kind == "REGIONAL":
        secondary = str_attr(attrs, "settings", "location_preference", "secondary_zone")
        standby = Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC,
            replicas=1,
            zones=[secondary] if secondary else [],
            replication=Replication.SYNC,  # regional persistent disk: written in both zones
        )
    backups = bool_attr(attrs, "settings", "backup_configuration", "enabled", default=False)
    replica = written(attrs, "master_instance_name")
    placement = Placement(1, (zone,) if zone else None)
    dr = replica_standby(res, ctx)
    writer: tuple[str, ...] = ()
    if dr is not None:  # one standby per component: the HA standby becomes a primary
        placement, writer = _with_ha(placement, standby), writer_tags(standby)
        standby = dr
    return Draft(
        kind=Kind.DATABASE,
        placement=placement,
        variant=None if kind is None else kind.lower(),
        standby=standby,
        backups=backups,
        unresolved=("standby",) if kind is None else (),
        tags=(("read-replica",) if replica else ()) + writer,
    )


def _with_ha(placement: Placement, ha: Standby | None) -> Placement:
    if ha is None:
        return placement
    zones = (*placement.zones, *ha.zones) if placement.zones and ha.zones else None
    return Placement(2, zones)


def redis_instance(res: Resource, ctx: Context) -> Draft:
    """BASIC: one node. STANDARD_HA: a replica in `alternative_location_id`, promoted
    automatically (`replica_count` read replicas when set)."""
    attrs = res.attributes
    tier = str_attr(attrs, "tier", default="BASIC")
    zone = str_attr(attrs, "location_id")
    standby = None
    if tier == "STANDARD_HA":
        other = str_attr(attrs, "alternative_location_id")
        replicas = int_attr(attrs, "replica_count", default=1) or 1
        standby = Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC,
            replicas=replicas,
            zones=[other] if other and replicas == 1 else [],
            replication=Replication.ASYNC,  # Redis replicas copy after the write
        )
    persistence = str_attr(attrs, "persistence_config", "persistence_mode", default="DISABLED")
    return Draft(
        kind=Kind.CACHE,
        placement=Placement(1, (zone,) if zone else None),
        variant=None if tier is None else tier.lower(),
        standby=standby,
        backups=None if persistence is None else persistence == "RDB",
        unresolved=("standby",) if tier is None else (),
        region=str_attr(attrs, "region") or (region_of_zone(zone) if zone else None),
    )


def storage_bucket(res: Resource, ctx: Context) -> Draft:
    """A regional bucket lives in one region; multi- and dual-region ones survive one."""
    location = (str_attr(res.attributes, "location") or "").lower()
    versioned = bool_attr(res.attributes, "versioning", "enabled", default=False)
    backups = True if versioned else None
    if _REGION.match(location):
        return Draft(kind=Kind.STORAGE, scope=Scope.REGIONAL, region=location, backups=backups)
    variant = "multi-region" if location else None
    return Draft(kind=Kind.STORAGE, scope=Scope.GLOBAL, variant=variant, backups=backups)


def filestore(res: Resource, ctx: Context) -> Draft:
    """Enterprise/regional tiers replicate across zones; the others live in one zone."""
    attrs = res.attributes
    location = str_attr(attrs, "location") or str_attr(attrs, "zone")
    if location and is_gcp_zone(location):
        return Draft(kind=Kind.STORAGE, placement=Placement(1, (location,)), variant="zonal")
    return Draft(kind=Kind.STORAGE, scope=Scope.REGIONAL, region=location, variant="regional")


def pubsub_topic(res: Resource, ctx: Context) -> Draft:
    return Draft(kind=Kind.QUEUE, scope=Scope.GLOBAL)


def pubsub_subscription(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("topic"), "google_pubsub_topic")
    return plumbing(part_of=owner[0] if owner else None)


def cloud_nat(res: Resource, ctx: Context) -> Draft:
    """Cloud NAT is software-defined and regional: no gateway machine to lose."""
    return Draft(kind=Kind.NAT, scope=Scope.REGIONAL)


HANDLERS = {
    "google_sql_database_instance": sql_instance,
    "google_redis_instance": redis_instance,
    "google_storage_bucket": storage_bucket,
    "google_filestore_instance": filestore,
    "google_pubsub_topic": pubsub_topic,
    "google_pubsub_subscription": pubsub_subscription,
    "google_compute_router_nat": cloud_nat,
}
