"""The sampled basic events: every zone, region, replica and failover draw, N at a time.

A component's N samples are the bits of one Python integer (set: up), so an `any_of` is
one `|`, a need one `&` and k-of-n a short carry chain. Each event has its own generator,
seeded by the run's seed and the event's name, so the draws do not depend on the order
in which components are evaluated and a run is deterministic.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from copy import copy
from typing import TYPE_CHECKING

from spofcheck.availability.capacity import Capacity, Replica

if TYPE_CHECKING:
    from spofcheck.availability.sampled import Draw


_clock = time.monotonic  # a module attribute, so that a test can move time on


class SamplingTimeout(Exception):
    """Sampling would run past the budget's deadline: the rigorous bounds stand."""


class Events:
    """The sampled basic events: a bit per sample, set when the event is `up`."""

    def __init__(self, caps: dict[str, Capacity], domains: dict[str, float], draw: Draw) -> None:
        self.caps = caps
        self.n = draw.samples
        self.seed = draw.seed
        self.deadline = draw.deadline
        self.everything = (1 << self.n) - 1
        self.down = {d: self._bits(f"domain/{d}", 1.0 - a) for d, a in sorted(domains.items())}
        self._own: dict[str, int] = {}
        self._drawn: dict[str, int] = {}  # replica and failover draws, shared when imposing

    def imposing(self, down: frozenset[str]) -> Events:
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

    def tick(self) -> None:
        """Raise SamplingTimeout past the deadline (checked once per component drawn and
        per group evaluated: each is at most N bits of work)."""
        if self.deadline is not None and _clock() > self.deadline:
            raise SamplingTimeout

    def own(self, component: str) -> int:
        """The samples in which the component's own capacity is up (rules 1-3)."""
        found = self._own.get(component)
        if found is None:
            self.tick()
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
