"""The normalized architecture model every parser produces and every later stage reads."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    """Base for immutable records that cross a pipeline stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Kind(StrEnum):
    """What a component does in the request path; closed set, `other` for the rest."""

    DNS = "dns"
    CDN = "cdn"
    LOAD_BALANCER = "load_balancer"
    GATEWAY = "gateway"
    SERVICE = "service"
    FUNCTION = "function"
    CLUSTER = "cluster"
    DATABASE = "database"
    CACHE = "cache"
    QUEUE = "queue"
    STORAGE = "storage"
    SEARCH = "search"
    NAT = "nat"
    NETWORK = "network"
    COORDINATION = "coordination"
    EXTERNAL = "external"
    MODULE = "module"
    CONFIG = "config"
    OTHER = "other"


STATEFUL_KINDS = frozenset(
    {Kind.DATABASE, Kind.CACHE, Kind.QUEUE, Kind.STORAGE, Kind.SEARCH, Kind.COORDINATION}
)
SERVING_KINDS = frozenset(
    {
        Kind.DNS,
        Kind.CDN,
        Kind.LOAD_BALANCER,
        Kind.GATEWAY,
        Kind.SERVICE,
        Kind.FUNCTION,
        Kind.CLUSTER,
        Kind.NAT,
    }
)


class Scope(StrEnum):
    """Which shared failure domains a component's replicas are exposed to.

    `instance`: replicas are machines placed in zones (zone and region events apply).
    `regional`: the provider keeps it redundant across a region's zones; one logical
    replica whose availability is the regional figure (only region events apply).
    `global`: a global service (DNS, CDN edge): no zone or region event applies.
    """

    INSTANCE = "instance"
    REGIONAL = "regional"
    GLOBAL = "global"


class StandbyMode(StrEnum):
    HOT = "hot"
    WARM = "warm"
    COLD = "cold"


class Failover(StrEnum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"


class DependencyKind(StrEnum):
    HARD = "hard"
    SOFT = "soft"


class Relation(StrEnum):
    """Why an edge exists: `request` edges carry traffic; `config` edges are references."""

    REQUEST = "request"
    CONFIG = "config"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


class Location(Frozen):
    """Where something was written: a path relative to the scanned root and 1-based lines."""

    file: str
    line: int = Field(default=1, ge=1)
    end_line: int | None = None


class HealthCheck(Frozen):
    """Whether something checks this component's health; `enabled=None` means unknown."""

    enabled: bool | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class Standby(Frozen):
    """Capacity kept aside to take over when the primaries fail."""

    mode: StandbyMode = StandbyMode.WARM
    failover: Failover = Failover.AUTOMATIC
    replicas: int = Field(default=1, ge=0)
    zones: list[str] = Field(default_factory=list)
    region: str | None = None
    availability: float | None = Field(default=None, gt=0, le=1)
    failover_success: float = Field(default=1.0, gt=0, le=1)

    @property
    def counts(self) -> bool:
        """Cold or manual standbys add no capacity when it matters."""
        return self.failover is Failover.AUTOMATIC and self.mode is not StandbyMode.COLD


class Component(Frozen):
    """One logical part of the system, with the redundancy it really has."""

    id: str
    kind: Kind = Kind.OTHER
    label: str | None = None
    replicas: int = Field(default=1, ge=0)
    min_healthy: int = Field(default=1, ge=0)
    zones: list[str] = Field(default_factory=list)
    region: str | None = None
    scope: Scope = Scope.INSTANCE
    availability: float = Field(default=0.995, gt=0, le=1)
    availability_source: str = "default"
    health_check: HealthCheck = Field(default_factory=HealthCheck)
    sticky_sessions: bool | None = False
    standby: Standby | None = None
    quorum: bool = False
    backups: bool | None = None
    source: Location | None = None
    provider: str | None = None
    resource_type: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    unresolved: list[str] = Field(default_factory=list)
    ignore: dict[str, str] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _zones_match_replicas(self) -> Component:
        if self.zones and len(self.zones) != self.replicas:
            raise ValueError(
                f"component {self.id!r}: {len(self.zones)} zones listed for "
                f"{self.replicas} replicas (one zone per replica)"
            )
        return self

    @property
    def zone_set(self) -> frozenset[str]:
        return frozenset(self.zones)

    @property
    def stateful(self) -> bool:
        return self.kind in STATEFUL_KINDS


class Dependency(Frozen):
    """`source` needs `target` (or at least one of `any_of`) to serve."""

    source: str
    target: str | None = None
    any_of: list[str] = Field(default_factory=list)
    kind: DependencyKind = DependencyKind.HARD
    relation: Relation = Relation.REQUEST
    timeout: bool | None = None
    retries: bool | None = None
    circuit_breaker: bool | None = None
    location: Location | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Dependency:
        if (self.target is None) == (not self.any_of):
            raise ValueError("a dependency has either `target` or `any_of`, not both")
        return self

    @property
    def targets(self) -> list[str]:
        return [self.target] if self.target is not None else list(self.any_of)


class Zone(Frozen):
    region: str | None = None
    availability: float = Field(default=1.0, gt=0, le=1)


class Region(Frozen):
    availability: float = Field(default=1.0, gt=0, le=1)


class ParseError(Frozen):
    """An input problem: located, one line, never fatal for the rest of the scan."""

    file: str
    line: int | None = None
    message: str
    key: str | None = None

    def one_line(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}".replace("\n", " ")


class Architecture(Frozen):
    """Everything one scan understood, in one place."""

    name: str | None = None
    root: str = "."
    slo: float | None = Field(default=None, gt=0, le=1)
    components: dict[str, Component] = Field(default_factory=dict)
    dependencies: list[Dependency] = Field(default_factory=list)
    zones: dict[str, Zone] = Field(default_factory=dict)
    regions: dict[str, Region] = Field(default_factory=dict)
    entrypoints: list[str] = Field(default_factory=list)
    entrypoints_declared: bool = False
    errors: list[ParseError] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)

    def request_dependencies(self) -> list[Dependency]:
        return [d for d in self.dependencies if d.relation is Relation.REQUEST]


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


class Report(Frozen):
    """The result of one scan: what every formatter in report/ renders."""

    version: str
    root: str = "."
    findings: list[Finding] = Field(default_factory=list)
    availability: dict[str, Any] | None = None
    errors: list[ParseError] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    rules: list[RuleMeta] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    components: int = 0
    fail_on: Severity = Severity.HIGH
    # One entry per analyzed unit: {"name", "path", "kind", "components", "availability"}.
    stacks: list[dict[str, Any]] = Field(default_factory=list)
    # Findings left out because `--baseline` already records them (engine/baseline.py).
    baselined: int = 0
    # Mermaid source per stack path, filled only when a format shows diagrams (markdown).
    diagrams: dict[str, str] = Field(default_factory=dict)

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]
