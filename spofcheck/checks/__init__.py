"""Python checks that catalogue rules point to; one module per check.

A rule's `check:` names a check registered in the `spofcheck.checks` entry-point group
(pyproject.toml), the way a plugin registers its own. `BUILTIN` is the same registry as
an explicit dict, used when spofcheck's metadata is missing (a source tree never
installed). Nothing registers itself by being imported, and only named checks load.
"""

from __future__ import annotations

from spofcheck.checks.base import CheckFn

BUILTIN: dict[str, str] = {
    "single_point_of_failure": "spofcheck.checks.spof:check",
    "missing_multi_az": "spofcheck.checks.multi_az:check",
    "sticky_sessions": "spofcheck.checks.sticky:check",
    "cold_standby": "spofcheck.checks.cold_standby:check",
    "missing_health_check": "spofcheck.checks.health_check:check",
    "no_automatic_failover": "spofcheck.checks.failover:check",
    "split_brain_risk": "spofcheck.checks.quorum:check",
    "single_region": "spofcheck.checks.region:check",
    "zone_loss_capacity": "spofcheck.checks.zone_capacity:check",
    "no_backups": "spofcheck.checks.backups:check",
    "slo_not_met": "spofcheck.checks.slo:check",
    "hard_dependency_cycle": "spofcheck.checks.cycles:check",
    "unguarded_dependency": "spofcheck.checks.guards:check",
    "deletion_protection_off": "spofcheck.checks.deletion:check",
    "slow_failure_detection": "spofcheck.checks.detection:check",
    "scale_in_to_one": "spofcheck.checks.scale_floor:check",
    "cross_zone_load_balancing_off": "spofcheck.checks.cross_zone:check",
    "no_disruption_budget": "spofcheck.checks.disruption_budget:check",
    "disruption_budget_blocks_eviction": "spofcheck.checks.budget_blocks:check",
    "recovery_objective_not_met": "spofcheck.checks.recovery_objective:check",
    "dr_capacity_short": "spofcheck.checks.dr_capacity:check",
}


def check_named(name: str) -> CheckFn | None:
    """The check registered as `name` (built-in or plugin), or None."""
    from spofcheck.engine.plugins import load_check

    found: CheckFn | None = load_check(name, BUILTIN)
    return found
