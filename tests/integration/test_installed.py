"""spofcheck as users get it: a wheel built from this tree, installed into a fresh venv.

The editable install the other tests use imports from the source tree, so a subpackage
missing from the wheel (spofcheck.diff once was) only shows here. Every command the click
group registers gets `--help`; scan, diff and hook run on real inputs; the Action's
install, scan and gate steps run against their own fresh venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import click
import pytest

from spofcheck.cli import main
from tests.helpers.action_kit import BAD, REPO, run_step, workspace
from tests.helpers.throwaway import commit, db_stack, env, init, web_stack, write

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash"),
]

_NOT_SOURCE = shutil.ignore_patterns(
    ".*", "*.egg-info", "build", "dist", "__pycache__", "tests", "fixtures", "benchmarks"
)


def _source(tmp: Path) -> Path:
    """This tree without tests, fixtures, venvs and caches, as a checkout would ship it."""
    source = tmp / "source"
    shutil.copytree(REPO, source, ignore=_NOT_SOURCE)
    return source


def _fresh_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return where / "bin"


def _run(args: list[str | Path], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _install_wheel(tmp: Path) -> Path:
    """The bin/ of a fresh venv holding the wheel built from this tree (and its deps)."""
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", "dist", _source(tmp)], tmp
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("spofcheck-*.whl")
    bin_dir = _fresh_venv(tmp / "venv")
    done = _run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], tmp)
    assert done.returncode == 0, done.stderr
    return bin_dir


def _spofcheck(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script; whatever the exit code, never a traceback."""
    done = _run([bin_dir / "spofcheck", *args], cwd)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _commands(group: click.Group = main, prefix: str = "") -> list[str]:
    """Every command path, subcommands of groups (`cache info`) included."""
    found = []
    with click.Context(group) as ctx:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append(f"{prefix}{name}")
            if isinstance(command, click.Group):
                found += _commands(command, f"{prefix}{name} ")
    return found


def _check_it_imports_the_installed_copy(installed: Path, tmp_path: Path) -> None:
    done = _run(
        [installed / "python", "-c", "import spofcheck; print(spofcheck.__file__)"], tmp_path
    )
    assert Path(done.stdout.strip()).is_relative_to(installed.parent), done.stderr


def _check_every_command_answers_help(installed: Path, tmp_path: Path) -> None:
    """Enumerated from the click group, so a new command is covered without editing this."""
    commands = _commands()
    assert {"scan", "diff", "hook", "cache info"} <= set(commands)
    for command in ["--version", "--help", *(f"{c} --help" for c in commands)]:
        done = _spofcheck(installed, tmp_path, *command.split())
        assert (done.returncode, done.stderr) == (0, ""), command


def _check_scan_of_the_bad_three_tier_fixture(installed: Path, tmp_path: Path) -> None:
    """The fixture's findings include high ones, so the default gate (high) exits 1."""
    shutil.copytree(BAD, tmp_path / "infra")
    done = _spofcheck(installed, tmp_path, "scan", "infra", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["findings"]


def _check_diff_against_the_previous_commit(installed: Path, tmp_path: Path) -> None:
    """HEAD~1 has a multi-AZ database, HEAD a single-AZ one: HA002 is new (medium, as no
    entry point reaches the database), so the gate at medium exits 1."""
    repo = init(tmp_path / "repo")
    write(repo / "db/main.tf", db_stack(multi_az=True))
    commit(repo, "base")
    write(repo / "db/main.tf", db_stack(multi_az=False))
    commit(repo, "head")
    gate = ("--fail-on-new", "medium")
    done = _spofcheck(installed, repo, "diff", "--base", "HEAD~1", "-f", "json", *gate)
    assert done.returncode == 1, done.stderr
    assert "HA002" in {f["rule_id"] for f in json.loads(done.stdout)["new"]}


def _check_hook_on_a_changed_file(installed: Path, tmp_path: Path) -> None:
    """A lone instance behind an internet-facing load balancer: HA001 (high), exit 1."""
    write(tmp_path / "web/main.tf", web_stack())
    done = _spofcheck(installed, tmp_path, "hook", "web/main.tf")
    assert done.returncode == 1, done.stderr
    assert "HA001" in done.stdout


def test_the_installed_wheel_runs_every_command(tmp_path: Path) -> None:
    """One venv for all checks: built once per run, whichever xdist worker runs this."""
    installed = _install_wheel(tmp_path)
    checks = [
        _check_it_imports_the_installed_copy,
        _check_every_command_answers_help,
        _check_scan_of_the_bad_three_tier_fixture,
        _check_diff_against_the_previous_commit,
        _check_hook_on_a_changed_file,
    ]
    for check in checks:
        work = tmp_path / check.__name__
        work.mkdir()
        check(installed, work)


def test_the_action_installs_scans_and_gates(tmp_path: Path) -> None:
    """action.yml's steps with a fresh venv's bin/ first on PATH, as setup-python leaves it."""
    bin_dir = _fresh_venv(tmp_path / "venv")
    path = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    checkout = {"GITHUB_ACTION_PATH": str(_source(tmp_path)), **path}
    install = run_step("Install spofcheck", tmp_path, {}, checkout)
    assert install.returncode == 0, install.stderr
    space = workspace(tmp_path, BAD)
    output = tmp_path / "output.txt"
    scan = run_step("Scan", space, {"paths": "infra"}, {"GITHUB_OUTPUT": str(output), **path})
    assert output.read_text("utf-8") == "exit-code=1\n", scan.stderr
    assert "::error file=infra/" in scan.stdout
    assert run_step("Apply the gate", space, {}, {"CODE": "1", **path}).returncode == 1
