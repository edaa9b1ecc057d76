"""Workloads (Deployment, StatefulSet, ReplicaSet, DaemonSet) as components."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spofcheck.availability.sla import default_source, lookup
from spofcheck.model import Autoscaling, Component, DrainBudget, HealthCheck, Kind, Location
from spofcheck.parse.kubernetes.objects import (
    annotations_of,
    containers,
    count,
    ignores,
    integer,
    items,
    mapping,
    matches,
    pod_labels,
    show_selector,
)
from spofcheck.parse.kubernetes.placement import placement
from spofcheck.parse.kubernetes.read import Obj

QUORUM_ANNOTATION = "spofcheck.io/quorum"
_CONSENSUS = re.compile(r"(^|[/_-])(etcd|zookeeper|consul)([:@_-]|$)")
_KAFKA = re.compile(r"(^|[/_-])kafka([:@_-]|$)")
_DATABASES = re.compile(
    r"(^|[/_-])(postgres(ql)?|mysql|mariadb|mongo(db)?|cockroach(db)?)([:@_-]|$)"
)
_CACHES = re.compile(r"(^|[/_-])(redis|memcached|valkey)([:@_-]|$)")
POD_FIGURE = "kubernetes:pod"


def workload(obj: Obj, hpas: Sequence[Obj], pdbs: Sequence[Obj]) -> tuple[Component, str | None]:
    """The component, and a note when something about it is worth saying."""
    replicas, scaling, unresolved = _replicas(obj, hpas)
    placed = placement(obj, replicas)
    quorum = _quorum(obj)
    figure = lookup(POD_FIGURE)
    component = Component(
        id=obj.id,
        kind=_kind(obj, quorum),
        label=obj.name,
        replicas=replicas,
        min_healthy=replicas // 2 + 1 if quorum else 1,
        zones=list(placed.zones),
        availability=figure.availability,
        availability_source=default_source(figure),
        health_check=_health(obj),
        quorum=quorum,
        autoscaling=scaling,
        zone_spread_not_guaranteed=None if unresolved else placed.unguaranteed,
        drain_budget=None if obj.kind == "DaemonSet" else _budget(obj, replicas, pdbs),
        source=Location(file=obj.file, line=obj.line),
        provider="kubernetes",
        ignore=ignores(obj),
        resource_type=obj.kind,
        attributes={"namespace": obj.namespace, "labels": pod_labels(obj)},
        unresolved=unresolved,
    )
    return component, placed.note and f"{obj.id}: {placed.note}"


def _replicas(obj: Obj, hpas: Sequence[Obj]) -> tuple[int, Autoscaling | None, list[str]]:
    """(replicas, autoscaling, unresolved): `replicas` absent means 1, and an HPA's
    `minReplicas` (default 1) is the floor it may scale in to."""
    if obj.kind == "DaemonSet":
        return 1, None, ["replicas"]  # one per matching node: the node count is not here
    written = obj.spec.get("replicas")
    replicas = integer(written) if written is not None else 1
    unresolved = [] if replicas is not None else ["replicas"]
    hpa = next((h for h in hpas if _targets(h, obj)), None)
    if hpa is None:  # `replicas: 0` stays 0: scaled to zero on purpose, not one replica
        return 1 if replicas is None else replicas, None, unresolved
    floor = integer(hpa.spec.get("minReplicas", 1))
    if floor is None:
        return 1 if replicas is None else replicas, None, ["replicas"]
    if written is None or replicas is None or replicas < floor:
        replicas = floor  # the HPA owns the count: it never goes below its minimum
    top = integer(hpa.spec.get("maxReplicas"))
    scaling = Autoscaling(min=floor, max=top, desired=replicas, min_written="minReplicas")
    return replicas, scaling, []


def _targets(hpa: Obj, obj: Obj) -> bool:
    ref = mapping(hpa.spec.get("scaleTargetRef"))
    return hpa.namespace == obj.namespace and (ref.get("kind"), ref.get("name")) == (
        obj.kind,
        obj.name,
    )


def _images(obj: Obj) -> list[str]:
    return [str(c.get("image", "")).lower() for c in containers(obj)]


def _quorum(obj: Obj) -> bool:
    said = annotations_of(obj).get(QUORUM_ANNOTATION)
    if said is not None:
        return said.lower() == "true"
    if obj.kind != "StatefulSet":
        return False
    images = _images(obj)
    if any(_CONSENSUS.search(i.rsplit("/", 1)[-1]) for i in images):
        return True
    return any(_KAFKA.search(i.rsplit("/", 1)[-1]) for i in images) and _kraft_controller(obj)


def _kraft_controller(obj: Obj) -> bool:
    """Kafka in KRaft mode whose process roles include `controller` (the Raft quorum)."""
    for container in containers(obj):
        for env in items(container.get("env")):
            name = str(env.get("name", ""))
            if name.endswith("PROCESS_ROLES") and "controller" in str(env.get("value", "")):
                return True
    return False


def _kind(obj: Obj, quorum: bool) -> Kind:
    if quorum:
        return Kind.COORDINATION
    names = [i.rsplit("/", 1)[-1] for i in _images(obj)]
    if obj.kind == "StatefulSet" and any(_DATABASES.search(n) for n in names):
        return Kind.DATABASE
    if any(_CACHES.search(n) for n in names):
        return Kind.CACHE
    return Kind.SERVICE


def _health(obj: Obj) -> HealthCheck:
    """A readiness probe takes a failing pod out of its Services; liveness only restarts it."""
    found = containers(obj)
    if any("readinessProbe" in c for c in found):
        return HealthCheck(enabled=True, details={"probe": "readiness"})
    if any("livenessProbe" in c for c in found):
        why = (
            "a liveness probe only, no readiness probe: a hung replica is restarted, but "
            "until then, and while a replica starts or is overloaded, its Services keep "
            "sending it requests"
        )
        return HealthCheck(enabled=False, details={"probe": "liveness", "partial": why})
    written = "no readinessProbe on any container"
    return HealthCheck(enabled=False, details={"probe": None}, written=written)


def _budget(obj: Obj, replicas: int, pdbs: Sequence[Obj]) -> DrainBudget:
    labels = pod_labels(obj)
    chosen = [p for p in pdbs if p.namespace == obj.namespace and _selects(p, labels)]
    if not chosen:
        return DrainBudget()
    if len(chosen) > 1:
        names = ", ".join(p.id for p in chosen)
        setting = f"{len(chosen)} budgets select its pods ({names}); the eviction API refuses"
        return DrainBudget(budget=chosen[0].id, max_unavailable=0, setting=setting)
    pdb = chosen[0]
    setting, allowed = budget_setting(pdb, replicas)
    return DrainBudget(budget=pdb.id, max_unavailable=allowed, setting=setting)


def _selects(pdb: Obj, labels: dict[str, str]) -> bool:
    selector = pdb.spec.get("selector")
    return isinstance(selector, dict) and bool(selector) and matches(selector, labels)


def budget_setting(pdb: Obj, replicas: int) -> tuple[str, int | None]:
    """(`minAvailable: 3` as written, replicas one drain may evict) for `replicas` pods."""
    spec = pdb.spec
    if "maxUnavailable" in spec:
        value = spec["maxUnavailable"]
        allowed = count(value, replicas, round_up=True)
        return f"maxUnavailable: {value}", allowed
    if "minAvailable" in spec:
        value = spec["minAvailable"]
        needed = count(value, replicas, round_up=True)
        return f"minAvailable: {value}", None if needed is None else max(replicas - needed, 0)
    return "neither minAvailable nor maxUnavailable", None


def budget_component(pdb: Obj, guarded: list[str]) -> Component:
    """The budget itself, as configuration; its finding, if any, is written at its line."""
    selector = mapping(pdb.spec.get("selector"))
    return Component(
        id=pdb.id,
        kind=Kind.CONFIG,
        label=pdb.name,
        availability=1.0,
        availability_source="spofcheck: a disruption budget carries no requests (100%)",
        drain_budget=DrainBudget(budget=pdb.id, selector=show_selector(selector)),
        source=Location(file=pdb.file, line=pdb.line),
        provider="kubernetes",
        ignore=ignores(pdb),
        resource_type=pdb.kind,
        attributes={"namespace": pdb.namespace, "guards": guarded},
    )
