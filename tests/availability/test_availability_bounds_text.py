"""A bounded figure reads as a bound, `≥ lower (bounded: <why>)`, in availability and scan."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from layered import many_any_of

from spofcheck.availability.calculator import Budget, compute
from spofcheck.availability.text import render_text
from spofcheck.model import Report
from spofcheck.model.availability import Method
from spofcheck.report import render
from spofcheck.report._shared import percent
from spofcheck.report.style import Style


def test_a_bounded_value_is_shown_as_its_conservative_end_with_the_reason() -> None:
    """A 40-node budget cannot hold 80 pairs from a common pool (test_scale.py): bounds.
    What is shown is the lower end, the one gates decide on, with the calculator's reason."""
    bounded = compute(many_any_of(80), budget=Budget(max_nodes=40))
    assert bounded.method is Method.BOUNDS
    assert bounded.lower is not None
    assert bounded.reason is not None
    expected = f"≥ {percent(bounded.lower)} (bounded: {bounded.reason})"
    assert render_text(bounded).splitlines()[0] == f"Availability: {expected}"
    report = Report(version="0", availability=bounded)
    assert f"availability {expected}" in render("text", report, Style())
    assert f"**Availability {expected}**" in render("markdown", report, Style())
