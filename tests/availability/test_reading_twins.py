"""Fixture twins for each YAML reading the calculator relies on (issue 19).

fixtures/readings/<reading>/implicit.yaml leaves the reading to spofcheck;
explicit.yaml writes out what the documentation says it means. Both must give the same
value (derived by hand below), and only the implicit one is marked in `spofcheck model`.
The error files are the readings' limits: located errors, and no figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture
from spofcheck.model.availability import Method
from spofcheck.parse.yaml_arch import load_yaml_architecture
from spofcheck.report.model_format import render_text

READINGS = Path(__file__).resolve().parents[2] / "fixtures" / "readings"

# reading -> (expected value, the mark `spofcheck model` shows for the implicit twin)
TWINS = {
    # db primary in zone a (0.99), hot standby assumed in zone a, 0.9 each:
    # 0.99 * (1 - 0.1 * 0.1) = 0.9801 (escaping the zone would be 0.9891)
    "standby-zones": (0.99 * (1 - 0.1 * 0.1), "zones=a (assumed: shares primary's zones)"),
    # one primary and one warm standby with automatic failover, 0.9 each: 1 - 0.1^2
    "standby-mode": (1 - 0.1 * 0.1, "mode=warm (default)"),
    # web in zone a (0.9) in region eu (0.99), 0.9 itself: 0.99 * 0.9 * 0.9 = 0.8019
    # (a zone outside every region would give 0.81)
    "zone-region": (0.99 * 0.9 * 0.9, "zone a: region=eu (inferred)"),
    # 2 of 3 replicas at 0.9: 0.9^3 + 3 * 0.9^2 * 0.1 = 0.972
    "quorum": (0.9**3 + 3 * 0.9**2 * 0.1, "min_healthy=2 (majority of 3, from quorum)"),
}


def _load(reading: str, name: str) -> Architecture:
    folder = READINGS / reading
    return load_yaml_architecture(folder / name, display_root=folder)


@pytest.mark.parametrize("reading", sorted(TWINS))
def test_the_twins_agree_and_only_the_implicit_one_is_marked(reading: str) -> None:
    expected, mark = TWINS[reading]
    implicit, explicit = _load(reading, "implicit.yaml"), _load(reading, "explicit.yaml")
    assert implicit.errors == []
    assert explicit.errors == []
    assert compute(implicit).value == pytest.approx(expected, abs=1e-12)
    assert compute(explicit).value == pytest.approx(expected, abs=1e-12)
    assert mark in render_text([implicit], [])
    assert mark not in render_text([explicit], [])


@pytest.mark.parametrize(
    ("reading", "name", "line", "says"),
    [
        ("quorum", "below-majority.yaml", 8, "below the majority 2 of 3"),
        ("zone-region", "two-regions.yaml", 7, "zone 'shared' has no region"),
    ],
)
def test_a_reading_that_cannot_apply_is_a_located_error_and_no_figure(
    reading: str, name: str, line: int, says: str
) -> None:
    arch = _load(reading, name)
    (error,) = arch.errors
    assert error.line == line
    assert says in error.message
    result = compute(arch)
    assert result.value is None
    assert result.method is Method.NOT_COMPUTED
