"""A form's indicator table found by its header (一级指标 二级指标 三级指标 指标值 …, glued, one cell a
line, or in a row): the columns it names and the shape its rows are printed in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.read.national.words import (
    BRACKETED_MONEY,
    BREAK_LINE,
    DIRECTION,
    EMPTY_CELL_LINE,
    HEADER_CELL,
    ONE_CELL_LINE,
    QUANTITATIVE,
    ROW_FACTS,
    TASK_AMOUNT_ROLES,
    YEAR_GOAL_HEADING,
    Col,
    header_kinds,
    is_comparator_cell,
    label_key,
    split_cells,
)
from kg.read.values import fold
from kg.records import QUALITATIVE


@dataclass
class Header:
    line: int  # the first line of the header
    end_line: int  # the last line of the header
    columns: list[tuple[Col, str]]  # every column, in order, with its printed (folded) word
    style: str  # lines, cells, plain, stream or glued
    rest: str = ""  # glued or stream: the text after the header on its last line
    rest_offset: int = 0  # where ``rest`` starts in that line
    start_offset: int = 0  # where the header starts in its first line
    target_unit: str | None = None  # the unit the target column's heading gives its numbers: 指标值(万元)
    # A table of projects' amount columns as its sub-heading line names them (项目金额 over 合计 | 财政拨款 | 其他资金)
    amount_roles: tuple[str | None, ...] = ()
    # The indicator columns printed twice side by side, the other period's and the year's (中期目标 | 年度目标 above
    # them): (the printed column where the second set starts, whether the year's is the second, the evidence's line)
    halves: tuple[int, bool, int] | None = None

    @property
    def before(self) -> list[Col]:
        kinds = [c for c, _ in self.columns]
        name = kinds.index(Col.NAME) if Col.NAME in kinds else len(kinds)
        return kinds[:name]

    @property
    def after(self) -> list[Col]:
        kinds = [c for c, _ in self.columns]
        return kinds[kinds.index(Col.NAME) + 1:] if Col.NAME in kinds else []

    @property
    def names_tier2(self) -> bool:
        """指标类型 | 指标名称 | 指标值: no 三级 column; the 二级 cell is the indicator's name."""
        kinds = [c for c, _ in self.columns]
        return Col.TIER2 not in kinds and any(word in ("指标名称", "二级指标") for _, word in self.columns) and Col.TIER1 in kinds

    def describe(self) -> str:
        return " ".join(word for _, word in self.columns)


def flat_cells(lines: Sequence[str], start: int = 0) -> list[tuple[int, str, int]]:
    """(line, cell, offset in the line) of every non-empty cell from line index ``start``."""
    out = []
    for index in range(start, len(lines)):
        text = lines[index]
        position = 0
        for cell in split_cells(text):
            if not cell:
                continue
            offset = text.find(cell, position)
            position = offset + len(cell) if offset >= 0 else position
            out.append((index + 1, cell, max(offset, 0)))
    return out


_PROJECT_COLUMNS = (Col.PROJECT, Col.AMOUNT, Col.GOAL)  # a department's table of projects: each project's cells before its tiers


_HEADING_MARK = re.compile(r"[(（](?:[A-Za-z]|分|%|％)[)）]$")


_MONEY_NOTE = re.compile(BRACKETED_MONEY + "$")  # a heading's unit note: 指标值(万元)


def _second_indicator_set(kinds: list[Col]) -> int | None:
    """Where a header's indicator columns begin a second time (一级指标 … 指标值 | 一级指标 …), else None."""
    if kinds.count(Col.TIER1) != 2:
        return None
    second = kinds.index(Col.TIER1, kinds.index(Col.TIER1) + 1)
    return second if Col.TARGET in kinds[:second] else None


def _two_periods_side_by_side(lines: Sequence[str], kinds: list[Col], header_line: int) -> tuple[int, bool, int] | None:
    """A header printing its indicator columns twice (一级指标 … 指标值 | 一级指标 … 指标值: the central template's
    中期 and 年度 indicators side by side): where the second set starts in the printed line, and whether it
    is the year's, as the goals' headings above say (中期目标 | 年度目标: the second). None for a header
    printing them once, and where no heading above says which set is the year's (the second set's cells
    are then a row's cells not read, and warned of)."""
    if _second_indicator_set(kinds) is None:
        return None
    printed = split_cells(lines[header_line - 1])
    tier1_columns = [n for n, c in enumerate(printed) if c and header_kinds(label_key(c))[:1] and header_kinds(label_key(c))[0][0] == Col.TIER1]
    if len(tier1_columns) != 2:
        return None
    for number in range(header_line - 1, max(0, header_line - 7), -1):
        keys = [label_key(c) for c in split_cells(lines[number - 1]) if c]
        year = next((n for n, k in enumerate(keys) if YEAR_GOAL_HEADING.match(k)), None)
        other = next((n for n, k in enumerate(keys) if re.match(r"(?:中期|中长期|长期|实施期)(?:绩效)?目标", k)), None)
        if year is not None and other is not None:
            return tier1_columns[1], year > other, number
    return None


def _comparators_alone(lines: Sequence[str], header_line: int) -> bool:
    """Whether a row of the next ten lines prints a comparator in a cell of its own (≥, 不低于, 正向指标): a sign or
    a word in cells of tabs or pipes, among words split at spaces a direction only (a ≥ or a 不低于 alone there
    may be a value typed with a space)."""
    for text in lines[header_line: header_line + 10]:
        cells = [fold(cell).strip() for cell in split_cells(text) if cell]
        if "\t" in text or "|" in text:
            if any(is_comparator_cell(cell) and cell not in (QUALITATIVE, QUANTITATIVE) for cell in cells):
                return True
        elif any(cell in DIRECTION for cell in cells):
            return True  # among words split at spaces, a direction only (正向指标): a ≥ or 不低于 alone may be a value's
    return False


def _amount_subheadings(lines: Sequence[str], header_line: int) -> tuple[str | None, ...]:
    """The roles of a table of projects' amount columns where the line under its header names them
    (合计 | 财政拨款 | 其他资金 under 项目金额), else ()."""
    if header_line >= len(lines):
        return ()
    cells = [c for c in split_cells(lines[header_line]) if c]
    if len(cells) < 2 or not all(label_key(c) in TASK_AMOUNT_ROLES for c in cells):
        return ()
    return tuple(TASK_AMOUNT_ROLES[label_key(c)] for c in cells)


def _heading_parts(cell: str) -> tuple[str, str, re.Match[str] | None]:
    """A header cell folded, compact (no spaces or colons) and without its unit note (指标值(万元), the note
    returned) or its letter or unit (年度指标值（A）, 分值（分）)."""
    folded = fold(cell)
    compact = label_key(cell)
    note = _MONEY_NOTE.search(compact)  # 指标值(万元): the column's unit
    if note:
        folded = compact = compact[: note.start()]
    elif (mark := _HEADING_MARK.search(compact)) and HEADER_CELL.fullmatch(compact[: mark.start()]):
        folded = compact = compact[: mark.start()]  # 年度指标值（A）, 分值（分）: a heading's letter or unit
    return folded, compact, note


def _is_heading(cell: str) -> bool:
    return HEADER_CELL.fullmatch(_heading_parts(cell)[1]) is not None


def _is_row_fact(cell: str) -> bool:
    """年度, 主管部门 …: a heading only left of a flat table's 项目名称 (年度 / 指标值 is a heading a break cut)."""
    kinds = header_kinds(_heading_parts(cell)[1])
    return bool(kinds) and all(k in ROW_FACTS for k, _, _ in kinds)


def find_header(lines: Sequence[str]) -> Header | None:
    """The indicator table's header: a run of header words (in cells, one cell a line, or glued into
    one cell) that names the indicator (三级 or a tier) and its target."""
    cells = flat_cells(lines)
    best: Header | None = None
    i = 0
    while i < len(cells):
        run: list[tuple[Col, str]] = []
        run_lines: list[int] = []
        run_offsets: list[int] = []
        target_unit: str | None = None
        first_line = cells[i][0]
        j = i
        rest, rest_offset, glued, last_line = "", 0, False, first_line
        start_offset = cells[i][2]
        spanning = False  # a table of projects' heading over two rows (绩效指标 over the tiers)
        while j < len(cells):
            line, cell, offset = cells[j]
            if run and line != last_line and _amount_subheadings(lines, line - 1):
                break  # 资金总额 | 财政拨款 | 其他资金 under 项目资金: the amount columns' names, not the header going on
            wrapped = j + 1 < len(cells) and cells[j + 1][0] == line + 1 and _is_heading(cell + cells[j + 1][1]) \
                and not (_is_heading(cell) and not _is_row_fact(cell) and _is_heading(cells[j + 1][1]))
            if wrapped:
                cell = cell + cells[j + 1][1]  # 年度 / 指标值, 偏差原因分析 / 及改进措施: a heading a line break cut (a copied <br>)
                j += 1
            folded, compact, note = _heading_parts(cell)
            whole = HEADER_CELL.fullmatch(compact)
            if whole and run and [k for k, _, _ in header_kinds(compact)] == [Col.LABEL]:
                if len(run) >= 2 and all(k in _PROJECT_COLUMNS for k, _ in run) and line == last_line:
                    # 项目名称 | 项目资金 | 年度绩效目标 | 绩效指标 over 一级指标 | 二级指标 …: a table of projects' heading
                    # in two rows, 绩效指标 spanning the tiers' columns below it
                    spanning = True
                    j += 1
                    continue
                break  # 绩效指标 opens a header (the merged cell left of it), it never continues one
            if whole:
                kinds = header_kinds(compact)
                glued = glued or len(kinds) > 1
                run += [(k, folded[s:e]) for k, s, e in kinds]
                run_lines += [line] * len(kinds)
                run_offsets += [offset] * len(kinds)
                if note and kinds[-1][0] == Col.TARGET:
                    target_unit = note.group(1)
                last_line = line + wrapped
                j += 1
                continue
            # A long cell holding a glued header (…如下图:评价内容绩效内容绩效目标值实际完成值累计完成率产出目标…).
            inner = [m for m in HEADER_CELL.finditer(folded) if len(header_kinds(m.group())) >= 3]
            if not run and inner:
                m = inner[0]
                kinds = header_kinds(m.group())
                run = [(k, m.group()[s:e]) for k, s, e in kinds]
                run_lines = [line] * len(run)
                run_offsets = [offset + m.start()] * len(run)
                glued, last_line = True, line
                rest, rest_offset = cell[m.end():], offset + m.end()
                first_line, start_offset = line, offset + m.start()
            elif run and j == i + len(run) and glued is False and line == last_line:
                rest, rest_offset = "", 0
            break
        # 年度 | 主管部门 | 单位名称 are columns only left of 项目名称 (a flat table of projects, a row each): elsewhere
        # they are what they were before they were header words, cells that end a header or precede it.
        first = next((n for n, (k, _) in enumerate(run) if k not in (*ROW_FACTS, Col.SERIAL)), len(run))
        flat = first < len(run) and run[first][0] == Col.PROJECT and any(k in ROW_FACTS for k, _ in run[:first]) \
            and len(set(run_lines[:first + 1])) == 1
        if not flat:
            while run and run[0][0] in ROW_FACTS:
                run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
                if run:
                    first_line, start_offset = run_lines[0], run_offsets[0]
            first = 0
        later = next((n for n, (k, _) in enumerate(run) if n > first and k in ROW_FACTS), None)
        if later is not None:
            run, run_lines, run_offsets = run[:later], run_lines[:later], run_offsets[:later]
        # A table of projects prints 项目名称 | 资金总额 | 年度绩效目标 on its tiers' line; such a word on a line of
        # its own above the header (年度目标 | its blank cell) is the form's label, not a column.
        anchor = next((run_lines[n] for n, (k, _) in enumerate(run) if k in (Col.NAME, Col.TIER1, Col.TIER2)), None)
        while run and run[0][0] in _PROJECT_COLUMNS and run_lines[0] != anchor and not spanning:
            run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
            if run:
                first_line, start_offset = run_lines[0], run_offsets[0]
        if len(run) > 3 and run[0][0] == Col.LABEL and run_lines[0] != run_lines[1] and len(set(run_lines[1:])) == 1:
            # 绩效指标 alone on the line above a header of cells (a page's outer table holding the indicator table
            # in its cell): the label over the table, not a column of its rows
            run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
            first_line, start_offset = run_lines[0], run_offsets[0]
        kinds = [k for k, _ in run]
        if "指标属性" in [word for _, word in run] and (kinds.count(Col.NATURE) > 1 or not _comparators_alone(lines, last_line)):
            # 指标属性 says the comparator (≥, 反向指标) where the rows print it in a cell of its own and no 指标性质
            # column does; else it describes the indicator (定量指标, 共性指标)
            run = [(Col.TEXT, word) if kind == Col.NATURE and word == "指标属性" else (kind, word) for kind, word in run]
            kinds = [k for k, _ in run]
        if Col.NAME in kinds and Col.TARGET not in kinds and Col.GOAL in kinds[kinds.index(Col.NAME):]:
            # 三级指标 | 年度目标 | 实际完成: a 年度目标 right of the indicator's name is its value's column, no goal
            run = [(Col.TARGET, word) if kind == Col.GOAL and n > kinds.index(Col.NAME) else (kind, word) for n, (kind, word) in enumerate(run)]
            kinds = [k for k, _ in run]
        if (Col.NAME in kinds or Col.TIER1 in kinds) and (Col.TARGET in kinds or Col.GRADES in kinds) and len(kinds) >= 3:
            style = _style(lines, cells, first_line, last_line, glued, rest, j)
            if style == "stream":
                line_text = lines[last_line - 1]
                end = cells[j - 1][2] + len(cells[j - 1][1])
                rest, rest_offset = line_text[end:], end
            roles = _amount_subheadings(lines, last_line) if Col.AMOUNT in kinds and style == "lines" else ()
            halves = _two_periods_side_by_side(lines, kinds, first_line) if style == "lines" and first_line == last_line else None
            if (one_set := _second_indicator_set(kinds)) is not None:
                # one period's columns: the year's (halves), or where nothing says which, the first, the second set's
                # cells then a row's cells not read (its tier labels among them: the row reported)
                run, run_lines = run[:one_set], run_lines[:one_set]
            best = Header(first_line, last_line + bool(roles), _one_name(_sub_columns(run, run_lines)), style, rest, rest_offset,
                          start_offset, target_unit, roles, halves)
            return best
        i = max(j, i + 1) if run else i + 1
    return best


def _one_name(columns: list[tuple[Col, str]]) -> list[tuple[Col, str]]:
    """One column names the indicator: a second heading of that kind after it (三级指标 | 指标内容) is
    a description of it."""
    names = [n for n, (k, _) in enumerate(columns) if k == Col.NAME]
    kinds = [k for k, _ in columns]
    if not names and Col.TIER1 in kinds and Col.TIER2 in kinds and Col.TARGET in kinds[kinds.index(Col.TIER2):]:
        # 一级指标 | 二级指标 | 指标值 | 指标描述 (Zhejiang's form without a 三级 column): the 二级 names the indicator,
        # as 指标名称 does under 指标类型
        return [(Col.NAME, w) if k == Col.TIER2 else (k, w) for k, w in columns]
    return [(Col.TEXT, w) if k == Col.NAME and n in names[1:] else (k, w) for n, (k, w) in enumerate(columns)]


def _sub_columns(run: list[tuple[Col, str]], run_lines: list[int]) -> list[tuple[Col, str]]:
    """A heading over two sub-columns printed on the next line (指标值 over 2021年实际实现值 | 预期2022年实现值,
    or over 年度指标值 | 实际完成值): the sub-columns take its place, where the header's last line
    holds values' headings and a line above it a target's."""
    last = run_lines[-1] if run_lines else 0
    subs = [n for n, line in enumerate(run_lines) if line == last]
    above = [n for n, line in enumerate(run_lines) if line < last]
    values = (Col.TARGET, Col.PRIOR, Col.ACTUAL)
    if any(run[n][0] == Col.PRIOR for n in subs):
        # 指标值 over 实施期目标 | 年度目标: the year's column is the target (年度目标 names a goal elsewhere)
        run = [(Col.TARGET, word) if n in subs and kind == Col.GOAL else (kind, word) for n, (kind, word) in enumerate(run)]
    # (指标值 merged over 指标性质 | 指标值 | 度量单位: its comparator's and its unit's columns under it too)
    if not above or not all(run[n][0] in (*values, Col.WEIGHT, Col.SCORE, Col.RATE, Col.NATURE, Col.UNIT) for n in subs) \
            or not any(run[n][0] in (Col.TARGET, Col.PRIOR) for n in subs):
        return run
    parent = next((n for n in above if run[n][0] == Col.TARGET), None)
    if parent is None:
        return run
    head = [run[n] for n in above]
    at = above.index(parent)
    return head[:at] + [run[n] for n in subs] + head[at + 1:]


def _style(lines: Sequence[str], cells: list[tuple[int, str, int]], first: int, last: int, glued: bool, rest: str, end: int) -> str:
    """How the rows are printed: glued (the header's words glued), stream (many more tokens on the
    header's line), cells (one cell a line after a header of one cell a line), else lines."""
    if glued:
        return "glued"
    if end < len(cells) and cells[end][0] == last and sum(1 for c in cells[end:] if c[0] == last) > 15:
        return "stream"
    after = [n for n in range(last, min(len(lines), last + 30)) if lines[n].strip()]
    if after and last > first:
        one_cell = sum(1 for n in after if ONE_CELL_LINE.match(lines[n]) or BREAK_LINE.match(lines[n]) or EMPTY_CELL_LINE.match(lines[n]))
        if one_cell * 10 >= len(after) * 6:
            return "cells"
        # No pipes at all (a PDF's text, cell by cell): the header a word a line and the rows too. An
        # empty cell leaves no line behind, so the rows are read as a stream of cells by what fits.
        header_lines = [n for n in range(first - 1, last) if lines[n].strip()]
        if all(len(split_cells(lines[n])) == 1 and "|" not in lines[n] for n in header_lines) \
                and sum(1 for n in after if "|" not in lines[n] and "\t" not in lines[n] and len(split_cells(lines[n])) == 1) * 10 >= len(after) * 9:
            return "plain"
    return "lines"


def printed_header_cells(lines: Sequence[str], header: Header) -> list[str]:
    """The header's headings one a column, as printed with tabs or pipes, blank margins dropped: its
    line, or two lines where a heading stands over sub-columns (指标值 over 年度指标值 | 实际完成值), each
    column headed by its lower line's word where it prints one. Empty when the header is not so."""
    if lines[header.line - 1][: header.start_offset].strip(" \t|\u3000") or header.end_line - header.line > 1:
        return []  # a header after other text on its line (glued, or the table on one line)
    rows = [split_cells(lines[n - 1]) for n in range(header.line, header.end_line + 1)]
    width = max(len(r) for r in rows)
    cells = [next((r[n] for r in reversed(rows) if n < len(r) and r[n]), "") for n in range(width)]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells
