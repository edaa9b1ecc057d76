"""AWS load balancing: ALB/NLB scope and entry, target groups, listeners, classic ELB."""

from __future__ import annotations

from spofcheck.model import Kind, Scope
from tests.helpers.adapter_kit import model, ref, requests, res, subnet_ids, subnets, unknown

AZS = ["us-east-1a", "us-east-1b"]


def _alb(**attrs: object) -> dict[str, object]:
    return {
        "load_balancer_type": "application",
        "subnets": subnet_ids("aws_subnet.pub", 2),
        **attrs,
    }


def test_internet_facing_alb_is_a_regional_entry_point() -> None:
    arch = model(subnets("aws_subnet.pub", AZS), res("aws_lb.web", _alb()))
    lb = arch.components["aws_lb.web"]
    assert (lb.kind, lb.scope, lb.replicas, lb.zones) == (Kind.LOAD_BALANCER, Scope.REGIONAL, 1, [])
    assert arch.entrypoints == ["aws_lb.web"]


def test_internal_alb_is_not_an_entry_point() -> None:
    arch = model(subnets("aws_subnet.pub", AZS), res("aws_lb.web", _alb(internal=True)))
    assert arch.entrypoints == []


def test_nlb_in_one_subnet_lives_and_dies_with_that_zone() -> None:
    nlb = res(
        "aws_lb.nlb",
        {
            "load_balancer_type": "network",
            "subnet_mapping": [{"subnet_id": ref("aws_subnet.pub", "id", 0)}],
        },
    )
    component = model(subnets("aws_subnet.pub", AZS), nlb).components["aws_lb.nlb"]
    assert (component.scope, component.zones) == (Scope.INSTANCE, ["us-east-1a"])


def test_target_group_without_health_check_block_uses_aws_defaults() -> None:
    tg = model(res("aws_lb_target_group.app", {"port": 80, "protocol": "HTTP"})).components[
        "aws_lb_target_group.app"
    ]
    assert tg.health_check.enabled is True
    assert tg.health_check.details["defaults"] is True
    assert tg.sticky_sessions is False
    assert tg.availability == 1.0


def test_lambda_target_group_is_unchecked_by_default() -> None:
    tg = model(res("aws_lb_target_group.fn", {"target_type": "lambda"})).components[
        "aws_lb_target_group.fn"
    ]
    assert tg.health_check.enabled is False


def test_health_check_disabled_and_stickiness_defaulting_on() -> None:
    """A stickiness block without `enabled` is on (the provider's default is true)."""
    tg = res(
        "aws_lb_target_group.app",
        {"health_check": [{"enabled": False}], "stickiness": [{"type": "lb_cookie"}]},
    )
    component = model(tg).components["aws_lb_target_group.app"]
    assert component.health_check.enabled is False
    assert component.health_check.details["defaults"] is False
    assert component.sticky_sessions is True


def test_unknown_stickiness_is_unknown() -> None:
    tg = res(
        "aws_lb_target_group.app",
        {"stickiness": [{"type": "lb_cookie", "enabled": unknown("var.sticky")}]},
    )
    assert model(tg).components["aws_lb_target_group.app"].sticky_sessions is None


def test_listener_folds_into_the_lb_which_forwards_to_every_weighted_group() -> None:
    listener = res(
        "aws_lb_listener.https",
        {
            "load_balancer_arn": ref("aws_lb.web", "arn"),
            "default_action": [
                {
                    "type": "forward",
                    "forward": [
                        {
                            "target_group": [
                                {"arn": ref("aws_lb_target_group.blue", "arn"), "weight": 90},
                                {"arn": ref("aws_lb_target_group.green", "arn"), "weight": 10},
                            ]
                        }
                    ],
                }
            ],
        },
    )
    arch = model(
        subnets("aws_subnet.pub", AZS),
        res("aws_lb.web", _alb()),
        res("aws_lb_target_group.blue", {}),
        res("aws_lb_target_group.green", {}),
        listener,
    )
    assert requests(arch) == {
        ("aws_lb.web", "aws_lb_target_group.blue"),
        ("aws_lb.web", "aws_lb_target_group.green"),
    }
    assert arch.components["aws_lb_listener.https"].kind is Kind.CONFIG
    assert "part-of:aws_lb.web" in arch.components["aws_lb_listener.https"].tags


def test_listener_rule_edges_start_at_the_listeners_lb() -> None:
    arch = model(
        subnets("aws_subnet.pub", AZS),
        res("aws_lb.web", _alb()),
        res("aws_lb_target_group.api", {}),
        res("aws_lb_listener.https", {"load_balancer_arn": ref("aws_lb.web", "arn")}),
        res(
            "aws_lb_listener_rule.api",
            {
                "listener_arn": ref("aws_lb_listener.https", "arn"),
                "action": [
                    {"type": "forward", "target_group_arn": ref("aws_lb_target_group.api", "arn")}
                ],
            },
        ),
    )
    assert requests(arch) == {("aws_lb.web", "aws_lb_target_group.api")}
    # folded through the listener into the component that finally hosts it
    assert "part-of:aws_lb.web" in arch.components["aws_lb_listener_rule.api"].tags


def test_target_group_needs_any_one_of_its_targets() -> None:
    """Two instance resources attached: the group serves while either does."""
    arch = model(
        res("aws_lb_target_group.app", {}),
        res("aws_instance.a", {"availability_zone": "us-east-1a"}),
        res("aws_instance.b", {"availability_zone": "us-east-1b"}),
        res(
            "aws_lb_target_group_attachment.a",
            {
                "target_group_arn": ref("aws_lb_target_group.app", "arn"),
                "target_id": ref("aws_instance.a"),
            },
        ),
        res(
            "aws_lb_target_group_attachment.b",
            {
                "target_group_arn": ref("aws_lb_target_group.app", "arn"),
                "target_id": ref("aws_instance.b"),
            },
        ),
    )
    [dep] = arch.request_dependencies()
    assert (dep.source, dep.target, dep.any_of) == (
        "aws_lb_target_group.app",
        None,
        ["aws_instance.a", "aws_instance.b"],
    )


def test_classic_elb_health_stickiness_and_instances() -> None:
    """The stickiness policy names the ELB by its configured name ("web")."""
    arch = model(
        res("aws_instance.web", {"availability_zone": "us-east-1a"}),
        res(
            "aws_elb.web",
            {
                "name": "web",
                "availability_zones": AZS,
                "instances": [ref("aws_instance.web")],
                "listener": [{"lb_port": 80, "instance_port": 8080}],
            },
        ),
        res(
            "aws_lb_cookie_stickiness_policy.web",
            {"load_balancer": "web", "lb_port": 80},
            refs=["aws_elb.web"],
        ),
    )
    elb = arch.components["aws_elb.web"]
    assert (elb.scope, elb.health_check.enabled, elb.sticky_sessions) == (
        Scope.REGIONAL,
        True,
        True,
    )
    assert elb.health_check.details == {"defaults": True}
    assert requests(arch) == {("aws_elb.web", "aws_instance.web")}
    assert arch.entrypoints == ["aws_elb.web"]
    assert "part-of:aws_elb.web" in arch.components["aws_lb_cookie_stickiness_policy.web"].tags
