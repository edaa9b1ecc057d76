"""Monte Carlo for what the budget left bounded: exact factors exactly, the rest sampled.

Per state s the value is the signed sum over terms of (product of exact factors at s) x
P(every bounded group true | s). The sampler draws N joint samples of every zone, region,
replica and failover event (a fixed seed per component, so the draw does not depend on
the order of evaluation), evaluates each bounded group on all samples at once (one
Python integer per component, a bit per sample), and averages

    Y_k = sum over terms t of sign_t * exact_t(s_k) * [every bounded group of t holds in k]

whose mean is the value. Only the bounded groups and the zone/region states vary from
sample to sample, not the (often dominant) exact factors, so the interval is far
narrower than sampling the whole design. The interval is the normal one on the sample
variance, widened by z^2/N times the most a bounded group's failure can move one sample
(capped by the state's own bounds): a Wilson-style allowance for failures too rare to
appear in N samples. Past `Draw.deadline` it raises SamplingTimeout (draws.py), and the
caller keeps the rigorous bounds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from spofcheck.availability.capacity import Capacity
from spofcheck.availability.cones import Known, cone, has, split_needs
from spofcheck.availability.domains import State
from spofcheck.availability.draws import Events
from spofcheck.availability.evaluate import part_atoms
from spofcheck.availability.factors import Factors, Group, Term
from spofcheck.availability.situations import Context
from spofcheck.availability.structure import Structure
from spofcheck.graph.structure import Alternatives

MIN_SAMPLES = 30  # a state drawn fewer times keeps its rigorous bounds instead


@dataclass(frozen=True)
class Estimate:
    """The estimate and its interval at `confidence` (not yet met with the bounds)."""

    mean: float
    lower: float
    upper: float
    samples: int
    confidence: float


@dataclass(frozen=True)
class Draw:
    """How much to sample, and the seed that makes the output deterministic."""

    samples: int
    confidence: float
    seed: int
    deadline: float | None = None  # time.monotonic(): past it, SamplingTimeout


@dataclass(frozen=True)
class Strata:
    """The states the calculator conditioned on, with each state's rigorous bounds."""

    states: list[State]
    lower: list[float]
    upper: list[float]
    residual: float  # P(a state not among them)


def estimate(  # noqa: PLR0917
    structure: Structure,
    factors: Factors,
    caps: dict[str, Capacity],
    domains: dict[str, float],
    strata: Strata,
    draw: Draw,
) -> Estimate:
    """The value, stratified by state: each state counts with its exact probability times
    its sample mean. A state drawn at least MIN_SAMPLES times uses those samples; among the
    others, those whose bounds are widest (weighted) get all N samples replayed with that
    state's outages imposed (the same replica draws), and the rest keep their bounds."""
    events = Events(caps, domains, draw)
    masks = _by_state(strata.states, events.states())
    natural = [i for i, m in enumerate(masks) if m.bit_count() >= MIN_SAMPLES]
    forced = _worth_forcing(strata, set(natural))
    z = NormalDist().inv_cdf(0.5 + draw.confidence / 2.0)
    total = _Sum()
    groups = _Groups(structure, events)
    for i in natural:
        events.tick()
        total.add(strata, i, _stratum(factors, caps, strata.states[i], groups, masks[i]), z)
    for i in forced:
        events.tick()
        imposed = _Groups(structure, events.imposing(strata.states[i].down))
        total.add(
            strata, i, _stratum(factors, caps, strata.states[i], imposed, events.everything), z
        )
    rest = [i for i in range(len(masks)) if i not in set(natural) | set(forced)]
    low = total.mean + sum(strata.states[i].weight * strata.lower[i] for i in rest)
    high = total.mean + strata.residual
    high += sum(strata.states[i].weight * strata.upper[i] for i in rest)
    spread = z * math.sqrt(total.variance)
    return Estimate(
        low, low - spread - total.below, high + spread + total.above, draw.samples, draw.confidence
    )


MAX_FORCED = 16  # states replayed with their outages imposed
NEGLIGIBLE = 0.001  # of the downtime: a state's bounds narrower than this are kept


def _worth_forcing(strata: Strata, natural: set[int]) -> list[int]:
    """The states not drawn often enough whose bounds are widest, weighted: at most
    MAX_FORCED of them, each replay costing about one evaluation of the bounded groups."""
    downtime = 1.0 - sum(s.weight * x for s, x in zip(strata.states, strata.lower, strict=True))
    width = {
        i: s.weight * (strata.upper[i] - strata.lower[i])
        for i, s in enumerate(strata.states)
        if i not in natural
    }
    # a replay costs as much as the whole sample: only for a visible share of the downtime
    worth = NEGLIGIBLE * downtime
    ranked = sorted((i for i in width if width[i] > worth), key=lambda i: (-width[i], i))
    return sorted(ranked[:MAX_FORCED])


class _Sum:
    """The stratified mean, its variance and the allowances for unseen failures."""

    def __init__(self) -> None:
        self.mean = self.variance = self.below = self.above = 0.0

    def add(self, strata: Strata, i: int, moments: _Moments, z: float) -> None:
        """A failure mode too rare to show in n samples may still have probability up to
        about z^2/n (a Wilson interval with no event seen), and each such failure can move
        a sample's value by up to `reach`; the state's own bounds cap how far."""
        w, n = strata.states[i].weight, moments.n
        m = moments.first / n
        self.mean += w * m
        self.variance += w * w * max(0.0, moments.second / n - m * m) / max(1, n - 1)
        unseen = z * z / n * moments.reach
        self.below += w * min(unseen, max(0.0, m - strata.lower[i]))
        self.above += w * min(unseen, max(0.0, strata.upper[i] - m))


@dataclass(frozen=True)
class _Moments:
    n: int
    first: float  # sum of Y over the samples
    second: float  # sum of Y^2
    reach: float  # the most a bounded group's failure can move one sample's Y


def _stratum(
    factors: Factors, caps: dict[str, Capacity], state: State, groups: _Groups, mask: int
) -> _Moments:
    """How many samples, and the sums of Y and Y^2 over them, for one state."""
    ctx = Context([state], caps)
    columns = [_column(ctx, t, factors.order, groups) for t in factors.terms]
    first, second = _moments(columns, mask, 0)
    reach = sum(abs(c.exact[0]) for c in columns if c.sampled)
    return _Moments(mask.bit_count(), first, second, reach)


def _by_state(states: list[State], drawn: dict[frozenset[str], int]) -> list[int]:
    """The samples falling in each of `states`: a drawn outage set belongs to the state
    whose decided domains it agrees with (zones not split on do not matter there)."""
    index: dict[tuple[frozenset[str], frozenset[str]], int] = {
        (s.decided, s.down): i for i, s in enumerate(states)
    }
    decided = sorted({s.decided for s in states}, key=sorted)
    masks = [0] * len(states)
    for down, mask in drawn.items():
        for d in decided:
            i = index.get((d, down & d))
            if i is not None:
                masks[i] |= mask
                break
    return masks


@dataclass(frozen=True)
class _Column:
    """One term: its sign, its exact factors per kept state, and the samples where every
    bounded group holds (all samples when none is bounded)."""

    sign: int
    exact: list[float]
    holds: int
    sampled: bool  # whether any group of the term is sampled (else `holds` is every sample)


def _column(ctx: Context, term: Term, order: Sequence[str], groups: _Groups) -> _Column:
    """An exact group that shares a component with a bounded one is sampled with it: a
    bounded part's clustering saw only the alternative it chose, not its whole cone."""
    sampled = set[str]().union(
        *(groups.support(*src) for g in term.groups if not g.exact for src in g.sources)
    )
    values = [1.0] * len(ctx.states)
    holds = groups.events.everything
    any_sampled = False
    for group in term.groups:
        if not group.exact or (group.sources and not sampled.isdisjoint(_names(group, order))):
            for alts, known in group.sources:
                holds &= groups.either(alts, known)
            any_sampled = True
            continue
        for atom in (a for p in group.parts for a in part_atoms(ctx, p, order)):
            for s in range(len(values)):
                values[s] *= atom.values[atom.local.index[s]]
    return _Column(term.sign, values, holds, any_sampled)


def _names(group: Group, order: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for p in group.parts:
        out.update(p.always)
        if p.diagram is not None:
            names = p.variables or order
            out.update(names[v] for v in p.diagram.levels[2:])
    return out


def _moments(columns: list[_Column], mask: int, s: int) -> tuple[float, float]:
    """Sum of Y_k and of Y_k^2 over the samples in `mask` (state s of the kept ones)."""
    first = second = 0.0
    for i, a in enumerate(columns):
        both = mask & a.holds
        ya = a.sign * a.exact[s]
        count = both.bit_count()
        first += ya * count
        second += ya * ya * count
        for b in columns[i + 1 :]:
            second += 2.0 * ya * b.sign * b.exact[s] * (both & b.holds).bit_count()
    return first, second


class _Groups:
    """`any_of` groups evaluated on every sample at once, restricted like the diagrams."""

    def __init__(self, structure: Structure, events: Events) -> None:
        self.plain, self.anyof = split_needs(structure)
        self.needs = {c: [t for alts in structure.needs[c] for t in alts] for c in structure.order}
        self.events = events
        self._memo: dict[tuple[Alternatives, Known], int] = {}

    def support(self, alts: Alternatives, known: Known) -> set[str]:
        """Every component the group can depend on (a superset of its true support)."""
        seen: set[str] = set()
        stack = [a for a in alts if not has(known, a)]
        while stack:
            c = stack.pop()
            if c not in seen:
                seen.add(c)
                stack.extend(t for t in self.needs[c] if t not in seen and not has(known, t))
        return seen

    def either(self, alts: Alternatives, known: Known) -> int:
        if any(has(known, a) for a in alts):
            return self.events.everything
        key = (alts, known)
        found = self._memo.get(key)
        if found is None:
            found = 0
            for a in alts:
                found |= self._whole(a, known)
            self._memo[key] = found
        return found

    def _whole(self, component: str, known: Known) -> int:
        self.events.tick()
        new, groups = cone(self.plain, self.anyof, [component], known)
        inner = (known[0], known[1] | frozenset(new))
        bits = self.events.everything
        for v in new:
            bits &= self.events.own(v)
        for g in sorted(set(groups)):
            if not bits:
                break
            bits &= self.either(g, inner)
        return bits
