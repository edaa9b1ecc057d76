"""Mermaid: a crafted name cannot add a directive, a line or a fence end to the diagram."""

from __future__ import annotations

from spofcheck.diagram.api import render_diagram
from spofcheck.model import Architecture, Component, Dependency

DIRECTIVE = '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%'


def test_directives_and_line_breaks_in_names_stay_text() -> None:
    web = Component(id="web", label=f"{DIRECTIVE}\n```\nclick web call alert(1)")
    db = Component(id=f"db{DIRECTIVE}\u2028x")
    arch = Architecture(
        name=f"shop {DIRECTIVE}",
        components={web.id: web, db.id: db},
        dependencies=[Dependency(source="web", target=db.id)],
        entrypoints=["web"],
        notes=[f"note {DIRECTIVE}\n```"],
    )
    drawn = render_diagram(arch, findings=[], availability=None, fmt="mermaid")
    assert isinstance(drawn.content, str)
    text = drawn.content
    assert "%%{" not in text
    assert "}%%" not in text
    assert "```" not in text
    assert "\u2028" not in text
    assert not any(line.lstrip().startswith("click") for line in text.splitlines())
