"""Packaging facts that need no build: declared dependencies and discoverable packages."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "spofcheck"


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"spofcheck", "__future__"}


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = (re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"])
    return {_normal(name) for name in names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """A module the package imports must come from a distribution pyproject names itself,
    not one that happens to arrive with another dependency (lark came with python-hcl2)."""
    owners = packages_distributions()
    undeclared = {
        name: owners.get(name)
        for name in _imported_top_levels()
        if not {_normal(d) for d in owners.get(name, [])} & _declared()
    }
    assert undeclared == {}


def test_every_folder_with_python_code_is_a_discoverable_package() -> None:
    """Package discovery finds folders with an __init__.py; one without would be left out."""
    folders = {p.parent for p in PACKAGE.rglob("*.py")}
    assert sorted(f for f in folders if not (f / "__init__.py").is_file()) == []


def test_the_precommit_mypy_hook_installs_every_dependency() -> None:
    """mypy in pre-commit's own venv sees the types the project's venv sees."""
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    (mypy,) = [h for h in hooks if h["id"] == "mypy"]
    names = (re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0] for d in mypy["additional_dependencies"])
    assert _declared() <= {_normal(name) for name in names}
