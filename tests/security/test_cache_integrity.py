"""The cache folder's contents are not trusted: forged or reshaped entries are misses.

Threat: a pull request's author, or a CI cache restored from a pull request's run,
controls what is in the cache folder, but not the per-user key kept outside it.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from spofcheck.cache.location import cache_dir, key_file
from spofcheck.cache.store import Store, frame, open_store
from spofcheck.parse.terraform import grammar
from tests.helpers.throwaway import spofcheck

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "fixtures" / "architectures" / "aws-three-tier-bad"
FORGED = {"availability": None, "findings": [], "notes": []}


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    """The badly built three-tier Terraform stack (analyses are cached per Terraform
    stack): high findings, so the default gate exits 1."""
    return shutil.copytree(BAD, tmp_path / "stack")


def _results() -> list[Path]:
    return sorted((cache_dir() / "results").rglob("*.json"))


def _scan(stack: Path, *extra: str) -> tuple[int, list[str]]:
    done = spofcheck(stack.parent, "scan", stack.name, "-f", "json", *extra)
    return done.returncode, [f["fingerprint"] for f in json.loads(done.stdout)["findings"]]


@pytest.fixture
def truth(stack: Path) -> tuple[int, list[str]]:
    """What an uncached scan reports: exit 1 and the fingerprints of its findings."""
    expected = _scan(stack, "--no-cache")
    assert expected[0] == 1
    assert expected[1]
    return expected


@pytest.mark.slow  # three uncached-then-cached scans in new interpreters
def test_a_forged_result_with_no_findings_is_a_miss(
    stack: Path, truth: tuple[int, list[str]]
) -> None:
    assert _scan(stack) == truth
    entries = _results()
    assert entries, "the first scan stored its analysis"
    for entry in entries:  # unsigned, as an attacker can write it
        entry.write_text(json.dumps(FORGED), "utf-8")
    assert _scan(stack) == truth
    wrong = Store(cache_dir(), b"\x00" * 32)  # signed, but not with this user's key
    for entry in _results():
        entry.write_bytes(frame(wrong.key, "results", entry.name, json.dumps(FORGED).encode()))
    assert _scan(stack) == truth


@pytest.mark.slow  # three uncached-then-cached scans in new interpreters
@pytest.mark.parametrize("shape", [{"findings": 5}, [], {"availability": None}, "x"])
def test_a_wrong_shaped_entry_is_a_miss(
    stack: Path, truth: tuple[int, list[str]], shape: object
) -> None:
    """Signed with the right key (a bug, an old version), but not an analysis: a miss."""
    assert _scan(stack) == truth
    store = open_store()
    assert store is not None
    assert _results()
    for entry in _results():
        entry.write_bytes(frame(store.key, "results", entry.name, json.dumps(shape).encode()))
    assert _scan(stack) == truth


class _Marker:
    """Unpickling this calls os.system: a planted entry that would run code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


class _Built:
    def save(self, handle: object, exclude_options: object = ()) -> None:
        handle.write(b"rebuilt")  # type: ignore[attr-defined]


def test_a_planted_grammar_pickle_is_never_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lark.load unpickles: the grammar entry must pass the HMAC check before it is read.
    Planted unsigned, and signed with another key, it is rebuilt instead."""
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Marker(marker))
    store = open_store()
    assert store is not None
    name = grammar.entry_name()
    monkeypatch.setattr(grammar, "_build", lambda _: _Built())
    for planted in (payload, frame(b"\x01" * 32, "grammar", name, payload)):
        path = store.path("grammar", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(planted)
        assert isinstance(grammar.parser.__wrapped__(), _Built)
        assert not marker.exists()
        assert store.get("grammar", name) == b"rebuilt"  # replaced by a signed entry


@pytest.mark.slow  # three uncached-then-cached scans in new interpreters
def test_the_key_lives_outside_the_cache_and_only_its_owner_reads_it(
    stack: Path, truth: tuple[int, list[str]]
) -> None:
    assert _scan(stack) == truth
    assert cache_dir() not in key_file().parents
    assert key_file().stat().st_mode & 0o777 == 0o600
