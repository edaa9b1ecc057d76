"""Local situations: the states as one component or diagram node sees them.

A component only sees the zones and regions it is exposed to, so the thousands of
states fall into a few classes for it (its *local situations*); probabilities are
computed once per class and looked up per state.
"""

from __future__ import annotations

from spofcheck.availability.capacity import Capacity
from spofcheck.availability.domains import State

Vector = list[float]


class Local:
    """The distinct local situations of the states for one set of domains."""

    def __init__(self, states: list[State], domains: frozenset[str]) -> None:
        self.domains = domains
        self.position: dict[frozenset[str], int] = {}
        self.index = [
            self.position.setdefault(s.down & domains, len(self.position)) for s in states
        ]
        self.keys = list(self.position)
        self.weight = [0.0] * len(self.keys)
        for s, i in zip(states, self.index, strict=True):
            self.weight[i] += s.weight


class Context:
    """Local situations and own-capacity probabilities, computed once and shared."""

    def __init__(self, states: list[State], caps: dict[str, Capacity]) -> None:
        self.states = states
        self.caps = caps
        self._locals: dict[frozenset[str], Local] = {}
        self._p: dict[tuple[int, frozenset[str]], float] = {}
        # components with the same capacity model share their probabilities
        alike: dict[Capacity, int] = {}
        self._alike = {c: alike.setdefault(cap, len(alike)) for c, cap in caps.items()}
        self._rows: dict[tuple[str, frozenset[str]], Vector] = {}
        self._maps: dict[tuple[frozenset[str], frozenset[str]], list[int]] = {}

    def local(self, domains: frozenset[str]) -> Local:
        found = self._locals.get(domains)
        if found is None:
            found = self._locals[domains] = Local(self.states, domains)
        return found

    def p(self, component: str, down: frozenset[str]) -> float:
        cap = self.caps[component]
        key = (self._alike[component], down & cap.domains)
        value = self._p.get(key)
        if value is None:
            value = self._p[key] = cap.probability(key[1])
        return value

    def row(self, component: str, local: Local) -> Vector:
        key = (component, local.domains)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = [self.p(component, k) for k in local.keys]
        return found

    def projection(self, wide: Local, narrow: Local) -> list[int]:
        """For each situation of `wide`, the one of `narrow` (a subset of its domains)."""
        key = (wide.domains, narrow.domains)
        found = self._maps.get(key)
        if found is None:
            cut = narrow.domains
            found = self._maps[key] = [narrow.position[k & cut] for k in wide.keys]
        return found
