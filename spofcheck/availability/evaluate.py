"""Sum the factors' probabilities over zone/region states, with every component's importance.

Per state the value is the product of independent factors (factors.py); a bounded group
contributes the product of its parts (lower bound) and its smallest tight part (upper).
The derivative of the lower product by p_c is the sum, over the atoms (a component's
own capacity, a diagram) that mention c, of the product of every other atom times the
atom's own derivative; products "of every other atom" are taken with a count of zeros,
so a replica that is certainly down (its zone is down) does not divide by zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import mul

from spofcheck.availability.bdd import Diagram, partials, probability
from spofcheck.availability.capacity import Capacity
from spofcheck.availability.domains import State
from spofcheck.availability.factors import Factors, Part, Term

CHUNK = 128  # states evaluated together: bounds memory, amortises the Python loop
Vector = list[float]


@dataclass
class Totals:
    """Sums over states, accumulated chunk by chunk."""

    value: float = 0.0  # the lower bound (the exact value when nothing was bounded)
    upper: float = 0.0
    own: dict[str, float] = field(default_factory=dict)
    importance: dict[str, float] = field(default_factory=dict)
    given_up: dict[str, float] = field(default_factory=dict)  # A given the domain is up
    states: int = 0


@dataclass
class _Atom:
    """One factor of the lower product: a component's own capacity or a diagram."""

    values: Vector
    level: int | None = None
    diagram: Diagram | None = None
    prob: list[Vector] | None = None


def evaluate(
    factors: Factors,
    caps: dict[str, Capacity],
    states: list[State],
    domains: dict[str, float],
) -> Totals:
    """Totals over every state; `domains` maps each conditioned domain to its availability."""
    totals = Totals(states=len(states))
    own = OwnCapacity(factors.order, caps)
    level = {c: i for i, c in enumerate(factors.order)}
    for start in range(0, len(states), CHUNK):
        chunk = states[start : start + CHUNK]
        rows = own.rows(chunk)
        weights = [s.weight for s in chunk]
        lower, upper = [0.0] * len(chunk), [0.0] * len(chunk)
        grad: dict[int, Vector] = {}
        for term in factors.terms:
            atoms, high = _atoms(term, rows, level, len(chunk))
            low = _product_and_gradient(rows, atoms, term.sign, grad)
            lower = [a + term.sign * b for a, b in zip(lower, low, strict=True)]
            upper = [a + term.sign * b for a, b in zip(upper, high, strict=True)]
        _importance(factors.order, rows, weights, grad, totals)
        totals.value += _dot(weights, lower)
        totals.upper += _dot(weights, [max(a, b) for a, b in zip(upper, lower, strict=True)])
        _domain_sums(totals, domains, chunk, lower)
    return totals


def _atoms(
    term: Term, rows: list[Vector], level: dict[str, int], width: int
) -> tuple[list[_Atom], Vector]:
    atoms: list[_Atom] = []
    upper = [1.0] * width
    for group in term.groups:
        best = [1.0] * width
        for part in group.parts:
            mine = _part_atoms(part, rows, level)
            atoms.extend(mine)
            if part.tight:
                value = [1.0] * width
                for atom in mine:
                    value = list(map(mul, value, atom.values))
                best = list(map(min, best, value))
        upper = list(map(mul, upper, best))
    return atoms, upper


def _part_atoms(part: Part, rows: list[Vector], level: dict[str, int]) -> list[_Atom]:
    out = [_Atom(rows[level[c]], level=level[c]) for c in part.always]
    if part.diagram is not None:
        prob = probability(part.diagram, rows)
        out.append(_Atom(prob[part.diagram.root], diagram=part.diagram, prob=prob))
    return out


def _product_and_gradient(
    rows: list[Vector], atoms: list[_Atom], sign: int, grad: dict[int, Vector]
) -> Vector:
    """The product of the atoms per state; adds sign * d(product)/dp_v into `grad`."""
    width = len(rows[0]) if rows else 1
    nonzero, zeros = [1.0] * width, [0] * width
    for atom in atoms:
        nonzero = [n * x if x != 0.0 else n for n, x in zip(nonzero, atom.values, strict=True)]
        zeros = [z + (x == 0.0) for z, x in zip(zeros, atom.values, strict=True)]
    for atom in atoms:
        rest = [_others(n, z, x) for n, z, x in zip(nonzero, zeros, atom.values, strict=True)]
        for v, d in _atom_partials(atom, rows).items():
            acc = grad.get(v) or [0.0] * width
            grad[v] = [a + sign * r * x for a, r, x in zip(acc, rest, d, strict=True)]
    return [n if z == 0 else 0.0 for n, z in zip(nonzero, zeros, strict=True)]


def _importance(
    order: Sequence[str],
    rows: list[Vector],
    weights: Vector,
    grad: dict[int, Vector],
    totals: Totals,
) -> None:
    """Each component's own availability and A(it never fails) - A, summed over states."""
    for v, c in enumerate(order):
        row = rows[v]
        totals.own[c] = totals.own.get(c, 0.0) + _dot(weights, row)
        if v in grad:
            lost = [w * (1.0 - x) for w, x in zip(weights, row, strict=True)]
            totals.importance[c] = totals.importance.get(c, 0.0) + _dot(lost, grad[v])
        else:
            totals.importance.setdefault(c, 0.0)


def _others(nonzero: float, zeros: int, value: float) -> float:
    """The product of every atom but this one, from the product of the nonzero ones."""
    if value != 0.0:
        return nonzero / value if zeros == 0 else 0.0
    return nonzero if zeros == 1 else 0.0


def _atom_partials(atom: _Atom, rows: list[Vector]) -> dict[int, Vector]:
    if atom.level is not None:
        return {atom.level: [1.0] * len(atom.values)}
    assert atom.diagram is not None
    assert atom.prob is not None
    return partials(atom.diagram, rows, atom.prob)


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return float(sum(map(mul, a, b)))


class OwnCapacity:
    """p_c(s) for every component and state, computed once per distinct local situation.

    A component only sees the outages of its own zones and regions, so the states fall
    into a few classes per component; components placed alike share the classing.
    """

    def __init__(self, order: Sequence[str], caps: dict[str, Capacity]) -> None:
        self._caps = [caps[c] for c in order]
        self._local = [cap.domains for cap in self._caps]
        self._cache: list[dict[frozenset[str], float]] = [{} for _ in order]

    def rows(self, chunk: list[State]) -> list[Vector]:
        classes: dict[frozenset[str], tuple[list[frozenset[str]], list[int]]] = {}
        rows = []
        for cap, local, cache in zip(self._caps, self._local, self._cache, strict=True):
            if local not in classes:
                classes[local] = _classes(chunk, local)
            keys, index = classes[local]
            values = [_cached(cache, cap, key) for key in keys]
            rows.append([values[j] for j in index])
        return rows


def _classes(chunk: list[State], local: frozenset[str]) -> tuple[list[frozenset[str]], list[int]]:
    """The distinct local outage sets in `chunk`, and which one each state has."""
    seen: dict[frozenset[str], int] = {}
    index = [seen.setdefault(state.down & local, len(seen)) for state in chunk]
    return list(seen), index


def _cached(cache: dict[frozenset[str], float], cap: Capacity, key: frozenset[str]) -> float:
    value = cache.get(key)
    if value is None:
        value = cache[key] = cap.probability(key)
    return value


def _domain_sums(
    totals: Totals, domains: dict[str, float], chunk: list[State], service: Vector
) -> None:
    """Accumulate A given each domain is up: the states where it is up, reweighted.

    Where the state split on the domain its weight includes P(up), divided out here;
    where it did not, the domain does not matter and the state counts as it is.
    """
    for d, availability in domains.items():
        total = totals.given_up.get(d, 0.0)
        for state, value in zip(chunk, service, strict=True):
            if d not in state.down:
                scale = availability if d in state.decided else 1.0
                total += state.weight / scale * value
        totals.given_up[d] = total
