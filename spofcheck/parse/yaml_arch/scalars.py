"""Turn one YAML scalar event into a Python value by the YAML 1.2 core schema, tags included."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import ScalarEvent
from ruamel.yaml.nodes import ScalarNode

Scalar = str | int | float | bool | None

_TAG = "tag:yaml.org,2002:"
_NAMES = {
    f"{_TAG}str": "text",
    f"{_TAG}int": "an integer",
    f"{_TAG}float": "a number",
    f"{_TAG}bool": "a boolean",
    f"{_TAG}null": "null",
}


def show_tag(tag: str) -> str:
    """`!!int` rather than `tag:yaml.org,2002:int`, as users write it."""
    return tag.replace(_TAG, "!!", 1) if tag.startswith(_TAG) else tag


class ScalarReader:
    """Resolves plain scalars with ruamel's resolver; only the core schema's tags are read."""

    def __init__(self, yaml: YAML) -> None:
        self._yaml = yaml

    def read(self, event: ScalarEvent) -> tuple[Scalar, str | None]:
        """The value, and a one-line complaint when a tag could not be honoured."""
        text, tag = str(event.value), event.tag
        if tag in (None, "!"):
            return self._implicit(event), None
        tag = str(tag)
        if tag not in _NAMES:
            return self._implicit(event), f"unsupported tag {show_tag(tag)}; read as untagged"
        try:
            return self._construct(tag, text), None
        except (ValueError, KeyError, TypeError, YAMLError):
            return text, f"{text!r} cannot be read as {_NAMES[tag]} ({show_tag(tag)})"

    def _implicit(self, event: ScalarEvent) -> Scalar:
        text = str(event.value)
        if event.style:
            return text  # quoted or block scalars are always text
        tag = str(self._yaml.resolver.resolve(ScalarNode, text, (True, False)))
        if tag not in _NAMES:
            return text  # timestamps, merge keys and the like stay as written
        try:
            return self._construct(tag, text)
        except (ValueError, KeyError, TypeError, YAMLError):
            return text

    def _construct(self, tag: str, text: str) -> Scalar:
        if not text.strip() and tag != f"{_TAG}null":
            raise ValueError(text)  # ruamel's constructors index the first character
        node = ScalarNode(tag, text)
        constructor = self._yaml.constructor
        if tag == f"{_TAG}int":
            return int(constructor.construct_yaml_int(node))
        if tag == f"{_TAG}float":
            return float(constructor.construct_yaml_float(node))
        if tag == f"{_TAG}bool":
            return bool(constructor.construct_yaml_bool(node))
        if tag == f"{_TAG}null":
            if text.strip() not in ("", "~", "null", "Null", "NULL"):
                raise ValueError(text)
            return None
        return text
