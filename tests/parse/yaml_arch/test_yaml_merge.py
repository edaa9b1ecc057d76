"""Overlays: YAML that names Terraform components by address, merged onto a Terraform model.

The base Architectures are built by hand here, as the Terraform loader would build them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.model import (
    Architecture,
    Component,
    Dependency,
    HealthCheck,
    Kind,
    Location,
    ParseError,
    Region,
    Relation,
    Scope,
    StandbyMode,
    Zone,
)
from spofcheck.parse.yaml_arch import merge_overlay
from tests.helpers.yaml_kit import INVALID, OVERLAYS, dependency

ASG = "aws_autoscaling_group.web"
LB = "aws_lb.web"
DB = "module.db.aws_db_instance.this"


@pytest.fixture
def base() -> Architecture:
    def tf(line: int) -> Location:
        return Location(file="main.tf", line=line, end_line=line + 9)

    return Architecture(
        name="stack",
        components={
            LB: Component(
                id=LB,
                kind=Kind.LOAD_BALANCER,
                scope=Scope.REGIONAL,
                region="us-east-1",
                provider="aws",
                resource_type="aws_lb",
                source=tf(1),
            ),
            ASG: Component(
                id=ASG,
                kind=Kind.SERVICE,
                replicas=2,
                zones=["us-east-1a", "us-east-1b"],
                region="us-east-1",
                availability=0.995,
                availability_source="tf catalogue",
                health_check=HealthCheck(enabled=True),
                provider="aws",
                resource_type="aws_autoscaling_group",
                source=tf(11),
            ),
            DB: Component(
                id=DB,
                kind=Kind.DATABASE,
                zones=["us-east-1a"],
                region="us-east-1",
                resource_type="aws_db_instance",
                source=tf(21),
            ),
        },
        dependencies=[
            Dependency(source=LB, target=ASG),
            Dependency(source=ASG, target=DB, relation=Relation.CONFIG),
        ],
        zones={"us-east-1a": Zone(region="us-east-1"), "us-east-1b": Zone(region="us-east-1")},
        regions={"us-east-1": Region()},
        entrypoints=[LB],
        errors=[ParseError(file="main.tf", line=3, message="an earlier problem")],
        notes=["an earlier note"],
        files=["main.tf"],
    )


def merged(base: Architecture, name: str) -> Architecture:
    return merge_overlay(base, OVERLAYS / name, display_root=OVERLAYS)


def test_written_fields_override_and_the_rest_stays(base: Architecture) -> None:
    """replicas 2 -> 3 re-spreads the Terraform zones [1a, 1b] as [1a, 1b, 1a]."""
    asg = merged(base, "web-shop.yaml").components[ASG]
    assert (asg.replicas, asg.min_healthy) == (3, 2)
    assert asg.zones == ["us-east-1a", "us-east-1b", "us-east-1a"]
    assert (asg.kind, asg.region, asg.provider) == (Kind.SERVICE, "us-east-1", "aws")
    assert (asg.availability, asg.availability_source) == (0.995, "tf catalogue")
    assert asg.health_check == HealthCheck(enabled=True)
    assert asg.source == base.components[ASG].source


def test_placement_is_untouched_when_the_overlay_does_not_write_it(base: Architecture) -> None:
    """Three replicas placed [1a, 1a, 1b]: re-spreading would give [1a, 1b, 1a]."""
    db = base.components[DB].model_copy(
        update={"replicas": 3, "zones": ["us-east-1a", "us-east-1a", "us-east-1b"]}
    )
    base = base.model_copy(update={"components": {**base.components, DB: db}})
    assert merged(base, "web-shop.yaml").components[DB].zones == db.zones


def test_availability_and_standby_override(base: Architecture) -> None:
    db = merged(base, "web-shop.yaml").components[DB]
    assert (db.availability, db.availability_source) == (0.9995, "declared")
    assert db.standby is not None
    assert (db.standby.mode, db.standby.zones, db.standby.region) == (
        StandbyMode.HOT,
        ["us-east-1b"],
        "us-east-1",
    )
    assert db.replicas == 1


def test_new_components_and_dependencies_are_added(base: Architecture) -> None:
    arch = merged(base, "web-shop.yaml")
    payments = arch.components["payments"]
    assert (payments.kind, payments.scope, payments.availability) == (
        Kind.EXTERNAL,
        Scope.GLOBAL,
        0.999,
    )
    assert payments.source is not None
    assert payments.source.file == "web-shop.yaml"
    soft = dependency(arch, ASG, "payments")
    assert (soft.kind.value, soft.timeout, soft.relation) == ("soft", True, Relation.REQUEST)
    to_db = [
        (d.relation, d.location.file if d.location else None)
        for d in arch.dependencies
        if d.source == ASG and d.target == DB
    ]
    assert to_db == [(Relation.CONFIG, None), (Relation.REQUEST, "web-shop.yaml")]


def test_an_inferred_request_dependency_is_replaced_not_doubled(base: Architecture) -> None:
    arch = merged(base, "web-shop.yaml")
    lb_edges = [d for d in arch.dependencies if d.source == LB]
    assert len(lb_edges) == 1
    assert lb_edges[0].location is not None
    assert (lb_edges[0].location.file, lb_edges[0].location.line) == ("web-shop.yaml", 21)


def test_entrypoints_slo_name_zones_and_suppressions(base: Architecture) -> None:
    arch = merged(base, "web-shop.yaml")
    assert (arch.entrypoints, arch.entrypoints_declared) == ([LB], True)
    assert (arch.slo, arch.name) == (0.999, "shop")
    assert arch.zones["us-east-1a"] == Zone(region="us-east-1", availability=0.9999)
    assert arch.components[LB].ignore == {"HA001": "one ALB is redundant across zones by itself"}
    assert arch.files == ["main.tf", "web-shop.yaml"]
    assert arch.errors == base.errors


def test_notes_say_what_the_overlay_changed(base: Architecture) -> None:
    assert merged(base, "web-shop.yaml").notes == [
        "an earlier note",
        "web-shop.yaml:10: overlay overrides aws_autoscaling_group.web: "
        "replicas 2 -> 3, zones, min_healthy 1 -> 2",
        "web-shop.yaml:16: overlay overrides module.db.aws_db_instance.this: "
        "standby, availability 0.995 -> 0.9995",
        "web-shop.yaml:19: overlay overrides aws_lb.web: ignore",
        "web-shop.yaml:22: overlay adds component payments",
        "web-shop.yaml:21: overlay replaces the dependency aws_lb.web -> aws_autoscaling_group.web",
        "web-shop.yaml:27: entrypoints set to ['aws_lb.web']",
        "web-shop.yaml:6: slo set to 99.9%",
    ]


def test_overlay_mistakes_are_located_errors(base: Architecture) -> None:
    arch = merged(base, "problems.yaml")
    new = [(e.line, e.key, e.message) for e in arch.errors[1:]]
    assert new == [
        (
            7,
            'components["aws_autoscaling_group.wbe"]',
            "'aws_autoscaling_group.wbe' looks like a Terraform address but is not in the "
            "Terraform model (did you mean 'aws_autoscaling_group.web'?)",
        ),
        (
            10,
            'components["aws_lb.web"].depends_on[0]',
            "unknown component 'aws_autoscaling_group.webb' "
            "(did you mean 'aws_autoscaling_group.web'?)",
        ),
        (
            12,
            'components["module.db.aws_db_instance.this"].zones[1]',
            "zone 'us-east-1z' is not declared under `zones` (did you mean 'us-east-1b'?)",
        ),
    ]
    assert "aws_autoscaling_group.wbe" not in arch.components
    assert arch.components[ASG].replicas == 2  # the typo changed nothing


def test_an_unreadable_overlay_keeps_the_base_and_adds_its_error(base: Architecture) -> None:
    arch = merge_overlay(base, INVALID / "syntax-error.yaml", display_root=INVALID)
    assert arch.components == base.components
    assert arch.dependencies == base.dependencies
    assert [e.file for e in arch.errors] == ["main.tf", "syntax-error.yaml"]
    assert arch.files == ["main.tf", "syntax-error.yaml"]


def test_a_resource_address_names_every_instance_of_a_split_resource(tmp_path: Path) -> None:
    """`aws_instance.app` split into [0] and [1] (their settings differ): an overlay
    written for the resource applies to both instances, as it applied to the one
    component before, and its dependency is added from each."""
    app = Component(id="aws_instance.app[0]", kind=Kind.SERVICE, resource_type="aws_instance")
    components = {
        "aws_instance.app[0]": app,
        "aws_instance.app[1]": app.model_copy(update={"id": "aws_instance.app[1]"}),
        DB: Component(id=DB, kind=Kind.DATABASE, resource_type="aws_db_instance"),
    }
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        f"version: 1\ncomponents:\n  aws_instance.app:\n    replicas: 2\n    depends_on: [{DB}]\n",
        encoding="utf-8",
    )
    arch = merge_overlay(Architecture(components=components), overlay, display_root=tmp_path)
    assert not arch.errors, [e.one_line() for e in arch.errors]
    assert [arch.components[f"aws_instance.app[{i}]"].replicas for i in (0, 1)] == [2, 2]
    assert sorted((d.source, d.target) for d in arch.dependencies) == [
        ("aws_instance.app[0]", DB),
        ("aws_instance.app[1]", DB),
    ]


def test_an_entry_point_naming_a_split_resource_means_its_instances(tmp_path: Path) -> None:
    """`entrypoints: [aws_lb.edge, aws_lb.nope]`: aws_lb.edge split into ["a"] and ["b"]
    (both entry points); aws_lb.nope names nothing and is the error at index 1."""
    edge = Component(id='aws_lb.edge["a"]', kind=Kind.LOAD_BALANCER, resource_type="aws_lb")
    components = {
        'aws_lb.edge["a"]': edge,
        'aws_lb.edge["b"]': edge.model_copy(update={"id": 'aws_lb.edge["b"]'}),
    }
    overlay = tmp_path / "overlay.yaml"
    text = "version: 1\ncomponents: {}\nentrypoints: [aws_lb.edge, aws_lb.nope]\n"
    overlay.write_text(text, encoding="utf-8")
    arch = merge_overlay(Architecture(components=components), overlay, display_root=tmp_path)
    assert arch.entrypoints == ['aws_lb.edge["a"]', 'aws_lb.edge["b"]']
    assert [e.key for e in arch.errors] == ["entrypoints[1]"]
