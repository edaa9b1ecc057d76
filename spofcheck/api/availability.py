"""`spofcheck availability`: compute every stack's availability and render it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from spofcheck import __version__
from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.api.settings import gate_policy
from spofcheck.availability.calculator import AvailabilityResult, compute
from spofcheck.availability.table import render_table
from spofcheck.availability.text import render_text
from spofcheck.model import Architecture, ParseError, Report, StackSummary


@dataclass
class Computed:
    stacks: list[tuple[Architecture, AvailabilityResult]] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    # The same report and gate `scan` builds, without findings: `report.gate` decides.
    report: Report = field(default_factory=lambda: Report(version=__version__))


def compute_all(request: ScanRequest) -> Computed:
    root, loaded, errors = load_stacks(request)
    result = Computed(errors=list(errors))
    summaries = []
    for source, arch in loaded:
        result.errors.extend(arch.errors)
        slo = request.slo if request.slo is not None else arch.slo
        block = compute(arch, slo=slo) if arch.components else None
        if block is not None:
            result.stacks.append((arch, block))
        name = arch.name or arch.root
        summaries.append(
            StackSummary(
                name=name,
                path=arch.root,
                kind=source.kind.value,
                components=len(arch.components),
                availability=block,
            )
        )
    result.report = _gated(root.as_posix(), summaries, result.errors, request)
    return result


def _gated(
    root: str, stacks: list[StackSummary], errors: list[ParseError], request: ScanRequest
) -> Report:
    """A findings-free report over `stacks`, its gate decided by `api.gate`, as scan's is."""
    from spofcheck.api.gate import scan_gate

    report = Report(version=__version__, root=root, errors=errors, stacks=stacks)
    policy = replace(gate_policy(request), check_findings=False)
    return report.model_copy(update={"gate": scan_gate(report, policy)})


def render(computed: Computed, fmt: str) -> str:
    if fmt == "json":
        return _json(computed)
    if len(computed.stacks) > 1:
        return render_table([(arch.root, result) for arch, result in computed.stacks])
    return "".join(render_text(result) for _, result in computed.stacks)


def _json(computed: Computed) -> str:
    from spofcheck.report.json_format import gate

    errors = [e.model_dump(mode="json") for e in computed.errors]
    if len(computed.stacks) == 1:
        doc = {**computed.stacks[0][1].to_json(), "errors": errors, "version": __version__}
    else:
        stacks = [
            {"name": a.name or a.root, "path": a.root, "availability": r.to_json()}
            for a, r in computed.stacks
        ]
        doc = {"version": __version__, "stacks": stacks, "errors": errors}
    doc["gate"] = gate(computed.report.gate)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
