"""The CLI as a user meets it: version, help, rules, explain, and usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from spofcheck import __version__
from spofcheck.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spofcheck", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version_prints_the_package_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"spofcheck, version {__version__}"


def test_version_does_not_import_the_heavy_stack() -> None:
    """--version must stay instant: pydantic, networkx and lark load lazily."""
    code = (
        "import sys; from spofcheck.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'networkx', 'lark', 'ruamel.yaml')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("scan", "model", "rules", "explain"):
        assert command in result.output


def test_rules_json_lists_ha001_with_its_docs() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rules = {r["id"]: r for r in json.loads(result.output)}
    assert rules["HA001"]["name"] == "single-point-of-failure"
    assert rules["HA001"]["severity"] == "high"


def test_explain_accepts_id_or_name_in_any_case() -> None:
    by_id = CliRunner().invoke(main, ["explain", "ha001"])
    by_name = CliRunner().invoke(main, ["explain", "single-point-of-failure"])
    assert by_id.exit_code == by_name.exit_code == 0
    assert by_id.output == by_name.output
    assert "How to fix it" in by_id.output


def test_unknown_rule_is_a_one_line_usage_error() -> None:
    result = run("explain", "HA999")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unknown rule 'HA999'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_reported_and_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "nope"), "--format", "json"])
    assert result.exit_code == 2
    errors = json.loads(result.output)["errors"]
    assert [e["message"] for e in errors] == ["no such file or folder"]


def test_empty_folder_says_there_is_nothing_to_analyze(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    (error,) = json.loads(result.output)["errors"]
    assert error["message"].startswith("nothing to analyze")


def test_two_formats_to_stdout_are_refused() -> None:
    result = run("scan", ".", "--format", "json", "--format", "text")
    assert result.returncode == 2
    assert "only one --format can go to stdout" in result.stderr
