"""action.yml's `run:` steps, run as the GitHub runner runs them (bash -eo pipefail)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.helpers.throwaway import env

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "fixtures/architectures/aws-three-tier-bad"
GOOD = REPO / "fixtures/architectures/aws-three-tier-good"
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")


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
        key: EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
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
