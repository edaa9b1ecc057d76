"""Fuzzing: mutated and generated YAML never raises, only yields located one-line errors."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from spofcheck.model import Architecture
from spofcheck.parse.yaml_arch import load_yaml_architecture
from tests.helpers.yaml_kit import ARCHITECTURES, INVALID

SEEDS = [p.read_bytes() for p in sorted(ARCHITECTURES.glob("*/architecture.yaml"))] + [
    (INVALID / "several-problems.yaml").read_bytes()
]
TOKENS = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!int ",
    "!x ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "? ",
    "---\n",
    "...\n",
    "\n",
    "\t",
    "  ",
    "null",
    "-1",
    "0.5",
    "1e999",
    ".nan",
    "\x00",
    "\xff",
    "é",
    "version: 2",
    "components:",
    "depends_on: [",
    "any_of:",
    "zones: [",
    "replicas: ",
    "%YAML 1.1\n",
]
FIELDS = [
    "version",
    "components",
    "zones",
    "regions",
    "entrypoints",
    "slo",
    "kind",
    "replicas",
    "zones",
    "region",
    "min_healthy",
    "quorum",
    "health_check",
    "standby",
    "depends_on",
    "target",
    "any_of",
    "availability",
    "ignore",
    "tags",
    "scope",
    "mode",
    "failover",
]
pytestmark = pytest.mark.slow
SETTINGS = settings(
    max_examples=100,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _check(data: bytes, folder: Path) -> None:
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    arch = load_yaml_architecture(path, display_root=folder)
    assert isinstance(arch, Architecture)
    for error in arch.errors:
        assert error.file == "fuzz.yaml"
        assert "\n" not in error.one_line()
    arch.model_dump_json()  # what `spofcheck model --format json` prints


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        token = draw(st.sampled_from(TOKENS)).encode("utf-8", "surrogatepass")
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        end = min(len(text), at + draw(st.integers(1, 12)))
        if action == "insert":
            text[at:at] = token
        elif action == "replace":
            text[at:end] = token
        else:
            del text[at:end]
    return bytes(text)


def _values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 20),
        st.floats(allow_nan=True),
        st.sampled_from([*FIELDS, "db", "app", "az1", "hot", "soft", "service", "99.9"]),
        st.text(max_size=8),
    )
    keys = st.one_of(st.sampled_from([*FIELDS, "app", "db", "az1"]), st.text(max_size=6))
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=12,
    )


@st.composite
def generated(draw: st.DrawFn) -> bytes:
    doc = {"version": draw(st.sampled_from([1, 1, 1, 2, "1"])), "components": draw(_values())}
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        doc[key] = draw(_values())
    out = StringIO()
    YAML(typ="safe", pure=True).dump(doc, out)
    return out.getvalue().encode("utf-8", "surrogatepass")


@SETTINGS
@given(data=mutated())
def test_mutated_fixtures_never_raise(data: bytes, scratch: Path) -> None:
    _check(data, scratch)


@settings(SETTINGS, max_examples=60)
@given(data=generated())
def test_generated_documents_never_raise(data: bytes, scratch: Path) -> None:
    _check(data, scratch)


@settings(SETTINGS, max_examples=150)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes, scratch: Path) -> None:
    _check(data, scratch)
