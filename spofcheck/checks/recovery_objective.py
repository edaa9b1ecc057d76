"""HA018: the high end of a recovery estimate exceeds its RTO or RPO target."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.recovery.durations import format_seconds
from spofcheck.recovery.objectives import Disruption, disruptions, stack_targets


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """One violation per disruption type whose estimate misses a target, on its bottleneck."""
    targets = stack_targets(ctx.arch)
    if not (targets.rto or targets.rpo):
        return
    for d in disruptions(ctx.arch, targets):
        if d.meets is False and d.bottleneck is not None:
            yield Violation(d.bottleneck, message(d), key=d.type)


def message(d: Disruption) -> str:
    """What is missed, by how much, the parts that add up, and the change that meets it."""
    missed = []
    if d.rto_target is not None and not _within(d.rto[1], d.rto_target):
        missed.append(f"RTO {_upto(d.rto[1])} against {format_seconds(d.rto_target)}")
    if d.rpo_target is not None and not _within(d.rpo[1], d.rpo_target):
        missed.append(f"RPO {_upto(d.rpo[1])} against {format_seconds(d.rpo_target)}")
    parts = ", ".join(p.text() for p in d.estimate.parts) if d.estimate else ""
    return f"{d.type} failure: {'; '.join(missed)} ({parts}); {_advice(d)}"


def _upto(high: float | None) -> str:
    return "unbounded" if high is None else f"up to {format_seconds(high)}"


def _within(high: float | None, target: float) -> bool:
    return high is not None and high <= target


def _advice(d: Disruption) -> str:
    advice = []
    if d.rpo_target is not None and not _within(d.rpo[1], d.rpo_target):
        advice.append(
            "only synchronous replication (standby.replication: sync) gives an RPO of 0"
            if d.rpo_target == 0
            else "replicate (a standby) or back up more often (backups.interval, point_in_time)"
        )
    if d.rto_target is not None and not _within(d.rto[1], d.rto_target):
        advice.append(_rto_advice(d))
    return "; ".join(advice)


def _rto_advice(d: Disruption) -> str:
    parts = d.estimate.parts if d.estimate else ()
    sources = {p.source for p in parts}
    if "failover:manual" in sources:
        return "automate the promotion (standby.failover: automatic)"
    if "restore" in sources or any(p.high is None for p in parts):
        return "add a standby that takes over (hot or warm, automatic failover)"
    if "scale_up" in sources:
        return "keep the standby at the capacity the load needs (static stability)"
    if "dns_ttl" in sources:
        return "lower the DNS TTL and health-check interval, or fail over without DNS"
    return "shorten detection (health-check interval and threshold) or pick a faster failover"
