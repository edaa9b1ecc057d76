"""HA012: cross-zone load balancing written off, so each zone's share lands on its own targets."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Every component whose adapter read cross-zone load balancing as switched off."""
    for component in ctx.components():
        switch = component.settings.cross_zone_load_balancing
        if switch is None or switch.on:
            continue
        yield Violation(
            component.id,
            f"cross-zone load balancing is off ({switch.written}): each zone's load balancer "
            "nodes send only to targets in their own zone, so when a zone loses some of its "
            "targets, the survivors there still take that zone's whole share of traffic",
        )
