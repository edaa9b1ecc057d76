"""Names and messages come from the pull request: no formatter lets them change its medium.

Each test is one attack from the hardening issue, through the formatter it targets.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from spofcheck.model import Severity
from spofcheck.report import render
from spofcheck.report.escape import md_url
from spofcheck.report.markdown import LIMIT
from spofcheck.report.style import Style
from tests.helpers.report_cases import finding, report

WORKFLOW = "x\n::error::pwned\n::add-mask::secret\n::stop-commands::token"
ANSI = "db\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b[2J\x1b[31m"
FAKE_CLEAN = (
    "ok\n\n## spofcheck\n\n✅ **0 findings**\n\n<img src=https://evil.example/t.png>"
    "\n<details><summary>fine</summary>\n"
)


def test_text_lines_never_start_a_workflow_command() -> None:
    """The Action prints text when annotations are off: the runner reads `::` commands
    at the start of any line (leading spaces allowed)."""
    bad = finding(component=WORKFLOW, message=WORKFLOW, file="::add-mask::x.tf")
    text = render("text", report([bad], notes=[WORKFLOW]), Style())
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert "./::add-mask::x.tf" in text  # the same file, spelled so no command starts


def test_text_carries_no_terminal_escape_of_its_input() -> None:
    text = render("text", report([finding(component=ANSI, message=ANSI)]), Style(colour=False))
    assert "\x1b" not in text
    assert "\x07" not in text
    coloured = render("text", report([finding(component=ANSI)]), Style(colour=True))
    # only our own colour sequences remain
    assert set(re.findall(r"\x1b\[[0-9;]*m", coloured)) <= {
        "\x1b[31m", "\x1b[0m", "\x1b[1m", "\x1b[32m", "\x1b[1;31m", "\x1b[33m", "\x1b[36m",
        "\x1b[2m",
    }  # fmt: skip
    assert "\x1b]" not in coloured
    assert "\x1b[2J" not in coloured


def test_markdown_cannot_break_out_of_the_table_or_inject_html() -> None:
    bad = finding(component=FAKE_CLEAN, message=FAKE_CLEAN)
    text = render("markdown", report([bad], notes=[FAKE_CLEAN]), Style())
    benign = render("markdown", report([finding(component="x", message="x")], notes=["x"]))
    assert len(text.splitlines()) == len(benign.splitlines())
    # the report fails (a high finding): no line of its own says otherwise
    assert not [line for line in text.splitlines() if line.startswith(("✅", "#"))][1:]
    prose = re.sub(r"`[^`]*`", "", text)  # code spans are literal text on GitHub
    assert "<img" not in prose
    assert prose.count("<details") == benign.count("<details")
    assert prose.count("<summary>") == benign.count("<summary>")


def test_markdown_mentions_and_links_are_inert() -> None:
    evil = "@org/team ping @admin [click](javascript:alert(1)) ![x](https://evil.example/t.png)"
    bad = finding(component=evil, message=evil).model_copy(update={"docs": "javascript:alert(1)"})
    text = render("markdown", report([bad]), Style())
    # GitHub links no mention inside a code span; outside, a zero-width space follows @
    prose = re.sub(r"`[^`]*`", "", text)
    assert not re.search(r"@[A-Za-z]", prose)
    assert "@&#8203;admin" in prose
    assert not re.search(r"(?<!\\)\]\(javascript:", prose)  # no link syntax survives
    assert "![x](" not in prose
    assert "\\[click\\]" in prose
    assert md_url("javascript:alert(1)") is None
    assert md_url("https://example.com/docs/HA001.md") == "https://example.com/docs/HA001.md"


def test_size_cap_keeps_the_failing_finding_before_a_huge_suppressed_name() -> None:
    """Before: the suppressed list counted outside the budget, so 50 suppressed findings
    with 2,000-character names pushed the one real finding out of the summary."""
    real = finding(component="aws_db_instance.real", message="the real problem")
    noise = [
        finding(component=f"n{i}" + "x" * 100_000, suppressed=True, reason="r" * 100_000)
        for i in range(60)
    ]
    notes = ["n" * 100_000] * 60
    text = render("markdown", report([real, *noise], notes=notes), Style())
    assert len(text) <= LIMIT
    assert "`aws_db_instance.real`" in text
    assert "the real problem" in text


def test_github_commands_stay_inside_their_message() -> None:
    bad = finding(component=WORKFLOW, message=WORKFLOW, file="a\n::error::b.tf")
    text = render("github", report([bad], notes=[WORKFLOW]), Style())
    for line in text.splitlines():
        assert re.match(r"::(error|warning|notice) |spofcheck: ", line), line
    assert "::stop-commands::" not in text.replace("%0A", "\n").split("\n", 1)[0][:2]
    assert not any("::stop-commands::" in line[:20] for line in text.splitlines())


def test_junit_and_sarif_stay_well_formed() -> None:
    bad = finding(component=ANSI + WORKFLOW, message="<x>&\x00]]>" + ANSI, severity=Severity.HIGH)
    root = ET.fromstring(render("junit", report([bad]), Style()))
    failure = next(root.iter("failure"))
    assert "\x1b" not in (failure.get("message") or "")
    sarif = render("sarif", report([bad]), Style())
    result = json.loads(sarif)["runs"][0]["results"][0]
    assert "\n" not in result["message"]["text"]
    assert "\x1b" not in result["message"]["text"]


def test_model_and_availability_text_escape_component_ids() -> None:
    """`spofcheck model` and `spofcheck availability` print ids from the code too."""
    from spofcheck.availability import compute
    from spofcheck.availability.text import render_text
    from spofcheck.model import Architecture, Component
    from spofcheck.report.model_format import render_text as render_model

    evil = "::error::pwned\n::add-mask::x\x1b[2J"
    arch = Architecture(
        name=evil,
        components={evil: Component(id=evil, availability=0.99)},
        entrypoints=[evil],
        notes=[evil],
    )
    for text in (render_model([arch], []), render_text(compute(arch))):
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
        assert "\x1b" not in text
