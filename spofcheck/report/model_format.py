"""Render the normalized model (`spofcheck model`) as JSON for scripts or text for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spofcheck import __version__
from spofcheck.availability.basis import choose
from spofcheck.availability.readings import (
    ASSUMED_ZONES,
    NeedSource,
    Reading,
    StandbyReading,
    read_component,
)
from spofcheck.availability.service import PER_ENTRY_WORK
from spofcheck.graph.coverage import coverage_of
from spofcheck.model import Architecture, Component, ParseError
from spofcheck.model.availability import BASIS_TEXT, Basis
from spofcheck.report.coverage import coverage_json, coverage_line_texts
from spofcheck.report.escape import json_safe, lead_path, text_field


def model_document(arch: Architecture) -> dict[str, Any]:
    """One architecture as plain data: components, dependencies, entry points, domains;
    each component's `effective` block is what the calculator uses (readings.py), and
    `coverage` what was not read, as `scan` reports it."""
    data = arch.model_dump(mode="json")
    for cid, component in data["components"].items():
        component["effective"] = read_component(arch.components[cid]).to_json()
    data["components"] = [data["components"][cid] for cid in sorted(data["components"])]
    data["service"] = service(arch)
    data["coverage"] = coverage_json(coverage_of(arch))
    return data


def service(arch: Architecture) -> dict[str, Any]:
    """What the calculator computes the availability of (availability/basis.py): the
    basis and the entry points, or serving components, standing for the service."""
    choice = choose(arch)
    basis = choice.basis
    # Too many entry points to judge one by one: the calculator requires them all.
    if basis is Basis.EACH_ENTRYPOINT and len(choice.entries) * len(arch.components) > (
        PER_ENTRY_WORK
    ):
        basis = Basis.ENTRYPOINTS
    return {
        "basis": basis.value,
        "description": BASIS_TEXT[basis],
        "components": [e for e in choice.entries if e in arch.components],
    }


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
        lines.extend(_component_lines(arch.components[cid]))
    for dep in arch.dependencies:
        target = text_field(dep.target or "any_of(" + ", ".join(dep.any_of) + ")")
        edge = f"{lead_path(dep.source)} -> {target} [{dep.kind.value}, {dep.relation.value}]"
        lines.append(f"  {edge}")
    lines.append(f"  entrypoints: {text_field(', '.join(arch.entrypoints)) or '-'}")
    lines.append(f"  {_service_line(arch)}")
    lines.extend(_place_lines(arch))
    lines.extend(f"  {line}" for line in coverage_line_texts(coverage_of(arch)))
    lines.extend(f"  error: {text_field(e.one_line())}" for e in arch.errors)
    lines.extend(f"  note: {text_field(n)}" for n in arch.notes)
    lines.append("")
    return lines


def _service_line(arch: Architecture) -> str:
    """`service: every entry point up (entrypoints): aws_lb.front`."""
    block = service(arch)
    components = text_field(", ".join(block["components"])) or "- (availability not computed)"
    return f"service: {block['description']} ({block['basis']}): {components}"


def _component_lines(c: Component) -> list[str]:
    """The component as the calculator reads it: effective min_healthy and standby."""
    reading = read_component(c)
    zones = text_field(",".join(c.zones)) if c.zones else "-"
    lines = [
        f"  {lead_path(c.id)}  {c.kind.value}  replicas={c.replicas} "
        f"min_healthy={_need(reading)} "
        f"zones={zones} region={text_field(c.region or '-')} scope={c.scope.value} "
        f"availability={c.availability * 100:g}%"
    ]
    if reading.standby is not None:
        lines.append(f"    {_standby(reading.standby, c.region)}")
    return lines


def _need(reading: Reading) -> str:
    if reading.min_healthy_from is NeedSource.QUORUM:
        return f"{reading.min_healthy} (majority of {reading.majority_of}, from quorum)"
    return str(reading.min_healthy)


def _standby(sb: StandbyReading, region: str | None) -> str:
    mode = f"{sb.mode.value} (default)" if sb.mode_default else sb.mode.value
    zones = text_field(",".join(sb.zones)) if sb.zones else "-"
    if sb.zones_assumed:
        zones += f" ({ASSUMED_ZONES})"
    counted = "" if sb.counts else " (adds no capacity)"
    return (
        f"standby: mode={mode} failover={sb.failover.value}{counted} replicas={sb.replicas} "
        f"zones={zones} region={text_field(sb.region or '-')} "
        f"availability={sb.availability * 100:g}% failover_success={sb.failover_success * 100:g}% "
        f"replication={_replication(sb, region)}{_members(sb)}"
    )


def _replication(sb: StandbyReading, region: str | None) -> str:
    """The written mode, else the recovery default and why (the standby's region)."""
    if sb.replication is not None:
        return sb.replication.value
    cross = sb.region != region
    return f"{sb.replication_in(cross).value} ({'other' if cross else 'same'} region)"


def _members(sb: StandbyReading) -> str:
    return f" members={text_field(','.join(sb.members))}" if sb.members else ""


def _place_lines(arch: Architecture) -> list[str]:
    """Each zone with its region (`inferred` when the zone did not name it), each region."""
    lines = []
    for name, zone in arch.zones.items():
        region = text_field(zone.region or "-") + (" (inferred)" if zone.region_inferred else "")
        lines.append(
            f"  zone {text_field(name)}: region={region} availability={zone.availability * 100:g}%"
        )
    for name, reg in arch.regions.items():
        lines.append(f"  region {text_field(name)}: availability={reg.availability * 100:g}%")
    return lines
