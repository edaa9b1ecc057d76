"""HA017: an autoscaling group that serves traffic may scale in to a single instance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.health_check import ROUTING
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Floor below `min_floor` (2) on a group that runs more and takes routed traffic.

    A group that already runs one replica is HA001's finding; a group nothing routes
    traffic to (workers, batch) may well scale to one or zero on purpose.
    """
    wanted = int(options.get("min_floor", 2))
    for component in ctx.components():
        scaling = component.autoscaling
        if scaling is None or scaling.min >= wanted or component.replicas < wanted:
            continue
        routers = [c.id for c in ctx.callers(component.id) if c.kind in ROUTING]
        if routers:
            yield Violation(component.id, _message(component, scaling.min, routers))


def _message(component: Component, floor: int, routers: list[str]) -> str:
    key = component.autoscaling.min_written if component.autoscaling else "min"
    zones = sorted(set(component.zones))
    spread = f" over {len(zones)} zones" if len(zones) > 1 else ""
    left = "no instance" if floor == 0 else "a single instance in a single zone"
    return (
        f"runs {component.replicas} instances{spread} but {key} = {floor}: "
        f"when it scales in, {', '.join(routers)} is left with {left}, a single point of "
        "failure for as long as traffic stays low"
    )
