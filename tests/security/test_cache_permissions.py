"""A cache folder others can write, or a planted link inside it: caching is off, with one note."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from spofcheck.cache.limits import entries
from spofcheck.cache.location import cache_dir
from tests.helpers.throwaway import spofcheck

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "fixtures" / "architectures" / "seed-q3-spof"


def _scan(tmp_path: Path) -> tuple[int, int, list[str]]:
    stack = tmp_path / "stack"
    if not stack.exists():
        shutil.copytree(SEED, stack)
    done = spofcheck(tmp_path, "scan", "stack", "-f", "json")
    notes = [line for line in done.stderr.splitlines() if "cache off" in line]
    return done.returncode, len(json.loads(done.stdout)["findings"]), notes


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_group_or_world_writable_cache_dir_is_refused(tmp_path: Path, mode: int) -> None:
    root = cache_dir()
    root.chmod(mode)
    code, findings, notes = _scan(tmp_path)
    assert (code, findings) == (1, 3)  # the scan itself is unaffected
    assert len(notes) == 1
    assert "writable by group or others" in notes[0]
    assert entries(root) == []  # nothing read, nothing written


def test_a_planted_link_in_the_cache_is_refused(tmp_path: Path) -> None:
    """results/ pointing elsewhere would let the cache's contents choose where we write."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cache_dir() / "results").symlink_to(elsewhere)
    code, findings, notes = _scan(tmp_path)
    assert (code, findings, len(notes)) == (1, 3, 1)
    assert list(elsewhere.iterdir()) == []


def test_a_private_cache_dir_is_used(tmp_path: Path) -> None:
    assert _scan(tmp_path)[2] == []
    assert entries(cache_dir()) != []
