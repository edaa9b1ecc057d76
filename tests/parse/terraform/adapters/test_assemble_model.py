"""assemble(): common fields, config edges, folding, regions, entry points, errors."""

from __future__ import annotations

from typing import Any

import pytest

from spofcheck.model import Kind, Location, ParseError, Relation
from spofcheck.parse.terraform import assemble as assemble_module
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.resources import LoadResult, OpaqueModule, Resource
from tests.helpers.adapter_kit import counted, model, ref, res, subnets, unknown


def test_common_fields_come_from_the_resource() -> None:
    web = res(
        "aws_instance.web",
        {
            "availability_zone": "us-east-1a",
            "user_data": unknown("var.user_data"),
            "tags": {"Name": "web"},
        },
        line=12,
        file="infra/app.tf",
        ignores={"HA001": "batch host, nobody waits on it"},
    )
    component = model(web).components["aws_instance.web"]
    assert component.source == Location(file="infra/app.tf", line=12, end_line=17)
    assert (component.provider, component.resource_type) == ("aws", "aws_instance")
    assert component.attributes == {
        "availability_zone": "us-east-1a",
        "user_data": "${var.user_data}",
        "tags": {"Name": "web"},
    }
    assert component.ignore == {"HA001": "batch host, nobody waits on it"}


def test_references_become_config_edges_from_referrer_to_referenced() -> None:
    arch = model(
        subnets("aws_subnet.a", ["us-east-1a"]),
        res("aws_instance.web", {"subnet_id": ref("aws_subnet.a", "id", 0)}),
    )
    config = [(d.source, d.target) for d in arch.dependencies if d.relation is Relation.CONFIG]
    assert config == [("aws_instance.web", "aws_subnet.a")]


def test_data_sources_are_read_but_are_not_components() -> None:
    arch = model(
        res("data.aws_ami.app", {"most_recent": True}),
        res(
            "aws_instance.web",
            {"ami": ref("data.aws_ami.app", "id"), "availability_zone": "us-east-1a"},
        ),
    )
    assert list(arch.components) == ["aws_instance.web"]
    assert arch.dependencies == []


def test_plumbing_counts_its_instances_and_has_no_zones() -> None:
    arch = model(subnets("aws_subnet.a", ["us-east-1a", "us-east-1b"]))
    subnet = arch.components["aws_subnet.a"]
    assert (subnet.kind, subnet.replicas, subnet.zones, subnet.availability) == (
        Kind.NETWORK,
        2,
        [],
        1.0,
    )
    assert set(arch.zones) == {"us-east-1a", "us-east-1b"}  # subnets still name the zones


def test_unknown_types_stay_as_plain_nodes() -> None:
    arch = model(
        res("aws_transfer_server.sftp", {"endpoint_type": "PUBLIC"}), res("aws_iam_role.r", {})
    )
    assert arch.components["aws_transfer_server.sftp"].kind is Kind.OTHER
    assert arch.components["aws_iam_role.r"].kind is Kind.CONFIG


def test_opaque_module_is_a_node_and_references_to_it_are_edges() -> None:
    bucket = unknown("module.logs.s3_bucket_id", "module.logs")
    arch = model(
        res("aws_lb.web", {"access_logs": [{"bucket": bucket}]}),
        opaque=[
            OpaqueModule(
                address="module.logs",
                source="terraform-aws-modules/s3-bucket/aws",
                location=Location(file="main.tf", line=40),
                reason="registry module not downloaded",
            )
        ],
    )
    module = arch.components["module.logs"]
    assert (module.kind, module.unresolved) == (Kind.MODULE, ["module"])
    assert module.attributes["source"] == "terraform-aws-modules/s3-bucket/aws"
    assert [(d.source, d.target) for d in arch.dependencies] == [("aws_lb.web", "module.logs")]


def test_region_from_an_aliased_provider() -> None:
    arch = model(
        res("aws_sqs_queue.east", {}),
        res("aws_sqs_queue.west", {}, provider_config="aws.west"),
        providers={"aws": {"region": "us-east-1"}, "aws.west": {"region": "us-west-2"}},
    )
    assert arch.components["aws_sqs_queue.east"].region == "us-east-1"
    assert arch.components["aws_sqs_queue.west"].region == "us-west-2"
    assert set(arch.regions) == {"us-east-1", "us-west-2"}


def test_region_from_a_module_local_provider_block() -> None:
    arch = model(
        res("module.eu.aws_sqs_queue.q", {}),
        providers={"aws": {"region": "us-east-1"}, "module.eu.aws": {"region": "eu-west-1"}},
    )
    assert arch.components["module.eu.aws_sqs_queue.q"].region == "eu-west-1"


def test_unknown_provider_region_is_read_from_the_zones_its_resources_name() -> None:
    arch = model(
        subnets("aws_subnet.a", ["us-east-2a", "us-east-2b"]),
        res("aws_sqs_queue.q", {}),
        providers={"aws": {"region": unknown("var.region")}},
    )
    assert arch.components["aws_sqs_queue.q"].region == "us-east-2"


def test_zones_in_two_regions_leave_the_region_unknown() -> None:
    arch = model(
        res("aws_instance.a", {"availability_zone": "us-east-1a"}),
        res("aws_instance.b", {"availability_zone": "eu-west-1a"}),
        res("aws_sqs_queue.q", {}),
        providers={"aws": {}},
    )
    assert arch.components["aws_instance.a"].region == "us-east-1"  # from its own zone
    assert arch.components["aws_sqs_queue.q"].region is None


def test_a_failing_adapter_is_a_located_error_and_the_resource_stays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(res: Resource, ctx: Any) -> Any:
        raise TypeError("unexpected shape")

    monkeypatch.setattr(assemble_module, "handler_for", lambda type_name: broken)
    arch = assemble(LoadResult(resources=[res("aws_instance.web", {}, line=7, file="web.tf")]))
    assert arch.errors == [
        ParseError(
            file="web.tf",
            line=7,
            key="aws_instance.web",
            message="could not read aws_instance (unexpected shape); kept as a plain node",
        )
    ]
    assert arch.components["aws_instance.web"].kind is Kind.OTHER


def test_loader_errors_notes_and_files_are_kept() -> None:
    result = LoadResult(
        resources=[res("aws_sqs_queue.q", {})],
        errors=[ParseError(file="b.tf", line=3, message="bad")],
        notes=["module.x: not read"],
        files=["b.tf", "a.tf"],
    )
    arch = assemble(result, name="stack", root="infra")
    assert (arch.name, arch.root, arch.files) == ("stack", "infra", ["a.tf", "b.tf"])
    assert arch.errors == result.errors
    assert arch.notes == ["module.x: not read"]
    assert arch.entrypoints_declared is False


def test_count_two_is_one_component_with_two_replicas() -> None:
    web = counted("aws_instance.web", [{"availability_zone": "us-east-1a"}] * 2)
    component = model(web).components["aws_instance.web"]
    assert (component.replicas, component.zones) == (2, ["us-east-1a"] * 2)


def test_count_zero_creates_nothing_and_configures_nothing() -> None:
    """A sticky policy that is not created does not make its ELB sticky."""
    arch = model(
        res("aws_elb.web", {"name": "web", "availability_zones": ["us-east-1a", "us-east-1b"]}),
        counted("aws_lb_cookie_stickiness_policy.web", [], refs=["aws_elb.web"]),
        counted("aws_instance.spare", []),
    )
    assert sorted(arch.components) == ["aws_elb.web"]
    assert arch.components["aws_elb.web"].sticky_sessions is False
