"""HA011: below the SLO, by how much in minutes per 30-day month (43,200 minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.checks.slo import message
from tests.helpers.rule_cases import load_yaml, run_rule

TWO = """\
version: 1
slo: {slo}
zones: {{a: {{}}, b: {{}}}}
components:
  web: {{kind: service, availability: 99.9, zones: [a, b], depends_on: [db]}}
  db: {{kind: database, availability: 99.9, zones: [a]}}
"""


def test_the_gap_in_minutes_and_the_lever(tmp_path: Path) -> None:
    """web: 1 - 0.001^2 = 0.999999; db: 0.999; A = 0.998999001.
    Downtime 0.001000999 x 43,200 = 43.2 min; allowed (1 - 0.9995) x 43,200 = 21.6 min;
    over by 21.6 min. The database is the lever."""
    arch = load_yaml(TWO.format(slo=99.95), tmp_path)
    [finding] = run_rule("HA011", arch, availability=True)
    assert finding.component == "db"
    assert finding.message == (
        "composite availability 99.89% is below the SLO 99.95%: 43.2 min of expected "
        "downtime per 30-day month where 21.6 min are allowed, 21.6 min a month over; "
        "the biggest lever is db"
    )


def test_met_or_undeclared_slo_is_quiet(tmp_path: Path) -> None:
    """A = 0.998999 meets 99.8%; no SLO, nothing to judge."""
    assert run_rule("HA011", load_yaml(TWO.format(slo=99.8), tmp_path), availability=True) == []
    text = TWO.format(slo=99.9).replace("slo: 99.9\n", "")
    assert run_rule("HA011", load_yaml(text, tmp_path), availability=True) == []


@pytest.mark.parametrize(
    ("value", "slo", "expected"),
    [
        # 99.9% is 43.2 min a month, 99.95% is 21.6 (the seed's table)
        (0.999, 0.9995, "43.2 min of expected downtime per 30-day month where 21.6 min"),
        # 99.99% allows 4.32 min; 99.995% allows 2.16 min = 130 s... shown in minutes
        (0.9999, 0.99995, "4.3 min of expected downtime per 30-day month where 2.2 min"),
        # five nines: 25.9 s a month, under a minute
        (0.9999, 0.99999, "where 26 s are allowed"),
    ],
)
def test_minutes_per_month_follow_the_seed_table(value: float, slo: float, expected: str) -> None:
    assert expected in message(value, slo, None)


CYCLE = """\
version: 1
slo: 99.95
components:
  a: {availability: 99.9, depends_on: [b]}
  b: {availability: 99.9, depends_on: [a]}
"""


def test_a_figure_without_entry_point_says_so(tmp_path: Path) -> None:
    """a and b need each other: no entry point is inferred, so the value is every serving
    component up, 0.999^2 = 0.998001, and the finding names that basis; with a declared
    entry point (same value) the message keeps its plain form."""
    [finding] = run_rule("HA011", load_yaml(CYCLE, tmp_path), availability=True)
    assert finding.message.startswith(
        "composite availability 99.8% (no entry point: every serving component up) is below"
    )
    declared = load_yaml(CYCLE + "entrypoints: [a]\n", tmp_path)
    [plain] = run_rule("HA011", declared, availability=True)
    assert plain.message.startswith("composite availability 99.8% is below the SLO 99.95%")
