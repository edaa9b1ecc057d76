"""`spofcheck availability`: compute every stack's availability and render it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from spofcheck import __version__
from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.availability.calculator import AvailabilityResult, compute
from spofcheck.availability.text import render_text
from spofcheck.model import Architecture, ParseError


@dataclass
class Computed:
    stacks: list[tuple[Architecture, AvailabilityResult]] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)


def compute_all(request: ScanRequest) -> Computed:
    _root, loaded, errors = load_stacks(request)
    result = Computed(errors=list(errors))
    for _source, arch in loaded:
        result.errors.extend(arch.errors)
        if arch.components:
            slo = request.slo if request.slo is not None else arch.slo
            result.stacks.append((arch, compute(arch, slo=slo)))
    return result


def render(computed: Computed, fmt: str) -> str:
    if fmt == "json":
        return _json(computed)
    parts = []
    for arch, result in computed.stacks:
        header = f"== {arch.name or arch.root} ({arch.root})\n" if len(computed.stacks) > 1 else ""
        parts.append(header + render_text(result))
    parts.extend(f"error: {e.one_line()}\n" for e in computed.errors)
    return "\n".join(parts)


def _json(computed: Computed) -> str:
    errors = [e.model_dump(mode="json") for e in computed.errors]
    if len(computed.stacks) == 1:
        doc = {**computed.stacks[0][1].to_json(), "errors": errors, "version": __version__}
    else:
        stacks = [
            {"name": a.name or a.root, "path": a.root, "availability": r.to_json()}
            for a, r in computed.stacks
        ]
        doc = {"version": __version__, "stacks": stacks, "errors": errors}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def availability_exit_code(computed: Computed, request: ScanRequest) -> int:
    """2 on unreadable input; 1 when a stack misses its SLO or the --min-availability floor."""
    if computed.errors:
        return 2
    for _arch, result in computed.stacks:
        if result.meets_slo is False:
            return 1
        floor = request.min_availability
        if floor is not None and result.meets(floor) is False:
            return 1
    return 0
