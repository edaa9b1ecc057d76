"""Benchmark `spofcheck scan` on a generated Terraform monorepo against python-hcl2 alone.

    .venv/bin/python benchmarks/scan.py [--sizes 100,1000,5000] [--repeat 1]
        [--workdir DIR] [--keep] [--checkov PATH]

For each size the script generates the monorepo (benchmarks/generate.py) and measures, in
one run on one machine: python-hcl2 alone parsing every file the scan reads
(`hcl2.loads`, in this process, grammar already loaded: the floor), a cold
`spofcheck scan` (no parsed file and no stack model cached; the per-installation cache
entries kept, see `_fresh_cache`: the very first run is measured separately), a warm
re-scan with nothing changed, a re-scan after one file's content changed, peak memory,
and checkov on the same repository when a `checkov` executable is found. Then `spofcheck --version`
and `--help` against a bare `python -c pass`. It prints Markdown tables of seconds and
of ratios to the floor, how each grows with size, and the targets of docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import scan_report as report
from generate import Generated, generate
from measure import Run, run

TOUCHED = "edge.tf"  # the file of the first stack whose content changes between runs
# --source (kept in this environment variable for the child processes): a spofcheck
# checkout to run instead of the installed one, e.g. a `git archive` of one commit, so
# that edits in a shared working tree cannot disturb a long run.
SOURCE_VARIABLE = "SPOFCHECK_BENCH_SOURCE"


@dataclass(frozen=True)
class SizeResult:
    """Every measurement for one generated repository."""

    made: Generated
    floor: float  # wall seconds of python-hcl2 alone
    floor_cpu: float  # its CPU seconds (this process, one core)
    hcl2_failures: int
    cold: Run
    warm: Run
    edited: Run
    checkov: Run | None


def main() -> None:
    args = _arguments()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="spofcheck-bench-"))
    spofcheck = _spofcheck_command()
    checkov = args.checkov or shutil.which("checkov")
    load_before = os.getloadavg()
    try:
        first = _first_run(workdir, spofcheck)
        results = [
            _bench_size(workdir, spofcheck, checkov, size, args.repeat) for size in args.sizes
        ]
        startup = _startup(spofcheck, checkov, args.startup_repeat)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report.machine(load_before, os.getloadavg(), spofcheck, checkov))
    print(report.sizes_table(results, first))
    print(report.growth_table(results))
    print(report.startup_table(startup))
    print(report.targets(results, startup))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 1000, 5000]
    )
    parser.add_argument("--repeat", type=int, default=1, help="best of N for each timing")
    parser.add_argument("--startup-repeat", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the generated repositories")
    parser.add_argument("--checkov", default=None, help="checkov executable (default: PATH)")
    parser.add_argument(
        "--source", default=None, help="run spofcheck from this source folder (PYTHONPATH)"
    )
    args = parser.parse_args()
    if args.source:
        os.environ[SOURCE_VARIABLE] = str(Path(args.source).resolve())
    return args


def _spofcheck_command() -> list[str]:
    """The console script next to this interpreter (what users run), else `-m spofcheck`."""
    script = Path(sys.executable).parent / "spofcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "spofcheck"]


def _env(cache: Path) -> dict[str, str]:
    """Our environment with its own cache dir; bytecode caching on, as for any user
    (PYTHONDONTWRITEBYTECODE would make every run compile spofcheck's sources again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    source = env.pop(SOURCE_VARIABLE, "")
    if source:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return {**env, "SPOFCHECK_CACHE_DIR": str(cache)}


def _scan(spofcheck: list[str], root: Path, cache: Path) -> Run:
    """One scan; stops the benchmark unless it wrote a report covering every file."""
    out = root.parent / f"{root.name}-report.json"
    out.unlink(missing_ok=True)
    done = run([*spofcheck, "scan", str(root), "-f", "json", "-o", str(out)], _env(cache))
    files = json.loads(out.read_text("utf-8"))["summary"]["files"] if out.exists() else None
    expected = len(_scanned_files(root))
    if done.returncode not in (0, 1) or files != expected:
        raise SystemExit(
            f"spofcheck scan {root}: exit {done.returncode}, {files} of {expected} files "
            f"reported:\n{done.stderr}"
        )
    return done


def _first_run(workdir: Path, spofcheck: list[str]) -> Run:
    """A scan with nothing cached at all, grammar included; its grammar seeds later runs."""
    made = generate(workdir / "first", 50)
    return _scan(spofcheck, made.root, workdir / "cache-first")


def _fresh_cache(workdir: Path, size: int) -> Path:
    """A cache dir without parsed files or stack models: a cold scan of this repository.

    The per-installation entries of the first run are kept (the compiled grammar, the
    rule catalogue and the SLA catalogue as JSON): they depend on the installed
    spofcheck only, are written once, and the first run is reported on its own.
    """
    cache = workdir / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(
        workdir / "cache-first", cache, ignore=shutil.ignore_patterns("parse", "stacks")
    )
    return cache


def _bench_size(
    workdir: Path, spofcheck: list[str], checkov: str | None, size: int, repeat: int
) -> SizeResult:
    made = generate(workdir / f"repo-{size}", size)
    floor, floor_cpu, failures = _hcl2_floor(_scanned_files(made.root), repeat)
    colds = [_scan(spofcheck, made.root, _fresh_cache(workdir, size)) for _ in range(repeat)]
    cache = workdir / f"cache-{size}"
    warm = _best(_scan(spofcheck, made.root, cache) for _ in range(repeat))
    edited = _best(_edited_scan(spofcheck, made.root, cache, i) for i in range(repeat))
    checkov_run = _checkov(checkov, made.root) if checkov else None
    return SizeResult(made, floor, floor_cpu, failures, _best(colds), warm, edited, checkov_run)


def _edited_scan(spofcheck: list[str], root: Path, cache: Path, attempt: int) -> Run:
    """Append a comment to one file (new content, so a cache miss), scan, then restore it."""
    path = sorted((root / "stacks").iterdir())[0] / TOUCHED
    original = path.read_bytes()
    path.write_bytes(original + f"\n# edited {time.time_ns()} {attempt}\n".encode())
    try:
        return _scan(spofcheck, root, cache)
    finally:
        path.write_bytes(original)


def _best(runs: Iterable[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)


def _scanned_files(root: Path) -> list[Path]:
    """What the scan parses as HCL: Terraform files and tfvars, each exactly once."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".tf", ".tfvars") and p.is_file())


def _hcl2_floor(files: list[Path], repeat: int) -> tuple[float, float, int]:
    """Wall and CPU seconds for `hcl2.loads` on every file (best of `repeat`), and how
    many files it failed on."""
    import hcl2

    hcl2.loads("warm = 1\n")  # load the grammar outside the clock, as the scans have it
    texts = [p.read_text("utf-8") for p in files]
    best, best_cpu, failures = float("inf"), float("inf"), 0
    for _ in range(repeat):
        failures = 0
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            try:
                hcl2.loads(text)
            except Exception:  # any python-hcl2 failure counts, none stops the floor
                failures += 1
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu, failures


def _checkov(checkov: str, root: Path) -> Run:
    """checkov on the same tree, Terraform only, offline (`--skip-download`)."""
    cmd = [checkov, "-d", str(root), "--framework", "terraform", "--quiet", "--compact"]
    return run([*cmd, "-o", "json", "--skip-download"], {**os.environ, "LOG_LEVEL": "ERROR"})


def _startup(spofcheck: list[str], checkov: str | None, repeat: int) -> dict[str, list[float]]:
    """Seconds of each start-up command, `repeat` times, interleaved so load hits all alike."""
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -S -c pass": [sys.executable, "-S", "-c", "pass"],
        "spofcheck --version": [*spofcheck, "--version"],
        "spofcheck --help": [*spofcheck, "--help"],
    }
    if checkov:
        commands["checkov --version"] = [checkov, "--version"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(run(cmd, _env(Path(tempfile.gettempdir()))).seconds)
    return times


if __name__ == "__main__":
    main()
