"""Read manifest files (multi-document YAML, JSON, `List` kinds) into located objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spofcheck.model import ParseError
from spofcheck.parse.yaml_arch.events import compose
from spofcheck.parse.yaml_arch.located import Pos

MAX_BYTES = 4 << 20  # rendered charts are larger than hand-written architecture files
# A document marker at column 0 ends a YAML document everywhere, even inside a block
# scalar, so splitting on it is exact; each part then goes through the bounded composer.
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t]|$)", re.MULTILINE)
_HEAD_KEYS = re.compile(r"""^["']?(apiVersion|kind)["']?[ \t]*:""", re.MULTILINE)
_STARTED = re.compile(r"(started on line )(\d+)")  # the composer's message, this document's lines
_JSON_KEYS = re.compile(r""""(apiVersion|kind)"\s*:""")
# Helm chart sources (not rendered output) reference chart values; spofcheck never renders.
_HELM_TEMPLATE = re.compile(
    r"\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|include\s|template\s)"
)


@dataclass(frozen=True)
class Obj:
    """One Kubernetes object: its identity, body and where its `metadata` was written."""

    kind: str
    api_version: str
    name: str
    namespace: str
    body: dict[str, Any]
    file: str
    line: int

    @property
    def id(self) -> str:
        """The component id contract: `Kind/namespace/name`."""
        return f"{self.kind}/{self.namespace}/{self.name}"

    @property
    def spec(self) -> dict[str, Any]:
        spec = self.body.get("spec")
        return spec if isinstance(spec, dict) else {}

    @property
    def metadata(self) -> dict[str, Any]:
        meta = self.body.get("metadata")
        return meta if isinstance(meta, dict) else {}


@dataclass
class Read:
    """Every object found in some files, and the problems met on the way."""

    objects: list[Obj] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    skipped: int = 0  # documents without apiVersion/kind (empty, comments only)


def looks_like_manifest(head: bytes) -> bool:
    """`apiVersion` and `kind` keys near the start (YAML at column 0, or JSON)."""
    text = head.decode("utf-8-sig", errors="replace")
    if _HELM_TEMPLATE.search(text):
        return False
    found = {m.group(1) for m in _HEAD_KEYS.finditer(text)}
    if found != {"apiVersion", "kind"}:
        found = {m.group(1) for m in _JSON_KEYS.finditer(text)}
    return found == {"apiVersion", "kind"}


def read_manifest(data: bytes, file: str, into: Read) -> None:
    """Add the objects of one file (YAML stream or JSON) to `into`."""
    if len(data) > MAX_BYTES:
        into.errors.append(ParseError(file=file, message=f"larger than {MAX_BYTES} bytes"))
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        into.errors.append(ParseError(file=file, line=line, message="not UTF-8; save as UTF-8"))
        return
    for offset, part in _documents(text):
        _read_document(part, offset, file, into)


def _documents(text: str) -> list[tuple[int, str]]:
    """(lines before it, text) for each document of a YAML stream."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in _MARKER.finditer(text):
        parts.append((text.count("\n", 0, start), text[start : match.start()]))
        start = match.end()
    parts.append((text.count("\n", 0, start), text[start:]))
    return [(offset, part) for offset, part in parts if part.strip()]


def _read_document(part: str, offset: int, file: str, into: Read) -> None:
    composed = compose(part)
    for problem in composed.problems:
        line = None if problem.line is None else problem.line + offset
        if "holds no YAML document" in problem.message:
            continue
        message = _STARTED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", problem.message)
        into.errors.append(ParseError(file=file, line=line, message=message))
    if not composed.usable or composed.data is None:
        into.skipped += 1
        return
    positions = {
        path: Pos(p.line + offset, p.end_line + offset) for path, p in composed.positions.items()
    }
    _collect(composed.data, (), positions, file, into)


def _collect(
    data: Any, path: tuple[str | int, ...], positions: dict[Any, Pos], file: str, into: Read
) -> None:
    """One object, or each item of a `List` (`kind: List`, `kind: DeploymentList`)."""
    if not isinstance(data, dict) or "kind" not in data or "apiVersion" not in data:
        into.skipped += 1
        return
    if not isinstance(data["kind"], str) or not isinstance(data["apiVersion"], str):
        line = positions.get((*path, "kind"), Pos(1, 1)).line
        into.errors.append(ParseError(file=file, line=line, message="kind must be text; skipped"))
        return
    kind = data["kind"]
    items = data.get("items")
    if kind.endswith("List") and isinstance(items, list):
        for index, item in enumerate(items):
            _collect(item, (*path, "items", index), positions, file, into)
        return
    meta = data.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    pos = positions.get((*path, "metadata")) or positions.get(path)
    line = pos.line if pos is not None else 1
    name = meta.get("name")
    if not (isinstance(name, str) and name):
        # `generateName` (for `kubectl create`): the API server appends a random suffix;
        # the prefix stands for the object, so the id stays the same on every run
        name = meta.get("generateName")
    if not isinstance(name, str) or not name:
        message = f"{kind} without metadata.name or generateName; skipped"
        into.errors.append(ParseError(file=file, line=line, message=message, key="metadata.name"))
        return
    namespace = meta.get("namespace")
    namespace = namespace if isinstance(namespace, str) and namespace else "default"
    into.objects.append(Obj(kind, str(data["apiVersion"]), name, namespace, data, file, line))
