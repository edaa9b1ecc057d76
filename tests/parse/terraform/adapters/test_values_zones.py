"""Small helpers: JSON-safe attributes, scalar readers, zone and region names, spreading."""

from __future__ import annotations

import pytest

from spofcheck.parse.terraform.adapters.base import Placement
from spofcheck.parse.terraform.adapters.values import MISSING, as_bool, as_int, dig, json_safe
from spofcheck.parse.terraform.adapters.zones import (
    azure_location,
    azure_zone,
    combine,
    region_of_zone,
    spread,
)
from tests.helpers.adapter_kit import ref, unknown


def test_json_safe_turns_unknowns_into_their_source_text() -> None:
    value = {
        "count": 3,
        "subnets": [ref("aws_subnet.a", "id", 0), unknown("var.extra")],
        "nested": [{"x": unknown("${local.y}")}],
        "ratio": float("inf"),
        "tags": {"a", "b"},
    }
    assert json_safe(value) == {
        "count": 3,
        "subnets": ["${aws_subnet.a[0].id}", "${var.extra}"],
        "nested": [{"x": "${local.y}"}],
        "ratio": "inf",
        "tags": ["a", "b"],
    }


def test_scalars_convert_only_what_terraform_would() -> None:
    assert (as_int("3"), as_int(2.0), as_int(2.5), as_int(True)) == (3, 2, None, None)
    assert (as_bool("true"), as_bool("FALSE"), as_bool(1), as_bool(unknown("x"))) == (
        True,
        False,
        None,
        None,
    )


def test_dig_steps_through_single_blocks() -> None:
    attrs = {"settings": [{"backup_configuration": [{"enabled": True}]}]}
    assert dig(attrs, "settings", "backup_configuration", "enabled") is True
    assert dig(attrs, "settings", "location_preference", "zone") is MISSING


@pytest.mark.parametrize(
    ("zone", "region"),
    [
        ("us-east-1a", "us-east-1"),
        ("ap-southeast-2c", "ap-southeast-2"),
        ("us-gov-west-1b", "us-gov-west-1"),
        ("us-central1-f", "us-central1"),
        ("europe-west4-a", "europe-west4"),
        ("westeurope-2", "westeurope"),
        ("use1-az1", None),  # an AWS zone ID says nothing readable about its region name
    ],
)
def test_region_of_zone(zone: str, region: str | None) -> None:
    assert region_of_zone(zone) == region


def test_azure_names() -> None:
    assert azure_location("West Europe") == "westeurope"
    assert azure_zone("westeurope", "3") == "westeurope-3"
    assert azure_zone(None, "3") is None
    assert azure_zone("westeurope", unknown("var.zone")) is None


def test_spread_balances_over_distinct_zones_in_order() -> None:
    """5 replicas over a, b, a(dup), c → distinct a, b, c → a b c a b."""
    assert spread(["a", "b", "a", "c"], 5) == Placement(5, ("a", "b", "c", "a", "b"))
    assert spread(None, 2) == Placement(2, None)
    assert spread(["a"], None) == Placement(None, None)


def test_combine_adds_replicas_and_loses_zones_if_any_part_does() -> None:
    assert combine([Placement(2, ("a", "b")), Placement(1, ("c",))]) == Placement(
        3, ("a", "b", "c")
    )
    assert combine([Placement(2, ("a", "b")), Placement(1, None)]) == Placement(3, None)
    assert combine([Placement(None, None), Placement(1, ("c",))]).replicas is None


def test_dig_through_an_unknown_block_is_unknown_not_missing() -> None:
    """A dynamic block the loader could not expand: its settings are unknown, not defaults."""
    attrs = {"point_in_time_recovery": unknown("dynamic.pitr")}
    assert dig(attrs, "point_in_time_recovery", "enabled") == unknown("dynamic.pitr")
