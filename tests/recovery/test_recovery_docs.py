"""docs/recovery.md cites a source for every default figure, as the data file has it."""

from __future__ import annotations

from pathlib import Path

from spofcheck.recovery.defaults import table
from spofcheck.recovery.docs_table import defaults_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "recovery.md"


def test_the_defaults_table_in_the_docs_is_the_data_file() -> None:
    assert defaults_table() in DOC.read_text("utf-8")


def test_every_default_has_a_source() -> None:
    for key, entry in table().items():
        assert len(str(entry.get("source", ""))) > 20, key
