"""AWS relational and document databases: RDS instances, Aurora/DocumentDB/Neptune clusters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Failover, Kind, Replication, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft, Placement, plumbing
from spofcheck.parse.terraform.adapters.global_db import (
    GLOBAL,
    folded_secondary,
    global_cluster,
    secondary_standby,
)
from spofcheck.parse.terraform.adapters.replicas import (
    folded_replica,
    replica_source,
    replica_standby,
    writer_tags,
)
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    bool_attr,
    int_attr,
    known_strings,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import zone_value
from spofcheck.parse.terraform.resources import Resource

_MEMBERS = {
    "aws_rds_cluster": "aws_rds_cluster_instance",
    "aws_docdb_cluster": "aws_docdb_cluster_instance",
    "aws_neptune_cluster": "aws_neptune_cluster_instance",
}
_CLUSTERS = tuple(_MEMBERS)


def db_instance(res: Resource, ctx: Context) -> Draft:
    """One instance; `multi_az` adds a hot standby with automatic failover in another zone.

    AWS picks the standby's zone, so its zone list stays empty (unknown, not "the same").
    A read replica of an instance in the code folds into it (`replicas.py`); one whose
    source is not in the code stays a component of its own, tagged `read-replica`.
    """
    attrs = res.attributes
    replica_of = written(attrs, "replicate_source_db")
    source = replica_source(res, ctx) if replica_of else None
    if source is not None:
        return folded_replica(source)
    multi_az = bool_attr(attrs, "multi_az", default=False)
    zones = [zone_value(ctx, inst.attributes.get("availability_zone")) for inst in res.instances]
    placement = Placement(len(res.instances), None if None in zones else tuple(map(str, zones)))
    standby = None
    if multi_az:
        standby = Standby(  # Multi-AZ's standby is written synchronously
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC,
            replicas=1,
            replication=Replication.SYNC,
        )
    dr = replica_standby(res, ctx)
    writer: tuple[str, ...] = ()
    if dr is not None:
        placement, standby, writer = _with_dr(placement, standby), dr, writer_tags(standby)
    variant = None if multi_az is None else ("multi-az" if multi_az else "single-az")
    retention = int_attr(attrs, "backup_retention_period", default=0 if replica_of else 1)
    return Draft(
        kind=Kind.DATABASE,
        placement=placement,
        variant=variant,
        standby=standby,
        backups=None if retention is None else retention > 0,
        unresolved=("standby",) if multi_az is None else (),
        tags=(("read-replica",) if replica_of else ()) + writer,
    )


def _with_dr(placement: Placement, multi_az: Standby | None) -> Placement:
    """One standby per component: a Multi-AZ standby beside read replicas counts as a
    second primary (AWS picks its zone, so the zones become unknown)."""
    if multi_az is None or placement.replicas is None:
        return placement
    return Placement(placement.replicas + multi_az.replicas, None)


def db_cluster(res: Resource, ctx: Context) -> Draft:
    """A cluster's members: one writer, the others hot standbys promoted automatically.

    Which member writes is not in the code: the first member's zone is used for it; only
    the multiset of zones matters to the rules and the calculator.
    """
    attrs = res.attributes
    secondary = folded_secondary(res, ctx) if res.type == "aws_rds_cluster" else None
    if secondary is not None:
        return secondary
    if str_attr(attrs, "engine_mode") == "serverless":
        return Draft(kind=Kind.DATABASE, scope=Scope.REGIONAL, variant="serverless")
    zones, count, unknown = _member_zones(res, ctx)
    if written(attrs, "db_cluster_instance_class"):  # Multi-AZ DB cluster: 1 writer + 2
        zones, count = _listed_zones(attrs), 3
    readers = _autoscaled_readers(res, ctx)
    unknown = unknown or readers is None
    count += readers or 0  # the scaler keeps its floor of readers; their zones: AWS's pick
    retention = int_attr(attrs, "backup_retention_period", default=1)
    unresolved = ["replicas"] if unknown or count == 0 else []
    placement = Placement(1, None if zones is None else zones[:1])
    standby = _cluster_standby(count, zones)
    remote = secondary_standby(res, ctx) if res.type == "aws_rds_cluster" else None
    writer: tuple[str, ...] = ()
    if remote is not None:  # one standby per component: the members become primaries
        placement, standby, writer = Placement(max(count, 1), zones), remote, writer_tags(standby)
    return Draft(
        kind=Kind.DATABASE,
        placement=placement,
        variant="multi-az" if count > 1 else "single-instance",
        standby=standby,
        backups=None if retention is None else retention > 0,
        unresolved=tuple(unresolved),
        tags=writer,
    )


def _member_zones(res: Resource, ctx: Context) -> tuple[tuple[str, ...] | None, int, bool]:
    """Zones of the cluster's instances (None if any is unknown), their count, count unknown."""
    members = ctx.referring(res.address, _MEMBERS[res.type])
    zones: list[str | None] = []
    unknown = False
    for member in members:
        unknown = unknown or member.count_unknown
        zones += [zone_value(ctx, i.attributes.get("availability_zone")) for i in member.instances]
    known = None if None in zones else tuple(str(z) for z in zones)
    return known, len(zones), unknown


def _autoscaled_readers(res: Resource, ctx: Context) -> int | None:
    """Readers Application Auto Scaling keeps at least (`min_capacity` of a target on
    `rds:cluster:ReadReplicaCount` naming this cluster); None when a floor is unknown."""
    total = 0
    for target in ctx.referring(res.address, "aws_appautoscaling_target"):
        attrs = target.attributes
        if str_attr(attrs, "scalable_dimension") != _READERS:
            continue
        floor = int_attr(attrs, "min_capacity", default=None)
        if floor is None:
            return None
        total += floor * len(target.instances)
    return total


def scaling_target(res: Resource, ctx: Context) -> Draft:
    """An Application Auto Scaling target folds into what it scales (read there)."""
    owners = [a for a in ctx.targets(res.attributes.get("resource_id")) if a in ctx.resources]
    return plumbing(part_of=owners[0] if owners else None)


_READERS = "rds:cluster:ReadReplicaCount"


def _listed_zones(attrs: Mapping[str, Any]) -> tuple[str, ...] | None:
    names = known_strings(as_list(attrs.get("availability_zones")) or [])
    return tuple(names) if names else None


def _cluster_standby(count: int, zones: tuple[str, ...] | None) -> Standby | None:
    if count <= 1:
        return None
    return Standby(  # the members share the cluster's storage: nothing is lost
        mode=StandbyMode.HOT,
        failover=Failover.AUTOMATIC,
        replicas=count - 1,
        zones=list(zones[1:]) if zones is not None and len(zones) == count else [],
        replication=Replication.SYNC,
    )


def cluster_instance(res: Resource, ctx: Context) -> Draft:
    """A cluster member: read by the cluster, folded into it."""
    owner = ctx.pointed(res.attributes.get("cluster_identifier"), *_CLUSTERS)
    return plumbing(part_of=owner[0] if owner else None)


HANDLERS = {
    "aws_db_instance": db_instance,
    "aws_rds_cluster": db_cluster,
    "aws_rds_cluster_instance": cluster_instance,
    "aws_docdb_cluster": db_cluster,
    "aws_docdb_cluster_instance": cluster_instance,
    "aws_neptune_cluster": db_cluster,
    "aws_neptune_cluster_instance": cluster_instance,
    "aws_appautoscaling_target": scaling_target,
    GLOBAL: global_cluster,
}
