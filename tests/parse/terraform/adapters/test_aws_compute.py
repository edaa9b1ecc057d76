"""AWS machines: instances, auto scaling groups, launch templates, stopped instances."""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Scope, StandbyMode
from tests.helpers.adapter_kit import (
    counted,
    model,
    ref,
    requests,
    res,
    subnet_ids,
    subnets,
    unknown,
)

AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]


def test_counted_instances_take_their_subnets_zones() -> None:
    """count = 3 with subnet_id = aws_subnet.app[count.index].id: replica i in AZS[i]."""
    web = counted(
        "aws_instance.web", [{"subnet_id": ref("aws_subnet.app", "id", i)} for i in range(3)]
    )
    arch = model(subnets("aws_subnet.app", AZS), web)
    component = arch.components["aws_instance.web"]
    assert component.kind is Kind.SERVICE
    assert component.scope is Scope.INSTANCE
    assert component.replicas == 3
    assert component.zones == AZS
    assert component.region == "us-east-1"
    assert component.unresolved == []


def test_instance_zone_written_directly_wins() -> None:
    web = res("aws_instance.web", {"availability_zone": "eu-west-1b", "ami": "ami-1"})
    arch = model(web, providers={"aws": {"region": "eu-west-1"}})
    assert arch.components["aws_instance.web"].zones == ["eu-west-1b"]


def test_unknown_count_is_one_representative_replica_marked_unresolved() -> None:
    web = res("aws_instance.web", {"subnet_id": unknown("var.subnet")}, count_unknown=True)
    component = model(web).components["aws_instance.web"]
    assert component.replicas == 1
    assert component.zones == []
    assert component.unresolved == ["replicas", "zones"]


def test_unknown_subnet_leaves_zones_unresolved() -> None:
    web = res("aws_instance.web", {"subnet_id": unknown("var.subnet_id")})
    component = model(web).components["aws_instance.web"]
    assert component.zones == []
    assert component.unresolved == ["zones"]


def test_stopped_instance_is_a_cold_manual_standby() -> None:
    """aws_ec2_instance_state { state = "stopped" }: no running replica, one cold standby."""
    standby = res("aws_instance.standby", {"availability_zone": "us-east-1b"})
    state = res(
        "aws_ec2_instance_state.standby",
        {"instance_id": ref("aws_instance.standby"), "state": "stopped"},
    )
    arch = model(standby, state)
    component = arch.components["aws_instance.standby"]
    assert component.replicas == 0
    assert component.zones == []
    assert component.standby is not None
    assert component.standby.mode is StandbyMode.COLD
    assert component.standby.failover is Failover.MANUAL
    assert component.standby.zones == ["us-east-1b"]
    folded = arch.components["aws_ec2_instance_state.standby"]
    assert folded.kind is Kind.CONFIG
    assert "part-of:aws_instance.standby" in folded.tags


def test_running_instance_state_changes_nothing() -> None:
    web = res("aws_instance.web", {"availability_zone": "us-east-1a"})
    state = res(
        "aws_ec2_instance_state.web", {"instance_id": ref("aws_instance.web"), "state": "running"}
    )
    component = model(web, state).components["aws_instance.web"]
    assert (component.replicas, component.standby) == (1, None)


def _asg(**attrs: object) -> dict[str, object]:
    body: dict[str, object] = {
        "min_size": 2,
        "max_size": 6,
        "desired_capacity": 3,
        "vpc_zone_identifier": subnet_ids("aws_subnet.app", 3),
        "launch_template": [{"id": ref("aws_launch_template.app"), "version": "$Latest"}],
    }
    body.update(attrs)
    return body


def test_asg_spreads_desired_capacity_over_subnet_zones() -> None:
    """desired 3 over subnets in a, b, c: one replica per zone; ELB health checks on."""
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_launch_template.app", {"image_id": "ami-1"}),
        res("aws_autoscaling_group.app", _asg(health_check_type="ELB")),
    )
    asg = arch.components["aws_autoscaling_group.app"]
    assert (asg.replicas, asg.zones) == (3, AZS)
    assert asg.health_check.enabled is True
    assert asg.health_check.details["type"] == "ELB"
    template = arch.components["aws_launch_template.app"]
    assert template.kind is Kind.CONFIG
    assert "part-of:aws_autoscaling_group.app" in template.tags


def test_asg_with_scaling_policy_counts_its_floor() -> None:
    """A scaling policy may shrink the group to min_size = 2: replicas a, b."""
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_autoscaling_group.app", _asg(name="app")),
        # `aws_autoscaling_group.app.name` is configured, so the loader hands over "app".
        res(
            "aws_autoscaling_policy.cpu",
            {"autoscaling_group_name": "app"},
            refs=["aws_autoscaling_group.app"],
        ),
    )
    asg = arch.components["aws_autoscaling_group.app"]
    assert (asg.replicas, asg.zones) == (2, AZS[:2])


def test_asg_in_one_subnet_has_every_replica_in_that_zone() -> None:
    arch = model(
        subnets("aws_subnet.app", ["us-east-1a"]),
        res("aws_autoscaling_group.app", _asg(vpc_zone_identifier=subnet_ids("aws_subnet.app", 1))),
    )
    assert arch.components["aws_autoscaling_group.app"].zones == ["us-east-1a"] * 3


def test_asg_default_health_check_is_ec2_which_does_not_count() -> None:
    arch = model(subnets("aws_subnet.app", AZS), res("aws_autoscaling_group.app", _asg()))
    check = arch.components["aws_autoscaling_group.app"].health_check
    assert check.enabled is False
    assert check.details["type"] == "EC2"


def test_asg_target_group_arns_make_request_edges() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_lb_target_group.app", {"port": 80, "protocol": "HTTP"}),
        res(
            "aws_autoscaling_group.app",
            _asg(target_group_arns=[ref("aws_lb_target_group.app", "arn")]),
        ),
    )
    assert ("aws_lb_target_group.app", "aws_autoscaling_group.app") in requests(arch)


def test_autoscaling_attachment_links_group_to_target_group() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_lb_target_group.app", {"port": 80}),
        res("aws_autoscaling_group.app", _asg()),
        res(
            "aws_autoscaling_attachment.app",
            {
                "autoscaling_group_name": ref("aws_autoscaling_group.app", "id"),
                "lb_target_group_arn": ref("aws_lb_target_group.app", "arn"),
            },
        ),
    )
    assert ("aws_lb_target_group.app", "aws_autoscaling_group.app") in requests(arch)
    assert (
        "part-of:aws_autoscaling_group.app"
        in arch.components["aws_autoscaling_attachment.app"].tags
    )


def test_asg_with_unknown_size_is_unresolved() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res(
            "aws_autoscaling_group.app",
            _asg(desired_capacity=unknown("var.size"), min_size=unknown("var.min")),
        ),
    )
    asg = arch.components["aws_autoscaling_group.app"]
    assert asg.replicas == 1
    assert asg.unresolved == ["replicas", "zones"]


def test_asg_with_unknown_desired_is_not_read_as_its_floor() -> None:
    """desired_capacity = var.size between min 1 and max 4: the group runs 1 to 4, which
    is unknown (not 1, which HA001 would call a single point)."""
    group = model(
        res("aws_autoscaling_group.app", _asg(desired_capacity=unknown("var.size"), min_size=1))
    ).components["aws_autoscaling_group.app"]
    assert "replicas" in group.unresolved


def test_asg_with_unknown_desired_and_equal_bounds_runs_that_many() -> None:
    """min = max = 2 pins the count, whatever desired_capacity is: 2, known."""
    group = model(
        res(
            "aws_autoscaling_group.app",
            _asg(desired_capacity=unknown("var.size"), min_size=2, max_size=2),
        )
    ).components["aws_autoscaling_group.app"]
    assert group.replicas == 2
    assert "replicas" not in group.unresolved


def test_warm_pool_is_an_automatic_standby() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res(
            "aws_autoscaling_group.app", _asg(warm_pool=[{"min_size": 2, "pool_state": "Stopped"}])
        ),
    )
    standby = arch.components["aws_autoscaling_group.app"].standby
    assert standby is not None
    assert (standby.mode, standby.failover, standby.replicas) == (
        StandbyMode.WARM,
        Failover.AUTOMATIC,
        2,
    )
