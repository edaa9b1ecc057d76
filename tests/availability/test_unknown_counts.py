"""A component whose replica count the input leaves unknown is not counted as 1 replica."""

from __future__ import annotations

import pytest

from spofcheck.availability import compute
from spofcheck.availability.text import render_text
from tests.helpers.availability_cases import arch, comp, need

EPS = 1e-9


def test_unknown_count_is_left_out_and_the_value_is_an_upper_bound() -> None:
    """front (0.999) -> cache (0.995 per replica, count unknown). Read as one replica the
    value would be 0.999 * 0.995 = 0.994005; left out it is front alone, 0.999, and only
    an upper bound (`complete` false), with a note naming the cache."""
    cache = comp("cache", 0.995, unresolved=["replicas"], availability_source="a default")
    result = compute(arch([comp("front", 0.999), cache], [need("front", "cache")]))
    assert result.value == pytest.approx(0.999, abs=EPS)
    assert result.complete is False
    (note,) = [n for n in result.notes if "replica count unknown" in n]
    assert "cache" in note
    assert "upper bound" in note
    assert "cache" not in result.defaults_used  # its figure was not used
    assert render_text(result).startswith("Availability: ≤ 99.9% (")


def test_known_count_twin_is_counted_and_complete() -> None:
    """The same design with the count known (1 replica): 0.999 * 0.995, complete."""
    result = compute(arch([comp("front", 0.999), comp("cache", 0.995)], [need("front", "cache")]))
    assert result.value == pytest.approx(0.999 * 0.995, abs=EPS)
    assert result.complete is True
    assert not [n for n in result.notes if "replica count unknown" in n]


def test_unknown_zones_alone_do_not_leave_a_component_out() -> None:
    """Only the count matters here: unknown zones keep the replicas, without zone exposure."""
    cache = comp("cache", 0.995, replicas=2, unresolved=["zones"])
    result = compute(arch([comp("front", 0.999), cache], [need("front", "cache")]))
    assert result.value == pytest.approx(0.999 * (1 - 0.005**2), abs=EPS)
    assert result.complete is True
