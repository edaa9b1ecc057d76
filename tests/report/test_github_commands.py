"""GitHub workflow commands: command per severity, properties and exact escaping."""

from __future__ import annotations

import pytest

from spofcheck.model import Severity
from spofcheck.report import formatter
from spofcheck.report.github import command, escape_data, escape_property
from tests.helpers.report_cases import finding, full_report, report


def test_data_escaping_follows_the_runner() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"


def test_property_escaping_also_covers_colon_and_comma() -> None:
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_a_finding_becomes_an_error_with_file_lines_and_title() -> None:
    first = formatter("github")(report([finding()])).splitlines()[0]
    assert first == (
        "::error file=infra/main.tf,line=12,endLine=30,"
        "title=HA001 single-point-of-failure (high)::"
        "aws_db_instance.main is a single point of failure"
        "%0AHow to fix: https://github.com/spofcheck/spofcheck/blob/main/docs/rules/HA001.md"
    )


@pytest.mark.parametrize(
    ("severity", "name"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.HIGH, "error"),
        (Severity.MEDIUM, "warning"),
        (Severity.LOW, "notice"),
        (Severity.INFO, "notice"),
    ],
)
def test_command_follows_severity(severity: Severity, name: str) -> None:
    first = formatter("github")(report([finding(severity=severity)])).splitlines()[0]
    assert first.startswith(f"::{name} ")


def test_properties_with_colons_and_commas_are_escaped() -> None:
    f = finding(file="infra/a,b:c.tf", message="x")
    first = formatter("github")(report([f])).splitlines()[0]
    assert first.startswith("::error file=infra/a%2Cb%3Ac.tf,line=12,")


def test_message_newlines_cannot_inject_commands() -> None:
    f = finding(message="ok\n::set-env name=X::y")
    lines = formatter("github")(report([f])).splitlines()
    assert not any(line.startswith("::set-env") for line in lines)


def test_unknown_line_leaves_line_properties_out() -> None:
    line = command("warning", "m", file="a.tf", line=None, endLine=None, title="t")
    assert line == "::warning file=a.tf,title=t::m"


def test_full_report_orders_by_severity_then_errors_notes_availability_summary() -> None:
    lines = formatter("github")(full_report()).splitlines()
    kinds = [line.split(" ", 1)[0].split("::")[1] for line in lines[:5]]
    assert kinds == ["error", "error", "warning", "notice", "notice"]
    assert "file=../modules/db/main.tf" in lines[3]
    assert (
        lines[5]
        == "::error file=infra/broken.tf,line=3,title=spofcheck input error::unclosed block"
    )
    assert lines[6].startswith("::notice title=spofcheck note::infra/lb.tf:3: ignore of HA005")
    assert lines[7] == (
        "::notice title=spofcheck availability::availability 99.912%25, SLO 99.95%25 NOT met "
        "(38 min downtime per 30-day month)"
    )
    # the report carries no gate of its own: the verdict its errors, findings and SLO imply
    assert lines[8:11] == [
        "::error title=spofcheck gate::1 input error: what could be read was analyzed",
        "::error title=spofcheck gate::2 findings at or above high",
        "::error title=spofcheck gate::availability 99.912%25 misses the SLO 99.95%25",
    ]
    assert lines[11] == (
        "spofcheck: 5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info) · 1 suppressed"
        " · 1 input error · gate failed"
    )
    assert not any("bastion" in line for line in lines)  # suppressed: no annotation
