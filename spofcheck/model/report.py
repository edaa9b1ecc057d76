"""The result of one scan as typed data: what every formatter in report/ renders."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from spofcheck.model.availability import AvailabilityResult
from spofcheck.model.base import Frozen, ParseError, Severity
from spofcheck.model.findings import Finding, RuleMeta


class StackSummary(Frozen):
    """One analyzed unit (a Terraform root, a YAML file, a plan) and its availability."""

    name: str
    path: str
    kind: str
    components: int = 0
    availability: AvailabilityResult | None = None


class GateReasonKind(StrEnum):
    """Why a gate failed; a closed set scripts can match on."""

    INPUT_ERRORS = "input_errors"
    FINDINGS = "findings"
    SLO = "slo"
    MIN_AVAILABILITY = "min_availability"
    NOT_COMPUTED = "not_computed"
    INCOMPLETE_COVERAGE = "incomplete_coverage"
    AVAILABILITY_DROP = "availability_drop"
    NEW_FINDINGS = "new_findings"


class GateReason(Frozen):
    kind: GateReasonKind
    message: str


class Gate(Frozen):
    """The verdict the exit code reports, with every reason it failed."""

    passed: bool = True
    reasons: list[GateReason] = Field(default_factory=list)


class OpaqueModule(Frozen):
    """A module call whose source could not be read."""

    address: str
    source: str
    version: str | None = None
    reason: str


class UnsupportedResource(Frozen):
    """A resource type with no adapter that may matter for availability."""

    type: str
    count: int


class UnknownValue(Frozen):
    """A value a rule needed and could not resolve."""

    component: str
    attribute: str
    rule_ids: list[str] = Field(default_factory=list)


class UncalledModule(Frozen):
    """A reusable module folder nobody in the scanned tree calls, and whether it was
    analyzed as a stack (`--include-modules`) or skipped (the default)."""

    path: str
    analyzed: bool


class Coverage(Frozen):
    """What the scan could not read; never silently counted as healthy."""

    opaque_modules: list[OpaqueModule] = Field(default_factory=list)
    unsupported_resources: list[UnsupportedResource] = Field(default_factory=list)
    unknown_values: list[UnknownValue] = Field(default_factory=list)
    # A deliberate choice, not a gap: `complete` does not depend on it.
    uncalled_modules: list[UncalledModule] = Field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.opaque_modules or self.unsupported_resources or self.unknown_values)


class AppliedSettings(Frozen):
    """The configuration that shaped this report, so a silenced gate is never invisible."""

    config_file: str | None = None
    disabled: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)


class Report(Frozen):
    """The result of one scan: what every formatter in report/ renders."""

    version: str
    root: str = "."
    findings: list[Finding] = Field(default_factory=list)
    # One stack: its block; several: the weakest one's (`stack` names it) with `meets_slo`
    # true only when every stack meets its SLO.
    availability: AvailabilityResult | None = None
    errors: list[ParseError] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    rules: list[RuleMeta] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    components: int = 0
    fail_on: Severity = Severity.HIGH
    stacks: list[StackSummary] = Field(default_factory=list)
    # Findings left out because `--baseline` already records them (engine/baseline.py).
    baselined: int = 0
    # Of those, the ones matched by a former component id (engine/former.py).
    baselined_by_former_id: int = 0
    # Mermaid source per stack path, filled only when a format shows diagrams (markdown).
    diagrams: dict[str, str] = Field(default_factory=dict)
    gate: Gate = Field(default_factory=Gate)
    coverage: Coverage = Field(default_factory=Coverage)
    settings: AppliedSettings = Field(default_factory=AppliedSettings)

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]
