"""The ``lines`` shape: one row a line, cells split by pipes, tabs or runs of spaces; tier cells
printed once per group are carried down, tier names and values wrapped over two lines are joined, a
project's head row and a form's score rows are told from indicator rows."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from kg.numbers import line_ranges
from kg.read.national.header import Header, printed_header_cells
from kg.read.national.rows import (
    Found,
    ProjectHead,
    Row,
    Tiers,
    assign,
    below_the_table,
    continues_last_text,
    empty_groups,
    fits_column,
    is_trailer,
    is_unread_tier,
    last_filled_line,
    merge_spaced,
    rows_below,
    wrapped_tab_rows,
)
from kg.read.national.words import (
    ACTUAL_WORDS,
    FORM_TITLE,
    HEADER_CELL,
    NUMBER,
    ORGANISATION_END,
    ROW_FACTS,
    SCORE_CELL,
    TASK_CUT,
    TITLE,
    TOTAL_ROW_LABELS,
    UNIT_ONLY,
    YEAR_HEADING,
    Cell,
    Col,
    header_kinds,
    is_stop,
    is_tier_end,
    is_tier_prefix,
    label_key,
    page_mark,
    split_cells,
    tier1_of,
    tier2_of,
    value_shaped,
)
from kg.read.pages import is_links_heading, is_page_furniture
from kg.read.values import CMP, COMPARATOR_WORDS, fold, read_value
from kg.records import Reading, Skipped, Warning

# A disclosure's next section after its forms (六、名词解释, （八）其他重要事项的情况说明), a short heading alone on
# its line: the table ends. (一、二级公路… is a name; （一）粮食生产保障 in a row is a task.)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分)"
                      r"(?![一二三四五六七八九十\d])[\u4e00-\u9fff]{2,20}\|*$")


# A group's subtotal between the table's rows (小计 | 50 | 49.6 after the 产出 rows): its label, then only figures.
_SUBTOTAL = re.compile(r"^小计(?:\(分\))?$")  # (总分, 总计 and 合计 end the table: is_stop)


# A form's score under its rows, named longer (部门整体支出绩效自评得分 | 99.8 | 自评等级 | 优): the table's end only
# where figures and a grade follow it (年度考核评价得分 | ≥90分 | 93分 is an indicator).
_SCORE_LABEL = re.compile(r"^[\u4e00-\u9fff()]{0,14}?(?:自评得分|评价得分|自评分数)(?:\(分\))?$")


_GRADE_CELL = re.compile(r"^(?:[\d.,]+分?|(?:自评|评价|绩效|评定)?(?:等级|结果|结论)|优秀?|良好?|中|差|合格|不合格|[A-D]级?)$")


_FIGURE = re.compile(r"^[\d.,]+(?:%|分)?$")


# A cell filled so as not to be left blank (无, /, —): no name and no value.
_PLACEHOLDER = re.compile(r"无|/|／|\\|-|－|—+|–|空")


def _is_placeholder(cell: Cell) -> bool:
    """A cell a form fills where it has nothing to say (无, /, —), as printed or keyed."""
    return bool(_PLACEHOLDER.fullmatch(label_key(cell.text)) or _PLACEHOLDER.fullmatch(fold(cell.text).strip()))


def _is_form_score(cells: list[Cell]) -> bool:
    """A form's score under its rows (部门整体支出绩效自评得分 | 99.8 | 自评等级 | 优): a score label, then figures
    and grade words only, at most two figures unless a grade is among them (年度安全生产考核评价得分 | 90分 | 93分 |
    20 | 20 is a row). The caller also asks that no row follows (法治政府建设考核评价得分 above more rows is one)."""
    after = [label_key(c.text) for c in cells[1:]]
    return bool(_SCORE_LABEL.match(label_key(cells[0].text))) and bool(after) and all(_GRADE_CELL.match(k) for k in after) \
        and (sum(1 for k in after if SCORE_CELL.match(k)) <= 2 or any(not SCORE_CELL.match(k) for k in after))


def _outside_the_cells(number: int, lines: Sequence[str], printed_lines: Counter[str]) -> Skipped:
    """A line printed without the table's separators among its rows: a page's header or footer (a
    page number, a print time, or text printed again elsewhere on the page, as a running header is),
    skipped as no data; else skipped as a line kg cannot place, carrying data."""
    text = lines[number - 1].strip()
    compact = re.sub(r"[\s|]", "", fold(text))
    repeated = printed_lines[text] > 1 and len(compact) >= 8  # a running header; not a short wrapped ending (合格率)
    if is_page_furniture(fold(text)) or repeated:
        return Skipped(number, "a page's header or footer between the table's rows", False, text)
    if re.fullmatch(rf"(?:{'|'.join(_REMARK_LABELS)}|审核意见|主管部门意见|财政部门意见|部门意见)\s*[:：]?", compact):
        return Skipped(number, "a form's label with nothing after it (备注 left blank)", False, text)
    return Skipped(number, "a line without the table's cells between its rows: not read as a row", True, text)


_SERIAL = re.compile(r"\d{1,3}[.、]?")  # a row's 序号: 3, 3., 3、


_DATE_WORD = r"\d{1,4}[年月日](?:\d{1,2}[月日])*(?:底前|底|前|末)?"  # 12月, 2023年3月, 11月底前: a date's end after a dash


def _spaced_value_joined(cells: list[Cell], header: Header) -> list[Cell]:
    """A row of space-separated words whose value was typed with spaces in it (≥ 85万平方米, 98 %, 2022年1月 - 12月):
    the value's words joined again. A comparator alone before a number (where no 指标性质 column holds it; not 达到,
    an actual's word too), a unit alone after one (where no 度量单位 column does), and a dash between two dates'
    words (a dash before anything else is a blank cell) are the value's."""
    comparators, units = Col.NATURE not in header.after, Col.UNIT not in header.after
    words = [fold(c.text).strip() for c in cells]
    out: list[Cell] = []
    skip = 0
    for n, cell in enumerate(cells):
        if skip:
            skip -= 1
            continue
        text = words[n]
        following = words[n + 1] if n + 1 < len(cells) else ""
        if comparators and (re.fullmatch(CMP, text) or (text in COMPARATOR_WORDS and not re.fullmatch(ACTUAL_WORDS, text))) \
                and re.match(r"\d", following):
            out.append(Cell(cell.text + cells[n + 1].text, cell.line))  # ≥ 85万平方米
            skip = 1
        elif units and out and re.fullmatch(rf"(?:{CMP})?\d[\d,.]*", fold(out[-1].text).strip()) and UNIT_ONLY.match(text) \
                and not NUMBER.match(text):
            out[-1] = Cell(out[-1].text + cell.text, out[-1].line)  # 98 %
        elif re.search(r"\d[年月日]$", text) and n + 2 < len(cells) and re.fullmatch(r"[-－—~至]", following) \
                and re.fullmatch(_DATE_WORD, words[n + 2]):
            out.append(Cell(cell.text + cells[n + 1].text + cells[n + 2].text, cell.line))  # 2022年1月 - 12月
            skip = 2
        elif (re.search(r"\d[年月日][-－—~至]$", text) and re.fullmatch(_DATE_WORD, following)) \
                or (re.search(r"\d[年月日]$", text) and re.fullmatch(rf"[-－—~至]{_DATE_WORD}", following)):
            out.append(Cell(cell.text + cells[n + 1].text, cell.line))  # 2022年1月- 12月, 2022年1月 -12月
            skip = 1
        else:
            out.append(cell)
    return out


# The label over a table of another period's indicators (长期绩效指标), and over the year's.
_OTHER_PERIOD_TABLE = re.compile(r"(?:中长期|长期|中期|实施期)(?:绩效)?指标")


_YEAR_TABLE = re.compile(r"(?:年度|本年度?|当年)(?:绩效)?指标")


def lines_rows(lines: Sequence[str], header: Header) -> Found:
    found, tiers = Found(), Tiers()
    pending: Cell | None = None  # a tier name cut by a line wrap
    space_split = not any("|" in lines[n] or "\t" in lines[n] for n in range(header.end_line, min(len(lines), header.end_line + 10)))
    task: Cell | None = None  # 年度主要任务 (a 部门整体 form): printed once, before the tiers of its first row
    unread_tier: Cell | None = None  # a 一级 printed that is none of the framework's (投入指标, 运行成本) or unreadable (質???標)
    name_start: Cell | None = None  # a name printed alone, its end and values on the next line
    name_column = -1  # the column of that name
    tier_line = False  # the line before held tier labels only
    placed: dict[int, Cell] = {}  # the last row's cells by their column of the printed line (tabs or pipes)
    # The header's columns as printed: a label column left of them (年度绩效指标, merged down the rows) counts.
    header_printed = split_cells(lines[header.line - 1])
    tier1_column = next((n for n, c in enumerate(header_printed) if tier1_of(c) is not None or label_key(c) == "一级指标"), 0)

    def the_years(printed: list[str]) -> list[str]:
        """A line's cells in the year's set of indicator columns (the label column before them kept)."""
        if header.halves is None:
            return printed
        second, year_second, _ = header.halves
        return printed[:tier1_column] + printed[second:] if year_second else printed[:second]

    if header.halves is not None:
        found.readings.append(Reading(header.line, "period", f"line {header.line}: the indicator columns are printed twice; the "
                                      f"{'second' if header.halves[1] else 'first'} set is the year's, as the goals' headings on line "
                                      f"{header.halves[2]} say: the other period's targets are not read"))
    header_printed = the_years(header_printed)
    header_keys = [label_key(c) for c in header_printed if c]
    header_line_keys = [label_key(c) for c in split_cells(lines[header.line - 1]) if c.strip()]  # the whole line, labels beside it too
    # A flat table of projects (年度 | 主管部门 | 单位名称 | 项目名称 | …): the columns left of the project's, kept apart
    heading_kinds = [next(iter(header_kinds(label_key(c))), (None,))[0] if c else None for c in header_printed]
    project_column = heading_kinds.index(Col.PROJECT) if Col.PROJECT in header.before and Col.PROJECT in heading_kinds else None
    fact_columns = {n: (kind, label_key(header_printed[n])) for n, kind in enumerate(heading_kinds[:project_column or 0]) if kind in ROW_FACTS}
    header_width = max((n + 1 for n, c in enumerate(split_cells(lines[header.end_line - 1])) if c), default=0) \
        if header.end_line == header.line else max(len(header_printed), 1)  # the columns as far as its last heading
    lead = next((n for n, c in enumerate(header_printed) if c and HEADER_CELL.fullmatch(label_key(c))), 0)
    wrapped = wrapped_tab_rows(lines, header.end_line + 1, len(lines), found.readings, [None] * lead + list(header.before))
    header_cells = printed_header_cells(lines, header)
    # the table's own lines (a disclosure's prose after its last form, 名词解释 …, says nothing of them)
    body = [lines[n - 1] for n in range(header.end_line + 1, min(len(lines), header.end_line + 40) + 1) if lines[n - 1].strip()]
    # Rows of tabs or pipes (as a PDF's or a workbook's are): a line without them is no row.
    separated = not space_split and sum(1 for t in body if "\t" in t or "|" in t) * 5 >= len(body) * 4
    printed_lines = Counter(line.strip() for line in lines)  # a running header is printed on every page
    above_header = {line.strip() for line in lines[: header.line - 1] if line.strip()}
    unlabelled: int | None = None  # the first row, printing no 二级 under a header with a 二级 column
    centred = False  # … and a 二级 printed lower down: the labels are in the middle of their merged cells
    labelled: set[int] = set()  # the lines printing a 二级 of their own
    tier1_alone: set[int] = set()  # the lines printing a 一级 but no 二级, below the first row
    rows_with_tier = rows_with_tier1 = 0  # rows printing a tier, and those printing their 一级
    last_tier_label = 0  # the last line holding only a 一级 label
    first_took1: bool | None = None  # whether the first row prints a 一级
    # Text laid out by columns (pdftotext -layout: runs of spaces line its cells up) prints a merged cell's
    # label in the middle of its rows: a row printing no 二级 may be the label's below as well as above.
    laid_out = space_split and Col.TIER2 in header.before and sum(1 for t in body if re.search(r"\S {3,}\S", t)) * 5 >= len(body) * 3
    for number in range(header.end_line + 1, len(lines) + 1):
        if number in wrapped:
            printed, cells = wrapped[number]
            if not cells:
                continue  # the line that ends a row wrapped from the line above
        else:
            printed = the_years(split_cells(lines[number - 1]))
            cells = [Cell(c, number) for c in printed if c]
            if "\t" not in lines[number - 1] and "|" not in lines[number - 1]:  # words split at spaces
                cells = _spaced_value_joined(cells, header)
            elif fact_columns and project_column is not None and len(printed) > project_column and any(printed[project_column:]):
                if label_key(next(c for c in printed if c.strip())) not in TOTAL_ROW_LABELS:  # (合计 | … | 1,840.00 ends the table)
                    for n, fact in fact_columns.items():
                        if printed[n].strip():
                            found.row_facts.setdefault(fact, {}).setdefault(printed[n].strip(), number)
                    cells = [Cell(c, number) for c in printed[project_column:] if c]
        if not cells:
            continue
        if separated and number not in wrapped and len(cells) >= 2 and ("\t" in lines[number - 1] or "|" in lines[number - 1]) \
                and next(n for n, c in enumerate(printed) if c) >= header_width:  # (one cell alone may be a wrapped cell's end)
            # cells right of the table's columns only (a typist's work beside the form in a workbook): no row of the table
            found.skipped.append(Skipped(number, "cells right of the table's columns only: not a row of the table; not read", True,
                                         lines[number - 1].strip()))
            continue
        if found.rows and lines[number - 1].strip() in above_header and (_next_is_header(lines, number, header_keys) or _next_is_row(lines, number)):
            # the form's title printed again at the top of the next page, over the header printed again or the
            # rows going on: a page break (a next form's title is followed by its labels)
            found.skipped.append(Skipped(number, "the form's title printed again at the top of a page (a page break)", False,
                                         lines[number - 1].strip()))
            continue
        if found.rows and header_keys and _OTHER_PERIOD_TABLE.fullmatch(header_keys[0]) and _YEAR_TABLE.fullmatch(label_key(cells[0].text)) \
                and [label_key(c.text) for c in cells[1:]] == header_keys[1:]:
            # 长期绩效指标 | 一级指标 … over its rows, then 年度绩效指标 | 一级指标 …: the rows so far are another period's
            # targets, the year's come under this line
            found.skipped += [Skipped(r.name.line, f"another period's target ({header_printed[0].strip()}, line {header.line}): the "
                                      f"year's are under 年度绩效指标 (line {number})", False, lines[r.name.line - 1].strip()) for r in found.rows]
            found.rows.clear()
            tiers = Tiers()
            continue
        if found.rows and _is_form_score(cells) and not rows_below(lines, number):
            found.skipped.append(Skipped(number, f"the form's score ({label_key(cells[0].text)}) under its rows: the table ends", False,
                                         lines[number - 1].strip()))
            break
        if found.rows and _SUBTOTAL.match(label_key(cells[0].text)) and all(_FIGURE.match(label_key(c.text)) for c in cells[1:]):
            if not rows_below(lines, number):
                found.skipped.append(Skipped(number, f"a subtotal row ({label_key(cells[0].text)}): the last group's, the table ends",
                                             False, lines[number - 1].strip()))
                break
            found.skipped.append(Skipped(number, f"a subtotal row ({label_key(cells[0].text)}): a group's weights and scores, not an indicator",
                                         False, lines[number - 1].strip()))
            continue
        if not found.rows and Col.PROJECT in header.before and label_key(cells[0].text) in TOTAL_ROW_LABELS \
                and all(_FIGURE.match(label_key(c.text)) for c in cells[1:]):
            # 合计 | 1,416.00 | 1,396.00 | 20.00 above a table of projects: the projects' total, no project (the table goes on)
            found.skipped.append(Skipped(number, "the projects' total above them (合计 and its figures): no project", False,
                                         lines[number - 1].strip()))
            continue
        task_row = Col.TASK in header.before and len(cells) >= 3 and (tier1_of(cells[1].text) is not None or tier2_of(cells[1].text) is not None)
        if (is_stop(cells[0].text) and not task_row) or (len(cells) == 1 and _SECTION.match(label_key(cells[0].text))):
            break  # (a section heading alone on its line: the disclosure's next part; （二）任务 | 产出指标 … is a task's row)
        if (page := page_mark(number, lines[number - 1])) is not None:
            found.skipped.append(page)
            continue
        if found.rows and is_links_heading(lines[number - 1]) and not rows_below(lines, number):
            found.skipped.append(below_the_table(lines, number))  # 相关文档 and other documents' titles under it
            break
        if found.rows and is_page_furniture(fold(lines[number - 1]), values_alone=True):
            # a print time, a web page's links below the table (not a bare 2/3 or date: a value wrapped onto its line, maybe)
            found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, lines[number - 1].strip()))
            continue
        if found.rows and TITLE.search(fold(lines[number - 1])) and re.search(r"[(（]\s*续(?:表|页)?\s*[)）]\s*$", fold(lines[number - 1])):
            # 2024年项目支出绩效目标表（续）: the title printed again over the table's next page
            found.skipped.append(Skipped(number, "the form's title printed again over its next page (续)", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) == 2 and label_key(cells[0].text) in _REMARK_LABELS and not value_shaped(cells[1].text):
            if not rows_below(lines, number):
                found.skipped.append(below_the_table(lines, number))  # 备注 | its text, the form's last row: no indicator
                break
            found.skipped.append(Skipped(number, "a remark (备注 | its text) among the rows: no indicator", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) == 1 and re.fullmatch(r"附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]?", fold(cells[0].text).strip()):
            found.skipped.append(below_the_table(lines, number))  # 附件2：: no row of the table, whatever follows
            if any(TITLE.search(fold(lines[n - 1])) or _next_is_header(lines, n, header_keys) for n in range(number + 1, min(len(lines), number + 5) + 1)):
                break  # the next attachment's form below: this table ends
            continue
        if found.rows and not re.match(r"^\s*指标\s*\d+\s*[:：]", cells[0].text) \
                and is_trailer(cells[0].text, cells[1].text if len(cells) > 1 else None) and not rows_below(lines, number):
            found.skipped.append(below_the_table(lines, number))  # a web page's footer, the issuer or a date below the table
            break
        if found.rows and len(cells) >= 2 and [label_key(c.text) for c in cells] == header_line_keys:
            # The header's line printed again whole, its label cells too (年度绩效指标 | 年度主要任务 | 一级指标 …): a page break
            found.skipped.append(Skipped(number, "the table's header printed again (a page break)", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) >= 2 and all(HEADER_CELL.fullmatch(label_key(c.text)) for c in cells):
            if [label_key(c.text) for c in cells] != header_keys[-len(cells):]:
                # Another table's header, with other columns: this table ends, and the other is not read.
                found.skipped.append(Skipped(number, "another table's header after this table's rows: kg reads one indicator "
                                             "table a form; its rows are not read", True, lines[number - 1].strip()))
                break
            # The header printed again at the top of the next page: not a row.
            found.skipped.append(Skipped(number, "the table's header printed again (a page break)", False, lines[number - 1].strip()))
            continue
        if space_split and len(cells) == 1 and found.rows and _value_goes_on(found, cells[0], number, lines):
            continue
        following = split_cells(lines[number]) if number < len(lines) else []
        name_end_next = len(following) >= 2 and len(following[0]) <= 4 and value_shaped(following[1]) \
            and not (tier1_of(following[0]) or tier2_of(following[0]))  # 建档立卡…参保 / 人数 ≥1.2万人: a name wrapped
        if space_split and len(cells) == 1 and found.rows and not found.rows[-1].positional and not name_end_next \
                and continues_last_text(found, header.after, cells[0]):
            last = found.rows[-1]  # …设施采购推迟， / 计划2023年一季度补齐: the 偏差原因 wrapped onto a line of its own (PDF text)
            found.readings.append(Reading(number, "text", f"line {number}: {cells[0].text!r} begins no row; it continues the "
                                          f"{header.after[-1].value} of line {last.cells[-1].line} ({last.cells[-1].text!r}), which "
                                          "stops mid-sentence"))
            last.cells[-1] = Cell(last.cells[-1].text + cells[0].text, last.cells[-1].line)
            continue
        if not space_split and len(cells) == 1 and found.rows and _continues_text(found, header, placed, printed, number, lines):
            continue
        if Col.TASK in header.before and len(cells) >= 2 and tier1_of(cells[0].text) is None and tier2_of(cells[0].text) is None \
                and (tier1_of(cells[1].text) is not None or tier2_of(cells[1].text) is not None):
            if task is not None and TASK_CUT.search(task.text) and found.rows and found.rows[-1].task is task \
                    and found.rows[-1].name.line == number - 1:
                # 水生态环境保护和 / 流域综合治理 on the next row: the task's name wrapped in its merged cell, not a new task
                joined = Cell(task.text + cells[0].text, task.line)
                found.rows[:] = [replace(r, task=joined) if r.task is task else r for r in found.rows]
                found.readings.append(Reading(number, "activity", f"lines {task.line}–{number}: {task.text!r} ends at a conjunction "
                                              f"and {cells[0].text!r} follows in its column: one task, {joined.text!r}"))
                task = joined
            else:
                task, tiers = cells[0], Tiers()  # a new task: the tiers of the one before do not carry into it
            cells = cells[1:]
        if Col.PROJECT in header.before and header.before.index(Col.PROJECT) > 0 and header.before[0] == Col.SERIAL \
                and len(cells) > 1 and _SERIAL.fullmatch(fold(cells[0].text)):
            cells = cells[1:]  # 序号 | 项目名称 | …: the row's (or its project's) number, before the project's cells
        if Col.PROJECT in header.before and (head := _project_head(cells, header)) is not None:
            if tiers.project is None or label_key(tiers.project.name.text) != label_key(head.name.text):
                tiers = Tiers()  # a new project (not its merged cells printed again): the tiers before do not carry into it
                tiers.project = head
            cells = cells[head.cells:]
        elif Col.PROJECT in header.before and tiers.project is not None and len(cells) > 1 + len(header.after) \
                and label_key(cells[0].text) == label_key(tiers.project.name.text):
            # the project's merged cells printed again on a row that prints no tier of its own
            cells = cells[tiers.project.cells:]
        if pending is not None:
            joined = pending.text + cells[0].text
            if tier1_of(joined) or tier2_of(joined):
                cells = [Cell(joined, pending.line), *cells[1:]]
            pending = None
        if all(NUMBER.match(c.text) for c in cells) and found.rows and not found.rows[-1].positional:
            found.rows[-1].cells += cells  # a weight or score wrapped onto its own line
            continue
        if len(cells) == 1 and any(k == Col.PROJECT and "单位" in word for k, word in header.columns) \
                and ORGANISATION_END.search(label_key(cells[0].text)) and not tier1_of(cells[0].text) and not tier2_of(cells[0].text):
            # 单位名称、项目名称 | …: a unit's name alone on its row above its projects (its cells blank, as a sheet saves
            # them), no project and no data
            found.skipped.append(Skipped(number, "a unit's name above its projects (the 单位名称、项目名称 column): no project",
                                         False, lines[number - 1].strip()))
            continue
        if separated and "\t" not in lines[number - 1] and "|" not in lines[number - 1] \
                and not (len(cells) == 1 and (tier1_of(cells[0].text) or tier2_of(cells[0].text) or is_tier_prefix(cells[0].text))):
            # A line without the table's separators inside a table of tabs or pipes: a PDF page's header or
            # footer (打印时间：…, 1 / 2, the unit's name printed on every page), else text kg cannot place.
            found.skipped.append(_outside_the_cells(number, lines, printed_lines))
            continue
        if tier_line and label_key(cells[0].text) == "指标":  # the tail of a tier label the line before wrapped (社会效益 / 指标)
            cells = cells[1:]
            if not cells:
                continue
        if found.rows and all(is_tier_end(c.text) for c in cells):
            # 服务对象满意度 / 指标 (成本 / 指标 | 指标): tier labels' ends wrapped onto a line of their own; no data
            found.skipped.append(Skipped(number, "the end of a tier label wrapped onto its own line", False, lines[number - 1].strip()))
            continue
        if len(cells) > 2 and label_key(cells[0].text) == "指标" and (tier1_of(cells[1].text) or tier2_of(cells[1].text)):
            cells = cells[1:]  # 产出 / 指标 | 质量指标 | …: the 一级's end wrapped onto the next row's line, before its 二级
        if space_split and found.rows and printed_lines[lines[number - 1].strip()] >= 2 and len(cells) >= 2 \
                and not any(value_shaped(c.text) for c in cells) and (TITLE.search(fold(lines[number - 1])) or FORM_TITLE.search(fold(lines[number - 1]))):
            # a PDF page's running header (the unit and the form's title printed on every page): no row
            found.skipped.append(Skipped(number, "a page's header printed on every page", False, lines[number - 1].strip()))
            continue
        if Col.SERIAL in header.before and len(cells) > 1 and _SERIAL.fullmatch(fold(cells[0].text)):
            cells = cells[1:]  # the row's 序号, printed first (before its tiers, or its name)
        carried = tiers.tier2
        rest = tiers.take(cells, weighted=Col.WEIGHT in header.before)
        if tiers.took2 is not None:
            labelled.add(number)
        elif tiers.took1 and found.rows and rest:
            tier1_alone.add(number)  # a 一级 printed on a row that prints no 二级: the label in the middle of its cell
        if not found.rows and rest and first_took1 is None:
            first_took1 = tiers.took1  # the first row printing its 一级: the labels at the top of their cells, as far as that goes
        if rest and (tiers.took1 or tiers.took2):
            rows_with_tier1 += bool(tiers.took1)
            rows_with_tier += 1
        if rest and tiers.took1 and tiers.took2 is None and tiers.tier2 is not None and not space_split \
                and rows_with_tier1 == rows_with_tier >= 2 and Col.TIER2 in header.before:
            # 产出指标 | (blank) | 培训合格率 in a table printing its 一级 on every row: the 二级 left blank, not merged
            found.warnings.append(Warning(number, f"the row prints its 一级 but leaves its 二级 blank, in a table printing its tiers on "
                                          f"every row: given {tiers.tier2.label} from the row above, which may be wrong"))
        if laid_out or (not space_split and len([c for c in printed if c is not None]) >= header_width):
            pass  # tabs and pipes keeping a merged cell's blank places (its label on its first row); laid out: below
        elif not found.rows and unlabelled is None and Col.TIER2 in header.before and Col.PROJECT not in header.before \
                and tiers.tier2 is None and 2 <= len(rest) <= 1 + len(header.after) \
                and any(value_shaped(c.text) for c in rest[1:]):
            unlabelled = number  # a whole row (a name, a value) first under the header, no tier printed nor carried
        elif unlabelled is not None and not centred and found.rows and found.rows[0].name.line == unlabelled and tiers.took2 is not None:
            centred = True
            found.warnings.append(Warning(number, f"the first row (line {unlabelled}) prints no 二级 and the 二级 "
                                          f"{tiers.took2.text.strip()!r} is printed on line {number}, below rows that print none: the "
                                          "tier labels are printed in the middle of their merged cells (text laid out by columns), so "
                                          "which rows a label belongs to cannot be told from the text; rows printing no 二级 are given "
                                          "the one above them and may be wrong (read the PDF itself, or a copy that keeps its cells)"))
        if tiers.took2 is not None and carried is not None and tiers.tier2 != carried and len(cells) - len(rest) == 1 \
                and found.rows and found.rows[-1].tier2 == carried \
                and any(not lines[n - 1].strip() for n in range(found.rows[-1].name.line + 1, number)):
            found.warnings.append(Warning(number, f"the 二级 {tiers.took2.text.strip()!r} is printed after a page break (a blank line before line "
                                          f"{number}); the rows above the break that print no 二级 are given {carried.label}, carried down, "
                                          "though a merged cell's label may be printed on the page its rows end on"))
        for cut in tiers.completed:
            found.readings.append(Reading(number, "tier", f"line {number}: {cut.text!r} read as the tier label it begins "
                                          "(its end wrapped onto the next line)"))
        found.readings += empty_groups(tiers)
        if len(rest) < len(cells) and tier1_of(cells[0].text) is not None:
            unread_tier = None  # a 一级 of the framework: the rows below are under it
        unread_here = Col.TIER1 in header.before and len(rest) > 1 + len(header.after) and is_unread_tier(rest[0].text)
        if unread_here:
            unread_tier = rest[0]
        if unread_here or (unread_tier is not None and len(rest) == len(cells)):  # printing no tier of its own: under it
            found.skipped.append(Skipped(number, f"under the tier {unread_tier.text!r} (line {unread_tier.line}), which is none of the "
                                         "framework's (产出, 效益, 满意度, 成本指标 and their 二级) or cannot be read: the row is not read",
                                         True, lines[number - 1].strip()))
            continue
        tier_line = not rest
        if not rest:
            if tiers.took1 and tiers.took2 is None:
                last_tier_label = number  # a 一级 alone on its line: its rows follow, or the text is cut (a 二级 alone may be an empty group)
            continue
        if len(rest) == 1 and is_tier_prefix(rest[0].text) and not read_value(rest[0].text).value:
            pending = rest[0]
            continue
        took2 = tiers.took2
        if header.names_tier2 and took2 is None and len(rest) < len(cells) and tier1_of(cells[0].text) is not None \
                and value_shaped(rest[0].text):
            # 成本指标 | ≤3860万元 | …: a 一级 with no 指标名称 beside it, its value next: the 一级 names the indicator
            found.rows.append(tiers.row(cells[0], rest))
            found.readings.append(Reading(number, "name", f"line {number}: no 指标名称 beside the 一级 {cells[0].text.strip()!r}: "
                                          "the 一级 names the indicator"))
            continue
        if header.names_tier2 and took2 is not None and took2.text in lines[took2.line - 1]:  # 指标名称 holds the 二级: it names the indicator
            if all(_is_placeholder(c) for c in rest):
                # 经济效益指标 | / | /: the form has no indicator of this 二级
                found.skipped.append(Skipped(number, f"a placeholder row ({took2.text.strip()!r} and {rest[0].text.strip()!r}): no "
                                             "indicator under this 二级", False, lines[number - 1].strip()))
                continue
            found.rows.append(tiers.row(tiers.took2, rest))
            if not space_split:  # where its cells are printed, for a cell wrapped onto the next line
                placed = _by_column(printed, rest)
            found.readings.append(Reading(tiers.took2.line, "name", f"line {tiers.took2.line}: the table has no 三级 column; "
                                          f"the 二级 {tiers.took2.text!r} under 指标名称 is the indicator's name"))
            continue
        name, after = rest[0], rest[1:]
        if _is_placeholder(name) and all(_is_placeholder(c) for c in after):
            # 经济效益指标 | 无 | 无 | 无 | — | —: the form's author filled the cells of a 二级 it has no indicator under
            found.skipped.append(Skipped(number, f"a placeholder row ({name.text.strip()!r} in every cell): no indicator under this 二级",
                                         False, lines[number - 1].strip()))
            continue
        if space_split and name_start is not None:  # joined where the next line prints no tier: the name's end, then its values
            name, name_start = _wrapped_name(found, name_start, name, number, len(rest) == len(cells), "wrapped after its comma"), None
        if space_split and not after and re.search(r"[，,、]$", name.text.strip()):
            name_start = name  # 指标1:道路、路灯、排水等基础设施完好率, / 保障园区企业正常生产经营(≥**%) ≥95%: wrapped at its comma
            continue
        if re.fullmatch(r"指?标", label_key(name.text)):
            # 效益指标 | 指标 | 担 | …: the ends of cells wrapped from the row above (PDF text), not a row
            found.skipped.append(Skipped(number, "the ends of the row above's cells, wrapped onto this line: not read", True, lines[number - 1].strip()))
            continue
        if space_split:
            after = merge_spaced(after, Col.UNIT in header.after)
            while (len(after) > len(header.after) or (len(after) > 1 and header.after[:1] == [Col.NATURE] and not fits_column(Col.NATURE, after[0].text))) \
                    and not value_shaped(after[0].text) \
                    and not re.fullmatch(r"\d{4}年(?:\d{1,2}月)?", fold(after[0].text)) and value_shaped(after[1].text):
                # (or as many cells as columns where the first, no comparator, cannot be the 指标性质 the row left blank)
                # A space inside the name (路面技术状况指数 (PQI) ≥80): more cells than columns, a value after the word.
                found.readings.append(Reading(number, "text", f"line {number}: {name.text!r} and {after[0].text!r}, before the "
                                              "value, are one name with a space in it (the row has more cells than the table "
                                              "has columns)"))
                name, after = Cell(f"{name.text} {after[0].text}", name.line), after[1:]
            found.rows.append(replace(tiers.row(name, after), task=task))
            continue
        columns = [n for n, c in enumerate(printed) if c]
        at_name = columns[len(columns) - len(rest)]
        if not after and name_start is None and _name_goes_on(lines, number, at_name):
            # 系统上线运行 / ⇥⇥稳定率⇥≥99%…: a name wrapped onto the next line in its own column, the values there
            name_start = name
            continue
        if name_start is not None:  # joined where the next line prints no tier, the name's end in its column
            name = _wrapped_name(found, name_start, name, number, at_name == name_column and len(rest) == len(cells), "wrapped in its column")
            name_start = None
        name_column = at_name
        # Blank cells tell which of last year's (or the mid-term's) and this year's values a row prints only
        # where it prints one cell a column after its name (a copy that leaves out merged cells does not).
        beside = printed[at_name + 1:]
        if beside and not beside[-1] and lines[number - 1].rstrip().endswith("|"):
            beside = beside[:-1]
        two = header.after[:2] == [Col.PRIOR, Col.TARGET] and len(beside) == len(header.after)
        prior_blank = two and not beside[0]
        target_blank = two and bool(beside[0]) and not beside[1]
        placed = _by_column(printed, after)
        lined_up = _lined_up(printed, placed, columns[len(columns) - len(rest)], header, header_cells, number)
        if lined_up is not None:
            found.readings.append(Reading(number, "position", f"line {number}: a blank cell inside the row: its cells read by "
                                          "their place under the header"))
        found.rows.append(replace(tiers.row(name, lined_up or after, positional=lined_up is not None), task=task, prior_blank=prior_blank,
                                  target_blank=target_blank))
    if name_start is not None:  # the table ended before the name's end: reported
        found.skipped.append(Skipped(name_start.line, f"{name_start.text!r}: no target value where the header puts it", True, name_start.text))
    if laid_out and found.rows:
        last_label = max(labelled, default=0)
        unsure = [r.name.line for r in found.rows if r.name.line not in labelled and r.name.line < last_label]
        where = f"{'line' if len(unsure) == 1 else 'lines'} {line_ranges(unsure)}"
        said = (f"text laid out by columns (runs of spaces line its cells up) prints a merged cell's tier label on one of its "
                f"rows, so the rows printing no 二级 ({where}) may belong to the label below them as well as "
                "to the one above; each is given the one above")
        if unsure and found.rows[0].name.line in labelled and (first_took1 or Col.TIER1 not in header.before) and not tier1_alone:
            # the first row prints its 二级: the labels are at the top of their cells, as far as the text shows
            found.readings.append(Reading(unsure[0], "tier", f"{where}: {said}, as the first row prints its label "
                                          "(labels at the top of their cells; centred labels would give some the one below)"))
        elif unsure:
            why = (f"the first row (line {found.rows[0].name.line}) prints none" if found.rows[0].name.line not in labelled else
                   f"a 一级 is printed on a row that prints no 二级 (line {min(tier1_alone)})" if tier1_alone else
                   f"the first row (line {found.rows[0].name.line}) prints no 一级")
            found.warnings.append(Warning(unsure[0], f"{said}, though {why}: the labels are in the middle of their cells and some "
                                          "of these rows are the label's below (read the PDF itself, or a copy that keeps its cells)"))
    last_text = max((n for n in range(1, len(lines) + 1) if lines[n - 1].strip()), default=0)
    if pending is not None:
        found.cut = pending.line
    elif found.rows and last_tier_label == last_text and last_tier_label > found.rows[-1].name.line:
        found.cut = last_tier_label  # 成本指标 | the text's last line, no 二级 or row under it: the table is cut after its label
    elif not space_split and found.rows:
        _cut_last_row(lines, found)
    elif found.rows:
        _cut_last_spaced_row(lines, found)
    return found


def _by_column(printed: list[str], cells: list[Cell]) -> dict[int, Cell]:
    """A row's last cells by the column of the printed line they stand in (its filled columns, from the right)."""
    columns = [n for n, c in enumerate(printed) if c]
    return dict(zip(columns[len(columns) - len(cells):], cells))


def _cut_last_spaced_row(lines: Sequence[str], found: Found) -> None:
    """Spaces: the text ends inside its last row where that row is the text's last line and its value
    prints no unit though its name's placeholder says one (指标1:入园企业满意度(≥**%) ≥9): cut, reported."""
    row, line = found.rows[-1], _row_line(found.rows[-1])
    if line != last_filled_line(lines) or not row.cells:
        return
    placeholder = re.search(r"[(（][^()（）]*\*\*\s*([%‰]|[\u4e00-\u9fff]{1,3})[)）]", fold(row.name.text))
    value = read_value(row.cells[0].text)
    if placeholder and value.value is not None and value.unit is None:
        _report_cut(found, lines, f"its value {row.cells[0].text.strip()!r} prints no unit where its name says {placeholder.group(1)}: cut off")


def _row_line(row: Row) -> int:
    """The last line a row's cells are printed on."""
    return max(cell.line for cell in (row.name, *row.cells))


def _report_cut(found: Found, lines: Sequence[str], why: str) -> None:
    """The last row, which the text ends inside, reported instead of read, and the table marked cut."""
    row = found.rows.pop()
    line = _row_line(row)
    found.skipped.append(Skipped(line, f"the text ends inside the row of {row.name.text!r}: {why}", True, lines[line - 1].strip()))
    found.cut = line


def _cut_last_row(lines: Sequence[str], found: Found) -> None:
    """The text ends inside its last row (a web page's copy kept to its first bytes: ``| 受益群众满意度 | ≥9``):
    the row is reported, not read with its cut value. Told where the row is the text's last line, every
    row before it ends in a pipe, and it prints no closing pipe and fewer cells (blank ones too) than
    the widest of them. (A row of tabs that leaves its last cells blank prints no tab for them,
    and a copy that leaves out merged cells ends its row in a pipe all the same: neither is cut.)"""
    line = _row_line(found.rows[-1])
    if line != last_filled_line(lines) or len(found.rows) < 3:
        return
    earlier = [lines[_row_line(r) - 1] for r in found.rows[:-1]]
    printed = lines[line - 1]
    widths = {len(split_cells(text)) for text in earlier}
    if len(split_cells(printed)) < max(widths) and all(text.rstrip().endswith("|") for text in earlier) \
            and not printed.rstrip().endswith("|"):
        _report_cut(found, lines, "its cells are cut off")


def _project_head(cells: list[Cell], header: Header) -> ProjectHead | None:
    """A department's table of projects: the row that begins a project prints its name (and its 资金总额
    and 年度绩效目标, where the table has them) before its first tier."""
    first_tier = next((n for n, c in enumerate(cells[:4 + max(0, len(header.amount_roles) - 1)]) if tier1_of(c.text) is not None or tier2_of(c.text) is not None), None)
    if not first_tier:
        return None
    head = cells[:first_tier]
    if value_shaped(head[0].text):
        return None
    if header.amount_roles:
        # 合计 | 财政拨款 | 其他资金 under 项目金额: a number under each (a role no project has, 基本支出, left out)
        numbers = head[1: 1 + len(header.amount_roles)]
        rest = head[1 + len(numbers):]
        if len(numbers) < len(header.amount_roles) or any(read_value(c.text).value is None for c in numbers) \
                or len(rest) > (Col.GOAL in header.before) or "total" not in header.amount_roles:
            return None
        named = [(role, cell) for role, cell in zip(header.amount_roles, numbers)]
        total = next(cell for role, cell in named if role == "total")
        parts = tuple((role, cell) for role, cell in named if role is not None and cell is not total)
        unnamed = len(named) - 1 - len(parts)
        return ProjectHead(head[0], total, rest[0] if rest else None, parts) if not unnamed else None
    amount = next((c for c in head[1:] if read_value(c.text).value is not None), None) if Col.AMOUNT in header.before else None
    goal = next((c for c in head[1:] if c is not amount), None) if Col.GOAL in header.before else None
    if len(head) != 1 + (amount is not None) + (goal is not None):
        return None  # cells the table's columns do not account for
    return ProjectHead(head[0], amount, goal)


def _next_past_a_year(lines: Sequence[str], number: int) -> str | None:
    """The next line after line ``number`` holding anything but a year ((2024年度), printed under a title)."""
    return next((lines[n] for n in range(number, len(lines)) if lines[n].strip() and not YEAR_HEADING.fullmatch(label_key(lines[n]))), None)


def _next_is_row(lines: Sequence[str], number: int) -> bool:
    """Whether the next line holding anything after line ``number`` goes on with the table: it begins with
    a tier label."""
    following = _next_past_a_year(lines, number)
    first = next((c for c in split_cells(following) if c), "") if following is not None else ""
    return bool(first) and (tier1_of(first) is not None or tier2_of(first) is not None)


def _next_is_header(lines: Sequence[str], number: int, header_keys: list[str]) -> bool:
    """Whether the next line holding anything after line ``number`` is the table's header printed again."""
    following = _next_past_a_year(lines, number)
    return following is not None and [label_key(c) for c in split_cells(following) if c] == [k for k in header_keys if k]


def _wrapped_name(found: Found, start: Cell, name: Cell, number: int, joins: bool, how: str) -> Cell:
    """A name begun on an earlier line (``start``), its end on this one (``name``): one name, with a reading,
    where ``joins``; else the start is reported as a row without its value, and this line's name is its own."""
    if joins:
        found.readings.append(Reading(number, "text", f"lines {start.line}–{number}: {start.text!r} and {name.text!r} are one name, {how}"))
        return Cell(start.text + name.text, start.line)
    found.skipped.append(Skipped(start.line, f"{start.text!r}: no target value where the header puts it", True, start.text))
    return name


def _name_goes_on(lines: Sequence[str], number: int, column: int) -> bool:
    """Whether the next line holding anything goes on with a name printed alone on line ``number`` (tabs
    or pipes): it prints nothing left of that column, its text in that column, and values after it."""
    following = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
    if following is None or column < 1:
        return False
    printed = split_cells(lines[following - 1])
    return len(printed) > column + 1 and not any(printed[:column]) and bool(printed[column]) \
        and not (tier1_of(printed[column]) or tier2_of(printed[column])) and any(value_shaped(c) for c in printed[column + 1:])


def _lined_up(printed: list[str], placed: dict[int, Cell], name_at: int, header: Header, header_cells: list[str],
              number: int) -> list[Cell] | None:
    """A row of tabs or pipes that leaves a cell blank inside it (no 实际完成值, no 年度指标值), under a
    header of one cell a column: the cells after its name by position, blanks kept, where nothing is
    printed past the last heading's place. (A row may leave out its merged tier cells, so positions
    count from the name.) Else None, and the cells are given to columns by what each can hold: a
    blank would shift the values after it one column left."""
    width = len(header.after)
    if len(header_cells) != len(header.columns) or not all(header_cells) or not placed:
        return None
    last = max(placed)
    if last > name_at + width or all(printed[n] for n in range(name_at + 1, last + 1)):
        return None
    return [placed.get(n, Cell("", number)) for n in range(name_at + 1, name_at + 1 + width)]


def _continues_text(found: Found, header: Header, placed: dict[int, Cell], printed: list[str], number: int,
                    lines: Sequence[str]) -> bool:
    """A line holding one cell, in the column where the row above printed its 偏差原因 or other text:
    that text wrapped onto this line (加强组织协调… under 受疫情影响…，下一步将). Joined to it, with a
    reading; False when the cell is anything else (a new row, a value, a name)."""
    column = next(n for n, c in enumerate(printed) if c)
    above = placed.get(column)
    row = found.rows[-1]
    if above is None and placed and column > max(placed) and re.search(r"[，,、]$", placed[max(placed)].text.strip()):
        above = placed[max(placed)]  # printed a tab further right than the text it continues, which stops at a comma
    previous = lines[number - 2].rstrip() if number >= 2 else ""
    if placed and "|" in previous and not previous.endswith("|") and lines[number - 1].rstrip().endswith("|"):
        above = placed[max(placed)]  # … | 居民电子健康档案建档率 / (以常住人口计) |: the row's last cell, left open, goes on
    if above is None or above not in row.cells:
        return False
    assigned, _ = assign(row.cells, header.after, row.positional)
    if not any(cell is above and col in (Col.REASON, Col.TEXT) for col, cell in assigned.items()):
        return False
    joined = Cell(above.text + printed[column], above.line)
    row.cells[row.cells.index(above)] = joined
    placed[column] = joined
    found.readings.append(Reading(number, "text", f"line {number}: {printed[column]!r} continues the cell above it (line "
                                  f"{above.line}), its text wrapped"))
    return True


def _value_goes_on(found: Found, cell: Cell, number: int, lines: Sequence[str]) -> bool:
    """A short word alone on the line after a row of spaces whose last cell is a value in words, a date
    or a description (2022年10月底 / 前, 2021年12月底前全部 / 发放到位): that cell wrapped onto this line, where
    the word is a deadline's or a bound's end, or is printed under that cell (PDF text keeps the columns;
    a word under the name's column is the name's end, reported). Joined to it, with a reading."""
    row = found.rows[-1]
    text = cell.text.strip()
    if not row.cells or row.cells[-1].line != number - 1:
        return False
    last = row.cells[-1]
    above = last.text.strip()
    # under the cell, where that cell was cut by its column's width (a long text, or one ending at a comma); a short
    # complete value (显著增强) over a word is the next row's value printed above it (持续 / … 完善), not this one's end
    under = lines[number - 1].find(text) >= lines[number - 2].rfind(above) - 2 and (len(above) >= 8 or bool(re.search(r"[，,、；;]$", above)))
    ends = len(text) <= 4 and re.search(r"(?:前|到位|完成|以上|以下|以内)$", text) is not None  # (工程按期完成 is a name)
    if not (ends or under) \
            or len(text) > 6 or re.search(r"\d", text) \
            or tier1_of(text) or tier2_of(text) or is_tier_prefix(text) or re.fullmatch(r"指?标", text) or is_stop(text) \
            or read_value(last.text).value is not None or UNIT_ONLY.match(fold(last.text)):
        return False
    row.cells[-1] = Cell(last.text + text, last.line)
    found.readings.append(Reading(number, "text", f"line {number}: {text!r} ends the last cell {last.text!r} of the line above "
                                  "(a value or its description), wrapped onto its own line"))
    return True


# A form's last rows' labels for remarks (备注 | its text): no indicator's name.
_REMARK_LABELS = ("备注", "说明", "附注", "备注说明")
