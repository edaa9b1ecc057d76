"""Conditioning on shared failure domains: the zone and region states worth enumerating.

Zone and region outages are the events that make replicas dependent. Given which of them
are down, everything else is independent, so the value is the sum over states of
P(state) * P(service | state). Only domains with availability < 1 that some replica is
exposed to are enumerated. Regions come first; a zone whose every exposed replica is
already down with its region does not change anything in that branch, so it is not
split on (its up and down cases are summed away: they weigh 1 together).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, product

from spofcheck.availability.capacity import Domain

MAX_STATES = 65_536


@dataclass(frozen=True)
class State:
    """One combination of zone/region outages and its probability."""

    down: frozenset[Domain]
    weight: float
    decided: frozenset[Domain]  # domains split on here; the others do not matter


def enumerate_states(
    exposures: Iterable[frozenset[Domain]],
    availability: Callable[[Domain], float],
    limit: int = MAX_STATES,
) -> list[State] | None:
    """Every state to condition on, in a fixed order; None when there are more than `limit`."""
    groups = sorted(set(exposures), key=sorted)
    regions = sorted({d for g in groups for d in g if d.startswith("region:")})
    states: list[State] = []
    for region_down in _subsets(regions):
        zones = _relevant_zones(groups, region_down)
        if len(states) + 2 ** len(zones) > limit:
            return None
        states.extend(_zone_states(regions, region_down, zones, availability))
    return states


def _relevant_zones(groups: list[frozenset[Domain]], region_down: frozenset[Domain]) -> list[str]:
    live = (g for g in groups if g.isdisjoint(region_down))
    return sorted({d for g in live for d in g if d.startswith("zone:")})


def _zone_states(
    regions: list[Domain],
    region_down: frozenset[Domain],
    zones: list[Domain],
    availability: Callable[[Domain], float],
) -> Iterator[State]:
    base = 1.0
    for region in regions:
        a = availability(region)
        base *= (1.0 - a) if region in region_down else a
    decided = frozenset((*regions, *zones))
    for zone_down in _subsets(zones):
        weight = base
        for zone in zones:
            a = availability(zone)
            weight *= (1.0 - a) if zone in zone_down else a
        yield State(region_down | zone_down, weight, decided)


def _subsets(items: list[Domain]) -> Iterator[frozenset[Domain]]:
    """All subsets, the empty one first, in a fixed order."""
    for flags in product((False, True), repeat=len(items)):
        yield frozenset(item for item, down in zip(items, flags, strict=True) if down)


RESIDUAL = 1e-10  # truncation stops adding outage counts once what is left weighs less


@dataclass(frozen=True)
class Truncated:
    """The states with at most `most_down` domains down, and the weight of the rest."""

    states: list[State]
    residual: float  # P(more than `most_down` domains down): the bounds' width at most
    most_down: int


def enumerate_truncated(
    exposures: Iterable[frozenset[Domain]],
    availability: Callable[[Domain], float],
    limit: int = MAX_STATES,
    enough: float = RESIDUAL,
) -> Truncated | None:
    """The most likely states: every combination of up to k outages among the relevant
    domains, k as large as `limit` allows and no larger than needed to leave less than
    `enough` unaccounted. A state left out has a value between 0 and 1, so the sum over
    the kept states is a lower bound and adding the residual weight an upper bound.
    None when not even the single outages fit."""
    domains = sorted({d for e in exposures for d in e})
    states: list[State] = []
    total = 0.0
    for k in range(len(domains) + 1):
        layer = list(_layer(domains, k, availability))
        if len(states) + len(layer) > limit:
            break
        states.extend(layer)
        total += sum(s.weight for s in layer)
        if 1.0 - total < enough:
            return Truncated(states, max(0.0, 1.0 - total), k)
    if k < 2:  # nothing useful fits: the caller drops domains instead
        return None
    return Truncated(states, max(0.0, 1.0 - total), k - 1)


def _layer(
    domains: list[Domain], k: int, availability: Callable[[Domain], float]
) -> Iterator[State]:
    """The states with exactly k of `domains` down, in a fixed order."""
    decided = frozenset(domains)
    for down in map(frozenset, combinations(domains, k)):
        weight = 1.0
        for d in domains:
            a = availability(d)
            weight *= (1.0 - a) if d in down else a
        yield State(down, weight, decided)
