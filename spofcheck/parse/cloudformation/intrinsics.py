"""Intrinsic functions evaluated where the template says enough; the rest stays Unknown.

Values are plain Python data, `Ref` (a resource of this template: `!Ref Web`,
`!GetAtt Web.DNSName`) or `Unknown` (a value only known at deploy time), the same markers
the Terraform evaluator produces, so the Terraform adapters read both alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spofcheck.parse.terraform.resources import Ref, Unknown, is_known

# `AWS::NoValue`: the property is left out.
NO_VALUE: Any = object()
# A `!Sub` or `!Join` may not build a string longer than this (repeated references).
MAX_STRING = 1_000_000
_SUB = re.compile(r"\$\{([^}!]*)\}")


class IntrinsicError(ValueError):
    """A function used wrongly (bad arguments, a cycle of conditions)."""


def snake(name: str) -> str:
    """CloudFormation's CamelCase → Terraform's snake_case: `MultiAZ` → `multi_az`."""
    name = name.replace(".", "_")
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower().replace("a_zs", "azs")


@dataclass
class Scope:
    """What an expression may name: parameters (resolved), mappings, conditions, resources."""

    parameters: Mapping[str, Any]
    mappings: Mapping[str, Any] = field(default_factory=dict)
    conditions: Mapping[str, Any] = field(default_factory=dict)
    resources: Mapping[str, str] = field(default_factory=dict)  # logical id → type
    region: str | None = None
    prefix: str = ""  # a nested stack's logical id and "/", for component ids
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # nested stack → Outputs
    decided: dict[str, Any] = field(default_factory=dict)
    deciding: set[str] = field(default_factory=set)


def evaluate(value: Any, scope: Scope) -> Any:
    """The value with every intrinsic function applied as far as the template says."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((name, arg),) = value.items()
            handler = _FUNCTIONS.get(name)
            if handler is not None:
                return handler(arg, scope)
        out = {k: evaluate(v, scope) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not NO_VALUE}
    if isinstance(value, list):
        items = [evaluate(v, scope) for v in value]
        return [v for v in items if v is not NO_VALUE]
    return value


def condition(name: str, scope: Scope) -> Any:
    """A named condition: True, False, or Unknown; a cycle is an error."""
    if name in scope.decided:
        return scope.decided[name]
    if name not in scope.conditions:
        raise IntrinsicError(f"condition {name!r} is not defined")
    if name in scope.deciding:
        raise IntrinsicError(f"condition {name!r} depends on itself")
    scope.deciding.add(name)
    result = _truth(evaluate(scope.conditions[name], scope))
    scope.deciding.discard(name)
    scope.decided[name] = result
    return result


def _truth(value: Any) -> Any:
    if isinstance(value, bool | Unknown):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return Unknown(expr=f"condition {value!r}")


def refs_of(value: Any) -> frozenset[str]:
    """Resources a value was derived from."""
    if isinstance(value, Ref):
        return frozenset({value.address})
    if isinstance(value, Unknown):
        return value.refs
    if isinstance(value, Mapping):
        return frozenset().union(*(refs_of(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return frozenset().union(*(refs_of(v) for v in value))
    return frozenset()


def _unknown(expr: str, *parts: Any) -> Unknown:
    return Unknown(expr=expr, refs=refs_of(list(parts)))


def _ref(arg: Any, scope: Scope) -> Any:
    name = str(arg)
    if name in scope.parameters:
        return scope.parameters[name]
    if name == "AWS::NoValue":
        return NO_VALUE
    if name == "AWS::Region" and scope.region:
        return scope.region
    if name in scope.resources:
        return Ref(expr=f"!Ref {name}", address=scope.prefix + name, attribute="id")
    return Unknown(expr=f"!Ref {name}")


def _get_att(arg: Any, scope: Scope) -> Any:
    parts = str(arg).split(".", 1) if isinstance(arg, str) else arg
    if not isinstance(parts, list) or len(parts) != 2:
        raise IntrinsicError("Fn::GetAtt takes [LogicalId, Attribute]")
    name, attribute = str(parts[0]), evaluate(parts[1], scope)
    text = f"!GetAtt {name}.{attribute}"
    if isinstance(attribute, str) and attribute.startswith("Outputs.") and name in scope.outputs:
        return scope.outputs[name].get(attribute.removeprefix("Outputs."), Unknown(expr=text))
    if name in scope.resources and isinstance(attribute, str):
        return Ref(expr=text, address=scope.prefix + name, attribute=snake(attribute))
    return Unknown(expr=text)


def _sub(arg: Any, scope: Scope) -> Any:
    if not isinstance(arg, str | list):
        raise IntrinsicError("Fn::Sub takes a string, or [string, {name: value}]")
    template, extra = (arg, {}) if isinstance(arg, str) else _pair(arg, "Fn::Sub")
    if not isinstance(template, str) or not isinstance(extra, dict):
        raise IntrinsicError("Fn::Sub takes a string, or [string, {name: value}]")
    local = {k: evaluate(v, scope) for k, v in extra.items()}
    pieces: list[Any] = []
    last = 0
    for match in _SUB.finditer(template):
        pieces += [template[last : match.start()], _sub_name(match.group(1), local, scope)]
        last = match.end()
    pieces.append(template[last:])
    return _concat(pieces, f"!Sub {template[:80]}")


def _sub_name(name: str, local: Mapping[str, Any], scope: Scope) -> Any:
    if name in local:
        return local[name]
    if "." in name and name.split(".", 1)[0] in scope.resources:
        return _get_att(name.split(".", 1), scope)
    return _ref(name, scope)


def _concat(pieces: list[Any], expr: str) -> Any:
    if all(isinstance(p, str | int | float) and not isinstance(p, bool) for p in pieces):
        texts = [str(p) for p in pieces]
        if sum(map(len, texts)) > MAX_STRING:  # measured before joining: no huge string
            raise IntrinsicError(f"string longer than {MAX_STRING:,} characters")
        return "".join(texts)
    return _unknown(expr, *pieces)


def _join(arg: Any, scope: Scope) -> Any:
    delimiter, items = _pair(arg, "Fn::Join")
    items = evaluate(items, scope)
    if not isinstance(items, list):
        return _unknown("!Join", items)
    if not isinstance(delimiter, str):
        raise IntrinsicError("Fn::Join takes [delimiter, [values]]")
    pieces: list[Any] = []
    for index, item in enumerate(items):
        pieces += [delimiter, item] if index else [item]
    return _concat(pieces, "!Join")


def _select(arg: Any, scope: Scope) -> Any:
    index, items = (evaluate(v, scope) for v in _pair(arg, "Fn::Select"))
    if not is_known(index) or not isinstance(items, list):
        return _unknown("!Select", index, items)
    try:
        return items[int(index)]
    except (ValueError, IndexError):
        raise IntrinsicError(f"Fn::Select index {index!r} out of range") from None


def _split(arg: Any, scope: Scope) -> Any:
    delimiter, text = (evaluate(v, scope) for v in _pair(arg, "Fn::Split"))
    if isinstance(delimiter, str) and delimiter and isinstance(text, str):
        return text.split(delimiter)
    return _unknown("!Split", text)


def _if(arg: Any, scope: Scope) -> Any:
    if not isinstance(arg, list) or len(arg) != 3:
        raise IntrinsicError("Fn::If takes [condition, value if true, value if false]")
    decided = condition(str(arg[0]), scope)
    if isinstance(decided, bool):
        return evaluate(arg[1] if decided else arg[2], scope)
    both = [evaluate(arg[1], scope), evaluate(arg[2], scope)]
    return _unknown(f"!If {arg[0]}", *(v for v in both if v is not NO_VALUE))


def _find_in_map(arg: Any, scope: Scope) -> Any:
    if not isinstance(arg, list) or len(arg) < 3:
        raise IntrinsicError("Fn::FindInMap takes [map, top key, second key]")
    keys = [evaluate(v, scope) for v in arg[:3]]
    if not all(isinstance(k, str | int) for k in keys):
        return _unknown("!FindInMap", *keys)
    found: Any = scope.mappings
    for key in keys:
        if not isinstance(found, Mapping) or str(key) not in found:
            return Unknown(expr=f"!FindInMap {keys}")
        found = found[str(key)]
    return found


def _get_azs(arg: Any, scope: Scope) -> Any:
    region = evaluate(arg, scope)
    if region == "" or region is None:  # `!GetAZs ""`: the stack's own region
        region = scope.region
    if isinstance(region, str) and region:
        return [f"{region}{letter}" for letter in "abc"]
    return Unknown(expr="!GetAZs")


def _equals(arg: Any, scope: Scope) -> Any:
    left, right = (evaluate(v, scope) for v in _pair(arg, "Fn::Equals"))
    if not is_known(left) or not is_known(right):
        return _unknown("!Equals", left, right)
    return str(left) == str(right) if not isinstance(left, list | dict) else left == right


def _logic(combine: Callable[[list[bool]], bool], name: str) -> Callable[[Any, Scope], Any]:
    def apply(arg: Any, scope: Scope) -> Any:
        if not isinstance(arg, list) or not arg:
            raise IntrinsicError(f"{name} takes a list of conditions")
        values = [_truth(evaluate(v, scope)) for v in arg]
        if all(isinstance(v, bool) for v in values):
            return combine(values)
        known = [v for v in values if isinstance(v, bool)]
        if name == "Fn::And" and False in known:
            return False
        if name == "Fn::Or" and True in known:
            return True
        return Unknown(expr=name)

    return apply


def _condition(arg: Any, scope: Scope) -> Any:
    return condition(str(arg), scope)


def _opaque(name: str) -> Callable[[Any, Scope], Any]:
    def apply(arg: Any, scope: Scope) -> Any:
        return _unknown(name, evaluate(arg, scope))

    return apply


def _base64(arg: Any, scope: Scope) -> Any:
    return evaluate(arg, scope)


def _pair(arg: Any, name: str) -> tuple[Any, Any]:
    if not isinstance(arg, list) or len(arg) != 2:
        raise IntrinsicError(f"{name} takes two arguments")
    return arg[0], arg[1]


_FUNCTIONS: dict[str, Callable[[Any, Scope], Any]] = {
    "Ref": _ref,
    "Fn::GetAtt": _get_att,
    "Fn::Sub": _sub,
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::Split": _split,
    "Fn::If": _if,
    "Fn::FindInMap": _find_in_map,
    "Fn::GetAZs": _get_azs,
    "Fn::Equals": _equals,
    "Fn::And": _logic(all, "Fn::And"),
    "Fn::Or": _logic(any, "Fn::Or"),
    "Fn::Not": _logic(lambda v: not v[0], "Fn::Not"),
    "Condition": _condition,
    "Fn::Base64": _base64,
    "Fn::ImportValue": _opaque("!ImportValue"),
    "Fn::Cidr": _opaque("!Cidr"),
    "Fn::Length": _opaque("!Length"),
    "Fn::ToJsonString": _opaque("!ToJsonString"),
    "Fn::Transform": _opaque("!Transform"),
}
