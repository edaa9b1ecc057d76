"""Sum the factors' probabilities over zone/region states, with every component's importance.

Each factor (an atom) only sees the zones and regions its components are exposed to,
so it is evaluated once per distinct *local* situation (a handful), not once per state:
a class of always-needed components placed alike is one product, a diagram is one
bottom-up pass over a vector as wide as its local situations. Per state only the
atoms' looked-up values are multiplied, which is what lets regions (x9 states each)
and 20,000 components stay cheap.

Per state the value is the signed sum of the terms; a term is the product of its
independent groups; a bounded group contributes the product of its parts (lower bound)
and its smallest tight part (upper), and a bounded term's upper end is also met with the
product over parts with disjoint supports (ceiling.py). Importance is the derivative of
the lower value: for an atom, the product of every other atom in its term (taken with a
count of zeros, so a replica certainly down does not divide by zero) times the atom's own
partials, summed per local situation before the per-component work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import mul

from spofcheck.availability.capacity import Capacity
from spofcheck.availability.ceiling import ceiling
from spofcheck.availability.domains import State
from spofcheck.availability.factors import Factors, Part, Term
from spofcheck.availability.projected import DiagramAtom
from spofcheck.availability.situations import Context, Vector


@dataclass
class Totals:
    """Sums over states."""

    value: float = 0.0  # the lower bound (the exact value when nothing was bounded)
    upper: float = 0.0
    own: dict[str, float] = field(default_factory=dict)
    importance: dict[str, float] = field(default_factory=dict)
    given_up: dict[str, float] = field(default_factory=dict)  # A given the domain is up
    states: int = 0
    # per state: the lower and upper ends (equal where nothing was bounded)
    state_lower: list[float] = field(default_factory=list)
    state_upper: list[float] = field(default_factory=list)


class _ClassAtom:
    """The product of own capacities of always-needed components placed alike."""

    def __init__(self, ctx: Context, members: list[str]) -> None:
        self.local = ctx.local(ctx.caps[members[0]].domains)
        self.rows = {c: ctx.row(c, self.local) for c in members}
        self.values: Vector = []
        self.partials = {c: [0.0] * len(self.local.keys) for c in members}
        for i in range(len(self.local.keys)):
            column = [self.rows[c][i] for c in members]
            nonzero, zeros = _nonzero(column)
            self.values.append(nonzero if zeros == 0 else 0.0)
            for c, x in zip(members, column, strict=True):
                self.partials[c][i] = _others(nonzero, zeros, x)
        self.weight: Vector = [0.0] * len(self.local.keys)

    def add_importance(self, importance: dict[str, float]) -> None:
        for c, d in self.partials.items():
            lost = [w * (1.0 - x) for w, x in zip(self.weight, self.rows[c], strict=True)]
            importance[c] += _dot(lost, d)


_Atom = _ClassAtom | DiagramAtom


def part_atoms(ctx: Context, part: Part, order: Sequence[str]) -> list[_Atom]:
    classes: dict[frozenset[str], list[str]] = {}
    for c in part.always:
        classes.setdefault(ctx.caps[c].domains, []).append(c)
    atoms: list[_Atom] = [_ClassAtom(ctx, m) for _, m in sorted(classes.items(), key=_first)]
    if part.diagram is not None:
        atoms.append(DiagramAtom(ctx, part.diagram, part.variables or order))
    return atoms


def _first(item: tuple[frozenset[str], list[str]]) -> str:
    return item[1][0]


def evaluate(
    factors: Factors,
    caps: dict[str, Capacity],
    states: list[State],
    domains: dict[str, float],
) -> Totals:
    """Totals over every state; `domains` maps each conditioned domain to its availability."""
    ctx = Context(states, caps)
    totals = Totals(states=len(states))
    lower, upper = [0.0] * len(states), [0.0] * len(states)
    atoms: list[_Atom] = []
    for term in factors.terms:
        atoms.extend(_term(ctx, term, factors.order, lower, upper))
    weights = [s.weight for s in states]
    totals.state_lower = lower
    totals.state_upper = [max(a, b) for a, b in zip(upper, lower, strict=True)]
    totals.value = _dot(weights, lower)
    totals.upper = _dot(weights, totals.state_upper)
    _own(ctx, factors.order, totals)
    _importance(atoms, totals)
    _domain_sums(totals, domains, states, lower)
    return totals


def _term(
    ctx: Context, term: Term, order: Sequence[str], lower: Vector, upper: Vector
) -> list[_Atom]:
    """Add sign * (lower, upper) of one term per state; return its atoms with weights."""
    groups = [[part_atoms(ctx, p, order) for p in g.parts] for g in term.groups]
    tight = [[p.tight for p in g.parts] for g in term.groups]
    flat = [a for g in groups for part in g for a in part]
    exact = term.exact
    top = [] if exact else _ceiling(ctx, term, order, groups)
    for s, state in enumerate(ctx.states):
        column = [a.values[a.local.index[s]] for a in flat]
        nonzero, zeros = _nonzero(column)
        low = nonzero if zeros == 0 else 0.0
        high = low if exact else max(low, min(_upper(groups, tight, s), top[s]))
        # a subtracted term lowers the lower bound by its upper end, and vice versa
        lower[s] += low if term.sign > 0 else -high
        upper[s] += high if term.sign > 0 else -low
        scale = term.sign * state.weight
        for a, x in zip(flat, column, strict=True):
            rest = _others(nonzero, zeros, x)
            if rest:
                a.weight[a.local.index[s]] += scale * rest
    return flat


def _ceiling(
    ctx: Context, term: Term, order: Sequence[str], groups: list[list[list[_Atom]]]
) -> Vector:
    """ceiling.py's bound, reusing the atoms already built for the term's parts."""
    built = {
        id(p): atoms
        for g, ga in zip(term.groups, groups, strict=True)
        for p, atoms in zip(g.parts, ga, strict=True)
    }

    def atoms_of(part: Part) -> Sequence[_Atom]:
        found = built.get(id(part))
        return part_atoms(ctx, part, order) if found is None else found

    return ceiling(term, order, atoms_of, [state.weight for state in ctx.states])


def _upper(groups: list[list[list[_Atom]]], tight: list[list[bool]], s: int) -> float:
    out = 1.0
    for parts, flags in zip(groups, tight, strict=True):
        best = 1.0
        for atoms, ok in zip(parts, flags, strict=True):
            if ok:
                value = 1.0
                for a in atoms:
                    value *= a.values[a.local.index[s]]
                best = min(best, value)
        out *= best
    return out


def _nonzero(values: Sequence[float]) -> tuple[float, int]:
    product, zeros = 1.0, 0
    for x in values:
        if x == 0.0:
            zeros += 1
        else:
            product *= x
    return product, zeros


def _others(nonzero: float, zeros: int, value: float) -> float:
    """The product of every factor but this one, from the product of the nonzero ones."""
    if value != 0.0:
        return nonzero / value if zeros == 0 else 0.0
    return nonzero if zeros == 1 else 0.0


def _own(ctx: Context, order: Sequence[str], totals: Totals) -> None:
    for c in order:
        local = ctx.local(ctx.caps[c].domains)
        totals.own[c] = _dot(local.weight, ctx.row(c, local))
        totals.importance[c] = 0.0


def _importance(atoms: list[_Atom], totals: Totals) -> None:
    """A(c never fails) - A = sum_s w_s (1 - p_c(s)) dA_s/dp_c, per local situation."""
    for a in atoms:
        a.add_importance(totals.importance)


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return float(sum(map(mul, a, b)))


def _domain_sums(
    totals: Totals, domains: dict[str, float], states: list[State], service: Vector
) -> None:
    """Accumulate A given each domain is up: the states where it is up, reweighted.

    Where the state split on the domain its weight includes P(up), divided out here;
    where it did not, the domain does not matter and the state counts as it is.
    """
    for d, availability in domains.items():
        total = 0.0
        for state, value in zip(states, service, strict=True):
            if d not in state.down:
                scale = availability if d in state.decided else 1.0
                total += state.weight / scale * value
        totals.given_up[d] = total
