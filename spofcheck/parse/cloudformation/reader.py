"""Templates as plain data: YAML (short-form intrinsic tags) or JSON, with resource lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spofcheck.errors import SpofcheckError
from spofcheck.files import read_regular
from spofcheck.parse.jsonload import JSONInputError, loads

# A template is at most 1 MB for CloudFormation (S3-hosted); 5 MB leaves room for CDK output.
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# Nodes built from one document: aliases cannot multiply a small file into a huge value.
MAX_NODES = 1_000_000

_SHORT_TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in [
            "GetAtt",
            "Sub",
            "If",
            "Select",
            "Split",
            "Join",
            "FindInMap",
            "ImportValue",
            "Equals",
            "And",
            "Or",
            "Not",
            "Base64",
            "Cidr",
            "GetAZs",
            "Length",
            "ToJsonString",
            "Transform",
        ]
    },
}
_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() in ("true", "yes", "on"),
    "tag:yaml.org,2002:int": lambda text: int(text.replace("_", ""), 0),
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:str": str,
}


class TemplateError(SpofcheckError):
    """A template that cannot be read, located at its file and line."""


@dataclass
class Template:
    """A template's data and the line each resource starts on (1-based)."""

    body: Mapping[str, Any]
    lines: dict[str, int] = field(default_factory=dict)


def read_template(path: Path, shown: str) -> Template:
    """The template at `path` (`shown` names it in errors); TemplateError when unreadable."""
    try:
        data = read_regular(path, MAX_TEMPLATE_BYTES)
    except OSError as exc:
        raise TemplateError(exc.strerror or str(exc), file=shown) from None
    text = data.decode("utf-8", errors="replace")
    if text.lstrip().startswith("{"):
        return _json_template(data, text, shown)
    return _yaml_template(text, shown)


def _json_template(data: bytes, text: str, shown: str) -> Template:
    try:
        body = loads(data)
    except JSONInputError as exc:
        raise TemplateError(exc.message, file=shown, line=exc.line) from None
    if not isinstance(body, dict):
        raise TemplateError("a template is a JSON object", file=shown, line=1)
    return Template(body, _json_lines(text, body))


def _json_lines(text: str, body: Mapping[str, Any]) -> dict[str, int]:
    """Each resource's line: its `"LogicalId":` key, searched after the previous one (JSON
    objects keep their order), so a large template is read in one pass."""
    resources = body.get("Resources")
    start = text.find('"Resources"')
    if not isinstance(resources, dict) or start < 0:
        return {}
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for name in resources:
        found = _key_at(text, json.dumps(str(name)), start)
        if found >= 0:
            line += text.count("\n", counted, found)
            counted = start = found
            lines[str(name)] = line
    return lines


def _key_at(text: str, quoted: str, start: int) -> int:
    """Where `quoted` next appears as an object key (followed by `:`), or -1."""
    at = text.find(quoted, start)
    while at >= 0:
        after = at + len(quoted)
        while after < len(text) and text[after] in " \t\r\n":
            after += 1
        if text.startswith(":", after):
            return at
        at = text.find(quoted, at + 1)
    return at


def _yaml_template(text: str, shown: str) -> Template:
    yaml = YAML(typ="safe", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TemplateError(f"invalid YAML: {exc.problem}", file=shown, line=line) from None
    except YAMLError as exc:
        raise TemplateError(f"invalid YAML: {exc}", file=shown) from None
    if not isinstance(root, MappingNode):
        raise TemplateError("a template is a YAML mapping", file=shown, line=1)
    builder = _Builder(shown)
    body = builder.build(root)
    return Template(body, _yaml_lines(root))


def _yaml_lines(root: MappingNode) -> dict[str, int]:
    for key, value in root.value:
        if key.value == "Resources" and isinstance(value, MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in value.value}
    return {}


class _Builder:
    """Nodes → Python values; short-form tags become their long form (`!Ref X` → {"Ref": X})."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.count = 0

    def build(self, node: Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._error(node, f"template too large: over {MAX_NODES:,} values")
        tag = str(node.tag)
        if tag in _SHORT_TAGS:
            return {_SHORT_TAGS[tag]: self._tagged(node, tag)}
        if tag.startswith("!"):
            raise self._error(node, f"unknown tag {tag} (not a CloudFormation function)")
        return self._plain(node)

    def _tagged(self, node: Node, tag: str) -> Any:
        if tag == "!GetAtt" and isinstance(node, ScalarNode):
            return str(node.value).split(".", 1)  # `!GetAtt Db.Endpoint.Address`
        if isinstance(node, ScalarNode):
            return str(node.value)
        return self._plain(node)

    def _plain(self, node: Node) -> Any:
        if isinstance(node, MappingNode):
            return {str(self.build(k)): self.build(v) for k, v in node.value}
        if isinstance(node, SequenceNode):
            return [self.build(item) for item in node.value]
        convert = _SCALARS.get(str(node.tag), str)
        try:
            return convert(node.value)
        except ValueError:
            return str(node.value)

    def _error(self, node: Node, message: str) -> TemplateError:
        return TemplateError(message, file=self.shown, line=node.start_mark.line + 1)
