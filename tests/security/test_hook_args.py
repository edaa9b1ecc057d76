"""File names pre-commit passes to the hook are never read as options.

The attack: a pull request commits `cfg.yml` disabling every rule and a file named
`--config=cfg.yml`; if the hook parsed that name as an option, it would pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from spofcheck.cli import main
from tests.helpers.throwaway import web_stack, write

REPO = Path(__file__).resolve().parents[2]
ALL_RULES = [f"HA{n:03}" for n in range(1, 18)]
PLANTED = "--config=cfg.yml"


@pytest.fixture
def attacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """web/main.tf fires HA001 (high); cfg.yml disables every rule."""
    write(tmp_path / "web/main.tf", web_stack())
    write(tmp_path / "cfg.yml", f"disable: [{', '.join(ALL_RULES)}]\n")
    write(tmp_path / PLANTED, "version: 1\ncomponents: {}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _hook(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["hook", *args])
    return result.exit_code, result.stdout + result.stderr


def test_the_published_entry_ends_with_a_double_dash() -> None:
    (hook,) = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["entry"].split()[-1] == "--"


def test_a_planted_option_name_after_the_double_dash_is_a_file(attacked: Path) -> None:
    """As pre-commit runs it: entry, then the files (first or last)."""
    for files in ([PLANTED, "web/main.tf"], ["web/main.tf", PLANTED]):
        code, out = _hook("--", *files)
        assert code == 1, out
        assert "HA001" in out


def test_the_users_args_after_the_double_dash_are_still_options(attacked: Path) -> None:
    """`args: [--fail-on, critical]`: the stack's worst finding is high, so it passes."""
    assert _hook("--", "--fail-on", "critical", PLANTED, "web/main.tf")[0] == 0
    assert _hook("--", "--fail-on=critical", "web/main.tf")[0] == 0
    assert _hook("--", "--fail-on", "high", "web/main.tf")[0] == 1


def test_an_option_naming_an_existing_file_before_the_double_dash_is_refused(
    attacked: Path,
) -> None:
    """An old hook definition (entry without `--`): refuse rather than obey the file."""
    code, out = _hook(PLANTED, "web/main.tf")
    assert code == 2
    assert out.strip().splitlines() == [
        "spofcheck: error: '--config=cfg.yml' is a file, not an option: put `--` before "
        "file names (entry: spofcheck hook --)"
    ]


def test_a_flag_takes_no_value_and_a_planted_flag_name_is_a_file(attacked: Path) -> None:
    """`--no-fail-on-incomplete` is a flag: the `--fail-on critical` after it is still
    read (the stack's high finding passes). A committed file named `--fail-on=critical`
    stays a file, so HA001 still fails the hook."""
    assert _hook("--", "--no-fail-on-incomplete", "--fail-on", "critical", "web/main.tf")[0] == 0
    write(attacked / "--fail-on=critical", "")
    code, out = _hook("--", "--no-fail-on-incomplete", "--fail-on=critical", "web/main.tf")
    assert code == 1, out
    assert "HA001" in out
