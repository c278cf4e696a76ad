"""The Hebei 2019 绩效目标表 of 优/良/中/差 grades, glued with nothing between its cells, as doc-sharing
mirrors print it: 绩效指标分类 / 绩效指标 / 绩效指标描述 / 评价标准 (优 良 中 差) / 评价标准确定依据, e.g.
``产出指标救助覆盖率困难群众基本生活救助是否应救尽救100%90%85%85%按临时救助标准评价农村低保…``.

The four thresholds (each ending in %) end a row's name and description and start its 依据; the
target is 优's threshold, with ≥ when 优 is above 良 (higher is better) and ≤ when below. What cannot
be told apart without a guess is a kg.records.Reading with its evidence: where the name ends and the
description begins (at the name's first 率 or 度, with a bracketed unit), where the row before's 依据
ends (at a tier label, else its first 评价), the comparator from the grades' order. A row none of
these fits is a skipped line with its reason. The value text is the four grades as printed
(``100%90%85%85%``), so the graph keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.numbers import parse_decimal
from kg.read.national.indicators import infer_tier2
from kg.read.national.rows import Found, Row, Tiers, is_unread_tier, strip_tiers
from kg.read.national.words import (
    Cell,
    is_stop,
    label_key,
    split_cells,
    tier1_of,
    tier2_of,
    tier_labels,
)
from kg.read.values import Value, fold, read_value
from kg.records import QUALITATIVE, Indicator, Reading, Skipped, Warning
from kg.vocab import tier_vocabulary

_HEADER = re.compile(r"评价标准(?:确定依据)?优良中差")
_GRADES = re.compile(r"(?P<g1>\d+(?:\.\d+)?)%(?P<g2>\d+(?:\.\d+)?)%(?P<g3>\d+(?:\.\d+)?)%(?P<g4>\d+(?:\.\d+)?)%")
_NAME = re.compile(r"^(?P<name>[^,，。;；:：]{1,30}?(?:率|度)(?:[(（][^()（）]{1,6}[)）])?)(?P<desc>.*)$", re.DOTALL)
_BASIS = re.compile(r"^(?:按|根据|依据|参照|参考)[^,，。;；]{0,30}?(?:评价|评定|确定|核定|计算)")
_CHUNK = re.compile(r"^\s*\d{1,3}、")  # a doc-sharing mirror's numbered chunk of the page (1、… 2、…)
_TITLE_FUND = re.compile(r"提前下达(?:\d{4}年)?(?P<name>[^,，。;；:：]{2,40}?)预算指标绩效目标表")


@dataclass
class GradedTable:
    header_line: int
    indicators: list[Indicator]
    found: Found
    description: str
    project: tuple[str, int] | None = None  # the fund the title names (提前下达…预算指标绩效目标表)
    chunks: list[int] = field(default_factory=list)
    how: str = "优/良/中/差 grades glued to names and descriptions, 优 read as the target"


class _Text:
    """The text from the header on, joined across lines (a mirror's chunk numbers dropped), with the
    line of every character, so that a match's printed text and line can be found."""

    def __init__(self, lines: Sequence[str], first: int, offset: int) -> None:
        self.printed, self.line_of, self.chunks = "", [], []
        for number in range(first, len(lines) + 1):
            text = lines[number - 1][offset:] if number == first else lines[number - 1]
            if not text.strip():
                continue
            if number > first:
                chunk = _CHUNK.match(text)
                if chunk:
                    self.chunks.append(number)
                    text = text[chunk.end():]
            text = text.strip()
            self.printed += text
            self.line_of += [number] * len(text)
        self.folded = fold(self.printed)

    def line(self, at: int) -> int:
        return self.line_of[min(at, len(self.line_of) - 1)]


def read_graded(lines: Sequence[str]) -> GradedTable | None:
    """The 优/良/中/差 table, or None when no line has its header (…评价标准…优良中差)."""
    for number, text in enumerate(lines, start=1):
        header = _HEADER.search(fold(text))
        if header:
            break
    else:
        return _read_cells_graded(lines)
    title = _TITLE_FUND.search(fold(lines[number - 1][: header.start()]))
    project = (lines[number - 1][title.start("name"): title.end("name")], number) if title else None
    body = _Text(lines, number, header.end())
    found = Found()
    if body.chunks:
        found.readings.append(Reading(body.chunks[0], "value", f"line{'s' if len(body.chunks) > 1 else ''} {', '.join(map(str, body.chunks))}: "
                                      "a numbered chunk of the mirror's page (2、…): its number dropped, the text read as continuing the line before"))
    lost = [n for n in range(number, len(lines) + 1) if "??" in lines[n - 1]]
    if lost:
        found.warnings.append(Warning(lost[0], f"'???' printed in the table (line {', '.join(map(str, lost))}): characters the mirror lost in its "
                                      "conversion; what holds them is kept as printed"))
    tiers = Tiers()
    matches = list(_GRADES.finditer(body.folded))
    indicators: list[Indicator] = []
    start = 0
    for index, match in enumerate(matches):
        segment = body.folded[start: match.start()]
        at = start
        if index > 0:  # the row before's 依据, then this row's tier labels and name
            cut = _basis_end(segment)
            if cut is None:
                found.skipped.append(Skipped(body.line(match.start()), f"{body.printed[start: match.end()]!r}: where the 依据 of the row before "
                                             "ends and this row's name begins cannot be told (no tier label and no 按…评价)", True, body.printed[start: match.end()]))
                start = match.end()
                continue
            if (counted := _COUNTED_GRADES.search(segment[:cut])) is not None:
                # a row graded in counts (3500人3200人3000人3000人) inside what reads as the row before's 依据
                found.skipped.append(Skipped(body.line(start + counted.start()), f"{body.printed[start: start + cut].strip()[:60]!r}: a row "
                                             f"graded in counts ({counted.group()}), which this reader does not read", True,
                                             body.printed[start: start + cut].strip()))
            at += cut
        at += strip_tiers(body.folded[at: match.start()], tiers, body.printed[at: match.start()])
        ind = _row(body, at, match, tiers, found)
        if ind is not None:
            indicators.append(ind)
        start = match.end()
    tail = body.folded[start:]
    if matches and tail:
        cut = _basis_end(tail)
        if (counted := _COUNTED_GRADES.search(tail[: cut if cut is not None else len(tail)])) is not None:
            found.skipped.append(Skipped(body.line(start + counted.start()), f"a row graded in counts ({counted.group()}) after the last "
                                         "row, which this reader does not read", True, body.printed[start: start + counted.end()].strip()))
        rest_at = start + (cut if cut is not None else 0)
        rest = body.printed[rest_at:].strip()
        if rest:
            line = body.line(rest_at)
            ends = not re.search(r"[。.!！]$", rest)
            found.skipped.append(Skipped(line, f"the text after the last row's 依据 is not read: {rest[:30]!r}"
                                         + (" (the text ends inside it: truncated)" if ends else ""), True, rest))
            if ends:
                found.cut = line
    return GradedTable(number, indicators, found, "绩效指标分类 绩效指标 绩效指标描述 评价标准 (优 良 中 差) 评价标准确定依据", project, body.chunks)


# Four thresholds in a count (优 良 中 差 as 3500人3200人3000人3000人), not the % the reader reads.
_COUNTED_GRADES = re.compile(r"(?:\d+(?:\.\d+)?(?:人次|人|个|天|万元|元|次|户|项|家|所|件|场)){4}")


def _basis_end(segment: str) -> int | None:
    """Where the 依据 that opens ``segment`` ends: before the first tier label after it, else after
    its first 评价 (按…评价)."""
    tiers = [at for label in tier_labels() if (at := segment.find(label)) > 0]
    if tiers:
        return min(tiers)
    basis = _BASIS.match(segment)
    return basis.end() if basis else None


def _row(body: _Text, at: int, match: re.Match[str], tiers: Tiers, found: Found) -> Indicator | None:
    folded = body.folded[at: match.start()]
    printed = body.printed[at: match.start()]
    grades_text = body.printed[match.start(): match.end()]
    line = body.line(match.start())
    split = _NAME.match(folded)
    if split is None or not split.group("desc"):
        found.skipped.append(Skipped(line, f"{printed!r}: the name and its description are glued and no 率 or 度 ends a name: they cannot be told apart",
                                     True, printed + grades_text))
        return None
    if body.line(at) != body.line(at + split.end("name") - 1) or body.line(match.start()) != body.line(match.end() - 1):
        found.skipped.append(Skipped(line, f"{printed + grades_text!r}: its name or its grades are split over two lines: not read as one row",
                                     True, printed + grades_text))
        return None
    name = printed[: split.end("name")]
    description = printed[split.end("name"):]
    name_line = body.line(at)
    found.readings.append(Reading(name_line, "name", f"line {name_line}: the name and its description are glued: the name read as {name!r} "
                                  f"(up to its first 率/度), the description as {description!r}"))
    g = [parse_decimal(match.group(f"g{i}")) or Decimal(0) for i in range(1, 5)]
    comparator = _grade_comparator(g[0], g[1])
    if comparator is None:
        found.skipped.append(Skipped(line, f"{grades_text!r}: {_SAME_GRADES}", True, grades_text))
        return None
    found.readings.append(Reading(line, "grades", f"line {line}: the grades {grades_text!r} are 优 {g[0]}% 良 {g[1]}% 中 {g[2]}% 差 {g[3]}%; "
                                  f"优 is {'above' if comparator == '≥' else 'below'} 良: the target is 优's threshold, read as {comparator}{g[0]}%"))
    value = Value(comparator, g[0], grades_text, "%")
    if "?" in name:
        found.warnings.append(Warning(name_line, f"the name {name!r} holds '?' (characters lost in the mirror's conversion): kept as printed"))
    return _graded_indicator(tiers, Cell(name, name_line), Cell(grades_text, line), value,
                             (name, description, *(f"{m}%" for m in (match.group(f"g{i}") for i in range(1, 5)))), found)


_SAME_GRADES = "优 and 良 are the same threshold: which way is better cannot be told"


def _grade_comparator(best: Decimal, good: Decimal) -> str | None:
    """≥ where 优's threshold is above 良's (higher is better), ≤ where below; None where they are the same."""
    return None if best == good else "≥" if best > good else "≤"


def _graded_indicator(tiers: Tiers, name: Cell, target: Cell, value: Value, cells: tuple[str, ...], found: Found) -> Indicator:
    """The indicator of a graded row, its 二级 inferred (with a reading) where the form prints none."""
    row = Row(tiers.tier1, tiers.tier2, tiers.tier1_printed, tiers.tier2_printed, name, [target])
    tier2 = tiers.tier2
    if tier2 is None:
        tier2, why = infer_tier2(row, value)
        under = f" under {tiers.tier1_printed}" if tiers.tier1_printed else ""
        found.readings.append(Reading(name.line, "tier", f"line {name.line}: no 二级 printed{under} for {name.text!r}: read as {tier2.label} ({why})"))
    tier1 = tiers.tier1 if tiers.tier1 is not None else tier_vocabulary().get(tier2.broader) if tier2.broader else None
    return Indicator(
        tier1=tier1.label if tier1 else "", tier2=tier2.label, name=name.text, comparator=value.comparator or QUALITATIVE,
        value=value.value, value_text=value.text, unit=value.unit, line=name.line, cells=cells,
        value_line=target.line if target.line != name.line else None,
    )


# The same form copied from its web page, a cell a column (tabs or pipes): 绩效指标分类 | 绩效指标 | 绩效指标描述 |
# 绩效指标评价标准 (over 优 | 良 | 中 | 差 on the next line) | 评价标准确定依据.
_GRADE_WORDS = ("优", "良", "中", "差")


def _read_cells_graded(lines: Sequence[str]) -> GradedTable | None:
    """The 优/良/中/差 table printed a cell a column, or None when no line has its header."""
    for number, text in enumerate(lines, start=1):
        cells = [label_key(c) for c in split_cells(text)]
        if ("|" in text or "\t" in text) and "绩效指标分类" in cells and "绩效指标" in cells and number < len(lines):
            below = [label_key(c) for c in split_cells(lines[number])]
            if all(word in below for word in _GRADE_WORDS):
                break
    else:
        return None
    kind, name_at = cells.index("绩效指标分类"), cells.index("绩效指标")
    described = cells.index("绩效指标描述") if "绩效指标描述" in cells else None
    grades_at = [below.index(word) for word in _GRADE_WORDS]
    standard = next((n for n, c in enumerate(cells) if c.endswith("评价标准")), grades_at[0])
    if grades_at[0] < standard:  # 优 | 良 | 中 | 差 copied without the empty cells before them: under 评价标准
        grades_at = [at + standard - grades_at[0] for at in grades_at]
    width = grades_at[-1] + 1 + len([c for c in cells[standard + 1:] if c])  # a whole row's cells
    found, tiers, indicators = Found(), Tiers(), []
    for line in range(number + 2, len(lines) + 1):
        text = lines[line - 1]
        if not text.strip():
            continue
        row = split_cells(text)
        while row and not row[-1]:
            row.pop()
        if row and is_stop(row[0]):
            break  # 注:评价标准分优、良、中、差四档 …
        if not ("|" in text or "\t" in text):
            if any("|" in later or "\t" in later for later in lines[line:]):
                found.skipped.append(Skipped(line, "a line without cells inside the table (a cell's text wrapped?): not read", True, text.strip()))
                continue
            break  # the text below the table
        if len(row) == width - 1 and row and tier1_of(row[0]) is None and is_unread_tier(row[0]) is False:
            row = ["", *row]  # a web copy leaves out a merged 分类 cell on the rows under its first

        def cell(at: int | None, row: list[str] = row) -> str:
            return row[at].strip() if at is not None and at < len(row) else ""

        if cell(kind):
            tiers.take([Cell(cell(kind), line)])
        grades = [cell(at) for at in grades_at]
        if not cell(name_at) or not grades[0] or any(tier1_of(c) or tier2_of(c) for c in (cell(name_at), grades[0])):
            found.skipped.append(Skipped(line, "a row whose cells do not line up with the header (no 绩效指标, no 优 threshold, or a "
                                         "tier where they belong): not read", True, text.strip()))
            continue
        best, good = read_value(grades[0]), read_value(grades[1])
        comparator: str | None = QUALITATIVE
        if best.value is not None and good.value is not None and (best.unit == good.unit or best.unit is None or good.unit is None):
            # (0 | 1% | 2% | 3%: the grades share their unit, printed on some of them only)
            comparator = _grade_comparator(best.value, good.value)
        elif best.value is not None and best.comparator is not None:
            comparator = best.comparator
        if comparator is None:
            found.skipped.append(Skipped(line, f"优 {grades[0]} 良 {grades[1]}: {_SAME_GRADES}", True, text.strip()))
            continue
        value = Value(comparator, best.value if comparator != QUALITATIVE else None, grades[0],
                      (best.unit or good.unit) if comparator != QUALITATIVE else None)
        found.readings.append(Reading(line, "grades", f"line {line}: the grades are 优 {grades[0]} 良 {grades[1]} 中 {grades[2]} 差 {grades[3]}: "
                                      f"the target is 优's, read as {comparator} {grades[0]}" + (f" ({'above' if comparator == '≥' else 'below'} 良)"
                                                                                                 if comparator in ('≥', '≤') and best.comparator is None else "")))
        indicators.append(_graded_indicator(tiers, Cell(cell(name_at), line), Cell(grades[0], line), value,
                                            (cell(name_at), cell(described), *grades), found))
    titled = next(((n, m) for n in range(number, 0, -1) if (m := _TITLE_FUND.search(fold(lines[n - 1]))) is not None), None)
    project = (lines[titled[0] - 1][titled[1].start("name"): titled[1].end("name")], titled[0]) if titled else None
    return GradedTable(number, indicators, found, " ".join(c for c in cells if c) + " (优 良 中 差)", project,
                       how="优/良/中/差 grades a cell a column, 优 read as the target")
