"""CONTRIBUTING names the environment variables the tests really read."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_VAR = re.compile(r"\bSPOFCHECK_[A-Z_]+\b")
_READ = re.compile(
    r"environ(?:\.get)?\(\s*\"(SPOFCHECK_[A-Z_]+)\"|environ\[\"(SPOFCHECK_[A-Z_]+)\"\]"
)


def _read_by_tests() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "tests").rglob("*.py"):
        for match in _READ.finditer(path.read_text("utf-8")):
            names.add(match.group(1) or match.group(2))
    return names


def test_every_variable_contributing_names_is_read_by_a_test() -> None:
    named = set(_VAR.findall((REPO / "CONTRIBUTING.md").read_text("utf-8")))
    assert named, "CONTRIBUTING.md names no SPOFCHECK_* variable"
    assert named <= _read_by_tests() | {"SPOFCHECK_CACHE_DIR"}


def test_every_refresh_variable_the_tests_read_is_in_contributing() -> None:
    refresh = {name for name in _read_by_tests() if name != "SPOFCHECK_CACHE_DIR"}
    named = set(_VAR.findall((REPO / "CONTRIBUTING.md").read_text("utf-8")))
    assert refresh <= named
