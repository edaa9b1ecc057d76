"""Choosing the output format, and writing the result where the user asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.diagram import DiagramFormat, DiagramOutput, format_from_path, write_diagram
from spofcheck.errors import ConfigError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("out.svg", "svg"),
        ("out.PNG", "png"),
        ("out.dot", "dot"),
        ("out.gv", "dot"),
        ("out.mmd", "mermaid"),
        ("docs/arch.md", "mermaid"),
    ],
)
def test_format_from_extension(name: str, expected: str) -> None:
    assert format_from_path(Path(name), None) == expected


def test_explicit_format_wins_over_extension() -> None:
    assert format_from_path(Path("out.svg"), "Mermaid") == "mermaid"


@pytest.mark.parametrize(("name", "explicit"), [("out.pdf", None), ("out", None), ("x.svg", "jpg")])
def test_unknown_format_is_a_config_error(name: str, explicit: str | None) -> None:
    with pytest.raises(ConfigError) as caught:
        format_from_path(Path(name), explicit)
    assert caught.value.key == "--format"
    assert "svg" in caught.value.message


def test_mermaid_in_markdown_is_fenced(tmp_path: Path) -> None:
    output = DiagramOutput(content="flowchart LR\n  a --> b\n", fmt=DiagramFormat.MERMAID)
    write_diagram(output, tmp_path / "a.md")
    write_diagram(output, tmp_path / "a.mmd")
    assert (tmp_path / "a.md").read_text() == "```mermaid\nflowchart LR\n  a --> b\n```\n"
    assert (tmp_path / "a.mmd").read_text() == "flowchart LR\n  a --> b\n"


def test_bytes_are_written_as_bytes(tmp_path: Path) -> None:
    write_diagram(DiagramOutput(content=b"\x89PNG", fmt=DiagramFormat.PNG), tmp_path / "a.png")
    assert (tmp_path / "a.png").read_bytes() == b"\x89PNG"
