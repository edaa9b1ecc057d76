"""Findings and the rule metadata formatters need to explain them."""

from __future__ import annotations

from pydantic import Field

from spofcheck.model.base import Frozen, Severity


class Finding(Frozen):
    """One rule violation on one component; formatting lives in report/."""

    rule_id: str
    rule_name: str = ""
    severity: Severity
    component: str
    message: str
    file: str | None = None
    line: int | None = None
    end_line: int | None = None
    remediation: str = ""
    docs: str | None = None
    fingerprint: str = ""
    stack: str | None = None  # the analyzed unit (Terraform root, YAML file) it came from
    suppressed: bool = False
    suppression_reason: str | None = None
    # The fingerprints it had under the component's former ids (engine/former.py): an
    # unsplit resource address, a folded replica's or variant's address. Baselines and
    # diff fall back to them; formatters do not print them.
    former_fingerprints: list[str] = Field(default_factory=list)

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file or "", self.line or 0, self.rule_id, self.component, self.message)


class Reference(Frozen):
    title: str
    url: str


class RuleMeta(Frozen):
    """A rule as the catalogue describes it; what formatters need to explain a finding."""

    id: str
    name: str
    title: str
    severity: Severity
    rationale: str = ""
    remediation: str = ""
    summary: str = ""
    references: list[Reference] = Field(default_factory=list)
    docs: str | None = None
    tags: list[str] = Field(default_factory=list)
