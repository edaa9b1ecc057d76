"""benchmarks/generate.py's synthetic monorepo, for tests that need a big realistic tree.

The benchmark scripts import their siblings as top-level modules (they run as scripts,
with benchmarks/ as sys.path[0]), so their folder is put on sys.path here, once.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def generate_monorepo(root: Path, resources: int, seed: int = 1) -> int:
    """Write the monorepo under `root`; the number of root stacks."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.append(str(BENCHMARKS))
    from generate import generate

    stacks: int = generate(root, resources, seed=seed).stacks
    return stacks
