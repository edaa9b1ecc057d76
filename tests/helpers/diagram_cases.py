"""Architectures built with the model classes, for diagram tests that need no parser."""

from __future__ import annotations

import itertools

from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    DependencyKind,
    Finding,
    Kind,
    Region,
    Relation,
    Scope,
    Severity,
    Standby,
    StandbyMode,
    Zone,
)

EAST = ("use1-az1", "use1-az2", "use1-az3")
WEST = ("usw2-az1", "usw2-az2", "usw2-az3")


def seed_multi_region() -> Architecture:
    """The seed's Q4 design: Route 53 → CloudFront → an ALB, ASG, RDS and Redis per region."""
    zones = {z: Zone(region="us-east-1", availability=0.9999) for z in EAST}
    zones |= {z: Zone(region="us-west-2", availability=0.9999) for z in WEST}
    components = [
        Component(id="dns", kind=Kind.DNS, scope=Scope.GLOBAL, availability=1.0),
        Component(id="cdn", kind=Kind.CDN, scope=Scope.GLOBAL, availability=0.9999),
    ]
    for region, azs, suffix in (("us-east-1", EAST, "east"), ("us-west-2", WEST, "west")):
        components += [
            Component(
                id=f"alb_{suffix}",
                kind=Kind.LOAD_BALANCER,
                region=region,
                scope=Scope.REGIONAL,
                availability=0.9999,
            ),
            Component(
                id=f"app_{suffix}",
                kind=Kind.SERVICE,
                replicas=3,
                zones=list(azs),
                availability=0.995,
            ),
            Component(
                id=f"redis_{suffix}",
                kind=Kind.CACHE,
                replicas=3,
                zones=list(azs),
                min_healthy=2,
                quorum=True,
                availability=0.999,
            ),
        ]
    components += [
        Component(
            id="rds_primary",
            kind=Kind.DATABASE,
            zones=["use1-az1"],
            availability=0.9995,
            standby=Standby(mode=StandbyMode.HOT, zones=["use1-az2"]),
        ),
        Component(
            id="rds_replica_west", kind=Kind.DATABASE, zones=["usw2-az1"], availability=0.9995
        ),
    ]
    deps = [
        Dependency(source="dns", target="cdn"),
        Dependency(source="cdn", any_of=["alb_east", "alb_west"]),
        Dependency(source="alb_east", target="app_east"),
        Dependency(source="alb_west", target="app_west"),
        Dependency(source="app_east", target="rds_primary"),
        Dependency(source="app_west", target="rds_replica_west"),
        Dependency(source="app_east", target="redis_east", kind=DependencyKind.SOFT),
        Dependency(source="app_west", target="redis_west", kind=DependencyKind.SOFT),
    ]
    return Architecture(
        name="seed-q4-multi-region",
        slo=0.9995,
        components={c.id: c for c in components},
        dependencies=deps,
        zones=zones,
        regions={
            "us-east-1": Region(availability=0.9999),
            "us-west-2": Region(availability=0.9999),
        },
        entrypoints=["dns"],
        entrypoints_declared=True,
    )


def seed_spof() -> Architecture:
    """The seed's Q3 example: DNS → one LB → app servers → one database, Redis beside it."""
    components = [
        Component(id="dns", kind=Kind.DNS, scope=Scope.GLOBAL, availability=0.9999),
        Component(id="lb", kind=Kind.LOAD_BALANCER, zones=["az1"], availability=0.999),
        Component(id="app", kind=Kind.SERVICE, replicas=3, zones=["az1", "az1", "az2"]),
        Component(id="db", kind=Kind.DATABASE, zones=["az1"], availability=0.999),
        Component(id="redis", kind=Kind.CACHE, zones=["az2"], availability=0.999),
    ]
    deps = [
        Dependency(source="dns", target="lb"),
        Dependency(source="lb", target="app"),
        Dependency(source="app", target="db"),
        Dependency(source="app", target="redis", kind=DependencyKind.SOFT),
    ]
    return Architecture(
        name="seed-q3-spof",
        slo=0.999,
        components={c.id: c for c in components},
        dependencies=deps,
        zones={"az1": Zone(region="east"), "az2": Zone(region="east")},
        regions={"east": Region()},
        entrypoints=["dns"],
    )


def spof_findings() -> list[Finding]:
    return [
        Finding(rule_id="HA001", severity=Severity.HIGH, component="lb", message="single LB"),
        Finding(rule_id="HA001", severity=Severity.CRITICAL, component="db", message="one db"),
        Finding(rule_id="HA003", severity=Severity.HIGH, component="db", message="one zone"),
        Finding(rule_id="HA004", severity=Severity.MEDIUM, component="app", message="2 in az1"),
        Finding(rule_id="HA011", severity=Severity.HIGH, component="", message="SLO not met"),
    ]


def terraform_like() -> Architecture:
    """Terraform-shaped ids: modules, dots, brackets, quotes; plumbing to fold."""
    ids = {
        "aws_route53_record.www": Kind.DNS,
        "aws_lb.web": Kind.LOAD_BALANCER,
        "aws_lb_listener.https": Kind.CONFIG,
        "aws_lb_target_group.web": Kind.CONFIG,
        "aws_autoscaling_group.web": Kind.SERVICE,
        "aws_launch_template.web": Kind.CONFIG,
        "aws_security_group.web": Kind.CONFIG,
        'module.db["main"].aws_db_instance.this': Kind.DATABASE,
        'module.db["main"].aws_db_subnet_group.this': Kind.NETWORK,
        "aws_subnet.private[0]": Kind.NETWORK,
        "aws_subnet.private[1]": Kind.NETWORK,
    }
    components = {
        cid: Component(id=cid, kind=kind, resource_type=cid.split(".")[-2])
        for cid, kind in ids.items()
    }
    components["aws_autoscaling_group.web"] = Component(
        id="aws_autoscaling_group.web",
        kind=Kind.SERVICE,
        replicas=2,
        zones=["us-east-1a", "us-east-1b"],
        resource_type="aws_autoscaling_group",
    )
    req, cfg = Relation.REQUEST, Relation.CONFIG
    edges = [
        ("aws_route53_record.www", "aws_lb.web", req),
        ("aws_lb.web", "aws_lb_listener.https", req),
        ("aws_lb_listener.https", "aws_lb_target_group.web", req),
        ("aws_lb_target_group.web", "aws_autoscaling_group.web", req),
        ("aws_autoscaling_group.web", 'module.db["main"].aws_db_instance.this', req),
        ("aws_autoscaling_group.web", "aws_launch_template.web", cfg),
        ("aws_launch_template.web", "aws_security_group.web", cfg),
        ("aws_autoscaling_group.web", "aws_subnet.private[0]", cfg),
        ("aws_autoscaling_group.web", "aws_subnet.private[1]", cfg),
        (
            'module.db["main"].aws_db_instance.this',
            'module.db["main"].aws_db_subnet_group.this',
            cfg,
        ),
    ]
    return Architecture(
        name='tf "quoted" <stack>',
        components=components,
        dependencies=[Dependency(source=s, target=t, relation=r) for s, t, r in edges],
        zones={"us-east-1a": Zone(region="us-east-1"), "us-east-1b": Zone(region="us-east-1")},
        entrypoints=["aws_route53_record.www"],
    )


NASTY_IDS = (
    'module.x["a\\"b"].aws_instance.web[0]',
    "<b>html</b>",
    "back\\slash\\",
    "#hash & amp; end",
    "line\nbreak",
    "`tick` {brace} [bracket] |pipe|",
    "end",
)


def nasty() -> Architecture:
    """Ids a Terraform address or a careless YAML file can hold, chained one after another."""
    components = {cid: Component(id=cid, kind=Kind.SERVICE) for cid in NASTY_IDS}
    deps = [Dependency(source=a, target=b) for a, b in itertools.pairwise(NASTY_IDS)]
    deps.append(Dependency(source=NASTY_IDS[0], any_of=[NASTY_IDS[2], NASTY_IDS[3]]))
    return Architecture(
        name='nasty "name" <x> & \\ #',
        components=components,
        dependencies=deps,
        entrypoints=[NASTY_IDS[0]],
    )


def wide(services: int, flagged: tuple[int, ...] = (7,)) -> tuple[Architecture, list[Finding]]:
    """An LB in front of `services` parallel chains svc_i → db_i, a few of them flagged."""
    components = {"lb": Component(id="lb", kind=Kind.LOAD_BALANCER, replicas=2)}
    deps = []
    for i in range(services):
        svc, db = f"svc_{i:04d}", f"db_{i:04d}"
        components[svc] = Component(id=svc, kind=Kind.SERVICE, replicas=2)
        components[db] = Component(id=db, kind=Kind.DATABASE)
        deps += [Dependency(source="lb", target=svc), Dependency(source=svc, target=db)]
    findings = [
        Finding(rule_id="HA001", severity=Severity.HIGH, component=f"db_{i:04d}", message="one")
        for i in flagged
    ]
    arch = Architecture(name="wide", components=components, dependencies=deps, entrypoints=["lb"])
    return arch, findings
