"""Every report format is byte-identical across runs that differ in everything else.

Two scans of the same tree (every architecture fixture and every broken input, so stacks
are loaded in worker processes and errors are sorted too), at the same path:
- run 1: files created in sorted order, PYTHONHASHSEED=1, empty parse cache;
- run 2: files created in reverse order, PYTHONHASHSEED=2, the cache run 1 left (so
  cached and freshly parsed syntax must agree), and every directory listing reversed by
  a wrapper around os.listdir/os.scandir installed before spofcheck starts (ext4 lists
  by name hash, so creation order alone would not change what the scan sees).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_kit import TIMEOUT_SECONDS, seed_cache

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORMATS = {
    "json": "report.json",
    "sarif": "report.sarif",
    "text": "report.txt",
    "junit": "report.xml",
    "markdown": "report.md",
    "github": "report.github",
}
REVERSED_LISTINGS = """
import os, sys
_listdir, _scandir = os.listdir, os.scandir
class _Reversed:
    def __init__(self, it):
        self._it, self._entries = it, iter(list(it)[::-1])
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._entries)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._it.close()
    def close(self):
        self._it.close()
os.listdir = lambda path=".": _listdir(path)[::-1]
os.scandir = lambda path=".": _Reversed(_scandir(path))
sys.argv = ["spofcheck", *sys.argv[1:]]
from spofcheck.cli import main
main()
"""


def _copy_tree(dest: Path, *, reverse: bool) -> None:
    """The fixture files, folders and files created in sorted or reverse-sorted order."""
    sources = [FIXTURES / "architectures", FIXTURES / "invalid"]
    files = sorted(
        (p, dest / root.name / p.relative_to(root))
        for root in sources
        for p in root.rglob("*")
        if p.is_file()
    )
    for source, target in reversed(files) if reverse else files:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _scan(tree: Path, out: Path, cache: Path, seed: int, *, reverse: bool) -> int:
    out.mkdir()
    args = ["scan", "."]
    for fmt, name in FORMATS.items():
        args += ["-f", fmt, "-o", str(out / name)]
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "SPOFCHECK_CACHE_DIR": str(cache)}
    head = ["-c", REVERSED_LISTINGS] if reverse else ["-m", "spofcheck"]
    done = subprocess.run(
        [sys.executable, *head, *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths in the expected output")
def test_reports_are_byte_identical_across_seeds_orders_and_cache(tmp_path: Path) -> None:
    cache, tree = tmp_path / "cache", tmp_path / "tree"
    seed_cache(cache)
    _copy_tree(tree, reverse=False)
    first = _scan(tree, tmp_path / "run1", cache, seed=1, reverse=False)
    shutil.rmtree(tree)
    _copy_tree(tree, reverse=True)
    second = _scan(tree, tmp_path / "run2", cache, seed=2, reverse=True)
    assert first == second == 2  # the broken inputs are reported: exit 2
    assert list((cache / "parse").rglob("*.syntax")), "run 2 should have read the cache"
    for name in FORMATS.values():
        one, two = (tmp_path / run / name for run in ("run1", "run2"))
        assert one.read_bytes() == two.read_bytes(), name
        assert one.stat().st_size > 0


def test_the_listing_wrapper_really_reverses(tmp_path: Path) -> None:
    """Guards the test above: the wrapper must change the order a scan walks in."""
    for name in ("a.tf", "b.tf", "c.tf"):
        (tmp_path / name).write_text("")
    prefix = REVERSED_LISTINGS.split("sys.argv", maxsplit=1)[0]
    check = (
        "import json\np = sys.argv[1]\n"
        "print(json.dumps([[e.name for e in os.scandir(p)], os.listdir(p), _listdir(p)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", prefix + check, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    scanned, listed, natural = json.loads(done.stdout)
    assert scanned == listed == natural[::-1] != natural
