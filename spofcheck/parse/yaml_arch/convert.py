"""Turn a validated architecture document into the normalized `Architecture` model."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from pydantic import ValidationError

from spofcheck.availability import sla
from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Failover,
    HealthCheck,
    Kind,
    Relation,
    Replication,
    Scope,
    Standby,
    StandbyMode,
)
from spofcheck.parse.yaml_arch.load import Loaded, to_parse_errors
from spofcheck.parse.yaml_arch.located import Path
from spofcheck.parse.yaml_arch.places import (
    Context,
    declare_places,
    fraction,
    imply_zone_regions,
    place,
    spread,
)
from spofcheck.parse.yaml_arch.recovery import recovery_attributes, with_top_level
from spofcheck.parse.yaml_arch.schema import (
    ArchitectureDoc,
    ComponentDoc,
    DependencyDoc,
    HealthCheckDoc,
    StandbyDoc,
)
from spofcheck.parse.yaml_arch.validate import did_you_mean


def to_architecture(loaded: Loaded, file: str) -> Architecture:
    """The model of one standalone document; problems become `Architecture.errors`."""
    doc = loaded.doc
    if doc is None:
        return Architecture(errors=to_parse_errors(loaded.problems, file), files=[file])
    ctx = Context(file=file, positions=loaded.positions)
    declare_places(doc, ctx)
    imply_zone_regions(_component_docs(doc), ctx)
    components = build_components(doc, ctx)
    known = set(components)
    dependencies = [
        dep
        for cid, cdoc in _component_docs(doc)
        for dep in build_dependencies(cid, cdoc, known, ctx)
    ]
    entrypoints, notes = _entrypoints(doc, components, dependencies, ctx)
    return Architecture(
        name=doc.name,
        slo=fraction(doc.slo),
        components=components,
        dependencies=dependencies,
        zones=dict(sorted(ctx.zones.items())),
        regions=dict(sorted(ctx.regions.items())),
        entrypoints=entrypoints,
        entrypoints_declared=doc.entrypoints is not None,
        errors=to_parse_errors([*loaded.problems, *ctx.problems], file),
        notes=notes,
        files=[file],
    )


def build_components(doc: ArchitectureDoc, ctx: Context) -> dict[str, Component]:
    """Every component of the document, in document order."""
    built = {cid: build_component(cid, cdoc, ctx) for cid, cdoc in _component_docs(doc)}
    return {cid: with_top_level(c, doc.recovery) for cid, c in built.items() if c is not None}


def build_component(cid: str, doc: ComponentDoc, ctx: Context) -> Component | None:
    """One component with every default applied (see docs/yaml-format.md)."""
    path: Path = ("components", cid)
    kind = doc.kind or Kind.OTHER
    zones = list(doc.zones or [])
    replicas = doc.replicas if doc.replicas is not None else (len(zones) or 1)
    region = place(path, zones, doc.region, ctx)
    standby = build_standby(path, doc.standby, ctx)
    figure = sla.lookup(f"kind:{kind.value}")
    declared = fraction(doc.availability)
    try:
        return Component(
            id=cid,
            kind=kind,
            label=doc.label,
            replicas=replicas,
            min_healthy=min_healthy(path, doc, replicas, standby, ctx),
            zones=spread(zones, replicas),
            region=region,
            scope=doc.scope or Scope.INSTANCE,
            availability=declared if declared is not None else figure.availability,
            availability_source="declared" if declared is not None else figure.source,
            health_check=health_check(doc.health_check),
            sticky_sessions=bool(doc.sticky_sessions),
            standby=standby,
            quorum=bool(doc.quorum),
            backups=bool(doc.backups) if doc.backups is not None else None,
            attributes=recovery_attributes(doc),
            source=ctx.location(path),
            ignore=dict(doc.ignore or {}),
            tags=_unique(doc.tags or []),
        )
    except ValidationError as exc:  # defensive: the document model should rule this out
        ctx.problem(path, f"component {cid!r} could not be built: {exc.errors()[0]['msg']}")
        return None


def build_standby(path: Path, doc: StandbyDoc | None, ctx: Context) -> Standby | None:
    """The standby capacity, zones spread like a component's replicas."""
    if doc is None:
        return None
    spath: Path = (*path, "standby")
    zones = list(doc.zones or [])
    replicas = doc.replicas if doc.replicas is not None else (len(zones) or 1)
    success = fraction(doc.failover_success)
    return Standby(
        mode=doc.mode or StandbyMode.WARM,
        mode_default=doc.mode is None,
        failover=doc.failover or Failover.AUTOMATIC,
        replicas=replicas,
        zones=spread(zones, replicas),
        region=place(spath, zones, doc.region, ctx),
        availability=fraction(doc.availability),
        failover_success=success if success is not None else 1.0,
        replication=Replication(doc.replication) if doc.replication else None,
    )


def min_healthy(
    path: Path, doc: ComponentDoc, replicas: int, standby: Standby | None, ctx: Context
) -> int:
    """The written value if it can be met, else 1 (a majority when `quorum: true`).

    With `quorum: true` a written value below the majority is an error (the majority
    is what a quorum needs, and what the model then holds).
    """
    default = replicas // 2 + 1 if doc.quorum else 1
    if doc.min_healthy is None:
        return default
    spare = standby.replicas if standby is not None else 0
    if doc.min_healthy > replicas + spare:
        have = f"{replicas} replicas" + (f" + {spare} standby" if standby is not None else "")
        ctx.problem(
            (*path, "min_healthy"), f"min_healthy {doc.min_healthy} is more than the {have}"
        )
        return default
    if doc.quorum and doc.min_healthy < default:
        # the calculator needs a majority whatever is written: say so rather than
        # let the model show one number and the calculator use another
        ctx.problem(
            (*path, "min_healthy"),
            f"min_healthy {doc.min_healthy} is below the majority {default} of {replicas} "
            "that `quorum: true` needs; write min_healthy: "
            f"{default} or more, or drop one of the two",
        )
        return default
    return doc.min_healthy


def health_check(value: bool | HealthCheckDoc | None) -> HealthCheck:
    """Absent: unknown; true/false: said so; a mapping: a check exists unless `enabled: false`."""
    if value is None:
        return HealthCheck()
    if isinstance(value, bool):
        return HealthCheck(enabled=value)
    details = value.model_dump(exclude_none=True)
    enabled = details.pop("enabled", True)
    timing: dict[str, Any] = {}
    if value.interval_s is not None:  # one failed probe is enough unless said otherwise
        threshold = value.unhealthy_threshold or 1
        timing = {
            "interval_s": float(value.interval_s),
            "unhealthy_threshold": float(threshold),
            "timing_written": (
                f"interval_s: {value.interval_s:g}, unhealthy_threshold: {threshold:g}"
            ),
        }
    return HealthCheck(enabled=enabled, details=details, **timing)


def build_dependencies(
    cid: str, doc: ComponentDoc, known: Collection[str], ctx: Context
) -> list[Dependency]:
    """The component's `depends_on`, in order; references to unknown components are dropped."""
    out: list[Dependency] = []
    for i, item in enumerate(doc.depends_on or []):
        path: Path = ("components", cid, "depends_on", i)
        spec = item if isinstance(item, DependencyDoc) else DependencyDoc(target=item)
        dep = _dependency(cid, spec, path, known, ctx, bare=isinstance(item, str))
        if dep is not None:
            out.append(dep)
    return out


def _dependency(
    cid: str, spec: DependencyDoc, path: Path, known: Collection[str], ctx: Context, *, bare: bool
) -> Dependency | None:
    """`bare`: the item was a bare name, so the name itself is at `path`."""
    if spec.target is not None:
        named: list[tuple[Path, str]] = [(path if bare else (*path, "target"), spec.target)]
    else:
        named = [((*path, "any_of", j), t) for j, t in enumerate(spec.any_of or [])]
    unknown = [(p, t) for p, t in named if t not in known]
    for p, target in unknown:
        ctx.problem(p, f"unknown component {target!r}{did_you_mean(target, known)}")
    if unknown:
        return None
    return Dependency(
        source=cid,
        target=spec.target,
        any_of=_unique(spec.any_of or []),
        kind=spec.kind or DependencyKind.HARD,
        relation=Relation.REQUEST,
        timeout=spec.timeout,
        retries=spec.retries,
        circuit_breaker=spec.circuit_breaker,
        location=ctx.location(path),
        note=spec.note,
    )


def declared_entrypoints(names: list[str], known: Collection[str], ctx: Context) -> list[str]:
    """`entrypoints:` with unknown names reported and dropped, duplicates removed."""
    for i, name in enumerate(names):
        if name not in known:
            ctx.problem(
                ("entrypoints", i), f"unknown component {name!r}{did_you_mean(name, known)}"
            )
    return _unique(n for n in names if n in known)


def _entrypoints(
    doc: ArchitectureDoc,
    components: dict[str, Component],
    dependencies: list[Dependency],
    ctx: Context,
) -> tuple[list[str], list[str]]:
    if doc.entrypoints is not None:
        return declared_entrypoints(doc.entrypoints, components, ctx), []
    targets = {t for dep in dependencies for t in dep.targets}
    inferred = [cid for cid in components if cid not in targets]
    if inferred or not components:
        return inferred, []
    note = (
        f"{ctx.file}: every component is depended on by another, so no entrypoint was "
        "inferred; declare `entrypoints:` to say where requests enter"
    )
    return [], [note]


def _component_docs(doc: ArchitectureDoc) -> list[tuple[str, ComponentDoc]]:
    return [(cid, cdoc or ComponentDoc()) for cid, cdoc in doc.components.items()]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
