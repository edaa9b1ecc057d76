"""The cache's bounds (age, total size), and the `cache info` / `cache clear` commands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cache.limits import Limits, entries, limits, prune
from spofcheck.cli import main

NOW = 1_000_000_000.0
DAY = 86_400.0


def _entry(root: Path, kind: str, name: str, size: int, age_days: float) -> Path:
    path = root / kind / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - age_days * DAY, NOW - age_days * DAY))
    return path


def test_entries_past_the_age_limit_are_removed(tmp_path: Path) -> None:
    old = _entry(tmp_path, "parse", "aa.syntax", 10, age_days=31)
    fresh = _entry(tmp_path, "results", "bb.json", 10, age_days=29)
    assert prune(tmp_path, Limits(max_bytes=10**6, max_age_seconds=30 * DAY), now=NOW) == 1
    assert (old.exists(), fresh.exists()) == (False, True)


def test_over_the_size_limit_the_oldest_go_down_to_80_percent(tmp_path: Path) -> None:
    """Five 100-byte entries, limit 400: 500 > 400, so the oldest go until at most
    0.8 x 400 = 320 bytes are left: three entries (300 bytes); the two oldest are removed."""
    paths = [_entry(tmp_path, "stacks", f"{i:02}.json", 100, age_days=5 - i) for i in range(5)]
    assert prune(tmp_path, Limits(max_bytes=400, max_age_seconds=30 * DAY), now=NOW) == 2
    assert [p.exists() for p in paths] == [False, False, True, True, True]


def test_files_outside_the_caches_own_folders_are_never_touched(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.txt"
    stranger.write_text("mine")
    os.utime(stranger, (0, 0))
    prune(tmp_path, Limits(max_bytes=1, max_age_seconds=1), now=NOW)
    assert stranger.exists()
    assert entries(tmp_path) == []


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOFCHECK_CACHE_MAX_MB", "2")
    monkeypatch.setenv("SPOFCHECK_CACHE_MAX_AGE_DAYS", "0.5")
    assert limits() == Limits(max_bytes=2 * 1024 * 1024, max_age_seconds=0.5 * DAY)
    monkeypatch.setenv("SPOFCHECK_CACHE_MAX_MB", "lots")
    assert limits().max_bytes == 512 * 1024 * 1024


def test_cache_info_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(root))
    root.mkdir(mode=0o700)
    _entry(root, "parse", "aa.syntax", 1024 * 1024, age_days=0)
    _entry(root, "sla", "bb.json", 1024 * 1024, age_days=0)
    (root / "keep.txt").write_text("not ours")
    info = CliRunner().invoke(main, ["cache", "info"])
    assert info.exit_code == 0
    assert f"location:  {root}\n" in info.stdout
    assert "state:     on\n" in info.stdout
    assert "entries:   2\nsize:      2.0 MB\n" in info.stdout
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.stdout == f"spofcheck: removed 2 cache entries from {root}\n"
    assert entries(root) == []
    assert (root / "keep.txt").exists()
