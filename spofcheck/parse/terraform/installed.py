"""Where a module call's remote source is already on disk: `terraform init`'s modules.json."""

from __future__ import annotations

from pathlib import Path

from spofcheck.files import read_regular
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.jsonload import JSONInputError, loads
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


def installed_modules(root_dir: Path, boundary: Boundary = UNLIMITED) -> dict[str, Path]:
    """Module key ("vpc", "vpc.subnets") -> folder, from `terraform init`'s modules.json.
    A manifest, or an entry, resolving outside `boundary` is ignored (the module stays
    opaque, with its note), as an unreadable manifest is."""
    manifest = root_dir / ".terraform" / "modules" / "modules.json"
    if not boundary.allows(manifest):
        return {}
    try:
        data = loads(read_regular(manifest, limit=16 * 1024 * 1024))
    except (OSError, JSONInputError):
        return {}
    modules = data.get("Modules") if isinstance(data, dict) else None
    found = {}
    for entry in modules if isinstance(modules, list) else []:
        if not isinstance(entry, dict):
            continue
        key, folder = entry.get("Key"), entry.get("Dir")
        if not (isinstance(key, str) and key and isinstance(folder, str)) or "\0" in folder:
            continue
        if boundary.allows(root_dir / folder):
            found[key] = root_dir / folder
    return found
