"""The ids a component had before instances split and copies or variants folded."""

from __future__ import annotations

import pytest

from spofcheck.engine.former import former_ids, resource_address
from spofcheck.model import Component
from spofcheck.model.architecture import Standby


@pytest.mark.parametrize(
    ("component_id", "address"),
    [
        ('aws_lb_target_group.this["web"]', "aws_lb_target_group.this"),
        ("aws_instance.web[1]", "aws_instance.web"),
        (r'aws_sqs_queue.q["say \"hi\" ]"]', "aws_sqs_queue.q"),
        ('module.net["a"].aws_subnet.one[0]', 'module.net["a"].aws_subnet.one'),
    ],
)
def test_an_instance_address_gives_its_resource_address(component_id: str, address: str) -> None:
    assert resource_address(component_id) == address


@pytest.mark.parametrize(
    "component_id",
    [
        "aws_instance.web",  # a resource address, not an instance's
        'module.net["a"].aws_subnet.one',  # only a module key
        "web[1]",  # a YAML component's own name
        'aws_instance.web["a"]["b"]',  # not an address Terraform writes
    ],
)
def test_anything_else_has_none(component_id: str) -> None:
    assert resource_address(component_id) is None


def test_folded_variants_and_copies_are_former_ids() -> None:
    host = Component(
        id="aws_db_instance.main",
        kind="database",
        tags=["variant:aws_db_instance.main_ha", "part-of:x"],
        standby=Standby(members=["aws_db_instance.replica"]),
    )
    assert former_ids(host.id, host) == ["aws_db_instance.main_ha", "aws_db_instance.replica"]
    assert former_ids('aws_db_instance.main["a"]', None) == ["aws_db_instance.main"]
    assert former_ids("aws_db_instance.plain", None) == []
