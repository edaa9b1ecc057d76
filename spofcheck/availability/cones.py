"""Plain cones: what a component needs through plain dependencies, given what is known up.

Shared by the diagram compiler (factors.py) and the sampler (sampled.py), so that both
read the structure function the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spofcheck.availability.structure import Structure
from spofcheck.graph.structure import Alternatives

# Components known to be up in a context: a large shared base and what the nesting added
# (kept apart so that a context is never a copy of the whole design).
Known = tuple[frozenset[str], frozenset[str]]


def has(known: Known, component: str) -> bool:
    return component in known[1] or component in known[0]


def cone(
    plain: Mapping[str, list[str]],
    anyof: Mapping[str, list[Alternatives]],
    starts: Iterable[str],
    known: Known,
) -> tuple[list[str], list[Alternatives]]:
    """Components newly needed from `starts` through plain dependencies (those in `known`
    are up already), and the `any_of` groups they meet."""
    seen: set[str] = set()
    stack = [s for s in starts if not has(known, s)]
    groups: list[Alternatives] = []
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        groups.extend(anyof[c])
        stack.extend(t for t in plain[c] if t not in seen and not has(known, t))
    return sorted(seen), groups


def reach(
    plain: Mapping[str, list[str]],
    anyof: Mapping[str, list[Alternatives]],
    starts: Iterable[str],
    known: Known,
) -> frozenset[str]:
    """Every component not in `known` that `starts` lead to through any dependency: all
    the variables an event built from `starts` in this context can depend on."""
    seen: set[str] = set()
    stack = [s for s in starts if not has(known, s)]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        targets = [*plain[c], *(t for alts in anyof[c] for t in alts)]
        stack.extend(t for t in targets if t not in seen and not has(known, t))
    return frozenset(seen)


def split_needs(
    structure: Structure,
) -> tuple[dict[str, list[str]], dict[str, list[Alternatives]]]:
    """Each component's plain dependencies and its `any_of` groups."""
    plain = {c: [a[0] for a in structure.needs[c] if len(a) == 1] for c in structure.order}
    anyof = {c: [a for a in structure.needs[c] if len(a) > 1] for c in structure.order}
    return plain, anyof
