"""Hostile inputs that used to end a scan with a traceback, or to be accepted wrongly.

Each case puts one input from `fixtures/invalid/hostile/` (or one generated here) next
to a valid stack (`fixtures/invalid/neighbours/`, one single-replica database), scans in
a child process (tests/cli_kit.py: timeout, address-space limit) and checks: no
traceback, a located one-line error (exit 2) or the right behaviour, and the
neighbour still analyzed (its HA001 finding reported).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli_kit import Scan, line_of, scan, seed_cache

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "invalid"
HOSTILE = FIXTURES / "hostile"
BIG = "1" * 4301  # one digit over Python's int(str) limit of 4,300


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-cache")
    seed_cache(folder)
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(FIXTURES / "neighbours", root / "neighbours")
    return root


def _neighbour_analyzed(result: Scan) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    tf = FIXTURES / "neighbours" / "terraform" / "main.tf"
    found = [f["line"] for f in result.findings_for("neighbours/terraform/main.tf", "HA001")]
    assert found == [line_of(tf, b'resource "aws_db_instance" "main"')]


def _one_error(result: Scan, file: str) -> dict[str, object]:
    assert result.returncode == 2, result.stdout + result.stderr
    errors = result.errors_for(file)
    assert len(errors) == 1, result.report["errors"]
    return errors[0]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("big/main.tf", f'resource "aws_instance" "w" {{\n  count = {BIG}\n}}\n'),
        ("big/main.tf.json", f'{{"locals": {{\n"n": {BIG}}}}}\n'),
        ("big/terraform.tfvars.json", f'{{\n"n": {BIG}}}\n'),
    ],
)
def test_integer_over_4300_digits_is_a_located_error(
    tree: Path, cache: Path, name: str, text: str
) -> None:
    """Line 2 holds the number in each file."""
    if name.endswith("tfvars.json"):
        _write(tree / "big" / "main.tf", 'variable "n" {}\n')
    _write(tree / name, text)
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    error = _one_error(result, name)
    assert (error["line"], error["message"]) == (2, "number with more than 4300 digits")


def test_integer_over_4300_digits_in_a_plan(tree: Path, cache: Path) -> None:
    plan = json.loads((HOSTILE / "plan-template.json").read_text("utf-8"))
    text = json.dumps(plan, indent=1).replace('"__NUMBER__"', BIG)
    path = _write(tree / "plan" / "plan.json", text)
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    error = _one_error(result, "plan/plan.json")
    assert error["line"] == line_of(path, BIG.encode())


def test_lone_surrogate_in_a_plan_becomes_a_replacement_character(tree: Path, cache: Path) -> None:
    """Go's encoding/json (so Terraform) reads `\\ud800` alone as U+FFFD; so do we."""
    shutil.copy(HOSTILE / "lone-surrogate-plan.json", _dir(tree / "plan") / "plan.json")
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    assert result.returncode == 1
    assert any("\ufffd" in f["component"] for f in result.report["findings"])


def test_deeply_nested_plan_is_a_located_error(tree: Path, cache: Path) -> None:
    head = '{"format_version": "1.2", "terraform_version": "1.8.0", "planned_values": '
    _write(tree / "plan" / "plan.json", head + "[" * 100_000 + "]" * 100_000 + "}")
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    assert _one_error(result, "plan/plan.json")["message"] == "JSON nested too deeply"


def test_deeply_nested_baseline_is_a_located_error(tree: Path, cache: Path) -> None:
    from tests.helpers.cli_kit import run_cli

    _write(tree / "baseline.json", "[" * 100_000 + "]" * 100_000)
    env = {"SPOFCHECK_CACHE_DIR": str(cache), "PATH": ""}
    done = run_cli(["scan", ".", "--baseline", "baseline.json"], tree, env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "baseline.json:1: JSON nested too deeply" in done.stderr + done.stdout


@pytest.mark.parametrize(
    "message",
    [
        "{component.__class__.__init__.__globals__}",
        "{component[0]}",
        "{missing_attribute}",
        "{cause:>999999999}",
        "{component!r}",
    ],
)
def test_custom_rule_message_templates_are_plain_fields_only(
    tree: Path, cache: Path, message: str
) -> None:
    """Refused when the rule folder is loaded: exit 2, the rule file and key named."""
    from tests.helpers.cli_kit import run_cli

    rule = (HOSTILE / "rule-template.yaml").read_text("utf-8")
    _write(tree / "rules" / "XX001.yaml", rule.replace("__MESSAGE__", json.dumps(message)))
    env = {"SPOFCHECK_CACHE_DIR": str(cache), "PATH": ""}
    done = run_cli(["scan", "neighbours", "--rules", "rules"], tree, env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "XX001.yaml" in done.stderr
    assert "message template" in done.stderr


def test_suppression_text_in_a_heredoc_is_not_a_suppression(tree: Path, cache: Path) -> None:
    shutil.copytree(HOSTILE / "heredoc-suppression", tree / "heredoc")
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    path = tree / "heredoc" / "main.tf"
    found = result.findings_for("heredoc/main.tf", "HA001")
    assert [f["line"] for f in found] == [line_of(path, b'resource "aws_db_instance"')]
    assert result.report["suppressed"] == []


def test_invisible_suppression_reason_is_not_a_reason(tree: Path, cache: Path) -> None:
    """The reason is one zero-width space (U+200B): not applied, and a note says so."""
    shutil.copytree(HOSTILE / "invisible-reason", tree / "invisible")
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    assert len(result.findings_for("invisible/main.tf", "HA001")) == 1
    assert result.report["suppressed"] == []
    assert any("has no reason" in n for n in result.report["notes"])


@pytest.mark.parametrize("text", ["{}", '{"name": "web", "version": "1.0.0"}'])
def test_json_named_on_the_command_line_must_be_a_plan(tree: Path, cache: Path, text: str) -> None:
    """Before: `✓ 0 findings`, exit 0, as if an empty plan had been checked."""
    _write(tree / "package.json", text)
    result = scan(tree, cache, "package.json", "neighbours")
    _neighbour_analyzed(result)
    assert "not a recognized input" in str(_one_error(result, "package.json")["message"])


def test_json_met_in_a_folder_walk_is_skipped_and_counted(tree: Path, cache: Path) -> None:
    _write(tree / "web" / "package.json", '{"name": "web"}')
    _write(tree / "web" / "tsconfig.json", "{}")
    result = scan(tree, cache)
    _neighbour_analyzed(result)
    assert result.report["errors"] == []
    assert "2 JSON file(s) skipped: not Terraform plans" in " ".join(result.report["notes"])


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
