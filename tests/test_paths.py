"""Displayed paths: relative to the root, and never an exception on odd file systems."""

from __future__ import annotations

from pathlib import Path

from spofcheck.paths import display_path


def test_inside_the_root_is_relative_and_posix(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert display_path(tmp_path / "a" / "b", tmp_path) == "a/b"
    assert display_path(tmp_path, tmp_path) == "."


def test_outside_the_root_is_absolute(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    assert display_path(tmp_path / "elsewhere", tmp_path / "root") == str(tmp_path / "elsewhere")


def test_a_symlink_loop_does_not_raise(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert display_path(tmp_path / "loop" / "x.tf", tmp_path) == "loop/x.tf"
