"""Markdown summary: verdict, availability vs SLO, findings table, folded extras, size limit."""

from __future__ import annotations

import re

from spofcheck.model import Severity
from spofcheck.report import formatter
from spofcheck.report.markdown import LIMIT, render
from tests.helpers.report_cases import finding, full_report, report, stack


def test_full_report_shows_verdict_availability_and_table() -> None:
    text = formatter("markdown")(full_report())
    lines = text.splitlines()
    assert lines[0] == "## spofcheck"
    verdict = lines[2]
    assert verdict.startswith("❌ **5 findings** (1 critical, 1 high, 1 medium, 1 low, 1 info)")
    assert "1 suppressed" in verdict
    assert "1 input error" in verdict
    assert (
        "**Availability 99.912%** against an SLO of 99.95%: **not met** · "
        "38 min downtime per 30-day month"
    ) in lines
    header = "| Severity | Rule | Component | Location | Message |"
    assert header in lines
    rows = [line for line in lines[lines.index(header) + 2 :] if line.startswith("| ")]
    assert rows[0].startswith("| 🔴 critical | [HA002](")
    assert "`infra/main.tf:40`" in rows[0]
    assert "`../modules/db/main.tf:7`" in text
    assert "/home/ci" not in text


def test_clean_report_passes_and_has_no_table() -> None:
    text = formatter("markdown")(report())
    assert "✅ **0 findings**" in text
    assert "| Severity |" not in text


def test_cells_escape_pipes_html_and_newlines() -> None:
    f = finding(message="a | b <script>x</script>\nnext line", component="odd|name")
    text = formatter("markdown")(report([f]))
    row = next(line for line in text.splitlines() if "odd" in line)
    assert "a \\| b &lt;script&gt;x&lt;/script&gt; next line" in row
    assert "`odd\\|name`" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five columns, six unescaped pipes


def test_baselined_count_is_in_the_verdict() -> None:
    text = formatter("markdown")(report([finding()], baselined=7))
    assert "7 baselined" in text.splitlines()[2]


def test_several_stacks_get_an_availability_table() -> None:
    stacks = [stack("infra/a", 3, 0.9999), stack("infra/b", 2, 0.999)]
    text = formatter("markdown")(report(stacks=stacks))
    assert "| `infra/a` | 99.99% | — | — |" in text
    assert "| `infra/b` | 99.9% | — | — |" in text


def test_diagram_is_folded_in_details() -> None:
    text = render(report(diagrams={"infra": "flowchart LR\n  a --> b\n"}))
    assert "<summary>Architecture diagram: infra</summary>" in text
    assert "```mermaid\nflowchart LR\n  a --> b\n```" in text


def test_huge_reports_stay_under_the_comment_limit_keeping_the_worst_rows() -> None:
    """5,000 findings x ~200 characters is ~1 MB: the table is cut, worst rows first."""
    many = [
        finding(
            severity=Severity.LOW if i % 2 else Severity.CRITICAL,
            component=f"aws_instance.n{i:04d}",
            message="x" * 150,
        )
        for i in range(5000)
    ]
    text = render(report(many, diagrams={"infra": "flowchart LR\n" + "  a --> b\n" * 5000}))
    assert len(text) <= LIMIT
    assert "```mermaid" not in text
    rows = [
        line for line in text.splitlines() if line.startswith("| 🔴") or line.startswith("| 🔵")
    ]
    assert len(rows) > 100
    assert all(r.startswith("| 🔴") for r in rows)  # 2,500 critical rows fill it
    assert f"_{5000 - len(rows)} more findings are not shown" in text


def test_diagram_is_dropped_before_any_row() -> None:
    text = render(report([finding()], diagrams={"infra": "x" * LIMIT}))
    assert "```mermaid" not in text
    assert "| 🟠 high |" in text
    assert "The diagram was left out" in text


def test_long_lists_of_suppressions_and_notes_are_capped() -> None:
    """3,000 suppressed findings: 50 listed, the rest counted, the table still shown."""
    quiet = [
        finding(component=f"c{i:04d}", suppressed=True, reason="accepted " * 20)
        for i in range(3000)
    ]
    text = render(report([finding(), *quiet], notes=[f"note {i}" for i in range(500)]))
    assert len(text) <= LIMIT
    assert "| 🟠 high |" in text
    assert "- … and 2950 more" in text
    assert "- … and 450 more" in text
