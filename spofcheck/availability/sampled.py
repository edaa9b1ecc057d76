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
variance, widened by z^2/N times the bounds' width: a Wilson-style allowance for failures
too rare to appear in N samples, scaled by the most the bounded groups can move the value.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from statistics import NormalDist

from spofcheck.availability.capacity import Capacity, Replica
from spofcheck.availability.cones import Known, cone, has, split_needs
from spofcheck.availability.domains import State
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
    events = _Events(caps, domains, draw)
    masks = _by_state(strata.states, events.states())
    natural = [i for i, m in enumerate(masks) if m.bit_count() >= MIN_SAMPLES]
    forced = _worth_forcing(strata, set(natural))
    z = NormalDist().inv_cdf(0.5 + draw.confidence / 2.0)
    total = _Sum()
    groups = _Groups(structure, events)
    for i in natural:
        total.add(strata, i, _stratum(factors, caps, strata.states[i], groups, masks[i]), z)
    for i in forced:
        imposed = _Groups(structure, events.imposing(strata.states[i].down))
        total.add(
            strata, i, _stratum(factors, caps, strata.states[i], imposed, events.everything), z
        )
    rest = [i for i in range(len(masks)) if i not in set(natural) | set(forced)]
    low = total.mean + sum(strata.states[i].weight * strata.lower[i] for i in rest)
    high = total.mean + strata.residual
    high += sum(strata.states[i].weight * strata.upper[i] for i in rest)
    half = z * math.sqrt(total.variance) + total.allowance
    return Estimate(low, low - half, high + half, draw.samples, draw.confidence)


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
    """The stratified mean, its variance and the allowance for unseen failures."""

    def __init__(self) -> None:
        self.mean = self.variance = self.allowance = 0.0

    def add(self, strata: Strata, i: int, moments: tuple[int, float, float], z: float) -> None:
        n, first, second = moments
        w, m = strata.states[i].weight, first / n
        self.mean += w * m
        self.variance += w * w * max(0.0, second / n - m * m) / max(1, n - 1)
        self.allowance += w * z * z / n * (strata.upper[i] - strata.lower[i])


def _stratum(
    factors: Factors, caps: dict[str, Capacity], state: State, groups: _Groups, mask: int
) -> tuple[int, float, float]:
    """How many samples, and the sums of Y and Y^2 over them, for one state."""
    ctx = Context([state], caps)
    columns = [_column(ctx, t, factors.order, groups) for t in factors.terms]
    first, second = _moments(columns, mask, 0)
    return mask.bit_count(), first, second


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


def _column(ctx: Context, term: Term, order: Sequence[str], groups: _Groups) -> _Column:
    """An exact group that shares a component with a bounded one is sampled with it: a
    bounded part's clustering saw only the alternative it chose, not its whole cone."""
    sampled = set[str]().union(
        *(groups.support(*src) for g in term.groups if not g.exact for src in g.sources)
    )
    values = [1.0] * len(ctx.states)
    holds = groups.events.everything
    for group in term.groups:
        if not group.exact or (group.sources and not sampled.isdisjoint(_names(group, order))):
            for alts, known in group.sources:
                holds &= groups.either(alts, known)
            continue
        for atom in (a for p in group.parts for a in part_atoms(ctx, p, order)):
            for s in range(len(values)):
                values[s] *= atom.values[atom.local.index[s]]
    return _Column(term.sign, values, holds)


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


class _Events:
    """The sampled basic events: a bit per sample, set when the event is `up`."""

    def __init__(self, caps: dict[str, Capacity], domains: dict[str, float], draw: Draw) -> None:
        self.caps = caps
        self.n = draw.samples
        self.seed = draw.seed
        self.everything = (1 << self.n) - 1
        self.down = {d: self._bits(f"domain/{d}", 1.0 - a) for d, a in sorted(domains.items())}
        self._own: dict[str, int] = {}
        self._drawn: dict[str, int] = {}  # replica and failover draws, shared when imposing

    def imposing(self, down: frozenset[str]) -> _Events:
        """The same draws with exactly the domains in `down` down in every sample."""
        view = copy(self)
        view.down = {d: self.everything if d in down else 0 for d in self.down}
        view._own = {}
        return view

    def _drawn_bits(self, name: str, p: float) -> int:
        found = self._drawn.get(name)
        if found is None:
            found = self._drawn[name] = self._bits(name, p)
        return found

    def _bits(self, name: str, p: float) -> int:
        """N independent draws with probability p, from a generator seeded by `name`."""
        if p >= 1.0:
            return self.everything
        if p <= 0.0:
            return 0
        rng = random.Random(f"{self.seed}/{name}")
        rare = min(p, 1.0 - p)
        buffer = bytearray((self.n + 7) // 8)
        for k in _positions(rng, self.n, rare):
            buffer[k >> 3] |= 1 << (k & 7)
        bits = int.from_bytes(buffer, "little")
        return bits if rare == p else self.everything ^ bits

    def states(self) -> dict[frozenset[str], int]:
        """The distinct sets of zones and regions down drawn, and their samples."""
        downs: dict[int, list[str]] = {}
        for d, bits in self.down.items():
            for k in _ones(bits):
                downs.setdefault(k, []).append(d)
        none_down = self.everything
        by_state: dict[frozenset[str], int] = {}
        for k, ds in sorted(downs.items()):
            key = frozenset(ds)
            by_state[key] = by_state.get(key, 0) | (1 << k)
            none_down ^= 1 << k
        return {frozenset(): none_down, **by_state}

    def own(self, component: str) -> int:
        """The samples in which the component's own capacity is up (rules 1-3)."""
        found = self._own.get(component)
        if found is None:
            found = self._own[component] = self._capacity(component)
        return found

    def _capacity(self, component: str) -> int:
        cap = self.caps[component]
        if cap.need <= 0:
            return self.everything
        usable = [self._replica(component, i, r) for i, r in enumerate(cap.primaries)]
        at_least = _count(self.everything, usable, cap.need)
        up = at_least[cap.need]
        if not cap.standbys:
            return up
        spare = [self._replica(component, -1 - j, r) for j, r in enumerate(cap.standbys)]
        rescued = _count(self.everything, spare, cap.need, at_least)[cap.need]
        return up | (self._drawn_bits(f"{component}/failover", cap.failover) & rescued)

    def _replica(self, component: str, i: int, replica: Replica) -> int:
        bits = self._drawn_bits(f"{component}/{i}", replica.availability)
        for d in replica.exposure:
            bits &= ~self.down[d]
        return bits


def _count(
    everything: int, usable: list[int], need: int, start: list[int] | None = None
) -> list[int]:
    """at_least[j]: the samples with at least j usable replicas (continuing from `start`)."""
    at_least = list(start) if start is not None else [everything] + [0] * need
    for x in usable:
        for j in range(need, 0, -1):
            at_least[j] |= at_least[j - 1] & x
    return at_least


def _positions(rng: random.Random, n: int, p: float) -> Iterator[int]:
    """The indices below n of independent events of probability p (geometric gaps)."""
    log_q = math.log1p(-p)
    k = -1
    while True:
        k += 1 + int(math.log(1.0 - rng.random()) / log_q)
        if k >= n:
            return
        yield k


def _ones(bits: int) -> Iterator[int]:
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


class _Groups:
    """`any_of` groups evaluated on every sample at once, restricted like the diagrams."""

    def __init__(self, structure: Structure, events: _Events) -> None:
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
