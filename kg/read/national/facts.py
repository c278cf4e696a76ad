"""A form's facts around its table: project, unit, supervisor and code, the year's goal, and the
amounts (项目金额, 财政资金 …) with the money unit they are printed in, each with its line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kg.read.completeness import named_lines
from kg.read.national.header import flat_cells
from kg.read.national.words import (
    ALL_LABELS,
    BRACKETED_MONEY,
    CODE_LABELS,
    FISCAL_LABELS,
    FORM_TITLE,
    GOAL_LABELS,
    HEADER_CELL,
    NUMBER,
    ORGANISATION_END,
    OTHER_LABELS,
    OUTCOME_LABELS,
    PROJECT_CODE,
    PROJECT_LABELS,
    SUPERVISOR_LABELS,
    TITLE,
    TOTAL_LABELS,
    TOTAL_ROW_LABELS,
    UNIT_LABELS,
    YEAR_GOAL_HEADING,
    label_key,
    label_match,
    page_mark,
    split_cells,
    tier1_of,
    value_shaped,
)
from kg.read.pages import is_breadcrumb, is_page_furniture
from kg.read.tables import UNIT_CELL
from kg.read.values import fold, read_value
from kg.records import BUDGET_PROJECT_CODE, Reading, Skipped, Warning
from kg.vocab import unit_of

_SEAL = re.compile(r"^[(（]\s*(?:盖章|公章|签章|章)\s*[)）]\s*[:：]?\s*|\s*[(（]\s*(?:盖章|公章|签章|章)\s*[)）]\s*$")  # 填报单位（盖章）：某县林业局


# Another period's goal printed below the year's (实施期目标, 长期目标 …): its label ends the year's goal.
_OTHER_GOAL = re.compile(r"^\s*(?:项目)?(?:实施期|中长期|长期|中期|总体|整体|分年度)?(?:绩效)?目标\s*"
                         r"(?:[(（]\s*\d{4}[^)）]{0,12}[)）])?\s*[:：]?\s*$"
                         r"|^\s*(?:项目)?(?:实施期|中长期|长期|中期)(?:绩效)?目标")


# An item of a goal printed as a list: 目标1:, 1., 1、, (1).
_GOAL_ITEM = re.compile(r"^\s*(?:目标\s*\d+\s*[:：]|\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）])")


_BUDGET_CODE = re.compile(BUDGET_PROJECT_CODE)


_CODE_BEFORE_NAME = re.compile(rf"^(?P<code>{BUDGET_PROJECT_CODE})\s*[-－—]\s*(?P<name>\S.*)$")  # 51330024R000000012345-食品安全…


# A code of another province's scheme, printed under 项目编码: digits with at most two letters among them.
_OTHER_PROJECT_CODE = re.compile(r"(?=(?:\d*[A-Za-z]){0,2}\d*$)[0-9A-Za-z]{10,32}")


def _unit_rank(label: str) -> int:
    """How directly a label names the project's unit: 实施单位 (who carries the project out) first, then
    the unit that applies for or owns it (申报单位, 项目单位, 单位名称 …), 填报单位 (who filled the form in) last."""
    if label in ("实施单位", "项目实施单位", "项目承担单位", "承担单位"):
        return 0
    return 2 if label == "填报单位" else 1


# A goal label of the whole period (项目总体目标, 绩效总目标 …): a year's goal printed beside it is the goal.
_PERIOD_GOAL_LABELS = ("总体目标", "整体目标", "项目总体目标", "项目绩效总目标", "绩效总目标", "绩效目标总体描述", "项目绩效目标")


@dataclass
class Facts:
    title: str | None = None
    title_line: int | None = None
    project: tuple[str, int] | None = None
    code: tuple[str, int] | None = None
    unit: tuple[str, int] | None = None
    unit_label: str = ""  # the label it was read under
    goal_label: str = ""  # the label the goal was read under
    unit_code: str | None = None
    goal: tuple[str, int] | None = None
    amounts: dict[str, tuple[Decimal, str, int]] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # lines above the table holding data kg could not place
    unit_from_supervisor: bool = False  # no unit printed: the 主管部门 is read as the unit


# A form's title glued before a unit's code in the cell under 单位信息 (绩效目标表402017-某局): a PDF's title printed
# tight above the table.
_TITLE_GLUED_TO_CODE = re.compile(r"^(?:\d{4}年度?)?[^\d]{0,14}绩效目标(?:申报|批复)?表\s*(?=\d{6}\s*[-－—])")


def _value_after(cells: list[tuple[int, str, int]], index: int, rest: str) -> tuple[str, int] | None:
    """The value of a label: the rest of its cell, else the next cell unless that is another label."""
    line = cells[index][0]
    if rest:
        return rest, line
    if index + 1 < len(cells):
        nxt_line, nxt, _ = cells[index + 1]
        if label_match(nxt, ALL_LABELS) is None and nxt_line - line <= 2 \
                and (not HEADER_CELL.fullmatch(label_key(nxt)) or _OTHER_GOAL.match(fold(nxt))):  # 总体目标 | 实施期目标 | 年度目标
            return nxt, nxt_line
    return None


def _column(lines: Sequence[str], line: int, offset: int) -> int | None:
    """The column a cell starts in, on a line printed with pipes or tabs (empty cells counted); None
    on a line of spaces or one cell a line."""
    text = lines[line - 1]
    separator = "|" if "|" in text else "\t" if "\t" in text else None
    return None if separator is None else text[:offset].count(separator)


def _headings_after(cells: list[tuple[int, str, int]], index: int) -> tuple[int, list[tuple[int, str, int]]]:
    """The goals' headings a goal label heads (总体目标 | 中长期目标 | 年度目标), and where they start: the label
    itself where it is the year's heading (年度目标 | 中长期目标)."""
    first = index if YEAR_GOAL_HEADING.match(label_key(cells[index][1])) else index + 1
    headings: list[tuple[int, str, int]] = []
    for cell in cells[first:]:
        if not (_OTHER_GOAL.match(fold(cell[1])) or YEAR_GOAL_HEADING.match(label_key(cell[1]))):
            break
        headings.append(cell)
    return first, headings


def _year_text_beside(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None:
    """A goal label whose texts stand beside it under two periods' headings printed on the line above
    (实施期目标（2023-2025年） | 年度目标（2024年） / 总体目标 | text | text, PDF text in columns): the year's text,
    by its place under its heading, with its lines wrapped below; None where the page is not so."""
    line = cells[index][0]
    above = [c for c in cells if c[0] == line - 1]
    year = next((c for c in above if YEAR_GOAL_HEADING.match(label_key(c[1]))), None)
    if year is None or not any(_OTHER_GOAL.match(fold(c[1])) for c in above if c is not year):
        return None
    found = []
    for number in range(line, line + 4):
        row = [c for c in cells if c[0] == number and (number != line or c[2] > cells[index][2])]
        if not row or (number != line and any(label_match(c[1], ALL_LABELS) or HEADER_CELL.fullmatch(label_key(c[1])) for c in row)):
            break
        cell = min(row, key=lambda c: abs(c[2] - year[2]))
        if number != line and abs(cell[2] - year[2]) >= 12:
            break  # the line goes on with the other period's text only
        found.append(cell[1].strip())
    return ("".join(found), line) if found else None


def _has_year_heading(cells: list[tuple[int, str, int]], index: int) -> bool:
    return any(YEAR_GOAL_HEADING.match(label_key(text)) for _, text, _ in _headings_after(cells, index)[1])


def _goal_under_year_heading(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None | bool:
    """A goal label over two goals' headings (总体目标 | 中长期目标 | 年度目标): the text under 年度目标, None
    where its cell is blank, False where the texts cannot be placed under the headings. The headings on the label's line: the rows below, by column (pipes
    or tabs keep blank cells; a row of spaces must print one cell under each heading); the headings
    one a line (one cell a line): the cells after them, one under each."""
    line = cells[index][0]
    first, headings = _headings_after(cells, index)
    at = next((n for n, (_, text, _) in enumerate(headings) if YEAR_GOAL_HEADING.match(label_key(text))), None)
    if at is None:
        return None
    after = cells[first + len(headings):]
    if any(h[0] != line for h in headings):  # one heading a line: one cell under each, a line each
        under = after[: len(headings)]
        ends = after[len(headings)][1] if len(after) > len(headings) else ""
        if len(under) == len(headings) and len({c[0] for c in under}) == len(under) \
                and not any(label_match(c[1], ALL_LABELS) or HEADER_CELL.fullmatch(label_key(c[1])) for c in under) \
                and (not ends or label_match(ends, ALL_LABELS) or HEADER_CELL.fullmatch(label_key(ends)) or tier1_of(ends)):
            return under[at][1].strip(), under[at][0]
        return False  # a text wrapped onto more lines than one under each heading: not placed
    printed = lines[line - 1]
    heading_cells = split_cells(printed) if "|" in printed or "\t" in printed else None
    column = next(n for n, c in enumerate(heading_cells) if c and YEAR_GOAL_HEADING.match(label_key(c))) if heading_cells else 0
    found: list[str] = []
    first_line: int | None = None
    for number in sorted({c[0] for c in after}):
        row = [c[1] for c in after if c[0] == number]
        if any(label_match(c, ALL_LABELS) or HEADER_CELL.fullmatch(label_key(c)) for c in row):
            break
        if heading_cells is not None:  # by column, blank cells kept: under the headings, with or without the label's merged cell
            positional = split_cells(lines[number - 1])
            if len(positional) not in (len(heading_cells), len(heading_cells) - 1):
                break
            text = positional[column - (len(heading_cells) - len(positional))].strip()
        elif len(row) == len(headings):
            text = row[at].strip()
        elif found:  # a line of spaces holding fewer cells: each under the heading it starts nearest to (a wrapped text)
            nearest = [min(range(len(headings)), key=lambda n: abs(headings[n][2] - c[2])) for c in after if c[0] == number]
            text = "".join(c[1].strip() for c, n in zip([c for c in after if c[0] == number], nearest) if n == at)
            if not text and not re.search(r"[。；;]$", found[-1]):
                return False  # the year's text stops mid-sentence and its end cannot be placed
        else:
            break
        if text:
            found.append(text)
            first_line = number if first_line is None else first_line
    return ("".join(found), first_line) if found and first_line is not None else None


def _goal_under_headings(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None | bool:
    """The goal of a self-evaluation's goal row: past the 实际完成情况 heading beside its own, the
    first cell of the row below (the outcome's text follows it); False where texts one a line cannot be
    placed under the two headings."""
    line = cells[index][0]
    following = index + 1
    while following < len(cells) and label_match(cells[following][1], OUTCOME_LABELS) is not None:
        following += 1
    if following == index + 1 or following >= len(cells):
        return None
    found_line, text, offset = cells[following]
    column = _column(lines, line, cells[index][2])
    if column is not None and found_line != line and _column(lines, found_line, offset) is not None:
        # The headings' row over the texts' row, in columns: the text under 预期目标's column, or none.
        headings = [_column(lines, line, c[2]) for c in cells if c[0] == line]
        texts = [_column(lines, found_line, c[2]) for c in cells if c[0] == found_line]
        if len(headings) >= 3 and texts and texts == headings[:len(texts)] and len(texts) < len(headings) and column != headings[0]:
            # 年度总体目标 | 预期目标 | 实际完成情况 over texts from the first column on (the outcome maybe blank): the label's merged cell
            # left out of the texts' row (a browser's copy of a rowspan), each text one column left of its heading
            column = headings[headings.index(column) - 1]
        under = [c for c in cells if c[0] == found_line and _column(lines, found_line, c[2]) == column]
        if not under:
            return None  # 预期目标 left blank: the outcome beside it is no goal
        found_line, text, offset = under[0]
    if found_line - line > 6 or label_match(text, ALL_LABELS) is not None or HEADER_CELL.fullmatch(label_key(text)):
        return None
    if len(split_cells(lines[found_line - 1])) == 1 and found_line != line:
        return _goal_of_one_cell_lines(cells, following, lines)
    return text, found_line


def _goal_of_one_cell_lines(cells: list[tuple[int, str, int]], start: int, lines: Sequence[str]) -> tuple[str, int] | bool:
    """One cell a line under 预期目标 | 实际完成情况: the goal is the first text and the outcome the second;
    texts over more lines are placed where their numbered items start again (1.… 2.… | 1.… 2.…) or where
    the first of two sentences ends, and otherwise not at all (False: the caller says so)."""
    texts: list[tuple[int, str, int]] = []
    for cell in cells[start:]:
        if label_match(cell[1], ALL_LABELS) is not None or HEADER_CELL.fullmatch(label_key(cell[1])) or tier1_of(cell[1]) \
                or len(split_cells(lines[cell[0] - 1])) != 1:
            break
        texts.append(cell)
    if len(texts) <= 2:
        return texts[0][1], texts[0][0]
    items = [re.match(r"\s*[(（]?(\d{1,2})\s*(?:[、)）]|[.．](?!\d))", text) for _, text, _ in texts]  # 1.5万人次 is no item
    ends = [n for n, (_, text, _) in enumerate(texts) if re.search(r"[。.]\s*$", text)]
    if items[0] is not None and items[0].group(1) == "1":
        restart = next((n for n in range(1, len(texts)) if items[n] is not None and items[n].group(1) == "1"), None)
        if restart is None or any(item is None for item in items[:restart]):
            return False
    elif len(ends) == 2 and ends[1] == len(texts) - 1:
        restart = ends[0] + 1  # two texts wrapped, each ending its sentence: the goal's ends first
    else:
        return False
    return "".join(text.strip() for _, text, _ in texts[:restart]), texts[0][0]


# Labels a glued form prints inside another label's cell (主管部门X实施单位Y, 项目资金（万元）年度资金总额：320).
_GLUED_LABELS = re.compile("|".join(sorted({*UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, *TOTAL_LABELS, *FISCAL_LABELS,
                                            *OTHER_LABELS, "其中"}, key=len, reverse=True)))


# A fiscal part named by its level or source (中央财政资金, 区级财政资金, 上级补助 …).
_FISCAL_PART = re.compile(r"(?:中央|省级|省|市级|市|县级|县|区级|区|本级|乡镇|上级|市县|州级|旗级)(?:财政|配套)?(?:资金|拨款|补助)")


def _fiscal_in_parts(cell: str, line_text: str) -> bool:
    """Whether a 财政资金 label names one part of it by level (其中：中央财政资金100万元，省级财政资金50万元 …; 区级
    财政资金536万元，上级补助1000万元): a second part follows on the line, and the first is no 财政拨款 of its own."""
    folded, line_folded = fold(cell), fold(line_text)
    first = _FISCAL_PART.search(folded)
    if first is None or re.sub(r"^[\s:：其中]*", "", folded[: first.start()]):
        return False
    at = line_folded.find(folded[first.start(): first.end()])
    return at >= 0 and len(_FISCAL_PART.findall(line_folded[at:])) >= 2


# An amount's part after it in the same cell (180万元，其中财政拨款), and where such a label starts (其中：区级…).
_PART_AFTER_AMOUNT = re.compile(r"\d\s*万?元?\s*[，,；;(（]\s*其中")


_PART_START = re.compile(r"其中\s*[:：]?\s*[\u4e00-\u9fff]{0,4}$")


def _unglued(cell: tuple[int, str, int]) -> list[tuple[int, str, int]]:
    """A cell that begins with a project, unit or amount label and holds another such label further on
    (cells glued without separators): one cell per label. Other cells (a goal's text) stay whole."""
    line, text, offset = cell
    folded = fold(text)
    first = label_match(text, (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, "项目资金"))
    if first is None and _amount_role(text) is None and not _PART_AFTER_AMOUNT.search(folded):
        return [cell]
    # After a colon a label is the value of none (主管部门：…), except the amounts a 项目资金： label heads.
    after_colon_ok = first is not None and first[0] == "项目资金"
    starts = [m.start() for m in _GLUED_LABELS.finditer(folded) if m.start() > 0 and (after_colon_ok or folded[m.start() - 1] not in "：:")]
    # 其中:财政拨款 and 其中：区级财政资金 are one label: it starts at 其中.
    starts = sorted({(m.start() if (m := _PART_START.search(folded[:at])) else at) for at in starts} - {0})
    if not starts:
        return [cell]
    bounds = [0, *starts, len(text)]
    return [(line, text[a:b], offset + a) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _wrapped_labels(cells: list[tuple[int, str, int]], lines: Sequence[str]) -> list[tuple[int, str, int]]:
    """A label wrapped over two lines of one cell each (年度 | 目标, as a PDF's narrow column prints it): one
    cell, where neither half is a label and the two make one."""
    out: list[tuple[int, str, int]] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if index + 1 < len(cells):
            following = cells[index + 1]
            alone = following[0] == cell[0] + 1 and all(len(split_cells(lines[c[0] - 1])) == 1 for c in (cell, following))
            joined = label_key(cell[1] + following[1])
            if alone and len(label_key(cell[1])) <= 4 and len(label_key(following[1])) <= 4 \
                    and label_match(cell[1], ALL_LABELS) is None and label_match(following[1], ALL_LABELS) is None \
                    and any(joined == label for label in ALL_LABELS):
                out.append((cell[0], cell[1] + following[1], cell[2]))
                index += 2
                continue
        out.append(cell)
        index += 1
    return out


def read_facts(lines: Sequence[str], header_line: int, start_offset: int = 0) -> Facts:
    facts = Facts()
    cells = []
    for cell in flat_cells(lines[:header_line]):
        if cell[0] == header_line and cell[2] >= start_offset:
            break  # the header's own line: only what comes before the header (a table on one line)
        if cell[1].strip("| ") and not is_breadcrumb(lines[cell[0] - 1]):
            cells += _unglued(cell)
    cells = _wrapped_labels(cells, lines)
    supervisor = None
    ordinals, column, printed_once = _annual_amounts(cells, facts.readings)
    for number, text in enumerate(lines[:header_line], start=1):
        match = TITLE.search(fold(text))
        if match and facts.title is None:
            facts.title, facts.title_line = text[match.start(): match.end()], number
    if facts.title is None:
        for number, text in enumerate(lines, start=1):
            match = TITLE.search(fold(text))
            if match:
                facts.title, facts.title_line = text[match.start(): match.end()], number
                break
    headings_read: set[int] = set()  # cells read as two goals' headings (中长期目标 | 年度目标): no labels
    funds_heading: int | None = None  # the cell 项目资金（万元） with a number beside it
    for index, (line, cell, _) in enumerate(cells):
        for labels, slot in ((PROJECT_LABELS, "project"), (UNIT_LABELS, "unit"), (CODE_LABELS, "code"), (GOAL_LABELS, "goal")):
            hit = label_match(cell, labels) if index not in headings_read else None
            if slot == "unit" and hit is None and (bare := re.match(r"^\s*单位\s*[:：]\s*(\S.*)$", cell)) \
                    and not re.match(r"\s*(?:万?元|人民币)", fold(bare.group(1))):
                hit = ("单位", bare.group(1))  # 单位：某县应急管理局 beside 预算年度： (单位：万元 is the amounts' unit)
            if hit and hit[0] == "预期目标" and label_key(cell) != "预期目标" and not re.match(r"^\s*预期目标\s*[:：]", fold(cell)):
                hit = None  # 预期目标值 and the like: a heading, not the goal's label (预期目标：… is one)
            if hit and slot == "goal" and (TITLE.search(fold(cell)) or FORM_TITLE.search(fold(cell))):
                hit = None  # the form's title (项目绩效目标表), not the goal's label
            if hit and slot == "unit" and facts.unit is not None and _unit_rank(hit[0]) < _unit_rank(facts.unit_label) \
                    and (better := _value_after(cells, index, hit[1])) and better[0].strip():
                if _SEAL.sub("", better[0]).strip() != facts.unit[0].strip():
                    facts.readings.append(Reading(better[1], "unit", f"line {better[1]}: the {hit[0]} {better[0].strip()!r} is the unit, "
                                                  f"not the {facts.unit_label} {facts.unit[0]!r} (line {facts.unit[1]})"))
                facts.unit = None  # 实施单位 printed below 申报单位 or 填报单位: the unit that carries the project out
            if hit and slot == "goal" and facts.goal is not None and facts.goal_label in _PERIOD_GOAL_LABELS \
                    and hit[0] not in _PERIOD_GOAL_LABELS and (annual := _value_after(cells, index, hit[1])) and annual[0].strip() \
                    and label_match(annual[0], ALL_LABELS) is None and not _OTHER_GOAL.match(fold(annual[0])):
                facts.readings.append(Reading(annual[1], "goal", f"line {annual[1]}: the goal is the {hit[0]}'s, not the "
                                              f"{facts.goal_label}'s (line {facts.goal[1]}), another period's"))
                facts.goal = None  # 项目总体目标 then 年度目标: the year's
            if hit and getattr(facts, slot) is None:
                if slot == "unit":
                    facts.unit_label = hit[0]
                    hit = (hit[0], _SEAL.sub("", hit[1]))
                beside = _year_text_beside(cells, index, lines) if slot == "goal" else None
                if beside is not None:
                    # 实施期目标（…） | 年度目标（2024年） headings on the line above, the texts under them beside the label
                    facts.readings.append(Reading(beside[1], "goal", f"line {beside[1]}: the goal is the text under 年度目标 on the line "
                                                  "above, not the other period's beside it"))
                    facts.goal, facts.goal_label = beside, hit[0]
                    continue
                value = _value_after(cells, index, hit[1])
                if slot == "goal" and value is not None and label_match(value[0], ALL_LABELS) is not None \
                        and YEAR_GOAL_HEADING.match(label_key(cell)) is None:
                    value = None  # 年度总体目标预期目标实际完成情况 glued: headings, not the goal
                if value is None and slot == "unit" and not hit[1] and index + 1 < len(cells) and cells[index + 1][0] - line <= 2 \
                        and _TITLE_GLUED_TO_CODE.match(fold(cells[index + 1][1])):
                    value = (cells[index + 1][1], cells[index + 1][0])  # (a title before a unit's code reads as a label)
                if value is not None and slot == "unit":
                    value = (_SEAL.sub("", value[0]), value[1])  # 某县林业局（盖章）
                    if (glued := _TITLE_GLUED_TO_CODE.match(fold(value[0]))) is not None:
                        # 绩效目标表402017-某局: the form's title, printed tight above the table, glued into the cell in a PDF
                        facts.readings.append(Reading(value[1], "unit", f"line {value[1]}: {value[0][: glued.end()]!r} before the unit's "
                                                      "code is the form's title glued into the cell: not the unit's"))
                        value = (value[0][glued.end():], value[1])
                if value is not None and slot == "project" and _LIST_HEADING.match(label_key(value[0])):
                    value = None  # 年度主要任务 | 项目名称 | 主要内容 | 预算金额: a task list's headings, no project's name
                in_a_row = value is None and slot == "goal"  # under its heading, beside the outcome: one cell
                periods = slot == "goal" and value is not None and _OTHER_GOAL.match(fold(value[0])) is not None
                if periods and not _has_year_heading(cells, index):
                    # 总体目标 | 长期目标 | its text, the year's goal on a line of its own below: the
                    # long-term goal is no heading over the year's, whose own label is read further on.
                    periods, value = False, None
                elif periods:
                    # 总体目标 | 中长期目标 | 年度目标 over the two goals: the year's is the text under 年度目标.
                    in_a_row = True
                    headings_read |= {n for n in range(index + 1, len(cells)) if n - index <= 3
                                      and (_OTHER_GOAL.match(fold(cells[n][1])) or YEAR_GOAL_HEADING.match(label_key(cells[n][1])))}
                    placed = _goal_under_year_heading(cells, index, lines)
                    said = f"under 年度目标, beside {cells[index + 1][1].strip()!r} (another period's goal)"
                    if placed is False:
                        facts.warnings.append(Warning(line, f"the goals under the headings of line {line} (中长期目标 | 年度目标) are "
                                                      "printed over more lines than one under each heading: no goal read"))
                        value = None
                    else:
                        value = placed  # type: ignore[assignment]
                        facts.readings.append(Reading(value[1] if value else line, "goal", f"line {value[1]}: the goal is the text {said}"
                                                      if value else f"line {line}: no goal: the cell {said} is blank"))
                if in_a_row and value is None and not periods:
                    under = _goal_under_headings(cells, index, lines)
                    if under is False:
                        facts.warnings.append(Warning(line, f"the texts under {hit[0]} and the outcome's heading (line {line}) are printed "
                                                      "one a line over more lines than one each: no goal read"))
                    elif under:
                        value = under  # type: ignore[assignment]
                        facts.readings.append(Reading(value[1], "goal", f"line {value[1]}: the goal is the text under {hit[0]}, "
                                                      "beside the outcome's heading"))
                if value and value[0].strip():
                    found = (value[0].strip(), value[1])
                    setattr(facts, slot, goal_continued(lines, found, header_line, facts.readings) if slot == "goal" and not in_a_row else found)
                    if slot == "goal":
                        facts.goal_label = hit[0]
        hit = label_match(cell, SUPERVISOR_LABELS)
        if hit and supervisor is None:
            supervisor = _value_after(cells, index, hit[1])
        role_rest = _amount_role(cell)
        if role_rest is None and funds_heading is None and _funds_heading_beside_a_number(cells, index):
            funds_heading = index  # 项目资金（万元） | 380 | 其中：财政拨款 | 380: the total's, unless a label of its own says it
        if role_rest is not None and role_rest[0] == "fiscal" and "fiscal" not in facts.amounts and _fiscal_in_parts(cell, lines[line - 1]):
            facts.warnings.append(Warning(line, f"财政拨款 printed in parts, by level or source ({lines[line - 1].strip()[:60]!r}): "
                                          "its parts are not summed and it is not read"))
            facts.amounts["fiscal"] = None  # type: ignore[assignment]  # marked: no later label reads it either
            continue
        if role_rest is not None and role_rest[0] not in facts.amounts and ordinals.get(index, column) == column:
            amount = None
            if index in printed_once:  # 财政拨款 1000 300: both periods' numbers after one label, the year's in its place
                amount = _amount(cells, index, role_rest[1], lines, facts.readings, nth=column)
            if amount is None:
                amount = _amount(cells, index, role_rest[1], lines, facts.readings, nth=-column - 1 if column < 0 else 0)
            if amount is not None:
                facts.amounts[role_rest[0]] = amount
    if funds_heading is not None and "total" not in facts.amounts:
        total = _amount(cells, funds_heading, "", lines, facts.readings)
        if total is not None:
            facts.amounts = {"total": total, **facts.amounts}  # the total first, as its label would have put it
    facts.amounts = {role: amount for role, amount in facts.amounts.items() if amount is not None}
    if "fiscal" not in facts.amounts:
        # 其中：一般公共预算 1,762.40 / 政府性基金拨款 100.00 and no 财政拨款: the fiscal funds by budget, not summed
        # into 财政拨款 (which budgets it takes is not printed), so reported rather than lost
        by_line: dict[int, list[str]] = {}
        for index, (line, cell, _) in enumerate(cells):
            funds = _FUND_BUDGET.fullmatch(label_key(cell))
            if funds and any(read_value(text).value is not None for n, (at, text, _) in enumerate(cells) if at == line and n != index):
                by_line.setdefault(line, []).append(funds.group(1))
        for line, names in by_line.items():
            facts.skipped.append(Skipped(line, f"{'、'.join(names)}: parts of 财政拨款 by budget, and 财政拨款 itself is not printed: "
                                         "the parts are not summed and not read", True, lines[line - 1].strip()))
    below = _amounts_below(lines, header_line)  # labels over their values: by column, not the next cell
    if below.found:
        facts.amounts.update(below.found)
        at = min(line for _, _, line in below.found.values())
        how = "in order (the row leaves out the cell before them)" if at in below.shifted else "column by column"
        facts.readings.append(Reading(at, "amount", f"line {at}: the amounts under the labels of line {at - 1}, {how}: "
                                      + ", ".join(f"{role} {text}" for role, (_, text, _) in below.found.items())))
    for line in sorted(below.unplaced):
        facts.skipped.append(Skipped(line, f"the numbers under the amount labels of line {line - 1} do not line up with them: "
                                     "not read", True, lines[line - 1].strip()))
    if below.units:
        facts.readings.append(Reading(below.units[0], "amount", f"{named_lines(below.units)}: the amounts of the department's units "
                                      "below its 合计 are not kept (the department's are)"))
    if facts.unit is None and supervisor is not None and supervisor[0].strip():
        facts.readings.append(Reading(supervisor[1], "unit", f"line {supervisor[1]}: no 实施单位 printed; the 主管部门 {supervisor[0]!r} is read as the unit"))
        facts.unit = (supervisor[0].strip(), supervisor[1])
        facts.unit_from_supervisor = True
    if facts.project is not None and (coded := _CODE_BEFORE_NAME.match(fold(facts.project[0]).strip())) is not None:
        # 51330024R000000012345-食品安全抽检监测经费: a budget system's code before the name, as 表12 prints Beijing's
        facts.readings.append(Reading(facts.project[1], "code", f"line {facts.project[1]}: the project code {coded['code']!r} "
                                      "printed before the name is the code, not part of the name"))
        if facts.code is None:
            facts.code = (coded["code"], facts.project[1])
        elif re.sub(r"\s", "", fold(facts.code[0])) != coded["code"]:
            facts.warnings.append(Warning(facts.project[1], f"the code {coded['code']!r} printed before the project's name is not "
                                          f"its 项目编码 {facts.code[0]!r} (line {facts.code[1]}): the 项目编码 is kept"))
        facts.project = (coded["name"].strip(), facts.project[1])
    if facts.code is None:
        for line, cell, _ in cells:
            found = _BUDGET_CODE.search(cell)
            if found:
                facts.code = (found.group(), line)
                break
    if facts.code is not None and not PROJECT_CODE.fullmatch(facts.code[0]):
        printed = re.sub(r"\s", "", fold(facts.code[0]))
        if _OTHER_PROJECT_CODE.fullmatch(printed):
            # a province's own scheme (51010723R000000123456): the project's code, though it says no region
            facts.readings.append(Reading(facts.code[1], "code", f"line {facts.code[1]}: the 项目编码 {printed!r} is of another "
                                          "scheme than Beijing's (no region is read from it)"))
            facts.code = (printed, facts.code[1])
        else:
            facts.code = None  # text under a code's label that is no code (无, a name), or none printed: no code
    if facts.unit is not None:
        unit_text = re.sub(r"^\[\d+\]", "", facts.unit[0]).strip()
        coded = UNIT_CELL.fullmatch(unit_text)
        if coded:
            facts.unit_code, unit_text = coded.group(1), coded.group(2).strip()
        else:
            unit_text = re.sub(r"^\d{3,6}\s*[-－—]\s*", "", unit_text)
        facts.unit = (unit_text, facts.unit[1])
        following = lines[facts.unit[1]].strip() if facts.unit[1] < len(lines) else ""
        if (not ORGANISATION_END.search(unit_text) and re.fullmatch(r"[\u4e00-\u9fff（）()]{1,8}", following)
                and ORGANISATION_END.search(unit_text + following) and not any(label in following for label in ALL_LABELS)):
            # 实施单位 | 湖南省森林病虫害防治检 / 疫总站 alone on the next line: the name wrapped by its cell's width
            # (text laid out by columns prints the rest of a wrapped cell on a line of its own)
            facts.readings.append(Reading(facts.unit[1] + 1, "unit", f"lines {facts.unit[1]}–{facts.unit[1] + 1}: {unit_text!r} ends "
                                          f"no organisation's name and with {following!r}, alone on the next line, it does: read as one name"))
            facts.unit = (unit_text + following, facts.unit[1])
    return facts


_MID_TERM_TOTAL = re.compile(r"^(?:中期|中长期|实施期|项目期)(?:资金)?总(?:额|金额|投入)")


def _annual_amounts(cells: list[tuple[int, str, int]], readings: list[Reading]) -> tuple[dict[int, int], int, set[int]]:
    """Amounts printed for two periods (中期资金总额 1200 年度资金总额 400, and 财政拨款 twice, side by side, a
    row or a cell a line each): the year's. Returns, by cell index, each amount label's place among the
    labels of its role (a mid-term total counting as a total) and the year's place (0 where only one
    period is printed); a role printed once keeps its label (the third: those labels, whose line may hold
    both periods' numbers after them, 财政拨款 1000 300). Where the periods head columns of numbers
    (no number on their line), the headings are no labels (place -1) and the year's place is returned
    as -(place + 1): each row's label takes the number in that column."""
    places: dict[int, int] = {}
    seen: dict[str, list[int]] = {}
    column = 0
    for index, (line, text, _) in enumerate(cells):
        mid = _MID_TERM_TOTAL.match(label_key(text)) is not None
        role = "total" if mid else (found[0] if (found := _amount_role(text)) is not None else None)
        if role is None:
            continue
        same = seen.setdefault(role, [])
        places[index] = len(same)
        same.append(index)
        if role == "total" and not mid and not column and any(_MID_TERM_TOTAL.match(label_key(cells[i][1])) for i in same[:-1]):
            column = places[index]
            first = cells[same[0]]
            headed = first[0] == line and not any(read_value(c[1]).value is not None for c in cells if c[0] == line)
            readings.append(Reading(line, "amount", f"line {line}: {first[1].strip()!r} (line {first[0]}) and {text.strip()!r} "
                                    + ("head two columns: each amount below is the one in the year's column" if headed else
                                       "printed for two periods: the amounts are the year's, each the second of its kind")))
            if headed:  # the periods head columns of numbers (资金总额 | 1200 | 400 below): each row's numbers by column
                return {i: -1 for i in places if cells[i][0] == line}, -column - 1, set()
    if not column:
        return {}, 0, set()
    role_of = {i: role for role, indexes in seen.items() for i in indexes}
    once = {i for i in places if len(seen[role_of[i]]) <= column}
    return {i: (column if i in once else p) for i, p in places.items()}, column, once


# 项目资金（万元）: a heading over 年度资金总额 and its parts, or the total's own label where a number follows it
_FUNDS_HEADING_TEXT = r"项目资金(?:[(（]万?元[)）])?"


_FUNDS_HEADING = re.compile(_FUNDS_HEADING_TEXT)


_AMOUNT_ROLES = (
    ("total", re.compile(r"^(?:项目|部门)?(?:年度)?(?:资金总额|项目总额|项目金额|项目总金额|总金额|预算金额|预算总额|金额|总额)(?![\u4e00-\u9fff])"
                         rf"|^{_FUNDS_HEADING_TEXT}(?=\d)")),  # 项目资金(万元)：180 in one cell
    ("other", re.compile(r"^(?:[(（][一二三四五1-5][)）]|[一二三四五1-5][、.．])?(?:其中)?(?:本年度|当年)?(?:其他资金|其他收入|自有资金|单位自筹|自筹资金)")),
    # 1.财政拨款, (1)财政资金: numbered in digits, the label itself (2.省级财政资金 is a part by level, not the 财政拨款)
    ("fiscal", re.compile(r"^(?:(?:[(（][一二三四][)）]|[一二三四][、.．])?(?:其中)?[^\d其]{0,6}?|(?:[(（][1-4][)）]|[1-4][、.．])(?:其中)?)"
                          r"(?:财政拨款|财政资金)(?:小计)?")),
)


def _funds_heading_beside_a_number(cells: list[tuple[int, str, int]], index: int) -> bool:
    """Whether the cell is the heading 项目资金（万元） with a number in the next cell of its line: then it is the
    total's label. Over labels of its own (项目资金 | 年度资金总额： | 380) it heads them and labels no amount."""
    line, text, _ = cells[index]
    if not _FUNDS_HEADING.fullmatch(label_key(text)) or index + 1 >= len(cells):
        return False
    after_line, after, _ = cells[index + 1]
    # (a year beside it heads a column of years' amounts: 项目资金 | 2022 | 2023 over 年度资金总额 | 380 | 400)
    return after_line == line and read_value(after).value is not None and not re.fullmatch(r"\s*(?:19|20)\d\d\s*", after)


def _amount_role(cell: str) -> tuple[str, str] | None:
    """(total | fiscal | other, the text after the label in the cell) of an amount's label cell."""
    folded = fold(cell)
    for role, pattern in _AMOUNT_ROLES:
        match = pattern.match(re.sub(r"[\s:：]", "", folded))
        if match:
            # the label's end in the printed cell: as many non-space, non-colon characters as it has
            count, end = 0, 0
            for end, ch in enumerate(folded, start=1):
                if not re.match(r"[\s:：]", ch):
                    count += 1
                if count == match.end():
                    break
            return role, cell[end:].lstrip(" :：\u3000")
    return None


# The unit an amount's label or section prints for the numbers under it: (元), (万元), 单位：元.
_MONEY_UNIT = re.compile(BRACKETED_MONEY + r"|单位\s*[:：]?\s*(万?元)(?![/\w])")


def amount_unit_said(lines: Sequence[str], line: int, label: str = "") -> str | None:
    """The money unit (元 or 万元) said nearest above an amount printed without one: in its label,
    else on its line or the lines before (a section heading, the form's 金额单位); None if none is."""
    for text in (label, *(lines[n] for n in range(line - 1, max(-1, line - 13), -1))):
        said = [m.group(1) or m.group(2) for m in _MONEY_UNIT.finditer(fold(text))]
        if said:
            return said[-1]
    return None


# A self-evaluation's amount columns (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分).
_INITIAL_BUDGET = re.compile(r"^年初(?:预算数|预算|预算金额|预算资金)$")


def _budget_columns(cells: list[tuple[int, str, int]], index: int) -> tuple[list[str], int]:
    """The headings of the budget columns an amount's label sits under (年初预算数, 全年预算数, 全年执行数 …,
    printed on a line above it), or none, and their line."""
    line = cells[index][0]
    above = [c for c in cells[max(0, index - 40): index] if line - 4 <= c[0] < line or c[0] == line]
    starts = [n for n, (_, text, _) in enumerate(above) if _INITIAL_BUDGET.match(label_key(text))]
    if not starts:
        return [], 0
    headings: list[str] = []
    for at, text, _ in above[starts[-1]:]:
        if at != above[starts[-1]][0] or not re.search(r"预算|执行数|执行金额|支出", text):
            break  # the budget columns end where the scores' begin (分值, 执行率, 得分)
        headings.append(text.strip())
    return headings, above[starts[-1]][0]


def _under_headings(lines: Sequence[str], line: int, label: str, headings: list[str], headings_line: int) -> list[str] | None:
    """The cells of a label's line under the headings (a line of pipes or tabs, blank cells kept): by
    the headings' columns where the label sits left of them, else the cells after the label (a web
    copy that left out a merged cell); None on a line of spaces."""
    found = _label_cell(lines[line - 1], label)
    if found is None:
        return None
    row, at = found
    columns = [n for n, c in enumerate(split_cells(lines[headings_line - 1])) if c.strip() in headings][: len(headings)]
    if len(columns) == len(headings) and at < columns[0]:
        return [row[n] if n < len(row) else "" for n in columns]
    return row[at + 1: at + 1 + len(headings)]


def _amount_part(text: str) -> str:
    """The amount a cell begins with, without what follows it: a bracket or separator left at its edge by
    ungluing (120万元（ | 其中：…), the next part (536.00万元，上级补助…) or a note (260万元（含上年结转…）)."""
    text = re.sub(r"^[(（]+", "", text.strip())
    return re.split(r"[，；;（(）)]|,(?!\d)", text)[0].strip()


def _amount(cells: list[tuple[int, str, int]], index: int, rest: str, lines: Sequence[str],
            readings: list[Reading] | None = None, nth: int = 0) -> tuple[Decimal, str, int] | None:
    """A form's amount: the first number after its label, in 万元 (converted by the unit printed in the
    cell, else by the unit its label, section heading or the form's 金额单位 says: 万元 if none). Under a
    self-evaluation's budget columns, that is the 年初预算数; a reading gives the others as printed."""
    label = cells[index][1]
    if (unit_note := re.match(r"\s*" + BRACKETED_MONEY + r"\s*[:：]?\s*", fold(rest))) is not None:
        rest = rest[unit_note.end():]  # 项目总金额（元）：12,860,000.00: the label's unit, then its amount
        label = label + f"（{unit_note.group(1)}）"
    # 项目金额：385万元（其中财政拨款385万元）, glued labels read apart: an amount's bracket left at its edge
    rest = _amount_part(rest)
    candidates = [(cells[index][0], rest)] if rest else []
    # the next cells, a bracket or separator at their edge left by ungluing (120万元（ | 其中：财政资金…)
    candidates += [(line, _amount_part(text)) for line, text, _ in cells[index + 1: index + 3]]
    headings, headings_line = _budget_columns(cells, index)
    if len(headings) > 1 and readings is not None:
        line_of_label = cells[index][0]
        positional = _under_headings(lines, line_of_label, label, headings, headings_line)
        if positional is not None:  # pipes or tabs: a blank cell is a column left blank
            printed = [(line_of_label, text) for text in positional]
        else:
            printed = [(line, text) for line, text in [*candidates[:1 if rest else 0], *((c[0], c[1]) for c in cells[index + 1: index + 1 + len(headings)])]
                       if read_value(text).value is not None][: len(headings)]
        chosen = next((n for n, (_, text) in enumerate(printed) if read_value(text).value is not None), None)
        if len(printed) > 1 and chosen is not None:
            why = "the budget the targets were set with" if chosen == 0 else f"{headings[0]} being blank"
            readings.append(Reading(line_of_label, "amount", f"line {line_of_label}: {label.strip()} prints "
                                    + ", ".join(f"{h} {t.strip() or '(blank)'}" for h, (_, t) in zip(headings, printed))
                                    + f": the amount is the {headings[chosen]}, {why}"))
    if nth:  # under columns headed by periods: the number in the year's column of the label's line
        numbers = [(line, text) for line, text, _ in cells[index + 1:] if line == cells[index][0]]
        if len(numbers) > nth and read_value(numbers[nth][1]).value is not None:
            return read_money(numbers[nth][1], numbers[nth][0], label, lines)
        return None
    row = [c for c in cells if c[0] == cells[index][0]]
    # A row of amount labels and no numbers (资金总额 | 财政拨款 | 其他资金): its values are under it, by
    # column (_amounts_below); the next line's first cell is no value of its last label.
    labels_row = sum(1 for c in row if _amount_role(c[1]) is not None or label_key(c[1]) in ("基本支出", "项目支出")) > 1 \
        and not any(read_value(c[1]).value is not None for c in row)  # (资金总额 | 基本支出 | 项目支出: the total's split by kind)
    for line, text in candidates:
        if line - cells[index][0] > 1 or (labels_row and line != cells[index][0]):
            break
        if _MONEY_UNIT.fullmatch(fold(text).strip()) or re.fullmatch(r"万?元", fold(text).strip()):
            label += text  # the label's unit printed as a cell of its own: 项目金额 | (元) | 1,640,000.00
            continue
        if (sourced := _FUND_SOURCE.fullmatch(fold(text).strip())) is not None:
            text = sourced["amount"]  # 其他资金 | 群众筹资15: the amount after the words saying whose money it is
        value = read_value(text)
        if value.value is not None and value.comparator is None:
            return read_money(text, line, label, lines)
        if (label_match(text, ALL_LABELS) is not None or not NUMBER.match(fold(text))) and text.strip():
            return None  # another label or text: the amount is blank
    return None


def _label_cell(printed: str, label: str) -> tuple[list[str], int] | None:
    """A line of pipes or tabs as its cells, blank ones kept, and where the label's cell is among them
    (None on a line of spaces, where a blank cell leaves nothing, or without the label)."""
    if "|" not in printed and "\t" not in printed:
        return None
    cells = split_cells(printed)
    at = next((n for n, c in enumerate(cells) if c and label_key(label) in label_key(c)), None)
    return None if at is None else (cells, at)


def read_money(text: str, line: int, label: str, lines: Sequence[str]) -> tuple[Decimal, str, int] | None:
    """An amount cell in 万元, by the unit printed in it, else the one its label, section heading or
    the form's 金额单位 says (万元 if none); None when it is no amount or its unit is not money."""
    value = read_value(text)
    if value.value is None or value.comparator is not None:
        return None
    if value.unit is None:
        value = replace(value, unit=amount_unit_said(lines, line, label))
    yuan = unit_of(value.unit)
    if value.unit and (yuan is None or yuan.yuan_per_unit is None):
        return None
    wan = yuan.in_wan(value.value) if yuan is not None else value.value
    return (wan if wan is not None else value.value), text, line


# Whose money an amount is, printed before it (群众筹资15, 村民自筹 3.5万元, 单位配套20).
_FUND_SOURCE = re.compile(r"(?:群众|村民|社会|单位|企业|农户|乡镇)?(?:筹资|自筹|筹集|配套|投劳折资)\s*[:：]?\s*(?P<amount>\d.*)")


@dataclass
class _AmountsBelow:
    """Amounts read under a row of their labels, the lines of values read in order (their row left
    out the cell before them), and the lines of numbers under such a row that do not line up."""

    found: dict[str, tuple[Decimal, str, int]] = field(default_factory=dict)
    shifted: set[int] = field(default_factory=set)
    unplaced: set[int] = field(default_factory=set)
    units: list[int] = field(default_factory=list)  # the units' own rows under the department's 合计 (not kept)


def _no_closing_empties(cells: list[str]) -> list[str]:
    """A row's cells without the empty ones a closing | or tab leaves at its end."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


# 财政拨款's parts by budget (一般公共预算拨款, 政府性基金预算拨款, 国有资本经营预算拨款), as a label.
_FUND_BUDGET = re.compile(r"(?:其中)?(一般公共预算|政府性基金|国有资本经营预算)(?:预算)?(?:拨款|收入|资金)?(?:\(万?元\))?")  # (matched as label_key leaves it: no colon)


_UNIT_COLUMN_HEADINGS = ("单位名称", "单位", "预算单位", "预算单位名称", "单位（部门）名称", "部门（单位）名称")


def _amounts_below(lines: Sequence[str], before: int) -> _AmountsBelow:
    """Amount labels printed side by side in one row (资金总额 | 财政拨款 | 其他资金) over their values in
    the row below, by column (tabs or pipes): each label's amount is the cell under it."""
    out = _AmountsBelow()
    found, shifted = out.found, out.shifted
    for number in range(1, before - 1):
        text, below = lines[number - 1], lines[number]
        if not ("\t" in text or "|" in text) or not ("\t" in below or "|" in below):
            continue
        cells, values = _no_closing_empties(split_cells(text)), _no_closing_empties(split_cells(below))
        labels = {n: role[0] for n, cell in enumerate(cells) if cell and (role := _amount_role(cell)) and not role[1]}
        # 资金总额 | 基本支出 | 项目支出: the total's split by kind, under labels of their own (not kept: the model
        # splits 财政拨款 and 其他资金, not the total), whose columns are no stray numbers
        kinds = {n for n, cell in enumerate(cells) if label_key(cell) in ("基本支出", "项目支出")} if labels else set()
        # 单位名称 | 资金总额 | 财政拨款 | 其他资金 over 合计 | 5,620.00 | …: the department's row of a table of its units'
        # amounts (another unit's row first is no total of the department's: reported below)
        units = {n for n, cell in enumerate(cells) if label_key(cell) in _UNIT_COLUMN_HEADINGS} if labels else set()
        named = {n for n in units if n < len(values) and values[n].strip()}
        total_row = bool(named) and all(label_key(values[n]) in TOTAL_ROW_LABELS for n in named)
        filled = {n for n, c in enumerate(values) if c.strip()} - kinds - named
        if named and not total_row and any(read_value(values[n]).value is not None for n in filled):
            out.unplaced.add(number + 1)  # a unit's own row under the labels, not the department's 合计
            continue
        # A row of labels and no numbers, over a row of numbers and nothing else (not a task list's
        # rows), each number under a label. A web page's copy leaves out the merged cell before the
        # numbers (项目资金 | 年度资金总额 | 财政拨款 | 其他资金 over 1200 | 1000 | 200): where the row holds
        # nothing but as many numbers as there are labels, and the labels end their row, in order.
        columns = sorted(labels)
        if not (len(labels) < 2 or filled <= set(labels)) and len(filled) == len(values) == len(labels) \
                and columns == list(range(len(cells) - len(columns), len(cells))):
            values = [""] * (len(cells) - len(values)) + values
            filled = set(columns)
            shifted.add(number + 1)
        numbers = all((v := read_value(values[n])).value is not None and v.comparator is None for n in filled)
        if len(labels) + len(kinds) < 2 or any(NUMBER.match(fold(c).strip()) for c in cells) or not filled or not numbers:
            continue
        if not filled <= set(labels):
            out.unplaced.add(number + 1)
            continue
        for n, role in labels.items():
            if n in filled and role not in found:
                amount = read_money(values[n], number + 1, cells[n], lines)
                if amount is not None:
                    found[role] = amount
        if total_row:  # the units' rows below the 合计: a name, then numbers under the labels
            following = number + 2
            while following <= before - 1 and (row := _no_closing_empties(split_cells(lines[following - 1]))) \
                    and any(n < len(row) and row[n].strip() for n in units) \
                    and all(n < len(row) and read_value(row[n]).value is not None for n in filled):
                out.units.append(following)
                following += 1
    return out


# The headings of a task list's columns after its 任务名称 or 项目名称 (主要内容 | 预算金额（万元）).
_LIST_HEADING = re.compile(r"^(?:主要内容|实施内容|任务内容|项目内容|预算金额|预算数|资金金额)(?:\(万?元\))?$")


def label_value(lines: Sequence[str], before: int, labels: tuple[str, ...]) -> tuple[str, int] | None:
    cells = flat_cells(lines[: before - 1])
    for index, (_, cell, _) in enumerate(cells):
        hit = label_match(cell, labels)
        if hit:
            value = _value_after(cells, index, hit[1])
            if value and value[0].strip():
                return value[0].strip(), value[1]
    return None


_LONG_TERM_GOAL = re.compile(r"^(?:中长期|长期|实施期|中期)(?:绩效)?目标$")


def year_goal_beside_long_term(lines: Sequence[str], before: int) -> tuple[str, int] | None:
    """A department's goal printed for two periods: 中长期目标 | 年度目标 as column headings with the texts
    on the row below, or as row labels each before its text. The 年度目标's text and its line, else None."""
    for number in range(1, before):
        cells = split_cells(lines[number - 1])
        keys = [label_key(c) for c in cells]
        if not any(_LONG_TERM_GOAL.match(k) for k in keys) or "年度目标" not in keys:
            continue
        at = keys.index("年度目标")
        if at + 1 < len(keys) and keys[at + 1] and not _LONG_TERM_GOAL.match(keys[at + 1]):
            return cells[at + 1].strip(), number  # 年度目标 | its text, on the line of the 中长期目标's heading
        below = split_cells(lines[number]) if number < before - 1 else []
        if len(below) == len(cells) and below[at].strip():
            return below[at].strip(), number + 1  # the headings' row, then the texts under them
        return None
    labelled = [n for n in range(1, before) if any(_LONG_TERM_GOAL.match(label_key(c)) for c in split_cells(lines[n - 1]))]
    for number in range(labelled[0] + 1 if labelled else before, before):
        cells = [c for c in split_cells(lines[number - 1]) if c.strip()]
        if len(cells) >= 2 and label_key(cells[0]) == "年度目标":
            return cells[1].strip(), number  # 中长期目标 | its text, …, then 年度目标 | its text: rows of their own
    return None


def goal_continued(lines: Sequence[str], goal: tuple[str, int], before: int, readings: list[Reading]) -> tuple[str, int]:
    """A goal printed over several lines (目标1 …, then 目标2 …; a long text wrapped): with the lines
    after its own that hold one cell of text (or, without pipes or tabs, a line of text), joined as
    printed, up to a blank or empty line, a label, a header word, a number or the table (line
    ``before``). Only where the goal ends its line: beside another column's text (年初设定目标 |
    完成情况综述) the lines below hold both."""
    text, line = goal
    last = line
    if not lines[line - 1].rstrip(" |\t\u3000").endswith(text):
        return goal
    width = len(text)
    through: list[str] = []  # lines of a text wrapped over three or more, each as wide as the first, waiting for the line that ends it
    for number in range(line + 1, before):
        printed = lines[number - 1]
        cells = [c for c in split_cells(printed) if c]
        if not cells or page_mark(number, printed) is not None or (len(cells) > 1 and ("|" in printed or "\t" in printed)):
            break
        piece = cells[0] if len(cells) == 1 else printed.strip()
        # The goal goes on where its text stops mid-sentence (wrapped), or where its list goes on
        # (目标1 … then 目标2 …, 1. … then 2. …); a finished sentence followed by anything else (the
        # next paragraph, a label, a page's header) ends it.
        # A long text cut where its cell ended, and a line that finishes its sentence (a unit's name or
        # a seal under an unfinished goal is no part of it).
        unfinished = not re.search(r"[。！？!?]\s*$", text + "".join(through)) and len(text) >= 20
        finishes = re.search(r"[。；;！？!?]\s*$", piece) is not None
        wrapped = unfinished and finishes
        # A line as wide as the first that does not finish the sentence either: the text goes on, if a
        # later line finishes it (kept aside until then; a text never finished keeps its first line).
        full_width = unfinished and not finishes and not through[3:] and len(piece) >= max(20, width * 0.8)
        listed = not through and _GOAL_ITEM.match(fold(text)) is not None and _GOAL_ITEM.match(fold(piece)) is not None
        separated = "|" in lines[line - 1] or "\t" in lines[line - 1]
        if not (wrapped or listed or full_width) or len(piece) < 2 or value_shaped(piece) \
                or (separated and not listed and "|" not in printed and "\t" not in printed) \
                or (not listed and re.match(r"^[^，。,]{1,8}[:：]", piece)) or TITLE.search(fold(piece)) \
                or is_page_furniture(fold(piece)) \
                or any(label_match(c, ALL_LABELS) or HEADER_CELL.fullmatch(label_key(c)) for c in cells) \
                or _OTHER_GOAL.match(fold(piece)) or re.match(r"^\s*[(（]?[一二三四五六七八九十]{1,3}[)）、]", piece) \
                or piece.rstrip().endswith((":", "：")) or "金额单位" in piece or "指标" in piece:
            break  # 实施期目标 …, (二)绩效目标完成情况, 如下表所示:, 年度绩效指标 — not the goal's text
        if full_width and not listed:
            through.append(piece)
            continue
        text += "".join(through) + piece
        through = []
        last = number
    if last != line:
        readings.append(Reading(line, "text", f"lines {line}–{last}: the goal goes on below its first line, up to "
                                f"{'the table' if last + 1 == before else repr(lines[last].strip()[:20])}: read as one goal"))
    return text, line
