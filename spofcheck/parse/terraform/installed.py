"""Where a module call's remote source is already on disk: `terraform init`'s modules.json."""

from __future__ import annotations

import json
from pathlib import Path

from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.moduleconfig import Declared
from spofcheck.parse.terraform.scope import ModuleValues, Scope

NOT_INSTALLED = (
    "not installed: no .terraform/modules/modules.json entry "
    "(run `terraform init`, or scan with `--download-modules`)"
)


def literal(decl: Declared, name: str) -> str | None:
    """A module call's attribute when it is a literal string (`version = "~> 5.0"`)."""
    attr = decl.block.attributes.get(name)
    value = evaluate(attr[0], Scope(ModuleValues())) if attr else None
    return value if isinstance(value, str) else None


def installed_modules(root_dir: Path) -> dict[str, Path]:
    """Module key ("vpc", "vpc.subnets") -> folder, from `terraform init`'s modules.json."""
    manifest = root_dir / ".terraform" / "modules" / "modules.json"
    try:
        data = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    modules = data.get("Modules") if isinstance(data, dict) else None
    found = {}
    for entry in modules if isinstance(modules, list) else []:
        if not isinstance(entry, dict):
            continue
        key, folder = entry.get("Key"), entry.get("Dir")
        if isinstance(key, str) and key and isinstance(folder, str) and "\0" not in folder:
            found[key] = root_dir / folder
    return found
