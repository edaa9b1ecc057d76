"""The YAML architecture document, version 1, as pydantic models: what a user may write.

Every optional field defaults to None, meaning "not written"; `convert.py` applies the
defaults, so an overlay can tell a written value from a default. The published JSON Schema
(`docs/schema/architecture-v1.schema.json`) is generated from these models.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from spofcheck.model import DependencyKind, Failover, Kind, Scope, StandbyMode

MAX_REPLICAS = 10_000
EXTENSION_PREFIX = "x-"  # top-level keys for anchors and other tools; never read
SCHEMA_ID = (
    "https://github.com/spofcheck/spofcheck/blob/main/docs/schema/architecture-v1.schema.json"
)


def _percent(value: float) -> float:
    if not (0 < value <= 100):  # also refuses nan
        raise PydanticCustomError("percent", "expected a percentage above 0 and at most 100")
    if value <= 1:
        raise PydanticCustomError(
            "percent_fraction",
            "percent, not a fraction? Write 99.9 for 99.9%; values up to 1 are refused",
        )
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("finite", "expected a finite number")
    return value


Percent = Annotated[
    float,
    AfterValidator(_percent),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 1, "maximum": 100}),
]
Seconds = Annotated[float, Field(gt=0), AfterValidator(_finite)]
Name = Annotated[str, StringConstraints(min_length=1)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Replicas = Annotated[int, Field(ge=0, le=MAX_REPLICAS)]


def _duration(value: float | str) -> float:
    from spofcheck.recovery.durations import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise PydanticCustomError("duration", str(exc).partition(", got")[0]) from None


Duration = Annotated[
    float | str,
    AfterValidator(_duration),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": "^\\s*\\d+(\\.\\d+)?\\s*[smhd]?\\s*$"},
            ],
            "description": "seconds, or 30s, 15m, 4h, 7d",
        }
    ),
]


def _lax(description: str) -> Any:
    """Enums accept their string values (strict mode would want enum instances)."""
    return Field(default=None, strict=False, description=description)


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class HealthCheckDoc(_Doc):
    """How the component's health is checked; any mapping means a check exists."""

    enabled: bool | None = Field(None, description="false: configured but switched off")
    path: str | None = Field(None, description="HTTP path probed, e.g. /health")
    port: Annotated[int, Field(ge=1, le=65535)] | None = None
    protocol: str | None = Field(None, description="http, https, tcp, grpc, ...")
    interval_s: Seconds | None = Field(None, description="seconds between probes")
    timeout_s: Seconds | None = Field(None, description="seconds before a probe fails")
    healthy_threshold: Annotated[int, Field(ge=1)] | None = None
    unhealthy_threshold: Annotated[int, Field(ge=1)] | None = None


class StandbyDoc(_Doc):
    """Capacity kept aside to take over when the primaries fail."""

    mode: StandbyMode | None = _lax("hot, warm or cold (default warm)")
    failover: Failover | None = _lax("automatic or manual (default automatic)")
    replicas: Replicas | None = Field(None, description="default: number of zones, else 1")
    zones: list[Name] | None = Field(None, description="standby replica i in zones[i % n]")
    region: Name | None = Field(None, description="default: the zones' region (DR elsewhere)")
    availability: Percent | None = Field(None, description="percent per standby replica")
    failover_success: Percent | None = Field(None, description="percent of failovers that work")
    replication: Literal["sync", "async"] | None = Field(
        None, description="default: sync in the primary's region, async in another"
    )


class ByDisruptionDoc(_Doc):
    """An objective per disruption type."""

    instance: Duration | None = None
    zone: Duration | None = None
    region: Duration | None = None


def _objective_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "mapping"
    return None if isinstance(value, bool) else "duration"


Objective = Annotated[
    Annotated[Duration, Tag("duration")] | Annotated[ByDisruptionDoc, Tag("mapping")],
    Discriminator(
        _objective_tag,
        custom_error_type="objective",
        custom_error_message="expected a duration or a mapping of instance, zone, region",
    ),
]


class RecoveryDoc(_Doc):
    """Recovery objectives (targets) and, per component, the failover service."""

    rto: Objective | None = Field(None, description="max downtime per event")
    rpo: Objective | None = Field(None, description="max data loss (time)")
    service: (
        Literal[
            "rds-multi-az",
            "rds-multi-az-cluster",
            "aurora",
            "aurora-global",
            "cloud-sql-ha",
            "azure-flexible-server",
            "elasticache",
            "managed",
        ]
        | None
    ) = Field(None, description="whose failover time applies (docs/recovery.md)")


class BackupsDoc(_Doc):
    """Backups kept of the component's data; a mapping means backups exist."""

    interval: Duration | None = Field(None, description="time between backups (default 1d)")
    retention: Duration | None = Field(None, description="how long backups are kept")
    cross_region: bool | None = Field(None, description="copies kept in another region")
    point_in_time: bool | None = Field(None, description="point-in-time recovery enabled")


class DependencyDoc(_Doc):
    """One dependency in mapping form: `target` (or `any_of`) and how the call is made."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["target"]}, {"required": ["any_of"]}]}
    )

    target: Name | None = Field(None, description="the component depended on")
    any_of: Annotated[list[Name], Field(min_length=1)] | None = Field(
        None, description="at least one of these must be up"
    )
    kind: DependencyKind | None = _lax("hard (default) or soft")
    timeout: bool | None = Field(None, description="calls have a timeout")
    retries: bool | None = Field(None, description="calls are retried")
    circuit_breaker: bool | None = Field(None, description="a circuit breaker guards calls")
    note: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> DependencyDoc:
        if (self.target is None) == (self.any_of is None):
            raise PydanticCustomError("dependency_target", "give either `target` or `any_of`")
        return self


def _item_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "name"
    return "mapping" if isinstance(value, dict) else None


def _check_tag(value: Any) -> str | None:
    if isinstance(value, bool):
        return "flag"
    return "mapping" if isinstance(value, dict) else None


DependencyItem = Annotated[
    Annotated[Name, Tag("name")] | Annotated[DependencyDoc, Tag("mapping")],
    Discriminator(
        _item_tag,
        custom_error_type="dependency_item",
        custom_error_message="expected a component name or a mapping with `target` or `any_of`",
    ),
]
HealthCheckField = Annotated[
    Annotated[bool, Tag("flag")] | Annotated[HealthCheckDoc, Tag("mapping")],
    Discriminator(
        _check_tag,
        custom_error_type="health_check",
        custom_error_message="expected true, false or a mapping",
    ),
]
BackupsField = Annotated[
    Annotated[bool, Tag("flag")] | Annotated[BackupsDoc, Tag("mapping")],
    Discriminator(
        _check_tag,
        custom_error_type="backups",
        custom_error_message="expected true, false or a mapping",
    ),
]
UNION_TAG_FIELDS = {
    "depends_on": ("name", "mapping"),
    "health_check": ("flag", "mapping"),
    "backups": ("flag", "mapping"),
    "rto": ("duration", "mapping"),
    "rpo": ("duration", "mapping"),
}


class ComponentDoc(_Doc):
    """One component; every field is optional."""

    kind: Kind | None = _lax("what it does (default other)")
    label: str | None = Field(None, description="display name")
    scope: Scope | None = _lax("instance (default), regional or global")
    availability: Percent | None = Field(None, description="percent per replica")
    replicas: Replicas | None = Field(None, description="default: number of zones, else 1")
    zones: list[Name] | None = Field(None, description="replica i lives in zones[i % n]")
    region: Name | None = Field(None, description="default: the zones' region")
    min_healthy: Replicas | None = Field(None, description="default 1; a majority with quorum")
    quorum: bool | None = Field(None, description="needs a majority of replicas up")
    health_check: HealthCheckField | None = Field(None, description="true, false or details")
    sticky_sessions: bool | None = None
    standby: StandbyDoc | None = None
    backups: BackupsField | None = Field(None, description="true, false or details")
    recovery: RecoveryDoc | None = Field(None, description="overrides the top-level one")
    depends_on: list[DependencyItem] | None = None
    ignore: dict[Name, Reason] | None = Field(None, description="rule id: reason to suppress")
    tags: list[Name] | None = None


class ZoneDoc(_Doc):
    """A failure domain inside a region."""

    region: Name | None = None
    availability: Percent | None = Field(None, description="percent (default 100)")


class RegionDoc(_Doc):
    """A region: zones in it fail together when it fails."""

    availability: Percent | None = Field(None, description="percent (default 100)")


class ArchitectureDoc(_Doc):
    """A YAML architecture description (version 1)."""

    version: Literal[1] = Field(description="format version; always 1")
    name: str | None = None
    slo: Percent | None = Field(None, description="target availability, percent")
    recovery: RecoveryDoc | None = Field(None, description="RTO/RPO targets (docs/recovery.md)")
    regions: dict[Name, RegionDoc | None] | None = None
    zones: dict[Name, ZoneDoc | None] | None = None
    components: dict[Name, ComponentDoc | None]
    entrypoints: list[Name] | None = Field(
        None, description="where requests enter; default: components nothing depends on"
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check and complete architecture files."""
    schema = _without_null_defaults(ArchitectureDoc.model_json_schema())
    schema["patternProperties"] = {f"^{EXTENSION_PREFIX}": {}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _without_null_defaults(node: Any) -> Any:
    """`"default": null` only means "not written"; editors would offer it as a value."""
    if isinstance(node, dict):
        return {
            k: _without_null_defaults(v)
            for k, v in node.items()
            if not (k == "default" and v is None)
        }
    if isinstance(node, list):
        return [_without_null_defaults(v) for v in node]
    return node


_MODELS: dict[str, type[BaseModel]] = {
    "architecture": ArchitectureDoc,
    "component": ComponentDoc,
    "standby": StandbyDoc,
    "recovery": RecoveryDoc,
    "backups": BackupsDoc,
    "by_disruption": ByDisruptionDoc,
    "health_check": HealthCheckDoc,
    "dependency": DependencyDoc,
    "zone": ZoneDoc,
    "region": RegionDoc,
}
MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(model.model_fields) for name, model in _MODELS.items()
}
