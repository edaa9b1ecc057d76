"""HA019: a replicated component on a request path that voluntary evictions may empty."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import capacity, replicas_noun
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Drained on purpose by its platform, at least `min_replicas` (2), and no budget.

    A single replica is HA001's finding (a budget cannot make one replica redundant);
    components nothing sends requests to (batch, workers) may be drained freely.
    """
    smallest = int(options.get("min_replicas", 2))
    for component in ctx.components():
        budget = component.drain_budget
        if budget is None or budget.budget is not None or budget.selector:
            continue
        if "replicas" in component.unresolved or capacity(component) < smallest:
            continue
        if component.id in ctx.served or ctx.callers(component.id):
            yield Violation(component.id, _message(component))


def _message(component: Component) -> str:
    n = capacity(component)
    k = n - component.min_healthy + 1
    plural = "s" if k != 1 else ""
    lost = f"; losing {k} member{plural} loses its majority" if component.quorum else ""
    return (
        f"runs {n} {replicas_noun(component, n)} but no disruption budget limits voluntary "
        "evictions: a node drain, node pool upgrade or autoscaler scale-down may evict "
        f"several (or all) of them at once, before their replacements are ready{lost}"
    )
