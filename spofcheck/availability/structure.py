"""The structure function: which components the entry points need, as one Boolean formula.

Rule 4: a component is up iff its own capacity is up and every hard request dependency
is satisfied (a plain one: the target is up; `any_of`: one alternative is up). Rule 5:
the service is up iff every entry point is up. Only hard `request` dependencies count.

A depth-first walk from the entry points (sorted, dependencies in sorted order) finds
the components that matter, breaks dependency cycles at the edge that closes them, and
gives the depth-first order factors.py starts its variable order from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spofcheck.graph.build import build_graph, request_graph
from spofcheck.graph.structure import Alternatives, hard_needs, is_component
from spofcheck.model import Architecture


@dataclass(frozen=True)
class Structure:
    """The part of an architecture the value depends on, cycles broken."""

    entries: tuple[str, ...]
    order: tuple[str, ...]  # reachable components in variable order
    needs: dict[str, tuple[Alternatives, ...]]  # kept hard dependencies per component
    notes: tuple[str, ...]


def hard_dependencies(arch: Architecture) -> tuple[dict[str, list[Alternatives]], list[str]]:
    """Hard request dependencies per source, read from the request graph the checks use
    (graph/build.py); unknown targets dropped with a note."""
    request = request_graph(build_graph(arch))
    needs: dict[str, list[Alternatives]] = {}
    notes: list[str] = []
    for source, groups in hard_needs(request).items():
        if not is_component(request, source):
            continue
        for alts in groups:
            known = tuple(t for t in alts if is_component(request, t))
            notes.extend(
                f"availability: {source} depends on unknown component {t}"
                for t in alts
                if not is_component(request, t)
            )
            if known:
                needs.setdefault(source, []).append(known)
    return {k: sorted(set(v)) for k, v in needs.items()}, notes


def _entries(arch: Architecture) -> tuple[tuple[str, ...], list[str]]:
    entries = sorted(set(arch.entrypoints))
    unknown = [e for e in entries if e not in arch.components]
    notes = [f"availability: entry point {e} is not a component; ignored" for e in unknown]
    return tuple(e for e in entries if e in arch.components), notes


def analyse(arch: Architecture) -> Structure:
    """Walk the hard request dependencies from the entry points."""
    entries, notes = _entries(arch)
    needs, dep_notes = hard_dependencies(arch)
    walk = _Walk(needs)
    for entry in entries:
        walk.visit(entry)
    kept = {c: _kept(c, needs.get(c, []), walk.dropped) for c in walk.order}
    return Structure(entries, tuple(walk.order), kept, (*notes, *dep_notes, *walk.notes))


def _kept(
    component: str, alternatives: list[Alternatives], dropped: set[tuple[str, str]]
) -> tuple[Alternatives, ...]:
    kept = (tuple(t for t in alts if (component, t) not in dropped) for alts in alternatives)
    return tuple(alts for alts in kept if alts)


class _Walk:
    """Iterative depth-first walk: pre-order, and the edges that close a cycle."""

    def __init__(self, needs: dict[str, list[Alternatives]]) -> None:
        self.needs = needs
        self.order: list[str] = []
        self.dropped: set[tuple[str, str]] = set()
        self.notes: list[str] = []
        self._state: dict[str, bool] = {}  # False: on the current path; True: finished

    def _targets(self, component: str) -> Iterator[str]:
        for alts in self.needs.get(component, []):
            yield from alts

    def visit(self, start: str) -> None:
        if start in self._state:
            return
        path = [start]
        stack = [self._targets(start)]
        self._enter(start)
        while stack:
            target = next(stack[-1], None)
            if target is None:
                self._state[path.pop()] = True
                stack.pop()
            elif target not in self._state:
                self._enter(target)
                path.append(target)
                stack.append(self._targets(target))
            elif self._state[target] is False:
                self._drop(path, target)

    def _enter(self, component: str) -> None:
        self._state[component] = False
        self.order.append(component)

    def _drop(self, path: list[str], target: str) -> None:
        source = path[-1]
        if (source, target) in self.dropped:
            return
        self.dropped.add((source, target))
        cycle = " -> ".join([*path[path.index(target) :], target])
        self.notes.append(
            f"availability: hard dependency cycle {cycle}; "
            f"the dependency {source} -> {target} was ignored to compute the value"
        )
