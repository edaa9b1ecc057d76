"""HA006: running replicas exist, but promoting one is manual or disabled."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component, Failover, StandbyMode


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A hot or warm standby whose failover is manual (cold ones are HA004's)."""
    for component in ctx.components():
        standby = component.standby
        if standby is None or standby.mode is StandbyMode.COLD:
            continue
        if standby.failover is Failover.MANUAL and standby.replicas > 0:
            yield Violation(component.id, _message(component))


def _message(component: Component) -> str:
    standby = component.standby
    assert standby is not None  # checked by the caller
    n = standby.replicas
    replicas = f"{n} {standby.mode.value} replica{'s' if n != 1 else ''}"
    return (
        f"has {replicas} ready to take over, but failover is manual"
        f"{_setting(component)}: when the primary fails, it stays down until someone "
        "promotes a replica"
    )


def _setting(component: Component) -> str:
    return f" ({component.settings.failover_written or 'failover: manual'})"
