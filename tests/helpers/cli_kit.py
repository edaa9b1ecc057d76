"""Run the spofcheck CLI in a child process, bounded in time and memory, and read its report."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Hard bounds for one scan of a small tree: a hang or a memory blow-up fails the test
# instead of stalling or killing CI. A normal scan here needs < 0.3 GB of address space.
TIMEOUT_SECONDS = 120
ADDRESS_SPACE_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Scan:
    """One finished `spofcheck scan`: exit code, JSON report, text output, duration."""

    returncode: int
    report: dict[str, Any]
    stdout: str
    stderr: str
    seconds: float

    def errors_for(self, file: str) -> list[dict[str, Any]]:
        return [e for e in self.report["errors"] if e["file"] == file]

    def findings_for(self, file: str, rule: str) -> list[dict[str, Any]]:
        return [f for f in self.report["findings"] if f["file"] == file and f["rule_id"] == rule]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))


def run_cli(
    args: Sequence[str], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """`python -m spofcheck ARGS` in `cwd`; TimeoutExpired if it runs too long."""
    return subprocess.run(
        [sys.executable, "-m", "spofcheck", *args],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory if os.name == "posix" else None,
        check=False,
    )


def scan(tree: Path, cache: Path, *paths: str) -> Scan:
    """Scan `paths` (default `.`) inside `tree`: JSON to a file, text to stdout."""
    out = tree.parent / f"{tree.name}-report.json"
    env = {**os.environ, "SPOFCHECK_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    args = ["scan", *(paths or ["."]), "-f", "json", "-o", str(out), "-f", "text"]
    done = run_cli(args, tree, env)
    seconds = time.perf_counter() - start
    assert out.exists(), f"no report written (exit {done.returncode}):\n{done.stderr}"
    report = json.loads(out.read_text("utf-8"))
    return Scan(done.returncode, report, done.stdout, done.stderr, seconds)


def line_of(path: Path, needle: bytes, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line of `path` containing `needle`."""
    seen = 0
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s) in {path}")


def seed_cache(cache: Path) -> None:
    """One tiny scan into `cache`: it compiles the HCL grammar there as a user's first run
    does, so the scans that share the cache load it in milliseconds instead of each
    spending seconds compiling it."""
    tiny = cache.parent / f"{cache.name}-seed"
    tiny.mkdir(parents=True, exist_ok=True)
    (tiny / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n', encoding="utf-8")
    env = {**os.environ, "SPOFCHECK_CACHE_DIR": str(cache)}
    done = run_cli(["scan", ".", "-f", "json"], tiny, env)
    assert done.returncode in (0, 1), done.stderr
