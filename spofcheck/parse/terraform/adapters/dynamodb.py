"""DynamoDB tables, and global tables: the same table in several regions, every replica
taking reads and writes (active-active)."""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Replication, Scope, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft, plumbing
from spofcheck.parse.terraform.adapters.values import blocks, bool_attr, str_attr
from spofcheck.parse.terraform.adapters.zones import provider_region
from spofcheck.parse.terraform.resources import Resource


def dynamodb_table(res: Resource, ctx: Context) -> Draft:
    """Regional; backups mean point-in-time recovery. A global table (`replica` blocks,
    or `aws_dynamodb_table_replica` resources) is active-active: every replica takes
    reads and writes, so the replicas are a hot standby that takes over by itself,
    replicated asynchronously, placed in the first other region. Each replica keeps the
    one-region figure: the redundancy is the standby's, not a better catalogue figure."""
    pitr = bool_attr(res.attributes, "point_in_time_recovery", "enabled", default=False)
    standby = _global_table_replicas(res, ctx)
    return Draft(
        kind=Kind.DATABASE,
        scope=Scope.REGIONAL,
        backups=pitr,
        standby=standby,
        tags=("global-table",) if standby is not None else (),
    )


def _global_table_replicas(res: Resource, ctx: Context) -> Standby | None:
    home = provider_region(ctx, res)
    inline = [str_attr(r, "region_name") for r in blocks(res.attributes, "replica")]
    parts = ctx.referring(res.address, TABLE_REPLICA)
    regions = [*inline, *(provider_region(ctx, p) for p in parts)]
    if not regions:
        return None
    away = sorted({r for r in regions if r and r != home})
    return Standby(
        mode=StandbyMode.HOT,
        failover=Failover.AUTOMATIC,
        replicas=len(regions),
        region=away[0] if away else None,
        replication=Replication.ASYNC,
        members=[p.address for p in parts],
    )


def table_replica(res: Resource, ctx: Context) -> Draft:
    """A replica of a global table kept in its own resource: part of the table."""
    owner = ctx.pointed(res.attributes.get("global_table_arn"), "aws_dynamodb_table")
    return plumbing(part_of=owner[0] if owner else None)


TABLE_REPLICA = "aws_dynamodb_table_replica"
