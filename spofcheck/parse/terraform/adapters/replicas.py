"""Read replicas as their source's DR standby: `aws_db_instance.replicate_source_db`,
`google_sql_database_instance.master_instance_name`.

A replica is what a runbook promotes when its source is lost: warm (running, but it
takes no writes), promoted by hand, replicated asynchronously, in its own region. It is
no independent writer, so it folds into its source (a plumbing node `part-of:` the
source, its address kept as a `members` entry of the source's standby).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Failover, Kind, Replication, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.values import as_str, block
from spofcheck.parse.terraform.adapters.zones import provider_region, region_of_zone, zone_value
from spofcheck.parse.terraform.resources import Resource

# resource type -> the attribute naming the instance a replica copies
SOURCE_ATTRIBUTE = {
    "aws_db_instance": "replicate_source_db",
    "google_sql_database_instance": "master_instance_name",
}


WRITER = "single-writer:"


def writer_tags(local: Standby | None) -> tuple[str, ...]:
    """When a primary's in-region HA standby is counted as a primary (its standby slot
    taken by a copy elsewhere), say so: one of the primaries writes, and losing it is a
    promotion replicating as the tag says (`single-writer:sync`), which recovery
    estimates read (`spofcheck.recovery.estimate`)."""
    if local is None or local.replicas == 0 or local.replication is None:
        return ()
    return (WRITER + local.replication.value,)


def replica_source(res: Resource, ctx: Context) -> str | None:
    """The instance in the code `res` replicates: by reference, name, identifier or ARN."""
    value = res.attributes.get(SOURCE_ATTRIBUTE[res.type])
    found = ctx.pointed(value, res.type)
    text = as_str(value)
    if not found and text and ":" in text:  # an ARN: arn:aws:rds:REGION:ACCOUNT:db:NAME
        found = ctx.pointed(text.rsplit(":", 1)[-1], res.type)
    found = [a for a in found if a != res.address]
    return found[0] if len(found) == 1 else None


def folded_replica(source: str) -> Draft:
    note = f"read replica: folded into {source}'s standby (warm, manual promotion, async)"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=source, tags=("read-replica",))


def replicas_of(res: Resource, ctx: Context) -> list[Resource]:
    """Instances replicating `res`, directly or through other replicas, by address."""
    found: dict[str, Resource] = {}
    todo = [res.address]
    while todo:
        current = todo.pop()
        for other in ctx.resources.values():
            if other.type != res.type or not other.instances or other.address in found:
                continue
            if other.address != res.address and replica_source(other, ctx) == current:
                found[other.address] = other
                todo.append(other.address)
    return [found[a] for a in sorted(found)]


def replica_standby(res: Resource, ctx: Context) -> Standby | None:
    """The replicas as one warm, manual, asynchronous standby; placed in the first region
    other than the source's when any is elsewhere (a DR copy), else the source's."""
    replicas = replicas_of(res, ctx)
    if not replicas:
        return None
    home = _region(res, ctx)
    regions = sorted({r for r in (_region(r, ctx) for r in replicas) if r and r != home})
    region = regions[0] if regions else home
    zones = [_zone(inst.attributes, ctx) for r in replicas for inst in r.instances]
    zones = [z for z, r in zip(zones, _regions(replicas, ctx), strict=True) if r == region]
    count = sum(len(r.instances) for r in replicas)
    known = None not in zones and len(zones) == count
    return Standby(
        mode=StandbyMode.WARM,
        failover=Failover.MANUAL,
        replicas=count,
        zones=[str(z) for z in zones] if known else [],
        region=region,
        replication=Replication.ASYNC,
        members=[r.address for r in replicas],
    )


def _regions(replicas: list[Resource], ctx: Context) -> list[str | None]:
    """Each replica instance's region, in the order of `_zone` over the instances."""
    return [_region(r, ctx) for r in replicas for _ in r.instances]


def _zone(attrs: Mapping[str, Any], ctx: Context) -> str | None:
    """`availability_zone` (RDS) or `settings.location_preference.zone` (Cloud SQL)."""
    where = block(block(attrs, "settings") or {}, "location_preference") or {}
    return zone_value(ctx, attrs.get("availability_zone") or where.get("zone"))


def _region(res: Resource, ctx: Context) -> str | None:
    own = provider_region(ctx, res)
    if own:
        return own
    for inst in res.instances:
        zone = _zone(inst.attributes, ctx)
        if zone and (region := region_of_zone(zone)):
            return region
    return ctx.zone_regions.get(res.provider)
