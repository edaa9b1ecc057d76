"""RTO and RPO estimates per disruption (instance, zone, region), part by part.

A component recovers by one of four paths, the first that applies: enough primaries
survive (the load balancer stops sending to the failed ones: detection only); a standby
that survives takes over (detection, promotion, DNS when it is in another region,
scale-up when it is smaller than the need, cold start when cold); a restore from backup;
nothing (unbounded). The service recovers when its slowest component on a hard request
path does: the estimate is the maximum, and that component is the bottleneck.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spofcheck.availability.readings import (
    primary_region,
    read_component,
    standby_region,
)
from spofcheck.model import Architecture, Component, Failover, Replication, Scope, StandbyMode
from spofcheck.parse.terraform.adapters.replicas import WRITER
from spofcheck.recovery import defaults, dns
from spofcheck.recovery.durations import format_seconds

DISRUPTIONS = ("instance", "zone", "region")
Range = tuple[float, float | None]  # high None: unbounded


@dataclass(frozen=True)
class Part:
    name: str
    low: float
    high: float | None
    source: str = ""

    def text(self) -> str:
        return f"{self.name} {format_seconds(self.low)}-{format_seconds(self.high)}"


@dataclass(frozen=True)
class Estimate:
    component: str
    disruption: str
    parts: tuple[Part, ...]
    rpo: Range
    how: str  # survivors, standby, restore, none

    @property
    def rto(self) -> Range:
        low = sum(p.low for p in self.parts)
        highs = [p.high for p in self.parts]
        return low, None if any(h is None for h in highs) else sum(h for h in highs if h)


@dataclass(frozen=True)
class Loss:
    """What one disruption leaves of a component."""

    primaries: int
    standbys: int  # standby replicas that survive (whatever their mode)
    need: int


@dataclass
class Targets:
    rto: dict[str, float] = field(default_factory=dict)
    rpo: dict[str, float] = field(default_factory=dict)


def instance_loss(c: Component) -> Loss | None:
    """One machine of the component fails; managed regional and global services handle
    their own machines, so the disruption does not apply to them."""
    if c.scope is not Scope.INSTANCE or not c.replicas:
        return None
    reading = read_component(c)
    spare = reading.standby.replicas if reading.standby is not None else 0
    return Loss(c.replicas - 1, spare, reading.min_healthy)


def need_of(c: Component) -> int:
    """The need the calculator uses (`min_healthy`, or a quorum's majority)."""
    return read_component(c).min_healthy


def crosses_region(arch: Architecture, c: Component) -> bool:
    """The standby runs in another region than the primaries."""
    return standby_region(arch, c) != primary_region(arch, c)


def estimate(arch: Architecture, c: Component, disruption: str, left: Loss) -> Estimate:
    """How the component comes back after losing what `left` says is gone."""
    if left.primaries >= left.need:
        return _survivors(c, disruption, left)
    if c.standby is not None and left.standbys > 0:
        return _standby(arch, c, disruption, left)
    if _backups(c) is not None:
        parts = (_detection(c), _part("restore", "restore"))
        return Estimate(c.id, disruption, parts, _backup_rpo(c), "restore")
    rpo: Range = (0.0, None) if c.stateful else (0.0, 0.0)
    return Estimate(
        c.id, disruption, (_detection(c), Part("nothing takes over", 0, None)), rpo, "none"
    )


def _survivors(c: Component, disruption: str, left: Loss) -> Estimate:
    """Enough primaries survive. One of them may have been the only writer (an HA standby
    counted as a primary, `single-writer:` tag): then the in-region failover runs, and
    loses what its replication had not copied."""
    mode = next((t.removeprefix(WRITER) for t in c.tags if t.startswith(WRITER)), None)
    if mode is None or left.primaries >= c.replicas:
        return Estimate(c.id, disruption, (_detection(c),), (0.0, 0.0), "survivors")
    key = defaults.failover(c, False)
    parts = (_detection(c), _part(f"failover ({key})", f"failover:{key}"))
    rpo = (0.0, 0.0) if mode == Replication.SYNC.value else defaults.figure(defaults.lag(c, False))
    return Estimate(c.id, disruption, parts, rpo, "survivors")


def _standby(arch: Architecture, c: Component, disruption: str, left: Loss) -> Estimate:
    s = read_component(c).standby
    assert s is not None
    cross = crosses_region(arch, c)
    key = "manual" if s.failover is Failover.MANUAL else defaults.failover(c, cross)
    parts = [_detection(c)]
    if c.stateful or s.failover is Failover.MANUAL:  # a replica of data is promoted
        parts.append(_part(f"failover ({key})", f"failover:{key}"))
    if s.mode is StandbyMode.COLD:
        parts.append(_part("cold start", "cold_start"))
    if cross:
        parts += [_dns_check(arch), _dns_ttl(arch)]
    if s.mode is not StandbyMode.HOT and left.primaries + left.standbys < left.need:
        parts.append(_part("scale-up", "scale_up"))
    return Estimate(c.id, disruption, tuple(parts), _replication_rpo(c, cross), "standby")


def _part(name: str, key: str) -> Part:
    low, high = defaults.figure(key)
    return Part(name, low, high, key)


def _detection(c: Component) -> Part:
    d = defaults.table()["detection"]
    details = c.health_check.details
    hc = c.health_check
    interval = float(hc.interval_s or details.get("interval_s") or d["interval"])
    threshold = int(hc.unhealthy_threshold or details.get("unhealthy_threshold") or d["threshold"])
    return Part("detection", interval * (threshold - 1), interval * threshold, "detection")


def _dns_check(arch: Architecture) -> Part:
    """The routing records' own health check when the code has one, else the default."""
    d = defaults.table()["dns_health_check"]
    interval, threshold, key = dns.health_check(arch) or (
        float(d["interval"]),
        int(d["threshold"]),
        "dns_health_check",
    )
    return Part("DNS health check", interval * (threshold - 1), interval * threshold, key)


def _dns_ttl(arch: Architecture) -> Part:
    """Cached answers live up to the routing records' TTL, else the default's range."""
    written = dns.ttl(arch)
    if written is None:
        return _part("DNS TTL", "dns_ttl")
    return Part("DNS TTL", 0.0, written, "dns_ttl")


def _replication_rpo(c: Component, cross: bool) -> Range:
    standby = read_component(c).standby
    if not c.stateful or standby is None:
        return 0.0, 0.0
    if standby.replication_in(cross) is Replication.SYNC:
        return 0.0, 0.0
    return defaults.figure(defaults.lag(c, cross))


def _backups(c: Component) -> dict[str, object] | None:
    if c.backups is not True:
        return None
    found = c.attributes.get("backups")
    return dict(found) if isinstance(found, dict) else {}


def _backup_rpo(c: Component) -> Range:
    policy = _backups(c) or {}
    if policy.get("point_in_time"):
        return defaults.figure("pitr")
    interval = policy.get("interval")
    if isinstance(interval, int | float):
        return 0.0, float(interval)
    return defaults.figure("backup_interval")
