"""Integration tests start spofcheck in new processes: give each a pre-built grammar.

Building python-hcl2's parser costs seconds of CPU; every test has its own cache dir
(tests/conftest.py), so each subprocess would build it again. A warm-up scan fills one
cache dir per session, and its files are copied into each test's fresh cache dir: the
parse cache stays per-test, only the warm-up's own entries come along.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("warm-cache")
    stack = tmp_path_factory.mktemp("warm-stack")
    (stack / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n', "utf-8")
    subprocess.run(
        [sys.executable, "-m", "spofcheck", "scan", str(stack)],
        env={**os.environ, "SPOFCHECK_CACHE_DIR": str(cache)},
        capture_output=True,
        timeout=300,
        check=False,
    )
    return cache


@pytest.fixture(autouse=True)
def _warm_grammar(_isolated_cache: None, warm_cache: Path) -> None:
    shutil.copytree(warm_cache, Path(os.environ["SPOFCHECK_CACHE_DIR"]), dirs_exist_ok=True)
