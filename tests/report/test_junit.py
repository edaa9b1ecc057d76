"""JUnit XML: one uniquely named testcase per finding, errors as <error>, never zero tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from spofcheck.model import Gate, GateReason, GateReasonKind, ParseError, Severity
from spofcheck.report import formatter
from tests.helpers.report_cases import finding, full_report, report, stack


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> list[ET.Element]:
    return root.findall("./testsuite/testcase")


def test_one_failing_testcase_per_finding_with_message_and_type() -> None:
    root = parse(formatter("junit")(report([finding()])))
    failing = [c for c in cases(root) if c.find("failure") is not None]
    assert len(failing) == 1
    case = failing[0]
    assert case.get("name") == "HA001 aws_db_instance.main (infra/main.tf:12)"
    assert (case.get("file"), case.get("line")) == ("infra/main.tf", "12")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "aws_db_instance.main is a single point of failure"
    assert failure.get("type") == "HA001 single-point-of-failure (high)"
    assert "Fix single-point-of-failure by adding a second replica." in (failure.text or "")


def test_testcase_names_are_unique_even_for_identical_findings() -> None:
    """Same rule, component and line twice (two causes): GitLab would merge them."""
    twins = [finding(message="cause one"), finding(message="cause two")]
    names = [c.get("name") for c in cases(parse(formatter("junit")(report(twins))))]
    assert len(names) == len(set(names))
    assert "HA001 aws_db_instance.main (infra/main.tf:12) #2" in names


def test_a_clean_scan_reports_one_passing_testcase_per_stack() -> None:
    r = report(stacks=[stack("infra/prod", 3), stack("infra/staging", 2)])
    root = parse(formatter("junit")(r))
    names = [c.get("name") for c in cases(root)]
    assert names == ["analyzed infra/prod (3 components)", "analyzed infra/staging (2 components)"]
    assert all(len(c) == 0 for c in cases(root))  # no failure, error or skipped child
    assert root.get("tests") == "2"
    assert root.get("failures") == "0"


def test_counts_errors_and_skipped_suppressions() -> None:
    """full_report fails on high: 2 findings at high or above (critical, high) fail; the
    medium, low and info ones do not. Its missed SLO is one more failing testcase.
    Tests: 2 + 1 (SLO) + 1 suppressed + 1 error + 1 stack = 6; failures 2 + 1 = 3."""
    root = parse(formatter("junit")(full_report()))
    suite = root.find("testsuite")
    assert suite is not None
    for element in (root, suite):
        assert element.get("tests") == "6"
        assert element.get("failures") == "3"
        assert element.get("errors") == "1"
        assert element.get("skipped") == "1"
    errors = [c for c in cases(root) if c.find("error") is not None]
    assert [c.get("name") for c in errors] == ["input error (infra/broken.tf:3)"]
    skipped = [c.find("skipped") for c in cases(root) if c.find("skipped") is not None]
    assert skipped[0] is not None
    assert skipped[0].get("message") == "suppressed: bastion is not on a request path"


def test_most_severe_findings_come_first() -> None:
    low = finding(severity=Severity.LOW, component="a", file="a.tf")
    critical = finding(severity=Severity.CRITICAL, component="z", file="z.tf")
    both = report([low, critical], fail_on=Severity.LOW)
    names = [c.get("name") for c in cases(parse(formatter("junit")(both)))]
    assert names[:2] == ["HA001 z (z.tf:12)", "HA001 a (a.tf:12)"]


def test_markup_and_control_characters_stay_well_formed() -> None:
    nasty = finding(message='a <b> & "c" \x1b[31m\x00 ]]>')
    root = parse(formatter("junit")(report([nasty])))
    failure = cases(root)[0].find("failure")
    assert failure is not None
    # the ANSI sequence is removed whole; the NUL, which XML cannot carry, is replaced
    assert failure.get("message") == 'aws_db_instance.main: a <b> & "c" \ufffd ]]>'


def test_error_paths_are_relative() -> None:
    outside = "/home/ci/work/modules/x.tf"
    r = report(errors=[ParseError(file=outside, line=2, message="bad")])
    text = formatter("junit")(r)
    assert "/home/ci" not in text
    assert 'file="../modules/x.tf"' in text


def test_findings_below_fail_on_are_reported_but_are_not_failures() -> None:
    """A green job (fail on high, one medium and one low finding) has 0 failures: the two
    findings are suite properties and system-out lines, not red tests."""
    below = [
        finding("HA003", Severity.MEDIUM, "aws_lb_target_group.web", message="sticky"),
        finding("HA003", Severity.LOW, "aws_lb_target_group.api", message="sticky too"),
    ]
    root = parse(formatter("junit")(report(below)))
    suite = root.find("testsuite")
    assert suite is not None
    assert (root.get("failures"), root.get("tests")) == ("0", "1")  # the one stack case
    values = [p.get("value") for p in suite.findall("./properties/property")]
    assert values == [
        "medium HA003 aws_lb_target_group.web (infra/main.tf:12): sticky",
        "low HA003 aws_lb_target_group.api (infra/main.tf:12): sticky too",
    ]
    out = suite.findtext("system-out") or ""
    assert out.startswith("2 findings below --fail-on high (not failures):")


def test_gate_reasons_that_are_not_findings_are_failing_testcases() -> None:
    """0 findings, but the availability floor failed the gate: one failing testcase."""
    gate = Gate(
        passed=False,
        reasons=[GateReason(kind=GateReasonKind.MIN_AVAILABILITY, message="99.987% < 99.99%")],
    )
    root = parse(formatter("junit")(report(gate=gate)))
    failing = [c for c in cases(root) if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["gate: min_availability"]
    failure = failing[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "99.987% < 99.99%"
    assert root.get("failures") == "1"
