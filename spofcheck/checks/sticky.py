"""HA003: session affinity pins users to one target, so failover loses their sessions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Every component whose model says sticky sessions are on."""
    for component in ctx.components():
        if component.sticky_sessions is not True:
            continue
        targets = [c.id for c in ctx.targets(component.id)]
        behind = f" to one target of {', '.join(targets)}" if targets else " to one target"
        written = component.settings.sticky_written or "sticky_sessions: true"
        yield Violation(
            component.id,
            f"pins each user{behind} ({written}): when that "
            "target fails, its users lose their sessions and are logged out or lose carts",
        )
