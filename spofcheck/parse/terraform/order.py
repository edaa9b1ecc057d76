"""Evaluation order of a module's declarations: dependencies first, cycles found (Tarjan)."""

from __future__ import annotations

from collections.abc import Mapping


def evaluation_order(deps: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components, each after everything it depends on.

    A component of more than one node, or a node that depends on itself, is a cycle.
    Iterative (no recursion limit) and deterministic (nodes visited in sorted order).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(deps):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, _next(deps, start))]
        _visit(start, index, low, stack, on_stack)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    _visit(nxt, index, low, stack, on_stack)
                    work.append((nxt, _next(deps, nxt)))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                components.append(_pop_component(node, stack, on_stack))
    return components


def _next(deps: Mapping[str, set[str]], node: str) -> list[str]:
    # reversed so that popping from the end visits dependencies in sorted order
    return sorted((d for d in deps.get(node, ()) if d in deps), reverse=True)


def _visit(
    node: str, index: dict[str, int], low: dict[str, int], stack: list[str], on_stack: set[str]
) -> None:
    index[node] = low[node] = len(index)
    stack.append(node)
    on_stack.add(node)


def _pop_component(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    component: list[str] = []
    while True:
        node = stack.pop()
        on_stack.discard(node)
        component.append(node)
        if node == root:
            return sorted(component)


def is_cycle(component: list[str], deps: Mapping[str, set[str]]) -> bool:
    return len(component) > 1 or component[0] in deps.get(component[0], set())
