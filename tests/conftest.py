"""Shared test helpers: the repository root and its fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every run and every machine: a required check
# must not pass or fail by luck (a rare example found on one run, missed on the next).
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own cache dir, so tests never see each other's parse cache, and
    the cache key lives in a config dir of the session's, never the user's."""
    monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
