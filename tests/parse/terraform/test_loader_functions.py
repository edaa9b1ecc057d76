"""Built-in functions by family, and how unknown arguments propagate through them."""

from __future__ import annotations

from typing import Any

import pytest

from spofcheck.parse.terraform.resources import LoadResult, Ref, Unknown
from tests.helpers.loader_kit import load, resource


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("functions")


def _attrs(result: LoadResult, name: str) -> dict[str, Any]:
    return dict(resource(result, f"probe.{name}").attributes)


def test_collection_functions(result: LoadResult) -> None:
    c = _attrs(result, "collections")
    assert (c["length"], c["length_map"], c["length_str"]) == (3, 1, 5)
    assert c["element"] == "b"  # index 4 wraps: 4 mod 3 = 1
    assert c["concat"] == ["a", "b", "c"]
    assert (c["lookup"], c["lookup_miss"]) == ("web", "none")
    assert c["coalesce"] == "first"  # null and "" are skipped
    assert c["coalescelist"] == ["x"]
    assert c["toset"] == ["a", "b"]
    assert (c["tolist"], c["tomap"]) == (["x"], {"a": 1})
    assert c["merge"] == {"team": "web", "env": "dev", "owner": "me"}
    assert c["flatten"] == ["a", "b", "c"]
    assert c["distinct"] == ["a", "b"]
    assert (c["keys"], c["values"]) == (["a", "b"], [2, 1])  # in key order
    assert c["contains"] == [True, False]
    assert c["slice"] == ["b", "c"]
    assert c["range"] == [[0, 1, 2], [1, 2, 3], [0, 5]]
    assert c["compact"] == ["a", "b"]
    assert c["zipmap"] == {"a": 1, "b": 2}
    assert c["sort"] == ["a", "b", "c"]
    assert c["expand"] == 9  # max([3, 9, 2]...)


def test_try_and_can(result: LoadResult) -> None:
    c = _attrs(result, "collections")
    assert (c["try_first"], c["try_ok"]) == ("fallback", "web")
    assert c["can"] == [True, False]


def test_string_number_and_encoding_functions(result: LoadResult) -> None:
    s = _attrs(result, "scalars")
    assert (s["min"], s["max"]) == (1, 3)
    assert s["join"] == "a-b-3"
    assert s["split"] == ["a", "b", "c"]
    assert s["format"] == "web-007-2.5"
    assert (s["lower"], s["upper"]) == ("abc", "ABC")
    assert (s["replace"], s["regex"]) == ("a/b/c", "web-N")
    assert s["substr"] == "bcd"
    assert s["conv"] == ["5", 2.5, True]
    assert s["math"] == [3, 2, 1]
    assert s["json"] == '{"a":"\\u003cx\\u003e","b":[1,true]}'  # keys sorted, < > escaped
    assert isinstance(s["cidr"], Unknown)  # not evaluated


def test_functions_defined_without_the_unknown_part(result: LoadResult) -> None:
    """aws_subnet.a has count = 2: its ids are two Refs, so the length is known."""
    u = _attrs(result, "unknown_args")
    assert u["length_of_refs"] == 2
    first, second, last = u["concat_refs"]
    assert isinstance(first, Ref)
    assert isinstance(second, Ref)
    assert (first.key, second.key, last) == (0, 1, "x")
    assert u["coalesce_first"] == "known"


def test_unknown_arguments_make_unknown_results(result: LoadResult) -> None:
    u = _attrs(result, "unknown_args")
    for name in ("coalesce_hole", "join_unknown", "lookup_unknown", "upper_unknown"):
        assert isinstance(u[name], Unknown), name
    assert isinstance(u["try_unknown"], Unknown)  # try() never guesses past an unknown


def test_regex_and_path_functions(result: LoadResult) -> None:
    t = _attrs(result, "text")
    assert t["regex"] == ["web", "42"]  # unnamed groups: a list
    assert t["named"] == {"region": "eu-west-1", "az": "b"}  # named groups: a map
    assert t["regexall"] == 1
    assert (t["basename"], t["dirname"]) == ("prod", "/work/infra")
    assert t["no_match"] == "none"  # no match is an error, which try() catches


def test_set_functions(result: LoadResult) -> None:
    sets = _attrs(result, "sets")
    assert sets["union"] == ["a", "b", "c"]
    assert sets["intersection"] == ["b", "c"]
    assert sets["subtract"] == ["a", "c"]
    assert sets["numbers"] == [1, True, "1"]  # 1 == 1.0, but true and "1" are not numbers


def test_hostile_arguments_stay_cheap(result: LoadResult) -> None:
    """distinct over 100,000 numbers is linear (hashed); a billion-wide format is refused."""
    sets = _attrs(result, "sets")
    assert sets["big"] == 50000
    assert sets["huge_width"] == "refused"
