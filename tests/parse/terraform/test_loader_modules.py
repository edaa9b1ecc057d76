"""Modules: local sources, nesting, count/for_each on calls, modules.json, opaque, errors."""

from __future__ import annotations

import pytest

from spofcheck.parse.terraform.resources import LoadResult, Ref, Unknown
from tests.helpers.loader_kit import load, resource


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("modules")


def test_count_on_a_module_multiplies_its_instances(result: LoadResult) -> None:
    """module.app has count = 2 and aws_instance.this inside has count = 2: 4 instances,
    keyed module key / resource key; var.subnet_ids[count.index] picks the subnet."""
    app = resource(result, "module.app.aws_instance.this")
    assert app.module_path == ("app",)
    assert [i.key for i in app.instances] == ["0/0", "0/1", "1/0", "1/1"]
    assert [i.attributes["tags"]["Name"] for i in app.instances] == ["app-0"] * 2 + ["app-1"] * 2
    subnets = [i.attributes["subnet_id"] for i in app.instances]
    assert all(isinstance(s, Ref) and s.address == "aws_subnet.a" for s in subnets)
    assert [s.key for s in subnets] == [0, 1, 0, 1]
    assert (app.location.file, app.location.line) == ("modules/modules/app/main.tf", 4)


def test_edges_cross_module_boundaries(result: LoadResult) -> None:
    """var.subnet_ids inside module.app is aws_subnet.a[*].id in the caller."""
    assert resource(result, "module.app.aws_instance.this").references == {"aws_subnet.a"}
    record = resource(result, "aws_route53_record.db")
    assert record.references == {
        "module.db.aws_db_instance.this",
        "module.remote",
        "module.vpc.aws_vpc.this",
    }


def test_nested_module_and_provider_mapping(result: LoadResult) -> None:
    """module.app gets providers = { aws = aws.dr }; module.net inside it inherits that."""
    eip = resource(result, "module.app.module.net.aws_eip.this")
    assert [i.key for i in eip.instances] == [0, 1]
    assert [i.attributes["tags"]["Zone"] for i in eip.instances] == ["z-app-0", "z-app-1"]
    assert eip.provider_config == "aws.dr"
    assert resource(result, "module.app.aws_instance.this").provider_config == "aws.dr"
    assert resource(result, "module.db.aws_db_instance.this").provider_config is None


def test_for_each_module_and_outputs_seen_by_the_caller(result: LoadResult) -> None:
    db = resource(result, "module.db.aws_db_instance.this")
    assert [i.key for i in db.instances] == ["blue", "green"]
    assert [i.attributes["identifier"] for i in db.instances] == ["blue", "green"]
    (endpoint,) = resource(result, "aws_route53_record.db").attributes["records"]
    assert isinstance(endpoint, Ref)
    assert (endpoint.address, endpoint.key, endpoint.attribute) == (
        "module.db.aws_db_instance.this",
        "blue",
        "endpoint",
    )


def test_unknown_module_count_marks_everything_inside(result: LoadResult) -> None:
    maybe = resource(result, "module.maybe.aws_db_instance.this")
    assert maybe.count_unknown
    assert len(maybe.instances) == 1


def test_installed_remote_module_is_read_from_modules_json(result: LoadResult) -> None:
    vpc = resource(result, "module.vpc.aws_vpc.this")
    assert vpc.attributes["cidr_block"] == "10.0.0.0/16"
    assert vpc.location.file == "modules/.terraform/modules/vpc/main.tf"
    ref = resource(result, "aws_route53_record.db").attributes["vpc"]
    assert isinstance(ref, Ref)
    assert (ref.address, ref.attribute) == ("module.vpc.aws_vpc.this", "id")


def test_remote_module_without_download_is_opaque_and_listed_once(result: LoadResult) -> None:
    """Listed once in `opaque_modules` (the report's coverage names it with the fix), and
    no longer repeated as a note."""
    (opaque,) = result.opaque_modules
    assert (opaque.address, opaque.source) == (
        "module.remote",
        "git::https://example.com/modules/dns.git",
    )
    assert (opaque.location.line, opaque.location.end_line) == (46, 48)
    assert "terraform init" in opaque.reason
    assert not any("module.remote" in note for note in result.notes)
    zone = resource(result, "aws_route53_record.db").attributes["zone_id"]
    assert isinstance(zone, Unknown)
    assert zone.refs == {"module.remote"}


def test_missing_local_source_is_an_error_at_the_module_block(result: LoadResult) -> None:
    assert [(e.file, e.line) for e in result.errors] == [("modules/main.tf", 50)]
    assert "./modules/nope" in result.errors[0].message


def test_providers_of_the_root(result: LoadResult) -> None:
    assert result.providers == {
        "aws": {"region": "eu-west-1"},
        "aws.dr": {"alias": "dr", "region": "eu-central-1"},
    }


def test_a_module_calling_itself_is_refused_not_followed() -> None:
    result = load("module_loop")
    assert [(e.file, e.line) for e in result.errors] == [("module_loop/sub/main.tf", 5)]
    assert "module loop" in result.errors[0].message
    addresses = sorted(r.address for r in result.resources)
    assert addresses == ["aws_s3_bucket.kept", "module.again.aws_sqs_queue.q"]
