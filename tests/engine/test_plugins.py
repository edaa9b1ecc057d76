"""Plugins: checks, formatters and rules found through entry points, built-ins included."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from spofcheck.checks import BUILTIN, check_named
from spofcheck.engine import plugins
from spofcheck.engine.spec import DOCS_BASE
from spofcheck.report import FORMATTERS, formatter

ROOT = Path(__file__).resolve().parents[2]


def _entry_points(group: str) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    table: dict[str, str] = project["project"]["entry-points"][group]
    return table


def test_pyproject_registers_every_builtin_check_as_the_fallback_dict_does() -> None:
    assert _entry_points(plugins.CHECKS_GROUP) == BUILTIN


def test_pyproject_registers_every_builtin_formatter_as_the_fallback_dict_does() -> None:
    expected = {name: f"{module}:render" for name, module in FORMATTERS.items()}
    assert _entry_points(plugins.FORMATTERS_GROUP) == expected


def test_builtins_resolve_without_any_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source tree never installed: no entry points at all, the dicts still serve."""
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [])
    plugins._registry.cache_clear()
    try:
        from spofcheck.checks.spof import check as spof_check
        from spofcheck.report.text import render as text_render

        assert check_named("single_point_of_failure") is spof_check
        assert formatter("text") is text_render
        assert check_named("no_such_check") is None
    finally:
        plugins._registry.cache_clear()


def test_a_rule_without_docs_points_at_spofcheck_and_one_with_docs_at_its_own() -> None:
    from spofcheck.engine.catalogue import load_catalogue

    spec = load_catalogue()["HA001"]
    assert spec.docs_url == f"{DOCS_BASE}HA001.md"
    own = spec.model_copy(update={"docs": "https://rules.example.com/HA001"})
    assert own.docs_url == "https://rules.example.com/HA001"


# -- a real plugin, installed into a fresh virtual environment ----------------------------

RULE = """\
id: XP001
name: unlabelled-component
title: Component without a label
severity: low
check: unlabelled
docs: https://plugins.example.com/rules/XP001
summary: A component has no human-readable label.
rationale: Unnamed parts are hard to page about.
remediation: Give it a label.
examples:
  yaml:
    anti_pattern: |
      version: 1
      components:
        web: {kind: service}
    best_practice: |
      version: 1
      components:
        web: {kind: service, label: Web}
"""
CODE = '''\
"""A tiny spofcheck plugin: one check, one formatter, one rule folder."""

from spofcheck.checks.base import Violation


def unlabelled(ctx, options):
    for component in ctx.components():
        if not component.label:
            yield Violation(component.id, "has no label")


def render(report):
    lines = [f"{f.rule_id} {f.component} {f.docs}" for f in report.findings]
    return "count-format: " + str(len(lines)) + "\\n" + "\\n".join(lines) + "\\n"
'''
ENTRY_POINTS = """\
[spofcheck.checks]
unlabelled = xp_plugin:unlabelled

[spofcheck.formatters]
count = xp_plugin:render

[spofcheck.rules]
xp = xp_plugin.rules
"""


def _wheel(folder: Path) -> Path:
    """A wheel built by hand (a zip with its dist-info), so no build backend is needed."""
    files = {
        "xp_plugin/__init__.py": CODE,
        "xp_plugin/rules/__init__.py": "",
        "xp_plugin/rules/XP001.yaml": RULE,
        "xp_plugin-0.1.dist-info/METADATA": (
            "Metadata-Version: 2.1\nName: xp-plugin\nVersion: 0.1\n"
        ),
        "xp_plugin-0.1.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n",
        "xp_plugin-0.1.dist-info/entry_points.txt": ENTRY_POINTS,
    }
    record = [f"{name},sha256={_digest(text)},{len(text.encode())}" for name, text in files.items()]
    files["xp_plugin-0.1.dist-info/RECORD"] = "\n".join(
        [*record, "xp_plugin-0.1.dist-info/RECORD,,"]
    )
    path = folder / "xp_plugin-0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def _digest(text: str) -> str:
    raw = hashlib.sha256(text.encode()).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _venv_with_project(folder: Path) -> Path:
    """A fresh venv that sees this project (and its dependencies) through a .pth file."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A site dir, not a plain path: the project's own editable-install .pth runs too.
    dev = sysconfig.get_paths()["purelib"]
    Path(site, "spofcheck-dev.pth").write_text(f"import site; site.addsitedir({dev!r})\n")
    return python


@pytest.mark.slow
def test_an_installed_plugin_rule_fires_and_its_formatter_runs(tmp_path: Path) -> None:
    python = _venv_with_project(tmp_path / "venv")
    wheel = _wheel(tmp_path)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
    )
    scanned = tmp_path / "arch"
    scanned.mkdir()
    (scanned / "architecture.yaml").write_text(
        "version: 1\ncomponents:\n  web: {kind: service, label: Web}\n  db: {kind: database}\n"
    )
    env = {**os.environ, "SPOFCHECK_CACHE_DIR": str(tmp_path / "cache")}
    run = [str(python), "-m", "spofcheck", "scan", str(scanned)]
    env["PYTHONSAFEPATH"] = "1"  # the project comes from the venv, never from the cwd
    counted = subprocess.run(
        [*run, "--format", "count"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert counted.stdout.startswith("count-format: "), counted.stderr
    assert "XP001 db https://plugins.example.com/rules/XP001" in counted.stdout
    assert "XP001 web" not in counted.stdout
    as_json = subprocess.run(
        [*run, "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    found = json.loads(as_json.stdout)["findings"]
    assert [f["component"] for f in found if f["rule_id"] == "XP001"] == ["db"]
