"""ElastiCache global datastores: a primary replication group, read-only secondaries in
other regions (`aws_elasticache_global_replication_group`).

The secondaries fold into the primary as its cross-region standby: hot (their nodes
run), promoted by an operator (`FailoverGlobalReplicationGroup`: a global datastore
does not fail over across regions by itself), replicated asynchronously.
"""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Replication, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.zones import provider_region
from spofcheck.parse.terraform.resources import Resource

GLOBAL = "aws_elasticache_global_replication_group"
GROUP = "aws_elasticache_replication_group"


def primary_of(glob: Resource, ctx: Context) -> str | None:
    found = ctx.pointed(glob.attributes.get("primary_replication_group_id"), GROUP)
    return found[0] if len(found) == 1 else None


def global_datastore(res: Resource, ctx: Context) -> Draft:
    """The datastore itself: configuration of its primary group."""
    note = "not modelled: the global datastore's configuration, read by its groups"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=primary_of(res, ctx))


def _joined(res: Resource, ctx: Context) -> str | None:
    """The global datastore a group joins as a secondary."""
    found = ctx.pointed(res.attributes.get("global_replication_group_id"), GLOBAL)
    return found[0] if len(found) == 1 else None


def folded_secondary(res: Resource, ctx: Context) -> Draft | None:
    glob = _joined(res, ctx)
    primary = primary_of(ctx.resources[glob], ctx) if glob is not None else None
    if primary is None or primary == res.address:
        return None
    note = f"global datastore secondary: folded into {primary}'s cross-region standby"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=primary)


def secondaries_standby(res: Resource, ctx: Context, nodes: int) -> Standby | None:
    """The secondaries of the datastore `res` is primary of, `nodes` nodes each (the
    primary's shape: a secondary mirrors it)."""
    globs = [g for g in ctx.referring(res.address, GLOBAL) if primary_of(g, ctx) == res.address]
    secondaries = [
        r
        for g in globs
        for r in ctx.referring(g.address, GROUP)
        if r.address != res.address and _joined(r, ctx) == g.address
    ]
    if not secondaries:
        return None
    return Standby(
        mode=StandbyMode.HOT,
        failover=Failover.MANUAL,
        replicas=max(nodes, 1) * len(secondaries),
        region=provider_region(ctx, secondaries[0]),
        replication=Replication.ASYNC,
        members=[r.address for r in secondaries],
    )
