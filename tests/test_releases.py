"""Versions agree, and every version the docs tell users to pin exists (docs/releases.md)."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import spofcheck

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = "<commit-sha>"
_REFS = [
    re.compile(r"spofcheck/spofcheck@([^\s\"'`)]+)"),  # uses: and git+https://...@
    re.compile(r"^\s*rev:\s*([^\s#]+)", re.MULTILINE),  # pre-commit
]
_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\S+)", re.MULTILINE)
_SCHEMA = re.compile(r"yaml-language-server: \$schema=(\S+)")


def _docs() -> list[Path]:
    return [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").rglob("*.md"))]


def _tags() -> set[str]:
    done = subprocess.run(
        ["git", "-C", str(REPO), "tag", "--list"], capture_output=True, text=True, check=False
    )
    return set(done.stdout.split())


def test_every_pinned_ref_in_the_docs_is_a_tag_or_the_explained_placeholder() -> None:
    tags = _tags()
    for doc in _docs():
        text = doc.read_text("utf-8")
        refs = {ref for pattern in _REFS for ref in pattern.findall(text)}
        assert refs <= tags | {PLACEHOLDER}, doc
        if PLACEHOLDER in refs and doc.name != "releases.md":
            assert "releases.md" in text, f"{doc} uses {PLACEHOLDER} without linking its meaning"


def test_versions_agree_with_the_newest_changelog_entry() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    newest = _HEADING.search((REPO / "CHANGELOG.md").read_text("utf-8"))
    assert newest is not None
    assert project["version"] == spofcheck.__version__ == newest["version"]


def test_a_released_version_has_its_tag() -> None:
    """A dated heading claims a release; `unreleased` claims none."""
    tags = _tags()
    for heading in _HEADING.finditer((REPO / "CHANGELOG.md").read_text("utf-8")):
        if heading["date"] != "unreleased":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", heading["date"])
            assert f"v{heading['version']}" in tags


def test_schema_urls_point_at_raw_json_that_exists() -> None:
    """An editor fetches the URL as JSON: a github.com/blob page is HTML."""
    prefix = "https://raw.githubusercontent.com/spofcheck/spofcheck/main/"
    files = [*_docs(), *sorted((REPO / "fixtures").rglob("*.y*ml"))]
    found = [
        url for path in files for url in _SCHEMA.findall(path.read_text("utf-8", errors="replace"))
    ]
    assert found
    for url in found:
        assert url.startswith(prefix), url
        assert (REPO / url.removeprefix(prefix)).is_file(), url
