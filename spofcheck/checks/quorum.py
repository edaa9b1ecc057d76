"""HA007: a consensus cluster too small to lose a member, or with an even member count."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Quorum members: fewer than `min_members` (3), or an even number."""
    smallest = int(options.get("min_members", 3))
    for component in ctx.components():
        if not component.quorum or "replicas" in component.unresolved:
            continue
        n = component.replicas
        if n < smallest:
            yield Violation(component.id, _too_small(component, smallest))
        elif n % 2 == 0:
            yield Violation(component.id, _even(component))


def majority(n: int) -> int:
    return n // 2 + 1


def _too_small(component: Component, smallest: int) -> str:
    n = component.replicas
    tolerated = n - majority(n)
    return (
        f"runs a quorum of {n} member{'s' if n != 1 else ''}: a majority is "
        f"{majority(n)}, so it tolerates {tolerated} failure{'s' if tolerated != 1 else ''}; "
        f"a partition or one lost member stops it electing a leader (run at least {smallest}, "
        "an odd number)"
    )


def _even(component: Component) -> str:
    n = component.replicas
    tolerated = n - majority(n)
    return (
        f"runs an even quorum of {n} members: it tolerates {tolerated} "
        f"failure{'s' if tolerated != 1 else ''}, no more than {n - 1} members would, and a "
        f"partition into two halves of {n // 2} leaves neither side a majority"
    )
