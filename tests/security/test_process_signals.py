"""Ctrl-C and SIGTERM in the middle of a parallel scan: one line, the shell's exit code,
and no worker process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.monorepo import generate_monorepo
from tests.helpers.throwaway import env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc"),
    pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one CPU: no worker pool"),
]


@pytest.fixture(scope="module")
def monorepo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated monorepo of 3,000 resources: many stacks, seconds of parsing."""
    root = tmp_path_factory.mktemp("monorepo") / "repo"
    assert generate_monorepo(root, 3000) >= 8
    return root


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found |= {int(p) for p in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def _scan_until_workers(monorepo: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """Start a cacheless scan in its own session; return once its worker pool runs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "spofcheck", "scan", str(monorepo), "--no-cache"],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= 2:
            return process, workers
        time.sleep(0.02)
    process.kill()
    pytest.fail("the scan never started its worker pool")


def _no_orphans(workers: set[int]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert [w for w in workers if _alive(w)] == []


def test_ctrl_c_exits_130_with_one_line(monorepo: Path) -> None:
    """The terminal sends SIGINT to the whole foreground process group."""
    process, workers = _scan_until_workers(monorepo)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, "spofcheck: interrupted\n")
    _no_orphans(workers)


def test_sigterm_stops_the_workers(monorepo: Path) -> None:
    """A CI runner cancelling the job sends SIGTERM to spofcheck alone."""
    process, workers = _scan_until_workers(monorepo)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    _no_orphans(workers)


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One stack of 48 large files: the Terraform parser's own per-folder pool starts."""
    root = tmp_path_factory.mktemp("bigfolder")
    for f in range(48):
        blocks = [
            f'resource "aws_instance" "r{f}_{i}" {{\n  ami = "ami-{i:08d}"\n'
            f'  instance_type = "t3.micro"\n  tags = {{ Name = "n{i}", Team = "t{f}" }}\n}}\n'
            for i in range(400)
        ]
        (root / f"f{f}.tf").write_text("".join(blocks))
    return root


def test_sigterm_stops_the_file_parsing_pool(big_folder: Path) -> None:
    """The per-folder parser pool (parse/terraform/sources.py) is stopped at once, not
    drained: a pool left to finish its queue would keep the runner busy for most of a
    full parse after the job was cancelled. Compared with a full parse in the same run
    (a ratio, so a loaded machine slows both sides alike)."""
    start = time.monotonic()
    full = subprocess.run(
        [sys.executable, "-m", "spofcheck", "scan", str(big_folder), "--no-cache"],
        env=env(),
        capture_output=True,
        check=False,
    )
    whole = time.monotonic() - start
    assert full.returncode == 0, full.stderr
    assert b"19200 components" in full.stdout.replace(b",", b"")  # every file was parsed
    process, workers = _scan_until_workers(big_folder)
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    after = time.monotonic() - signalled
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    _no_orphans(workers)
    assert after < whole / 3, (after, whole)


SWALLOWING = """
import os, signal, sys
import spofcheck.parse.parallel as parallel
from spofcheck.cli import main

real = parallel._load_many

def swallowing(*args, **kwargs):
    try:  # a library that catches everything, KeyboardInterrupt included
        os.kill(os.getpid(), signal.SIGINT)
    except BaseException:
        pass
    return real(*args, **kwargs)

parallel._load_many = swallowing
main(["scan", sys.argv[1]])
"""


def test_ctrl_c_swallowed_on_the_way_still_ends_the_run(repo: Path) -> None:
    """Whatever catches the KeyboardInterrupt, the run ends as interrupted (130), never
    with a verdict (0 or 1) on work the user stopped."""
    fixture = repo / "fixtures" / "architectures" / "aws-three-tier-bad"
    done = subprocess.run(
        [sys.executable, "-c", SWALLOWING, str(fixture)],
        env=env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (130, "spofcheck: interrupted\n")
