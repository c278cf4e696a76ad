"""A text's forms as kg.records.Disclosure: the table read in its shape, one form or several in a
text, a project's or a department's (部门整体) form, its table of projects, and the readings a user
can list (``kg parse --explain``); a text with no such table is refused with what it holds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from kg.errors import ParseError
from kg.numbers import parse_decimal, plain
from kg.read.columns import read_columns
from kg.read.completeness import named_lines
from kg.read.grades import read_graded
from kg.read.national.cells import cells_rows
from kg.read.national.facts import (
    Facts,
    amount_unit_said,
    goal_continued,
    label_value,
    read_facts,
    read_money,
    year_goal_beside_long_term,
)
from kg.read.national.glued import glued_rows
from kg.read.national.header import Header, find_header
from kg.read.national.indicators import (
    glued_indicator,
    grouped_readings,
    read_indicator,
)
from kg.read.national.lines import lines_rows
from kg.read.national.normalise import normalised_lines, strip_pinyin
from kg.read.national.places import find_year, place_region, short_places
from kg.read.national.plain import plain_rows
from kg.read.national.rows import (
    Found,
    ProjectHead,
    last_filled_line,
    wrapped_tab_rows,
)
from kg.read.national.stream import stream_rows
from kg.read.national.words import (
    ALL_LABELS,
    CODE_LABELS,
    FORM_TITLE,
    HEADER_CELL,
    ORGANISATION_END,
    OWN_TITLE,
    PINYIN,
    PINYIN_MINIMUM,
    PROJECT_CODE,
    PROJECT_LABELS,
    SUPERVISOR_LABELS,
    TASK_AMOUNT_ROLES,
    TASK_CUT,
    TITLE,
    UNIT_LABELS,
    YEAR_HEADING,
    Cell,
    Col,
    header_kinds,
    label_key,
    label_match,
    split_cells,
    tier1_of,
)
from kg.read.source import SourceText
from kg.read.values import fold, read_value
from kg.records import (
    Activity,
    DepartmentBlock,
    Disclosure,
    DocumentKind,
    Given,
    Indicator,
    Layout,
    Notice,
    Project,
    Reading,
    Skipped,
    Warning,
)
from kg.regions import find_region

# A site's credits below the page (技术支持：南京大汉网络有限公司): the vendor's place, not the unit's.
_SITE_CREDIT = re.compile(r"技术支持|技術支持|承办|承辦|运维|運維|设计制作|設計製作")


_DEPARTMENT_HEADINGS = ("主管部门", "部门名称")  # the department; 单位名称 (实施单位, 预算单位) its unit a row's project is


def _row_facts(found: Found, path: str) -> tuple[tuple[int, int] | None, tuple[str, int] | None, list[Reading]]:
    """A flat table's year and unit, as its rows print them left of 项目名称: ((year, line), (unit, line)), each
    None where no column says one. The department (主管部门) is the document's unit, else a 单位名称 all rows share
    (several are the department's units, which name no document). Rows of several years or departments are
    several documents: refused, as kg reads a document as one unit's year."""
    year: tuple[int, int] | None = None
    department: tuple[str, int] | None = None
    units: list[tuple[str, int]] = []
    readings: list[Reading] = []
    for (kind, word), values in found.row_facts.items():
        if kind == Col.HOLDER and word not in _DEPARTMENT_HEADINGS and len(values) > 1:
            shown = ", ".join(f"{value} (line {line})" for value, line in list(values.items())[:4])
            readings.append(Reading(min(values.values()), "unit", f"the {word} column names {len(values)} units ({shown}"
                                          f"{' …' if len(values) > 4 else ''}): the document is the department's, and which unit "
                                          "each project is of is not kept"))
        if kind == Col.HOLDER:
            # 郫都区农业农村局 beside 成都市郫都区农业农村局: one name, printed with its place once and without it once
            values = {v: line for v, line in values.items() if not any(o != v and o.endswith(v) for o in values)}
        several = len(values) > 1
        if several and (kind == Col.YEAR or word in _DEPARTMENT_HEADINGS):
            shown = ", ".join(f"{value} (line {line})" for value, line in list(values.items())[:4])
            raise ParseError(path, min(values.values()), f"the table's rows name several {'years' if kind == Col.YEAR else 'departments'} "
                             f"in its {word} column ({shown}{' …' if len(values) > 4 else ''}): kg reads a document as one unit's "
                             "year; split the file by them")
        value, line = next(iter(values.items()))
        if kind == Col.YEAR and (match := re.fullmatch(r"(\d{4})\s*年?度?", value)):
            year = (int(match.group(1)), line)
        elif kind == Col.HOLDER and word in _DEPARTMENT_HEADINGS:
            department = (value, line)
        elif kind == Col.HOLDER and not several:
            units.append((value, line))
    return year, department or (units[0] if units else None), readings


def describe_found(lines: Sequence[str]) -> str:
    """What a page holds that looks like part of a performance table, for a refusal's one line."""
    words: list[str] = []
    for number, text in enumerate(lines, start=1):
        for kind, s, e in header_kinds(fold(text)):
            word = fold(text)[s:e]
            if kind in (Col.NAME, Col.TARGET, Col.TIER1, Col.TIER2) and len(words) < 6:
                words.append(f"{word} (line {number})")
    title = next(((n, m.group()) for n, t in enumerate(lines, start=1) if (m := TITLE.search(fold(t)))), None)
    parts = []
    if title:
        parts.append(f"the title {title[1]} (line {title[0]})")
    if words:
        parts.append("the header words " + ", ".join(words))
        lines_of = {w.rsplit("(line ", 1)[1] for w in words}
        if len(lines_of) > 1:
            parts.append("but no header row joining them and no column-by-column table kg can pair (a 三级指标 line, then a 年度目标值 "
                         "line and as many values as names)")
    pinyin = sum(len(PINYIN.findall(text)) for text in lines)
    if pinyin >= PINYIN_MINIMUM:
        parts.append(f"{pinyin} pinyin readings printed inside the words (績(jī)效指標(biāo)…)")
    return "; ".join(parts) if parts else "no 绩效目标表 title and no indicator header (一级指标 二级指标 三级指标 指标值)"


_DEPARTMENT_TITLE = re.compile(r"(?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效目标")


# A department's self-evaluation: its figures, goal and indicators (with their results) as a whole.
_DEPARTMENT_EVALUATION = re.compile(r"(?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效(?:自评|评价)")


@dataclass
class _Table:
    """What one of the readers found: the table's first line, its indicators (with the task each is
    under, for a 部门整体 form), the layout's name and why."""

    line: int
    start_offset: int
    indicators: list[tuple[Indicator, Cell | None]]
    found: Found
    style: str
    how: str  # the rows as read, for the layout's reason
    describe: str  # the header, for the layout's reason
    kinds: list[Col] = field(default_factory=list)
    project: tuple[str, int] | None = None  # a project named where no 项目名称 is printed (a reader's own finding)
    second_header: int | None = None  # the header of another form's table after this one's rows
    last_row: int = 0  # this table's last indicator line
    heads: list[ProjectHead | None] = field(default_factory=list)  # each indicator's project, in a department's table of projects
    amount_columns: int = 0  # a table of projects' amount columns under their sub-headings (合计 | 财政拨款 | 其他资金)


def _read_table(source: SourceText, lines: Sequence[str]) -> _Table:
    """The indicator table by the first reader that knows its shape, or the refusal saying what the
    page holds."""
    header = find_header(lines)
    if header is None or (Col.GRADES in header.after and header.style == "glued"):
        columns = read_columns(source.path, lines) if header is None else None
        if columns is not None:
            return _Table(columns.header_line, 0, [(i, None) for i in columns.indicators], columns.found, "columns",
                          "a table printed column by column, names and values paired by position", columns.description)
        graded = read_graded(lines)
        if graded is not None and (graded.indicators or graded.found.skipped):
            offset = fold(lines[graded.header_line - 1]).find("评价标准")
            return _Table(graded.header_line, max(offset, 0), [(i, None) for i in graded.indicators], graded.found, "grades",
                          graded.how, graded.description, project=graded.project)
        if header is None:
            raise ParseError(source.path, 1, f"found no 预算表12 or 预算13表 heading and no 绩效目标表 kg can read ({len(lines)} lines read): "
                             f"the text holds {describe_found(source.lines)}")
        raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): the 优/良/中/差 thresholds, names and descriptions "
                         "are glued with nothing between them: kg cannot tell them apart")
    found = Found()
    header = _the_years_column(source, lines, header, found)
    indicators: list[tuple[Indicator, Cell | None]] = []
    heads: list[ProjectHead | None] = []
    at, last = None, 0  # another form's header after this table's last row
    if header.style == "glued":
        glued = glued_rows(lines, header, found)
        widths = Counter(len(m.group("w")) for _, m, _, _ in glued if "w" in m.groupdict() and m.group("w")
                         and (m.groupdict().get("tu") or m.groupdict().get("suf")))
        for row, match, printed, number in glued:
            ind = glued_indicator(row, match, printed, number, header, found, widths)
            if ind is not None:
                indicators.append((ind, None))
    else:
        if header.style == "cells":
            rows = cells_rows(lines, header)
        elif header.style == "stream":
            rows = stream_rows(lines, header)
        elif header.style == "plain":
            rows = plain_rows(lines, header)
        else:
            rows = lines_rows(lines, header)
        found.skipped += rows.skipped
        found.readings += rows.readings
        found.warnings += rows.warnings
        found.cut = rows.cut
        found.row_facts = rows.row_facts
        if Col.PRIOR in header.after:
            kinds = [k for k, _ in header.columns if k in (Col.PRIOR, Col.TARGET)]
            which = "first" if Col.TARGET in kinds and kinds.index(Col.TARGET) < kinds.index(Col.PRIOR) else "second"
            found.readings.append(Reading(header.end_line, "value", f"line {header.end_line}: 指标值 has two sub-columns "
                                          f"({' | '.join(w for k, w in header.columns if k in (Col.PRIOR, Col.TARGET))}); a row's one value is read as this year's "
                                          f"target, and of two values the {which}"))
        if Col.PROJECT in header.before and header.style != "lines":
            raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): a table of projects printed "
                             f"{'one cell a line' if header.style in ('cells', 'plain') else 'without separators'}; kg reads one whose "
                             "rows are lines of tabs or pipes")
        weighted = sum(1 for row in rows.rows if len([c for c in row.cells if c.text]) >= 2) >= 2  # rows printing a value and a 权重
        for row in rows.rows:
            ind = read_indicator(row, header, found, weighted)
            if ind is not None:
                indicators.append((ind, row.task))
                heads.append(row.project)
        last = max((ind.line for ind, _ in indicators), default=header.end_line)
        again = find_header(lines[last:])
        if again is not None:  # another form's table below this one's end (after its sign-off, say)
            at = last + again.line
            found.skipped.append(Skipped(at, f"a second indicator table ({again.describe()}) after the first one's rows: kg reads the "
                                         "forms of a text as one document only where each prints the same unit, and no other title, "
                                         "year or region; split the text to read it", True, lines[at - 1].strip(), Notice.SECOND_TABLE))
    style = {"lines": "one row a line", "cells": "one cell a line", "plain": "one cell a line, empty cells not printed",
             "stream": "the table on one line of tokens", "glued": "cells glued without separators"}
    return _Table(header.line, header.start_offset, indicators, found, header.style, f"rows read as {style[header.style]}", header.describe(),
                  [k for k, _ in header.columns], second_header=at, last_row=last, heads=heads, amount_columns=len(header.amount_roles))


def _the_years_column(source: SourceText, lines: Sequence[str], header: Header, found: Found) -> Header:
    """A target column a year (2023年目标值 | 2024年目标值 | 2025年目标值): the form's year's is the target, the
    others are read as text, with a reading; refused where the form prints no year naming one."""
    dated = {n: int(m.group(1)) for n, (kind, word) in enumerate(header.columns)
             if kind == Col.TARGET and (m := re.match(r"(\d{4})年", word))}
    if len(dated) < 2:
        return header
    # the form's year, not one its headings print (2023年目标值 would name itself)
    year = find_year([text if n + 1 not in range(header.line, header.end_line + 1) else "" for n, text in enumerate(lines)], header.line)
    chosen = [n for n, y in dated.items() if year is not None and y == year[0]]
    if len(chosen) != 1:
        raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): a target column for each of the years "
                         f"{', '.join(str(y) for y in dated.values())}, and the form's year names none of them; give the year's column alone")
    found.readings.append(Reading(header.line, "value", f"line {header.line}: a target column a year; the target is under "
                                  f"{header.columns[chosen[0]][1]} (the form's year, line {year[1]}), the other years' values are not read"))
    return replace(header, columns=[(Col.TEXT if n in dated and n != chosen[0] else kind, word) for n, (kind, word) in enumerate(header.columns)])


def parse_national(source: SourceText, *, region: str | None = None, given: Given = Given()) -> Disclosure:
    """A form of the national family → a Disclosure of kind project-form or self-evaluation, with one
    project (its targets and, from a self-evaluation, their results); a 部门整体支出绩效目标表 → one
    of kind department-form, with the department's figures and its tasks as activities.

    A text holding several forms one after another (a department's page of its projects' forms) gives
    one document with a project a form, where each prints the first one's unit and no other title,
    year or region; else the forms after the first are reported."""
    return _parse_forms(source, region=region, given=given).disclosure


@dataclass(frozen=True)
class _Form:
    disclosure: Disclosure
    next_form: int | None  # the line where another form begins after this one's table
    unit_from_supervisor: bool  # no unit printed: the 主管部门 read as the unit


def _parse_forms(source: SourceText, *, region: str | None, given: Given) -> _Form:
    """The text's first form, with the forms after it that are of its document (each read alone)."""
    options: dict[str, Any] = {"given": given}
    first = _parse_form(source, region=region, **options)
    if first.next_form is None:
        return first
    if given.project is not None:
        raise ParseError(source.path, first.next_form, "--project gives the code of one form's project, and another form begins here; "
                         "read each form alone")
    start = first.next_form
    head = replace(source, lines=source.lines[: start - 1] + ("",) * (len(source.lines) - start + 1))
    tail = replace(source, lines=("",) * (start - 1) + source.lines[start - 1:])
    try:
        one = _parse_form(head, region=region, **options)
        rest = _parse_forms(tail, region=region, **options)
    except ParseError as error:
        return _not_joined(first, f"the form from line {start} cannot be read ({error.message})")
    why = _why_not_one_document(one, rest)
    if why is not None:
        return _not_joined(first, why)
    d = one.disclosure
    if rest.disclosure.region is None and d.region is not None:
        # The later forms print no place of their own: the first form's.
        rest = _parse_forms(tail, region=d.region.code, **options)
    more = rest.disclosure
    names = ", ".join(repr(p.name) for p in more.projects)
    joined = Reading(start, "form", f"line {start}: another form begins ({names}): of the same kind, unit, year and region as the "
                     "first, its project is read into this document")
    return _Form(replace(
        d, projects=d.projects + more.projects,
        # each form's own word once (a region not named, said by every form), and no later form's missing
        # year where the document has one
        warnings=tuple(sorted({(w.line, w.message): w for w in (*d.warnings, *more.warnings)
                               if not (d.year is not None and w.kind is Notice.NO_YEAR)}.values(),
                              key=lambda w: (w.line or 0, w.message))),
        skipped=tuple(sorted(d.skipped + more.skipped, key=lambda s: s.line)),
        readings=d.readings + (joined,) + more.readings, cut=more.cut or d.cut,
        layout=replace(d.layout, reason=f"{d.layout.reason}; {len(d.projects) + len(more.projects)} forms, a project each"),
    ), None, one.unit_from_supervisor)


def _why_not_one_document(one: _Form, rest: _Form) -> str | None:
    """Why the forms after the first (``rest``: the second, with those after it that are of its document)
    are not of the first one's document, or None where they are: of its kind and title (a 申报表 and its
    批复表 are two documents), each printing the same unit (and no other year or title: the page's are
    theirs), a project each with a name of its own. A unit read from the 主管部门 (none printed) says
    nothing of it."""
    d, nxt = one.disclosure, rest.disclosure
    forms = (DocumentKind.PROJECT_FORM, DocumentKind.SELF_EVALUATION)
    names = [label_key(p.name).removesuffix("项目") for p in (*d.projects, *nxt.projects)]
    checks = (
        (d.kind == nxt.kind and d.kind in forms and not d.activities and not nxt.activities,
         f"it is a {nxt.kind.value}, the first a {d.kind.value} (kg joins project forms, or self-evaluations, alone)"),
        (d.unit_name is not None and not one.unit_from_supervisor and not rest.unit_from_supervisor,
         "a form prints no 实施单位 or unit of its own (a 主管部门 may have several units' forms)"),
        ((nxt.unit_name, nxt.unit_code) == (d.unit_name, d.unit_code), f"it prints another unit ({nxt.unit_name!r}, the first {d.unit_name!r})"),
        (d.year is not None and nxt.year in (None, d.year), f"its year ({nxt.year}) is not the first's ({d.year})"),
        (nxt.region is None or (d.region is not None and nxt.region.code == d.region.code), "it names another region"),
        (nxt.title in (None, d.title), f"its title ({nxt.title}) is not the first's ({d.title})"),
        (all(names) and len(set(names)) == len(names), "a project has no name, or two the same name"),
    )
    return next((why for holds, why in checks if not holds), None)


def _not_joined(first: _Form, why: str) -> _Form:
    """The first form alone, the next form's table reported with why it is not read into the document."""
    d = first.disclosure
    skipped = tuple(replace(s, reason=f"a second form's indicator table after the first one's rows, not read into this document: {why}; "
                            "split the text to read it alone") if s.kind is Notice.SECOND_TABLE else s for s in d.skipped)
    return replace(first, disclosure=replace(d, skipped=skipped))


def _form_start(lines: Sequence[str], table: _Table) -> int | None:
    """Where the form whose table comes after this one's begins: its title or 项目名称, printed after
    this table's last row and before that table's header (None: the other table has no form of its own)."""
    if table.second_header is None:
        return None
    for number in range(table.last_row + 1, table.second_header):
        text = lines[number - 1]
        cells = [c for c in split_cells(text) if c]
        if TITLE.search(fold(text)) or FORM_TITLE.search(fold(text)) or YEAR_HEADING.fullmatch(label_key(text)) \
                or (cells and label_match(cells[0], (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS)) is not None):
            return number  # its title, its year, or its first label (单位名称 above its title)
    return None


def _parse_form(source: SourceText, *, region: str | None, given: Given) -> _Form:
    """One form (the first of the text) and the line where another form begins after it, if one does."""
    lines, normalised, normalised_warnings = normalised_lines(source.lines)
    table = _read_table(source, lines)
    found = table.found
    own = _from_the_forms_start(lines, table.line)
    facts = read_facts(own, table.line, table.start_offset)
    # A department's form: its tasks in the table, or (the template's own shape) its title.
    department_form = (Col.TASK in table.kinds and any(_DEPARTMENT_TITLE.search(fold(t)) for t in lines[: table.line])) \
        or (_DEPARTMENT_TITLE.search(fold(facts.title or "")) is not None and facts.project is None) \
        or (facts.project is None and any(_DEPARTMENT_EVALUATION.search(fold(t)) for t in lines[: table.line]))
    if table.style == "columns" and (facts.project or facts.unit):
        # The labels above a table printed column by column are printed so too (资金名称 省级业务主管部 /
        # 门 资金类型 …): the cell after a label is not its value.
        shown = "; ".join(f"{cell!r} after its label (line {line})" for cell, line in [x for x in (facts.project, facts.unit) if x])
        facts.warnings.append(Warning(table.line, f"the form's labels are printed column by column too: {shown} is not read as the "
                                      "project's name or unit"))
        facts.project, facts.unit, facts.unit_code = None, None, None
    evaluation = Col.ACTUAL in table.kinds or bool(re.search("自评|评价", fold(facts.title or "")))
    indicators = [ind for ind, _ in table.indicators]
    # The text ends inside its table: rows after the cut are not there, so the document is read only in part
    # (the same whether the cut falls in a row, which is then skipped, or after a tier label).
    cut = f"the text ends inside the indicator table (line {found.cut}): truncated" if found.cut is not None and not found.cut_likely else None
    if found.cut is not None and found.cut_likely:
        found.warnings.append(Warning(found.cut, "the text ends on a line of the indicator table's values: it may be truncated (its "
                                                 "complete rows are read)"))
    elif found.cut is not None:
        found.warnings.append(Warning(found.cut, "the text ends inside the indicator table: truncated (its complete rows are read)"))
    elif source.unterminated and table.indicators:
        # A copy kept to a page's first bytes ends inside a line: where that line is the last row's, its last cell
        # (≥9 of ≥90%, 元/人 of 元/人·年) may be cut, which nothing else shows. Said, not refused: an editor may
        # save a whole text without its last line break.
        last_text = last_filled_line(lines)
        last_row = max(max(ind.line, ind.value_line or 0, ind.result.line if ind.result else 0) for ind, _ in table.indicators)
        if last_row == last_text:
            found.warnings.append(Warning(last_text, "the text ends on this row, with no line break after it: if the copy was cut "
                                                     "here, the row's last cell may be incomplete"))
    if not indicators:
        what = "; ".join(s.reason for s in found.skipped[:2]) or "no row under it"
        raise ParseError(source.path, table.line, f"an indicator table ({table.describe}, line {table.line}) but no complete indicator row: {what}")
    warnings = normalised_warnings + found.warnings + facts.warnings
    found.skipped += facts.skipped
    readings = normalised + facts.readings + grouped_readings(found.readings)
    # Year, unit, region: what the form prints, else what the user says, else a reading from the page.
    # The year the form prints for itself ((2024年度), 年度：2024 below its title), else the page's, read from its top.
    own_year = find_year(own, table.line)
    year_found = own_year if own_year is not None and own_year[2] is None else find_year(lines, table.line)
    year_value, year_line = (year_found[0], year_found[1]) if year_found else (None, None)
    row_year, row_unit, row_readings = _row_facts(found, source.path)
    readings += row_readings
    if row_year is not None and year_value is None:
        year_value, year_line = row_year
    elif row_year is not None and row_year[0] != year_value:
        warnings.append(Warning(row_year[1], f"the table's rows say {row_year[0]} (line {row_year[1]}); the page says {year_value} "
                                             f"(line {year_line}), which is used"))
    if given.year is not None:
        if year_value is not None and year_value != given.year:
            warnings.append(Warning(year_line, f"the form says {year_value}; --year {given.year} is used"))
        year_value, year_line = given.year, None
    elif year_found and year_found[2] is not None:
        readings.append(year_found[2])
    if year_value is None:
        warnings.append(Warning(None, "no budget year printed (such as “(2021年度)”); give --year", Notice.NO_YEAR))
    unit_code, unit_name, unit_line = facts.unit_code, facts.unit[0] if facts.unit else None, facts.unit[1] if facts.unit else None
    if unit_name is None and unit_code is None and row_unit is not None:
        unit_name, unit_line = row_unit
    if given.unit is not None:
        coded = re.match(r"^(\d{6})(?:\s*[-－—]\s*(.+))?$", given.unit.strip())
        if coded:
            unit_code, unit_name = coded.group(1), coded.group(2) or unit_name
        else:
            unit_name = given.unit.strip()
        unit_line = None
    if unit_name is None and unit_code is None and (titled := _unit_in_a_title(lines, table.line)) is not None:
        unit_name, unit_line = titled
        readings.append(Reading(unit_line, "unit", f"line {unit_line}: no unit printed; the title names the unit {unit_name!r}"))
    if unit_name is None and unit_code is None:
        warnings.append(Warning(None, "no unit printed (实施单位, 主管部门, 单位信息 …); give --unit"))
    code = facts.code[0] if facts.code else ""
    if given.project is not None:
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._\-]*", given.project):
            raise ParseError(source.path, None, f"--project {given.project!r} is no project code: letters, digits, '.', '-' and '_' "
                             "(11010522T000000416232)")
        if department_form or any(table.heads):
            raise ParseError(source.path, None, f"--project gives the code of a form of one project; this is "
                             f"{'a department’s form' if department_form else 'a table of several projects'}")
        if code and code != given.project:
            warnings.append(Warning(facts.code[1] if facts.code else None, f"the form says 项目编码 {code}; --project {given.project} is used"))
        code = given.project
    beijing_code = code if PROJECT_CODE.fullmatch(code) else ""
    if region is not None or beijing_code:
        found_region = find_region([beijing_code] if beijing_code else [], unit_name, region)
    else:
        found_region = None
    if found_region is None:
        # The unit's own name first (杭州市西湖区发展和改革局): the page may name another place, the one a
        # project serves (对口支援四川省甘孜州乡城县).
        found_region = place_region([(unit_line or 1, unit_name)], "the unit") if unit_name else None
        if found_region is None or found_region.alternatives:
            # A district's name several cities share (鼓楼区): the page's other places settle it.
            found_region = place_region([(n, lines[n - 1]) for n in range(1, min(table.line, len(lines)) + 1)]) or found_region
        if found_region is not None and found_region.alternatives:
            # still more than one: the page's text below the table too (a footer: 沈阳市和平区人民政府 版权所有)
            found_region = place_region([(n, _SITE_CREDIT.split(fold(lines[n - 1]))[0]) for n in range(1, len(lines) + 1)]) or found_region
        if found_region is not None and found_region.alternatives:
            warnings.append(Warning(None, f"region {found_region.code} chosen by name, though others fit: {found_region.evidence}"))
        elif found_region is not None:
            readings.append(Reading(None, "region", f"region {found_region.code}: {found_region.evidence}"))
    if found_region is None:
        short = short_places(unit_name or "")
        warnings.append(Warning(None, f"no region: the form names {'、'.join(short[:3])}, a name too short to be taken for a place "
                                "without its city or province; give --region" if short else
                                "no region: the form names no place kg knows; give --region"))
    amounts = facts.amounts
    for _, text, line in amounts.values():
        if not re.search("万元|元", fold(text)):
            said = amount_unit_said(own, line)
            if said is None:
                readings.append(Reading(line, "amount", f"line {line}: {text!r} prints no unit: read as 万元 (the forms' 金额单位)"))
            elif said == "元":
                readings.append(Reading(line, "amount", f"line {line}: {text!r} prints no unit: read as 元, which its label or "
                                        "section says, and converted to 万元"))
    if "total" in amounts and "fiscal" in amounts and amounts["total"][0] < amounts["fiscal"][0]:
        warnings.append(Warning(amounts["total"][2], f"年度资金总额 {amounts['total'][1]} is less than its 财政拨款 {amounts['fiscal'][1]} (line {amounts['fiscal'][2]})"))
    elif "total" in amounts and "fiscal" in amounts and "other" not in amounts and amounts["total"][0] != amounts["fiscal"][0] \
            and (unread := _amount_beside(lines, amounts, table.line)) is not None:
        # 总额 150 | 其中：财政拨款 100 | 其他: 50: the rest printed under a label kg does not read as 其他资金 (a form may
        # print no other part at all: 项目金额 164万元 | 其中：当年市级财政资金 132万元)
        warnings.append(Warning(unread, f"年度资金总额 {amounts['total'][1]} is more than its 财政拨款 {amounts['fiscal'][1]} and no "
                                f"其他资金 is read, but line {unread} prints another amount: under a label kg does not read"))
    elif all(role in amounts for role in ("total", "fiscal", "other")) and amounts["total"][0] != amounts["fiscal"][0] + amounts["other"][0]:
        # 总额 150万元 | 一、财政拨款 100万元 | 二、自有资金 30万元 | 三、其他 20万元: a part under a label kg does not read
        warnings.append(Warning(amounts["total"][2], f"年度资金总额 {amounts['total'][1]} is not 财政拨款 {amounts['fiscal'][1]} + "
                                f"其他资金 {amounts['other'][1]} (lines {amounts['fiscal'][2]}, {amounts['other'][2]}): a part may be "
                                "printed under a label kg does not read"))
    projects: tuple[Project, ...] = ()
    activities: tuple[Activity, ...] = ()
    department = None
    if department_form:
        # A department's self-evaluation is a self-evaluation of the department as a whole (its
        # indicators an activity's, with their results), read as its target form is.
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.DEPARTMENT_FORM
        activities, department = _department(lines, table, facts, found, readings, warnings, unit_name, unit_line)
    elif any(table.heads):
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.PROJECT_FORM
        projects = _table_of_projects(lines, table, found, unit_code, facts)
    else:
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.PROJECT_FORM
        name = facts.project[0] if facts.project else ""
        name_line = facts.project[1] if facts.project else None
        if not name:
            titled = table.project or _project_in_title(lines, table.line)
            if titled is not None:
                name, name_line = titled
                readings.append(Reading(name_line, "project", f"line {name_line}: no 项目名称 cell; the title names the project {name!r}"))
            else:
                warnings.append(Warning(None, "no 项目名称 printed: the project has no name"))
        project_line = name_line or (facts.code[1] if facts.code else table.line)
        projects = (Project(
            code=code, name=name, total=amounts["total"][0] if "total" in amounts else None,
            fiscal=amounts["fiscal"][0] if "fiscal" in amounts else None, other=amounts["other"][0] if "other" in amounts else None,
            goal=facts.goal[0] if facts.goal else "", indicators=tuple(indicators), line=project_line,
            lines=tuple(sorted({project_line, *(i.line for i in indicators)})), unit_code=unit_code,
            amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
        ),)
    why = f"the header {table.describe} at line {table.line}" + (f", the title {facts.title} (line {facts.title_line})" if facts.title else "")
    layout = Layout(f"national/{table.style}", f"{why}; no 预算表12/预算13表 heading; {table.how}; a {kind.value}"
                    + (" (it prints actual values)" if Col.ACTUAL in table.kinds else ""))
    return _Form(Disclosure(
        path=source.path, sha256=source.sha256, encoding=source.encoding, unit_code=unit_code, unit_name=unit_name, unit_line=unit_line,
        year=year_value, year_line=year_line, tables=(), projects=projects, department=department, activities=activities, decisions=(),
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))),
        skipped=tuple(sorted(found.skipped, key=lambda s: s.line)), budget=None, region=found_region, kind=kind, layout=layout,
        readings=tuple(readings), title=facts.title, cut=cut,
    ), _form_start(lines, table), facts.unit_from_supervisor and given.unit is None)


def _centred_task_names(table: _Table) -> list[Warning]:
    """Rows above the first 年度主要任务 name show the names printed in the middle of their merged cells (a
    PDF's extraction, a centred copy): each row between two names may then be the lower name's, not the
    upper's it is read as. Said at each name, with the rows in doubt (kg cannot tell where a cell began)."""
    rows = table.indicators
    if not rows or rows[0][1] is not None:
        return []
    names: list[Cell] = []
    for _, task in rows:
        if task is not None and (not names or (names[-1].line, names[-1].text) != (task.line, task.text)):
            names.append(task)
    out = []
    for upper, lower in zip(names, names[1:]):
        doubt = [ind.line for ind, task in rows if task is not None and (task.line, task.text) == (upper.line, upper.text) and ind.line > upper.line]
        if doubt:
            out.append(Warning(lower.line, f"the 年度主要任务 names are printed in the middle of their cells (rows above the first, line "
                                           f"{rows[0][0].line}): {named_lines(doubt)} above {lower.text!r} are read as {upper.text!r}'s "
                                           "but may be its; check them in the source (a copy that keeps its merged cells)"))
    return out


def _table_of_projects(lines: Sequence[str], table: _Table, found: Found, unit_code: str | None, facts: Facts) -> tuple[Project, ...]:
    """A department's table of its projects (项目名称 | 资金总额 | 年度绩效目标 | 一级指标 …): a project a group
    of rows, named, funded and given its goal on its first row. Rows above the first project's are
    reported. A form of one project with such a column takes what its rows do not print (its amounts,
    its goal) from the labels above the table."""
    groups: dict[str, tuple[ProjectHead, list[Indicator]]] = {}  # by name: a copy may repeat a merged cell on every row
    heading = next((word for kind, word in zip(table.kinds, table.describe.split()) if kind == Col.AMOUNT), "")
    headless: list[Indicator] = []  # rows before the first project's
    among: list[Indicator] = []  # a name and amounts only, between projects
    for (indicator, _), head in zip(table.indicators, table.heads):
        if head is None:
            headless.append(indicator)
            continue
        if table.amount_columns and _amounts_only(indicator, table.amount_columns):
            # 湖南省林业科学院 | 280 | 280 | 0 between two projects: a unit's or group's row of amounts, no indicator
            among.append(indicator)
            continue
        groups.setdefault(head.name.text.strip(), (head, []))[1].append(indicator)
    projects = []
    alone = len(groups) == 1
    for head, indicators in groups.values():
        money = read_money(head.amount.text, head.amount.line, heading, lines) if head.amount is not None else None
        amounts = {"total": money} if money else (dict(facts.amounts) if alone else {})
        for role, cell in head.parts:  # 财政拨款, 其他资金 under the amount's sub-headings
            if (part := read_money(cell.text, cell.line, heading, lines)) is not None:
                amounts[role] = part
        goal = head.goal.text if head.goal is not None else (facts.goal[0] if alone and facts.goal else "")
        projects.append(Project(
            code=facts.code[0] if alone and facts.code else "", name=head.name.text,
            total=amounts["total"][0] if "total" in amounts else None, fiscal=amounts["fiscal"][0] if "fiscal" in amounts else None,
            other=amounts["other"][0] if "other" in amounts else None, goal=goal, indicators=tuple(indicators), line=head.name.line,
            lines=tuple(sorted({head.name.line, *(i.line for i in indicators)})), unit_code=unit_code,
            amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
        ))
    # A unit's own row (湖南省林业局本级 | 1850 | 1850 | 0) heads its projects: its amount is theirs added up, those
    # below it to the next such row (two projects at least, or a row named as a unit: one project's amount equal
    # to a row's is no evidence). Else whose the row is, is not printed.
    rows = sorted(headless + among, key=lambda i: i.line)
    for n, indicator in enumerate(rows):
        figures = [read_money(cell, indicator.line, heading, lines) for cell in indicator.cells[1:]]
        below = rows[n + 1].line if n + 1 < len(rows) else len(lines) + 1
        theirs = [p for p in projects if indicator.line < p.line < below]
        added = sum((p.total for p in theirs if p.total is not None), Decimal(0))
        named = label_key(indicator.name).endswith("本级") or ORGANISATION_END.search(label_key(indicator.name)) is not None
        if theirs and (len(theirs) >= 2 or named) and figures and all(figures) and figures[0][0] == added:  # type: ignore[index]
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a row of amounts only above {len(theirs)} project"
                                         f"{'s' if len(theirs) > 1 else ''}, its {plain(added)} their 项目金额 added up: the unit's own row",
                                         False, lines[indicator.line - 1].strip()))
        elif indicator in among:
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a name and amounts only, among the projects: a unit's "
                                         "or a group's row, not an indicator; not read", True, lines[indicator.line - 1].strip()))
        else:
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a row before the first project's name in a table of "
                                         "projects: whose it is is not printed", True, lines[indicator.line - 1].strip()))
    return tuple(projects)


# A title that opens with its unit's name and the year (子洲县交通运输局2024年项目支出绩效目标表).
_TITLE_UNIT = re.compile(r"^\s*(?P<unit>[\u4e00-\u9fff（）()]{2,30}?(?:局|委员会|委|厅|办公室|中心|院|所|站|人民政府|办事处|馆|队|学校|大学|"
                         r"医院|联合会))\s*(?:\d{4}年度?)(?:部门)?(?:预算)?[^，。；]{0,12}(?:绩效|预算)(?![^，。；]*(?:评价|报告|结果|自评))[^，。；]{0,12}(?:表|公开|绩效目标)(?:[(（][^()（）]{0,12}[)）])?$")  # a form's


# own title or its disclosure's (…绩效目标表, …绩效目标公开, …绩效目标), not an evaluation's or a news page's


def _unit_in_a_title(lines: Sequence[str], table_line: int) -> tuple[str, int] | None:
    """The unit a title above the table names (its first such line), where the form prints none."""
    for number in range(1, table_line):
        match = _TITLE_UNIT.match(fold(lines[number - 1]).strip())
        if match and not re.search(r"财政(?:局|厅|委员会|委)$", match.group("unit")):
            # (a 财政局's title over the forms it publishes (…市级部门预算项目绩效目标公开) names the publisher, not the unit)
            return lines[number - 1].strip()[match.start("unit"): match.end("unit")], number
    return None


def _amount_beside(lines: Sequence[str], amounts: dict[str, tuple[Decimal, str, int]], header_line: int) -> int | None:
    """The line next to the amounts read (within two lines of the 财政拨款's, above the indicator table's
    header) printing a number none of them is."""
    read = {text.strip() for _, text, _ in amounts.values()}
    read_lines = {line for _, _, line in amounts.values()}
    fiscal_line = amounts["fiscal"][2]
    for number in range(max(1, fiscal_line - 2), min(len(lines), fiscal_line + 2, header_line - 1) + 1):
        previous = ""
        for cell in split_cells(lines[number - 1]):
            labelled = re.match(r"^[^\d]*[:：]\s*", cell.strip())
            text = cell.strip()[labelled.end() if labelled else 0 :]
            # On a line an amount was read from, a number straight after another figure is the same row's
            # next column (a 自评表's 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), not a part under
            # a label of its own.
            in_columns = number in read_lines and not labelled and re.search(r"\d", previous) is not None
            if text and text not in read and _AMOUNT_CELL.fullmatch(text) and not in_columns \
                    and not re.fullmatch(r"1\d{10}|0\d{6,}", text):  # (not a phone number: 13907781234, 07718888888)
                return number
            if cell.strip():
                previous = cell.strip()
    return None


_AMOUNT_CELL = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元)?")


def _amounts_only(indicator: Indicator, columns: int) -> bool:
    """Whether a row read as an indicator prints a name and amounts only, as many as the amount columns."""
    values = [read_value(cell) for cell in indicator.cells[1:] if cell.strip()]
    return len(values) == columns and all(v.value is not None and v.comparator is None and v.unit in (None, "万元", "元") for v in values)


def _from_the_forms_start(lines: Sequence[str], header_line: int) -> list[str]:
    """The lines a form's labels are read from: from its own title down (the last title above its
    table), and the lines just above the title that name a unit (单位：某县农业农村局); the lines above
    them blank (in place). A department's disclosure prints its money tables, overview and lists of
    projects above its forms: their 合计, 财政拨款 and 年度目标 are no project's."""
    # The last title above the form's own 项目名称 (a page's title printed again, or a caption, between the
    # labels and the header is not where the form begins), else the last title above the header.
    label = max((n for n in range(1, header_line) if (cells := [c for c in split_cells(lines[n - 1]) if c])
                 and label_match(cells[0], PROJECT_LABELS) is not None and not HEADER_CELL.fullmatch(label_key(lines[n - 1]))), default=header_line)
    start = max((n for n in range(1, label) if OWN_TITLE.search(fold(lines[n - 1]))), default=1)
    while start > 1 and re.match(rf"^\s*(?:{'|'.join(UNIT_LABELS)}|单位)\s*[:：]", fold(lines[start - 2])) \
            and not re.search(r"\d", lines[start - 2]):
        start -= 1
    return ["" if n < start else text for n, text in enumerate(lines, start=1)]


_TASK_LIST = re.compile(r"^(?:年度)?主要任务$")


def _department(lines: Sequence[str], table: _Table, facts: Facts, found: Found, readings: list[Reading], warnings: list[Warning],
                unit_name: str | None, unit_line: int | None) -> tuple[tuple[Activity, ...], DepartmentBlock]:
    """A 部门整体支出绩效目标表's tasks (年度主要任务, each an activity with the indicators printed under
    it) and the department's figures (资金总额 / 财政拨款 / 其他资金, 年度总体目标)."""
    # The task list (任务名称 | 主要内容 | 预算金额 …): where each task's name is printed.
    listed: dict[str, int] = {}
    in_list = False
    task_amounts: list[str | None] = []  # the roles of the task list's amount columns, in order
    task_total: int | None = None  # the line of its 金额合计 row
    starts = [n for n in range(1, table.line) if (cells := [c for c in split_cells(lines[n - 1]) if c]) and _TASK_LIST.match(label_key(cells[0]))]
    wrapped = wrapped_tab_rows(lines, starts[0] + 1, table.line - 1, readings) if starts else {}
    for number in range(1, table.line):
        cells = [c.text for c in wrapped[number][1]] if number in wrapped else [c for c in split_cells(lines[number - 1]) if c]
        if number in starts:
            in_list = True
            continue
        if in_list and cells:
            if all(label_key(c) in TASK_AMOUNT_ROLES for c in cells):
                task_amounts = [TASK_AMOUNT_ROLES[label_key(c)] for c in cells]  # 总额 | 财政拨款 | 其他资金: the list's amount columns
                continue
            if label_key(cells[0]) in ("金额合计", "合计", "总计", "资金合计"):
                task_total = number  # the department's figures, as the tasks add up
                continue
            if tier1_of(cells[0]) or label_match(cells[0], ALL_LABELS) or label_key(cells[0]).startswith("年度绩效指标"):
                in_list = False
                continue
            name = cells[1] if re.fullmatch(r"\d{1,3}", cells[0]) and len(cells) > 1 else cells[0]
            previous = next(reversed(listed), None)
            if len(cells) == 1 and previous is not None and TASK_CUT.search(previous) and listed[previous] == number - 1:
                listed[previous + label_key(name)] = listed.pop(previous)  # the task's name wrapped onto a row of its own
                continue
            listed.setdefault(label_key(name), number)
    if listed and Col.TASK in table.kinds:
        readings.append(Reading(min(listed.values()), "activity", f"lines {', '.join(map(str, sorted(listed.values())))}: the 年度主要任务 "
                                f"list names {len(listed)} task(s); each task is an activity, its 主要内容 and 预算金额 are not kept "
                                "(an activity carries its name and indicators, as 预算13表's do)"))
    by_task: dict[str, tuple[Cell, list[Indicator]]] = {}
    if Col.TASK not in table.kinds:
        # The national template's own shape: the tasks listed, the indicators the department's as a
        # whole (no 年度主要任务 column): one activity, named by the department (else the title).
        whole = Cell(unit_name, unit_line or table.line) if unit_name else Cell(facts.title or "部门整体支出", facts.title_line or table.line)
        by_task[label_key(whole.text)] = (whole, [ind for ind, _ in table.indicators])
        readings.append(Reading(table.line, "activity", f"line {table.line}: the indicator table has no 年度主要任务 column: its "
                                f"{len(table.indicators)} indicator(s) are the department's as a whole, one activity named {whole.text!r}"
                                + (f"; the tasks listed (lines {', '.join(map(str, sorted(listed.values())))}) have none under them"
                                   if listed else "")))
        listed = {label_key(whole.text): whole.line}
    for ind, task in ([] if Col.TASK not in table.kinds else table.indicators):
        if task is None:
            found.skipped.append(Skipped(ind.line, f"{ind.name!r}: an indicator printed before any 年度主要任务: no activity to give it to", True, ind.name))
            continue
        by_task.setdefault(label_key(task.text), (task, []))[1].append(ind)
    warnings += _centred_task_names(table)
    activities = []
    for key, (task, inds) in by_task.items():
        line = listed.get(key)
        if line is None:
            line = task.line
            if listed:  # a form printing no list of its tasks names them in its indicator table only
                warnings.append(Warning(task.line, f"the task {task.text!r} of the indicator table is not in the 年度主要任务 list: its "
                                                   "activity is named by the indicator table"))
        activities.append(Activity(task.text, tuple(inds), line))
    for key, line in listed.items():
        if key not in by_task:
            warnings.append(Warning(line, f"the task on line {line} has no indicator under it: not an activity (an activity needs its indicators)"))
    amounts = dict(facts.amounts)
    if not amounts and task_total is not None:
        figures = [c for c in split_cells(lines[task_total - 1])[1:] if c and parse_decimal(c) is not None]
        if task_amounts and len(figures) == len(task_amounts):
            # in 万元, by the unit the list's heading says (预算金额（元）)
            read = {role: read_money(text, task_total, "", lines) for role, text in zip(task_amounts, figures) if role}
            amounts = {role: money for role, money in read.items() if money is not None}
            readings.append(Reading(task_total, "amount", f"line {task_total}: the department's figures are the task list's "
                                    f"金额合计, under its columns: " + ", ".join(f"{role} {text}" for role, (_, text, _) in amounts.items())))
        else:
            warnings.append(Warning(task_total, f"the task list's 金额合计 ({' '.join(figures)}) is not read: its figures do not "
                                    "line up with the list's amount columns (总额 | 财政拨款 | 其他资金)"))
    goal = label_value(lines, table.line, ("年度总体目标", "整体绩效目标", "年度整体绩效目标"))
    if (periods := year_goal_beside_long_term(lines, table.line)) is not None:
        # 中长期目标 | 年度目标 under the goal's label (as columns, or as rows): the year's is the department's goal
        goal = periods
        readings.append(Reading(goal[1], "goal", f"line {goal[1]}: the goal is printed for 中长期目标 and 年度目标: the "
                                "year's (年度目标) is read"))
    if goal is not None:
        said: list[Reading] = []
        goal = goal_continued(lines, goal, table.line, said)
        if facts.goal is None or facts.goal[0] != goal[0]:
            readings += said  # else the form's facts said it already
    elif facts.goal is not None:
        goal = facts.goal  # under 预期目标, beside 实际完成情况 (a self-evaluation), or another goal label
    lines_of_amounts = sorted({line for _, _, line in amounts.values()})
    # The figures are one row, or rows one under another (资金总额 / 其中：财政拨款 / 其他资金).
    together = [n for k, n in enumerate(lines_of_amounts) if n - lines_of_amounts[0] == k]
    for role, (_, text, line) in list(amounts.items()):
        if line not in together:
            del amounts[role]
            found.skipped.append(Skipped(line, f"the department's {role} amount {text!r} is not on the line of its other figures "
                                         f"(line {lines_of_amounts[0]}): not read", True, text))
    department = DepartmentBlock(
        total=amounts["total"][0] if "total" in amounts else None, fiscal_total=amounts["fiscal"][0] if "fiscal" in amounts else None,
        fiscal_basic=None, fiscal_project=None, other_total=amounts["other"][0] if "other" in amounts else None, other_basic=None,
        goal=goal[0] if goal else None, amounts_line=lines_of_amounts[0] if lines_of_amounts else None, goal_line=goal[1] if goal else None,
        name=unit_name, name_line=unit_line, amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
    )
    return tuple(activities), department


def _project_in_title(lines: Sequence[str], header_line: int) -> tuple[str, int] | None:
    """A project named in the page's title: ``关于“2018生物实验教学中心建设项目”``,
    ``2019年度宁晋县高中助学金项目绩效评价指标表``."""
    for number, text in enumerate(lines[:header_line], start=1):
        folded = fold(text)
        quoted = re.search(r"[“\"](.{2,40}?项目)[”\"]", folded)
        if quoted:
            return text[quoted.start(1): quoted.end(1)], number
        titled = re.match(r"^(?:\d{4}年度?)?(.{2,40}?项目)(?:\d{4}年度)?(?:绩效|支出)", folded)
        if titled:
            return text[titled.start(1): titled.end(1)], number
    return None


def untraceable_form_values(disclosure: Disclosure, source: SourceText) -> list[str]:
    """The fuzzing contract for forms: every name, value, unit, result and amount is on the line it
    names (a form with one cell a line prints a row's value on a line of its own: ``value_line``),
    or begins there and goes on over the lines below (a cell wrapped, a goal printed as a list)."""
    problems: list[str] = []
    # A mirror's pinyin readings removed before reading (a recorded reading, topic "pinyin"): the
    # values are on their lines once the same readings are removed, and only then.
    normalised = any(r.topic == "pinyin" for r in disclosure.readings)
    lines = [strip_pinyin(t) for t in source.lines] if normalised else source.lines

    def compact(text: str) -> str:
        return re.sub(r"\s+", "", text)

    def on(line: int | None, needle: str, what: str) -> None:
        """On its line; or, a cell wrapped (one cell a line, a tab row, a goal printed as a list),
        beginning on its line and going on over the lines below."""
        if line is None or not needle:
            return
        if not 1 <= line <= len(lines):
            problems.append(f"{what}: line {line} does not exist")
            return
        first = compact(lines[line - 1]).rstrip("|")
        wanted, text, below = compact(needle), first, line
        while below < len(lines) and len(text) < len(first) + len(wanted):
            text += compact(lines[below]).rstrip("|")
            below += 1
        # A number kept as a value (a department's amounts) is on its line as the reader folds it
        # (812.９0), and without its thousands separators (1,062.40).
        plain = re.sub(r"(?<=\d),(?=\d{3})", "", fold(text))
        if not any(0 <= t.find(w) < max(len(first), 1) for t, w in ((text, wanted), (fold(text), fold(wanted)), (plain, fold(wanted)))):
            problems.append(f"{what}: {needle!r} is not on line {line}")

    def indicators(owner: Iterable[Indicator]) -> None:
        for ind in owner:
            on(ind.line, ind.name, "indicator name")
            on(ind.value_line or ind.line, ind.value_text, "indicator value")
            if ind.result is not None:
                on(ind.result.line, ind.result.value_text, "result")

    for project in disclosure.projects:
        on(project.line, project.code, "project code")
        for _, text, line in project.amounts_printed:
            on(line, text, "amount")
        indicators(project.indicators)
    for activity in disclosure.activities:
        on(activity.line, activity.name, "activity name")
        indicators(activity.indicators)
    dept = disclosure.department
    if dept is not None:
        on(dept.goal_line, dept.goal or "", "department goal")
        on(dept.name_line, dept.name or "", "department name")
        for _, text, line in dept.amounts_printed:
            on(line, text, "department amount")
        if not dept.amounts_printed:
            for value in (dept.total, dept.fiscal_total, dept.other_total):
                if value is not None and dept.amounts_line is not None:
                    on(dept.amounts_line, _plain(value), "department amount")
    return problems


def _plain(value: Decimal) -> str:
    """A 万元 amount as the form prints it (862.40), for the trace: the number's digits."""
    return format(value, "f")


def readings_text(disclosure: Disclosure) -> str:
    """`kg parse --explain` of a form: every automatic reading with its evidence, one a line."""
    out = [f"{disclosure.layout.name}: {disclosure.layout.reason}"] if disclosure.layout else []
    out += [f"  {r.topic}: {r.text}" for r in disclosure.readings]
    return "\n".join(out) + "\n"
