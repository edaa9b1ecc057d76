"""The schema of one rule in the catalogue (`rules/*.yaml`), as pydantic models."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from spofcheck.engine.template import template_problem
from spofcheck.model import Kind, Reference, RuleMeta, Severity

DOCS_BASE = "https://github.com/spofcheck/spofcheck/blob/main/docs/rules/"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Op(StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    IN = "in"
    NOT_IN = "not_in"
    EXISTS = "exists"
    MISSING = "missing"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    MATCHES = "matches"


class Condition(_Strict):
    """One test on a component field or raw attribute.

    Written `{field: attributes.multi_az, op: equals, value: false}`.

    A value that could not be resolved from the code (an unknown Terraform expression)
    makes the condition undecided, and an undecided rule stays quiet.
    """

    field: str
    op: Op
    value: Any = None

    @model_validator(mode="after")
    def _linear_pattern(self) -> Condition:
        """`matches` patterns are RE2 (linear time): refused when the rule is loaded."""
        if self.op is Op.MATCHES:
            from spofcheck.regex import compile_pattern

            compile_pattern(str(self.value))  # PatternError is a ValueError: located
        return self


class Match(_Strict):
    """A declarative rule: every condition in `all`, and at least one in `any` when given."""

    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)


class AppliesTo(_Strict):
    kinds: list[Kind] = Field(default_factory=list)
    providers: list[str] = Field(default_factory=list)
    resource_types: list[str] = Field(default_factory=list)


class ExamplePair(_Strict):
    """Code that fires the rule, and the near-identical fix that does not."""

    anti_pattern: str
    best_practice: str


class Examples(_Strict):
    """A YAML architecture example, a Terraform one, Kubernetes manifests, or several
    (tested, shown in the docs)."""

    yaml: ExamplePair | None = None
    terraform: ExamplePair | None = None
    kubernetes: ExamplePair | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> Examples:
        if self.yaml is None and self.terraform is None and self.kubernetes is None:
            raise ValueError("give a `yaml`, `terraform` or `kubernetes` example")
        return self


class Input(StrEnum):
    """The kinds of input a rule understands; each needs a fixture pair in `fixtures/rules/`."""

    YAML = "yaml"
    TERRAFORM_AWS = "tf-aws"
    TERRAFORM_GCP = "tf-gcp"
    TERRAFORM_AZURE = "tf-azure"
    KUBERNETES = "k8s"


class RuleSpec(_Strict):
    """A rule: metadata and docs, and either a declarative `match` or a Python `check`."""

    id: str = Field(pattern=r"^[A-Z]{2,}[0-9]{3,}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    severity: Severity
    summary: str
    rationale: str
    remediation: str
    references: list[Reference] = Field(default_factory=list)
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    check: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    option_docs: dict[str, str] = Field(default_factory=dict)
    inputs: list[Input] = Field(default_factory=list)
    match: Match | None = None
    message: str | None = None
    examples: Examples
    tags: list[str] = Field(default_factory=list)
    # Where the rule's page lives; a plugin or user rule points at its own site.
    docs: str | None = Field(default=None, pattern=r"^https?://\S+$")

    @model_validator(mode="after")
    def _check_or_match(self) -> RuleSpec:
        if (self.check is None) == (self.match is None):
            raise ValueError("a rule has either `check` (Python) or `match` (declarative)")
        if self.match is not None and not self.message:
            raise ValueError("a declarative rule needs a `message` template")
        problem = template_problem(self.message) if self.message else None
        if problem is not None:
            raise ValueError(problem)
        undocumented = sorted(set(self.options) ^ set(self.option_docs))
        if undocumented:
            raise ValueError(f"options and option_docs must name the same keys: {undocumented}")
        return self

    @property
    def docs_url(self) -> str:
        """The rule's own `docs` URL, else its page on spofcheck's site (built-ins)."""
        return self.docs or f"{DOCS_BASE}{self.id}.md"

    def meta(self, severity: Severity | None = None) -> RuleMeta:
        return RuleMeta(
            id=self.id,
            name=self.name,
            title=self.title,
            severity=severity or self.severity,
            rationale=self.rationale.strip(),
            remediation=self.remediation.strip(),
            summary=" ".join(self.summary.split()),
            references=list(self.references),
            docs=self.docs_url,
            tags=list(self.tags),
        )
