"""Compose ruamel.yaml's event stream into plain data with line positions, within fixed bounds.

We compose the events ourselves rather than let ruamel build objects: no tag ever constructs
anything, an alias is charged the full size it expands to (a "billion laughs" document is
refused after a bounded amount of work), nesting is capped before any recursion could hit
Python's limit, and a duplicate key is reported with both lines instead of ending the read.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)

from spofcheck.parse.yaml_arch.located import Path, Pos, Problem
from spofcheck.parse.yaml_arch.scalars import ScalarReader, show_tag

MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Stop(Exception):
    """Reading ends here; what was composed so far stays (a second document follows)."""


class _Fatal(Exception):
    """The document cannot be used at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class Composed:
    """The first document as plain data; `usable` is False after a fatal problem."""

    data: Any
    positions: dict[Path, Pos]
    problems: list[Problem]
    usable: bool


@dataclass
class _Frame:
    path: Path
    container: dict[str, Any] | list[Any]
    anchor: str | None
    start_line: int
    flow: bool
    size: int = 1
    height: int = 1
    last_line: int = 0
    expect_key: bool = True
    key: str | None = None
    key_line: int = 0
    merging: bool = False
    merges: list[tuple[list[dict[str, Any]], int]] = field(default_factory=list)

    def child_path(self) -> Path:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        if self.expect_key or self.key is None:
            return (*self.path, f"\0{self.key_line}")  # a key, merge or skipped value
        return (*self.path, self.key)


class _Composer:
    def __init__(self, reader: ScalarReader) -> None:
        self.reader = reader
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.open_anchors: set[str] = set()
        self.positions: dict[Path, Pos] = {}
        self.problems: list[Problem] = []
        self.root: Any = None
        self.alias_nodes = 0
        self.documents = 0

    def feed(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._problem(_line(event), "a second YAML document starts here; only one is read")
                raise _Stop
        elif isinstance(event, ScalarEvent):
            self._scalar(event)
        elif isinstance(event, AliasEvent):
            self._alias(event)
        elif isinstance(event, CollectionStartEvent):
            self._start(event)
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            self._end(event)

    def _problem(self, line: int | None, message: str, path: Path | None = None) -> None:
        self.problems.append(Problem(line, message, path))

    def _scalar(self, event: ScalarEvent) -> None:
        line, end = _line(event), _end_line(event)
        if event.value == "" and not event.style and self.stack:
            line = end = self.stack[-1].last_line  # ruamel marks an empty value at the next token
        path = self.stack[-1].child_path() if self.stack else ()
        value, trouble = self.reader.read(event)
        if trouble:
            self._problem(line, trouble, path)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, 0)
        merge = event.value == "<<" and event.tag is None and bool(event.implicit[0])
        self._add(value, line, end, 1, 0, key_text=str(event.value), merge=merge)

    def _alias(self, event: AliasEvent) -> None:
        line, name = _line(event), str(event.anchor)
        if name in self.open_anchors:
            raise _Fatal(Problem(line, f"alias *{name} refers to a node that contains it"))
        if name not in self.anchors:
            raise _Fatal(Problem(line, f"alias *{name} has no anchor &{name} before it"))
        value, size, height = self.anchors[name]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise _Fatal(
                Problem(line, f"aliases expand to more than {MAX_ALIAS_NODES} nodes; refused")
            )
        if len(self.stack) + height > MAX_DEPTH:
            raise _Fatal(Problem(line, f"alias *{name} nests deeper than {MAX_DEPTH} levels"))
        key_text = None if isinstance(value, dict | list) else str(value)
        self._add(copy.deepcopy(value), line, line, size, height, key_text=key_text)

    def _start(self, event: CollectionStartEvent) -> None:
        line = _line(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Fatal(Problem(line, f"nesting deeper than {MAX_DEPTH} levels; refused"))
        path = self.stack[-1].child_path() if self.stack else ()
        if event.tag not in (None, "!", _MAP, _SEQ):
            self._problem(
                line, f"unsupported tag {show_tag(str(event.tag))}; read as untagged", path
            )
        container: dict[str, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
        anchor = str(event.anchor) if event.anchor else None
        if anchor:
            self.open_anchors.add(anchor)
        flow = bool(event.flow_style)
        self.stack.append(_Frame(path, container, anchor, line, flow, last_line=line))

    def _end(self, event: Event) -> None:
        frame = self.stack.pop()
        if isinstance(frame.container, dict):
            self._apply_merges(frame)
        end = int(event.end_mark.line) + 1 if frame.flow else frame.last_line
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, frame.size, frame.height)
        self._add(frame.container, frame.start_line, end, frame.size, frame.height)

    def _apply_merges(self, frame: _Frame) -> None:
        assert isinstance(frame.container, dict)
        for sources, line in frame.merges:
            for source in sources:
                for key, value in source.items():
                    if key not in frame.container:
                        frame.container[key] = value
                        self.positions[(*frame.path, key)] = Pos(line, line)

    def _add(
        self,
        value: Any,
        line: int,
        end: int,
        size: int,
        height: int,
        *,
        key_text: str | None = None,
        merge: bool = False,
    ) -> None:
        if not self.stack:
            self.root = value
            self.positions[()] = Pos(line, end)
            return
        frame = self.stack[-1]
        frame.size += size
        frame.height = max(frame.height, height + 1)
        frame.last_line = max(frame.last_line, end)
        if isinstance(frame.container, list):
            self.positions[frame.child_path()] = Pos(line, end)
            frame.container.append(value)
        elif frame.expect_key:
            self._take_key(frame, line, key_text, merge)
        else:
            self._take_value(frame, value, end)

    def _take_key(self, frame: _Frame, line: int, text: str | None, merge: bool) -> None:
        assert isinstance(frame.container, dict)
        frame.expect_key, frame.key_line, frame.key, frame.merging = False, line, None, merge
        if merge:
            return
        if text is None:
            self._problem(
                line, "a mapping key must be a plain value, not a list or mapping", frame.path
            )
        elif text in frame.container:
            first = self.positions[(*frame.path, text)].line
            self._problem(
                line,
                f"duplicate key {text!r} (first defined on line {first}); this one is ignored",
                (*frame.path, text),
            )
        else:
            frame.key = text

    def _take_value(self, frame: _Frame, value: Any, end: int) -> None:
        assert isinstance(frame.container, dict)
        if frame.merging:
            sources = value if isinstance(value, list) else [value]
            if all(isinstance(s, dict) for s in sources):
                frame.merges.append((sources, frame.key_line))
            else:
                self._problem(
                    frame.key_line,
                    "a merge key `<<` takes a mapping or a list of mappings",
                    frame.path,
                )
        elif frame.key is not None:
            frame.container[frame.key] = value
            self.positions[(*frame.path, frame.key)] = Pos(frame.key_line, end)
        frame.expect_key, frame.key, frame.merging = True, None, False


def compose(text: str) -> Composed:
    """The first YAML document of `text` as dicts, lists and scalars, with positions."""
    yaml = YAML(typ="safe", pure=True)
    composer = _Composer(ScalarReader(yaml))
    try:
        for event in yaml.parse(text):
            composer.feed(event)
    except _Stop:
        pass
    except _Fatal as fatal:
        return Composed(None, {}, [*composer.problems, fatal.problem], usable=False)
    except MarkedYAMLError as exc:
        return Composed(None, {}, [*composer.problems, _syntax_problem(exc)], usable=False)
    except YAMLError as exc:
        return Composed(None, {}, [*composer.problems, _reader_problem(exc, text)], usable=False)
    if composer.documents == 0:
        return Composed(None, {}, [Problem(None, "the file holds no YAML document")], False)
    return Composed(composer.root, composer.positions, composer.problems, usable=True)


def _line(event: Event) -> int:
    return int(event.start_mark.line) + 1


def _end_line(event: Event) -> int:
    """The last line a node covers: a mark at column 0 belongs to the line before."""
    start, end = event.start_mark, event.end_mark
    if end.column == 0 and end.line > start.line:
        return int(end.line)
    return int(end.line) + 1


def _syntax_problem(exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = int(mark.line) + 1 if mark is not None else None
    message = f"YAML syntax error: {exc.problem or exc.context or 'unreadable'}"
    if exc.context and exc.problem:
        message += f" ({exc.context}"
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            message += f" started on line {exc.context_mark.line + 1}"
        message += ")"
    return Problem(line, message)


def _reader_problem(exc: YAMLError, text: str) -> Problem:
    position = getattr(exc, "position", None)
    if not isinstance(position, int):
        return Problem(None, f"unreadable YAML: {exc}")
    char = text[position] if position < len(text) else ""
    line = text.count("\n", 0, position) + 1
    return Problem(line, f"character U+{ord(char):04X} is not allowed in YAML (binary file?)")
