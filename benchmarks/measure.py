"""Run a command and measure it: wall time, exit code, and peak memory of its process tree.

Peak memory is sampled from /proc every few milliseconds and summed over the command and
its descendants (a process pool's workers count). The sum is of PSS, not RSS: forked
workers share the parent's pages, which RSS would count once per process. `ru_maxrss`
from `wait4` is kept too: the largest single process. Without /proc only that is known.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """One finished command."""

    seconds: float
    cpu_seconds: float  # user + system, of the command and the children it waited for
    returncode: int
    tree_mb: float  # peak of the summed PSS of the process and its descendants
    max_process_mb: float  # peak RSS of the largest single process (wait4 ru_maxrss)
    stderr: str


def run(cmd: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> Run:
    """Run `cmd` to completion, stdout discarded, stderr kept."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env=dict(env), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, done), daemon=True)
    sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        returncode=proc.returncode,
        tree_mb=peak[0] / 1e6,
        max_process_mb=usage.ru_maxrss * 1024 / 1e6,
        stderr=stderr.decode("utf-8", "replace"),
    )


def _sample(pid: int, peak: list[int], done: threading.Event) -> None:
    parents: dict[int, int] = {}
    while not done.is_set():
        peak[0] = max(peak[0], tree_rss(pid, parents))
        done.wait(_SAMPLE_SECONDS)


def tree_rss(pid: int, parents: dict[int, int] | None = None) -> int:
    """Bytes resident in `pid` and its descendants now, shared pages split (PSS).

    `parents` (pid -> parent pid) is kept between calls so each process's stat file is
    read once: sampling must not steal the CPU from what it measures.
    """
    known = {} if parents is None else parents
    _learn_parents(pid, known)
    family = {pid}
    grown = True
    while grown:
        more = {child for child, parent in known.items() if parent in family} - family
        family |= more
        grown = bool(more)
    return sum(_rss(p) for p in family)


def _learn_parents(oldest: int, known: dict[int, int]) -> None:
    """Add pid -> parent pid for new processes started after `oldest` (descendants are:
    pids only wrap around after millions of processes)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for entry in entries:
        if entry.isdigit() and int(entry) >= oldest and int(entry) not in known:
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            # the command name (field 2) may hold spaces or parentheses: split after it
            known[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])


def _rss(pid: int) -> int:
    """PSS from smaps_rollup (Linux 4.14+), else RSS from statm, else 0."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def best_of(times: Sequence[float]) -> tuple[float, float]:
    """(minimum, median) of repeated timings: the minimum is least disturbed by other load."""
    ordered = sorted(times)
    return ordered[0], ordered[len(ordered) // 2]
