"""The text report: grouped by file, one line a finding, a summary people can read."""

from __future__ import annotations

from spofcheck.model import ParseError, Severity
from spofcheck.report.text import render
from tests.helpers.report_cases import finding, report, stack


def test_findings_are_grouped_under_their_file_with_file_and_line() -> None:
    text = render(
        report(
            [
                finding("HA001", file="a.tf", line=3, component="x"),
                finding("HA002", file="a.tf", line=9, component="y"),
                finding("HA003", Severity.MEDIUM, file="b.yaml", line=1, component="z"),
            ]
        ),
        colour=False,
    )
    lines = text.splitlines()
    assert lines[0] == "a.tf"
    assert lines[1].startswith("  a.tf:3: high     HA001 x: ")
    assert lines[2].startswith("  a.tf:9: high     HA002 y: ")
    assert lines[3] == ""
    assert lines[4] == "b.yaml"
    assert lines[5].startswith("  b.yaml:1: medium   HA003 z: ")


def test_summary_counts_by_severity_and_pluralizes() -> None:
    one = report([finding()], stacks=[stack("infra", 1)], components=1)
    text = render(one, colour=False)
    assert "✗ 1 finding (1 high) · 1 component in 1 stack" in text


def test_suppressed_and_errors_are_counted_and_listed() -> None:
    data = report(
        [finding(), finding("HA002", suppressed=True, reason="accepted")],
        errors=[ParseError(file="bad.tf", line=4, message="unclosed block")],
    )
    text = render(data, colour=False)
    assert "  bad.tf:4: unclosed block" in text.splitlines()
    assert "1 suppressed" in text
    assert "1 input error" in text


def test_colour_only_when_asked() -> None:
    data = report([finding()])
    assert "\033[" not in render(data, colour=False)
    assert "\033[31m" in render(data, colour=True)


def test_clean_report_has_a_tick_and_no_explain_hint() -> None:
    text = render(report([]), colour=False)
    assert text.splitlines()[-2].startswith("✓ 0 findings")
    assert text.splitlines()[-1] == "✓ gate passed"
    assert "spofcheck explain" not in text


def test_findings_in_a_module_shared_by_stacks_name_their_stack() -> None:
    """modules/db/main.tf is scanned through two roots: each line says which one."""
    shared = [
        finding(file="modules/db/main.tf", component="module.db.aws_db_instance.this").model_copy(
            update={"stack": stack_path}
        )
        for stack_path in ("envs/prod", "envs/staging")
    ]
    own = finding(file="envs/prod/main.tf").model_copy(update={"stack": "envs/prod"})
    lines = render(report([*shared, own]), colour=False).splitlines()
    assert any("module.db.aws_db_instance.this (in stack envs/prod):" in line for line in lines)
    assert any("module.db.aws_db_instance.this (in stack envs/staging):" in line for line in lines)
    assert not any("aws_db_instance.main (in stack" in line for line in lines)
