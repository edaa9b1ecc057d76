"""action.yml's shell steps, run as the GitHub runner runs them (bash -eo pipefail).

The install step (`pip install` of the action's checkout) and the upload step (a
GitHub-hosted action) are not run here; everything between them is. The install step
runs in tests/integration/test_installed.py, into a fresh virtual environment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.action_kit import BAD, EXPRESSION, GOOD, REPO, action, run_step, workspace
from tests.helpers.throwaway import env

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_every_input_the_steps_use_is_declared() -> None:
    declared = set(action()["inputs"])
    used = set(EXPRESSION.findall((REPO / "action.yml").read_text("utf-8")))
    assert used <= declared


@pytest.mark.parametrize(("fixture", "code"), [(BAD, "1"), (GOOD, "0")])
def test_scan_step_writes_sarif_summary_annotations_and_the_exit_code(
    tmp_path: Path, fixture: Path, code: str
) -> None:
    space = workspace(tmp_path, fixture)
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    files = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)}
    done = run_step("Scan", space, {"paths": "infra"}, files)
    assert done.returncode == 0, done.stderr  # the scan step itself never fails
    assert output.read_text("utf-8") == f"exit-code={code}\n", done.stdout + done.stderr
    assert '"version": "2.1.0"' in (space / "spofcheck.sarif").read_text("utf-8")
    assert summary.read_text("utf-8").startswith("## spofcheck\n")
    if code == "1":
        assert "::error file=infra/" in done.stdout

    gate = run_step("Apply the gate", space, {}, {"CODE": code})
    assert gate.returncode == int(code)


def test_a_run_that_writes_no_sarif_is_not_reported_as_findings(tmp_path: Path) -> None:
    """A crash exits 1 like a finding; with no SARIF written the step reports 2."""
    space = tmp_path / "workspace"
    space.mkdir()
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "spofcheck").write_text("#!/bin/sh\necho Traceback >&2\nexit 1\n", "utf-8")
    (fake / "spofcheck").chmod(0o755)
    output = tmp_path / "output.txt"
    extra = {"GITHUB_OUTPUT": str(output), "PATH": f"{fake}:{env()['PATH']}"}
    done = run_step("Scan", space, {}, extra)
    assert done.returncode == 0
    assert output.read_text("utf-8") == "exit-code=2\n"
    assert run_step("Apply the gate", space, {}, {"CODE": "2"}).returncode == 2
    assert run_step("Apply the gate", space, {}, {"CODE": ""}).returncode == 2


def test_inputs_reach_the_command_line(tmp_path: Path) -> None:
    """fail-on critical + annotations off: the bad stack's worst is high, so it passes."""
    space = workspace(tmp_path, BAD)
    output = tmp_path / "output.txt"
    inputs = {"paths": "infra", "fail-on": "critical", "annotations": "false"}
    done = run_step("Scan", space, inputs, {"GITHUB_OUTPUT": str(output)})
    assert output.read_text("utf-8") == "exit-code=0\n"
    assert "::error" not in done.stdout
    assert "findings" in done.stdout  # the text report
