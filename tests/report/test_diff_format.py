"""`spofcheck diff` output: the availability change line, new/fixed lists, JSON shape."""

from __future__ import annotations

import json

import pytest

from spofcheck.diff.compare import DiffResult, compare
from spofcheck.model import Severity
from spofcheck.report.diff_format import change_text, minutes_text, render_diff
from tests.helpers.report_cases import finding, report, stack


def test_change_text_matches_the_documented_example() -> None:
    """(0.9991 - 0.9997) x 43,200 min = -25.92, shown as −26 (U+2212 minus)."""
    assert change_text(0.9997, 0.9991) == "99.97% → 99.91%: −26 min/month"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (0.001, "+43 min/month"),  # 0.001 x 43,200 = 43.2
        (-0.0001, "−4.3 min/month"),  # 4.32
        (-0.00001, "−26 s/month"),  # 0.432 min = 25.92 s
        (0.0, "no change"),
    ],
)
def test_minutes_text(delta: float, text: str) -> None:
    assert minutes_text(delta) == text


def test_percentages_get_the_decimals_that_tell_them_apart() -> None:
    """At two decimals both read 99.99%; three tell 99.991% from 99.992%."""
    assert change_text(0.99991, 0.99992).startswith("99.991% → 99.992%")


def _result() -> DiffResult:
    base = report(
        [finding(component="gone", severity=Severity.MEDIUM)],
        stacks=[stack("infra", 4, 0.9997)],
        availability={"value": 0.9997, "slo": 0.9995, "meets_slo": True},
    )
    head = report(
        [finding(component="added")],
        stacks=[stack("infra", 4, 0.9991)],
        availability={"value": 0.9991, "slo": 0.9995, "meets_slo": False},
    )
    return compare(base, head, base_ref="origin/main")


def test_text() -> None:
    text = render_diff(_result(), "text")
    assert "new findings (1):\n  infra/main.tf:12: high     HA001 added:" in text
    assert "fixed findings (1):\n  infra/main.tf:12: medium   HA001 gone:" in text
    assert "availability 99.97% → 99.91%: −26 min/month (SLO 99.95%: NOT met)" in text
    assert text.endswith("1 new finding (1 high) · 1 fixed · 0 unchanged\n")


def test_markdown() -> None:
    text = render_diff(_result(), "markdown")
    assert text.startswith("## spofcheck diff against `origin/main`\n\n❌ 1 new finding")
    assert "**Availability 99.97% → 99.91%: −26 min/month (SLO 99.95%: NOT met)**" in text
    assert "### New findings" in text
    assert "### Fixed findings" in text


def test_json() -> None:
    data = json.loads(render_diff(_result(), "json"))
    assert [f["component"] for f in data["new"]] == ["added"]
    assert [f["component"] for f in data["fixed"]] == ["gone"]
    assert data["availability"]["delta_minutes_per_month"] == pytest.approx(-25.92)
    assert data["stacks"] == [
        {
            "path": "infra",
            "base": 0.9997,
            "head": 0.9991,
            "delta": pytest.approx(-0.0006),
            "base_complete": True,
            "complete": True,
        }
    ]
    assert "/home/ci" not in json.dumps(data)
