"""Reading input files: regular files only, bounded, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
