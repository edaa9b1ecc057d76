"""The API page's examples run as written, and the public names import lazily."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import spofcheck

REPO = Path(__file__).resolve().parents[2]


def test_the_examples_in_docs_api_md_run_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from an unrelated folder: with `root` given, the cwd must not matter."""
    monkeypatch.chdir(tmp_path)
    failures, tried = doctest.testfile(
        str(REPO / "docs" / "api.md"),
        module_relative=False,
        globs={"REPO": REPO},
        optionflags=doctest.ELLIPSIS,
    )
    assert tried >= 10
    assert failures == 0


def test_every_public_name_resolves() -> None:
    for name in spofcheck.__all__:
        assert getattr(spofcheck, name) is not None, name


def test_importing_spofcheck_stays_cheap() -> None:
    code = (
        "import sys, spofcheck\n"
        "print(sorted(m for m in ('pydantic', 'networkx', 'lark') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
