"""Python checks that catalogue rules point to; one module per check.

The registry is an explicit dict: a rule's `check:` names a key here. Nothing registers
itself by being imported.
"""

from __future__ import annotations

from spofcheck.checks import (
    backups,
    cold_standby,
    cycles,
    deletion,
    detection,
    dr_capacity,
    failover,
    guards,
    health_check,
    multi_az,
    quorum,
    recovery_objective,
    region,
    scale_floor,
    slo,
    spof,
    sticky,
    zone_capacity,
)
from spofcheck.checks.base import CheckFn

CHECKS: dict[str, CheckFn] = {
    "single_point_of_failure": spof.check,
    "missing_multi_az": multi_az.check,
    "sticky_sessions": sticky.check,
    "cold_standby": cold_standby.check,
    "missing_health_check": health_check.check,
    "no_automatic_failover": failover.check,
    "split_brain_risk": quorum.check,
    "single_region": region.check,
    "zone_loss_capacity": zone_capacity.check,
    "no_backups": backups.check,
    "slo_not_met": slo.check,
    "hard_dependency_cycle": cycles.check,
    "unguarded_dependency": guards.check,
    "deletion_protection_off": deletion.check,
    "slow_failure_detection": detection.check,
    "scale_in_to_one": scale_floor.check,
    "recovery_objective_not_met": recovery_objective.check,
    "dr_capacity_short": dr_capacity.check,
}
