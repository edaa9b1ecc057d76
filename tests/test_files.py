"""Reading input files: regular files only, bounded, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spofcheck.cache.atomic import write_atomic
from spofcheck.cache.location import cache_dir
from spofcheck.files import read_head, read_regular


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_bytes(b"a = 1\n")
    (tmp_path / "link.tf").symlink_to("main.tf")
    assert read_regular(tmp_path / "main.tf") == b"a = 1\n"
    assert read_regular(tmp_path / "link.tf") == b"a = 1\n"
    assert read_head(tmp_path / "link.tf", 3) == b"a ="


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    """No writer ever opens the pipe: a plain open() would wait forever."""
    os.mkfifo(tmp_path / "pipe.tf")
    with pytest.raises(OSError, match="named pipe") as raised:
        read_regular(tmp_path / "pipe.tf")
    assert raised.value.strerror == "not a regular file (a named pipe)"
    with pytest.raises(OSError, match="not a regular file"):
        read_head(tmp_path / "pipe.tf", 10)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.tf").symlink_to("/dev/zero")
    with pytest.raises(OSError, match="a character device"):
        read_regular(tmp_path / "zero.tf")


def test_a_folder_and_a_missing_file_are_os_errors(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing.tf")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    """3,000,000 bytes against a 2,000,000-byte limit: '3 MB, over 2 MB'."""
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(3_000_000)  # sparse: no need to write 3 MB
    with pytest.raises(OSError, match="over 2 MB") as raised:
        read_regular(path, limit=2_000_000)
    assert raised.value.strerror == "file is 3 MB, over 2 MB"
    assert len(read_regular(path, limit=3_000_000)) == 3_000_000


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("SPOFCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "spofcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "spofcheck"


def test_write_atomic_replaces_whole_files_and_leaves_no_temporaries(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "entry.json"
    assert write_atomic(target, b"first")
    assert write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["entry.json"]


def test_write_atomic_where_no_folder_can_be_made_is_false(tmp_path: Path) -> None:
    """The cache dir's place is taken by a file: caching is skipped, nothing raises."""
    (tmp_path / "cache").write_text("not a folder")
    assert not write_atomic(tmp_path / "cache" / "entry.json", b"x")
    assert (tmp_path / "cache").read_text() == "not a folder"
