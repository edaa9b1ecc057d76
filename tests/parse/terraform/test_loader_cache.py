"""The parse cache (hits, damaged entries, unwritable dirs), the grammar cache, the pool."""

from __future__ import annotations

import os
from pathlib import Path

import hcl2
import pytest

from spofcheck.cache.atomic import write_atomic
from spofcheck.cache.store import MAGIC, Store
from spofcheck.cache.syntax import ParseCache, default_cache
from spofcheck.parse.terraform import grammar, sources
from spofcheck.parse.terraform.hcl import parse_file
from spofcheck.parse.terraform.syntax import FileSyntax
from tests.helpers.loader_kit import LOADER, load

KEY = b"k" * 32


def _cache(root: Path) -> ParseCache:
    return ParseCache(Store(root, KEY))


def _entries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.syntax"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str, data: bytes) -> None:
        raise AssertionError(f"{name} was parsed again")

    monkeypatch.setattr(sources, "parse_file", refuse)


def test_second_load_is_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache(tmp_path / "parse")
    first = load("modules", cache=cache)
    assert len(_entries(tmp_path)) == 5  # main.tf, app, net, db, the installed vpc module
    _no_parsing(monkeypatch)
    second = load("modules", cache=_cache(tmp_path / "parse"))
    assert second.resources == first.resources
    assert second.errors == first.errors


def test_failures_are_cached_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load("errors", cache=_cache(tmp_path))
    _no_parsing(monkeypatch)
    assert load("errors", cache=_cache(tmp_path)).errors == first.errors


def test_damaged_entries_are_ignored_and_replaced(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    expected = load("count", cache=cache).resources
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    assert load("count", cache=_cache(tmp_path)).resources == expected
    assert entry.read_bytes().startswith(MAGIC)  # rewritten with a real entry
    assert load("count", cache=_cache(tmp_path)).resources == expected


def test_a_planted_pickle_cannot_run_code(tmp_path: Path) -> None:
    """An entry must carry the store's HMAC, and even then only our syntax classes may be
    unpickled: os.system is refused either way, the entry is a miss."""
    cache = _cache(tmp_path)
    data = b'resource "a" "b" {}\n'
    key = cache.key("main.tf", data)
    payload = b"cos\nsystem\n(S'touch " + str(tmp_path / "pwned").encode() + b"'\ntR."
    path = cache.store.path("parse", f"{key}.syntax")
    path.parent.mkdir(parents=True)
    path.write_bytes(payload)
    assert cache.get(key) is None
    cache.store.put("parse", f"{key}.syntax", payload)  # signed: the unpickler refuses it
    assert cache.get(key) is None
    assert not (tmp_path / "pwned").exists()


def test_unwritable_cache_dir_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = _cache(blocker / "parse")
    assert load("count", cache=cache).errors == []
    assert cache.writable is False
    assert not write_atomic(blocker / "x" / "y.bin", b"x")


def test_key_depends_on_content_and_syntax(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    assert cache.key("a.tf", b"x") == cache.key("b.tf", b"x")
    assert cache.key("a.tf", b"x") != cache.key("a.tf", b"y")
    assert cache.key("a.tf", b"x") != cache.key("a.tf.json", b"x")


def test_default_cache_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache().store.root == tmp_path / "explicit"  # type: ignore[union-attr]
    monkeypatch.delenv("SPOFCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache().store.root == tmp_path / "xdg" / "spofcheck"  # type: ignore[union-attr]


def _tree(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.mark.slow
def test_grammar_is_cached_in_our_dir_never_in_site_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compile the grammar from scratch (about 3 s), then load it back from our cache."""
    package = Path(hcl2.__file__).parent
    before = _tree(package)
    monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path))
    built = grammar.parser.__wrapped__()
    (cached,) = (tmp_path / "grammar").rglob("*.lark")
    assert f"-hcl2-{grammar.hcl2_version()}-" in cached.name
    loaded = grammar.parser.__wrapped__()
    assert loaded.parse("a = 1\n") == built.parse("a = 1\n")
    assert _tree(package) == before


def test_many_files_are_parsed_in_a_process_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """8 files of ~26 KB (8 files and over 200 KB): the pool's results equal in-process ones."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: no pool")
    body = (LOADER / "count" / "main.tf").read_text()
    paths = []
    for i in range(8):
        path = tmp_path / f"f{i:02}.tf"
        path.write_text(body.replace('"web"', f'"web{i}"') + "# padding\n" * 2700)
        paths.append(path)
    calls: list[int] = []
    original = sources._parse_in_pool

    def spy(work: list[tuple[str, bytes]], workers: int) -> object:
        calls.append(len(work))
        return original(work, workers)

    monkeypatch.setattr(sources, "_parse_in_pool", spy)
    pooled = sources.read_and_parse(paths, tmp_path, None)
    assert calls == [8]
    assert all(isinstance(source.syntax, FileSyntax) for source in pooled)
    for path, source in list(zip(paths, pooled, strict=True))[:2]:
        assert source.syntax == parse_file(path.name, path.read_bytes())


def test_all_module_folders_are_parsed_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The root, ./modules/app, ../net, ./modules/db and the installed vpc module: one call,
    so a process pool sees every file at once."""
    from spofcheck.parse.terraform import module

    batches: list[list[str]] = []
    original = sources.read_and_parse

    def spy(paths: list[Path], root: Path, cache: ParseCache | None, *args: object) -> object:
        batches.append(sorted(p.relative_to(LOADER / "modules").as_posix() for p in paths))
        return original(paths, root, cache, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "read_and_parse", spy)
    load("modules")
    assert batches == [
        [
            ".terraform/modules/vpc/main.tf",
            "main.tf",
            "modules/app/main.tf",
            "modules/db/main.tf",
            "modules/net/main.tf",
        ]
    ]
