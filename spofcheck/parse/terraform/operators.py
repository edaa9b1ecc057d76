"""Terraform's operators and automatic type conversions over known Python values."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from spofcheck.parse.terraform.values import NUMBER, UNSETTLED, VIEWS, known, type_name


class TypeMismatch(Exception):
    """A value Terraform would refuse for this operation (the result is invalid)."""


def to_number(value: Any) -> int | float:
    """A number, converting numeric strings as Terraform does."""
    if isinstance(value, bool) or value is None:
        raise TypeMismatch(f"a number is required, not {value!r}")
    if isinstance(value, NUMBER):
        return value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise TypeMismatch(f"a number is required, not {value!r}") from None
        return normalize(number)
    raise TypeMismatch("a number is required")


def normalize(number: float) -> int | float:
    """Integral results as int (4/2 is 2), so they index lists and print without '.0'."""
    if isinstance(number, float) and math.isfinite(number) and number.is_integer():
        return int(number)
    return number


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    raise TypeMismatch(f"a bool is required, not {value!r}")


def to_string(value: Any) -> str:
    """String conversion for templates and string functions (null and collections fail)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, NUMBER) and math.isfinite(value):
        return str(normalize(value))
    raise TypeMismatch(f"a string is required, not {type(value).__name__}")


def to_int(value: Any) -> int:
    number = to_number(value)
    if isinstance(number, float):
        raise TypeMismatch(f"a whole number is required, not {number}")
    return number


def equal(left: Any, right: Any) -> bool:
    """Terraform equality on known values: no bool/number mixing, deep for collections."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left is right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            equal(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(equal(v, right[k]) for k, v in left.items())
    if isinstance(left, VIEWS) or isinstance(right, VIEWS):
        return bool(left == right)
    if isinstance(left, NUMBER) and isinstance(right, NUMBER):
        return left == right
    return type(left) is type(right) and left == right


_MAX_BITS = 1024


def _divide(a: int | float, b: int | float) -> int | float:
    if b == 0:
        raise TypeMismatch("division by zero")
    return normalize(a / b)


def _modulo(a: int | float, b: int | float) -> int | float:
    if b == 0:
        raise TypeMismatch("modulo by zero")
    return normalize(math.fmod(a, b))  # the sign follows the dividend, as in Go


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: normalize(a + b),
    "-": lambda a, b: normalize(a - b),
    "*": lambda a, b: normalize(a * b),
    "/": _divide,
    "%": _modulo,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def binary(op: str, left: Any, right: Any) -> Any:
    """Apply a binary operator to two known values; raises TypeMismatch when Terraform would."""
    if op in _ARITHMETIC:
        result = _ARITHMETIC[op](to_number(left), to_number(right))
        if isinstance(result, float) and not math.isfinite(result):
            raise TypeMismatch("number out of range")
        if isinstance(result, int) and result.bit_length() > _MAX_BITS:
            raise TypeMismatch("number out of range")  # repeated squaring must not eat memory
        return result
    if op == "==":
        return equal(left, right)
    if op == "!=":
        return not equal(left, right)
    if op == "&&":
        return to_bool(left) and to_bool(right)
    if op == "||":
        return to_bool(left) or to_bool(right)
    raise TypeMismatch(f"unknown operator {op}")


def short_circuit(op: str, left: Any, right: Any) -> bool | None:
    """Results known despite an unknown part; None when there is none.

    `false && x` and `true || x` whatever x is; `==`/`!=` between values of different
    kinds (`var.map_with_unknowns != null`) whatever their unknown contents.
    """
    if op in ("==", "!="):
        if isinstance(left, UNSETTLED) or isinstance(right, UNSETTLED):
            return None
        return None if type_name(left) == type_name(right) else op == "!="
    for side in (left, right):
        if known(side) and isinstance(side, bool):
            if op == "&&" and side is False:
                return False
            if op == "||" and side is True:
                return True
    return None


def unary(op: str, operand: Any) -> Any:
    if op == "-":
        return normalize(-to_number(operand))
    return not to_bool(operand)
