"""Terraform JSON syntax, OpenTofu files and override files."""

from __future__ import annotations

import pytest

from spofcheck.parse.terraform.resources import LoadResult
from tests.helpers.loader_kit import load, resource


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("tfjson")


def test_json_strings_are_templates(result: LoadResult) -> None:
    web = resource(result, "aws_instance.web")
    assert [i.attributes["availability_zone"] for i in web.instances] == [
        "eu-west-1a",
        "eu-west-1b",
    ]
    assert web.attributes["tags"] == {"Name": "web-eu-west-1a", "Raw": "${not.a.template}"}
    logs = resource(result, "aws_s3_bucket.logs")
    assert logs.attributes["tags"] == {"Literal": "${kept}"}  # $${ escapes a template


def test_json_meta_arguments_and_blocks(result: LoadResult) -> None:
    web = resource(result, "aws_instance.web")
    assert web.references == {"aws_s3_bucket.logs"}  # depends_on strings are references
    assert web.provider_config == "aws.west"
    assert web.attributes["ebs_block_device"] == [
        {"device_name": "eu-west-1a"},
        {"device_name": "eu-west-1b"},
    ]
    assert web.attributes["lifecycle"] == [{"create_before_destroy": True}]
    assert (web.location.file, web.location.line, web.location.end_line) == (
        "tfjson/main.tf.json",
        12,
        25,
    )


def test_json_providers_given_as_a_list(result: LoadResult) -> None:
    assert result.providers == {
        "aws": {"region": "eu-west-1"},
        "aws.west": {"alias": "west", "region": "us-west-2"},
    }


def test_tofu_file_replaces_the_tf_file_of_the_same_name(result: LoadResult) -> None:
    addresses = {r.address for r in result.resources}
    assert "aws_sqs_queue.from_tofu" in addresses
    assert "aws_sqs_queue.from_tf" not in addresses
    assert "tfjson/queue.tf" not in result.files


def test_override_files_are_skipped_with_a_note(result: LoadResult) -> None:
    assert result.notes == ["tfjson/main_override.tf: override files are not applied (skipped)"]
    web = resource(result, "aws_instance.web")
    assert "instance_type" not in web.attributes


def test_invalid_json_is_an_error_at_its_line(result: LoadResult) -> None:
    assert [(e.file, e.line) for e in result.errors] == [("tfjson/bad.tf.json", 4)]
