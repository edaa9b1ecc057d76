"""Loading stacks in worker processes gives exactly the serial models, in the same order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spofcheck.parse import parallel, pool
from spofcheck.parse.discover import StackInput, discover
from spofcheck.parse.load import load_stack
from spofcheck.parse.parallel import PARALLEL_MIN_STACKS, load_all


@pytest.fixture(scope="module", autouse=True)
def _grammar_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One cache dir for the module, the grammar compiled before any fork: workers inherit
    it instead of each compiling it (seconds apiece). Tests load with use_cache=False."""
    from spofcheck.parse.terraform.grammar import parser

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("grammar")))
        parser()
        yield


@pytest.fixture(scope="module")
def stacks(fixtures_dir: Path) -> list[StackInput]:
    """Every architecture fixture: Terraform (local modules, plan), YAML, overlays."""
    found = discover([fixtures_dir / "architectures"], fixtures_dir)
    assert len(found.stacks) >= PARALLEL_MIN_STACKS
    return found.stacks


@pytest.fixture(scope="module")
def fixtures_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def serial(stacks: list[StackInput], fixtures_dir: Path) -> list[str]:
    return _dumps([load_stack(s, root=fixtures_dir, use_cache=False) for s in stacks])


class _NoPool:
    """Stands in for ProcessPoolExecutor where no pool may be started."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("a process pool was started")


class _RefusedPool:
    """A platform that cannot start processes (e.g. a sandbox without fork or sem_open)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise OSError(38, "Function not implemented")


def _dumps(archs: list[Any]) -> list[str]:
    return [a.model_dump_json() for a in archs]


def test_pool_results_equal_serial_results_in_order(
    stacks: list[StackInput], fixtures_dir: Path, serial: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_cores", lambda: 2)  # a pool even on a one-core runner
    assert _dumps(load_all(stacks, root=fixtures_dir, use_cache=False)) == serial


def test_few_stacks_are_loaded_without_a_pool(
    stacks: list[StackInput], fixtures_dir: Path, serial: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_cores", lambda: 8)
    monkeypatch.setattr(pool, "ProcessPoolExecutor", _NoPool)
    few = stacks[: PARALLEL_MIN_STACKS - 1]
    assert _dumps(load_all(few, root=fixtures_dir, use_cache=False)) == serial[: len(few)]


def test_one_core_means_no_pool(
    stacks: list[StackInput], fixtures_dir: Path, serial: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_cores", lambda: 1)
    monkeypatch.setattr(pool, "ProcessPoolExecutor", _NoPool)
    assert _dumps(load_all(stacks, root=fixtures_dir, use_cache=False)) == serial


def test_a_platform_without_processes_falls_back_to_serial(
    stacks: list[StackInput], fixtures_dir: Path, serial: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    monkeypatch.setattr(pool, "ProcessPoolExecutor", _RefusedPool)
    assert _dumps(load_all(stacks, root=fixtures_dir, use_cache=False)) == serial
