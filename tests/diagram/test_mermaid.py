"""Mermaid output: GitHub-safe syntax, escaping, marks, and the size-limit fallback."""

from __future__ import annotations

import json
import re

from spofcheck.diagram import render_diagram
from spofcheck.diagram.mermaid import MAX_CHARS, MAX_EDGES
from tests.helpers.diagram_cases import nasty, seed_multi_region, seed_spof, spof_findings, wide

_NODE = re.compile(r'^\s*(\w+)(\["[^"]*"\]|\[\("[^"]*"\)\]|\{"[^"]*"\}|\(\["[^"]*"\]\))(:::\w+)?$')
_EDGE = re.compile(r"^\s*(\w+) (-->|-\.->|-\.-o|==>)(\|\"[^\"]*\"\|)? (\w+)$")


def _mermaid(*args: object, **kwargs: object) -> str:
    output = render_diagram(*args, fmt="mermaid", **kwargs)  # type: ignore[arg-type]
    assert isinstance(output.content, str)
    return output.content


def _statements(text: str) -> list[str]:
    body = text.split("flowchart LR\n", 1)[1]
    return [
        line for line in body.splitlines() if line.strip() and not line.strip().startswith("%%")
    ]


def _check_syntax(text: str) -> None:
    """Every line is a node, an edge, a subgraph/end, a style or a class statement."""
    for line in _statements(text):
        stripped = line.strip()
        known = (
            _NODE.match(line)
            or _EDGE.match(line)
            or re.match(r'^subgraph \w+\["[^"]*"\]$', stripped)
            or stripped == "end"
            or re.match(r"^(style|classDef|class|linkStyle) [\w,]+ [\w#:,.\- ]+$", stripped)
        )
        assert known, f"unexpected Mermaid line: {line!r}"


def test_seed_design_is_a_left_to_right_flowchart_with_subgraphs() -> None:
    text = _mermaid(seed_multi_region())
    assert text.startswith('---\ntitle: "seed-q4-multi-region: SLO 99.95%')
    _check_syntax(text)
    assert 'subgraph cluster_0["region us-east-1 · 99.99%"]' in text
    assert 'subgraph cluster_1_0["zone usw2-az1 · 99.99%"]' in text
    assert re.search(r'^\s*j0\{"any 1 of 2"\}$', text, re.MULTILINE)
    assert re.search(r"^\s*\w+_cdn --> j0$", text, re.MULTILINE)
    assert re.search(r"^\s*\w+_app_east -\.-> \w+_redis_east$", text, re.MULTILINE)


def test_marks_become_classes() -> None:
    text = _mermaid(seed_spof(), findings=spof_findings())
    classes = {
        m.group(2): sorted(m.group(1).split(","))
        for m in re.finditer(r"^\s*class ([\w,]+) (\w+)$", text, re.MULTILINE)
    }
    assert classes == {"spof": ["n1_db", "n3_lb"], "warning": ["n0_app"]}


def test_nasty_ids_are_escaped_into_entity_codes() -> None:
    text = _mermaid(nasty())
    _check_syntax(text)
    assert "#60;b#62;html#60;/b#62;" in text
    assert "#35;hash #38; amp; end" in text
    # the title is YAML front matter: a JSON-quoted string, not a Mermaid label
    title = json.loads(text.splitlines()[1].removeprefix("title: "))
    assert title.startswith('nasty "name" <x> & \\ #: ')


def test_past_github_limits_falls_back_to_paths_to_flagged_components() -> None:
    """400 chains lb → svc_i → db_i: 800 edges, over 500. Flagged db_0007 and db_0100:
    the reduced view keeps lb, svc_0007, db_0007, svc_0100, db_0100 (4 edges + clients)."""
    arch, findings = wide(400, flagged=(7, 100))
    output = render_diagram(arch, findings=findings, fmt="mermaid")
    assert isinstance(output.content, str)
    assert len(output.content) <= MAX_CHARS
    assert "entry points, the flagged components and the paths between them" in output.notes[0]
    assert f"%% {output.notes[0]}" in output.content
    nodes = {m.group(1) for line in _statements(output.content) if (m := _NODE.match(line))}
    drawn = {n.split("_", 1)[1] for n in nodes if n.startswith("n")}
    assert drawn == {"lb", "svc_0007", "db_0007", "svc_0100", "db_0100"}
    _check_syntax(output.content)


def test_when_paths_are_too_many_only_endpoints_remain() -> None:
    """600 flagged databases behind one LB: paths alone need 1,200 edges; the next view
    draws the LB and the flagged ones with summary edges; still over 500, so it halves the
    flagged set (300, then 150, ...) until it fits, saying how many were left out."""
    arch, findings = wide(600, flagged=tuple(range(600)))
    output = render_diagram(arch, findings=findings, fmt="mermaid")
    assert isinstance(output.content, str)
    edges = sum(1 for line in _statements(output.content) if _EDGE.match(line))
    assert edges <= MAX_EDGES
    assert len(output.content) <= MAX_CHARS
    assert "flagged components left out" in output.notes[0]
    assert '|"via 1 component"|' in output.content


def test_within_limits_no_note() -> None:
    output = render_diagram(seed_multi_region(), fmt="mermaid")
    assert output.notes == []
    assert "%%" not in output.content  # type: ignore[operator]


def test_nothing_flagged_shows_the_first_hops_from_the_entry_points() -> None:
    """lb → 200 services → 200 databases, nothing flagged. Two hops from lb is the whole
    diagram, which is over the limits; one hop (lb and the services) is half of it."""
    arch, _ = wide(200, flagged=())
    output = render_diagram(arch, fmt="mermaid")
    assert isinstance(output.content, str)
    assert len(output.content) <= MAX_CHARS
    (note,) = output.notes
    assert note.endswith("nothing is flagged: showing what the entry points reach within 1 hop")
    assert "n0_lb" in output.content
    assert "svc_0199" in output.content
    assert "db_0000" not in output.content


def test_when_even_one_hop_is_too_much_only_the_entry_points_remain() -> None:
    arch, _ = wide(400, flagged=())
    output = render_diagram(arch, fmt="mermaid")
    assert isinstance(output.content, str)
    assert output.notes[0].endswith("nothing is flagged: showing only the entry points")
    assert "n0_lb" in output.content
    assert "svc_" not in output.content
