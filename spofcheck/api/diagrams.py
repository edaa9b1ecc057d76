"""Write review diagrams for analyzed stacks: one file per stack, named from a template."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spofcheck.api.pipeline import StackResult
from spofcheck.errors import ConfigError

STACK_PLACEHOLDER = "{stack}"


@dataclass(frozen=True)
class DiagramRequest:
    target: Path
    fmt: str | None = None  # explicit --format; None: from the file extension
    show_all: bool = False
    focus: str | None = None


def stack_slug(path: str) -> str:
    """A file-name-safe name for a stack path: `infra/prod` → `infra-prod`."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path).strip("-.") or "stack"


def targets(stacks: Sequence[StackResult], target: Path) -> list[tuple[StackResult, Path]]:
    """Pair stacks with output files; several stacks need `{stack}` in the file name."""
    drawable = [s for s in stacks if s.arch.components]
    if STACK_PLACEHOLDER in str(target):
        return [
            (s, Path(str(target).replace(STACK_PLACEHOLDER, stack_slug(s.arch.root))))
            for s in drawable
        ]
    if len(drawable) > 1:
        names = ", ".join(s.arch.root for s in drawable)
        raise ConfigError(
            f"{len(drawable)} stacks to draw ({names}): put {STACK_PLACEHOLDER} in the output "
            f"name (e.g. diagrams/{STACK_PLACEHOLDER}.svg) or scan one stack",
            key="--diagram",
        )
    return [(s, target) for s in drawable]


def write_diagrams(stacks: Sequence[StackResult], request: DiagramRequest) -> list[str]:
    """Render and write each stack's diagram; returns notes (fallbacks, skipped work).

    Raises ConfigError when SVG/PNG was asked for explicitly and `dot` could not render,
    after writing the DOT source so the user still has something to render.
    """
    from spofcheck.diagram.api import format_from_path, render_diagram, write_diagram

    notes: list[str] = []
    fell_back = False
    for stack, path in targets(stacks, request.target):
        fmt = format_from_path(path, request.fmt)
        output = render_diagram(
            stack.arch,
            findings=stack.findings,
            availability=stack.availability.to_json() if stack.availability else None,
            fmt=fmt,
            show_all=request.show_all,
            focus=request.focus,
        )
        written = path.with_suffix(".dot") if output.fallback else path
        written.parent.mkdir(parents=True, exist_ok=True)
        write_diagram(output, written)
        notes.extend(f"{written}: {note}" for note in output.notes)
        fell_back = fell_back or (output.fallback and request.fmt is not None)
    if fell_back:
        raise ConfigError("; ".join(notes), key="--format")
    return notes
