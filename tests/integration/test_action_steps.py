"""action.yml's shell steps, run as the GitHub runner runs them (bash -eo pipefail).

The install step (`pip install` of the action's checkout) and the upload step (a
GitHub-hosted action) are not run here; everything between them is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from throwaway import env

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "fixtures/architectures/aws-three-tier-bad"
GOOD = REPO / "fixtures/architectures/aws-three-tier-good"
_EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def action() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((REPO / "action.yml").read_text("utf-8"))
    return data


def step(name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in action()["runs"]["steps"] if s.get("name") == name)
    return found


def run_step(
    name: str, workspace: Path, inputs: dict[str, str], extra: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """One `run:` step, its `${{ inputs.* }}` environment resolved from `inputs` and defaults."""
    defaults = {k: str(v.get("default", "")) for k, v in action()["inputs"].items()}
    values = {**defaults, **inputs}
    spec = step(name)
    variables = {
        key: _EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
        for key, value in spec.get("env", {}).items()
    }
    path = f"{Path(sys.executable).parent}:{env()['PATH']}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", spec["run"]],
        cwd=workspace,
        env=env(**{**variables, "PATH": path, **extra}),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def workspace(tmp_path: Path, fixture: Path) -> Path:
    """A checkout, as actions/checkout leaves it: paths are reported from its root."""
    target = tmp_path / "workspace"
    shutil.copytree(fixture, target / "infra")
    (target / ".git").mkdir()
    return target


def test_every_input_the_steps_use_is_declared() -> None:
    declared = set(action()["inputs"])
    used = set(_EXPRESSION.findall((REPO / "action.yml").read_text("utf-8")))
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
