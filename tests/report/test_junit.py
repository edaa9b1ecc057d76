"""JUnit XML: one uniquely named testcase per finding, errors as <error>, never zero tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from spofcheck.model import ParseError, Severity
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
    """full_report: 5 active findings, 1 suppressed, 1 error, 1 stack = 8 tests."""
    root = parse(formatter("junit")(full_report()))
    suite = root.find("testsuite")
    assert suite is not None
    for element in (root, suite):
        assert element.get("tests") == "8"
        assert element.get("failures") == "5"
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
    names = [c.get("name") for c in cases(parse(formatter("junit")(report([low, critical]))))]
    assert names[:2] == ["HA001 z (z.tf:12)", "HA001 a (a.tf:12)"]


def test_markup_and_control_characters_stay_well_formed() -> None:
    nasty = finding(message='a <b> & "c" \x1b[31m\x00 ]]>')
    root = parse(formatter("junit")(report([nasty])))
    failure = cases(root)[0].find("failure")
    assert failure is not None
    assert failure.get("message") == 'aws_db_instance.main: a <b> & "c" \ufffd[31m\ufffd ]]>'


def test_error_paths_are_relative() -> None:
    outside = "/home/ci/work/modules/x.tf"
    r = report(errors=[ParseError(file=outside, line=2, message="bad")])
    text = formatter("junit")(r)
    assert "/home/ci" not in text
    assert 'file="../modules/x.tf"' in text
