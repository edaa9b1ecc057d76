"""Plan JSON (terraform show -json) into the same Resource records (fixtures/loader/plan)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.parse.terraform.plan import load_plan, module_address
from spofcheck.parse.terraform.resources import LoadResult, Ref, Unknown
from tests.helpers.loader_kit import LOADER


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load_plan(LOADER / "plan" / "plan.json", display_root=LOADER)


def test_instances_grouped_by_address_without_index(result: LoadResult) -> None:
    subnets = result.by_address()["aws_subnet.a"]
    assert [i.key for i in subnets.instances] == [0, 1]
    assert [i.attributes["availability_zone"] for i in subnets.instances] == [
        "eu-west-1a",
        "eu-west-1b",
    ]
    assert "id" not in subnets.attributes  # computed and not configured: left out


def test_unknown_after_apply_becomes_ref_when_the_reference_names_an_attribute(
    result: LoadResult,
) -> None:
    """records = [aws_lb.main.dns_name]: references name the attribute -> a Ref."""
    records = result.by_address()["aws_route53_record.www"].attributes["records"]
    assert isinstance(records, Ref)
    assert (records.address, records.key, records.attribute) == ("aws_lb.main", None, "dns_name")


def test_unknown_without_an_attribute_reference_stays_unknown(result: LoadResult) -> None:
    """subnet_id = aws_subnet.a[count.index].id: references are ["aws_subnet.a", "count.index"]."""
    web = result.by_address()["aws_instance.web"]
    subnet = web.attributes["subnet_id"]
    assert isinstance(subnet, Unknown)
    assert not isinstance(subnet, Ref)
    assert subnet.refs == {"aws_subnet.a"}
    (device,) = web.attributes["root_block_device"]
    assert device["volume_size"] == 20
    assert isinstance(device["volume_id"], Unknown)


def test_references_follow_module_variables(result: LoadResult) -> None:
    """db_subnet_group_name = var.subnet_ids; the caller passes aws_subnet.a."""
    db = result.by_address()["module.db.aws_db_instance.this"]
    assert db.module_path == ("db",)
    assert db.references == {"aws_subnet.a"}
    assert result.by_address()["aws_route53_record.www"].references == {"aws_lb.main"}


def test_configured_resource_without_instances_and_providers(result: LoadResult) -> None:
    spare = result.by_address()["aws_instance.spare"]
    assert spare.instances == ()
    assert spare.provider_config == "aws.dr"
    assert result.providers == {
        "aws": {"region": "eu-west-1"},
        "aws.dr": {"region": "eu-central-1"},
    }


def test_locations_point_to_the_plan_file(result: LoadResult) -> None:
    lb = result.by_address()["aws_lb.main"]
    assert (lb.location.file, lb.location.line) == ("plan/plan.json", 1)
    assert result.files == ["plan/plan.json"]
    assert result.errors == []


def test_invalid_json_is_one_error_at_its_line() -> None:
    result = load_plan(LOADER / "plan" / "broken.json", display_root=LOADER)
    assert [(e.file, e.line) for e in result.errors] == [("plan/broken.json", 6)]
    assert result.resources == []


def test_missing_plan_file_is_an_error(tmp_path: Path) -> None:
    result = load_plan(tmp_path / "nope.json", display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("nope.json", None)]


def test_module_addresses_with_keys() -> None:
    assert module_address('module.a[0].module.b["x"]') == (("a", "b"), "0/x")
    assert module_address("") == ((), None)
