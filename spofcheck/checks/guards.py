"""HA014: a hard dependency called without a timeout, or unguarded across failure domains.

YAML dependencies may say `timeout`, `retries` and `circuit_breaker` (true/false). Saying
nothing is not a defect: most descriptions do not model call guards at all. The rule
fires only on what is written:
- a hard dependency with `timeout: false` (a slow callee then hangs the caller), and
- when the description declares guards on at least one dependency (so it models them),
  a hard dependency on a component in another region or an external service that
  declares none of the three (low severity).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Dependency, DependencyKind, Kind, Relation, Severity


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Explicit `timeout: false` on hard dependencies; unguarded cross-domain calls."""
    deps = [d for d in ctx.arch.dependencies if _hard_request(d)]
    modelled = any(_declared(d) for d in ctx.arch.dependencies)
    for dep in sorted(deps, key=lambda d: (d.source, d.targets)):
        for target in dep.targets:
            violation = _judge(ctx, dep, target, modelled)
            if violation is not None:
                yield violation


def _hard_request(dep: Dependency) -> bool:
    return dep.kind is DependencyKind.HARD and dep.relation is Relation.REQUEST


def _declared(dep: Dependency) -> bool:
    return any(v is not None for v in (dep.timeout, dep.retries, dep.circuit_breaker))


def _judge(ctx: CheckContext, dep: Dependency, target: str, modelled: bool) -> Violation | None:
    if dep.timeout is False:
        return Violation(
            dep.source,
            f"calls {target} with timeout: false: when {target} slows down "
            f"(fail-slow), {dep.source}'s workers wait on it until none are left, and the "
            f"slowness cascades to everything that calls {dep.source}",
            location=dep.location,
            key=f"timeout:{target}",
        )
    if not modelled or _declared(dep) or dep.any_of:
        return None  # an any_of group already has its fallback: the other alternatives
    domain = _other_domain(ctx, dep.source, target)
    if domain is None:
        return None
    return Violation(
        dep.source,
        f"hard-depends on {target} ({domain}) with no timeout, retries or "
        "circuit breaker declared: a failure there is felt in full by every request",
        severity=Severity.LOW,
        location=dep.location,
        key=f"unguarded:{target}",
    )


def _other_domain(ctx: CheckContext, source: str, target: str) -> str | None:
    caller = ctx.arch.components.get(source)
    callee = ctx.arch.components.get(target)
    if caller is None or callee is None:
        return None
    if callee.kind is Kind.EXTERNAL:
        return "an external service"
    if caller.region and callee.region and caller.region != callee.region:
        return f"in region {callee.region}, {source} in {caller.region}"
    return None
