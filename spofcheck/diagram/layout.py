"""Build the view from a selection: where each node sits, what it says, how edges run."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spofcheck.diagram import text
from spofcheck.diagram.annotate import Annotations, Mark
from spofcheck.diagram.clusters import Path, build_tree, component_paths
from spofcheck.diagram.fold import PLUMBING_KINDS
from spofcheck.diagram.select import Link, Selection, entry_points
from spofcheck.diagram.view import CLIENTS, EdgeStyle, EdgeView, JunctionView, NodeView, View
from spofcheck.model import Architecture, Component, DependencyKind, Kind, Relation, Scope
from spofcheck.report.coverage import slo_verdict

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(frozen=True)
class _Marks:
    """What decorates nodes beyond the component itself."""

    selection: Selection
    notes: Annotations
    entries: frozenset[str]


def build_view(arch: Architecture, selection: Selection, notes: Annotations) -> View:
    """Everything a renderer needs, in a fixed order; no renderer decides anything."""
    keys = {cid: _key(i, cid) for i, cid in enumerate(selection.components)}
    marks = _Marks(selection, notes, frozenset(entry_points(arch, selection, infer=False)))
    nodes = {keys[cid]: _node(arch, cid, keys[cid], marks) for cid in keys}
    paths = {keys[cid]: path for cid, path in component_paths(arch, keys).items()}
    edges = [EdgeView(CLIENTS, keys[e], EdgeStyle.ENTRY) for e in sorted(marks.entries)]
    junctions: dict[str, JunctionView] = {}
    junction_paths: dict[str, Path] = {}
    for link in selection.links:
        if not link.any_of:
            edges += [
                EdgeView(keys[link.source], keys[t], _style(link), link.summary)
                for t in link.targets
            ]
            continue
        junction = _junction(len(junctions), link)
        junctions[junction.key] = junction
        junction_paths[junction.key] = _common(paths[keys[m]] for m in (link.source, *link.targets))
        edges.append(EdgeView(keys[link.source], junction.key, _style(link)))
        edges += [EdgeView(junction.key, keys[t], _style(link)) for t in link.targets]
    return View(
        title=arch.name or "architecture",
        headline=_headline(notes),
        root=build_tree(arch, paths, junction_paths),
        nodes=nodes,
        junctions=junctions,
        edges=tuple(edges),
        notes=_notes(selection, notes),
        scenario=notes.scenario is not None,
    )


def _key(index: int, component_id: str) -> str:
    """A DOT/Mermaid-safe node id that still reads like the component it stands for."""
    return f"n{index}_{_UNSAFE.sub('_', component_id)[:40].strip('_')}"


def _common(paths: Iterable[Path]) -> Path:
    found: Path | None = None
    for path in paths:
        found = path if found is None else _prefix(found, path)
    return found or ()


def _prefix(a: Path, b: Path) -> Path:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


def _junction(index: int, link: Link) -> JunctionView:
    return JunctionView(
        key=f"j{index}",
        label=f"any 1 of {len(link.targets)}",
        soft=link.kind is DependencyKind.SOFT,
    )


def _style(link: Link) -> EdgeStyle:
    if link.summary is not None:
        return EdgeStyle.SUMMARY
    if link.relation is Relation.CONFIG:
        return EdgeStyle.CONFIG
    return EdgeStyle.HARD if link.kind is DependencyKind.HARD else EdgeStyle.SOFT


def _node(arch: Architecture, cid: str, key: str, marks: _Marks) -> NodeView:
    component = arch.components.get(cid)
    kind: Kind | None = None
    details: tuple[str, ...] = ("not declared",)
    name = text.clip(cid)
    if component is not None:
        in_module = bool(text.module_path(cid))
        name = text.short_name(component, strip_modules=in_module)
        kind, details = component.kind, _details(component, name, marks.notes)
    return NodeView(
        key=key,
        component=cid,
        name=name,
        label=text.clip(component.label) if component and component.label else None,
        kind=kind,
        details=details,
        mark=marks.notes.marks.get(cid, Mark.NONE),
        rules=marks.notes.rules.get(cid, ()),
        folded=_folded(cid, marks.selection.folded.get(cid, ())),
        folded_summary=_folded_summary(arch, marks.selection.folded.get(cid, ())),
        entry=cid in marks.entries,
        focus=cid == marks.selection.focus,
        muted=component is None or component.kind is Kind.MODULE,
    )


def _kind_line(component: Component, name: str) -> str:
    kind = component.kind.value.replace("_", " ")
    if component.resource_type and not name.startswith(f"{component.resource_type}."):
        kind = f"{kind} · {component.resource_type}"
    return kind


def _details(component: Component, name: str, notes: Annotations) -> tuple[str, ...]:
    kind = _kind_line(component, name)
    if component.kind is Kind.MODULE:
        source = component.attributes.get("source")
        return (kind, f"not read: {text.clip(str(source), 40)}" if source else "not read")
    if component.kind in PLUMBING_KINDS:
        return (kind,)  # placement and figures of plumbing are not modelled
    if not component.modelled:
        return (kind, "not modelled: redundancy unknown")
    if component.replicas == 0:  # count = 0, or an autoscaling floor of 0
        return (kind, "0 replicas: none guaranteed")
    lines = [kind, text.placement(component)]
    if component.scope is Scope.INSTANCE or component.replicas != 1:
        lines.append(text.capacity(component))
    if component.standby is not None:
        lines.append(text.standby(component.standby))
    figure = f"{text.percent(component.availability)} per replica"
    computed = notes.availability.get(component.id)
    if computed is not None and text.percent(computed) != text.percent(component.availability):
        figure += f" → {text.percent(computed)} as placed"
    lines.append(figure)
    if (lever := notes.levers.get(component.id)) is not None:
        lines.append(f"lever #{lever[0]}: +{text.points(lever[1])} if it never failed")
    return tuple(lines)


def _folded_summary(arch: Architecture, folded: tuple[str, ...]) -> str:
    """Folded plumbing by resource type (provider prefix dropped), else by id; a count
    variant of the node (`x ? 0 : 1` beside its `x ? 1 : 0`) by name, as what it is."""
    kinds = []
    for cid in folded:
        component = arch.components.get(cid)
        kind = component.resource_type if component and component.resource_type else None
        if component is not None and any(t.startswith(_VARIANT_OF) for t in component.tags):
            kinds.append(f"count variant {cid.rsplit('.', 1)[-1]}")
        else:
            kinds.append(kind.split("_", 1)[-1] if kind else cid)
    return text.folded_summary(kinds)


_VARIANT_OF = "variant-of:"  # the Terraform adapters' tag (adapters/variants.py)


def _folded(cid: str, folded: tuple[str, ...]) -> tuple[str, ...]:
    """Folded ids without the module prefix they share with their host."""
    prefix = "".join(f"module.{step}." for step in text.module_path(cid))
    return tuple(f[len(prefix) :] if prefix and f.startswith(prefix) else f for f in folded)


def _headline(notes: Annotations) -> str:
    if notes.scenario is not None:
        bound = "" if notes.complete else "≤ "
        given = "not computed" if notes.value is None else bound + text.percent(notes.value)
        without = "" if notes.baseline is None else f" (without it: {text.percent(notes.baseline)})"
        return f"what if {notes.scenario} fails · availability given it {given}{without}"
    slo = "no SLO set" if notes.slo is None else f"SLO {text.percent(notes.slo)}"
    if notes.value is None:
        return f"{slo} · availability not computed"
    down = text.downtime_per_month(notes.value)
    bound, why = ("", "") if notes.complete else ("≤ ", "; upper bound: part not read")
    availability = (
        f"availability {bound}{text.percent(notes.value)} (~{down} down per 30-day month{why})"
    )
    if notes.slo is None:
        return f"{availability} · {slo}"
    verdict = slo_verdict(notes.meets_slo, notes.complete)
    return f"{availability} · {slo}: {verdict}"


def _notes(selection: Selection, notes: Annotations) -> tuple[str, ...]:
    extra = list(selection.notes)
    if selection.focus:
        extra.insert(0, f"focus: {selection.focus} with what calls it and what it needs")
    if notes.unplaced_rules:
        extra.append(f"findings not on a component: {', '.join(notes.unplaced_rules)}")
    extra.extend(f"coverage incomplete: {gap}" for gap in notes.gaps)
    return tuple(extra)
