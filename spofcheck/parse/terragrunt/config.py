"""Read one terragrunt.hcl as Terragrunt does: locals, includes merged, dependencies mocked.

The result is plain data: {"locals", "inputs", "terraform": {"source"}, "dependency"}.
Values Terragrunt only knows at run time (other units' outputs without `mock_outputs`,
`run_cmd`, environment variables) are Unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spofcheck.files import read_regular
from spofcheck.model import ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.hcl import parse_file
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import ModuleValues, Scope
from spofcheck.parse.terraform.syntax import Block, FileFailure, FileSyntax
from spofcheck.parse.terraform.values import finalize
from spofcheck.parse.terragrunt import functions
from spofcheck.paths import display_path

MAX_DEPTH = 8  # includes and read_terragrunt_config nested deeper are reported


@dataclass
class Reader:
    """One unit's reading: its folder, the files read, and the problems found."""

    unit: Path
    display_root: Path
    errors: list[ParseError] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    stack: list[Path] = field(default_factory=list)
    boundary: Boundary = UNLIMITED

    def read(self, path: Path, include: Path | None = None) -> dict[str, Any]:
        shown = display_path(path, self.display_root)
        if path.resolve() in self.stack or len(self.stack) >= MAX_DEPTH:
            self.errors.append(ParseError(file=shown, message="include loop or nesting too deep"))
            return {}
        syntax = self._parse(path, shown)
        if syntax is None:
            return {}
        self.stack.append(path.resolve())
        dirs = functions.Dirs(self.unit, path, self.read, include)
        token = functions.CURRENT.set(dirs)
        try:
            return _evaluate(self, syntax, path)
        finally:
            functions.CURRENT.reset(token)
            self.stack.pop()

    def _parse(self, path: Path, shown: str) -> FileSyntax | None:
        self.files.add(shown)
        if not self.boundary.allows(path):
            self.errors.append(ParseError(file=shown, message=self.boundary.refusal("include")))
            return None
        try:
            parsed = parse_file(path.name, read_regular(path))
        except OSError as exc:
            self.errors.append(ParseError(file=shown, message=f"cannot read: {exc.strerror}"))
            return None
        if isinstance(parsed, FileFailure):
            self.errors.append(ParseError(file=shown, line=parsed.line, message=parsed.message))
            return None
        return parsed


def _evaluate(reader: Reader, syntax: FileSyntax, path: Path) -> dict[str, Any]:
    values = ModuleValues()
    blocks = syntax.blocks
    _locals(values, [b for b in blocks if b.type == "locals"])
    names: dict[str, Any] = {"dependency": _dependencies(values, blocks)}
    parents, exposed = _includes(reader, values, blocks)
    names["include"] = exposed
    scope = Scope(values, iterators=names)
    own = {
        "locals": finalize(values.locals),
        "inputs": _inputs(_attr(syntax.attributes.get("inputs"), scope)),
        "terraform": _terraform(blocks, scope),
        "dependency": names["dependency"],
    }
    # Several includes: each later one overrides the earlier, and the unit overrides all.
    base: dict[str, Any] = {}
    deep = False
    for parent, strategy in parents:
        deep = strategy == "deep"
        base = _merge(base, parent, deep=deep)
    return _merge(base, own, deep=deep)


def _locals(values: ModuleValues, blocks: list[Block]) -> None:
    """Locals may use each other in any order: settle them in as many passes as there are."""
    attrs = {name: attr for block in blocks for name, attr in block.attributes.items()}
    for _ in range(len(attrs) + 1):
        before = dict(values.locals)
        for name, attr in attrs.items():
            values.locals[name] = evaluate(attr[0], Scope(values))
        if _same(before, values.locals):
            return


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    try:
        return a == b
    except TypeError:  # an Unknown compared by truth
        return False


def _dependencies(values: ModuleValues, blocks: tuple[Block, ...]) -> dict[str, Any]:
    """`dependency.x.outputs`: the block's `mock_outputs`, else unknown (never read from state)."""
    found: dict[str, Any] = {}
    for block in blocks:
        if block.type != "dependency" or len(block.labels) != 1:
            continue
        mocks = _attr(block.attributes.get("mock_outputs"), Scope(values))
        name = block.labels[0]
        outputs = mocks if isinstance(mocks, dict) else Unknown(expr=f"dependency.{name}.outputs")
        found[name] = {"outputs": outputs}
    return found


def _includes(
    reader: Reader, values: ModuleValues, blocks: tuple[Block, ...]
) -> tuple[list[tuple[dict[str, Any], str]], dict[str, Any]]:
    parents: list[tuple[dict[str, Any], str]] = []
    exposed: dict[str, Any] = {}
    for block in blocks:
        if block.type != "include":
            continue
        scope = Scope(values)
        target = _attr(block.attributes.get("path"), scope)
        if not isinstance(target, str):
            continue
        path = Path(target) if Path(target).is_absolute() else reader.unit / target
        parent = reader.read(path, include=path)
        strategy = _attr(block.attributes.get("merge_strategy"), scope)
        parents.append((parent, strategy if isinstance(strategy, str) else "shallow"))
        if _attr(block.attributes.get("expose"), scope) is True:
            exposed[block.labels[0] if block.labels else ""] = parent
    return parents, exposed


def _terraform(blocks: tuple[Block, ...], scope: Scope) -> dict[str, Any]:
    for block in blocks:
        if block.type == "terraform":
            source = _attr(block.attributes.get("source"), scope)
            return {"source": source} if source is not None else {}
    return {}


def _inputs(value: Any) -> Any:
    """`inputs` as written: {} when absent, an Unknown when only apply time knows it
    (read from an environment variable's file, say), never tested for truth."""
    return {} if value is None else value


def _attr(attr: Any, scope: Scope) -> Any:
    return finalize(evaluate(attr[0], scope)) if attr is not None else None


def _merge(parent: dict[str, Any], child: dict[str, Any], *, deep: bool) -> dict[str, Any]:
    """Terragrunt's include merge: the child wins; `inputs` merged key by key (deeply for
    `merge_strategy = "deep"`); a parent's `terraform.source` is used when the child has none."""
    if not isinstance(parent, dict) or not parent:
        return child
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict) and (deep or key != "locals"):
            merged[key] = _deep(old, value) if deep else {**old, **value}
        elif key == "inputs" and isinstance(old, Unknown):
            merged[key] = old  # the parent's unknown inputs may set any key the child's do not
        else:
            merged[key] = value
    merged["locals"] = child.get("locals", {})
    return merged


def _deep(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    out = dict(old)
    for key, value in new.items():
        prior = out.get(key)
        out[key] = (
            _deep(prior, value) if isinstance(prior, dict) and isinstance(value, dict) else value
        )
    return out
