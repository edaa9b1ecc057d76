"""Kubernetes objects → normalized components: counts, zones, probes, quorum, budgets, flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.model import DependencyKind, Kind, Relation
from tests.helpers.k8s_kit import deployment, load, service

ZONE = "topology.kubernetes.io/zone"
SPREAD = (
    "      topologySpreadConstraints:\n"
    f"        - {{maxSkew: 1, topologyKey: {ZONE}, whenUnsatisfiable: WHEN,\n"
    "           labelSelector: {matchLabels: {app: api}}}\n"
)
ALLOW = (
    "      affinity:\n        nodeAffinity:\n"
    "          requiredDuringSchedulingIgnoredDuringExecution:\n"
    "            nodeSelectorTerms:\n"
    f"              - matchExpressions: [{{key: {ZONE}, operator: In, values: [VALUES]}}]\n"
)


def hpa(minimum: int | None) -> str:
    floor = f"  minReplicas: {minimum}\n" if minimum is not None else ""
    return (
        "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api}\n"
        "spec:\n  scaleTargetRef: {kind: Deployment, name: api}\n"
        f"{floor}  maxReplicas: 10\n"
    )


@pytest.mark.parametrize(
    ("replicas", "floor", "expected"),
    [
        (None, None, (1, None)),  # absent means 1
        (4, None, (4, None)),
        (0, None, (0, None)),  # scaled to zero on purpose: zero, never one
        (None, 3, (3, 3)),  # HPA-managed, `replicas` unset: the HPA's floor
        (5, 2, (5, 2)),  # the written count, with the floor for HA017
        (1, 3, (3, 3)),  # the HPA never lets it below its minimum
    ],
)
def test_replicas_and_autoscaling_floor(
    tmp_path: Path, replicas: int | None, floor: int | None, expected: tuple[int, int | None]
) -> None:
    docs = [deployment(replicas=replicas)] + ([hpa(floor)] if floor is not None else [])
    comp = load(tmp_path, *docs).components["Deployment/default/api"]
    assert (comp.replicas, comp.autoscaling and comp.autoscaling.min) == expected


def test_hpa_without_min_replicas_has_floor_one(tmp_path: Path) -> None:
    comp = load(tmp_path, deployment(replicas=None), hpa(None)).components["Deployment/default/api"]
    assert (comp.replicas, comp.autoscaling and comp.autoscaling.min) == (1, 1)


def test_daemonset_replica_count_is_unresolved_not_guessed(tmp_path: Path) -> None:
    comp = load(tmp_path, deployment(kind="DaemonSet", replicas=None)).components
    daemon = comp["DaemonSet/default/api"]
    assert "replicas" in daemon.unresolved
    assert daemon.drain_budget is None  # drains leave DaemonSet pods alone


@pytest.mark.parametrize(
    ("pod", "zones", "guaranteed"),
    [
        ("", [], False),
        (SPREAD.replace("WHEN", "ScheduleAnyway"), [], False),  # best effort only
        (SPREAD.replace("WHEN", "DoNotSchedule"), [], True),  # spread, zone names unknown
        (f"      nodeSelector: {{{ZONE}: eu-west-1a}}\n", ["eu-west-1a"] * 3, True),
        (ALLOW.replace("VALUES", "eu-west-1b"), ["eu-west-1b"] * 3, True),
        # two allowed zones and a hard spread: round robin over the sorted zone names
        (
            ALLOW.replace("VALUES", "b, a") + SPREAD.replace("WHEN", "DoNotSchedule"),
            ["a", "b", "a"],
            True,
        ),
        (ALLOW.replace("VALUES", "b, a"), [], False),  # allowed, but nothing spreads them
    ],
)
def test_zones_are_known_only_when_guaranteed(
    tmp_path: Path, pod: str, zones: list[str], guaranteed: bool
) -> None:
    comp = load(tmp_path, deployment(pod=pod)).components["Deployment/default/api"]
    assert comp.zones == zones
    assert (comp.zone_spread_not_guaranteed is None) is guaranteed


def test_required_anti_affinity_on_the_zone_key_guarantees_a_spread(tmp_path: Path) -> None:
    pod = (
        "      affinity:\n        podAntiAffinity:\n"
        "          requiredDuringSchedulingIgnoredDuringExecution:\n"
        f"            - {{topologyKey: {ZONE}, labelSelector: {{matchLabels: {{app: api}}}}}}\n"
    )
    comp = load(tmp_path, deployment(pod=pod)).components["Deployment/default/api"]
    assert comp.zone_spread_not_guaranteed is None
    assert comp.zones == []


@pytest.mark.parametrize(
    ("container", "enabled", "partial"),
    [
        ("          readinessProbe: {httpGet: {path: /r, port: 80}}\n", True, False),
        ("          livenessProbe: {httpGet: {path: /l, port: 80}}\n", False, True),
        ("", False, False),
    ],
)
def test_probes(tmp_path: Path, container: str, enabled: bool, partial: bool) -> None:
    comp = load(tmp_path, deployment(container=container)).components["Deployment/default/api"]
    assert comp.health_check.enabled is enabled
    assert ("partial" in comp.health_check.details) is partial


@pytest.mark.parametrize(
    ("image", "kind", "meta", "quorum"),
    [
        ("quay.io/coreos/etcd:v3.5", "StatefulSet", "", True),
        ("zookeeper:3.9", "StatefulSet", "", True),
        ("hashicorp/consul:1.17", "StatefulSet", "", True),
        ("example/etcd-backup:1", "StatefulSet", "", True),  # names are matched as words
        ("example/etcdish:1", "StatefulSet", "", False),
        ("quay.io/coreos/etcd:v3.5", "Deployment", "", False),  # a quorum keeps identity
        ("example/raft:1", "Deployment", "  annotations: {spofcheck.io/quorum: 'true'}\n", True),
        ("zookeeper:3.9", "StatefulSet", "  annotations: {spofcheck.io/quorum: 'false'}\n", False),
    ],
)
def test_quorum_recognition(tmp_path: Path, image: str, kind: str, meta: str, quorum: bool) -> None:
    arch = load(tmp_path, deployment(kind=kind, image=image, meta=meta))
    comp = arch.components[f"{kind}/default/api"]
    assert comp.quorum is quorum
    assert comp.min_healthy == (2 if quorum else 1)  # a majority of 3 is 2
    assert (comp.kind is Kind.COORDINATION) is quorum


def test_kafka_is_a_quorum_only_as_kraft_controller(tmp_path: Path) -> None:
    env = "          env: [{name: KAFKA_CFG_PROCESS_ROLES, value: 'controller,broker'}]\n"
    kraft = deployment(kind="StatefulSet", image="bitnami/kafka:3.7", container=env)
    broker = deployment(kind="StatefulSet", image="bitnami/kafka:3.7", name="broker")
    arch = load(tmp_path, kraft, broker)
    assert arch.components["StatefulSet/default/api"].quorum
    assert not arch.components["StatefulSet/default/broker"].quorum


def pdb(setting: str, app: str = "api", name: str = "api") -> str:
    return (
        f"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}}}\n"
        f"spec:\n  {setting}\n  selector: {{matchLabels: {{app: {app}}}}}\n"
    )


@pytest.mark.parametrize(
    ("setting", "allowed"),
    [
        ("minAvailable: 3", 0),  # 4 replicas - 3 would be 1; see the replicas below
        ("minAvailable: 50%", 2),  # ceil(50% of 4) = 2 must stay: 2 may go
        ("minAvailable: 100%", 0),
        ("maxUnavailable: 1", 1),
        ("maxUnavailable: 0", 0),
        ("maxUnavailable: 30%", 2),  # ceil(30% of 4 = 1.2) = 2, as the controller rounds
    ],
)
def test_budget_allowed_evictions(tmp_path: Path, setting: str, allowed: int) -> None:
    replicas = 3 if setting == "minAvailable: 3" else 4
    arch = load(tmp_path, deployment(replicas=replicas), pdb(setting))
    budget = arch.components["Deployment/default/api"].drain_budget
    assert budget is not None
    assert budget.budget == "PodDisruptionBudget/default/api"
    assert budget.max_unavailable == allowed


def test_two_budgets_over_the_same_pods_block_evictions(tmp_path: Path) -> None:
    arch = load(
        tmp_path, deployment(), pdb("maxUnavailable: 1"), pdb("maxUnavailable: 1", name="b")
    )
    budget = arch.components["Deployment/default/api"].drain_budget
    assert budget is not None
    assert budget.max_unavailable == 0


def test_a_budget_guards_its_workloads_by_configuration_edges(tmp_path: Path) -> None:
    arch = load(
        tmp_path, deployment(), pdb("maxUnavailable: 1"), pdb("maxUnavailable: 1", "x", "x")
    )
    config = [(d.source, d.target) for d in arch.dependencies if d.relation is Relation.CONFIG]
    assert config == [("PodDisruptionBudget/default/api", "Deployment/default/api")]


def test_request_flow_from_ingress_through_services(tmp_path: Path) -> None:
    ingress = (
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front}\nspec:\n"
        "  rules:\n    - http:\n        paths:\n"
        "          - {path: /, backend: {service: {name: api, port: {number: 80}}}}\n"
    )
    arch = load(tmp_path, ingress, service(), deployment())
    edges = {(d.source, tuple(d.targets)) for d in arch.request_dependencies()}
    assert edges == {
        ("Ingress/default/front", ("Service/default/api",)),
        ("Service/default/api", ("Deployment/default/api",)),
    }
    assert arch.entrypoints == ["Ingress/default/front"]


def test_a_service_that_selects_nothing_is_a_located_error(tmp_path: Path) -> None:
    arch = load(tmp_path, service("orders"), deployment())
    assert [(e.line, e.key) for e in arch.errors] == [(3, "spec.selector")]
    assert "dangling selector" in arch.errors[0].message


def test_sticky_services_and_ingresses(tmp_path: Path) -> None:
    cookie = "  annotations: {nginx.ingress.kubernetes.io/affinity: cookie}\n"
    ingress = f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n{cookie}"
    arch = load(tmp_path, service(extra="  sessionAffinity: ClientIP\n"), deployment(), ingress)
    assert arch.components["Service/default/api"].sticky_sessions is True
    assert arch.components["Ingress/default/i"].sticky_sessions is True


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("http://orders.shop.svc:8080/v1", True),
        ("orders.shop.svc.cluster.local", True),
        ("orders.shop:8080", True),
        ("grpc://orders", False),  # bare name in namespace default: no such Service there
        ("orders", False),  # a bare word may be a queue or a table name
        ("http://orders.other.svc:80", False),  # another namespace's Service is not scanned
    ],
)
def test_env_addresses_become_inferred_dependencies(
    tmp_path: Path, value: str, found: bool
) -> None:
    orders = deployment("orders").replace("name: orders\n", "name: orders\n  namespace: shop\n", 1)
    svc = service("orders").replace("name: orders\n", "name: orders\n  namespace: shop\n", 1)
    env = f"          env: [{{name: ORDERS, value: '{value}'}}]\n"
    arch = load(tmp_path, deployment(container=env), orders, svc)
    inferred = [d for d in arch.dependencies if d.inferred]
    assert bool(inferred) is found
    if found:
        assert inferred[0].target == "Service/shop/orders"
        assert inferred[0].kind is DependencyKind.HARD
        assert inferred[0].note == f"inferred from env ORDERS={value}"


def test_ignore_annotations_become_suppressions(tmp_path: Path) -> None:
    meta = "  annotations: {ignore.spofcheck.io/HA019: drained by hand}\n"
    comp = load(tmp_path, deployment(meta=meta)).components["Deployment/default/api"]
    assert comp.ignore == {"HA019": "drained by hand"}


def test_gateway_api_routes_hang_off_their_gateway(tmp_path: Path) -> None:
    gateway = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw}\n"
    route = (
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\n"
        "spec:\n  parentRefs: [{name: gw}]\n  rules: [{backendRefs: [{name: api, port: 80}]}]\n"
    )
    orphan = route.replace("name: r}", "name: o}").replace("name: gw}", "name: other}")
    arch = load(tmp_path, gateway, route, orphan, service(), deployment())
    edges = {(d.source, tuple(d.targets)) for d in arch.request_dependencies()}
    assert ("Gateway/default/gw", ("HTTPRoute/default/r",)) in edges
    assert ("HTTPRoute/default/r", ("Service/default/api",)) in edges
    # a route whose Gateway is not in the scan is itself a front door
    assert arch.entrypoints == ["Gateway/default/gw", "HTTPRoute/default/o"]
