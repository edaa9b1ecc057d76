"""End to end: each Terraform fixture stack, loaded and assembled, is the model its
`expected-model.json` states (hand-derived; the `why` fields give the reasoning)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spofcheck.model import Architecture, Component, Kind
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.module import load_module

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "architectures"
STACKS = sorted(p.parent.name for p in FIXTURES.glob("*/expected-model.json"))
PLUMBING = {Kind.CONFIG, Kind.NETWORK}
_FIELDS = ("kind", "scope", "replicas", "zones", "region", "availability", "unresolved")
_FLAGS = ("sticky_sessions", "backups", "quorum", "min_healthy")


def _load(stack: str) -> Architecture:
    folder = FIXTURES / stack
    plan = folder / "plan.json"
    if plan.exists():
        from spofcheck.parse.terraform.plan import load_plan

        result = load_plan(plan, display_root=FIXTURES)
    else:
        result = load_module(folder, display_root=FIXTURES)
    return assemble(result, name=stack)


def _expected(stack: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / stack / "expected-model.json").read_text())
    return data


@pytest.fixture(scope="module", params=STACKS)
def case(request: pytest.FixtureRequest) -> tuple[Architecture, dict[str, Any]]:
    return _load(request.param), _expected(request.param)


def test_stacks_are_found() -> None:
    assert {"aws-three-tier-good", "aws-three-tier-bad"} <= set(STACKS)


def test_loads_without_errors(case: tuple[Architecture, dict[str, Any]]) -> None:
    arch, _ = case
    assert [e.one_line() for e in arch.errors] == []


def test_exactly_the_expected_components_carry_requests_or_state(
    case: tuple[Architecture, dict[str, Any]],
) -> None:
    arch, expected = case
    serving = {cid for cid, c in arch.components.items() if c.kind not in PLUMBING}
    assert serving == set(expected["components"])


def test_components_match(case: tuple[Architecture, dict[str, Any]]) -> None:
    arch, expected = case
    for cid, want in expected["components"].items():
        got = arch.components[cid]
        assert _view(got, want) == {k: v for k, v in want.items() if k != "why"}, cid


def _view(component: Component, want: dict[str, Any]) -> dict[str, Any]:
    """The component's fields named in `want`, in the JSON shapes the file uses."""
    dumped = component.model_dump(mode="json")
    view: dict[str, Any] = {}
    for key in want:
        if key in (*_FIELDS, *_FLAGS):
            view[key] = dumped[key]
        elif key == "health_check":
            view[key] = component.health_check.enabled
        elif key == "standby":
            standby = dumped["standby"]
            fields = ("mode", "failover", "replicas", "zones")
            view[key] = None if standby is None else {f: standby[f] for f in fields}
    return view


def test_request_edges_match(case: tuple[Architecture, dict[str, Any]]) -> None:
    arch, expected = case
    got = {
        (d.source, d.target or tuple(d.any_of), d.kind.value) for d in arch.request_dependencies()
    }
    want = {
        (e["source"], e.get("target") or tuple(e["any_of"]), e.get("kind", "hard"))
        for e in expected["requests"]
    }
    assert sorted(got, key=str) == sorted(want, key=str)


def test_entrypoints_match(case: tuple[Architecture, dict[str, Any]]) -> None:
    arch, expected = case
    assert arch.entrypoints == expected["entrypoints"]


def test_zones_match(case: tuple[Architecture, dict[str, Any]]) -> None:
    arch, expected = case
    assert {z: v.region for z, v in arch.zones.items()} == expected["zones"]


_DUMP = """
import sys
from pathlib import Path
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.module import load_module
folder = Path(sys.argv[1])
print(assemble(load_module(folder, display_root=folder.parent)).model_dump_json())
"""


@pytest.mark.slow
def test_model_does_not_depend_on_the_hash_seed() -> None:
    """Sets and dicts inside the adapters must never leak their order into the model."""
    folder = FIXTURES / "aws-three-tier-good"
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DUMP, str(folder)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
