"""count and for_each: instances, keys, count.index and each.*, unknown counts."""

from __future__ import annotations

from spofcheck.parse.terraform.resources import Ref, Unknown
from tests.helpers.loader_kit import attrs, load, resource


def test_count_expands_one_instance_per_index() -> None:
    """count = var.replicas (default 3) -> keys 0, 1, 2; az = var.azs[count.index]."""
    web = resource(load("count"), "aws_instance.web")
    assert [i.key for i in web.instances] == [0, 1, 2]
    zones = [i.attributes["availability_zone"] for i in web.instances]
    assert zones == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert [i.attributes["tags"] for i in web.instances] == [
        {"Name": "web-0"},
        {"Name": "web-1"},
        {"Name": "web-2"},
    ]
    assert not web.count_unknown
    assert "count" not in web.attributes  # meta-arguments are not attributes


def test_count_zero_keeps_the_resource_without_instances() -> None:
    none = resource(load("count"), "aws_instance.none")
    assert none.instances == ()
    assert not none.count_unknown


def test_unknown_count_gives_one_representative_instance() -> None:
    """var.unknown_count has no value: count unknown, count.index unknown, so the AZ is too."""
    maybe = resource(load("count"), "aws_instance.maybe")
    assert maybe.count_unknown
    assert len(maybe.instances) == 1
    zone = maybe.attributes["availability_zone"]
    assert isinstance(zone, Unknown)
    subnet = maybe.attributes["subnet_id"]
    assert isinstance(subnet, Ref)
    assert (subnet.address, subnet.key, subnet.attribute) == ("aws_subnet.main", "eu-west-1a", "id")
    assert maybe.references == {"aws_subnet.main"}


def test_for_each_over_a_set_keys_instances_by_element() -> None:
    subnet = resource(load("count"), "aws_subnet.main")
    assert [i.key for i in subnet.instances] == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert [i.attributes["availability_zone"] for i in subnet.instances] == [
        "eu-west-1a",
        "eu-west-1b",
        "eu-west-1c",
    ]


def test_references_to_counted_resources_pick_the_instance() -> None:
    """length(aws_instance.web) = 3; .id is computed (a Ref); .availability_zone is configured."""
    result = load("count")
    attachment = resource(result, "aws_lb_target_group_attachment.web")
    assert [i.key for i in attachment.instances] == [0, 1, 2]
    second = attrs(result, "aws_lb_target_group_attachment.web", 1)
    target = second["target_id"]
    assert isinstance(target, Ref)
    assert (target.address, target.key, target.attribute) == ("aws_instance.web", 1, "id")
    assert second["availability_az"] == "eu-west-1b"
    assert attachment.references == {"aws_instance.web"}


def test_locations_and_ignores() -> None:
    """The web block spans lines 13-21; the comment on line 12 sits right above it."""
    result = load("count")
    web = resource(result, "aws_instance.web")
    assert (web.location.file, web.location.line, web.location.end_line) == (
        "count/main.tf",
        13,
        21,
    )
    assert web.ignores == {"HA001": "the web tier is stateless and rebuilt in minutes"}
    assert resource(result, "aws_instance.none").ignores == {}
    assert result.errors == []
    assert result.files == ["count/main.tf"]
