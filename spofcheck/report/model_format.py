"""Render the normalized model (`spofcheck model`) as JSON for scripts or text for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spofcheck import __version__
from spofcheck.model import Architecture, ParseError
from spofcheck.report.escape import json_safe, lead_path, text_field


def model_document(arch: Architecture) -> dict[str, Any]:
    """One architecture as plain data: components, dependencies, entry points, domains."""
    data = arch.model_dump(mode="json")
    data["components"] = [data["components"][cid] for cid in sorted(data["components"])]
    return data


def render_json(archs: Sequence[Architecture], errors: Sequence[ParseError]) -> str:
    """One architecture: the object itself. Several: {"architectures": [...], "errors": [...]}."""
    extra = [e.model_dump(mode="json") for e in errors]
    if len(archs) == 1:
        doc = model_document(archs[0])
        doc["errors"] = extra + doc["errors"]
        doc["version"] = __version__
    else:
        doc = {
            "version": __version__,
            "architectures": [model_document(a) for a in archs],
            "errors": extra,
        }
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def render_text(archs: Sequence[Architecture], errors: Sequence[ParseError]) -> str:
    lines: list[str] = []
    for arch in archs:
        lines.extend(_arch_lines(arch))
    lines.extend(f"error: {text_field(e.one_line())}" for e in errors)
    return "\n".join(lines) + "\n"


def _arch_lines(arch: Architecture) -> list[str]:
    slo = f", SLO {arch.slo * 100:g}%" if arch.slo is not None else ""
    lines = [lead_path(f"{arch.name or arch.root} ({arch.root}{slo})")]
    for cid in sorted(arch.components):
        c = arch.components[cid]
        zones = text_field(",".join(c.zones)) if c.zones else "-"
        lines.append(
            f"  {lead_path(cid)}  {c.kind.value}  replicas={c.replicas} "
            f"min_healthy={c.min_healthy} "
            f"zones={zones} region={text_field(c.region or '-')} scope={c.scope.value} "
            f"availability={c.availability * 100:g}%"
        )
    for dep in arch.dependencies:
        target = text_field(dep.target or "any_of(" + ", ".join(dep.any_of) + ")")
        edge = f"{lead_path(dep.source)} -> {target} [{dep.kind.value}, {dep.relation.value}]"
        lines.append(f"  {edge}")
    lines.append(f"  entrypoints: {text_field(', '.join(arch.entrypoints)) or '-'}")
    lines.extend(f"  error: {text_field(e.one_line())}" for e in arch.errors)
    lines.extend(f"  note: {text_field(n)}" for n in arch.notes)
    lines.append("")
    return lines
