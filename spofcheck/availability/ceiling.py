"""An upper bound for a bounded term: the events it implies, over disjoint variables.

Given the zone/region state the components' own capacities are independent. A term is
the conjunction of its parts (the always-needed product, exact diagrams, bounded `any_of`
groups), so it implies any family of them; when the family's parts depend on pairwise
disjoint sets of components their probabilities multiply exactly, and the product of
their upper bounds bounds the term above. A part's support is its diagram's variables
(and its always-needed components); a bounded `any_of` may depend on everything its
alternatives lead to (`Part.reach`), and its upper bound is 1 - prod_i (1 - P(cone_i up)):
the complements of the alternatives are decreasing events, so by Harris' inequality
P(none holds) >= prod_i P(not a_i) >= prod_i (1 - P(cone_i up)). The family is chosen
once per term (greedily, heaviest -log P first, a part replacing the chosen ones it
overlaps when it weighs more); per state the result is met with the previous bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spofcheck.availability.factors import Part, Term
from spofcheck.availability.situations import Local, Vector


class Atom(Protocol):
    values: Vector
    local: Local


AtomsOf = Callable[[Part], Sequence[Atom]]


@dataclass(frozen=True)
class _Candidate:
    support: frozenset[str]
    values: Vector  # per state: an upper bound on P(part | state)
    weight: float  # -log of its mean over the states


def ceiling(term: Term, order: Sequence[str], atoms_of: AtomsOf, weights: Vector) -> Vector:
    """Per state, an upper bound on P(term | state) (1.0 where nothing better is known)."""
    candidates = [_candidate(p, order, atoms_of, weights) for g in term.groups for p in g.parts]
    out = [1.0] * len(weights)
    for c in _family([c for c in candidates if c is not None and c.weight > 0.0]):
        out = [x * y for x, y in zip(out, c.values, strict=True)]
    return out


def _candidate(
    part: Part, order: Sequence[str], atoms_of: AtomsOf, weights: Vector
) -> _Candidate | None:
    if part.tight:
        values = _product(atoms_of(part), len(weights))
        names = part.variables or order
        levels = part.diagram.levels[2:] if part.diagram is not None else ()
        support = frozenset(part.always) | {names[v] for v in levels}
    elif part.cones:
        down = [1.0] * len(weights)  # P(no alternative's cone is wholly up), a lower bound
        for cone in part.cones:
            up = _product(atoms_of(Part(cone)), len(weights))
            down = [d * (1.0 - u) for d, u in zip(down, up, strict=True)]
        values = [1.0 - d for d in down]
        support = part.reach
    else:
        return None
    total = sum(weights)
    mean = sum(w * v for w, v in zip(weights, values, strict=True)) / total if total else 1.0
    return _Candidate(support, values, -math.log(mean) if mean > 0.0 else math.inf)


def _product(atoms: Sequence[Atom], n: int) -> Vector:
    out = [1.0] * n
    for a in atoms:
        out = [x * a.values[a.local.index[s]] for s, x in enumerate(out)]
    return out


def _family(candidates: list[_Candidate]) -> list[_Candidate]:
    """Pairwise disjoint supports, heaviest first; a candidate replaces the chosen ones
    it overlaps when it outweighs them together (every swap raises the total weight)."""
    chosen: dict[int, _Candidate] = {}
    owner: dict[str, int] = {}
    for i, c in sorted(enumerate(candidates), key=lambda ic: (-ic[1].weight, ic[0])):
        clash = {owner[v] for v in c.support if v in owner}
        if sum(chosen[j].weight for j in clash) >= c.weight:
            continue
        for j in clash:
            for v in chosen.pop(j).support:
                del owner[v]
        chosen[i] = c
        owner.update(dict.fromkeys(c.support, i))
    return [chosen[i] for i in sorted(chosen)]
