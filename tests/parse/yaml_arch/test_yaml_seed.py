"""The seed document's example architectures, written as YAML, load to the intended model."""

from __future__ import annotations

import pytest

from spofcheck.model import DependencyKind, Failover, Kind, Scope, StandbyMode
from tests.helpers.yaml_kit import ARCHITECTURES, edges, load

SEEDS = sorted(p.name for p in ARCHITECTURES.glob("seed-*"))


def test_the_five_seed_architectures_exist() -> None:
    assert SEEDS == [
        "seed-banking-active-active",
        "seed-news-after",
        "seed-news-before",
        "seed-q3-spof",
        "seed-q4-multi-region",
    ]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_loads_cleanly_with_its_name(name: str) -> None:
    arch = load(name)
    assert arch.errors == []
    assert arch.name == name


def test_q3_single_points_of_failure() -> None:
    """DNS -> one LB -> 3 app servers -> one database; the cache is a soft dependency."""
    arch = load("seed-q3-spof")
    c = arch.components
    assert list(c) == ["dns", "lb", "app", "db", "cache"]
    assert [c[i].kind for i in c] == [
        Kind.DNS,
        Kind.LOAD_BALANCER,
        Kind.SERVICE,
        Kind.DATABASE,
        Kind.CACHE,
    ]
    assert [c[i].replicas for i in c] == [1, 1, 3, 1, 1]
    assert c["app"].zones == ["zone-a", "zone-b", "zone-a"]
    assert {c[i].region for i in ("lb", "app", "db", "cache")} == {"main"}
    assert c["db"].standby is None
    assert edges(arch) == [
        ("dns", "lb", "hard"),
        ("lb", "app", "hard"),
        ("app", "db", "hard"),
        ("app", "cache", "soft"),
    ]
    assert (arch.entrypoints, arch.entrypoints_declared) == (["dns"], False)


def test_q4_redundancy_at_every_layer() -> None:
    arch = load("seed-q4-multi-region")
    c = arch.components
    assert arch.slo == 0.9995
    assert arch.entrypoints == ["route53"]
    assert (c["route53"].scope, c["route53"].availability) == (Scope.GLOBAL, 1.0)
    assert c["cloudfront"].scope is Scope.GLOBAL
    for region, suffix in [("us-east-1", "east"), ("us-west-2", "west")]:
        alb, web = c[f"alb_{suffix}"], c[f"web_{suffix}"]
        assert (alb.scope, alb.region) == (Scope.REGIONAL, region)
        assert (web.replicas, web.min_healthy, web.region) == (3, 2, region)
        assert len(set(web.zones)) == 3
        redis = c[f"redis_{suffix}"]
        assert (redis.replicas, redis.quorum, redis.min_healthy) == (3, True, 2)  # 3//2+1
        assert {arch.zones[z].region for z in web.zones + redis.zones} == {region}
    primary = c["db_east"].standby
    assert primary is not None
    assert (primary.mode, primary.failover, primary.zones) == (
        StandbyMode.HOT,
        Failover.AUTOMATIC,
        ["use1-az2"],
    )
    assert (c["db_east_readers"].replicas, c["db_west"].region) == (2, "us-west-2")
    assert ("cloudfront", "alb_east|alb_west", "hard") in edges(arch)
    assert ("web_west", "db_east", "hard") in edges(arch)  # writes cross regions
    assert ("web_east", "redis_east", "soft") in edges(arch)
    assert len(arch.regions) == 2
    assert len(arch.zones) == 6


def test_news_site_before_and_after() -> None:
    before, after = load("seed-news-before"), load("seed-news-after")
    assert edges(before) == [("cdn", "web", "hard"), ("web", "db", "hard")]
    assert before.components["web"].replicas == 5
    assert before.components["db"].replicas == 1
    assert after.components["web_east"].replicas == 10
    assert after.components["cache_east"].replicas == 6
    assert after.components["db_east_readers"].replicas == 3
    assert set(after.components["web_east"].zones) == {"use1-az1", "use1-az2", "use1-az3"}
    assert ("cdn", "alb_east|alb_west", "hard") in edges(after)
    assert ("cdn", "assets", "hard") in edges(after)
    assert after.components["web_east"].health_check.enabled is True
    assert after.entrypoints == ["cdn"]


def test_banking_active_active() -> None:
    arch = load("seed-banking-active-active")
    c = arch.components
    assert arch.slo == 0.9999
    assert (c["app_east"].replicas, c["app_west"].replicas) == (5, 5)
    assert (c["app_east"].region, c["app_west"].region) == ("us-east-1", "us-west-2")
    assert edges(arch) == [
        ("global_lb", "app_east|app_west", "hard"),
        ("app_east", "aurora", "hard"),
        ("app_west", "aurora", "hard"),
    ]
    aurora = c["aurora"]
    assert (aurora.region, aurora.scope, aurora.backups) == ("us-east-1", Scope.REGIONAL, True)
    assert aurora.standby is not None
    assert (aurora.standby.region, aurora.standby.mode) == ("us-west-2", StandbyMode.HOT)
    assert aurora.standby.failover_success == 0.999
    assert all(d.kind is DependencyKind.HARD for d in arch.dependencies)
    assert arch.entrypoints == ["global_lb"]
