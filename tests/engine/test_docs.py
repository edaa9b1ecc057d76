"""docs/rules/ is generated from the catalogue; a stale page fails the suite.

Refresh with `python -m spofcheck.engine.docs` or `SPOFCHECK_REGENERATE=1 pytest`.
"""

from __future__ import annotations

import os
from pathlib import Path

from spofcheck.engine.docs import default_out, main, render_pages, stale, write
from tests.helpers.rule_cases import CATALOGUE

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_docs_are_up_to_date() -> None:
    pages = render_pages(CATALOGUE)
    if os.environ.get("SPOFCHECK_REGENERATE") == "1":
        write(DOCS, pages)
    assert default_out() == DOCS
    assert stale(DOCS, pages) == [], "run: python -m spofcheck.engine.docs"


def test_every_rule_page_has_the_sections_in_order() -> None:
    sections = [
        "## What it does",
        "## Why it matters (anti-pattern)",
        "## What to do instead (best practice)",
        "## Example",
        "## Options",
        "## Suppressing",
        "## References",
    ]
    for rule_id, text in render_pages(CATALOGUE).items():
        if rule_id == "README.md":
            continue
        positions = [text.index(s) for s in sections]
        assert positions == sorted(positions), rule_id


def test_index_links_every_rule() -> None:
    index = render_pages(CATALOGUE)["README.md"]
    for rule_id in CATALOGUE:
        assert f"[{rule_id}]({rule_id}.md)" in index


def test_check_mode_reports_a_stale_and_an_orphan_page(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "HA001.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "HA999.md").write_text("a rule that no longer exists\n", encoding="utf-8")
    assert stale(tmp_path, render_pages(CATALOGUE)) == ["HA001.md", "HA999.md"]
    assert main(["--out", str(tmp_path), "--check"]) == 1
    assert main(["--out", str(tmp_path)]) == 0
    assert not (tmp_path / "HA999.md").exists()


def test_explain_shows_the_same_options_and_examples_as_the_page() -> None:
    from click.testing import CliRunner

    from spofcheck.cli import main as cli

    out = CliRunner().invoke(cli, ["explain", "HA016"]).output
    assert "max_detection_seconds (default 300)" in out
    assert "Example (YAML): fires on" in out
    assert "Example (Terraform): fires on" in out
    assert "interval            = 300" in out
