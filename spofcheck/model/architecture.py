"""The normalized architecture model every parser produces and every later stage reads."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from spofcheck.model.base import Frozen, Location, ParseError
from spofcheck.model.settings import Autoscaling, CheckPurpose, Settings


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


class Replication(StrEnum):
    """How a standby's copy of the data keeps up: `sync` loses nothing on failover (RPO 0),
    `async` loses what was not yet copied (the replication lag)."""

    SYNC = "sync"
    ASYNC = "async"


class DependencyKind(StrEnum):
    HARD = "hard"
    SOFT = "soft"


class Relation(StrEnum):
    """Why an edge exists: `request` edges carry traffic; `config` edges are references."""

    REQUEST = "request"
    CONFIG = "config"


class HealthCheck(Frozen):
    """Whether something checks this component's health; `enabled=None` means unknown.

    `required: false` says the platform cannot check this kind of target (Lambda targets,
    serverless backends), so its absence is no defect. `routes`, on a router: true when it
    routes through its checks by definition (a target group), false when nothing it owns
    routes traffic (a load balancer with no balancing rule), None: when it has targets.
    `interval_s` x `unhealthy_threshold` is how long a dead target keeps traffic.
    """

    enabled: bool | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    purpose: CheckPurpose = CheckPurpose.SELF
    required: bool = True
    routes: bool | None = None
    written: str | None = None  # how the input leaves checking off, for messages
    interval_s: float | None = Field(default=None, gt=0)
    unhealthy_threshold: float | None = Field(default=None, gt=0)
    timing_written: str | None = None  # how the input writes the interval and threshold


class Standby(Frozen):
    """Capacity kept aside to take over when the primaries fail."""

    mode: StandbyMode = StandbyMode.WARM
    mode_default: bool = False  # the input did not say: warm by default (YAML `standby: {}`)
    failover: Failover = Failover.AUTOMATIC
    replicas: int = Field(default=1, ge=0)
    zones: list[str] = Field(default_factory=list)
    region: str | None = None
    availability: float | None = Field(default=None, gt=0, le=1)
    failover_success: float = Field(default=1.0, gt=0, le=1)
    stopped: bool = False  # machines kept stopped, started by hand
    # None: not written; recovery takes sync within the primary's region, async across
    replication: Replication | None = None
    # the input's own names for the standby (a Terraform read replica's address), so
    # what the input calls it stays findable once it is folded into its primary
    members: list[str] = Field(default_factory=list)

    @property
    def counts(self) -> bool:
        """Cold or manual standbys add no capacity when it matters."""
        return self.failover is Failover.AUTOMATIC and self.mode is not StandbyMode.COLD


class DrainBudget(Frozen):
    """How many replicas a voluntary disruption (a node drain, a cluster upgrade) may evict
    at once, on a component whose platform evicts replicas on purpose.

    `budget`: the id of the component that declares the budget (None: no budget at all).
    `max_unavailable`: replicas one drain may take at once (0: drains are blocked; None:
    not known). On the budget's own component, `selector` says what it selects.
    """

    budget: str | None = None
    max_unavailable: int | None = Field(default=None, ge=0)
    setting: str = ""
    selector: str = ""


class Component(Frozen):
    """One logical part of the system, with the redundancy it really has."""

    id: str
    kind: Kind = Kind.OTHER
    label: str | None = None
    replicas: int = Field(default=1, ge=0)
    min_healthy: int = Field(default=1, ge=0)
    autoscaling: Autoscaling | None = None
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
    settings: Settings = Field(default_factory=Settings)
    modelled: bool = True  # false: no adapter knows this type; redundancy and figure unknown
    # Why the platform may put every replica in one zone although nothing pins them there
    # (None: placement is as `zones` says, or unknown and not to be reported).
    zone_spread_not_guaranteed: str | None = None
    # Voluntary evictions (node drains): None where the platform does not drain on purpose.
    drain_budget: DrainBudget | None = None
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
    # Guessed from configuration (an address in an environment variable), not declared.
    inferred: bool = False

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
    region_inferred: bool = False  # the zone did not name its region; the parser gave it one
    availability: float = Field(default=1.0, gt=0, le=1)


class Region(Frozen):
    availability: float = Field(default=1.0, gt=0, le=1)


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
