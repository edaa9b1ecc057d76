"""AWS caches, queues, object/file stores and search: ElastiCache, S3, DynamoDB, EFS, MSK…"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Failover, Kind, Replication, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft, Handler, Placement, plumbing
from spofcheck.parse.terraform.adapters.dynamodb import TABLE_REPLICA, dynamodb_table, table_replica
from spofcheck.parse.terraform.adapters.global_cache import GLOBAL as GLOBAL_CACHE
from spofcheck.parse.terraform.adapters.global_cache import (
    folded_secondary,
    global_datastore,
    secondaries_standby,
)
from spofcheck.parse.terraform.adapters.replicas import writer_tags
from spofcheck.parse.terraform.adapters.s3_replication import bucket_standby, folded_destination
from spofcheck.parse.terraform.adapters.values import (
    as_list,
    block,
    blocks,
    bool_attr,
    int_attr,
    known_strings,
    str_attr,
    written,
)
from spofcheck.parse.terraform.adapters.zones import (
    spread,
    subnets_zones,
    zone_value,
)
from spofcheck.parse.terraform.resources import Resource


def replication_group(res: Resource, ctx: Context) -> Draft:
    """A primary per shard; the other nodes are hot standbys, promoted automatically only
    with `automatic_failover_enabled`. Every shard is needed (min_healthy = shards)."""
    attrs = res.attributes
    secondary = folded_secondary(res, ctx)
    if secondary is not None:
        return secondary
    shards, per_shard = _shape(attrs)
    failover = bool_attr(attrs, "automatic_failover_enabled", default=False)
    zones = _cache_zones(attrs, shards, per_shard)
    members = _member_nodes(res, ctx)
    standby = None
    if shards is not None and per_shard is not None and (per_shard > 1 or members):
        standby = Standby(
            mode=StandbyMode.HOT,
            failover=Failover.AUTOMATIC if failover else Failover.MANUAL,
            replicas=shards * (per_shard - 1) + len(members),
            zones=_standby_zones(zones, members),
            replication=Replication.ASYNC,  # Redis/Valkey replicas copy after the write
        )
    placement = Placement(shards, zones[0] if zones is not None else None)
    nodes = (shards or 1) * (per_shard or 1) + len(members)
    remote = secondaries_standby(res, ctx, nodes)
    writer: tuple[str, ...] = ()
    if remote is not None:  # one standby per component: the local nodes become primaries
        every = [*zones[0], *_standby_zones(zones, members)] if zones is not None else []
        placement = Placement(nodes, tuple(every) if len(every) == nodes else None)
        standby, writer = remote, writer_tags(standby)
    retention = int_attr(attrs, "snapshot_retention_limit", default=0)
    return Draft(
        kind=Kind.CACHE,
        placement=placement,
        min_healthy=shards,
        standby=standby,
        variant="multi-az" if standby is not None else "single-node",
        backups=None if retention is None else retention > 0,
        unresolved=_shape_unknowns(failover, per_shard),
        tags=writer,
    )


def _shape_unknowns(failover: bool | None, per_shard: int | None) -> tuple[str, ...]:
    """Nodes per shard unknown (`num_cache_clusters = var.n`): how many copies each shard
    has is unknown, so its redundancy is too; never read as one node."""
    return (("standby",) if failover is None else ()) + (("replicas",) if per_shard is None else ())


def _member_nodes(res: Resource, ctx: Context) -> list[str | None]:
    """Zones of `aws_elasticache_cluster` nodes joined to this group as replicas."""
    zones: list[str | None] = []
    for other in ctx.resources.values():
        if other.type != "aws_elasticache_cluster":
            continue
        for inst in other.instances:
            group = ctx.pointed(inst.attributes.get("replication_group_id"), res.type)
            if res.address in group:
                zones.append(zone_value(ctx, inst.attributes.get("availability_zone")))
    return zones


def _standby_zones(
    zones: tuple[tuple[str, ...], tuple[str, ...]] | None, members: list[str | None]
) -> list[str]:
    """The replicas' zones when every one is known, else none (unknown)."""
    if zones is None or None in members:
        return []
    return [*zones[1], *(str(z) for z in members)]


def _shape(attrs: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """(shards, nodes per shard)."""
    legacy = block(attrs, "cluster_mode") or {}
    shards_written = written(attrs, "num_node_groups") or "num_node_groups" in legacy
    replicas = int_attr(attrs, "replicas_per_node_group", default=None)
    if replicas is None and "replicas_per_node_group" in legacy:
        replicas = int_attr(legacy, "replicas_per_node_group", default=0)
    if shards_written:
        shards = int_attr(attrs, "num_node_groups", default=None)
        if shards is None:
            shards = int_attr(legacy, "num_node_groups", default=None)
        return shards, None if replicas is None else replicas + 1
    for key in ("num_cache_clusters", "number_cache_clusters"):
        if written(attrs, key):
            return 1, int_attr(attrs, key, default=None)
    return 1, 1 if replicas is None else replicas + 1


def _cache_zones(
    attrs: Mapping[str, Any], shards: int | None, per_shard: int | None
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(primaries' zones, standbys' zones), when the code says where every node goes."""
    groups = blocks(attrs, "node_group_configuration")
    if groups:
        primaries = known_strings([g.get("primary_availability_zone") for g in groups])
        others = known_strings([z for g in groups for z in g.get("replica_availability_zones", [])])
        return (tuple(primaries), tuple(others)) if primaries and others is not None else None
    listed = known_strings(as_list(attrs.get("preferred_cache_cluster_azs")) or [])
    if shards != 1 or per_shard is None or not listed or len(listed) < per_shard:
        return None
    return tuple(listed[:1]), tuple(listed[1:per_shard])


def cache_cluster(res: Resource, ctx: Context) -> Draft:
    """Memcached nodes (no replication) or a single Redis node; group members fold in."""
    attrs = res.attributes
    group = ctx.pointed(attrs.get("replication_group_id"), "aws_elasticache_replication_group")
    if group:
        return plumbing(part_of=group[0])
    nodes = int_attr(attrs, "num_cache_nodes", default=1)
    listed = known_strings(as_list(attrs.get("preferred_availability_zones")) or [])
    single = zone_value(ctx, attrs.get("availability_zone"))
    zones = tuple(listed) if listed else ((single,) if single else None)
    memcached = str_attr(attrs, "engine") == "memcached"
    retention = int_attr(attrs, "snapshot_retention_limit", default=0)
    return Draft(
        kind=Kind.CACHE,
        placement=spread(zones, nodes),
        variant=str_attr(attrs, "engine"),
        backups=None if memcached or retention is None else retention > 0,
    )


def s3_bucket(res: Resource, ctx: Context) -> Draft:
    """Regional and durable; `backups` only says yes when versioning or replication is on.
    Replication into another region is a standby (`s3_replication.py`)."""
    folded = folded_destination(res, ctx)
    if folded is not None:
        return folded
    versioned = bool_attr(res.attributes, "versioning", "enabled", default=False)
    for part in ctx.referring(res.address, "aws_s3_bucket_versioning"):
        status = str_attr(part.attributes, "versioning_configuration", "status")
        versioned = versioned or status == "Enabled"
    replicated = bool(ctx.referring(res.address, "aws_s3_bucket_replication_configuration"))
    return Draft(
        kind=Kind.STORAGE,
        scope=Scope.REGIONAL,
        backups=True if versioned or replicated else None,
        standby=bucket_standby(res, ctx),
    )


def s3_part(res: Resource, ctx: Context) -> Draft:
    """Bucket settings kept in their own resources, folded into the bucket."""
    owner = ctx.pointed(res.attributes.get("bucket"), "aws_s3_bucket")
    return plumbing(part_of=owner[0] if owner else None)


def efs_file_system(res: Resource, ctx: Context) -> Draft:
    """Regional, unless One Zone (`availability_zone_name`)."""
    attrs = res.attributes
    policies = ctx.referring(res.address, "aws_efs_backup_policy")
    backups = any(str_attr(p.attributes, "backup_policy", "status") == "ENABLED" for p in policies)
    if written(attrs, "availability_zone_name"):
        zone = zone_value(ctx, attrs.get("availability_zone_name"))
        placement = Placement(1, (zone,) if zone else None)
        return Draft(kind=Kind.STORAGE, placement=placement, variant="one-zone", backups=backups)
    return Draft(kind=Kind.STORAGE, scope=Scope.REGIONAL, variant="regional", backups=backups)


def efs_part(res: Resource, ctx: Context) -> Draft:
    owner = ctx.pointed(res.attributes.get("file_system_id"), "aws_efs_file_system")
    return plumbing(part_of=owner[0] if owner else None)


def msk_cluster(res: Resource, ctx: Context) -> Draft:
    """A managed multi-AZ cluster (2 or 3 zones): AWS replaces failed brokers, so it is
    regional; its brokers and their subnets stay in the attributes."""
    return Draft(kind=Kind.QUEUE, scope=Scope.REGIONAL)


def search_domain(res: Resource, ctx: Context) -> Draft:
    """Zone-aware domains are kept across zones by AWS (regional); without zone awareness
    every data node sits in the first subnet's zone. Snapshots are automatic."""
    attrs = res.attributes
    config = block(attrs, "cluster_config") or {}
    if bool_attr(config, "multi_az_with_standby_enabled", default=False):
        return Draft(
            kind=Kind.SEARCH, scope=Scope.REGIONAL, variant="multi-az-standby", backups=True
        )
    aware = bool_attr(config, "zone_awareness_enabled", default=False)
    if aware:
        return Draft(kind=Kind.SEARCH, scope=Scope.REGIONAL, backups=True)
    nodes = int_attr(config, "instance_count", default=1)
    if aware is None:  # unknown: its nodes, in zones nobody can tell (not assumed spread)
        return Draft(kind=Kind.SEARCH, placement=spread(None, nodes), backups=True)
    zones = subnets_zones(ctx, (block(attrs, "vpc_options") or {}).get("subnet_ids"), res)
    return Draft(
        kind=Kind.SEARCH, placement=spread(zones[:1] if zones else None, nodes), backups=True
    )


def regional(kind: Kind) -> Handler:
    """A handler for a regional managed service of `kind`."""

    def handle(res: Resource, ctx: Context) -> Draft:
        return Draft(kind=kind, scope=Scope.REGIONAL)

    return handle


_S3_PARTS = (
    "versioning",
    "policy",
    "public_access_block",
    "lifecycle_configuration",
    "replication_configuration",
    "server_side_encryption_configuration",
    "ownership_controls",
    "acl",
    "website_configuration",
    "notification",
    "cors_configuration",
    "logging",
)

HANDLERS = {
    "aws_elasticache_replication_group": replication_group,
    "aws_elasticache_cluster": cache_cluster,
    GLOBAL_CACHE: global_datastore,
    "aws_dynamodb_table": dynamodb_table,
    TABLE_REPLICA: table_replica,
    "aws_s3_bucket": s3_bucket,
    **{f"aws_s3_bucket_{part}": s3_part for part in _S3_PARTS},
    "aws_efs_file_system": efs_file_system,
    "aws_efs_mount_target": efs_part,
    "aws_efs_backup_policy": efs_part,
    "aws_msk_cluster": msk_cluster,
    "aws_opensearch_domain": search_domain,
    "aws_elasticsearch_domain": search_domain,
    "aws_sqs_queue": regional(Kind.QUEUE),
    "aws_sns_topic": regional(Kind.QUEUE),
    "aws_kinesis_stream": regional(Kind.QUEUE),
}
