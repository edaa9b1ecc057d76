"""A small reduced ordered binary decision diagram (ROBDD) and its probability passes.

Nodes are integers: 0 is FALSE, 1 is TRUE, and every other node tests the variable at
its level (0 nearest the root) with a `lo` (variable false) and `hi` (variable true)
child. Children are always created before their parents, so ascending node numbers are
a bottom-up order; the probability passes rely on that. `apply` is iterative so that a
chain of a thousand dependencies does not meet Python's recursion limit.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FALSE = 0
TRUE = 1
CHECK_EVERY = 4096  # apply steps between two looks at the clock


class BudgetExceeded(Exception):
    """A diagram would need more nodes (or time) than it was given; `limit` says which."""

    def __init__(self, limit: str) -> None:
        super().__init__(limit)
        self.limit = limit


class Bdd:
    """A store of shared ROBDD nodes over `n_vars` variables (levels 0 .. n_vars-1).

    `max_nodes` bounds the nodes (the memo is cleared when it outgrows the same figure);
    `deadline` is a `time.monotonic()` instant. Crossing either raises BudgetExceeded.
    """

    def __init__(
        self, n_vars: int, max_nodes: int | None = None, deadline: float | None = None
    ) -> None:
        self.n_vars = n_vars
        self.max_nodes = max_nodes
        self.deadline = deadline
        self._steps = CHECK_EVERY - 1  # the first step looks at the clock
        self.level: list[int] = [n_vars, n_vars]
        self.lo: list[int] = [FALSE, TRUE]
        self.hi: list[int] = [FALSE, TRUE]
        self._unique: dict[tuple[int, int, int], int] = {}
        self._memo: dict[tuple[bool, int, int], int] = {}

    def __len__(self) -> int:
        return len(self.level)

    def var(self, level: int) -> int:
        """The function that is true exactly when the variable at `level` is true."""
        return self.mk(level, FALSE, TRUE)

    def conj(self, f: int, g: int) -> int:
        return self._apply(True, f, g)

    def disj(self, f: int, g: int) -> int:
        return self._apply(False, f, g)

    def mk(self, level: int, lo: int, hi: int) -> int:
        if lo == hi:
            return lo
        key = (level, lo, hi)
        node = self._unique.get(key)
        if node is None:
            node = len(self.level)
            if self.max_nodes is not None and node > self.max_nodes:
                raise BudgetExceeded("nodes")
            self.level.append(level)
            self.lo.append(lo)
            self.hi.append(hi)
            self._unique[key] = node
        return node

    def _cofactors(self, node: int, top: int) -> tuple[int, int]:
        if self.level[node] == top:
            return self.lo[node], self.hi[node]
        return node, node

    def _apply(self, is_and: bool, f: int, g: int) -> int:
        if self.max_nodes is not None and len(self._memo) > self.max_nodes:
            # the memo is only a cache: a chain of ORs would grow it quadratically
            self._memo.clear()
        results: list[int] = []
        # (a, b, -1): compute op(a, b); (a, b, level): combine the two results on top.
        todo: list[tuple[int, int, int]] = [(f, g, -1)]
        while todo:
            self._tick()
            a, b, level = todo.pop()
            if level >= 0:
                hi, lo = results.pop(), results.pop()
                node = self.mk(level, lo, hi)
                self._memo[(is_and, a, b)] = node
                results.append(node)
                continue
            if a > b:
                a, b = b, a
            known = _terminal(is_and, a, b)
            if known is None:
                known = self._memo.get((is_and, a, b))
            if known is not None:
                results.append(known)
                continue
            top = min(self.level[a], self.level[b])
            a0, a1 = self._cofactors(a, top)
            b0, b1 = self._cofactors(b, top)
            todo.extend(((a, b, top), (a1, b1, -1), (a0, b0, -1)))
        return results[0]

    def _tick(self) -> None:
        self._steps += 1
        due = self._steps % CHECK_EVERY == 0 and self.deadline is not None
        if due and time.monotonic() > self.deadline:  # type: ignore[operator]
            raise BudgetExceeded("time")


def _terminal(is_and: bool, a: int, b: int) -> int | None:
    absorbing, identity = (FALSE, TRUE) if is_and else (TRUE, FALSE)
    if absorbing in (a, b):
        return absorbing
    if a == identity:
        return b
    if b in (identity, a):
        return a
    return None


@dataclass(frozen=True)
class Diagram:
    """The nodes under one root, renumbered bottom-up: 0 FALSE, 1 TRUE."""

    levels: tuple[int, ...]
    lo: tuple[int, ...]
    hi: tuple[int, ...]
    root: int

    @property
    def size(self) -> int:
        return len(self.levels)


def extract(bdd: Bdd, root: int) -> Diagram:
    """Keep only the nodes reachable from `root` (intermediate results are dropped)."""
    seen = {FALSE, TRUE, root}
    stack = [root]
    while stack:
        node = stack.pop()
        if node > TRUE:
            for child in (bdd.lo[node], bdd.hi[node]):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
    order = sorted(seen)
    index = {node: i for i, node in enumerate(order)}
    return Diagram(
        levels=tuple(bdd.level[n] for n in order),
        lo=tuple(index[bdd.lo[n]] for n in order),
        hi=tuple(index[bdd.hi[n]] for n in order),
        root=index[root],
    )


Vector = list[float]
Rows = Sequence[Vector] | Mapping[int, Vector]  # by variable level; a mapping may be sparse


def probability(d: Diagram, p: Rows, width: int | None = None) -> list[Vector]:
    """P(node true) for every node, one value per state: `p[v][s]` = P(variable v | state s).

    Variables are independent given the state, so P(node) = p*P(hi) + (1-p)*P(lo).
    `width` (the number of states) is needed when `p` is a mapping.
    """
    if width is None:
        width = len(p[0]) if p else 1
    out: list[Vector] = [[0.0] * width, [1.0] * width]
    for i in range(2, d.size):
        q, h, lo = p[d.levels[i]], out[d.hi[i]], out[d.lo[i]]
        out.append([b + x * (a - b) for x, a, b in zip(q, h, lo, strict=True)])
    return out


def gradient(d: Diagram, p: Sequence[Vector], prob: list[Vector]) -> list[Vector]:
    """dP(root)/dp[v] for every variable, per state (zero where v is not in the diagram)."""
    width = len(prob[0])
    sparse = partials(d, p, prob)
    return [sparse.get(v, [0.0] * width) for v in range(len(p))]


def partials(d: Diagram, p: Rows, prob: list[Vector]) -> dict[int, Vector]:
    """dP(root)/dp[v] per state for the variables the diagram tests, in one top-down pass.

    Each node passes its share of the root's sensitivity to its children, and adds
    share * (P(hi) - P(lo)) to the derivative of its variable.
    """
    width = len(prob[0])
    grad: dict[int, Vector] = {}
    share: list[Vector | None] = [None] * d.size
    share[d.root] = [1.0] * width
    for i in range(d.root, 1, -1):
        s = share[i]
        if s is None:
            continue
        q, v = p[d.levels[i]], d.levels[i]
        h, lo = prob[d.hi[i]], prob[d.lo[i]]
        acc = grad.get(v) or [0.0] * width
        grad[v] = [g + w * (a - b) for g, w, a, b in zip(acc, s, h, lo, strict=True)]
        _pass_on(share, d.hi[i], [w * x for w, x in zip(s, q, strict=True)])
        _pass_on(share, d.lo[i], [w * (1.0 - x) for w, x in zip(s, q, strict=True)])
    return grad


def _pass_on(share: list[Vector | None], child: int, amount: Vector) -> None:
    if child <= TRUE:
        return
    current = share[child]
    share[child] = (
        amount if current is None else [a + b for a, b in zip(current, amount, strict=True)]
    )
