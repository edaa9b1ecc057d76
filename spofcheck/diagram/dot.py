"""The view as DOT source, built with the `graphviz` package; every text is escaped here."""

from __future__ import annotations

import html
import re

import graphviz

from spofcheck.diagram.annotate import Mark
from spofcheck.diagram.legend import LegendItem, legend
from spofcheck.diagram.text import name_lines
from spofcheck.diagram.view import CLIENTS, Cluster, EdgeStyle, Level, NodeView, View
from spofcheck.model import STATEFUL_KINDS, Kind

FONT = "Helvetica"
RED, AMBER, BLUE, GREY = "#c62828", "#e08600", "#1565c0", "#616161"
FILL = {Mark.NONE: "#ffffff", Mark.WARNING: "#fff4d6", Mark.SPOF: "#fde4e4"}
BORDER = {Mark.NONE: "#546e7a", Mark.WARNING: AMBER, Mark.SPOF: RED}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_CLUSTER_STYLE = {
    Level.REGION: {"style": "rounded,filled", "fillcolor": "#eaf1fb", "color": "#7f9fc9"},
    Level.ZONE: {"style": "rounded,filled,dashed", "fillcolor": "#f8fbff", "color": "#8ea8c8"},
    Level.MODULE: {"style": "rounded,dotted", "color": "#78909c"},
}
_SWATCH = {
    Mark.SPOF.value: f'BGCOLOR="{FILL[Mark.SPOF]}" COLOR="{RED}" BORDER="1"',
    Mark.WARNING.value: f'BGCOLOR="{FILL[Mark.WARNING]}" COLOR="{AMBER}" BORDER="1"',
    "junction": f'BGCOLOR="#e3f2fd" COLOR="{BLUE}" BORDER="1"',
    "zones": 'BGCOLOR="#eaf1fb" COLOR="#7f9fc9" BORDER="1"',
}
_EDGE_STYLE = {
    EdgeStyle.HARD: {},
    EdgeStyle.SOFT: {"style": "dashed"},
    EdgeStyle.CONFIG: {"style": "dotted", "color": "#9e9e9e", "arrowhead": "empty"},
    EdgeStyle.SUMMARY: {"style": "dotted", "color": GREY},
    EdgeStyle.ENTRY: {"color": "#90a4ae", "penwidth": "1.5"},
}


def to_dot(view: View) -> str:
    """DOT source for the view: left-to-right request flow, clusters per failure domain."""
    graph = graphviz.Digraph("spofcheck", comment=_plain(view.title))
    graph.attr(rankdir="LR", newrank="true", fontname=FONT, labelloc="t", labeljust="l")
    graph.attr(nodesep="0.25", ranksep="0.55", pad="0.3", label=_caption(view))
    graph.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="10")
    graph.attr("node", color=BORDER[Mark.NONE], fillcolor="#ffffff", margin="0.12,0.05")
    graph.attr("edge", color="#37474f", arrowsize="0.7", fontname=FONT, fontsize="9")
    if any(edge.style is EdgeStyle.ENTRY for edge in view.edges):
        graph.node(CLIENTS, label="clients", style="rounded,dashed", color="#90a4ae")
    _fill(graph, view.root, view)
    for edge in view.edges:
        attrs = dict(_EDGE_STYLE[edge.style])
        if edge.label:
            attrs["label"] = _html(_text(edge.label))
        graph.edge(edge.tail, edge.head, **attrs)
    return str(graph.source)


def _fill(graph: graphviz.Digraph, cluster: Cluster, view: View) -> None:
    for key in cluster.nodes:
        graph.node(key, **_node_attrs(view.nodes[key]))
    for key in cluster.junctions:
        junction = view.junctions[key]
        graph.node(
            key,
            label=_html(_text(junction.label)),
            shape="diamond",
            fontsize="8",
            style="filled,dashed" if junction.soft else "filled",
            fillcolor="#e3f2fd",
            color=BLUE,
            margin="0.02,0.02",
            height="0.3",
        )
    for child in cluster.children:
        with graph.subgraph(name=child.key) as sub:
            sub.attr(
                label=_html(f"<B>{_text(child.label)}</B>"),
                fontsize="11",
                labeljust="l",
                **_CLUSTER_STYLE[child.level],
            )
            _fill(sub, child, view)


def _node_attrs(node: NodeView) -> dict[str, str]:
    attrs = {
        "label": _html(_node_label(node)),
        "tooltip": _plain(_tooltip(node)),
        "fillcolor": FILL[node.mark],
        "color": BLUE if node.focus else BORDER[node.mark],
    }
    if node.mark is not Mark.NONE or node.focus:
        attrs["penwidth"] = "3" if node.focus else "2"
    if node.kind in STATEFUL_KINDS:
        attrs.update(shape="cylinder", style="filled", margin="0.12,0.13")
    if node.muted or node.kind is Kind.EXTERNAL:
        attrs["style"] = "rounded,filled,dashed"
    if node.muted and node.mark is Mark.NONE:
        attrs.update(fillcolor="#f5f5f5", color="#9e9e9e", fontcolor="#757575")
    return attrs


def _tooltip(node: NodeView) -> str:
    if not node.folded:
        return node.component
    return f"{node.component} · uses {', '.join(node.folded)}"


def _node_label(node: NodeView) -> str:
    parts = [f"<B>{_text(line)}</B>" for line in name_lines(node.name)]
    if node.label:
        parts.append(f'<FONT POINT-SIZE="9"><I>{_text(node.label)}</I></FONT>')
    parts += [f'<FONT POINT-SIZE="8" COLOR="#455a64">{_text(line)}</FONT>' for line in node.details]
    if node.rules:
        colour = RED if node.mark is Mark.SPOF else AMBER
        parts.append(f'<FONT COLOR="{colour}"><B>{_text(" ".join(node.rules))}</B></FONT>')
    if node.folded:
        parts.append(f'<FONT POINT-SIZE="7" COLOR="#78909c">{_text(node.folded_summary)}</FONT>')
    return "<BR/>".join(parts)


def _caption(view: View) -> str:
    """Title, availability headline, notes and a one-row legend, above the drawing."""
    rows = [
        _row(f'<FONT POINT-SIZE="16"><B>{_text(view.title)}</B></FONT>'),
        _row(f'<FONT POINT-SIZE="12">{_text(view.headline)}</FONT>'),
    ]
    rows += [_row(f'<FONT POINT-SIZE="9" COLOR="{GREY}">{_text(n)}</FONT>') for n in view.notes]
    cells = "".join(_legend_cells(item) for item in legend(view))
    rows.append(_row(f'<TABLE BORDER="0" CELLSPACING="3"><TR>{cells}</TR></TABLE>'))
    return _html(f'<TABLE BORDER="0" CELLSPACING="1">{"".join(rows)}</TABLE>')


def _row(cell: str) -> str:
    return f'<TR><TD ALIGN="LEFT">{cell}</TD></TR>'


def _legend_cells(item: LegendItem) -> str:
    swatch = _SWATCH.get(item.key, "")
    sample = f'<TD {swatch}><FONT POINT-SIZE="9">{_text(item.sample)}</FONT></TD>'
    return f'{sample}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{_text(item.meaning)}</FONT></TD>'


def _text(value: str) -> str:
    """Text for an HTML-like label: markup characters escaped, control characters gone."""
    return html.escape(_CONTROL.sub(" ", value), quote=True)


def _html(markup: str) -> str:
    return f"<{markup}>"


def _plain(value: str) -> graphviz.nohtml:
    """A quoted DOT string: backslashes doubled so `\\N`-style escapes cannot fire."""
    return graphviz.nohtml(_CONTROL.sub(" ", value).replace("\\", "\\\\"))
