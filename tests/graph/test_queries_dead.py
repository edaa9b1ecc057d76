"""critical_sets: a dead alternative (no running capacity) protects nothing."""

from __future__ import annotations

from spofcheck.graph.build import build_graph, request_graph
from spofcheck.graph.queries import critical_sets
from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    Failover,
    Kind,
    Standby,
    StandbyMode,
)


def _arch(standby_replicas: int, mode: StandbyMode = StandbyMode.COLD) -> Architecture:
    """lb needs any_of[app, spare]; both need db. spare has 0 replicas and a standby."""
    spare = Component(
        id="spare",
        kind=Kind.SERVICE,
        replicas=0,
        standby=Standby(
            mode=mode,
            failover=Failover.MANUAL if mode is StandbyMode.COLD else Failover.AUTOMATIC,
            replicas=standby_replicas,
        ),
    )
    return Architecture(
        components={
            "lb": Component(id="lb", kind=Kind.LOAD_BALANCER),
            "app": Component(id="app", kind=Kind.SERVICE, replicas=1),
            "spare": spare,
            "db": Component(id="db", kind=Kind.DATABASE, replicas=2),
        },
        dependencies=[
            Dependency(source="lb", any_of=["app", "spare"]),
            Dependency(source="app", target="db"),
            Dependency(source="spare", target="db"),
        ],
        entrypoints=["lb"],
    )


def _crit(arch: Architecture) -> frozenset[str]:
    return critical_sets(request_graph(build_graph(arch)))["lb"]


def test_a_stopped_alternative_leaves_the_live_one_critical() -> None:
    """spare is cold (0 running replicas): lb really depends on app alone."""
    assert _crit(_arch(1)) == {"lb", "app", "db"}


def test_a_warm_automatic_alternative_protects() -> None:
    assert _crit(_arch(1, StandbyMode.WARM)) == {"lb", "db"}


def test_cycles_still_make_members_critical_to_each_other() -> None:
    arch = Architecture(
        components={c: Component(id=c, replicas=2) for c in ("a", "b", "c")},
        dependencies=[
            Dependency(source="a", target="b"),
            Dependency(source="b", target="c"),
            Dependency(source="c", target="b"),
        ],
        entrypoints=["a"],
    )
    crit = critical_sets(request_graph(build_graph(arch)))
    assert crit["a"] == {"a", "b", "c"}
    assert crit["b"] == crit["c"] == {"b", "c"}
