"""`spofcheck availability`: compute every stack's availability and render it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from spofcheck import __version__
from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.api.settings import gate_policy
from spofcheck.availability.calculator import AvailabilityResult
from spofcheck.availability.table import render_table
from spofcheck.availability.text import render_text
from spofcheck.graph.coverage import assess, coverage_of, merge
from spofcheck.model import Architecture, Coverage, ParseError, Report, StackSummary
from spofcheck.report.coverage import coverage_json, coverage_text


@dataclass
class Computed:
    stacks: list[tuple[Architecture, AvailabilityResult]] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    # The same report and gate `scan` builds, without findings: `report.gate` decides.
    report: Report = field(default_factory=lambda: Report(version=__version__))

    @property
    def coverage(self) -> Coverage:
        """What was not read, as scan reports it (values every rule would need)."""
        return self.report.coverage


def compute_all(request: ScanRequest) -> Computed:
    root, loaded, errors = load_stacks(request)
    result = Computed(errors=list(errors))
    summaries = []
    for source, arch in loaded:
        result.errors.extend(arch.errors)
        block = assess(arch, request.slo if request.slo is not None else arch.slo)
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
    coverage = merge(coverage_of(arch) for _, arch in loaded)
    result.report = _gated(root.as_posix(), summaries, result.errors, request, coverage)
    return result


def _gated(
    root: str,
    stacks: list[StackSummary],
    errors: list[ParseError],
    request: ScanRequest,
    coverage: Coverage,
) -> Report:
    """A findings-free report over `stacks`, its gate decided by `api.gate`, as scan's is."""
    from spofcheck.api.gate import scan_gate

    report = Report(version=__version__, root=root, errors=errors, stacks=stacks, coverage=coverage)
    policy = replace(gate_policy(request), check_findings=False)
    return report.model_copy(update={"gate": scan_gate(report, policy)})


def render(computed: Computed, fmt: str) -> str:
    if fmt == "json":
        return _json(computed)
    head = coverage_text(computed.coverage)
    if len(computed.stacks) > 1:
        return head + render_table([(arch.root, result) for arch, result in computed.stacks])
    return head + "".join(render_text(result) for _, result in computed.stacks)


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
    doc["coverage"] = coverage_json(computed.coverage)
    doc["gate"] = gate(computed.report.gate)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
