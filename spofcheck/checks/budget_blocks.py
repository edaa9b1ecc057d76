"""HA020: a disruption budget that allows no eviction at all, or that protects nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import replicas_noun
from spofcheck.model import Component, Relation, Severity


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Budgets whose floor leaves zero evictions, and budgets that select nothing."""
    components = ctx.arch.components
    for component in ctx.components():
        budget = component.drain_budget
        if budget is None or budget.budget is None:
            continue
        if budget.budget == component.id:
            if not _guards_anything(ctx, component.id):
                yield Violation(component.id, _orphan(component), severity=Severity.LOW)
        elif budget.max_unavailable == 0 and "replicas" not in component.unresolved:
            owner = budget.budget if budget.budget in components else component.id
            yield Violation(owner, _blocked(component), key=component.id)


def _guards_anything(ctx: CheckContext, cid: str) -> bool:
    return any(d.source == cid and d.relation is Relation.CONFIG for d in ctx.arch.dependencies)


def _blocked(component: Component) -> str:
    budget = component.drain_budget
    assert budget is not None
    n = component.replicas
    return (
        f"allows no voluntary eviction of {component.id} ({budget.setting} for {n} "
        f"{replicas_noun(component, n)}): every node drain and cluster upgrade that "
        "reaches one of its pods stalls until someone edits the budget or deletes pods by "
        "hand, and managed upgrades that give up waiting evict them anyway"
    )


def _orphan(component: Component) -> str:
    budget = component.drain_budget
    assert budget is not None
    return (
        f"selects no workload in the scan (selector {budget.selector}): it protects "
        "nothing, so the workload it was meant for can be drained all at once"
    )
