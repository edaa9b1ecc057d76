"""Kubernetes objects → one Architecture: workloads, routing, budgets and what was left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spofcheck.model import Architecture, Component, Dependency, Location, ParseError, Relation
from spofcheck.parse.kubernetes import routing
from spofcheck.parse.kubernetes.inferred import inferred_edges
from spofcheck.parse.kubernetes.objects import WORKLOAD_KINDS, matches, pod_labels
from spofcheck.parse.kubernetes.read import Obj, Read
from spofcheck.parse.kubernetes.workloads import budget_component, workload

HPA = "HorizontalPodAutoscaler"
PDB = "PodDisruptionBudget"
ROUTING_KINDS = ("Service", "Ingress", "Gateway", "HTTPRoute")
# Workload-like kinds spofcheck does not model: their absence from the model matters.
NOT_MODELLED = frozenset({"CronJob", "Job", "Pod", "Rollout", "ReplicationController"})


def build(read: Read, *, name: str, files: Sequence[str]) -> Architecture:
    """One stack from every object read: components, request and budget edges, notes."""
    objects = _unique(read)
    by_kind: dict[str, list[Obj]] = {}
    for obj in objects:
        by_kind.setdefault(obj.kind, []).append(obj)
    hpas, pdbs = by_kind.get(HPA, []), by_kind.get(PDB, [])
    components: list[Component] = []
    notes: list[str] = []
    workloads = [o for kind in WORKLOAD_KINDS for o in by_kind.get(kind, [])]
    for obj in workloads:
        component, note = workload(obj, hpas, pdbs)
        components.append(component)
        notes.extend([note] if note else [])
    flow = _routing(by_kind, workloads)
    components += flow.components
    dependencies = list(flow.dependencies)
    services = {c.id for c in flow.components if c.resource_type == "Service"}
    for obj in workloads:
        dependencies.extend(inferred_edges(obj, services))
    components += [_budget(pdb, workloads) for pdb in pdbs]
    dependencies += _guards(components)
    notes += flow.notes + _left_out(objects, read.skipped)
    return Architecture(
        name=name,
        components={c.id: c for c in sorted(components, key=lambda c: c.id)},
        dependencies=dependencies,
        entrypoints=_entrypoints(flow.entries, dependencies),
        errors=sorted(read.errors + flow.errors, key=lambda e: (e.file, e.line or 0)),
        notes=notes,
        files=sorted(files),
    )


def _unique(read: Read) -> list[Obj]:
    """Objects in input order; a second object with the same id is reported and dropped."""
    seen: dict[str, Obj] = {}
    for obj in read.objects:
        first = seen.get(obj.id)
        if first is None:
            seen[obj.id] = obj
            continue
        read.errors.append(_duplicate(obj, first))
    return list(seen.values())


def _duplicate(obj: Obj, first: Obj) -> ParseError:
    return ParseError(
        file=obj.file,
        line=obj.line,
        message=f"{obj.id} is defined twice (first at {first.file}:{first.line}); "
        "the first definition is used",
    )


def _routing(by_kind: dict[str, list[Obj]], workloads: list[Obj]) -> routing.Flow:
    flow = routing.Flow()
    labels = {w.id: pod_labels(w) for w in workloads}
    for obj in by_kind.get("Service", []):
        routing.service(obj, labels, flow)
    services = {o.id for o in by_kind.get("Service", [])}
    for obj in by_kind.get("Ingress", []):
        routing.ingress(obj, services, flow)
    for obj in by_kind.get("Gateway", []):
        routing.gateway(obj, flow)
    gateways = {o.id for o in by_kind.get("Gateway", [])}
    for obj in by_kind.get("HTTPRoute", []):
        routing.http_route(obj, gateways, services, flow)
    return flow


def _budget(pdb: Obj, workloads: list[Obj]) -> Component:
    selector = pdb.spec.get("selector")
    guarded = []
    if isinstance(selector, dict) and selector:
        guarded = [
            w.id
            for w in workloads
            if w.namespace == pdb.namespace
            and w.kind != "DaemonSet"
            and matches(selector, pod_labels(w))
        ]
    return budget_component(pdb, sorted(guarded))


def _guards(components: list[Component]) -> list[Dependency]:
    """Configuration edges from each budget to the workloads it protects."""
    edges = []
    for comp in components:
        if comp.resource_type != PDB:
            continue
        for target in comp.attributes.get("guards", []):
            where = comp.source or Location(file="", line=1)
            edges.append(
                Dependency(
                    source=comp.id,
                    target=target,
                    relation=Relation.CONFIG,
                    location=where,
                    note="PodDisruptionBudget selector",
                )
            )
    return edges


def _entrypoints(entries: list[str], dependencies: list[Dependency]) -> list[str]:
    """Front doors, minus those another front door sends traffic to (Ingress → LB Service)."""
    reached = {t for d in dependencies if d.relation is Relation.REQUEST for t in d.targets}
    return sorted(e for e in set(entries) if e not in reached)


def _left_out(objects: list[Obj], skipped: int) -> list[str]:
    used = {*WORKLOAD_KINDS, *ROUTING_KINDS, HPA, PDB}
    ignored = Counter(o.kind for o in objects if o.kind not in used)
    notes = []
    missing = sorted(k for k in ignored if k in NOT_MODELLED)
    if missing:
        shown = ", ".join(f"{k} ×{ignored[k]}" for k in missing)
        notes.append(f"not modelled (workloads spofcheck does not read): {shown}")
    rest = sorted(k for k in ignored if k not in NOT_MODELLED)
    if rest:
        shown = ", ".join(f"{k} ×{ignored[k]}" for k in rest)
        notes.append(f"objects the model does not need: {shown}")
    if skipped:
        notes.append(f"{skipped} YAML document(s) without apiVersion and kind skipped")
    return notes
