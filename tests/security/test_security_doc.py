"""docs/security.md names, for each promise, the tests that check it: those must exist."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "security.md"
_FILE = re.compile(r"`((?:tests/)?[\w/]*test_\w+\.py)((?:::\w+)?)`")
_MORE = re.compile(r"`::(test_\w+)`")


def _resolve(name: str) -> Path:
    return REPO / name if name.startswith("tests/") else Path(__file__).parent / name


def test_every_test_the_page_names_exists() -> None:
    """Each `file.py` and `file.py::test` (and a following `::test`) must be found."""
    text = DOC.read_text("utf-8")
    checked = 0
    for paragraph in text.split("\n\n"):
        current: Path | None = None
        for match in re.finditer(rf"{_FILE.pattern}|{_MORE.pattern}", paragraph):
            if match.group(1):
                current = _resolve(match.group(1))
                assert current.is_file(), match.group(1)
                name = match.group(2).removeprefix("::")
            else:
                name = match.group(3)
            if name:
                assert current is not None
                assert f"def {name}(" in current.read_text("utf-8"), f"{current.name}::{name}"
            checked += 1
    assert checked >= 10
