"""Noise control: plumbing folded into its users, --all, and --focus."""

from __future__ import annotations

import pytest

from spofcheck.diagram import render_diagram
from spofcheck.errors import ConfigError
from spofcheck.model import Architecture, Component, Dependency, Finding, Kind, Severity
from tests.helpers.diagram_cases import seed_multi_region, terraform_like
from tests.helpers.dot_structure import parse_dot, plain


def _tooltips(arch: Architecture, **kwargs: object) -> dict[str, str]:
    """Drawn component id → its node label's text."""
    output = render_diagram(arch, fmt="dot", **kwargs)  # type: ignore[arg-type]
    assert isinstance(output.content, str)
    graph = parse_dot(output.content)
    return {_component(a): plain(a["label"]) for a in graph.nodes.values() if "tooltip" in a}


def _component(attrs: dict[str, str]) -> str:
    """The component a node stands for: its tooltip, before the folded parts' list."""
    return attrs["tooltip"].replace('\\"', '"').split(" · uses ")[0]


def _edges(arch: Architecture, **kwargs: object) -> set[tuple[str, str, str]]:
    output = render_diagram(arch, fmt="dot", **kwargs)  # type: ignore[arg-type]
    assert isinstance(output.content, str)
    graph = parse_dot(output.content)
    name = {k: _component(a) for k, a in graph.nodes.items() if "tooltip" in a}
    return {
        (name[a], name[b], attrs.get("style", "solid"))
        for a, b, attrs in graph.edges
        if a in name and b in name
    }


def test_plumbing_is_folded_into_the_components_that_reference_it() -> None:
    """7 config/network components disappear; their users list them."""
    drawn = _tooltips(terraform_like())
    assert sorted(drawn) == [
        "aws_autoscaling_group.web",
        "aws_lb.web",
        "aws_route53_record.www",
        'module.db["main"].aws_db_instance.this',
    ]
    # the ASG references the launch template and both subnets directly, and the security
    # group through the launch template: 4 folded, summarised by type, most frequent first
    assert drawn["aws_autoscaling_group.web"].endswith(
        "uses subnet ×2, launch_template, security_group"
    )
    assert drawn['module.db["main"].aws_db_instance.this'].endswith("uses db_subnet_group")


def test_folded_ids_are_listed_in_the_tooltip() -> None:
    output = render_diagram(terraform_like(), fmt="dot")
    graph = parse_dot(str(output.content))
    tips = {a["tooltip"].replace('\\"', '"') for a in graph.nodes.values() if "tooltip" in a}
    # inside the module, a folded id loses the module prefix it shares with its host
    assert 'module.db["main"].aws_db_instance.this · uses aws_db_subnet_group.this' in tips


def test_folding_keeps_request_paths_connected() -> None:
    """lb → listener → target group → asg becomes lb → asg."""
    edges = _edges(terraform_like())
    assert ("aws_lb.web", "aws_autoscaling_group.web", "solid") in edges


def test_folding_through_a_soft_step_gives_a_soft_edge() -> None:
    arch = Architecture(
        components={
            "a": Component(id="a", kind=Kind.SERVICE),
            "rt": Component(id="rt", kind=Kind.NETWORK),
            "nat": Component(id="nat", kind=Kind.NAT),
        },
        dependencies=[
            Dependency(source="a", target="rt", kind="soft"),  # type: ignore[arg-type]
            Dependency(source="rt", target="nat"),
        ],
    )
    assert _edges(arch) == {("a", "nat", "dashed")}


def test_all_draws_plumbing_and_config_edges() -> None:
    drawn = _tooltips(terraform_like(), show_all=True)
    assert len(drawn) == len(terraform_like().components)
    edges = _edges(terraform_like(), show_all=True)
    assert ("aws_autoscaling_group.web", "aws_launch_template.web", "dotted") in edges
    assert ("aws_lb.web", "aws_lb_listener.https", "solid") in edges


def test_flagged_plumbing_stays_visible() -> None:
    finding = Finding(
        rule_id="HA020", severity=Severity.MEDIUM, component="aws_security_group.web", message="m"
    )
    drawn = _tooltips(terraform_like(), findings=[finding])
    assert "aws_security_group.web" in drawn


def test_focus_draws_upstream_and_downstream_only() -> None:
    """app_east: callers alb_east, cdn (via the any-of), dns; needs rds_primary, redis_east.

    alb_west is drawn too, without what is behind it: it is cdn's other alternative.
    """
    drawn = _tooltips(seed_multi_region(), focus="app_east")
    assert sorted(drawn) == [
        "alb_east",
        "alb_west",
        "app_east",
        "cdn",
        "dns",
        "rds_primary",
        "redis_east",
    ]
    assert _edges(seed_multi_region(), focus="app_east") == {
        ("dns", "cdn", "solid"),
        ("alb_east", "app_east", "solid"),
        ("app_east", "rds_primary", "solid"),
        ("app_east", "redis_east", "dashed"),
    }
    output = render_diagram(seed_multi_region(), fmt="dot", focus="app_east")
    graph = parse_dot(str(output.content))
    (junction,) = [k for k, a in graph.nodes.items() if a.get("shape") == "diamond"]
    assert sum(junction in (a, b) for a, b, _ in graph.edges) == 3  # cdn → ◇ → both ALBs


def test_focus_on_an_unknown_component_suggests_close_ids() -> None:
    with pytest.raises(ConfigError) as caught:
        render_diagram(seed_multi_region(), fmt="dot", focus="app_eats")
    assert "app_east" in caught.value.message
    assert caught.value.key == "--focus"


def test_focus_on_plumbing_keeps_it_drawn() -> None:
    drawn = _tooltips(terraform_like(), focus="aws_lb_target_group.web")
    assert sorted(drawn) == [
        "aws_autoscaling_group.web",
        "aws_lb.web",
        "aws_lb_target_group.web",
        "aws_route53_record.www",
        'module.db["main"].aws_db_instance.this',
    ]


def test_a_part_of_tag_names_the_host() -> None:
    """The Terraform adapters tag plumbing with the component it belongs to: that wins
    over the nearest referrer (aws_lb.web, which sends it requests)."""
    base = terraform_like()
    listener = base.components["aws_lb_listener.https"].model_copy(
        update={"tags": ["part-of:aws_autoscaling_group.web"]}
    )
    arch = base.model_copy(
        update={"components": {**base.components, "aws_lb_listener.https": listener}}
    )
    drawn = _tooltips(arch)
    assert drawn["aws_lb.web"].endswith("uses lb_target_group")
    assert drawn["aws_autoscaling_group.web"].endswith(
        "uses subnet ×2, launch_template, lb_listener +1"
    )


def test_a_count_variant_is_named_as_such_in_its_hosts_summary() -> None:
    """`pinned` is the other spelling of `this` (exactly one exists): not "uses
    ecs_service", which would read as a second service."""
    host = Component(id="aws_ecs_service.this", kind=Kind.SERVICE, resource_type="aws_ecs_service")
    variant = Component(
        id="aws_ecs_service.pinned",
        kind=Kind.CONFIG,
        resource_type="aws_ecs_service",
        tags=["part-of:aws_ecs_service.this", "variant-of:aws_ecs_service.this"],
    )
    arch = Architecture(
        components={c.id: c for c in (host, variant)},
        entrypoints=["aws_ecs_service.this"],
    )
    drawn = _tooltips(arch)
    assert list(drawn) == ["aws_ecs_service.this"]
    assert drawn["aws_ecs_service.this"].endswith("uses count variant pinned")
