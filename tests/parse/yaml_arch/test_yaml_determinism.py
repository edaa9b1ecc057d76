"""The same files give byte-identical models whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.yaml_kit import REPO

pytestmark = pytest.mark.slow

_DUMP = """
from pathlib import Path
from spofcheck.parse.yaml_arch import load_yaml_architecture
root = Path("fixtures")
files = sorted(root.glob("architectures/*/architecture.yaml")) + sorted(
    root.glob("invalid/yaml/*.yaml")
)
for path in files:
    print(load_yaml_architecture(path, display_root=root).model_dump_json())
"""


def _dump(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_models_do_not_depend_on_the_hash_seed() -> None:
    first = _dump("1")
    assert first.count("\n") > 30
    assert _dump("4242") == first
