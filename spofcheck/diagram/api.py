"""The diagram entry points the CLI calls: pick a format, render, fall back with a note."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field

from spofcheck.diagram.annotate import Annotations, annotate
from spofcheck.diagram.dot import to_dot
from spofcheck.diagram.fold import fold
from spofcheck.diagram.layout import build_view
from spofcheck.diagram.mermaid import MAX_CHARS, MAX_EDGES, MermaidText, to_mermaid
from spofcheck.diagram.reduce import reductions
from spofcheck.diagram.render import DEFAULT_TIMEOUT_S, run_dot
from spofcheck.diagram.select import Selection, arch_links, neighbourhood, restrict
from spofcheck.errors import ConfigError
from spofcheck.model import Architecture, Finding, Frozen


class DiagramFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    DOT = "dot"
    MERMAID = "mermaid"


_BY_SUFFIX = {
    ".svg": DiagramFormat.SVG,
    ".png": DiagramFormat.PNG,
    ".dot": DiagramFormat.DOT,
    ".gv": DiagramFormat.DOT,
    ".mmd": DiagramFormat.MERMAID,
    ".mermaid": DiagramFormat.MERMAID,
    ".md": DiagramFormat.MERMAID,
}


class DiagramOutput(Frozen):
    """What was produced: `fmt` may differ from the request when `fallback` is set."""

    content: str | bytes
    fmt: DiagramFormat
    notes: list[str] = Field(default_factory=list)
    fallback: bool = False


def format_from_path(path: Path, explicit: str | None) -> str:
    """The format to write: `explicit` when given, else from the file extension."""
    if explicit is not None:
        try:
            return DiagramFormat(explicit.strip().lower()).value
        except ValueError:
            choices = ", ".join(f.value for f in DiagramFormat)
            raise ConfigError(
                f"unknown diagram format {explicit!r}; expected one of {choices}", key="--format"
            ) from None
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise ConfigError(
            f"{path}: cannot tell the diagram format from the extension "
            f"{path.suffix or '(none)'!r}; use .svg, .png, .dot, .mmd or .md, or --format",
            key="--format",
        )
    return found.value


def render_diagram(
    arch: Architecture,
    *,
    findings: Sequence[Finding] = (),
    availability: Mapping[str, Any] | None = None,
    fmt: str,
    show_all: bool = False,
    focus: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    scenario: str | None = None,
    baseline: float | None = None,
) -> DiagramOutput:
    """Draw the architecture; SVG/PNG fall back to DOT (with a note) when `dot` cannot run.
    `scenario` (a what-if's forced failures): the headline gives the availability given it
    (`availability`'s value) and without it (`baseline`); the legend reads red and amber
    as down."""
    wanted = DiagramFormat(format_from_path(Path(), fmt))
    notes = annotate(arch, findings, availability)
    if scenario is not None:
        notes = dataclasses.replace(notes, scenario=scenario, baseline=baseline)
    selection = _selection(arch, notes, show_all=show_all, focus=focus)
    if wanted is DiagramFormat.MERMAID:
        return _mermaid(arch, selection, notes)
    source = to_dot(build_view(arch, selection, notes))
    if wanted is DiagramFormat.DOT:
        return DiagramOutput(content=source, fmt=DiagramFormat.DOT)
    result = run_dot(source, wanted.value, timeout_s=timeout_s)
    if result.content is not None:
        return DiagramOutput(content=result.content, fmt=wanted)
    advice = f"render it with `dot -T{wanted.value} FILE.dot -o FILE.{wanted.value}`"
    if result.missing:
        advice = f"install graphviz (Debian/Ubuntu: apt-get install graphviz), then {advice}"
    note = f"{result.problem}: wrote DOT instead of {wanted.value.upper()}; {advice}"
    return DiagramOutput(content=source, fmt=DiagramFormat.DOT, notes=[note], fallback=True)


def write_diagram(output: DiagramOutput, path: Path) -> None:
    """Write the output; Mermaid going to a `.md` file is fenced so GitHub renders it."""
    content = output.content
    if isinstance(content, bytes):
        path.write_bytes(content)
        return
    if output.fmt is DiagramFormat.MERMAID and path.suffix.lower() == ".md":
        content = f"```mermaid\n{content}```\n"
    path.write_text(content, encoding="utf-8", newline="\n")


def _selection(
    arch: Architecture, notes: Annotations, *, show_all: bool, focus: str | None
) -> Selection:
    scope = neighbourhood(arch, focus, show_all=show_all) if focus else None
    links = arch_links(arch, show_all=show_all)
    if show_all:
        ends = {n for link in links for n in (link.source, *link.targets)}
        selection = Selection(tuple(sorted(set(arch.components) | ends)), tuple(links))
    else:
        keep = set(arch.entrypoints) | notes.flagged() | ({focus} if focus else set())
        selection = fold(arch, links, keep=keep)
    if scope is not None:
        selection = replace(restrict(selection, scope), focus=focus)
    return selection


def _mermaid(arch: Architecture, selection: Selection, notes: Annotations) -> DiagramOutput:
    full = to_mermaid(build_view(arch, selection, notes))
    if full.fits:
        return DiagramOutput(content=full.text, fmt=DiagramFormat.MERMAID)
    limits = (
        f"the full diagram ({len(full.text):,} characters, {full.edges} edges) is past "
        f"GitHub's Mermaid limits ({MAX_CHARS:,} characters, {MAX_EDGES} edges)"
    )
    last: MermaidText = full
    for reduced, what in reductions(arch, selection, notes):
        note = f"{limits}: {what}"
        last = to_mermaid(build_view(arch, reduced, notes), comments=(note,))
        if last.fits:
            return DiagramOutput(content=last.text, fmt=DiagramFormat.MERMAID, notes=[note])
    note = f"{limits}, and so is every reduced view; use --focus or the SVG output"
    return DiagramOutput(content=last.text, fmt=DiagramFormat.MERMAID, notes=[note])
