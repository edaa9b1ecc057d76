"""Request flow: Ingress, Gateway and HTTPRoute → Service → workloads by label selector."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spofcheck.availability.sla import default_source, lookup
from spofcheck.model import (
    Component,
    Dependency,
    HealthCheck,
    Kind,
    Location,
    ParseError,
    Scope,
    Settings,
)
from spofcheck.parse.kubernetes.objects import annotations_of, ignores, items, mapping
from spofcheck.parse.kubernetes.read import Obj

STICKY_ANNOTATION = "nginx.ingress.kubernetes.io/affinity"
_LOGICAL = (
    "spofcheck: a Service's virtual IP is programmed on every node (kube-proxy); "
    "its pods carry the availability (100%)"
)


@dataclass
class Flow:
    """Routing components, the request edges between them, and what went wrong."""

    components: list[Component] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def service(obj: Obj, workloads: Mapping[str, dict[str, str]], flow: Flow) -> None:
    """A Service and its edge to the workloads whose pod labels its selector matches."""
    kind = str(obj.spec.get("type") or "ClusterIP")
    if kind == "ExternalName":
        flow.components.append(_component(obj, Kind.EXTERNAL, Scope.GLOBAL, "kind:external"))
        return
    public = kind in ("LoadBalancer", "NodePort")
    sticky = "sessionAffinity: ClientIP" if obj.spec.get("sessionAffinity") == "ClientIP" else ""
    figure = "kind:load_balancer" if kind == "LoadBalancer" else None
    flow.components.append(_component(obj, Kind.LOAD_BALANCER, Scope.REGIONAL, figure, sticky))
    if public:
        flow.entries.append(obj.id)
    selector = mapping(obj.spec.get("selector"))
    if not selector:
        return  # endpoints managed by hand or by a controller: nothing to follow
    wanted = {str(k): str(v) for k, v in selector.items()}
    found = sorted(w for w, labels in workloads.items() if _subset(wanted, labels, w, obj))
    if not found:
        shown = ",".join(f"{k}={v}" for k, v in sorted(wanted.items()))
        flow.errors.append(
            ParseError(
                file=obj.file,
                line=obj.line,
                key="spec.selector",
                message=f"{obj.id} selects {shown}, but no workload in namespace "
                f"{obj.namespace} has pods with those labels: every request to it fails "
                "(dangling selector)",
            )
        )
        return
    flow.dependencies.append(_edge(obj, found, "Service selector"))


def _subset(wanted: dict[str, str], labels: dict[str, str], workload: str, svc: Obj) -> bool:
    namespace = workload.split("/")[1]
    return namespace == svc.namespace and all(labels.get(k) == v for k, v in wanted.items())


def _edge(obj: Obj, targets: list[str], note: str) -> Dependency:
    where = Location(file=obj.file, line=obj.line)
    if len(targets) == 1:
        return Dependency(source=obj.id, target=targets[0], location=where, note=note)
    return Dependency(source=obj.id, any_of=targets, location=where, note=note)


def _component(
    obj: Obj, kind: Kind, scope: Scope, figure_key: str | None, sticky: str = ""
) -> Component:
    """A routing component; `sticky` is how the object turns affinity on ("": off)."""
    if figure_key is None:
        availability, source = 1.0, _LOGICAL
    else:
        figure = lookup(figure_key)
        availability, source = figure.availability, default_source(figure)
    return Component(
        id=obj.id,
        kind=kind,
        label=obj.name,
        scope=scope,
        availability=availability,
        availability_source=source,
        health_check=HealthCheck(enabled=None),
        sticky_sessions=bool(sticky),
        settings=Settings(sticky_written=sticky or None),
        source=Location(file=obj.file, line=obj.line),
        provider="kubernetes",
        ignore=ignores(obj),
        resource_type=obj.kind,
        attributes={"namespace": obj.namespace},
    )


def ingress(obj: Obj, services: set[str], flow: Flow) -> None:
    """An Ingress is an entry point that needs every Service its rules send traffic to."""
    cookie = annotations_of(obj).get(STICKY_ANNOTATION, "").lower() == "cookie"
    sticky = f"{STICKY_ANNOTATION}: cookie" if cookie else ""
    comp = _component(obj, Kind.LOAD_BALANCER, Scope.REGIONAL, "kind:load_balancer", sticky)
    flow.components.append(comp)
    flow.entries.append(obj.id)
    names = sorted(set(_ingress_backends(obj)))
    _route_to(obj, names, services, flow, "Ingress backend")


def _ingress_backends(obj: Obj) -> list[str]:
    backends = [mapping(obj.spec.get("defaultBackend") or obj.spec.get("backend"))]
    for rule in items(obj.spec.get("rules")):
        for path in items(mapping(rule.get("http")).get("paths")):
            backends.append(mapping(path.get("backend")))
    names = []
    for backend in backends:
        name = mapping(backend.get("service")).get("name") or backend.get("serviceName")
        if isinstance(name, str) and name:
            names.append(name)
    return names


def _route_to(obj: Obj, names: list[str], services: set[str], flow: Flow, note: str) -> None:
    for name in names:
        target = f"Service/{obj.namespace}/{name}"
        if target in services:
            flow.dependencies.append(_edge(obj, [target], note))
        else:
            flow.notes.append(f"{obj.id}: backend Service {name!r} is not in the scan")


def gateway(obj: Obj, flow: Flow) -> None:
    comp = _component(obj, Kind.LOAD_BALANCER, Scope.REGIONAL, "kind:load_balancer")
    flow.components.append(comp)
    flow.entries.append(obj.id)


def http_route(obj: Obj, gateways: set[str], services: set[str], flow: Flow) -> None:
    """A route hangs off its parent Gateways (an entry point itself when none is scanned)."""
    flow.components.append(_component(obj, Kind.GATEWAY, Scope.REGIONAL, None))
    parents = []
    for ref in items(obj.spec.get("parentRefs")):
        namespace = str(ref.get("namespace") or obj.namespace)
        parents.append(f"Gateway/{namespace}/{ref.get('name')}")
    known = [p for p in parents if p in gateways]
    for parent in known:
        where = Location(file=obj.file, line=obj.line)
        flow.dependencies.append(
            Dependency(source=parent, target=obj.id, location=where, note="HTTPRoute parentRef")
        )
    if not known:
        flow.entries.append(obj.id)
    names = []
    for rule in items(obj.spec.get("rules")):
        for ref in items(rule.get("backendRefs")):
            if str(ref.get("kind") or "Service") == "Service" and ref.get("name"):
                names.append(str(ref["name"]))
    _route_to(obj, sorted(set(names)), services, flow, "HTTPRoute backendRef")
