"""The progress line: drawn on a terminal after a delay, never otherwise."""

from __future__ import annotations

import io
from pathlib import Path

from spofcheck.api.simple import scan
from spofcheck.cli.progress import TerminalProgress, for_terminal

REPO = Path(__file__).resolve().parents[2]


def test_the_pipeline_reports_every_stack_to_the_progress_line() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, delay=0.0)
    calls: list[tuple[str, int, int, str]] = []

    def record(stage: str, done: int, total: int, current: str) -> None:
        calls.append((stage, done, total, current))
        progress(stage, done, total, current)

    scan(["fixtures/architectures/seed-q3-spof", "fixtures/architectures/seed-q4-multi-region"],
         root=REPO, progress=record, use_cache=False)  # fmt: skip
    progress.close()
    stages = [c[0] for c in calls]
    assert stages == ["discovered", "parsed", "analyzing", "analyzing", "analyzed"]
    assert calls[3][3] == "fixtures/architectures/seed-q4-multi-region/architecture.yaml"
    assert "spofcheck: stacks" in stream.getvalue()


def test_nothing_is_drawn_before_the_delay_or_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, delay=60.0)
    progress("analyzing", 0, 3, "a")
    progress.close()
    assert stream.getvalue() == ""
    assert for_terminal(quiet=True) is None
    assert for_terminal() is None  # pytest's stderr is not a terminal
