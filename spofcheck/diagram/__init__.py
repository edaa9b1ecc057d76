"""Review diagrams: graphviz (SVG, PNG, DOT) and Mermaid, drawn from the normalized model."""

from __future__ import annotations

from spofcheck.diagram.api import (
    DiagramFormat,
    DiagramOutput,
    format_from_path,
    render_diagram,
    write_diagram,
)

__all__ = ["DiagramFormat", "DiagramOutput", "format_from_path", "render_diagram", "write_diagram"]
