"""Collection functions (`length`, `concat`, `lookup`, `merge`, `flatten`, ...).

Lists, tuples and sets are Python lists (sets sorted when their elements are all strings
or all numbers, as Terraform orders them); maps and objects are dicts. A function
returns `Unknown()` to say "unknown" (the caller fills in the expression and refs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spofcheck.parse.terraform.functions_scalars import FunctionError, arity, number
from spofcheck.parse.terraform.operators import equal, to_bool, to_int, to_string
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.values import SIZED, UNSETTLED, known

# Lists bigger than this are not built (range(1e9) must not eat the machine).
MAX_LIST = 100_000


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise FunctionError("a list is required")
    return value


def _map(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FunctionError("a map is required")
    return value


def _length(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    if isinstance(value, SIZED):
        return len(value)
    raise FunctionError("length needs a collection or string")


def _element(args: Sequence[Any]) -> Any:
    items, index = arity(args, 2)
    items = _list(items)
    if not items:
        raise FunctionError("element of an empty list")
    return items[to_int(index) % len(items)]


def _concat(args: Sequence[Any]) -> Any:
    out: list[Any] = []
    for arg in args:
        out.extend(_list(arg))
    return out


def _lookup(args: Sequence[Any]) -> Any:
    if len(args) not in (2, 3):
        raise FunctionError("lookup takes 2 or 3 arguments")
    mapping, key = _map(args[0]), to_string(args[1])
    if key in mapping:
        return mapping[key]
    if len(args) == 3:
        return args[2]
    raise FunctionError(f"no key {key!r}")


def _coalesce(args: Sequence[Any]) -> Any:
    for arg in args:
        if isinstance(arg, UNSETTLED):
            return Unknown()
        if arg is not None and arg != "":
            return arg
    raise FunctionError("no non-null argument")


def _coalescelist(args: Sequence[Any]) -> Any:
    for arg in args:
        if isinstance(arg, UNSETTLED):
            return Unknown()
        if _list(arg):
            return arg
    return []


def _tolist(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return _list(value)


def _tomap(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return _map(value)


def _merge(args: Sequence[Any]) -> Any:
    out: dict[str, Any] = {}
    for arg in args:
        if arg is not None:
            out.update(_map(arg))
    return out


def _flatten(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    out: list[Any] = []
    stack = [iter(_list(value))]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, UNSETTLED):
            return Unknown()  # might be a list to splice in: the shape is unknown
        elif isinstance(item, list):
            stack.append(iter(item))
        else:
            out.append(item)
    return out


_END = object()


def _keys(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return sorted(_map(value))


def _values(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    mapping = _map(value)
    return [mapping[k] for k in sorted(mapping)]


def _contains(args: Sequence[Any]) -> Any:
    items, wanted = arity(args, 2)
    if not known(wanted):
        return Unknown()
    if any(known(item) and equal(item, wanted) for item in _list(items)):
        return True
    return False if known(items) else Unknown()


def _slice(args: Sequence[Any]) -> Any:
    items, start, end = arity(args, 3)
    items, first, last = _list(items), to_int(start), to_int(end)
    if not 0 <= first <= last <= len(items):
        raise FunctionError("slice bounds out of range")
    return items[first:last]


def _range(args: Sequence[Any]) -> Any:
    if not 1 <= len(args) <= 3:
        raise FunctionError("range takes 1 to 3 arguments")
    nums: list[int | float] = [number(a) for a in args]
    start, stop = (0, nums[0]) if len(nums) == 1 else (nums[0], nums[1])
    step = nums[2] if len(nums) == 3 else 1
    if step == 0 or abs((stop - start) / step) > MAX_LIST:
        raise FunctionError("range too large or step 0")
    out, value = [], start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(value)
        value += step
    return out


def _compact(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    return [to_string(v) for v in _list(items) if v is not None and v != ""]


def _zipmap(args: Sequence[Any]) -> Any:
    keys, values = arity(args, 2)
    keys, values = _list(keys), _list(values)
    if not known(keys) or len(keys) != len(values):
        raise FunctionError("zipmap needs known keys and lists of equal length")
    return {to_string(k): v for k, v in zip(keys, values, strict=True)}


def _sort(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    return sorted(to_string(v) for v in _list(items))


def _one(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    items = _list(items)
    if len(items) > 1:
        raise FunctionError("one() of more than one element")
    return items[0] if items else None


def _reverse(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    return list(reversed(_list(items)))


def _index(args: Sequence[Any]) -> Any:
    items, wanted = arity(args, 2)
    for position, item in enumerate(_list(items)):
        if equal(item, wanted):
            return position
    raise FunctionError("value not in list")


def _chunklist(args: Sequence[Any]) -> Any:
    items, size = arity(args, 2)
    items, width = _list(items), to_int(size)
    if width <= 0:
        return [items] if width == 0 else []
    return [items[i : i + width] for i in range(0, len(items), width)]


def _bools(kind: str) -> Callable[[Sequence[Any]], Any]:
    def run(args: Sequence[Any]) -> Any:
        (items,) = arity(args, 1)
        values = [to_bool(v) for v in _list(items)]
        return all(values) if kind == "all" else any(values)

    return run


COLLECTION_FUNCTIONS: dict[str, tuple[Callable[[Sequence[Any]], Any], str]] = {
    "length": (_length, "SHALLOW"),
    "element": (_element, "SHALLOW"),
    "concat": (_concat, "SHALLOW"),
    "lookup": (_lookup, "SHALLOW"),
    "coalesce": (_coalesce, "RAW"),
    "coalescelist": (_coalescelist, "RAW"),
    "tolist": (_tolist, "SHALLOW"),
    "tomap": (_tomap, "SHALLOW"),
    "merge": (_merge, "SHALLOW"),
    "flatten": (_flatten, "SHALLOW"),
    "keys": (_keys, "SHALLOW"),
    "values": (_values, "SHALLOW"),
    "contains": (_contains, "SHALLOW"),
    "slice": (_slice, "SHALLOW"),
    "range": (_range, "STRICT"),
    "compact": (_compact, "STRICT"),
    "zipmap": (_zipmap, "SHALLOW"),
    "sort": (_sort, "STRICT"),
    "one": (_one, "SHALLOW"),
    "reverse": (_reverse, "SHALLOW"),
    "index": (_index, "STRICT"),
    "chunklist": (_chunklist, "SHALLOW"),
    "alltrue": (_bools("all"), "STRICT"),
    "anytrue": (_bools("any"), "STRICT"),
}
