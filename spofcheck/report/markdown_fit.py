"""Fitting the Markdown summary under GitHub's size limit, most important sections first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LIMIT = 65_000  # GitHub's comment limit is 65,536 characters; keep a margin for wrappers
_RESERVE = 400  # room for the notes saying what was left out

Kind = Literal["head", "rows", "block", "diagram"]


@dataclass(frozen=True)
class Section:
    """Lines of one part; `rows` sections are table rows, in the order they are kept."""

    lines: list[str]
    kind: Kind


def assemble(sections: list[Section], table_header: list[str]) -> str:
    """The head always; then rows, blocks and diagrams in the given order while they fit.
    Every character counts against the one budget, so no section can push a finding that
    fails the gate out (those rows come first)."""
    head = [line for s in sections if s.kind == "head" for line in s.lines]
    rows = [line for s in sections if s.kind == "rows" for line in s.lines]
    budget = LIMIT - _size(head) - _RESERVE - (_size(table_header) + 1 if rows else 0)
    kept_rows = _take(rows, budget)
    budget -= _size(kept_rows)
    body: list[str] = []
    left_out: list[Kind] = []
    for s in (s for s in sections if s.kind in ("block", "diagram")):
        if _size(s.lines) <= budget:
            body.extend(s.lines)
            budget -= _size(s.lines)
        else:
            left_out.append(s.kind)
    lines = list(head)
    if rows:
        lines += ["", *table_header, *kept_rows]
    if len(kept_rows) < len(rows):
        lines += ["", _more(len(rows) - len(kept_rows))]
    lines += body
    lines += _left_out_note(left_out)
    return "\n".join(lines) + "\n"


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _take(rows: list[str], budget: int) -> list[str]:
    kept = []
    for row in rows:
        budget -= len(row) + 1
        if budget < 0:
            break
        kept.append(row)
    return kept


def _more(count: int) -> str:
    return (
        f"_{count} more findings are not shown (size limit); the SARIF or JSON report has "
        "them all._"
    )


def _left_out_note(kinds: list[Kind]) -> list[str]:
    lines = []
    if "block" in kinds:
        lines += [
            "",
            "_Some lists (suppressed findings, notes) were left out to keep this "
            "summary under GitHub's size limit._",
        ]
    if "diagram" in kinds:
        lines += ["", "_The diagram was left out to keep this summary under GitHub's size limit._"]
    return lines
