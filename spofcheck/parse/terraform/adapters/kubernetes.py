"""Terraform's kubernetes provider: the same normalization as manifests (parse/kubernetes).

`kubernetes_deployment`, `_stateful_set`, `_daemonset`, `_service`, `_ingress`,
`_pod_disruption_budget` and `_horizontal_pod_autoscaler` (and their `_v1`/`_v2`
variants) become the components a manifest would; `helm_release` is opaque: the chart
is not rendered, so it is reported as a module whose contents were not read.
"""

from __future__ import annotations

from spofcheck.model import Kind, Scope
from spofcheck.parse.kubernetes import routing
from spofcheck.parse.kubernetes.from_terraform import KINDS, kind_of, to_object
from spofcheck.parse.kubernetes.objects import WORKLOAD_KINDS, pod_labels
from spofcheck.parse.kubernetes.read import Obj
from spofcheck.parse.kubernetes.workloads import budget_component, workload
from spofcheck.parse.terraform.adapters.base import Context, Draft, Edge, Placement, plumbing
from spofcheck.parse.terraform.resources import Resource

# One stack's objects, computed once per Context and not once per resource (every handler
# needs all of them): the last Context seen, compared by identity.
_LAST: list[tuple[Context, dict[str, Obj]]] = []


def _objects(ctx: Context) -> dict[str, Obj]:
    """Every kubernetes_* instance of the stack as an object, by resource address."""
    if _LAST and _LAST[0][0] is ctx:
        return _LAST[0][1]
    found = _convert(ctx)
    _LAST[:] = [(ctx, found)]
    return found


def _convert(ctx: Context) -> dict[str, Obj]:
    found: dict[str, Obj] = {}
    for res in ctx.resources.values():
        if kind_of(res.type) is None or not res.instances:
            continue
        obj = to_object(res.type, res.instances[0].attributes, res.location)
        if obj is not None:
            found[res.address] = obj
    return found


def _own(res: Resource, ctx: Context) -> tuple[Obj | None, dict[str, Obj]]:
    objects = _objects(ctx)
    return objects.get(res.address), objects


def workload_draft(res: Resource, ctx: Context) -> Draft:
    obj, objects = _own(res, ctx)
    if obj is None:
        return Draft(kind=Kind.SERVICE, placement=Placement(replicas=None, zones=None))
    hpas = [o for o in objects.values() if o.kind == "HorizontalPodAutoscaler"]
    pdbs = [o for o in objects.values() if o.kind == "PodDisruptionBudget"]
    comp, _note = workload(obj, hpas, pdbs)
    budget = comp.drain_budget
    if budget is not None and budget.budget is not None:
        address = next((a for a, o in objects.items() if o.id == budget.budget), None)
        budget = budget.model_copy(update={"budget": address or budget.budget})
    zones = tuple(comp.zones) if comp.zones else None
    return Draft(
        kind=comp.kind,
        placement=Placement(replicas=None if comp.unresolved else comp.replicas, zones=zones),
        min_healthy=comp.min_healthy,
        availability=(comp.availability, comp.availability_source),
        health_check=comp.health_check,
        quorum=comp.quorum,
        autoscaling=comp.autoscaling,
        zone_spread_not_guaranteed=comp.zone_spread_not_guaranteed,
        drain_budget=budget,
    )


def service_draft(res: Resource, ctx: Context) -> Draft:
    obj, objects = _own(res, ctx)
    if obj is None:
        return Draft(kind=Kind.LOAD_BALANCER, scope=Scope.REGIONAL)
    flow = routing.Flow()
    labels = {o.id: pod_labels(o) for o in objects.values() if o.kind in WORKLOAD_KINDS}
    routing.service(obj, labels, flow)
    comp = flow.components[0]
    by_id = {o.id: a for a, o in objects.items()}
    edges = tuple(
        Edge(targets=tuple(sorted(by_id[t] for t in dep.targets if t in by_id)))
        for dep in flow.dependencies
    )
    return Draft(
        kind=comp.kind,
        scope=comp.scope,
        availability=(comp.availability, comp.availability_source),
        health_check=comp.health_check,
        sticky_sessions=comp.sticky_sessions,
        edges=tuple(e for e in edges if e.targets),
        pool=True,
        entry=bool(flow.entries),
    )


def ingress_draft(res: Resource, ctx: Context) -> Draft:
    obj, objects = _own(res, ctx)
    if obj is None:
        return Draft(kind=Kind.LOAD_BALANCER, scope=Scope.REGIONAL, entry=True)
    flow = routing.Flow()
    services = {o.id for o in objects.values() if o.kind == "Service"}
    routing.ingress(obj, services, flow)
    comp = flow.components[0]
    by_id = {o.id: a for a, o in objects.items()}
    edges = tuple(Edge(targets=(by_id[d.targets[0]],)) for d in flow.dependencies)
    return Draft(
        kind=comp.kind,
        scope=comp.scope,
        availability=(comp.availability, comp.availability_source),
        health_check=comp.health_check,
        sticky_sessions=comp.sticky_sessions,
        edges=edges,
        entry=True,
    )


def budget_draft(res: Resource, ctx: Context) -> Draft:
    obj, _objects = _own(res, ctx)
    if obj is None:
        return plumbing()
    comp = budget_component(obj, [])
    budget = comp.drain_budget
    assert budget is not None
    # The budget's own id is its address here; whether it guards anything is not judged
    # from Terraform (no configuration edges), so the workloads carry the finding.
    return plumbing(drain_budget=budget.model_copy(update={"budget": None}))


def autoscaler_draft(res: Resource, ctx: Context) -> Draft:
    """Read by the workload it scales (its floor); configuration on its own."""
    return plumbing()


def helm_release(res: Resource, ctx: Context) -> Draft:
    """A chart spofcheck does not render: opaque, never counted as healthy."""
    return Draft(
        kind=Kind.MODULE,
        availability=(0.995, "not modelled: helm_release is not rendered"),
        placement=Placement(replicas=None, zones=None),
        unresolved=("module",),
    )


_BY_KIND = {
    "Deployment": workload_draft,
    "StatefulSet": workload_draft,
    "DaemonSet": workload_draft,
    "ReplicaSet": workload_draft,
    "Service": service_draft,
    "Ingress": ingress_draft,
    "PodDisruptionBudget": budget_draft,
    "HorizontalPodAutoscaler": autoscaler_draft,
}
_VARIANTS = ("", "_v1", "_v2", "_v2beta2")

HANDLERS = {
    f"{base}{suffix}": _BY_KIND[kind] for base, kind in KINDS.items() for suffix in _VARIANTS
} | {"helm_release": helm_release}
