"""Time the availability calculator on generated designs; print a table for docs/availability.md.

    .venv/bin/python benchmarks/availability.py [--cases layered-1r:1000,cells:36] [--quick]

Designs come from benchmarks/layered.py: layered services in 1-3 (and 5) regions of
100 to 20,000 components, and adversarial shapes (many `any_of` pairs, many shared
dependencies, a long chain, a router needing any one of k cells). Each case runs in
its own process so that its peak memory (max RSS) is its own; the clock covers
`compute()` only (the model is built first). A case over its timeout is reported as such.
The last column is the width of the interval relative to the conservative downtime:
(upper - lower) / (1 - lower), 0 when exact.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SIZES = (100, 300, 1_000, 5_000, 20_000)
LAYERED = [f"layered-{r}r:{n}" for n in SIZES for r in (1, 2, 3)]
ADVERSARIAL = [
    "layered-5r:100",
    "layered-5r:1000",
    "any-of:200",
    "any-of:1000",
    "weak-any-of:200",
    "weak-any-of:1000",
    "shared:5000",
    "chain:20000",
    "cells:36",
    "cells:200",
]
QUICK = ["layered-1r:1000", "layered-2r:1000", "layered-3r:1000", "cells:36", "layered-5r:100"]


def run_one(case: str) -> dict[str, object]:
    """Child process: build the design, time compute(), report as JSON."""
    sys.path.insert(0, str(HERE))
    from layered import SHAPES

    from spofcheck.availability import compute

    shape, size = case.split(":")
    arch = SHAPES[shape](int(size))
    start = time.perf_counter()
    result = compute(arch)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    low = result.conservative
    high = result.upper if result.upper is not None else result.value
    return {
        "case": case,
        "components": len(arch.components),
        "method": result.method.value,
        "samples": result.samples,
        "seconds": seconds,
        "peak_mb": peak,
        "lower": low,
        "upper": high,
        "states": result.states,
        "nodes": result.bdd_nodes,
        "reason": result.reason,
    }


def _measure(case: str, timeout: float) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", case]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"case": case, "method": f"timeout > {timeout:g} s"}
    if done.returncode != 0:
        return {"case": case, "method": f"failed: {done.stderr.strip().splitlines()[-1:]}"}
    row: dict[str, object] = json.loads(done.stdout)
    return row


def _gap(row: dict[str, object]) -> str:
    low, high = row.get("lower"), row.get("upper")
    if not isinstance(low, float) or not isinstance(high, float) or low >= 1.0:
        return "-"
    return f"{(high - low) / (1.0 - low):.1%}"


def _line(row: dict[str, object]) -> str:
    if "seconds" not in row:
        return f"| {row['case']} | | {row['method']} | | | | | |"
    value = row["lower"]
    shown = f"{value:.6%}" if isinstance(value, float) else "-"
    return (
        f"| {row['case']} | {row['components']:,} | {row['method']} | {row['seconds']:.2f} | "
        f"{row['peak_mb']:.0f} | {row['states']:,} | {row['nodes']:,} | {shown} | {_gap(row)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", help="comma-separated shape:size (see layered.SHAPES)")
    parser.add_argument("--quick", action="store_true", help="five cases, about ten seconds")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    cases = args.cases.split(",") if args.cases else QUICK if args.quick else LAYERED + ADVERSARIAL
    print("| case | components | method | seconds | peak MB | states | nodes | value | gap |")
    print("|---|--:|---|--:|--:|--:|--:|--:|--:|")
    for case in cases:
        print(_line(_measure(case, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
