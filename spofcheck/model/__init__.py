"""The typed spine: every record that crosses a pipeline stage, importable from one place."""

from __future__ import annotations

from spofcheck.model.architecture import (
    SERVING_KINDS,
    STATEFUL_KINDS,
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Failover,
    HealthCheck,
    Kind,
    Region,
    Relation,
    Scope,
    Standby,
    StandbyMode,
    Zone,
)
from spofcheck.model.availability import AvailabilityResult, Downtime, Method
from spofcheck.model.base import Frozen, Location, ParseError, Severity
from spofcheck.model.findings import Finding, Reference, RuleMeta
from spofcheck.model.report import (
    AppliedSettings,
    Coverage,
    Gate,
    GateReason,
    GateReasonKind,
    OpaqueModule,
    Report,
    StackSummary,
    UnknownValue,
    UnsupportedResource,
)
from spofcheck.model.settings import Autoscaling, CheckPurpose, Settings, Toggle

__all__ = [
    "SERVING_KINDS",
    "STATEFUL_KINDS",
    "AppliedSettings",
    "Architecture",
    "Autoscaling",
    "AvailabilityResult",
    "CheckPurpose",
    "Component",
    "Coverage",
    "Dependency",
    "DependencyKind",
    "Downtime",
    "Failover",
    "Finding",
    "Frozen",
    "Gate",
    "GateReason",
    "GateReasonKind",
    "HealthCheck",
    "Kind",
    "Location",
    "Method",
    "OpaqueModule",
    "ParseError",
    "Reference",
    "Region",
    "Relation",
    "Report",
    "RuleMeta",
    "Scope",
    "Settings",
    "Severity",
    "StackSummary",
    "Standby",
    "StandbyMode",
    "Toggle",
    "UnknownValue",
    "UnsupportedResource",
    "Zone",
]
