"""HA013: components that hard-depend on each other in a loop."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.graph.queries import plain_cycles


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """One finding per loop of hard request dependencies, on its first member."""
    for cycle in plain_cycles(ctx.requests):
        loop = " → ".join([*cycle, cycle[0]])
        yield Violation(
            cycle[0],
            f"hard dependency cycle {loop}: none of them can start before the others "
            "are up, so after an outage they cannot recover one by one, and a failure "
            "of any of them takes all of them down",
            key=",".join(cycle),
        )
