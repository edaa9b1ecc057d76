"""`whatif -o FILE`: the usual diagram with what the scenario takes down shaded.

No new drawing code: each component that goes down becomes a mark the diagram already
knows, red (label `DOWN`) when the scenario takes its own capacity below its need,
amber (label `DEP`) when only something it depends on is down.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spofcheck.diagram.annotate import DOWN
from spofcheck.model import Architecture, Finding, Severity
from spofcheck.recovery.whatif import WhatIf


def marks(result: WhatIf) -> list[Finding]:
    """One pseudo-finding per component the scenario takes down."""
    out = []
    for o in result.components:
        if o.up:
            continue
        own = o.capacity < o.needed
        out.append(
            Finding(
                rule_id=DOWN if own else "DEP",
                severity=Severity.HIGH if own else Severity.MEDIUM,
                component=o.id,
                message=f"{o.capacity} of {o.needed} needed" if own else "a dependency is down",
            )
        )
    return out


def write_shaded(stacks: Sequence[tuple[Architecture, WhatIf]], path: Path) -> list[str]:
    """Draw each stack (`{stack}` in the name for several); returns notes for stderr."""
    from spofcheck.api.diagrams import stack_slug
    from spofcheck.diagram.api import format_from_path, render_diagram, write_diagram

    fmt = format_from_path(path, None)
    notes: list[str] = []
    for arch, result in stacks:
        target = Path(str(path).replace("{stack}", stack_slug(arch.root)))
        output = render_diagram(
            arch,
            findings=marks(result),
            availability={"value": result.conditional.value, "complete": result.complete},
            fmt=fmt,
            scenario=", ".join(result.scenario.labels()),
            baseline=result.baseline.value if result.baseline is not None else None,
        )
        write_diagram(output, target)
        notes += [*output.notes, f"wrote {target}"]
    return notes
