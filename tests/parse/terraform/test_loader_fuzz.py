"""Fuzzing: generated and mutated HCL never makes the loader raise; problems are returned."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spofcheck.model import ParseError
from spofcheck.parse.terraform.functions import REGISTRY
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.plan import load_plan
from spofcheck.parse.terraform.resources import LoadResult
from tests.helpers.loader_kit import LOADER

SEEDS = sorted(p.read_text() for p in LOADER.glob("*/*.tf") if p.parent.name != "errors")
TOKENS = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    '"',
    "${",
    "%{",
    "}",
    "<<EOF\n",
    "EOF\n",
    "\n",
    "=",
    "count.index",
    "each.value",
    "var.",
    "local.",
    "module.",
    "...",
    "?",
    ":",
    "*",
    ".*",
    "[*]",
    "for x in",
    "=>",
    "if",
    "#",
    "/*",
    "//",
    "\\",
    "\x00",
    "\xe9",
    "-",
    "!",
]
NAMES = [
    "var.a",
    "var.m",
    "var.l",
    "var.unknown",
    "local.x",
    "count.index",
    "each.key",
    "aws_subnet.a",
    "aws_subnet.a[0].id",
    "module.m.out",
    "data.d.x.id",
    "path.module",
]
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
SETTINGS = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
)


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, length, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + length :]
    return text


mutations = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.sampled_from([*TOKENS, ""])),
    max_size=6,
)
literals = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.sampled_from(['"a"', '""', '"${var.a}-x"', "true", "null", "1.5", '"%{if true}x%{endif}"']),
    st.sampled_from(NAMES),
)


def _compose(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    functions = st.sampled_from([*sorted(REGISTRY), "try", "can", "file", "nope"])
    return st.one_of(
        st.tuples(
            children, st.sampled_from(["+", "-", "*", "/", "%", "==", "<", "&&", "||"]), children
        ).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})"),
        st.lists(children, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(children, max_size=3).map(
            lambda xs: "{" + ", ".join(f"k{i} = {x}" for i, x in enumerate(xs)) + "}"
        ),
        st.tuples(functions, st.lists(children, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(children, children).map(lambda t: f"[for x in {t[0]} : {t[1]} if x != null]"),
        st.tuples(children, children).map(lambda t: f"{t[0]}[{t[1]}]"),
        children.map(lambda x: f"{x}[*].id"),
        children.map(lambda x: f"-{x}"),
    )


expressions = st.recursive(literals, _compose, max_leaves=12)


def _module(text: str) -> str:
    return (
        'variable "a" { default = "x" }\nvariable "m" { default = { k = 1 } }\n'
        'variable "l" { default = [1, 2] }\nvariable "unknown" {}\n'
        'resource "aws_subnet" "a" { count = 2 }\n' + text
    )


def _load(text: str) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "main.tf").write_text(text, encoding="utf-8", errors="surrogatepass")
        result = load_module(Path(folder), display_root=Path(folder))
    assert all(isinstance(e, ParseError) and e.file == "main.tf" for e in result.errors)
    return result


@SETTINGS
@given(seed=st.sampled_from(SEEDS), edits=mutations)
def test_mutated_fixtures_never_raise(seed: str, edits: list[tuple[int, int, str]]) -> None:
    _load(_mutate(seed, edits))


@SETTINGS
@given(value=expressions, count=expressions, each=expressions)
def test_generated_expressions_never_raise(value: str, count: str, each: str) -> None:
    text = (
        f"locals {{\n  x = {value}\n}}\n"
        f'resource "probe" "counted" {{\n  count = {count}\n  v = {value}\n}}\n'
        f'resource "probe" "each" {{\n  for_each = {each}\n  v = each.value\n  w = {value}\n}}\n'
        f'module "m" {{\n  source = "./nowhere"\n  count = {count}\n}}\n'
    )
    result = _load(_module(text))
    if not result.errors:  # the grammar refuses a few generated forms (e.g. `--x`)
        assert {r.address for r in result.resources} >= {"probe.counted", "probe.each"}


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    _load(text)


PLAN = (LOADER / "plan" / "plan.json").read_text()
JUNK: list[Any] = [
    None,
    [],
    {},
    1,
    -1.5,
    "x",
    "aws_x.y[0].id",
    "module.db",
    "var.x",
    True,
    [None],
    {"a": None},
    [[[]]],
    {"references": ["aws_lb.main.dns_name"]},
    {"references": 5},
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, item in items:
        found.extend(_paths(item, (*prefix, key)))
    return found


PLAN_PATHS = _paths(json.loads(PLAN))[1:]


@SETTINGS
@given(changes=st.lists(st.tuples(st.sampled_from(PLAN_PATHS), st.sampled_from(JUNK)), max_size=6))
def test_plan_json_with_odd_shapes_never_raises(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    """Valid JSON, wrong shapes: any value of the plan replaced by junk of another type."""
    doc = json.loads(PLAN)
    for path, junk in changes:
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = copy.deepcopy(junk)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "plan.json").write_text(json.dumps(doc))
        result = load_plan(Path(folder, "plan.json"), display_root=Path(folder))
    assert all(e.file == "plan.json" for e in result.errors)


@SETTINGS
@given(edits=mutations)
def test_mutated_plan_json_never_raises(edits: list[tuple[int, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "plan.json")
        path.write_text(_mutate(PLAN, edits), encoding="utf-8", errors="surrogatepass")
        result = load_plan(path, display_root=Path(folder))
    assert all(e.file == "plan.json" for e in result.errors)
