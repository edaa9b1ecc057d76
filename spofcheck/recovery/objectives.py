"""A stack's recovery estimates per disruption, against its RTO/RPO targets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spofcheck.graph.coverage import coverage_of, reads_everything
from spofcheck.model import Architecture, DependencyKind
from spofcheck.recovery.estimate import (
    Estimate,
    Loss,
    Part,
    Range,
    Targets,
    estimate,
    instance_loss,
    need_of,
)
from spofcheck.recovery.scenario import Scenario, single_domains
from spofcheck.recovery.whatif import critical, forced, survivors


@dataclass(frozen=True)
class Disruption:
    type: str
    rto: Range
    rpo: Range
    bottleneck: str | None
    estimate: Estimate | None  # the bottleneck's
    rto_target: float | None
    rpo_target: float | None
    # False when part of the design was not read: an unread part may recover slower than
    # the bottleneck found, so a target the estimate meets is unknown (a miss stays a miss).
    complete: bool = True

    @property
    def meets(self) -> bool | None:
        checks = [
            _within(self.rto, self.rto_target),
            _within(self.rpo, self.rpo_target),
        ]
        known = [c for c in checks if c is not None]
        if not known or not all(known):
            return None if not known else False
        return True if self.complete else None

    @property
    def unknown(self) -> bool:
        """A target is set and the estimate cannot say whether it is met."""
        has_target = self.rto_target is not None or self.rpo_target is not None
        return has_target and self.meets is None


def _within(value: Range, target: float | None) -> bool | None:
    if target is None:
        return None
    return value[1] is not None and value[1] <= target


def served(arch: Architecture) -> list[str]:
    """Components some entry point needs through hard request dependencies."""
    needs: dict[str, set[str]] = {}
    for dep in arch.request_dependencies():
        if dep.kind is DependencyKind.HARD:
            needs.setdefault(dep.source, set()).update(dep.targets)
    seen: set[str] = set()
    stack = [e for e in arch.entrypoints if e in arch.components]
    while stack:
        cid = stack.pop()
        if cid in seen or cid not in arch.components:
            continue
        seen.add(cid)
        stack.extend(needs.get(cid, ()))
    return sorted(seen)


def stack_targets(arch: Architecture, overrides: Targets | None = None) -> Targets:
    """Command-line targets, else the ones the entry points carry (the top-level ones)."""
    found = Targets()
    for entry in sorted(arch.entrypoints):
        written = (
            arch.components[entry].attributes.get("recovery", {})
            if entry in arch.components
            else {}
        )
        if written.get("rto") or written.get("rpo"):
            found = Targets(dict(written.get("rto", {})), dict(written.get("rpo", {})))
            break
    if overrides is not None:
        found.rto |= overrides.rto
        found.rpo |= overrides.rpo
    return found


def disruptions(arch: Architecture, targets: Targets) -> list[Disruption]:
    complete = reads_everything(coverage_of(arch))
    needed = critical(arch)
    ids = [c for c in served(arch) if c in needed]
    out = [_pick(arch, "instance", _instance(arch, ids), targets)]
    for kind in ("zone", "region"):
        found: list[Estimate] = []
        for scenario in single_domains(arch, kind):
            found += _scenario(arch, ids, scenario)
        out.append(_pick(arch, kind, found, targets))
    return [replace(d, complete=complete) for d in out]


def _instance(arch: Architecture, ids: list[str]) -> list[Estimate]:
    out = []
    for cid in ids:
        left = instance_loss(arch.components[cid])
        if left is not None:
            out.append(estimate(arch, arch.components[cid], "instance", left))
    return out


def _scenario(arch: Architecture, ids: list[str], scenario: Scenario) -> list[Estimate]:
    """Estimates of the critical components the scenario touches."""
    broken = forced(arch, scenario)
    out = []
    for cid in ids:
        c = arch.components[cid]
        primaries, spare = survivors(broken, c, scenario)
        total = c.standby.replicas if c.standby is not None else 0
        if primaries < c.replicas or spare < total:
            kind = "zone" if scenario.zones else "region"
            out.append(estimate(arch, c, kind, Loss(primaries, spare, need_of(c))))
    return runbook(out)


def runbook(found: list[Estimate]) -> list[Estimate]:
    """A manual failover is run by people from a runbook, one step after another (the
    seed's dr-failover.sh: promote the database, scale up the application, update DNS):
    the scenario's estimate is then the slowest detection, every manual promotion,
    every scale-up and one DNS change, in sequence; the first manual component is the
    bottleneck. Without a manual step, components recover in parallel (the maximum).
    A component with nothing to take over is no runbook step: it stays beside it, so an
    unbounded outage is not hidden behind a promotion elsewhere."""
    manual = [e for e in found if any(p.source == "failover:manual" for p in e.parts)]
    if not manual:
        return found
    stuck = [e for e in found if e.how == "none"]
    parts = [max((p for e in found for p in e.parts if p.source == "detection"),
                 key=lambda p: (p.high or 0.0, p.low))]  # fmt: skip
    parts += [p for e in manual for p in e.parts if p.source in {"failover:manual", "cold_start"}]
    parts += [p for e in found for p in e.parts if p.source == "scale_up"]
    for source in ("dns_health_check", "dns_ttl"):
        parts += _first(found, source)
    rpo = max((e.rpo for e in found), key=lambda r: (_high(r), r[0]))
    head = manual[0]
    return [Estimate(head.component, head.disruption, tuple(parts), rpo, "runbook"), *stuck]


def _first(found: list[Estimate], source: str) -> list[Part]:
    """The first part from `source` or one of its variants (`dns_health_check:cloud-dns`)."""
    for e in found:
        for p in e.parts:
            if p.source == source or p.source.startswith(f"{source}:"):
                return [p]
    return []


def _pick(arch: Architecture, kind: str, found: list[Estimate], targets: Targets) -> Disruption:
    worst = max(found, key=lambda e: (_high(e.rto), e.rto[0], e.component), default=None)
    rpo_worst = max(found, key=lambda e: (_high(e.rpo), e.rpo[0]), default=None)
    return Disruption(
        type=kind,
        rto=worst.rto if worst else (0.0, 0.0),
        rpo=rpo_worst.rpo if rpo_worst else (0.0, 0.0),
        bottleneck=worst.component if worst else None,
        estimate=worst,
        rto_target=targets.rto.get(kind),
        rpo_target=targets.rpo.get(kind),
    )


def _high(r: Range) -> float:
    return float("inf") if r[1] is None else r[1]
