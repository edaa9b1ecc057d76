"""Reusable module folders nobody calls: not stacks unless `--include-modules` (issue 17).

A module's defaults are often deliberately minimal (one replica, no Multi-AZ), and the
caller sets the real values; reported as a stack of its own, a module folder nobody calls
in the scanned tree gives findings on code nobody deploys. The rule is conservative,
because skipping a real stack would be a false green: a folder is a reusable module only
when **both** hold:

- it lies below a folder named `modules` under the scanned folder (Terraform's standard
  module structure), not a folder named on the command line itself; and
- nothing in it marks a deployed root: no file configures a `provider`, or a `backend` or
  `cloud` in a `terraform` block, and the folder holds no `.terraform.lock.hcl` (written
  by `terraform init` in a root), `terraform.tfvars` or `*.auto.tfvars`.

Like the call graph (calls.py), this reads parsed blocks, never raw text: a comment or a
string saying `backend` changes nothing. A file that does not parse keeps the folder a
stack, so the loader reports the file. A pull request that turns a deployed root into
such a folder must move it below `modules/` and remove its backend, which no deployment
survives unnoticed; and the folder is listed in every report's coverage either way.
"""

from __future__ import annotations

from pathlib import Path

from spofcheck.parse.terraform.syntax import Block

MODULES_FOLDER = "modules"
_ROOT_SETTINGS = frozenset({"backend", "cloud"})
_ROOT_FILES = frozenset({".terraform.lock.hcl", "terraform.tfvars", "terraform.tfvars.json"})


def is_reusable_module(folder: Path, tops: set[Path], *, use_cache: bool) -> bool:
    """True when `folder` (resolved) sits under `modules/` below a walked folder in `tops`
    and nothing in it marks a deployed root."""
    return (
        _under_modules(folder, tops)
        and not _root_files(folder)
        and not _configures_a_root(folder, use_cache)
    )


def _under_modules(folder: Path, tops: set[Path]) -> bool:
    return any(
        folder != top
        and folder.is_relative_to(top)
        and MODULES_FOLDER in folder.relative_to(top).parts
        for top in tops
    )


def _root_files(folder: Path) -> bool:
    """A lock file or a variables file only a root has."""
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return True  # unreadable: keep it a stack, the loader says why
    return any(n in _ROOT_FILES or n.endswith(".auto.tfvars") for n in names)


def _configures_a_root(folder: Path, use_cache: bool) -> bool:
    from spofcheck.cache.syntax import default_cache
    from spofcheck.parse.discover import tf_files
    from spofcheck.parse.terraform.sources import read_and_parse

    files = tf_files(folder)
    cache = default_cache() if use_cache else None
    for source in read_and_parse(files, folder, cache):
        if source.syntax is None or any(_root_block(b) for b in source.syntax.blocks):
            return True
    return False


def _root_block(block: Block) -> bool:
    if block.type == "provider":
        return True
    return block.type == "terraform" and any(b.type in _ROOT_SETTINGS for b in block.blocks)
