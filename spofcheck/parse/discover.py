"""Find what to analyze: Terraform root folders, YAML architectures, plan JSON files,
CloudFormation templates and Kubernetes manifests (one stack per folder, or standard input
given as `-`)."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from spofcheck.files import read_head
from spofcheck.model import ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary, link_name
from spofcheck.parse.calls import ModuleCall, module_calls
from spofcheck.paths import display_path

TF_SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json")
YAML_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules", "__pycache__"})
CONFIG_FILES = frozenset({".spofcheck.yaml", ".spofcheck.yml", ".pre-commit-config.yaml"})
TERRAGRUNT_FILE = "terragrunt.hcl"
KUSTOMIZE_FILES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
_SNIFF_BYTES = 1024
_TEMPLATE_SNIFF_BYTES = 65536


class StackKind(StrEnum):
    TERRAFORM = "terraform"
    PLAN = "plan"
    YAML = "yaml"
    TERRAGRUNT = "terragrunt"
    KUBERNETES = "kubernetes"
    CLOUDFORMATION = "cloudformation"


@dataclass(frozen=True)
class StackInput:
    """One unit of analysis: a Terraform root folder (with YAML overlays), a plan, a YAML file."""

    kind: StackKind
    path: Path
    overlays: tuple[Path, ...] = ()
    # Facts about how discovery chose this stack (module folders analyzed through it).
    notes: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()  # Kubernetes: the manifest files of the folder
    stdin: tuple[str, bytes] | None = None  # Kubernetes: (display name, bytes) read from `-`


@dataclass(frozen=True)
class UncalledFolder:
    """A reusable module folder nobody in the scanned tree calls (parse/reusable.py)."""

    path: Path
    analyzed: bool  # True only with --include-modules


@dataclass
class Discovery:
    stacks: list[StackInput] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    uncalled_modules: list[UncalledFolder] = field(default_factory=list)


def is_terraform_file(path: Path) -> bool:
    return path.name.endswith(TF_SUFFIXES)


def is_plan_file(path: Path) -> bool:
    return path.suffix == ".json" and not is_terraform_file(path)


def looks_like_plan(path: Path, *, explicit: bool = False) -> bool:
    """A `terraform show -json` document: `format_version` (and, for a file met in a folder
    walk, `terraform_version`) near the start; the loader then requires its content keys."""
    try:
        head = read_head(path, _SNIFF_BYTES)
    except OSError:
        return False
    return b'"format_version"' in head and (explicit or b'"terraform_version"' in head)


@dataclass
class _Found:
    """What walking the paths turned up, before roots and overlays are decided."""

    root: Path
    exclude: Sequence[str]
    boundary: Boundary
    tf_dirs: set[Path] = field(default_factory=set)
    tg_dirs: set[Path] = field(default_factory=set)
    yamls: set[Path] = field(default_factory=set)
    plans: set[Path] = field(default_factory=set)
    templates: set[Path] = field(default_factory=set)
    skipped_json: list[str] = field(default_factory=list)
    manifests: set[Path] = field(default_factory=set)
    stdin: tuple[str, bytes] | None = None
    walked: set[Path] = field(default_factory=set)  # folders given to walk, resolved
    include_modules: bool = False
    result: Discovery = field(default_factory=Discovery)

    def error(self, path: Path, message: str) -> None:
        self.result.errors.append(ParseError(file=display_path(path, self.root), message=message))

    def inside(self, path: Path) -> bool:
        """True when `path` may be read; else a located error naming the link, not its target."""
        if self.boundary.allows(path):
            return True
        shown = link_name(path, self.root)  # the link's own name, never where it points
        self.result.errors.append(ParseError(file=shown, message=self.boundary.refusal("file")))
        return False


def discover(
    paths: Sequence[Path],
    root: Path,
    exclude: Sequence[str] = (),
    *,
    boundary: Boundary = UNLIMITED,
    use_cache: bool = True,
    stdin_name: str | None = None,
    include_modules: bool = False,
) -> Discovery:
    """Stacks under `paths`; folders some other found folder surely calls as a local
    module are analyzed through their callers, not as roots, and reusable module folders
    nobody calls only with `include_modules` (see docs/terraform.md)."""
    found = _Found(root, exclude, boundary, include_modules=include_modules)
    for path in paths:
        if str(path) == STDIN:
            found.stdin = (stdin_name or "<stdin>", _read_stdin())
        elif not path.exists():
            found.error(path, "no such file or folder")
        elif path.is_dir():
            found.walked.add(path.resolve())
            _walk(path, found)
        elif not found.inside(path):
            continue
        elif is_terraform_file(path):
            found.tf_dirs.add(path.parent.resolve())
        elif path.name == TERRAGRUNT_FILE:
            found.tg_dirs.add(path.parent.resolve())
        elif path.name.endswith(YAML_SUFFIXES):
            _add_yaml(path, found, explicit=True)
        elif is_plan_file(path) and looks_like_plan(path, explicit=True):
            found.plans.add(path.resolve())
        elif looks_like_template(path):
            found.templates.add(path.resolve())
        elif is_plan_file(path) and _is_manifest(path):
            found.manifests.add(path.resolve())
        else:
            found.error(path, _unsupported(path))
    _assemble(found, use_cache)
    return found.result


def _unsupported(path: Path) -> str:
    return (
        f"not a recognized input ({path.suffix or path.name!r}): expected .tf, .tf.json, "
        ".tofu, a Terraform plan JSON (`terraform show -json`), a CloudFormation template, "
        "an architecture .yaml or Kubernetes manifests"
    )


STDIN = "-"
_STDIN_LIMIT = 16 << 20


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read(_STDIN_LIMIT + 1)


def _is_manifest(path: Path) -> bool:
    from spofcheck.parse.kubernetes import is_manifest

    return is_manifest(path)


def _assemble(found: _Found, use_cache: bool) -> None:
    stacks = found.result.stacks
    notes = _skipped_note(found.skipped_json)
    for folder in terragrunt_units(found.tg_dirs):
        stacks.append(StackInput(StackKind.TERRAGRUNT, folder, notes=notes))
    modules = found.tg_dirs | _unit_sources(found.tg_dirs)
    calls = _calls_between(found.tf_dirs - modules, use_cache)
    roots = _uncalled_modules(found, _roots(found.tf_dirs - modules, calls), calls, use_cache)
    analyzed = {m.path for m in found.result.uncalled_modules if m.analyzed}
    for folder in sorted(roots):
        overlays = tuple(sorted(y for y in found.yamls if y.parent == folder))
        reached = _module_notes(folder, calls, found.root)
        if folder in analyzed:
            reached = (*reached, _included_note(folder, found.root))
        stacks.append(StackInput(StackKind.TERRAFORM, folder, overlays, (*reached, *notes)))
    skipped = {m.path for m in found.result.uncalled_modules if not m.analyzed}
    found.yamls -= {y for y in found.yamls if y.parent in skipped}  # overlays of a module
    used = {o for s in stacks for o in s.overlays}
    stacks.extend(StackInput(StackKind.YAML, y, notes=notes) for y in sorted(found.yamls - used))
    stacks.extend(StackInput(StackKind.PLAN, p, notes=notes) for p in sorted(found.plans))
    nested = _nested_templates(found.templates)
    stacks.extend(
        StackInput(StackKind.CLOUDFORMATION, t, notes=notes)
        for t in sorted(found.templates - nested)
    )
    for folder in sorted({m.parent for m in found.manifests}):
        files = tuple(sorted(m for m in found.manifests if m.parent == folder))
        stacks.append(StackInput(StackKind.KUBERNETES, folder, files=files))
    if found.stdin is not None:
        stacks.append(StackInput(StackKind.KUBERNETES, Path(found.stdin[0]), stdin=found.stdin))


def _uncalled_modules(
    found: _Found, roots: set[Path], calls: list[ModuleCall], use_cache: bool
) -> set[Path]:
    """`roots` minus the reusable module folders among them, unless they are wanted; each
    such folder nobody calls is recorded either way (the coverage block says which was
    done). A reusable folder called only under an unknown `count`/`for_each` (so a root
    too: the call may create nothing) is analyzed through that caller, not on its own
    defaults, and is no "module nobody calls"."""
    from spofcheck.parse.reusable import is_reusable_module

    reusable = {r for r in roots if is_reusable_module(r, found.walked, use_cache=use_cache)}
    # reached from an analyzed folder through any call, sure or not
    maybe_called = reusable & _reach(roots - reusable, calls, sure_only=False)
    uncalled = reusable - maybe_called
    found.result.uncalled_modules = [
        UncalledFolder(path, found.include_modules) for path in sorted(uncalled)
    ]
    if found.include_modules:
        return roots
    return roots - reusable


def _included_note(folder: Path, shown_root: Path) -> str:
    return (
        f"{display_path(folder, shown_root)}: a reusable module nobody calls, analyzed as "
        "a stack of its own (--include-modules): its defaults are reported as if deployed"
    )


def _skipped_note(skipped: list[str]) -> tuple[str, ...]:
    if not skipped:
        return ()
    shown = ", ".join(skipped[:3]) + (", ..." if len(skipped) > 3 else "")
    return (f"{len(skipped)} JSON file(s) skipped: not Terraform plans ({shown})",)


def terragrunt_units(folders: set[Path]) -> list[Path]:
    """Folders with terragrunt.hcl, minus a shared root: one that only holds configuration
    (no `terraform` block, no .tf files) for units in folders below it."""
    from spofcheck.parse.terragrunt.discover import is_shared_root

    return sorted(f for f in folders if not is_shared_root(f, folders))


def _unit_sources(units: set[Path]) -> set[Path]:
    from spofcheck.parse.terragrunt.discover import local_sources

    return {folder for unit in units for folder in local_sources(unit)}


def _walk(top: Path, found: _Found) -> None:
    for folder, files in _folders(top.resolve()):
        if _excluded(display_path(folder, found.root), found.exclude):
            continue
        tf_files = [folder / f for f in files if is_terraform_file(folder / f)]
        if any(found.inside(path) for path in tf_files):
            found.tf_dirs.add(folder)
        if TERRAGRUNT_FILE in files:
            found.tg_dirs.add(folder)
        rendered = not KUSTOMIZE_FILES & set(files)  # kustomize sources are not manifests
        for name in files:
            path = folder / name
            if _excluded(display_path(path, found.root), found.exclude):
                continue
            if name.endswith(YAML_SUFFIXES) and found.inside(path):
                _add_yaml(path, found, explicit=False, manifests=rendered)
            elif is_plan_file(path) and found.inside(path):
                if looks_like_plan(path):
                    found.plans.add(path.resolve())
                elif looks_like_template(path):
                    found.templates.add(path.resolve())
                elif rendered and _is_manifest(path):
                    found.manifests.add(path.resolve())
                else:
                    found.skipped_json.append(display_path(path, found.root))


def _folders(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Folders below `top` in sorted order; symlinked folders are not followed (no loops)."""
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        yield Path(dirpath), sorted(filenames)


def _add_yaml(path: Path, found: _Found, *, explicit: bool, manifests: bool = True) -> None:
    from spofcheck.parse.yaml_arch import is_architecture_document

    if path.name in CONFIG_FILES and not explicit:
        return
    if looks_like_template(path):
        found.templates.add(path.resolve())
    elif is_architecture_document(path):
        found.yamls.add(path.resolve())
    elif manifests and _is_manifest(path):
        found.manifests.add(path.resolve())
    elif explicit:
        found.error(
            path,
            "neither a spofcheck architecture (top-level `version` and `components`) nor "
            "a Kubernetes manifest (`apiVersion` and `kind`)",
        )


def looks_like_template(path: Path) -> bool:
    """A CloudFormation/SAM/CDK template, judged by its first bytes, never its name."""
    from spofcheck.parse.cloudformation.load import is_template_text

    try:
        head = read_head(path, _TEMPLATE_SNIFF_BYTES)
    except OSError:
        return False
    return is_template_text(head.decode("utf-8", errors="replace"))


def _nested_templates(templates: set[Path]) -> set[Path]:
    """Templates another found template names as a local nested stack (read through it);
    a ring of templates naming each other keeps them all."""
    from spofcheck.parse.cloudformation.load import nested_files

    named: set[Path] = set()
    for path in sorted(templates):
        try:
            head = read_head(path, _TEMPLATE_SNIFF_BYTES).decode("utf-8", errors="replace")
        except OSError:
            continue
        named |= nested_files(path, head) - {path}
    return named if named != templates else set()


def _calls_between(tf_dirs: set[Path], use_cache: bool) -> list[ModuleCall]:
    """Parsed local module calls from one found folder to another found folder."""
    files = [path for folder in sorted(tf_dirs) for path in tf_files(folder)]
    calls = module_calls(files, use_cache=use_cache)
    return [c for c in calls if c.target in tf_dirs and c.target != c.file.parent.resolve()]


def tf_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if is_terraform_file(p) and p.is_file())
    except OSError:
        return []


def _roots(tf_dirs: set[Path], calls: list[ModuleCall]) -> set[Path]:
    """Folders nobody surely calls, plus any folder those roots never reach (a ring of
    folders calling each other): every found folder is analyzed one way or the other."""
    called = {c.target for c in calls if c.certain}
    roots = tf_dirs - called
    reached = _reach(roots, calls)
    for folder in sorted(tf_dirs - reached):
        if folder not in reached:
            roots.add(folder)
            reached |= _reach({folder}, calls)
    return roots


def _reach(starts: set[Path], calls: list[ModuleCall], *, sure_only: bool = True) -> set[Path]:
    edges: dict[Path, set[Path]] = {}
    for call in calls:
        if call.certain or not sure_only:
            edges.setdefault(call.file.parent.resolve(), set()).add(call.target)
    seen, todo = set(starts), list(starts)
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _module_notes(root: Path, calls: list[ModuleCall], shown_root: Path) -> tuple[str, ...]:
    """One note per folder this root reaches as a module, naming the call that reaches it."""
    notes = []
    reached = _reach({root}, calls)
    for folder in sorted(reached - {root}):
        call = min(
            (c for c in calls if c.target == folder and c.certain and c.file.parent in reached),
            key=_call_key,
        )
        notes.append(
            f"{display_path(folder, shown_root)}: analyzed as module "
            f'"{call.name}" called from {display_path(call.file, shown_root)}:{call.line}, '
            "not as a stack of its own"
        )
    return tuple(notes)


def _call_key(call: ModuleCall) -> tuple[str, int]:
    return (call.file.as_posix(), call.line)


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel + "/", p) for p in patterns)
