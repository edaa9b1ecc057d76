"""Fuzz: random names and messages through every formatter; no line break or control
character escapes its field, whatever the input."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spofcheck.model import (
    Coverage,
    Gate,
    GateReason,
    GateReasonKind,
    OpaqueModule,
    ParseError,
    Report,
    Severity,
)
from spofcheck.report import FORMATTERS, render
from spofcheck.report.escape import mermaid_comment
from spofcheck.report.style import Style
from tests.helpers.report_cases import finding, report

SPECIALS = ["\n", "\r", "\x1b", "\u2028", "\u0085", "::", "<", "@", "%%", "`", "|", "\x00", "\t"]
FIELD = st.lists(
    st.one_of(st.sampled_from(SPECIALS), st.text(min_size=1, max_size=4)), min_size=1, max_size=8
).map("".join)
# raw characters that would end a line or drive a terminal (`\n` is each format's own)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# a CommonMark code span: a run of n backticks up to the next run of exactly n
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")


def _report(name: str, message: str, file: str) -> Report:
    active = finding(component=name, message=message, file=file)
    quiet = finding("HA003", Severity.MEDIUM, name, message=message, file=file)
    hidden = finding(component=name, file=file, suppressed=True, reason=message)
    return report(
        [active, quiet, hidden],
        notes=[message],
        errors=[ParseError(file=file, line=3, message=message, key=name)],
        gate=Gate(passed=False, reasons=[GateReason(kind=GateReasonKind.SLO, message=message)]),
        coverage=Coverage(
            opaque_modules=[OpaqueModule(address=name, source=file, reason=f"x {message}")]
        ),
    )


def _benign() -> Report:
    return _report("x", "x", "x.tf")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=FIELD, message=FIELD, file=FIELD)
def test_no_field_escapes_in_any_format(name: str, message: str, file: str) -> None:
    fuzzed = _report(name, message, file)
    for fmt in FORMATTERS:
        text = render(fmt, fuzzed, Style())
        assert not RAW.search(text), (fmt, RAW.search(text))
        expected = len(render(fmt, _benign(), Style()).splitlines())
        assert len(text.splitlines()) == expected, fmt
        if fmt == "junit":
            ET.fromstring(text)
        if fmt in ("json", "sarif"):
            json.loads(text)
        if fmt == "text":
            assert not any(line.lstrip().startswith("::") for line in text.splitlines())
        if fmt == "github":
            assert all(
                re.match(r"::(error|warning|notice) |spofcheck: ", line)
                for line in text.splitlines()
            )
        if fmt == "markdown":
            prose = CODE_SPAN.sub("", text)  # code spans are literal on GitHub
            assert prose.count("<") == render(fmt, _benign(), Style()).count("<")
            assert not re.search(r"@[A-Za-z0-9]", prose)


@given(note=FIELD)
def test_mermaid_comments_hold_no_directive_or_line(note: str) -> None:
    comment = mermaid_comment(note)
    assert "%%" not in comment
    assert "`" not in comment
    assert len(f"  %% {comment}".splitlines()) == 1
