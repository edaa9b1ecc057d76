"""S3 replication: a bucket copied into a bucket in another region has a storage standby.

Rules come from `aws_s3_bucket_replication_configuration` (`bucket` the source, each
`rule.destination.bucket` a target) or the legacy inline `replication_configuration` of
`aws_s3_bucket`. Replication is asynchronous (most objects within minutes); nothing
switches readers and writers to the copy by itself, so failover is manual. A one-way
destination folds into its source; buckets replicating into each other stay apart.
"""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Replication, Standby, StandbyMode
from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.values import block, blocks
from spofcheck.parse.terraform.adapters.zones import provider_region
from spofcheck.parse.terraform.resources import Resource

BUCKET = "aws_s3_bucket"
CONFIG = "aws_s3_bucket_replication_configuration"


def pairs(around: Resource, ctx: Context) -> list[tuple[str, str]]:
    """(source bucket, destination bucket) of the replication rules naming `around`: its
    own inline rules and the configurations and buckets that reference it."""
    found: set[tuple[str, str]] = set()
    for res in [around, *ctx.referring(around.address, BUCKET, CONFIG)]:
        if not res.instances or res.type not in (BUCKET, CONFIG):
            continue
        attrs = res.attributes
        if res.type == CONFIG:
            sources = ctx.pointed(attrs.get("bucket"), BUCKET)
            rules = blocks(attrs, "rule")
        else:
            sources = [res.address]
            rules = blocks(block(attrs, "replication_configuration") or {}, "rules")
        for rule in rules:
            target = (block(rule, "destination") or {}).get("bucket")
            for source in sources:
                found.update((source, d) for d in ctx.pointed(target, BUCKET) if d != source)
    return sorted(found)


def folded_destination(res: Resource, ctx: Context) -> Draft | None:
    """A bucket only ever written by replication from one source: part of that source."""
    links = pairs(res, ctx)
    sources = [s for s, d in links if d == res.address]
    if len(sources) != 1 or (res.address, sources[0]) in links:
        return None
    note = f"S3 replica: folded into {sources[0]}'s standby (async, manual failover)"
    return Draft(kind=Kind.CONFIG, availability=(1.0, note), part_of=sources[0])


def bucket_standby(res: Resource, ctx: Context) -> Standby | None:
    """The destinations in another region as one standby (the first such region)."""
    home = provider_region(ctx, res)
    targets = [ctx.resources[d] for s, d in pairs(res, ctx) if s == res.address]
    away = sorted((provider_region(ctx, t) or "", t.address) for t in targets)
    away = [(r, a) for r, a in away if r and r != home]
    if not away:
        return None
    return Standby(
        mode=StandbyMode.HOT,
        failover=Failover.MANUAL,
        replicas=1,
        region=away[0][0],
        replication=Replication.ASYNC,
        members=[a for _, a in away],
    )
