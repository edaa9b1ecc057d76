"""Standard output that is full, closed or abandoned: one line or silence, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.throwaway import env

REPO = Path(__file__).resolve().parents[2]
SPOF = REPO / "fixtures" / "architectures" / "seed-q3-spof"  # high findings: verdict 1
GOOD = REPO / "fixtures" / "architectures" / "aws-three-tier-good"  # clean: verdict 0
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")


def _spofcheck(*args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spofcheck", *args],
        env=env(),
        capture_output="stdout" not in popen,
        stderr=subprocess.PIPE if "stdout" in popen else None,
        text=True,
        timeout=300,
        check=False,
        **popen,  # type: ignore[call-overload]
    )


@needs_dev_full
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_file_on_a_full_disk_is_one_line_and_exit_2(fmt: str) -> None:
    done = _spofcheck("scan", str(SPOF), "-f", fmt, "-o", str(FULL))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "spofcheck: error: /dev/full: cannot write output: No space left on device"
    ]


@needs_dev_full
def test_stdout_on_a_full_disk_is_one_line_and_exit_2() -> None:
    with FULL.open("w") as full:
        done = _spofcheck("scan", str(SPOF), stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "spofcheck: error: cannot write to standard output: No space left on device"
    ]


@pytest.mark.parametrize(("stack", "verdict"), [(SPOF, 1), (GOOD, 0)])
def test_a_closed_stdout_keeps_the_verdict(stack: Path, verdict: int) -> None:
    """Started with descriptor 1 closed (`spofcheck scan x >&-`)."""
    done = subprocess.run(
        ["bash", "-c", '"$0" -m spofcheck scan "$1" >&-', sys.executable, str(stack)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr) == (verdict, "")


@pytest.mark.parametrize(("stack", "verdict"), [(SPOF, 1), (GOOD, 0)])
def test_a_reader_that_goes_away_keeps_the_verdict(stack: Path, verdict: int) -> None:
    """`spofcheck scan x | head -0`: the pipe's reader is gone before anything is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "spofcheck", "scan", str(stack), "-f", "json"],
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert (process.wait(timeout=300), stderr) == (verdict, "")
