"""Downtime per year, 30-day month and week, and the nines, as the issue defines them."""

from __future__ import annotations

import pytest

from spofcheck.availability import downtime, format_duration, nines
from spofcheck.availability.downtime import Downtime, format_percent


def test_three_nines() -> None:
    """0.1% of 365 days = 31,536 s = 8.76 h; of 30 days = 2,592 s = 43.2 min;
    of a week = 604.8 s = 10.08 min."""
    d = downtime(0.999)
    assert d.year.seconds == pytest.approx(31_536)
    assert d.month.seconds == pytest.approx(2_592)
    assert d.week.seconds == pytest.approx(604.8)
    assert (d.year.text, d.month.text, d.week.text) == ("8.76 h", "43.2 min", "10.08 min")


@pytest.mark.parametrize(
    ("fraction", "year", "month", "week"),
    [
        (0.99, "3.65 days", "7.2 h", "1.68 h"),  # 315,360 s; 25,920 s; 6,048 s
        (0.9995, "4.38 h", "21.6 min", "5.04 min"),  # 15,768 s; 1,296 s; 302.4 s
        (0.9999, "52.56 min", "4.32 min", "1.01 min"),  # 3,153.6 s; 259.2 s; 60.48 s
        (0.99999, "5.26 min", "25.92 s", "6.05 s"),  # 315.36 s; 25.92 s; 6.048 s
        (1.0, "0 s", "0 s", "0 s"),
    ],
)
def test_seed_document_table(fraction: float, year: str, month: str, week: str) -> None:
    d = downtime(fraction)
    assert (d.year.text, d.month.text, d.week.text) == (year, month, week)


def test_shortfall_per_month_for_slo_messages() -> None:
    """An SLO of 99.95% missed by a design at 99.9%: 0.05% of 30 days = 1,296 s."""
    assert Downtime.of_unavailability(0.9995 - 0.999).month.text == "21.6 min"
    assert format_duration(-1_560) == "-26 min"


def test_nines() -> None:
    """-log10(1 - A): 0.999 -> 3, 0.9995 -> 3.30; a perfect 1.0 has none."""
    assert nines(0.999) == 3.0
    assert nines(0.9995) == 3.3
    assert nines(1.0) is None


def test_percent_shows_the_significant_digits() -> None:
    assert format_percent(0.999) == "99.9%"
    assert format_percent(0.9997123) == "99.971%"
    assert format_percent(0.5) == "50%"


def test_json_shape() -> None:
    assert downtime(0.999).to_json()["month"] == {
        "seconds": pytest.approx(2592),
        "text": "43.2 min",
    }
