"""A long dependency chain costs linear output: request paths in messages are shortened
to their first and last hops, and HA001's critical sets are built per entry point.

Before: every HA001 message spelled out its whole path, so n chained components wrote
~n²/2 path hops (8,000 components: 321 MB of JSON, 210 s, 3.1 GB).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.checks.request_paths import SHOWN_HOPS
from tests.helpers.cli_kit import scan, seed_cache


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("chain-cache")
    seed_cache(folder)
    return folder


def _chain(path: Path, n: int) -> Path:
    """entry (2 replicas) → c0 → c1 → … → c(n-1), each c with one replica."""
    lines = ["version: 1", "components:", "  entry:", "    kind: load_balancer"]
    lines += ["    replicas: 2", "    depends_on: [c0]"]
    for i in range(n):
        lines += [f"  c{i}:", "    kind: service", "    replicas: 1"]
        lines += [f"    depends_on: [c{i + 1}]"] if i + 1 < n else []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_messages_show_the_first_and_last_hops(tmp_path: Path, cache: Path) -> None:
    """The path to c10 holds 12 components (entry, c0..c10): entry, c0, c1 and c8, c9,
    c10 are shown, c2..c7 (6) are hidden."""
    _chain(tmp_path / "t" / "arch.yaml", 20)
    result = scan(tmp_path / "t", cache)
    message = next(f["message"] for f in result.report["findings"] if f["component"] == "c10")
    assert message.endswith("via entry → c0 → c1 → … (6 more) → c8 → c9 → c10")
    assert 12 - 2 * SHOWN_HOPS == 6


@pytest.mark.slow
def test_report_grows_linearly_with_the_chain(tmp_path: Path, cache: Path) -> None:
    """4x the components: 4x the findings, and at most ~4x the JSON (5x allows for the
    longer component names); quadratic output would be ~16x."""
    sizes = []
    for n in (300, 1200):
        result = scan(_chain(tmp_path / f"c{n}" / "arch.yaml", n).parent, cache)
        assert len(result.report["findings"]) == n
        assert max(len(f["message"]) for f in result.report["findings"]) < 200
        sizes.append((tmp_path / f"c{n}-report.json").stat().st_size)
    assert sizes[1] < 5 * sizes[0]
