"""The benchmark's generated monorepo has exactly the resource count it claims.

benchmarks/generate.py counts resource instances from its own templates (count and
for_each expanded, module resources once per module instance). The Terraform loader
expands the same files independently: the managed instances it finds must add up to
the generator's number, or the benchmark's "resources" column would be wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import generate  # noqa: E402

from spofcheck.parse.terraform.module import load_module  # noqa: E402


def test_generated_resource_count_matches_the_loader(tmp_path: Path) -> None:
    made = generate(tmp_path / "repo", 150, seed=3)
    stacks = sorted((tmp_path / "repo" / "stacks").iterdir())
    assert len(stacks) == made.stacks >= 2
    total = 0
    for stack in stacks:
        result = load_module(stack, display_root=tmp_path)
        assert result.errors == []
        managed = [r for r in result.resources if ".data." not in f".{r.address}"]
        assert not any(r.count_unknown for r in managed)
        total += sum(len(r.instances) for r in managed)
    assert total == made.resources >= 150


def test_no_two_stacks_share_a_file(tmp_path: Path) -> None:
    """Identical files would be parsed once by the content-hash cache but once per copy
    by the python-hcl2 baseline, flattering the scan."""
    generate(tmp_path / "repo", 300)
    texts = [p.read_bytes() for p in (tmp_path / "repo" / "stacks").rglob("*") if p.is_file()]
    assert len(set(texts)) == len(texts)
