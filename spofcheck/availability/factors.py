"""The structure function as independent factors, each a small BDD, within a budget.

The service is up iff every component in U (those the entry points need through plain
dependencies) is up and every `any_of` group met on the way is satisfied. Two exact
simplifications keep the diagrams small:

* Restriction: inside a group, every component already known to be up on that path
  (U, or the plain cone of the alternative being expanded) is a constant TRUE, since
  f = x AND g equals x AND g|x=1. U itself becomes one product of probabilities.
* Modular decomposition: groups whose diagrams share no variable are independent given
  the zone/region state, so their probabilities multiply.

A group that would exceed the node or time budget is bounded instead: by Harris'
inequality (all events are monotone in independent variables) the product of its
parts' probabilities is a lower bound, and the smallest part an upper bound; an
`any_of` that alone exceeds the budget is bounded below by one chosen alternative and
above from its alternatives' plain cones (ceiling.py). See docs/availability.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, replace
from itertools import combinations

from spofcheck.availability.bdd import FALSE, TRUE, Bdd, BudgetExceeded, Diagram, extract
from spofcheck.availability.cones import Known, cone, has, reach, split_needs
from spofcheck.availability.structure import Structure
from spofcheck.graph.structure import Alternatives

MAX_ALTERNATIVES = 5  # inclusion-exclusion: 2^k - 1 terms for k alternatives
MAX_TERMS = 64
MAX_CHUNKED = 32  # parts of one cluster conjoined in chunks when it does not fit
LARGE_CONE = 256  # components under a few alternatives: expand before trying a diagram


@dataclass(frozen=True)
class Part:
    """P(every component of `always` up) * P(`diagram` true); `tight`: also an upper bound."""

    always: tuple[str, ...]
    diagram: Diagram | None = None
    tight: bool = True
    # the component at each diagram level when not the global order (a re-ordered cluster)
    variables: tuple[str, ...] | None = None
    source: tuple[Alternatives, Known] | None = None  # the group and its context
    # a bounded `any_of`: each alternative's plain cone (P(group) <= 1 - prod(1 - P(cone
    # up))) and every component the group can depend on (see ceiling.py)
    cones: tuple[tuple[str, ...], ...] = ()
    reach: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Group:
    """Independent of every other group; exact when it has a single tight part."""

    parts: tuple[Part, ...]
    # the top-level `any_of` groups (and their contexts) whose conjunction this is: what
    # the sampler evaluates when the group is bounded
    sources: tuple[tuple[Alternatives, Known], ...] = ()

    @property
    def exact(self) -> bool:
        return len(self.parts) == 1 and self.parts[0].tight


@dataclass(frozen=True)
class Term:
    """`sign` times the product of independent groups."""

    sign: int
    groups: tuple[Group, ...]

    @property
    def exact(self) -> bool:
        return all(g.exact for g in self.groups)


@dataclass(frozen=True)
class Factors:
    """The value is the signed sum of the terms (one term unless inclusion-exclusion)."""

    order: tuple[str, ...]  # diagram level i is the own capacity of order[i]
    terms: tuple[Term, ...]
    limit: str | None  # the budget that turned part of the value into bounds
    nodes: int

    @property
    def exact(self) -> bool:
        return all(t.exact for t in self.terms)


def variable_order(structure: Structure) -> tuple[str, ...]:
    """Components depended on by many first (they are what alternatives share), then the
    depth-first order, which keeps each alternative's cone together."""
    fan_in: dict[str, int] = dict.fromkeys(structure.order, 0)
    for c in structure.order:
        for alts in structure.needs[c]:
            for t in alts:
                fan_in[t] += 1
    position = {c: i for i, c in enumerate(structure.order)}
    return tuple(sorted(structure.order, key=lambda c: (-min(fan_in[c], 3), position[c])))


def factorise(structure: Structure, max_nodes: int, deadline: float | None) -> Factors:
    """The service's structure function as independent factors (see the module doc)."""
    order = variable_order(structure)
    compiler = _Compiler(structure, {c: i for i, c in enumerate(order)}, max_nodes, deadline)
    terms = compiler.expand(frozenset(structure.entries), 1)
    nodes = sum(
        p.diagram.size for t in terms for g in t.groups for p in g.parts if p.diagram is not None
    )
    limit = None if all(t.exact for t in terms) else compiler.limit
    return Factors(order, tuple(terms), limit, nodes)


class _Compiler:
    def __init__(
        self,
        structure: Structure,
        level: dict[str, int],
        max_nodes: int,
        deadline: float | None,
    ) -> None:
        self.level = level
        self.plain, self.anyof = split_needs(structure)
        self.max_nodes = max_nodes
        self.deadline = deadline
        self.limit: str | None = None
        self.terms_left = MAX_TERMS
        self.trying = False  # inside an expansion kept only if exact: give up at a bound

    def expand(self, required: frozenset[str], sign: int) -> list[Term]:
        """`sign` * P(everything `required` needs is up), as terms.

        An `any_of` over a few alternatives that does not fit the budget is expanded by
        inclusion-exclusion, P(a or b) = P(a) + P(b) - P(a and b), each term with the
        alternatives taken as required. Terms that do not fit are bounded, and their
        bounds combine by interval arithmetic (evaluate.py).
        """
        always, groups = self.closure(sorted(required), (frozenset(), frozenset()))
        known: Known = (frozenset(always), frozenset())
        built: list[Part] = []
        for g in sorted(set(groups)):
            if self._large(g, known):  # a diagram of two whole regions: split it first
                terms = self._inclusion_exclusion(g, known, sign)
                if terms is not None:
                    return terms
            part = self.group(g, known)
            if not part.tight and self.trying:
                raise _NotExact
            if not part.tight and len(g) <= MAX_ALTERNATIVES:
                terms = self._exact_inclusion_exclusion(g, known, sign)
                if terms is not None:
                    return terms
            built.append(part)
        return [Term(sign, (Group((Part(tuple(always)),)), *self.merge(built)))]

    def _large(self, alts: Alternatives, known: Known) -> bool:
        if len(alts) > MAX_ALTERNATIVES or any(has(known, a) for a in alts):
            return False
        return sum(len(self.closure([a], known)[0]) for a in alts) > LARGE_CONE

    def _exact_inclusion_exclusion(
        self, alts: Alternatives, known: Known, sign: int
    ) -> list[Term] | None:
        """The expansion of a group that does not fit, kept only if every term is exact:
        a bounded term counts its width in added and subtracted terms alike, so bounds
        from nested expansions are wider than the group's own (Harris) bounds."""
        left, limit = self.terms_left, self.limit
        self.trying = True
        try:
            terms = self._inclusion_exclusion(alts, known, sign)
        except _NotExact:
            terms = None
        finally:
            self.trying = False
        if terms is not None and all(t.exact for t in terms):
            return terms
        self.terms_left, self.limit = left, limit
        return None

    def _inclusion_exclusion(
        self, alts: Alternatives, known: Known, sign: int
    ) -> list[Term] | None:
        subsets = [s for n in range(1, len(alts) + 1) for s in combinations(alts, n)]
        if len(subsets) > self.terms_left:
            return None
        self.terms_left -= len(subsets)
        out: list[Term] = []
        for subset in subsets:
            flip = sign if len(subset) % 2 else -sign
            out.extend(self.expand(known[0] | known[1] | frozenset(subset), flip))
        # Bounded terms are kept: evaluation adds an added term's lower end and subtracts a
        # subtracted term's upper end for the lower bound (and conversely for the upper).
        return out

    def closure(self, starts: Iterable[str], known: Known) -> tuple[list[str], list[Alternatives]]:
        """Components newly needed through plain dependencies, and their `any_of` groups."""
        return cone(self.plain, self.anyof, starts, known)

    def group(self, alts: Alternatives, known: Known) -> Part:
        """One top-level `any_of`, exact if it fits the budget, else its lower bound."""
        bdd = Bdd(len(self.level), self.max_nodes, self.deadline)
        try:
            root = _Either(self, bdd).either(alts, known)
        except BudgetExceeded as exceeded:
            self.limit = self.limit or exceeded.limit
            return self.bounded(alts, known)
        except (RecursionError, MemoryError):
            self.limit = self.limit or "depth"
            return self.bounded(alts, known)
        return Part((), extract(bdd, root), source=(alts, known))

    def bounded(self, alts: Alternatives, known: Known) -> Part:
        """A group that does not fit: its lower bound, and what its upper bound needs."""
        cones = tuple(tuple(self.closure([a], known)[0]) for a in alts)
        floor = self._floor(alts, known)
        return Part(
            self.chosen(alts, known) if floor is None else (),
            floor,
            tight=False,
            source=(alts, known),
            cones=cones,
            reach=reach(self.plain, self.anyof, alts, known),
        )

    def _floor(self, alts: Alternatives, known: Known) -> Diagram | None:
        """The event "for some alternative, every component it takes (each nested group by
        its smallest alternative) is up": it implies the group, so its probability is a
        lower bound, and unlike one chosen alternative it survives that one's failure."""
        bdd = Bdd(len(self.level), self.max_nodes, self.deadline)
        try:
            root = FALSE
            for a in sorted(alts, key=lambda a: -self.level[a]):
                taken = [bdd.var(self.level[c]) for c in self.chosen((a,), known)]
                root = bdd.disj(root, conjoin(bdd, taken))
        except BudgetExceeded:
            return None
        return extract(bdd, root)

    def chosen(self, alts: Alternatives, known: Known) -> tuple[str, ...]:
        """Components that make `alts` up when each `any_of` takes its smallest alternative:
        their all being up implies the group is up, so P(all up) is a lower bound."""
        have = set(known[0] | known[1])
        out: list[str] = []
        todo = [alts]
        while todo:
            group = todo.pop()
            if any(a in have for a in group):
                continue
            frozen: Known = (frozenset(have), frozenset())
            options = [self.closure([a], frozen) for a in group]
            new, nested = min(options, key=lambda o: (len(o[0]), o[0]))
            have.update(new)
            out.extend(new)
            todo.extend(nested)
        return tuple(sorted(out))

    def merge(self, parts: list[Part]) -> list[Group]:
        """Parts sharing a variable, conjoined into one diagram where the budget allows."""
        clusters = _clusters(parts, self.order_of)
        return [
            replace(self._conjoin(c), sources=tuple(p.source for p in c if p.source))
            for c in clusters
        ]

    def order_of(self, part: Part) -> set[int]:
        if part.diagram is not None:
            return set(part.diagram.levels[2:])
        return {self.level[c] for c in part.always}

    def _conjoin(self, parts: list[Part]) -> Group:
        if len(parts) == 1 or not all(p.tight and p.diagram for p in parts):
            return Group(tuple(parts))
        try:
            return self._conjoin_in(parts, self.level)
        except BudgetExceeded:
            pass
        local = _Levels(self._cluster_order(parts))
        try:  # the global order interleaves the parts: give the cluster its own order
            return self._conjoin_in(parts, local)
        except BudgetExceeded as exceeded:
            self.limit = self.limit or exceeded.limit
        if len(parts) > MAX_CHUNKED:  # chunking is a search: for a large cluster it costs
            return Group(tuple(parts))  # more than the bound it tightens
        return Group(tuple(self._chunks(parts, _Levels(self._cluster_order(parts)))))

    def _start(self, level: dict[str, int]) -> tuple[Bdd, _Either]:
        bdd = Bdd(len(self.level), self.max_nodes, self.deadline)
        view = copy(self)
        view.level = level
        return bdd, _Either(view, bdd)

    def _conjoin_in(self, parts: list[Part], level: dict[str, int]) -> Group:
        bdd, either = self._start(level)
        root = TRUE
        for p in parts:
            assert p.source is not None
            root = bdd.conj(root, either.either(*p.source))
        return Group((self._part(bdd, root, level),))

    def _part(self, bdd: Bdd, root: int, level: dict[str, int]) -> Part:
        if level is self.level:
            return Part((), extract(bdd, root))
        variables = tuple(sorted(level, key=level.__getitem__))
        return Part((), extract(bdd, root), variables=variables)

    def _chunks(self, parts: list[Part], level: dict[str, int]) -> list[Part]:
        """Consecutive parts conjoined while they fit: each chunk is an exact conjunction
        of some of the parts, so the smallest chunk bounds the cluster above and their
        product bounds it below (Harris), more tightly than the parts one by one."""
        out: list[Part] = []
        bdd, either = self._start(level)
        root = TRUE
        for i, p in enumerate(parts):
            assert p.source is not None
            try:
                root = bdd.conj(root, either.either(*p.source))
                continue
            except BudgetExceeded as exceeded:
                if exceeded.limit == "time":  # no time left to try: keep the parts as built
                    if root != TRUE:
                        out.append(self._part(bdd, root, level))
                    out.extend(parts[i:])
                    return out
            if root != TRUE:
                out.append(self._part(bdd, root, level))
            bdd, either = self._start(level)
            try:
                root = either.either(*p.source)
            except BudgetExceeded:
                out.append(p)  # its diagram alone, built in the global order
                root = TRUE
        if root != TRUE:
            out.append(self._part(bdd, root, level))
        return out

    def _cluster_order(self, parts: list[Part]) -> list[str]:
        """Variables several parts test first (most shared first), then each part's own,
        contiguous: a conjunction of parts that share only a few variables stays small."""
        names = sorted(self.level, key=self.level.__getitem__)
        supports = [
            [names[v] for v in sorted(set(p.diagram.levels[2:]))] for p in parts if p.diagram
        ]
        count = Counter(c for s in supports for c in s)
        shared = sorted(
            (c for c in count if count[c] > 1), key=lambda c: (-count[c], self.level[c])
        )
        out, seen = list(shared), set(shared)
        for support in supports:
            out.extend(c for c in support if c not in seen)
            seen.update(support)
        return out


class _NotExact(Exception):
    """An expansion tried for exactness met a group that does not fit."""


class _Levels(dict[str, int]):
    """Levels for a cluster's own order; a component not foreseen gets the next level."""

    def __init__(self, order: list[str]) -> None:
        super().__init__((c, i) for i, c in enumerate(order))

    def __missing__(self, key: str) -> int:
        self[key] = len(self)
        return self[key]


class _Either:
    """`any_of` groups as BDDs, restricted to what the context already knows is up."""

    def __init__(self, compiler: _Compiler, bdd: Bdd) -> None:
        self.c = compiler
        self.bdd = bdd
        self.memo: dict[tuple[Alternatives, Known], int] = {}

    def either(self, alts: Alternatives, known: Known) -> int:
        if any(has(known, a) for a in alts):
            return TRUE
        key = (alts, known)
        node = self.memo.get(key)
        if node is None:
            # deepest alternative first: one whose own variables sit above the rest
            # costs about one node per node, where top-down would rebuild the rest
            node = FALSE
            for a in sorted(alts, key=lambda a: -self.c.level[a]):
                node = self.bdd.disj(node, self.whole(a, known))
            self.memo[key] = node
        return node

    def whole(self, component: str, known: Known) -> int:
        new, groups = self.c.closure([component], known)
        inner = (known[0], known[1] | frozenset(new))
        parts = [self.bdd.var(self.c.level[v]) for v in new]
        parts.extend(self.either(g, inner) for g in sorted(set(groups)))
        return conjoin(self.bdd, parts)


def conjoin(bdd: Bdd, parts: Sequence[int]) -> int:
    """AND of BDDs, deepest first: a part wholly below the rest costs one node per node."""
    out = TRUE
    for part in sorted(set(parts), key=lambda n: (-bdd.level[n], n)):
        out = bdd.conj(out, part)
    return out


def _clusters(parts: list[Part], support: Callable[[Part], set[int]]) -> list[list[Part]]:
    """Parts connected by shared variables (union-find over levels), in a fixed order."""
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, p in enumerate(parts):
        for v in support(p):
            if v in owner:
                parent[find(i)] = find(owner[v])
            else:
                owner[v] = i
    clusters: dict[int, list[Part]] = {}
    for i, p in enumerate(parts):
        clusters.setdefault(find(i), []).append(p)
    return list(clusters.values())
