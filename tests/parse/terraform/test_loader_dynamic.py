"""dynamic blocks: expansion into lists, iterators, nesting, unknown for_each."""

from __future__ import annotations

from spofcheck.parse.terraform.resources import Unknown
from tests.helpers.loader_kit import load, resource


def test_dynamic_over_a_map_uses_key_and_value() -> None:
    lb = resource(load("dynamic"), "aws_lb.main")
    assert lb.attributes["listener"] == [
        {"name": "http", "port": 80, "protocol": "HTTP"},
        {"name": "https", "port": 443, "protocol": "HTTPS"},
    ]


def test_custom_iterator_and_nested_dynamic() -> None:
    lb = resource(load("dynamic"), "aws_lb.main")
    assert lb.attributes["ebs"] == [
        {"size": 10, "index": 0, "tag": [{"label": "a-10"}, {"label": "b-10"}]},
        {"size": 20, "index": 1, "tag": [{"label": "a-20"}, {"label": "b-20"}]},
    ]


def test_static_nested_block_and_unknown_dynamic() -> None:
    lb = resource(load("dynamic"), "aws_lb.main")
    assert lb.attributes["health_check"] == [{"path": "/health"}]
    assert isinstance(lb.attributes["rule"], Unknown)
