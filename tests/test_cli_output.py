"""Output conventions of `scan` (issue 15): --quiet, --compact, --color, NO_COLOR,
FORCE_COLOR, TERM=dumb; colour never in -o files; the pre-commit hint works off PATH."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from spofcheck.report.style import ColourChoice, wants_colour

BAD = str(Path(__file__).resolve().parents[1] / "fixtures" / "architectures" / "aws-three-tier-bad")
CLEAN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm"}


def scan(*args: str, env: dict[str, str | None] | None = None) -> str:
    result = CliRunner().invoke(main, ["scan", BAD, "--no-cache", *args], env=env or CLEAN_ENV)
    assert result.exit_code == 1, result.output
    return result.output


def test_quiet_shows_only_failing_findings_and_the_verdict() -> None:
    """aws-three-tier-bad: 7 high findings fail (fail on high); 3 medium and 1 low do not."""
    lines = scan("--quiet").splitlines()
    findings = [line for line in lines if line.startswith("  ")]
    assert len(findings) == 7
    assert all(" high " in line for line in findings)
    assert not [line for line in lines if line.startswith(("note:", "HA0", "Run ", "availability"))]
    assert lines[-1].startswith("✗ gate failed: 7 findings at or above high")


def test_compact_drops_request_paths_and_rule_explanations() -> None:
    full = scan("--color", "never")
    compact = scan("--compact", "--color", "never")
    assert " via aws_route53_record.www → " in full
    assert " via " not in compact
    assert "HA001 single-point-of-failure: " in full
    assert "HA001 single-point-of-failure: " not in compact
    assert len([ln for ln in compact.splitlines() if ln.startswith("  ")]) == 11


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        (ColourChoice.ALWAYS, {"NO_COLOR": "1"}, False, True),
        (ColourChoice.NEVER, {"FORCE_COLOR": "1"}, True, False),
        (ColourChoice.AUTO, {"NO_COLOR": "1"}, True, False),
        (ColourChoice.AUTO, {"NO_COLOR": ""}, True, True),  # empty NO_COLOR: not set
        (ColourChoice.AUTO, {"FORCE_COLOR": "1"}, False, True),
        (ColourChoice.AUTO, {"FORCE_COLOR": "0"}, False, False),
        (ColourChoice.AUTO, {"TERM": "dumb"}, True, False),
        (ColourChoice.AUTO, {}, True, True),
        (ColourChoice.AUTO, {}, False, False),
    ],
)
def test_colour_decision(
    choice: ColourChoice, env: dict[str, str], tty: bool, expected: bool
) -> None:
    assert wants_colour(choice, env, tty) is expected


def test_color_always_colours_stdout_but_never_an_output_file(tmp_path: Path) -> None:
    assert "\x1b[31m" in scan("--color", "always")
    assert "\x1b[" not in scan(env={**CLEAN_ENV, "NO_COLOR": "1"})
    assert "\x1b[31m" in scan(env={**CLEAN_ENV, "FORCE_COLOR": "1"})
    target = tmp_path / "report.txt"
    scan("--color", "always", "-f", "text", "-o", str(target))
    assert "\x1b[" not in target.read_text("utf-8")


def test_the_hook_explains_rules_without_a_command() -> None:
    """Under pre-commit, spofcheck lives in pre-commit's own environment, not on PATH:
    the hint gives each rule's one-line why and docs URL instead of a command to run."""
    result = CliRunner().invoke(
        main, ["hook", f"{BAD}/data.tf", "--fail-on", "high"], env=CLEAN_ENV
    )
    assert result.exit_code == 1, result.output
    assert "spofcheck explain" not in result.output
    assert (
        "HA001 single-point-of-failure: Single point of failure on a request path — "
        "https://github.com/spofcheck/spofcheck/blob/main/docs/rules/HA001.md"
    ) in result.output.splitlines()
    assert "spofcheck explain RULE" in scan()
