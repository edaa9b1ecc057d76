"""HA017: an autoscaling group that serves traffic may scale in to a single instance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import number
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.health_check import ROUTING
from spofcheck.model import Component

# resource type -> the attribute holding the group's floor
FLOORS = {"aws_autoscaling_group": "min_size"}


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Floor below `min_floor` (2) on a group that runs more and takes routed traffic.

    A group that already runs one replica is HA001's finding; a group nothing routes
    traffic to (workers, batch) may well scale to one or zero on purpose.
    """
    wanted = int(options.get("min_floor", 2))
    for component in ctx.components():
        floor = _floor(component)
        if floor is None or floor >= wanted or component.replicas < wanted:
            continue
        routers = [c.id for c in ctx.callers(component.id) if c.kind in ROUTING]
        if routers:
            yield Violation(component.id, _message(component, floor, routers))


def _floor(component: Component) -> float | None:
    if component.autoscaling_floor is not None:
        return float(component.autoscaling_floor)
    key = FLOORS.get(component.resource_type or "")
    return number(component, key) if key is not None else None


def _message(component: Component, floor: float, routers: list[str]) -> str:
    setting = FLOORS.get(component.resource_type or "", "its autoscaling floor")
    key = setting.rsplit(".", 1)[-1]
    zones = sorted(set(component.zones))
    spread = f" over {len(zones)} zones" if len(zones) > 1 else ""
    left = "no instance" if floor == 0 else "a single instance in a single zone"
    return (
        f"runs {component.replicas} instances{spread} but {key} = {floor:g}: "
        f"when it scales in, {', '.join(routers)} is left with {left}, a single point of "
        "failure for as long as traffic stays low"
    )
