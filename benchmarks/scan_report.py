"""Markdown tables for benchmarks/scan.py: seconds, ratios to the floor, growth, targets."""

from __future__ import annotations

import itertools
import os
import platform
from collections.abc import Sequence
from importlib import metadata
from typing import TYPE_CHECKING

from measure import best_of

if TYPE_CHECKING:
    from measure import Run
    from scan import SizeResult

# The targets of issue 7, as ratios to the python-hcl2-only parse time (or seconds).
COLD_MAX = 1.3
WARM_MAX = 0.15
STARTUP_MAX_SECONDS = 0.15
MEMORY_MAX_MB = 300


def machine(
    load_before: tuple[float, ...], load_after: tuple[float, ...], spofcheck: list[str],
    checkov: str | None,
) -> str:  # fmt: skip
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("spofcheck", "python-hcl2", "lark", "pydantic")
    )
    return "\n".join(
        [
            f"Machine: {platform.machine()} {platform.system()}, {os.cpu_count()} CPUs; "
            f"Python {platform.python_version()}; {versions}.",
            f"Load average at start {load_before[0]:.1f}, at end {load_after[0]:.1f} "
            f"(above {os.cpu_count()} means other work shared the CPUs).",
            f"spofcheck: {' '.join(spofcheck)}; checkov: {checkov or 'not found'}.",
            "",
        ]
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def sizes_table(results: Sequence[SizeResult], first: Run) -> str:
    rows = [
        "Wall-clock seconds (× = divided by the hcl2-only time of the same size):",
        "",
        "| resources | stacks | files | MB | hcl2 only s | cold s (×) | warm s (×) "
        "| 1 file edited s (×) | peak MB, tree (largest process) | checkov s (×) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        m = r.made
        checkov = _ratio(r.checkov.seconds, r.floor) if r.checkov else "n/a"
        rows.append(
            f"| {m.resources:,} | {m.stacks} | {m.files} | {m.bytes / 1e6:.2f} "
            f"| {r.floor:.2f} | {_ratio(r.cold.seconds, r.floor)} "
            f"| {_ratio(r.warm.seconds, r.floor)} | {_ratio(r.edited.seconds, r.floor)} "
            f"| {r.cold.tree_mb:.0f} ({r.cold.max_process_mb:.0f}) | {checkov} |"
        )
    failures = sum(r.hcl2_failures for r in results)
    notes = [
        "",
        f"python-hcl2 failed on {failures} file(s). First run with nothing cached "
        f"(grammar compiled, 50 resources): {first.seconds:.2f} s.",
        "",
        *cpu_table(results),
    ]
    return "\n".join(rows + notes)


def cpu_table(results: Sequence[SizeResult]) -> list[str]:
    """The same runs in CPU seconds (user + system, all processes): insensitive to other
    load on the machine, but blind to parallel speed-up."""
    rows = [
        "CPU seconds, user + system of all processes (× = divided by hcl2-only CPU):",
        "",
        "| resources | hcl2 only | cold (×) | warm (×) | 1 file edited (×) | checkov (×) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        checkov = _ratio(r.checkov.cpu_seconds, r.floor_cpu) if r.checkov else "n/a"
        rows.append(
            f"| {r.made.resources:,} | {r.floor_cpu:.2f} "
            f"| {_ratio(r.cold.cpu_seconds, r.floor_cpu)} "
            f"| {_ratio(r.warm.cpu_seconds, r.floor_cpu)} "
            f"| {_ratio(r.edited.cpu_seconds, r.floor_cpu)} | {checkov} |"
        )
    return [*rows, ""]


def _ratio(seconds: float, floor: float) -> str:
    return f"{seconds:.2f} ({seconds / floor:.2f}×)"


def growth_table(results: Sequence[SizeResult]) -> str:
    rows = [
        "| from → to | resources × | hcl2 only × | cold × | warm × | edited × | peak MB × |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for a, b in itertools.pairwise(results):
        rows.append(
            f"| {a.made.resources:,} → {b.made.resources:,} "
            f"| {b.made.resources / a.made.resources:.1f} | {b.floor / a.floor:.1f} "
            f"| {b.cold.seconds / a.cold.seconds:.1f} | {b.warm.seconds / a.warm.seconds:.1f} "
            f"| {b.edited.seconds / a.edited.seconds:.1f} "
            f"| {b.cold.tree_mb / max(a.cold.tree_mb, 1):.1f} |"
        )
    return "\n".join([*rows, ""])


def startup_table(times: dict[str, list[float]]) -> str:
    rows = ["| command | min s | median s |", "|---|---:|---:|"]
    for name, values in times.items():
        low, mid = best_of(values)
        rows.append(f"| `{name}` | {low:.3f} | {mid:.3f} |")
    return "\n".join([*rows, ""])


def targets(results: Sequence[SizeResult], startup: dict[str, list[float]]) -> str:
    lines = ["Targets:"]
    for r in results:
        size = f"{r.made.resources:,} resources"
        cold, warm = r.cold.seconds / r.floor, r.warm.seconds / r.floor
        lines.append(_check(f"cold ≤ {COLD_MAX}× hcl2 ({size})", cold, COLD_MAX))
        lines.append(_check(f"warm ≤ {WARM_MAX}× hcl2 ({size})", warm, WARM_MAX))
    for name in ("spofcheck --version", "spofcheck --help"):
        median = best_of(startup[name])[1]
        what = f"{name} < {STARTUP_MAX_SECONDS} s (median)"
        lines.append(_check(what, median, STARTUP_MAX_SECONDS))
    biggest = results[-1]
    lines.append(
        _check(f"peak memory < {MEMORY_MAX_MB} MB at {biggest.made.resources:,} resources",
               biggest.cold.tree_mb, MEMORY_MAX_MB)
    )  # fmt: skip
    return "\n".join(lines)


def _check(what: str, value: float, limit: float) -> str:
    return f"- {'met' if value <= limit else 'MISSED'}: {what}: {value:.2f}"
