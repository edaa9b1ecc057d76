"""Which zone/region states to condition on, within the budget (issue 18).

Every relevant state if they fit; else (or when the value is bounded anyway and fewer
cost less) the likeliest ones, up to k simultaneous outages, the rest bounded by its
weight; else the least exposed domains are dropped. See docs/availability.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from spofcheck.availability.capacity import Capacity, domain_availability
from spofcheck.availability.cones import cone, split_needs
from spofcheck.availability.domains import State, enumerate_states, enumerate_truncated
from spofcheck.availability.structure import Structure
from spofcheck.model import Architecture


@dataclass(frozen=True)
class Plan:
    """The states to condition on, and the domains left out of them (bounded instead)."""

    states: list[State]
    dropped: frozenset[str]
    penalty: float  # P(every dropped domain up): the lower bound's factor
    residual: float = 0.0  # P(a state left out): added to the upper bound
    most_down: int | None = None  # states truncated at this many simultaneous outages


@dataclass(frozen=True)
class Limits:
    """What the budget allows the states, and what decides between the plans."""

    max_states: int
    max_work: int
    size: int  # per-state work: diagram nodes and factors
    exact: bool  # whether the factors are exact (if not, fewer states cost no exactness)
    enough: float  # a left-out weight too small to matter: 0.1 % of the least downtime


def plan_states(arch: Architecture, caps: dict[str, Capacity], limits: Limits) -> Plan:
    """Every relevant domain if the states fit the budget; else the most likely states
    (up to k simultaneous outages, the rest bounded by its weight); else drop the least
    exposed domains.

    A dropped domain is treated as never failing, which can only raise the value (an
    upper bound). P(service up) >= P(service up and every dropped domain up), and the
    dropped domains are independent of the rest, so the value given they are up times
    P(they are all up) is a lower bound.
    """
    exposures = [r.exposure for cap in caps.values() for r in (*cap.primaries, *cap.standbys)]
    count: dict[str, int] = {}
    for exposure in exposures:
        for d in exposure:
            count[d] = count.get(d, 0) + 1
    limit = max(1, min(limits.max_states, limits.max_work // max(1, limits.size)))
    ranked = sorted(count, key=lambda d: (count[d], d))
    availability = partial(domain_availability, arch)
    every = enumerate_states(exposures, availability, limit)
    if every is not None and limits.exact:
        return Plan(every, frozenset(), 1.0)
    truncated = enumerate_truncated(exposures, availability, limit, limits.enough)
    if truncated is not None and (every is None or len(truncated.states) < len(every)):
        # the value is bounded anyway: the most likely states cost less and add a
        # residual below RESIDUAL to the width
        return Plan(truncated.states, frozenset(), 1.0, truncated.residual, truncated.most_down)
    if every is not None:
        return Plan(every, frozenset(), 1.0)
    for n in range(1, len(ranked) + 1):
        dropped = frozenset(ranked[:n])
        kept = [e - dropped for e in exposures]
        states = enumerate_states(kept, availability, limit)
        if states is not None:
            penalty = 1.0
            for d in dropped:
                penalty *= availability(d)
            return Plan(states, dropped, penalty)
    raise AssertionError("no domains always fits")  # pragma: no cover


SMALL_SHARE = 1e-3  # of the least downtime: what truncating the states may leave out


def least_downtime(shape: Structure, caps: dict[str, Capacity]) -> float:
    """1 - the product of P(own capacity up | no outage) over the components the entry
    points need through plain dependencies: outages only lower those probabilities, so
    the value is at most that product and the downtime at least this."""
    plain, anyof = split_needs(shape)
    needed, _ = cone(plain, anyof, shape.entries, (frozenset(), frozenset()))
    up = 1.0
    for c in needed:
        up *= caps[c].probability(frozenset())
    return 1.0 - up
