"""Terraform version constraints (`~> 5.0`, `>= 1.2, < 2`) and picking the newest match."""

from __future__ import annotations

import re
from collections.abc import Iterable

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$")
_CONSTRAINT = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$")

_RELEASE: tuple[tuple[int, int | str], ...] = ((2, 0),)
_LOWEST: tuple[tuple[int, int | str], ...] = ((-1, 0),)
Key = tuple[int, int, int, tuple[tuple[int, int | str], ...]]


def parse_version(text: str) -> tuple[Key, int] | None:
    """(sort key, number of parts written) or None when not a version."""
    match = _VERSION.match(text.strip())
    if not match:
        return None
    parts = [int(p) if p is not None else 0 for p in match.group(1, 2, 3)]
    written = sum(p is not None for p in match.group(1, 2, 3))
    pre = match.group(4)
    # Semver order: numeric identifiers before alphanumeric ones, a release after all of
    # its pre-releases (marker 2).
    tail = tuple((0, int(x)) if x.isdigit() else (1, x) for x in pre.split(".")) if pre else ()
    marker: tuple[tuple[int, int | str], ...] = tail or _RELEASE
    return (parts[0], parts[1], parts[2], marker), written


def newest_matching(versions: Iterable[str], constraint: str | None) -> str | None:
    """The highest version meeting every clause; pre-releases only when named exactly."""
    checks = _clauses(constraint or "")
    if checks is None:
        return None
    best: tuple[Key, str] | None = None
    for text in versions:
        parsed = parse_version(text)
        if parsed is None:
            continue
        key = parsed[0]
        prerelease = key[3] != _RELEASE
        if prerelease and not any(op == "=" and k == key for op, k, _ in checks):
            continue
        meets = all(_meets(key, op, want, n) for op, want, n in checks)
        if meets and (best is None or key > best[0]):
            best = (key, text)
    return best[1] if best else None


def _clauses(constraint: str) -> list[tuple[str, Key, int]] | None:
    found = []
    for clause in filter(None, (c.strip() for c in constraint.split(","))):
        match = _CONSTRAINT.match(clause)
        parsed = parse_version(match.group(2)) if match else None
        if match is None or parsed is None:
            return None
        found.append((match.group(1) or "=", parsed[0], parsed[1]))
    return found


def _meets(have: Key, op: str, want: Key, written: int) -> bool:
    if op == "~>":
        upper = _bump(want, written)
        return want <= have < upper
    return {
        "=": have == want,
        "!=": have != want,
        ">": have > want,
        ">=": have >= want,
        "<": have < want,
        "<=": have <= want,
    }[op]


def _bump(want: Key, written: int) -> Key:
    """`~> 1.2` allows < 2.0; `~> 1.2.3` allows < 1.3.0; `~> 1` allows < 2."""
    major, minor, _patch, _ = want
    if written <= 2:
        return (major + 1, 0, 0, _LOWEST)
    return (major, minor + 1, 0, _LOWEST)
