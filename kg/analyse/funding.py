"""Which 支出功能分类 code funds each 表12 project, where the amounts prove it.

表06 prints each function code's 项目支出 (财政拨款); 表12 prints each project's 财政资金. A project
is linked to a code when its 财政资金 is the only amount, or the only set of amounts, among the
表12 projects that adds up exactly to that code's 项目支出. When more than one project or set adds up
to it, the case is ambiguous and is listed with its alternatives, never guessed.

The search is exhaustive (meet in the middle) for up to MAX_EXHAUSTIVE candidate projects, and
beyond that looks at sets of up to SEARCHED_SET_SIZE (one more than a link may have). Links
are found in rounds: a project linked in one round is not a candidate for another code in the
next, on the reading that a project's 财政资金 is budgeted under one function code. A round's
links that would share a project are all withdrawn. A set of more than MAX_SET_SIZE projects is
never taken as a link, however unique: such coincidences are too easy with round amounts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from kg.read.budget import money
from kg.records import PROJECT, BudgetTable, Disclosure, Project

MAX_SET_SIZE = 3
# Where the candidates are too many for an exhaustive search, sets of one more project than a link
# may have are searched too: a link's set must be the only one among them (3.0 + 1.0 adds up to
# what 4.0 does; a set of three taken as the only one while a set of four added up too was wrong).
SEARCHED_SET_SIZE = MAX_SET_SIZE + 1
MAX_EXHAUSTIVE = 34
MAX_LISTED = 3  # alternatives listed for an ambiguous code
SMALL_SEARCH = 12  # values up to which a search in Python dicts is quicker than in NumPy
FEW_SHARED_SUMS = 16  # shared sums up to which comparing each is quicker than np.isin's sort


@dataclass(frozen=True)
class FunctionLink:
    function_code: str
    function_label: str | None
    budget_line: int  # the 表06 row
    amount: Decimal  # its 项目支出
    projects: tuple[str, ...]  # project codes
    project_lines: tuple[int, ...]
    method: str  # "exact amount" or "sum of projects"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class AmbiguousMatch:
    function_code: str
    function_label: str | None
    budget_line: int
    amount: Decimal
    alternatives: tuple[tuple[str, ...], ...]  # sets of project codes, each adding up to the amount
    more: bool  # more alternatives exist than are listed
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class FunctionLinks:
    links: tuple[FunctionLink, ...]
    ambiguous: tuple[AmbiguousMatch, ...]
    unmatched: tuple[tuple[str, int, Decimal], ...]  # (code, 表06 line, 项目支出) no project adds up to


@dataclass(frozen=True)
class _Target:
    code: str
    label: str | None
    line: int
    amount: Decimal


def _subsets(values: tuple[int, ...], target: int, limit: int) -> list[tuple[int, ...]]:
    """Up to ``limit`` sets of indexes into ``values`` (all > 0) whose values add up to ``target``,
    the first in order of their bit masks (sum of 2**index).

    Meet in the middle (up to SMALL_SEARCH values in dicts, _dict_subsets): the subset sums of each
    half as NumPy arrays, where a sum's position is its subset's bit mask. A set's mask is its right
    half's above its left half's, so right masks in ascending order, each with its left masks in
    ascending order, give the sets in mask order.
    """
    if len(values) <= SMALL_SEARCH:
        return _dict_subsets(values, target, limit)
    import numpy as np

    half = len(values) // 2
    fits = max(sum(values), target) < 2**62  # so that the doubled sums below fit in int64
    dtype = np.int64 if fits else object  # Python integers where int64 could overflow

    def sums(part: tuple[int, ...]) -> np.ndarray:
        found = np.zeros(1 << len(part), dtype=dtype)
        for bit, value in enumerate(part):  # filled in place: many times quicker than concatenating
            np.add(found[: 1 << bit], value, out=found[1 << bit : 2 << bit])
        return found

    left, right = sums(values[:half]), sums(values[half:])
    if fits:
        # The sums both halves can make, found by one sort of both, left sums doubled and the
        # sums wanted from the left doubled plus one: a shared x is 2x followed by 2x + 1. Sums
        # past the target can be in no set. Several times quicker than a binary search for each.
        reach, need = left[left <= target], target - right[right <= target]
        both = np.empty(len(reach) + len(need), dtype=np.int64)
        np.left_shift(reach, 1, out=both[: len(reach)])
        np.left_shift(need, 1, out=both[len(reach) :])
        both[len(reach) :] |= 1
        both.sort()
        low = both[:-1]
        common = low[(both[1:] - low == 1) & (low & 1 == 0)] >> 1
    else:
        common = np.intersect1d(left, target - right)
    if len(common) <= FEW_SHARED_SUMS:  # usually a handful
        hit = np.zeros(len(right), dtype=bool)
        for value in common:
            hit |= right == target - value
    else:
        hit = np.isin(target - right, common)
    pairs = ((left_mask, right_mask) for right_mask in np.flatnonzero(hit).tolist()
             for left_mask in np.flatnonzero(left == target - right[right_mask]).tolist())
    return _index_sets(pairs, half, len(values), limit)


def _dict_subsets(values: tuple[int, ...], target: int, limit: int) -> list[tuple[int, ...]]:
    """``_subsets`` for a few values, where NumPy's cost per call is more than the search's:
    the same meet in the middle, the left sums in a dict, and the same sets in the same order."""
    half = len(values) // 2

    def sums(part: tuple[int, ...]) -> list[tuple[int, int]]:
        """(sum, mask) of the subsets of ``part`` adding up to at most ``target``, by mask."""
        found = [(0, 0)]
        for bit, value in enumerate(part):
            found += [(total + value, mask | 1 << bit) for total, mask in found if total + value <= target]
        return found

    left: dict[int, list[int]] = {}
    for total, mask in sums(values[:half]):
        left.setdefault(total, []).append(mask)
    pairs = ((left_mask, right_mask) for total, right_mask in sums(values[half:]) for left_mask in left.get(target - total, ()))
    return _index_sets(pairs, half, len(values), limit)


def _index_sets(pairs: Iterator[tuple[int, int]], half: int, size: int, limit: int) -> list[tuple[int, ...]]:
    """The first ``limit`` sets of indexes from (left mask, right mask) pairs, a set's mask being
    its right half's above its left half's (the pairs are read only as far as needed)."""
    out: list[tuple[int, ...]] = []
    for left_mask, right_mask in pairs:
        mask = left_mask | right_mask << half
        out.append(tuple(i for i in range(size) if mask >> i & 1))
        if len(out) >= limit:
            break
    return out


def _small_subsets(values: tuple[int, ...], target: int, limit: int) -> list[tuple[int, ...]]:
    """Sets of at most SEARCHED_SET_SIZE indexes adding up to ``target``, when there are too many values.

    In the order of ``itertools.combinations`` by size, but the last index of a set is looked up
    by the value it needs rather than tried one by one; sets of four as two pairs, one looked up
    by the sum the other needs.
    """
    where: dict[int, list[int]] = {}
    for index, value in enumerate(values):
        where.setdefault(value, []).append(index)
    out: list[tuple[int, ...]] = []
    heads: list[tuple[tuple[int, ...], int]] = [((), target)]  # (indexes so far, amount still wanted)
    for size in range(1, MAX_SET_SIZE + 1):
        for head, wanted in heads:
            after = head[-1] if head else -1
            for last in where.get(wanted, ()):
                if last > after:
                    out.append((*head, last))
                    if len(out) >= limit:
                        return out
        if size == MAX_SET_SIZE:
            break
        heads = [((*head, i), wanted - values[i]) for head, wanted in heads
                 for i in range((head[-1] + 1) if head else 0, len(values)) if values[i] < wanted]
    pairs: dict[int, list[tuple[int, int]]] = {}
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if values[i] + values[j] < target:
                pairs.setdefault(values[i] + values[j], []).append((i, j))
    for first in sorted(p for found in pairs.values() for p in found):
        for k, m in pairs.get(target - values[first[0]] - values[first[1]], ()):
            if k > first[1]:
                out.append((*first, k, m))
                if len(out) >= limit:
                    return out
    return out


def _solutions(amounts: tuple[Decimal, ...], target: Decimal, limit: int) -> tuple[tuple[tuple[int, ...], ...], bool]:
    """Up to ``limit`` index sets of ``amounts`` adding up to ``target``, and whether the search
    was exhaustive (sets of any size) or only looked at sets of up to SEARCHED_SET_SIZE.

    Amounts and target are scaled to integers at the finest precision printed among the amounts.
    """
    return _scaled_solutions(*_scaled(amounts), target, limit)


def _scaled(amounts: tuple[Decimal, ...]) -> tuple[tuple[int, ...], int]:
    """The amounts as integers at the finest precision printed among them, and its decimal places."""
    places = max([-a.as_tuple().exponent for a in amounts] + [0])  # type: ignore[operator]
    scale = Decimal(10) ** places
    return tuple(int(a * scale) for a in amounts), places


def _scaled_solutions(values: tuple[int, ...], places: int, target: Decimal, limit: int) -> tuple[tuple[tuple[int, ...], ...], bool]:
    """``_solutions`` for amounts already scaled (``_scaled``): a document's searches share them."""
    if -target.as_tuple().exponent > places:  # type: ignore[operator]
        target_scaled = target.scaleb(places)
        if target_scaled != target_scaled.to_integral_value():
            return (), True  # finer than every amount: nothing adds up to it
    wanted = int(target * Decimal(10) ** places)
    positive = [i for i, v in enumerate(values) if v > 0]
    # No set that adds up to the target holds an amount above it: leaving those out makes the
    # search exponentially smaller and finds the same sets, so it is exhaustive whenever the
    # amounts that fit are few enough, however many projects the document has.
    usable = [i for i in positive if values[i] <= wanted]
    exhaustive = len(usable) <= MAX_EXHAUSTIVE
    sub = tuple(values[i] for i in usable)
    if sum(sub) < wanted:
        found = []
    elif exhaustive:
        found = _subsets(sub, wanted, limit)
    else:
        found = _small_subsets(sub, wanted, limit)
    return tuple(tuple(sorted(usable[i] for i in s)) for s in found), exhaustive


def _targets(t06: BudgetTable) -> list[_Target]:
    return [
        _Target(r.function.code, r.function.label, r.line, amount)
        for r in t06.items()
        if r.function and (amount := r.amount(PROJECT)) is not None and amount > 0
    ]


def fiscal_share(project: Project) -> Decimal | None:
    """The project's 财政资金 as far as the amounts show it: the printed cell, or, where both
    财政资金 and 其他资金 are blank, its 项目总额 (the whole may be 财政资金: an amount the search must
    weigh, or a coincidence with another project's is taken for proof)."""
    if project.fiscal is not None:
        return project.fiscal
    return project.total if project.other is None else None


def _describe(projects: list[Project]) -> str:
    return ", ".join(
        f"{p.code} {p.name} (line {p.line}, " + (f"财政资金 {money(p.fiscal)}" if p.fiscal is not None else
                                                f"财政资金 blank, 项目总额 {money(p.total or Decimal(0))}") + ")"
        for p in projects)


def function_links(disclosure: Disclosure) -> FunctionLinks:
    """The 表12 projects linked to the 表06 function codes whose 项目支出 they add up to."""
    t06 = disclosure.budget.table(6) if disclosure.budget else None
    if t06 is None:
        return FunctionLinks((), (), ())
    candidates = [p for p in disclosure.projects if (share := fiscal_share(p)) is not None and share > 0]
    return _link(_Search(candidates), _targets(t06))


def _link(search: _Search, targets: list[_Target]) -> FunctionLinks:
    candidates = search.candidates
    linked: dict[str, tuple[tuple[int, ...], int]] = {}  # code → (project indexes, round)
    used: set[int] = set()
    for round_number in range(len(targets) + 1):
        found: dict[str, tuple[int, ...]] = {}
        for target in targets:
            if target.code in linked:
                continue
            sets, _ = search(used, target.amount)
            if len(sets) == 1 and len(sets[0]) <= MAX_SET_SIZE:
                found[target.code] = sets[0]
        claimed: dict[int, int] = {}
        for projects in found.values():
            for index in projects:
                claimed[index] = claimed.get(index, 0) + 1
        found = {code: s for code, s in found.items() if all(claimed[i] == 1 for i in s)}
        if not found:
            break
        for code, projects in found.items():
            linked[code] = (projects, round_number)
            used |= set(projects)
    by_code = {t.code: t for t in targets}
    owner = {i: code for code, (s, _) in linked.items() for i in s}
    links = []
    for code, (indexes, round_number) in linked.items():
        target = by_code[code]
        projects = [candidates[i] for i in indexes]
        _, exhaustive = search(set(), target.amount)
        evidence = [
            f"表06 line {target.line}: {code} {target.label or ''} 项目支出 {money(target.amount)}",
            f"表12: {_describe(projects)}" + (f", together {money(target.amount)}" if len(projects) > 1 else ""),
        ]
        if round_number == 0:
            evidence.append(f"no other project or set of 表12 projects adds up to {money(target.amount)}")
        else:
            others = [s for s in search(set(), target.amount, MAX_LISTED + 1)[0] if s != indexes]
            taken = sorted({i for s in others for i in s if i in owner and owner[i] != code})
            evidence.append(
                f"every other set of 表12 projects adding up to {money(target.amount)} includes a project linked to "
                "another code: " + ", ".join(f"{candidates[i].code} (line {candidates[i].line}) → {owner[i]}" for i in taken)
            )
        if not exhaustive:
            evidence.append(f"sets of more than {SEARCHED_SET_SIZE} projects were not searched ({len(candidates)} candidates)")
        links.append(
            FunctionLink(code, target.label, target.line, target.amount, tuple(p.code for p in projects),
                         tuple(p.line for p in projects), "exact amount" if len(projects) == 1 else "sum of projects",
                         tuple(evidence))
        )
    ambiguous, unmatched = [], []
    for target in targets:
        if target.code in linked:
            continue
        sets, _ = search(used, target.amount, MAX_LISTED + 1)
        if not sets:
            unmatched.append((target.code, target.line, target.amount))
            continue
        alternatives = tuple(tuple(candidates[i].code for i in s) for s in sets[:MAX_LISTED])
        evidence = [f"表06 line {target.line}: {target.code} {target.label or ''} 项目支出 {money(target.amount)}"]
        for s in sets[:MAX_LISTED]:
            evidence.append("adds up: " + _describe([candidates[i] for i in s]))
        if len(sets) == 1:
            evidence.append(f"the only set has {len(sets[0])} projects: more than {MAX_SET_SIZE} is not taken as proof")
        ambiguous.append(AmbiguousMatch(target.code, target.label, target.line, target.amount, alternatives, len(sets) > MAX_LISTED, tuple(evidence)))
    order = {t.code: n for n, t in enumerate(targets)}
    return FunctionLinks(
        tuple(sorted(links, key=lambda link: order[link.function_code])),
        tuple(ambiguous),
        tuple(unmatched),
    )


class _Search:
    """The sets of candidate projects adding up to an amount, each amount searched once.

    The rounds (2 sets) and the evidence (MAX_LISTED + 1) of one amount ask for the same search,
    so it always asks for MAX_LISTED + 1 sets and keeps the answers for this one document. The
    scaled amounts of the candidates left free are the same for every amount searched in a round,
    so they are kept too."""

    def __init__(self, candidates: list[Project]) -> None:
        self.candidates = candidates
        self._found: dict[tuple[frozenset[int], Decimal], tuple[tuple[tuple[int, ...], ...], bool]] = {}
        self._free: dict[frozenset[int], tuple[list[int], tuple[int, ...], int]] = {}  # used → (free, values, places)

    def __call__(self, used: set[int], amount: Decimal, limit: int = 2) -> tuple[list[tuple[int, ...]], bool]:
        """The first ``limit`` (at most MAX_LISTED + 1) sets of the unused candidates adding up to ``amount``."""
        taken = frozenset(used)
        if taken not in self._free:
            free = [i for i in range(len(self.candidates)) if i not in used]
            self._free[taken] = (free, *_scaled(tuple(fiscal_share(self.candidates[i]) or Decimal(0) for i in free)))
        free, values, places = self._free[taken]
        key = (taken, amount)
        if key not in self._found:
            self._found[key] = _scaled_solutions(values, places, amount, MAX_LISTED + 1)
        sets, exhaustive = self._found[key]
        return [tuple(free[i] for i in s) for s in sets[:limit]], exhaustive
