"""预算表12 (年度项目支出绩效表): rows → projects with their indicators.

The table is a grid of merged cells. A project's name, amounts and goal are one merged cell each,
spanning all of its indicator rows; the extraction prints a merged cell's text once per page, on
one row. So a page break can leave indicator rows and text fragments (the head of a goal, the
tail of a name) on the page before or after the row that carries the project code, and those rows
can belong to the project before or after the break.

Rows are first classified on their own (start row, indicator row, fragment row). Rows between two
start rows with a page break among them are then split between the two projects by evidence:
one indicator per 二级 kind as a rule (two 数量指标 happen), the template's kinds all present, a
cost target that agrees with the project amount, and a merged cell's text printed only once per
page. Every such split is a Decision with the evidence, which an override file can change.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from kg.errors import OverrideError
from kg.numbers import agrees_at_printed_precision, parse_decimal, plain
from kg.read.indicators import RowShapeError, clean_name, match_tier_cells, parse_target
from kg.read.overrides import entry_line
from kg.read.tables import UNIT_CELL, Line, Table, amount_unit_note, unit_note_warning
from kg.records import (
    Decision,
    DecisionMethod,
    Indicator,
    Notice,
    Project,
    RowEvidence,
    Skipped,
    Warning,
)
from kg.vocab import Tier, cost_in_wan, project_template_kinds, tier_vocabulary

# 11010522T000000416226 — 8 digits, T, 12 digits; the extraction may put spaces inside.
PROJECT_CELL = re.compile(r"((?:\d\s*){8}T(?:\s*\d){12})\s*[-－—]\s*(.*)", re.S)
HEADER_WORDS = frozenset(
    "单位名称 项目名称 项目总额 其中： 其中: 其中 财政资金 其他资金 绩效目标 一级指标 二级指标 三级指标 "
    "绩效指标性质 本年绩效指标值 绩效度量单位 指标值 度量单位 "
    # the same columns under other years' and units' words
    "年度目标 年度绩效目标 项目绩效目标 指标性质 绩效指标值 本年指标值 计量单位 财政拨款".split()
)

# Weights of the evidence. A duplicated 二级 kind is strong evidence against an assignment, a
# second 数量指标 weak (some projects have two); text printed twice on one page is nearly
# impossible for a merged cell.
W_DUPLICATE = 4.0
W_DUPLICATE_QUANTITY = 1.0
W_MISSING_KIND = 1.5
W_COST_AGREES = 3.0
W_TEXT_TWICE_ON_PAGE = 5.0
W_LATER_PROJECT = 0.1  # tie-breaker: without evidence a row stays with the project before it
LOW_MARGIN = 1.0
# A table printed empty on purpose: 无, 本单位无项目支出绩效目标, 无此项目.
_NOTHING = re.compile(r"无|本(?:单位|部门)无\S{0,16}|无(?:项目|此项|相关|数据)\S{0,12}")


@dataclass
class Start:
    code: str
    name: str
    amounts: tuple[Decimal | None, Decimal | None, Decimal | None]
    unit_code: str | None
    unit_name: str | None
    full_name: str | None = None  # with name tails from the other side of a page break


@dataclass
class Row:
    line: Line
    page: int
    indicator: Indicator | None = None
    tiers: tuple[Tier, Tier] | None = None
    start: Start | None = None
    name_tail: str | None = None
    goal: str | None = None
    cost_wan: Decimal | None = None  # a whole-project cost target in 万元, computed once
    unread: str | None = None  # a start row's indicator cells that could not be read: why (the row is reported)
    start_unread: str | None = None  # a start row whose amounts or goal could not be read: why (only its code and name are)

    @property
    def number(self) -> int:
        return self.line.number

    @property
    def has_text(self) -> bool:
        """Whether the row prints merged-cell text (a name or a goal)."""
        return self.start is not None or bool(self.name_tail or self.goal)


@dataclass
class Table12Result:
    projects: list[Project] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unit: tuple[str, str, int] | None = None  # code, name, line

    def report(self, line: int, reason: str, text: str) -> None:
        """A line holding data that is not read: skipped with its reason, and warned of."""
        self.skipped.append(Skipped(line, reason, True, text))
        self.warnings.append(Warning(line, reason))


# ---- stage 1: rows on their own -----------------------------------------------------------


def _tier_index(cells: tuple[str, ...]) -> int | None:
    for i in range(len(cells) - 1):
        if cells[i] and match_tier_cells(cells[i], cells[i + 1]) is not None:
            return i
    return None


def _is_header(line: Line) -> bool:
    filled = [c for _, c in line.filled]
    return bool(filled) and all(c in HEADER_WORDS for c in filled)


def _parse_start(left: tuple[str, ...], project_at: int) -> tuple[Start, str | None]:
    """A start row's left part: [unit cell] code-name cell, amounts (blank or number), goal."""
    unit_code = unit_name = None
    for _, text in ((i, c) for i, c in enumerate(left[:project_at]) if c):
        unit = UNIT_CELL.fullmatch(text)
        if not unit:
            raise RowShapeError(f"unexpected cell {text!r} before the project code")
        unit_code, unit_name = unit.group(1), clean_name(unit.group(2))
    code, name = _code_and_name(left[project_at])
    after = list(left[project_at + 1 :])
    amounts: list[Decimal | None] = []
    while after and (not after[0] or parse_decimal(after[0]) is not None):
        cell = after.pop(0)
        amounts.append(parse_decimal(cell) if cell else None)
    goal_cells = [c for c in after if c]
    if len(goal_cells) > 1:
        raise RowShapeError("more than one text cell between the amounts and the indicator")
    while len(amounts) > 3 and amounts[-1] is None:
        amounts.pop()
    if len(amounts) > 3:
        raise RowShapeError(f"{len(amounts)} amount cells where 项目总额, 财政资金, 其他资金 are expected")
    total, fiscal, other = (amounts + [None, None, None])[:3]
    start = Start(code, name, (total, fiscal, other), unit_code, unit_name)
    return start, goal_cells[0] if goal_cells else None


def _code_and_name(cell: str) -> tuple[str, str]:
    """A start cell's project code (the extraction's spaces removed) and name."""
    match = PROJECT_CELL.fullmatch(cell)
    assert match is not None
    return re.sub(r"\s+", "", match.group(1)), clean_name(match.group(2))


def _parse_fragments(left: tuple[str, ...], tier_at: int | None) -> tuple[str | None, str | None]:
    """A non-start row's left part: a name tail in the name columns, a goal fragment further right.

    The name column is one of the first two (leading empty cells vary by page); the goal column is
    the one just left of the 一级 cell, or on a row without indicator, any column right of the name.
    """
    # The 单位名称 cell (623001-…) is printed once, on a page's first row, which may be a project's
    # continuation: it is the unit's, not the tail of the project's name (the document's unit is
    # read from it wherever it is, kg.read.text).
    filled = [(i, c) for i, c in enumerate(left) if c and not (i <= 1 and UNIT_CELL.fullmatch(c))]
    for _, text in filled:
        if parse_decimal(text) is not None:
            raise RowShapeError(f"amount {text!r} on a row without a project code")
    names = [c for i, c in filled if i <= 1]
    goals = [c for i, c in filled if i > 1]
    if len(names) > 1 or len(goals) > 1:
        raise RowShapeError("more than one text cell left of the indicator")
    if goals and tier_at is not None and filled[-1][0] != tier_at - 1:
        raise RowShapeError(f"text {goals[0]!r} is neither in the name column nor next to the indicator")
    return (names[0] if names else None), (goals[0] if goals else None)


def _classify(line: Line, page: int) -> Row:
    cells = line.cells
    at = _tier_index(cells)
    left = cells if at is None else cells[:at]
    row = Row(line, page)
    project_at = next((i for i, c in enumerate(left) if PROJECT_CELL.fullmatch(c)), None)
    if project_at is not None:
        try:
            row.start, row.goal = _parse_start(left, project_at)
        except RowShapeError as error:
            # The project starts here all the same (its code and name are printed whole): without it, its
            # next rows would go to the project before, with nothing said of them.
            row.start = Start(*_code_and_name(left[project_at]), (None, None, None), None, None)
            row.start_unread = str(error)
            return row
    else:
        row.name_tail, row.goal = _parse_fragments(left, at)
    if at is not None:
        right = cells[at:] + ("",) * max(0, 4 - len(cells[at:]))
        match = match_tier_cells(right[0], right[1])
        assert match is not None
        try:
            # the tiers as the vocabulary names them (a 二级 printed 数量 is 数量指标: classify_rows warns of it)
            row.indicator = parse_target(match.tier1.label, match.tier2.label, right[2], right[3], right[4:], line.number, cells)
        except RowShapeError as error:
            if row.start is None:
                raise
            row.unread = str(error)  # the project starts here all the same: its code, amounts and goal are read
            return row
        row.tiers = (match.tier1, match.tier2)
        if match.tier1.iri == tier_vocabulary().cost.iri:
            row.cost_wan = cost_in_wan(row.indicator)
    elif row.start is None and not (row.name_tail or row.goal):
        raise RowShapeError("no project code, no indicator tiers and no text")
    return row


def classify_rows(table: Table, result: Table12Result) -> list[Row]:
    """Every line of the table becomes a Row, a skip with its reason, or a page break."""
    paged: list[tuple[Line, int]] = []
    page = 0
    previous_blank = False
    for line in table.lines:
        if line.blank:
            page += 0 if previous_blank else 1
            previous_blank = True
            continue
        previous_blank = False
        paged.append((line, page))
    rows: list[Row] = []
    for line, page in paged:
        unit = amount_unit_note(line.text)
        if unit is not None:
            result.skipped.append(Skipped(line.number, "amount unit note", False, line.text))
            if (warning := unit_note_warning(table, line, unit)) is not None:
                result.warnings.append(warning)
            continue
        if _is_header(line):
            result.skipped.append(Skipped(line.number, "column header", False, line.text))
            continue
        try:
            rows.append(_classify(line, page))
        except RowShapeError as error:
            result.report(line.number, f"表12 row of no known shape: {error}", line.text)
            continue
        if rows[-1].start_unread is not None:
            result.report(line.number, f"表12 start row not read whole: {rows[-1].start_unread} (the project's code and name are read; "
                          "its amounts, goal and the row's indicator are not)", line.text)
        elif rows[-1].start is not None and rows[-1].start.amounts[0] is None:
            result.warnings.append(Warning(line.number, "表12 project prints no 项目总额 (its amount cell is blank)"))
        if rows[-1].unread is not None:
            result.report(line.number, f"表12 start row's indicator not read: {rows[-1].unread} (the project's code, amounts and "
                          "goal are read)", line.text)
    for row in _in_indicator_columns(rows):
        # text alone in the 二级 or 三级 column (…第二部分 / ⇥⇥⇥公厕部分要求 past a page break): an indicator's name
        # or value wrapped, not the goal's text
        above = next((r for r in reversed(rows[: rows.index(row)]) if r.indicator is not None), None)
        rows.remove(row)
        near = f" (the indicator above is line {above.number}'s {above.indicator.name!r}, {above.indicator.comparator} " \
               f"{above.indicator.value_text}{' ' + above.indicator.unit if above.indicator.unit else ''})" if above and above.indicator else ""
        result.report(row.number, f"表12 row of no known shape: text {row.goal!r} alone in the indicator columns: the end of an "
                      f"indicator's name or value wrapped onto this line, maybe past a page break; not joined{near}", row.line.text)
    for row in rows:
        printed = row.line.cells[_tier_index(row.line.cells) or 0 :][:2] if row.tiers else ()
        if row.tiers and len(printed) == 2 and printed[1] != row.tiers[1].label:
            result.warnings.append(Warning(row.number, f"二级 printed {printed[1]!r}: read as {row.tiers[1].label}"))
        if row.indicator and row.tiers and row.tiers[1].broader != row.tiers[0].iri:
            result.warnings.append(
                Warning(row.number, f"二级 {row.tiers[1].label} is not under 一级 {row.tiers[0].label} in the tier scheme")
            )
    return rows


def _in_indicator_columns(rows: list[Row]) -> list[Row]:
    """Rows of text only whose text lies right of the 一级 column of their page, as the nearest row
    with an indicator on the same page prints it (pages print their leading empty cells differently)."""
    found = []
    for index, row in enumerate(rows):
        if row.start is not None or row.indicator is not None or not row.goal:
            continue
        same_page = [r for r in (*rows[index + 1:], *reversed(rows[:index])) if r.page == row.page and r.indicator is not None]
        tier_at = _tier_index(same_page[0].line.cells) if same_page else None
        if tier_at is not None and max(i for i, c in enumerate(row.line.cells) if c) > tier_at:
            found.append(row)
    return found


# ---- stage 2: rows → projects, with decisions at page breaks ------------------------------




def _cost_agrees(row: Row, start: Start) -> bool:
    total = start.amounts[0]
    return row.cost_wan is not None and total is not None and agrees_at_printed_precision(row.cost_wan, total)


def _kind_groups(rows: list[Row]) -> Counter[str]:
    """The project indicator template's kinds present (each 产出 二级 on its own, the other 一级 as one kind each)."""
    vocab = tier_vocabulary()
    found: Counter[str] = Counter()
    for row in rows:
        if row.tiers and (kind := vocab.template_kind(row.tiers[1].label)) is not None:
            found[kind] += 1
    return found


def project_score(start_row: Row, rows: list[Row]) -> float:
    """How well ``rows`` (the start row included) look like one project of the template."""
    assert start_row.start is not None
    score = 0.0
    tier2_counts = Counter(row.tiers[1].iri for row in rows if row.tiers)
    quantity = tier_vocabulary().quantity.iri
    for iri, count in tier2_counts.items():
        score -= (count - 1) * (W_DUPLICATE_QUANTITY if iri == quantity else W_DUPLICATE)
    groups = _kind_groups(rows)
    score -= W_MISSING_KIND * sum(1 for kind in project_template_kinds() if not groups[kind])
    score += W_COST_AGREES * sum(1 for row in rows if _cost_agrees(row, start_row.start))
    text_pages = Counter(row.page for row in rows if row.has_text)
    score -= W_TEXT_TWICE_ON_PAGE * sum(count - 1 for count in text_pages.values())
    return score


@dataclass
class _Segment:
    """The rows between two start rows (or before the first / after the last)."""

    rows: list[Row]
    before: int | None  # index of the start row before, in the list of starts
    after: int | None
    page_break: tuple[int, ...]

    @cached_property
    def below_the_break(self) -> list[Row]:
        """The rows below the segment's last page break (above the next project's start row) that only
        the project before can print there: an indicator, or its name's tail (a goal's text alone on a line
        may be either project's)."""
        return [r for r in self.rows if self.page_break and r.number > self.page_break[-1] and (r.indicator is not None or r.name_tail)]

    @property
    def choices(self) -> range:
        """How many of the rows go to the project before: a split point, the rows stay in order. A
        project's code and name print at the top of its rows on each page, so a row below a page
        break and above the next project's start row is the project before's, and so are the rows
        above it: only rows above the break may be the next project's (its start row printed on the
        next page)."""
        if self.before is None:
            return range(0, 1)
        if self.after is None or not self.page_break or self.below_the_break:
            return range(len(self.rows), len(self.rows) + 1)
        return range(0, len(self.rows) + 1)


def _segments(rows: list[Row], table: Table) -> tuple[list[Row], list[_Segment]]:
    """The rows before the first start row, between each two, and after the last, in one pass."""
    starts = [r for r in rows if r.start is not None]
    blank_lines = [line.number for line in table.lines if line.blank]
    groups: list[list[Row]] = [[]]
    for row in rows:
        if row.start is not None:
            groups.append([])
        else:
            groups[-1].append(row)
    segments: list[_Segment] = []
    for j, inside in enumerate(groups):
        before = j - 1 if j > 0 else None
        after = j if j < len(starts) else None
        breaks: tuple[int, ...] = ()
        if before is not None and after is not None:
            low, high = starts[before].number, starts[after].number
            breaks = tuple(n for n in blank_lines if low < n < high)
        segments.append(_Segment(inside, before, after, breaks))
    return starts, segments


class _Scores:
    """project_score of project j with the rows of its two sides split at (k_before, k_after),
    each computed once: the joint search and the decisions' runner-up ask for the same splits."""

    def __init__(self, starts: list[Row], segments: list[_Segment]) -> None:
        self.starts, self.segments = starts, segments
        self.known: dict[tuple[int, int, int], float] = {}

    def __call__(self, j: int, k_before: int, k_after: int) -> float:
        key = (j, k_before, k_after)
        score = self.known.get(key)
        if score is None:
            members = _project_rows(self.starts, self.segments, j, k_before, k_after)
            score = self.known[key] = project_score(self.starts[j], members)
        return score


def _assign(starts: list[Row], segments: list[_Segment], scores: _Scores) -> list[int]:
    """The best split of every segment, jointly (each project's score depends on both its sides)."""
    # segments[j] lies between starts[j-1] and starts[j]; project j gets the tail of segments[j]
    # and the head of segments[j+1].
    best: dict[int, tuple[float, list[int]]] = {k: (0.0, [k]) for k in segments[0].choices}
    for j in range(len(starts)):
        following = segments[j + 1]
        nxt: dict[int, tuple[float, list[int]]] = {}
        for k_after in following.choices:
            options = []
            for k_before, (total, path) in best.items():
                prior = W_LATER_PROJECT * (len(following.rows) - k_after)
                options.append((total + scores(j, k_before, k_after) - prior, path + [k_after]))
            nxt[k_after] = max(options, key=lambda o: o[0])
        best = nxt
    return max(best.values(), key=lambda o: o[0])[1]


def _project_rows(starts: list[Row], segments: list[_Segment], j: int, k_before: int, k_after: int) -> list[Row]:
    """Project j's start row, the tail of the segment before it from k_before, and the head of the one after up to k_after."""
    return [starts[j], *segments[j].rows[k_before:], *segments[j + 1].rows[:k_after]]


def _members(starts: list[Row], segments: list[_Segment], splits: list[int], j: int) -> list[Row]:
    return _project_rows(starts, segments, j, splits[j], splits[j + 1])


def _label(start: Row) -> str:
    assert start.start is not None
    return f"{start.start.code} {start.start.full_name or start.start.name}"


def _quote(text: str, limit: int = 24) -> str:
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


def _row_evidence(row: Row, mine: Row, mine_rows: list[Row], other: Row, other_rows: list[Row]) -> list[str]:
    """Why ``row`` sits better with project ``mine`` than with ``other``, in words a reader can check."""
    found: list[str] = []
    assert mine.start is not None and other.start is not None
    if row.tiers and row.indicator:
        tier2 = row.tiers[1]
        in_other = [r.number for r in other_rows if r.tiers and r.tiers[1].iri == tier2.iri and r is not row]
        in_mine = [r.number for r in mine_rows if r.tiers and r.tiers[1].iri == tier2.iri and r is not row]
        if in_other:
            found.append(f"{_label(other)} already has a {tier2.label} (line {in_other[0]})")
        if not in_mine:
            found.append(f"it is the only {tier2.label} of {_label(mine)}")
        if _cost_agrees(row, mine.start):
            cost = row.cost_wan
            assert cost is not None
            found.append(
                f"cost target {row.indicator.value_text} {row.indicator.unit} (= {plain(cost)} 万元) agrees "
                f"with the amount {plain(mine.start.amounts[0] or Decimal(0))} of {_label(mine)}"
            )
    if row.has_text:
        what = "name tail" if row.name_tail else "goal fragment"
        text = row.name_tail or row.goal or ""
        on_page = [r.number for r in other_rows if r.has_text and r.page == row.page and r is not row]
        if on_page:
            found.append(
                f"{what} {_quote(text)} is on the same page as the text of {_label(other)} (line {on_page[0]}); "
                "a merged cell prints its text once per page"
            )
        if row.name_tail:
            found.append(f"name tail completes {_quote(mine.start.full_name or mine.start.name, 40)}")
    return found


def _decisions(starts: list[Row], segments: list[_Segment], splits: list[int], scores: _Scores) -> list[Decision]:
    decisions = []
    for j, segment in enumerate(segments):
        if segment.before is None and segment.rows:
            first = starts[0]
            assert first.start is not None
            lines = tuple(r.number for r in segment.rows)
            evidence = tuple(RowEvidence(n, DecisionMethod.AUTOMATIC, f"line {n} comes before any project code: given to the first "
                                         f"project, {first.start.code}") for n in lines)
            decisions.append(Decision((), lines, None, first.start.code, {n: first.start.code for n in lines}, evidence, 0.0, None))
            continue
        if segment.before is None or segment.after is None or not segment.page_break:
            continue
        if len(segment.choices) <= 1 and not segment.below_the_break:
            continue
        before, after = starts[segment.before], starts[segment.after]
        assert before.start is not None and after.start is not None
        k = splits[j]
        before_rows = _members(starts, segments, splits, segment.before)
        after_rows = _members(starts, segments, splits, segment.after)

        def total(split: int) -> float:
            # segment j is project j-1's tail and project j's head: only those two scores change.
            return (
                scores(j - 1, splits[j - 1], split) + scores(j, split, splits[j + 1])
                - W_LATER_PROJECT * (len(segment.rows) - split)
            )

        chosen = total(k)
        # Settled by position, the runner-up is still the best split the rows' kinds alone would
        # make: a negative margin says that the two kinds of evidence disagree.
        others = [total(s) for s in range(len(segment.rows) + 1) if s != k]
        evidence = []
        assignment = {}
        for index, row in enumerate(segment.rows):
            mine, mine_rows, other, other_rows = (
                (before, before_rows, after, after_rows) if index < k else (after, after_rows, before, before_rows)
            )
            assert mine.start is not None
            assignment[row.number] = mine.start.code
            reasons = _row_evidence(row, mine, mine_rows, other, other_rows)
            if len(segment.choices) <= 1:
                below = segment.below_the_break[0]
                reasons.insert(0, f"line {below.number}{' (this row)' if below is row else ''} is below the page break and above "
                               f"the start row of {_label(after)} (line {after.number}): {_label(before)} goes on onto that page")
            what = row.indicator.tier2 + " " + _quote(row.indicator.name, 16) if row.indicator else "text only"
            because = "; ".join(reasons) if reasons else "no evidence either way: kept in document order"
            evidence.append(RowEvidence(row.number, DecisionMethod.AUTOMATIC, f"line {row.number} ({what}) → {mine.start.code}: {because}"))
        decisions.append(
            Decision(
                page_break=segment.page_break,
                lines=tuple(r.number for r in segment.rows),
                before=before.start.code,
                after=after.start.code,
                assignment=assignment,
                evidence=tuple(evidence),
                score=round(chosen, 3),
                runner_up=round(max(others), 3) if others else None,
            )
        )
    return decisions


def _override_evidence(line: int, code: str, origin: str) -> RowEvidence:
    return RowEvidence(line, DecisionMethod.OVERRIDE, f"line {line} → {code}: set by the override file {origin}")


def _apply_overrides(
    decisions: list[Decision], rows: list[Row], starts: list[Row], overrides: dict[int, str], origin: str
) -> tuple[list[Decision], dict[int, str]]:
    """Reassign rows named in an override file; each changed decision is marked as overridden."""
    codes = {s.start.code for s in starts if s.start}
    by_line = {r.number: r for r in rows}
    forced: dict[int, str] = {}
    for line, code in overrides.items():
        row = by_line.get(line)
        if row is None or row.start is not None:
            raise OverrideError(origin, entry_line(origin, line), f"line {line} is not an indicator or fragment row of 预算表12")
        if code not in codes:
            raise OverrideError(origin, entry_line(origin, line), f"line {line}: no project with code {code} in 预算表12")
        forced[line] = code
    updated = []
    for decision in decisions:
        mine = {line: code for line, code in forced.items() if line in decision.assignment}
        if not mine:
            updated.append(decision)
            continue
        assignment = {**decision.assignment, **mine}
        note = tuple(_override_evidence(line, code, origin) for line, code in sorted(mine.items()))
        updated.append(
            Decision(
                decision.page_break, decision.lines, decision.before, decision.after, assignment,
                note + decision.evidence, decision.score, decision.runner_up, DecisionMethod.OVERRIDE,
            )
        )
    for line, code in forced.items():
        if not any(line in d.assignment for d in decisions):
            updated.append(
                Decision((), (line,), None, None, {line: code}, (_override_evidence(line, code, origin),), 0.0, None, DecisionMethod.OVERRIDE)
            )
    return updated, forced


def parse_table12(table: Table, overrides: dict[int, str] | None = None, override_origin: str = "") -> Table12Result:
    result = Table12Result()
    rows = classify_rows(table, result)
    starts, segments = _segments(rows, table)
    owner: dict[int, str] = {}
    if not rows:
        result.warnings.append(Warning(table.heading_line, "预算表12 lists no project"))
    if not starts and rows and all(_NOTHING.fullmatch(row.line.text.strip()) for row in rows):
        for row in rows:  # 无: the department has no project in the table
            result.skipped.append(Skipped(row.number, "表12 prints that it has no project", False, row.line.text))
        result.warnings.append(Warning(table.heading_line, "预算表12 lists no project"))
        return result
    if not starts:
        for row in rows:
            result.report(row.number, "表12 row before any project code", row.line.text)
        return result
    first_start: dict[str, int] = {}
    for start in starts:
        assert start.start is not None
        if start.start.code in first_start:
            # one project's rows under two start rows: a page printed twice (every row read twice) or two projects
            # given one code; either way not one project kg can tell
            result.report(start.number, f"表12 project code {start.start.code} starts again (first at line "
                          f"{first_start[start.start.code]}): a page printed twice, or two projects with one code; the rows "
                          "under both are read as one project's", start.line.text)
        first_start.setdefault(start.start.code, start.number)
    scores = _Scores(starts, segments)
    splits = _assign(starts, segments, scores)
    for j, start in enumerate(starts):
        assert start.start is not None
        tails = "".join(r.name_tail or "" for r in _members(starts, segments, splits, j) if r.start is None)
        start.start.full_name = clean_name(start.start.name + tails)
    decisions = _decisions(starts, segments, splits, scores)
    for j in range(len(starts)):
        for row in _members(starts, segments, splits, j):
            assert starts[j].start is not None
            owner[row.number] = starts[j].start.code
    if overrides:
        decisions, forced = _apply_overrides(decisions, rows, starts, overrides, override_origin)
        owner.update(forced)
    by_position = {segment.page_break for segment in segments if segment.below_the_break}
    for decision in decisions:
        if decision.method != DecisionMethod.AUTOMATIC or decision.margin is None or decision.margin >= LOW_MARGIN:
            continue
        where = f"lines {decision.lines[0]}–{decision.lines[-1]}"
        if decision.page_break in by_position:
            if decision.margin >= 0:
                continue  # the kinds agree with the position, if weakly
            message = (f"page-break decision for {where}: a row below the break gives them all to {decision.before}, though the "
                       f"indicator kinds would give some to {decision.after} (margin {decision.margin:g}); check it with --explain")
        else:
            message = f"page-break decision for {where} has little evidence (margin {decision.margin:g}); check it with --explain"
            result.warnings.append(Warning(decision.lines[0], message, Notice.WEAK_PAGE_BREAK))
            continue
        result.warnings.append(Warning(decision.lines[0], message))
    result.decisions = decisions
    members: dict[str, list[Row]] = {}
    for row in rows:
        if row.number in owner:
            members.setdefault(owner[row.number], []).append(row)
    for start in starts:
        assert start.start is not None
        _reject_text_on_a_page_with_text(members.get(start.start.code, []), result)
    result.projects = [_build_project(start, members.get(start.start.code, [])) for start in starts if start.start]
    # 单位名称 is a merged cell over its unit's projects, printed once (at its first row, or on the row a page
    # centres it on): with one unit printed, every project is that unit's; with several, which rows a cell stands
    # over is not printed, and a project whose row prints none has no unit
    printed_units = {p.unit_code for p in result.projects if p.unit_code}
    if len(printed_units) == 1:
        result.projects = [replace(p, unit_code=next(iter(printed_units))) for p in result.projects]
    unit_row = next((s for s in starts if s.start and s.start.unit_code), None)
    if unit_row and unit_row.start and unit_row.start.unit_code and unit_row.start.unit_name:
        result.unit = (unit_row.start.unit_code, unit_row.start.unit_name, unit_row.number)
    return result


def _reject_text_on_a_page_with_text(rows: list[Row], result: Table12Result) -> None:
    """A project's merged cells print their text once per page: on a page that already shows the
    project's text (its code row, or an earlier fragment), a further fragment cannot be its own.

    Such text is reported, not joined to the name or goal. A row that also carries an indicator
    keeps the indicator; a row of text only is skipped.
    """
    pages_with_text = {row.page for row in rows if row.start is not None}
    for row in sorted(rows, key=lambda r: r.number):
        if row.start is not None or not (row.name_tail or row.goal):
            continue
        if row.page in pages_with_text:
            text = row.name_tail or row.goal or ""
            reason = f"表12 text {text[:40]!r} on a page that already shows its project's text: not joined"
            result.warnings.append(Warning(row.number, reason))
            if row.indicator is None:
                result.skipped.append(Skipped(row.number, reason, True, row.line.text))
            row.name_tail = row.goal = None
        else:
            pages_with_text.add(row.page)


def _build_project(start: Row, rows: list[Row]) -> Project:
    assert start.start is not None
    rows = sorted(rows, key=lambda r: r.number)
    name = clean_name(start.start.name + "".join(r.name_tail or "" for r in rows if r.start is None))
    goal = "".join((r.goal or "") for r in rows)
    total, fiscal, other = start.start.amounts
    return Project(
        code=start.start.code,
        name=name,
        total=total,
        fiscal=fiscal,
        other=other,
        goal=goal,
        indicators=tuple(r.indicator for r in rows if r.indicator),
        line=start.number,
        lines=tuple(r.number for r in rows if r.start is not None or r.indicator or r.name_tail or r.goal),
        unit_code=start.start.unit_code,
    )
