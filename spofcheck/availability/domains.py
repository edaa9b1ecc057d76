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
from itertools import product

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
