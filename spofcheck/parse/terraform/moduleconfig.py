"""One module folder's declarations, indexed: variables, locals, resources, modules, outputs."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spofcheck.model import Location, ParseError
from spofcheck.parse.terraform.sources import SourceFile
from spofcheck.parse.terraform.syntax import Attribute, Block, Traversal


@dataclass(frozen=True)
class Declared:
    """A block and where it was written (`file` is the display path)."""

    block: Block
    file: str
    ignores: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def location(self) -> Location:
        return Location(file=self.file, line=self.block.line, end_line=self.block.end_line)


@dataclass(frozen=True)
class DeclaredLocal:
    name: str
    attribute: Attribute
    file: str


@dataclass
class ModuleConfig:
    """Everything declared in one folder, keyed the way expressions refer to it."""

    folder: Path
    files: list[str] = field(default_factory=list)
    variables: dict[str, Declared] = field(default_factory=dict)
    locals: dict[str, DeclaredLocal] = field(default_factory=dict)
    resources: dict[str, Declared] = field(default_factory=dict)  # "aws_x.n", "data.aws_y.n"
    modules: dict[str, Declared] = field(default_factory=dict)
    outputs: dict[str, Declared] = field(default_factory=dict)
    providers: list[Declared] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    # Computed once per folder, however many times the module is instantiated:
    references: dict[str, set[Traversal]] = field(default_factory=dict)  # node id -> refs
    order: list[list[str]] | None = None  # evaluation order (see moduleeval)
    graph: dict[str, set[str]] = field(default_factory=dict)


def build_config(folder: Path, sources: list[SourceFile]) -> ModuleConfig:
    config = ModuleConfig(folder)
    for source in sources:
        config.files.append(source.display)
        if source.error is not None:
            config.errors.append(source.error)
        if source.syntax is None:
            continue
        for block in source.syntax.blocks:
            ignores = source.syntax.ignores.get(block.line, {})
            _add(config, Declared(block, source.display, ignores))
    return config


def _add(config: ModuleConfig, item: Declared) -> None:
    block = item.block
    kind, labels = block.type, block.labels
    if kind == "locals":
        for name, attr in block.attributes.items():
            if _fresh(config, config.locals, name, item, "local"):
                config.locals[name] = DeclaredLocal(name, attr, item.file)
    elif kind == "provider" and len(labels) == 1:
        config.providers.append(item)
    elif kind in ("resource", "data") and len(labels) == 2:
        address = ".".join(labels) if kind == "resource" else f"data.{'.'.join(labels)}"
        if _fresh(config, config.resources, address, item, kind):
            config.resources[address] = item
    elif kind in ("variable", "module", "output") and len(labels) == 1:
        table = {"variable": config.variables, "module": config.modules, "output": config.outputs}
        if _fresh(config, table[kind], labels[0], item, kind):
            table[kind][labels[0]] = item


def _fresh(
    config: ModuleConfig,
    table: Mapping[str, Declared | DeclaredLocal],
    name: str,
    item: Declared,
    kind: str,
) -> bool:
    """True when `name` is not declared yet; a duplicate is reported and ignored."""
    if name not in table:
        return True
    first = table[name].file
    message = f"duplicate {kind} {name!r} (first declared in {first}); this one is ignored"
    config.errors.append(ParseError(file=item.file, line=item.block.line, message=message))
    return False


def block_traversals(block: Block, skip: frozenset[str] = frozenset()) -> set[Traversal]:
    """Every reference made anywhere in a block (nested blocks included), iteratively."""
    found: set[Traversal] = set()
    stack = [block]
    while stack:
        current = stack.pop()
        for name, attr in current.attributes.items():
            if current is not block or name not in skip:
                found.update(attr[2])
        stack.extend(current.blocks)
    return found
