"""Running `dot`: SVG and PNG when it works, DOT with a note when it cannot; determinism."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from spofcheck.diagram import DiagramFormat, render_diagram
from tests.helpers.diagram_cases import nasty, seed_multi_region, seed_spof, spof_findings
from tests.helpers.dot_structure import parse_dot

REPO = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz `dot` not installed")


def _fake_dot(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    dot = folder / "dot"
    dot.write_text(f"#!/bin/sh\n{script}\n")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


@needs_dot
def test_svg_is_xml_with_one_group_per_node_and_cluster() -> None:
    arch = seed_spof()
    source = render_diagram(arch, findings=spof_findings(), fmt="dot").content
    svg = render_diagram(arch, findings=spof_findings(), fmt="svg")
    assert svg.fmt is DiagramFormat.SVG
    assert not svg.fallback
    assert isinstance(svg.content, bytes)
    assert isinstance(source, str)
    root = ET.fromstring(svg.content)
    assert root.tag == f"{SVG}svg"
    groups = [g.get("class") for g in root.iter(f"{SVG}g")]
    graph = parse_dot(source)
    assert groups.count("node") == len(graph.nodes)
    assert groups.count("cluster") == len(graph.clusters()) - 1  # the root is no cluster
    assert groups.count("edge") == len(graph.edges)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "HA001 HA003" in texts


@needs_dot
def test_png_is_a_png() -> None:
    png = render_diagram(seed_multi_region(), fmt="png")
    assert isinstance(png.content, bytes)
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_without_dot_svg_falls_back_to_dot_with_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no `dot` anywhere
    output = render_diagram(seed_spof(), fmt="svg")
    assert output.fallback
    assert output.fmt is DiagramFormat.DOT
    assert isinstance(output.content, str)
    assert output.content.startswith("// seed-q3-spof\ndigraph spofcheck {")
    (note,) = output.notes
    assert note.startswith("graphviz `dot` was not found on PATH: wrote DOT instead of SVG")
    assert "apt-get install graphviz" in note
    assert "dot -Tsvg FILE.dot -o FILE.svg" in note


def test_a_hanging_dot_is_cut_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dot(tmp_path, f"exec {shutil.which('sleep')} 30", monkeypatch)
    output = render_diagram(seed_spof(), fmt="png", timeout_s=0.5)
    assert output.fallback
    assert output.notes[0].startswith("graphviz `dot` did not finish within 0.5 s")


def test_a_failing_dot_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dot(tmp_path, 'echo "Error: <stdin>: syntax error in line 1" >&2; exit 1', monkeypatch)
    output = render_diagram(seed_spof(), fmt="svg")
    assert output.fallback
    assert output.notes[0].startswith(
        "graphviz `dot` failed: Error: <stdin>: syntax error in line 1: wrote DOT instead"
    )


def test_dot_and_mermaid_never_call_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    for fmt in ("dot", "mermaid"):
        output = render_diagram(seed_spof(), fmt=fmt)
        assert not output.fallback
        assert output.notes == []


_DIGEST = textwrap.dedent(
    """
    import hashlib, sys
    sys.path.insert(0, sys.argv[1])
    from tests.helpers.diagram_cases import nasty, seed_multi_region, seed_spof, spof_findings
    from spofcheck.diagram import render_diagram
    for fmt in sys.argv[2:]:
        for arch, findings in ((seed_multi_region(), []), (seed_spof(), spof_findings()),
                               (nasty(), [])):
            content = render_diagram(arch, findings=findings, fmt=fmt).content
            data = content.encode() if isinstance(content, str) else content
            print(fmt, hashlib.sha256(data).hexdigest())
    """
)


def _digests(seed: str, formats: list[str]) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST, str(REPO), *formats],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_output_is_identical_across_hash_seeds() -> None:
    formats = ["dot", "mermaid"] + (["svg"] if shutil.which("dot") else [])
    first, second = _digests("1", formats), _digests("4242", formats)
    assert first == second
    assert len(first.splitlines()) == 3 * len(formats)


def test_same_input_same_bytes_in_process() -> None:
    one = render_diagram(nasty(), fmt="dot").content
    two = render_diagram(nasty(), fmt="dot").content
    assert hashlib.sha256(str(one).encode()).digest() == hashlib.sha256(str(two).encode()).digest()
