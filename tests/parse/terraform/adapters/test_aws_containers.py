"""AWS containers and functions: ECS, EKS, Lambda."""

from __future__ import annotations

from spofcheck.model import Kind, Scope
from tests.helpers.adapter_kit import model, ref, requests, res, subnet_ids, subnets

AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]


def test_ecs_service_tasks_spread_over_subnets_behind_their_target_group() -> None:
    service = res(
        "aws_ecs_service.api",
        {
            "desired_count": 4,
            "network_configuration": [{"subnets": subnet_ids("aws_subnet.app", 3)}],
            "load_balancer": [
                {"target_group_arn": ref("aws_lb_target_group.api", "arn"), "container_port": 8080}
            ],
            "cluster": ref("aws_ecs_cluster.main"),
            "task_definition": ref("aws_ecs_task_definition.api", "arn"),
        },
    )
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_ecs_cluster.main", {"name": "main"}),
        res("aws_ecs_task_definition.api", {"family": "api"}),
        res("aws_lb_target_group.api", {"target_type": "ip"}),
        service,
    )
    component = arch.components["aws_ecs_service.api"]
    assert (component.replicas, component.zones) == (4, [*AZS, AZS[0]])
    assert ("aws_lb_target_group.api", "aws_ecs_service.api") in requests(arch)
    assert arch.components["aws_ecs_cluster.main"].scope is Scope.REGIONAL
    assert "part-of:aws_ecs_service.api" in arch.components["aws_ecs_task_definition.api"].tags


def test_ecs_task_definition_naming_a_database_makes_a_request_edge() -> None:
    arch = model(
        res("aws_db_instance.main", {"availability_zone": "us-east-1a"}),
        res(
            "aws_ecs_task_definition.api",
            {"container_definitions": ref("aws_db_instance.main", "address")},
        ),
        res(
            "aws_ecs_service.api",
            {"desired_count": 2, "task_definition": ref("aws_ecs_task_definition.api", "arn")},
        ),
    )
    assert ("aws_ecs_service.api", "aws_db_instance.main") in requests(arch)


def test_daemon_service_has_an_unknown_task_count() -> None:
    arch = model(res("aws_ecs_service.agent", {"scheduling_strategy": "DAEMON"}))
    assert "replicas" in arch.components["aws_ecs_service.agent"].unresolved


def test_eks_control_plane_is_regional_and_nodes_are_placed() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res(
            "aws_eks_cluster.main",
            {"vpc_config": [{"subnet_ids": subnet_ids("aws_subnet.app", 3)}]},
        ),
        res(
            "aws_eks_node_group.workers",
            {
                "cluster_name": ref("aws_eks_cluster.main", "name"),
                "subnet_ids": subnet_ids("aws_subnet.app", 3),
                "scaling_config": [{"desired_size": 3, "min_size": 3, "max_size": 6}],
            },
        ),
    )
    assert arch.components["aws_eks_cluster.main"].scope is Scope.REGIONAL
    nodes = arch.components["aws_eks_node_group.workers"]
    assert (nodes.kind, nodes.replicas, nodes.zones) == (Kind.CLUSTER, 3, AZS)


def test_lambda_is_regional_unless_its_vpc_subnets_share_one_zone() -> None:
    arch = model(
        subnets("aws_subnet.app", AZS),
        res("aws_lambda_function.free", {"function_name": "free"}),
        res(
            "aws_lambda_function.pinned",
            {"vpc_config": [{"subnet_ids": subnet_ids("aws_subnet.app", 1)}]},
        ),
        res(
            "aws_lambda_function.spread",
            {"vpc_config": [{"subnet_ids": subnet_ids("aws_subnet.app", 2)}]},
        ),
    )
    assert arch.components["aws_lambda_function.free"].scope is Scope.REGIONAL
    pinned = arch.components["aws_lambda_function.pinned"]
    assert (pinned.scope, pinned.zones) == (Scope.INSTANCE, ["us-east-1a"])
    assert arch.components["aws_lambda_function.spread"].scope is Scope.REGIONAL


def test_lambda_consuming_a_queue_needs_it_and_its_dead_letter_queue_softly() -> None:
    arch = model(
        res("aws_sqs_queue.jobs", {}),
        res("aws_sqs_queue.dlq", {}),
        res(
            "aws_lambda_function.worker",
            {
                "function_name": "worker",
                "dead_letter_config": [{"target_arn": ref("aws_sqs_queue.dlq", "arn")}],
            },
        ),
        res(
            "aws_lambda_event_source_mapping.jobs",
            {
                "function_name": ref("aws_lambda_function.worker", "arn"),
                "event_source_arn": ref("aws_sqs_queue.jobs", "arn"),
            },
        ),
    )
    kinds = {(d.source, d.target, d.kind.value) for d in arch.request_dependencies()}
    assert kinds == {
        ("aws_lambda_function.worker", "aws_sqs_queue.jobs", "hard"),
        ("aws_lambda_function.worker", "aws_sqs_queue.dlq", "soft"),
    }
