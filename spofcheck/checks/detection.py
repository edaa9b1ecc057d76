"""HA016: health checks so slow or lenient that a dead target keeps traffic for minutes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Detection time (interval x failures needed) above `max_detection_seconds`."""
    limit = float(options.get("max_detection_seconds", 300))
    for component in ctx.components():
        timing = detection(component)
        if timing is None:
            continue
        interval, threshold, written = timing
        if interval * threshold > limit:
            yield Violation(component.id, _message(interval, threshold, written, limit))


def detection(component: Component) -> tuple[float, float, str] | None:
    """(interval s, failures needed, how it is written) when both are known or defaulted."""
    check = component.health_check
    if check.enabled is False:
        return None  # nothing checks at all: HA005's finding
    if check.interval_s is None or check.unhealthy_threshold is None:
        return None
    written = check.timing_written or (
        f"interval {check.interval_s:g} s, {check.unhealthy_threshold:g} failures"
    )
    return check.interval_s, check.unhealthy_threshold, written


def _message(interval: float, threshold: float, written: str, limit: float) -> str:
    total = interval * threshold
    return (
        f"needs {threshold:g} failed checks {interval:g} s apart ({written}) "
        f"to call a target dead: up to {_duration(total)} of requests go to a dead target "
        f"before it is taken out (more than {_duration(limit)})"
    )


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"
