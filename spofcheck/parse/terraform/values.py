"""Runtime values of the evaluator: resource views, invalid results, unknown bookkeeping."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spofcheck.parse.terraform.resources import Ref, Unknown

InstanceKey = int | str | None

# Values deeper than this leave the loader as Unknown, so every recursive helper
# downstream (is_known, adapters) stays far from Python's recursion limit.
MAX_VALUE_DEPTH = 48
# Walks over a value stop after this many nodes: locals can share sub-values, so
# `a1 = [a0, a0] ... a60 = [a59, a59]` is small in memory but 2**60 nodes as a tree.
MAX_VALUE_NODES = 1_000_000


@dataclass(frozen=True)
class Invalid(Unknown):
    """A value Terraform would reject (missing key, type mismatch): `try()` skips these.

    It leaves the loader as a plain `Unknown`.
    """


# Resource and module instances one stack may expand to (a large estate has ~10,000).
MAX_STACK_INSTANCES = 50_000


class Budget:
    """Work one load may do (for-expression iterations, instances): hostile input such
    as nested `for` over `range(100000)` ends as Unknown values, not as a hang."""

    __slots__ = ("exhausted", "instances_left", "left")

    def __init__(self, left: int = 1_000_000, instances: int = MAX_STACK_INSTANCES) -> None:
        self.left = left
        self.exhausted = False
        self.instances_left = instances

    def spend(self, amount: int) -> bool:
        self.left -= amount
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted

    def spend_instances(self, amount: int) -> bool:
        """False once the stack holds more resource and module instances than allowed:
        like Terraform's own limits, fan-out (4 calls a level, 16 levels) or nested
        `count` ends in one located error instead of gigabytes of instances."""
        self.instances_left -= amount
        return self.instances_left >= 0


class BlockDict(dict[str, Any]):
    """A resource's nested block: an attribute missing here is computed by the provider,
    so reading it gives an Unknown derived from `owner` (not an error `try()` would skip)."""

    __slots__ = ("owner",)

    def __init__(self, owner: str, items: dict[str, Any]) -> None:
        super().__init__(items)
        self.owner = owner


@dataclass(frozen=True, slots=True)
class InstanceView:
    """What `aws_instance.web[0]` evaluates to: configured attributes, else a `Ref`."""

    address: str
    key: InstanceKey
    attributes: Mapping[str, Any]
    computed_only: bool = False  # data sources: every attribute is read at apply time

    def get(self, name: str) -> Any:
        # null in the configuration leaves the value to the provider (optional + computed)
        value = None if self.computed_only else self.attributes.get(name)
        if value is None:
            return make_ref(self.address, self.key, name)
        if isinstance(value, Unknown) and self.address not in value.refs:
            return dataclasses.replace(value, refs=value.refs | {self.address})  # via us
        return value


@dataclass(frozen=True, slots=True)
class PendingView:
    """A resource whose instances are not known (unknown count/for_each, or a cycle)."""

    address: str

    def instance(self, key: InstanceKey) -> InstanceView:
        return InstanceView(self.address, key, {}, computed_only=True)


# isinstance() with these tuples is about twice as fast as with `A | B` unions (which are
# built anew at each call): the evaluator runs these checks on every node.
UNSETTLED = (Unknown, PendingView)  # not a usable value yet
VIEWS = (InstanceView, PendingView)
OPAQUE = (Unknown, PendingView, InstanceView)  # not a plain value: see known()
NUMBER = (int, float)
CONTAINER = (dict, list)
SIZED = (list, dict, str)
_PLAIN = frozenset({str, int, float, bool, type(None)})


def make_ref(address: str, key: InstanceKey, attribute: str) -> Ref:
    where = address if key is None else f"{address}[{key!r}]".replace("'", '"')
    expr = f"{where}.{attribute}" if attribute else where
    return Ref(expr=expr, refs=frozenset({address}), address=address, key=key, attribute=attribute)


def compose_key(prefix: InstanceKey, key: InstanceKey) -> InstanceKey:
    """Instance keys across module instances: module key "a" and resource key 0 -> "a/0"."""
    if prefix is None:
        return key
    if key is None:
        return prefix
    return f"{prefix}/{key}"


def refs_of(values: Iterable[Any], limit: int = MAX_VALUE_NODES) -> frozenset[str]:
    """Addresses every unknown inside `values` derives from (views count as references);
    a walk stops after `limit` nodes."""
    found: set[str] = set()
    stack = list(values)
    budget = limit
    while stack and budget > 0:
        budget -= 1
        value = stack.pop()
        if isinstance(value, Unknown):
            found.update(value.refs)
        elif isinstance(value, VIEWS):
            found.add(value.address)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return frozenset(found)


def unknown_from(expr: str, inputs: Iterable[Any], *, invalid: bool = False) -> Unknown:
    """An Unknown derived from `inputs`; Invalid when any of them is (or when asked)."""
    values = list(inputs)
    refs = refs_of(values)
    if invalid or any(isinstance(v, Invalid) for v in values):
        return Invalid(expr=expr, refs=refs)
    return Unknown(expr=expr, refs=refs)


def finalize(value: Any) -> Any:
    """The value as adapters see it: views become `Ref`s, Invalid becomes Unknown, and
    anything deeper than MAX_VALUE_DEPTH or bigger than MAX_VALUE_NODES is Unknown."""
    return _Finalizer().run(value, 0)


class _Finalizer:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_VALUE_NODES

    def run(self, value: Any, depth: int) -> Any:
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is BlockDict:
            value, kind = dict(value), dict
        if kind is dict or kind is list:
            self.left -= len(value) + 1
            if depth >= MAX_VALUE_DEPTH or self.left < 0:
                return self.cut(value)
            run = self.run
            if kind is dict:
                return {k: v if type(v) in _PLAIN else run(v, depth + 1) for k, v in value.items()}
            return [v if type(v) in _PLAIN else run(v, depth + 1) for v in value]
        if isinstance(value, Invalid):
            return Unknown(expr=value.expr, refs=value.refs)
        if isinstance(value, InstanceView):
            return make_ref(value.address, value.key, "")
        if isinstance(value, PendingView):
            return make_ref(value.address, None, "")
        return value

    def cut(self, value: Any) -> Unknown:
        """An Unknown in place of a part too deep or too big; the refs walk is paid from
        the same budget, so many cuts cannot add up to more work than one big value."""
        limit = min(1000, max(self.left, 0))
        self.left -= 1000
        refs = refs_of([value], limit=limit) if limit else frozenset()
        return Unknown(expr="(value too large or too deep)", refs=refs)


def known(value: Any) -> bool:
    """Like `resources.is_known` but iterative (deep values are safe); a whole resource
    (`aws_instance.web`) is not a known value either: its attributes mostly are not."""
    stack = [value]
    budget = MAX_VALUE_NODES
    while stack:
        budget -= 1
        item = stack.pop()
        if isinstance(item, OPAQUE) or budget < 0:  # too big to tell: not known
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, NUMBER):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"
