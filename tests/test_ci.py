""".ci/run: the README's test command, then the linters; a failing pytest fails CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# A stand-in for python3: `python3 -m venv .venv` makes a venv whose tools log their
# arguments; its python (pytest) exits with $PYTEST_EXIT.
_FAKE_PYTHON = """#!/bin/sh
mkdir -p .venv/bin
for tool in pip ruff mypy; do
  printf '#!/bin/sh\\necho "%s $*" >> "$CI_LOG"\\n' "$tool" > ".venv/bin/$tool"
done
printf '#!/bin/sh\\necho "pytest $*" >> "$CI_LOG"\\nexit "$PYTEST_EXIT"\\n' > .venv/bin/python
chmod +x .venv/bin/*
"""


def _run_ci(tmp_path: Path, pytest_exit: int) -> tuple[int, list[str]]:
    (tmp_path / ".ci").mkdir()
    shutil.copy(REPO / ".ci" / "run", tmp_path / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in {"python3": _FAKE_PYTHON, "dot": "#!/bin/sh\n"}.items():
        (bin_dir / name).write_text(text, "utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CI_LOG": str(log)}
    done = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")],
        env={**env, "PYTEST_EXIT": str(pytest_exit)},
        capture_output=True,
        check=False,
        timeout=60,
    )
    return done.returncode, log.read_text("utf-8").splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_tests_pass_then_every_linter_runs(tmp_path: Path) -> None:
    code, log = _run_ci(tmp_path, 0)
    assert code == 0
    assert [line.split()[0] for line in log] == ["pip", "pytest", "pip", "ruff", "ruff", "mypy"]
    assert log[3].startswith("ruff check ")
    assert log[4].startswith("ruff format --check ")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("exit_code", [1, 5])
def test_a_failing_or_empty_test_run_fails_ci_before_the_linters(
    tmp_path: Path, exit_code: int
) -> None:
    """pytest exit 5 means no test was collected: CI must not pass on zero tests."""
    code, log = _run_ci(tmp_path, exit_code)
    assert code == exit_code
    assert [line.split()[0] for line in log] == ["pip", "pytest"]
