"""docs/architecture.md names real functions and modules: every dotted name resolves."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NAME = re.compile(r"\bspofcheck(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def resolves(dotted: str) -> bool:
    """The longest importable module prefix, then attributes down to the last part."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_every_name_on_the_architecture_page_exists() -> None:
    text = (REPO / "docs" / "architecture.md").read_text("utf-8")
    names = sorted(set(NAME.findall(text)))
    assert len(names) > 25
    assert [n for n in names if not resolves(n)] == []


def test_a_missing_name_would_be_caught() -> None:
    assert not resolves("spofcheck.api.gate.no_such_function")
    assert not resolves("spofcheck.no_such_module")
