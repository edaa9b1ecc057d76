"""A diagram evaluated node by node over only the situations each node can tell apart.

A node's probability depends only on the zones and regions its variables below are
exposed to. Deep nodes of a multi-region diagram see one region (9 situations), not
all 729 states of three; each node is computed over its own situations, reading its
children's values through a projection. The importance pass goes top-down with the
root's weights (sum of P(state) * sign * product of the other factors, per root
situation) scattered down the same projections, so nothing is ever as wide as the
state space unless the node truly sees every domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add, mul

from spofcheck.availability.bdd import Diagram
from spofcheck.availability.situations import Context, Local, Vector


class DiagramAtom:
    """P(diagram true) per local situation of its root, and its importance pass."""

    def __init__(self, ctx: Context, diagram: Diagram, names: Sequence[str]) -> None:
        self.ctx = ctx
        self.d = diagram
        self.names = names
        self.locals = self._supports()
        self.prob: list[Vector] = [[0.0], [1.0]]
        self.q: list[Vector] = [[], []]
        self.diff: list[Vector] = [[], []]  # P(hi) - P(lo) per situation: the derivative
        for i in range(2, diagram.size):
            self._up(i)
        self.local = self.locals[diagram.root]
        self.values = self.prob[diagram.root]
        self.weight: Vector = [0.0] * len(self.local.keys)

    def _supports(self) -> list[Local]:
        empty = self.ctx.local(frozenset())
        out = [empty, empty]
        for i in range(2, self.d.size):
            own = self.ctx.caps[self.names[self.d.levels[i]]].domains
            domains = own | out[self.d.lo[i]].domains | out[self.d.hi[i]].domains
            out.append(self.ctx.local(domains))
        return out

    def _child(self, i: int, child: int) -> Vector:
        values = self.prob[child]
        if len(values) == 1:
            return values * len(self.locals[i].keys)
        if self.locals[child] is self.locals[i]:
            return values
        return [values[j] for j in self.ctx.projection(self.locals[i], self.locals[child])]

    def _up(self, i: int) -> None:
        q = self.ctx.row(self.names[self.d.levels[i]], self.locals[i])
        hi, lo = self._child(i, self.d.hi[i]), self._child(i, self.d.lo[i])
        diff = [a - b for a, b in zip(hi, lo, strict=True)]
        self.q.append(q)
        self.diff.append(diff)
        self.prob.append([b + x * d for x, d, b in zip(q, diff, lo, strict=True)])

    def add_importance(self, importance: dict[str, float]) -> None:
        """importance[c] += sum over situations of weight * (1 - p_c) * dA/dp_c."""
        share: list[Vector | None] = [None] * self.d.size
        share[self.d.root] = list(self.weight)
        for i in range(self.d.root, 1, -1):
            s = share[i]
            if s is None:
                continue
            q = self.q[i]
            c = self.names[self.d.levels[i]]
            high = [w * x for w, x in zip(s, q, strict=True)]
            low = [w - h for w, h in zip(s, high, strict=True)]  # w * (1 - x)
            importance[c] += sum(map(mul, low, self.diff[i]))
            self._pass(share, i, self.d.hi[i], high)
            self._pass(share, i, self.d.lo[i], low)

    def _pass(self, share: list[Vector | None], i: int, child: int, amount: Vector) -> None:
        if child <= 1:
            return
        target = share[child]
        if self.locals[child] is self.locals[i]:
            share[child] = amount if target is None else list(map(add, target, amount))
            return
        if target is None:
            target = share[child] = [0.0] * len(self.locals[child].keys)
        for j, a in zip(
            self.ctx.projection(self.locals[i], self.locals[child]), amount, strict=True
        ):
            target[j] += a
