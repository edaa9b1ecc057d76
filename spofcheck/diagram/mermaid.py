"""The view as a Mermaid flowchart that GitHub renders; every text is escaped here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from spofcheck.diagram.annotate import Mark
from spofcheck.diagram.dot import AMBER, BLUE, FILL, RED
from spofcheck.diagram.legend import legend
from spofcheck.diagram.text import name_lines
from spofcheck.diagram.view import CLIENTS, Cluster, EdgeStyle, Level, NodeView, View
from spofcheck.model import STATEFUL_KINDS
from spofcheck.report.escape import mermaid_comment

MAX_CHARS = 50_000  # GitHub's limits for a rendered Mermaid block
MAX_EDGES = 500
# Controls, C1, Unicode line breaks and bidi overrides: none belongs in a label.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_ENTITIES = {"#": "#35;", '"': "#34;", "&": "#38;", "<": "#60;", ">": "#62;", "`": "#96;"}
# Mermaid reads `%%{init: …}%%` directives anywhere in the source, labels included.
_DIRECTIVE = re.compile("%(?=%)")
_ARROW = {
    EdgeStyle.HARD: "-->",
    EdgeStyle.SOFT: "-.->",
    EdgeStyle.CONFIG: "-.-o",
    EdgeStyle.SUMMARY: "-.->",
    EdgeStyle.ENTRY: "==>",
}
_CLUSTER_STYLE = {
    Level.REGION: "fill:#eaf1fb,stroke:#7f9fc9",
    Level.ZONE: "fill:#f8fbff,stroke:#8ea8c8,stroke-dasharray:5 4",
    Level.MODULE: "fill:#ffffff,stroke:#78909c,stroke-dasharray:2 3",
}


@dataclass(frozen=True)
class MermaidText:
    text: str
    edges: int

    @property
    def fits(self) -> bool:
        return len(self.text) <= MAX_CHARS and self.edges <= MAX_EDGES


def to_mermaid(view: View, *, comments: tuple[str, ...] = ()) -> MermaidText:
    """A `flowchart LR` with nested subgraphs per failure domain and classes for marks."""
    lines = [
        "---",
        f"title: {_title(f'{view.title}: {view.headline}')}",
        "---",
        "flowchart LR",
    ]
    lines += [f"  %% {mermaid_comment(note)}" for note in (*comments, *view.notes)]
    if any(edge.style is EdgeStyle.ENTRY for edge in view.edges):
        lines.append(f'  {CLIENTS}(["clients"])')
    lines += _cluster(view.root, view, "  ")
    lines += _legend(view)
    lines += [_edge(edge.tail, edge.head, edge.style, edge.label) for edge in view.edges]
    lines += _classes(view)
    return MermaidText("\n".join(lines) + "\n", len(view.edges))


def _cluster(cluster: Cluster, view: View, indent: str) -> list[str]:
    lines = [f"{indent}{_node(view.nodes[key])}" for key in cluster.nodes]
    lines += [f'{indent}{key}{{"{_text(view.junctions[key].label)}"}}' for key in cluster.junctions]
    for child in cluster.children:
        lines.append(f'{indent}subgraph {child.key}["{_text(child.label)}"]')
        lines += _cluster(child, view, indent + "  ")
        lines.append(f"{indent}end")
        lines.append(f"{indent}style {child.key} {_CLUSTER_STYLE[child.level]}")
    return lines


def _node(node: NodeView) -> str:
    parts = [f"<b>{_text(line)}</b>" for line in name_lines(node.name)]
    if node.label:
        parts.append(f"<i>{_text(node.label)}</i>")
    parts += [_text(line) for line in node.details]
    if node.rules:
        parts.append(f"<b>{_text(' '.join(node.rules))}</b>")
    if node.folded:
        parts.append(_text(node.folded_summary))
    label = "<br/>".join(parts)
    if node.kind in STATEFUL_KINDS:
        return f'{node.key}[("{label}")]'
    return f'{node.key}["{label}"]'


def _edge(tail: str, head: str, style: EdgeStyle, label: str | None) -> str:
    text = f'|"{_text(label)}"|' if label else ""
    return f"  {tail} {_ARROW[style]}{text} {head}"


def _legend(view: View) -> list[str]:
    items = [f"{item.sample} {item.meaning}" for item in legend(view)[2:]]
    return [
        '  subgraph legend["legend"]',
        f'    legend_spof["{_text(legend(view)[0].meaning)}"]:::spof',
        f'    legend_warning["{_text(legend(view)[1].meaning)}"]:::warning',
        f'    legend_more["{"<br/>".join(_text(i) for i in items)}"]',
        "  end",
    ]


def _classes(view: View) -> list[str]:
    lines = [
        f"  classDef spof fill:{FILL[Mark.SPOF]},stroke:{RED},stroke-width:2px",
        f"  classDef warning fill:{FILL[Mark.WARNING]},stroke:{AMBER},stroke-width:2px",
        f"  classDef focus stroke:{BLUE},stroke-width:3px",
    ]
    groups = {
        "spof": [n.key for n in view.nodes.values() if n.mark is Mark.SPOF],
        "warning": [n.key for n in view.nodes.values() if n.mark is Mark.WARNING],
        "focus": [n.key for n in view.nodes.values() if n.focus],
    }
    lines += [f"  class {','.join(keys)} {name}" for name, keys in groups.items() if keys]
    config = [str(i) for i, e in enumerate(view.edges) if e.style is EdgeStyle.CONFIG]
    if config:
        lines.append(f"  linkStyle {','.join(config)} stroke:#9e9e9e")
    return lines


def _text(value: str) -> str:
    """Text inside a quoted Mermaid label: entity codes for anything Mermaid would parse."""
    cleaned = _CONTROL.sub(" ", value)
    return _DIRECTIVE.sub("#37;", "".join(_ENTITIES.get(char, char) for char in cleaned))


def _title(value: str) -> str:
    """The front-matter title: a JSON (= YAML) string; `%%` escaped so no directive forms."""
    quoted = json.dumps(_CONTROL.sub(" ", value), ensure_ascii=False)
    return _DIRECTIVE.sub(r"\\u0025", quoted).replace("`", "\\u0060")
