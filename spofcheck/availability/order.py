"""The BDD variable order: keep the members of each `any_of` group close together.

A BDD's size depends on its variable order. Conjunctions cost nothing whatever the
order; what grows a diagram is an `any_of` group whose alternatives sit far apart, since
every variable in between must remember how the group still stands. The FORCE heuristic
(Aloul, Markov and Sakallah, 2003) moves each variable to the mean centre of the groups
it belongs to, repeatedly, starting from the depth-first order; the order with the
smallest total span of the groups wins. Linear per round, deterministic (ties keep the
previous position).
"""

from __future__ import annotations

from collections.abc import Sequence

ROUNDS = 20
PATIENCE = 3  # stop after this many rounds without a shorter span


def force_order(start: Sequence[str], groups: Sequence[Sequence[str]]) -> list[str]:
    """`start` reordered so that each group's members are near each other."""
    order = list(start)
    edges = [list(g) for g in groups if len(g) > 1]
    if not edges:
        return order
    member: dict[str, list[int]] = {c: [] for c in order}
    for i, edge in enumerate(edges):
        for c in edge:
            member[c].append(i)
    position = {c: i for i, c in enumerate(order)}
    best, best_span, stale = order, _span(edges, position), 0
    for _ in range(ROUNDS):
        order = _round(order, edges, member, position)
        position = {c: i for i, c in enumerate(order)}
        span = _span(edges, position)
        stale = 0 if span < best_span else stale + 1
        if span < best_span:
            best, best_span = order, span
        if stale >= PATIENCE:
            break
    return best


def _round(
    order: list[str],
    edges: list[list[str]],
    member: dict[str, list[int]],
    position: dict[str, int],
) -> list[str]:
    centre = [sum(position[c] for c in e) / len(e) for e in edges]

    def key(c: str) -> tuple[float, int]:
        mine = member[c]
        target = sum(centre[i] for i in mine) / len(mine) if mine else float(position[c])
        return (target, position[c])

    return sorted(order, key=key)


def _span(edges: list[list[str]], position: dict[str, int]) -> int:
    return sum(max(position[c] for c in e) - min(position[c] for c in e) for e in edges)
