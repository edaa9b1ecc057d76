"""The names an expression can see: module values, count/each, for-expression iterators."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.syntax import Expr
from spofcheck.parse.terraform.values import Budget, Invalid

# Evaluates an expression in a scope (evaluate.evaluate, passed to avoid import cycles).
Evaluator = Callable[[Expr, "Scope"], Any]


@dataclass
class ModuleValues:
    """Everything evaluated so far in one module instance, by the name expressions use."""

    variables: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)  # type -> name -> value
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    modules: dict[str, Any] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)  # shared by every module of one load


class Scope:
    """The names visible to one expression: module values plus count/each/iterators."""

    __slots__ = ("count", "each", "iterators", "values")

    def __init__(
        self,
        values: ModuleValues,
        count: Any = None,
        each: Any = None,
        iterators: Mapping[str, Any] | None = None,
    ) -> None:
        self.values = values
        self.count = count  # {"index": n} inside a counted resource, else None
        self.each = each  # {"key": k, "value": v} inside a for_each resource, else None
        self.iterators = iterators or {}

    def with_iterators(self, names: Mapping[str, Any]) -> Scope:
        return Scope(self.values, self.count, self.each, {**self.iterators, **names})

    def lookup(self, name: str) -> Any:
        if name in self.iterators:
            return self.iterators[name]
        v = self.values
        if name == "var":
            return v.variables
        if name == "local":
            return v.locals
        if name in _SPECIAL:
            found = _SPECIAL[name](self)
            return found if found is not None else Invalid(expr=name)
        return v.resources.get(name, Invalid(expr=name))


_SPECIAL: dict[str, Callable[[Scope], Any]] = {
    "module": lambda sc: sc.values.modules,
    "data": lambda sc: sc.values.data,
    "path": lambda sc: sc.values.path,
    "terraform": lambda sc: {"workspace": "default"},
    "count": lambda sc: sc.count,
    "each": lambda sc: sc.each,
    "self": lambda sc: Unknown(expr="self"),
}
