"""Aurora global databases: one writable primary cluster, read-only secondaries elsewhere.

The clusters naming one `aws_rds_global_cluster` (`global_cluster_identifier`) are one
database. The primary is the cluster the global cluster was made from
(`source_db_cluster_identifier`), else the only member that writes master credentials
(secondaries cannot), else the first by address. Each secondary folds into the primary
as its cross-region standby: replicated asynchronously by the storage layer, promoted
by an operator (an unplanned failover is `failover-global-cluster --allow-data-loss` or
detach-and-promote; the managed switchover is for planned changes only), hot when it
runs readers, cold when headless (instances must be added first).
"""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Replication, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.values import written
from spofcheck.parse.terraform.adapters.zones import provider_region, zone_value
from spofcheck.parse.terraform.resources import Resource

GLOBAL = "aws_rds_global_cluster"
_CLUSTER = "aws_rds_cluster"
_MEMBER = "aws_rds_cluster_instance"
_CREDENTIALS = ("master_username", "master_password", "manage_master_user_password")


def global_of(res: Resource, ctx: Context) -> str | None:
    """The global cluster a cluster joins, when it is in the code."""
    found = ctx.pointed(res.attributes.get("global_cluster_identifier"), GLOBAL)
    return found[0] if len(found) == 1 else None


def clusters_of(global_address: str, ctx: Context) -> list[Resource]:
    """The clusters joining a global cluster, by address."""
    return [
        r
        for r in ctx.resources.values()
        if r.type == _CLUSTER and r.instances and global_of(r, ctx) == global_address
    ]


def primary_of(global_address: str, ctx: Context) -> str | None:
    clusters = clusters_of(global_address, ctx)
    if not clusters:
        return None
    glob = ctx.resources[global_address]
    named = ctx.pointed(glob.attributes.get("source_db_cluster_identifier"), _CLUSTER)
    if len(named) == 1:
        return named[0]
    writers = [c.address for c in clusters if any(written(c.attributes, k) for k in _CREDENTIALS)]
    return writers[0] if len(writers) == 1 else clusters[0].address


def global_cluster(res: Resource, ctx: Context) -> Draft:
    """The global cluster itself: configuration of its primary."""
    return Draft(kind=Kind.CONFIG, availability=(1.0, _NOTE), part_of=primary_of(res.address, ctx))


def folded_secondary(res: Resource, ctx: Context) -> Draft | None:
    """A secondary cluster's draft (folded into its primary); None for a primary."""
    glob = global_of(res, ctx)
    primary = primary_of(glob, ctx) if glob is not None else None
    if primary is None or primary == res.address:
        return None
    note = f"Aurora global secondary: folded into {primary}'s cross-region standby"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=primary)


def secondary_standby(res: Resource, ctx: Context) -> Standby | None:
    """The primary's secondaries as one standby, in the first secondary's region."""
    glob = global_of(res, ctx)
    if glob is None or primary_of(glob, ctx) != res.address:
        return None
    secondaries = [c for c in clusters_of(glob, ctx) if c.address != res.address]
    if not secondaries:
        return None
    region = provider_region(ctx, secondaries[0])
    zones: list[str | None] = []
    for cluster in secondaries:
        for member in ctx.referring(cluster.address, _MEMBER):
            zones += [
                zone_value(ctx, i.attributes.get("availability_zone")) for i in member.instances
            ]
    running = len(zones)
    return Standby(
        mode=StandbyMode.HOT if running else StandbyMode.COLD,
        failover=Failover.MANUAL,
        replicas=max(running, 1),
        zones=[str(z) for z in zones] if zones and None not in zones else [],
        region=region,
        replication=Replication.ASYNC,
        members=[c.address for c in secondaries],
    )


_NOTE = "not modelled: the Aurora global database's configuration, read by its clusters"
