"""What every row reader shares: a row and the project it belongs to, the tiers a group prints once
and its rows carry down, cells assigned to the header's columns, names and values wrapped over lines,
and where a table ends."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import ParseError
from kg.read.national.header import Header
from kg.read.national.words import (
    ACTUAL_WORDS,
    MONTH_DAY,
    NOT_SCORED,
    NUMBER,
    QUANTITATIVE,
    SCORE_CELL,
    UNIT_ONLY,
    YEAR_HEADING,
    Cell,
    Col,
    cut_tier,
    is_comparator_cell,
    is_short_label,
    is_stop,
    is_tier_prefix,
    label_key,
    split_cells,
    tier1_of,
    tier2_of,
    value_shaped,
)
from kg.read.values import CMP, COMPARATOR_WORDS, fold, read_value
from kg.records import Reading, Skipped, Warning
from kg.vocab import Tier, unit_of

_RATE = re.compile(r"^\d+(?:\.\d+)?%$")


# A template's placeholder left in a name (引进亿元以上工业项目(≥**个), 项目总成本(≤**万元)): the bound its value is.
_BOUND_PLACEHOLDER = re.compile(r"[(（]\s*(?P<cmp>≥|≤|>|<|=)\s*[*＊]+")


def comparator_of_placeholder(row: Row, line: int, printed: str, found: Found) -> str | None:
    """The comparator a value printing none takes from its name's placeholder (≥**%), with a reading; or None."""
    placeholder = _BOUND_PLACEHOLDER.search(fold(row.name.text))
    if placeholder is None:
        return None
    found.readings.append(Reading(line, "comparator", f"line {line}: {printed!r} prints no comparator; the placeholder in its "
                                  f"name {row.name.text.strip()!r} says {placeholder['cmp']}"))
    return placeholder["cmp"]


_DEPARTMENT_HEADINGS = ("主管部门", "部门名称")  # the department; 单位名称 (实施单位, 预算单位) its unit a row's project is


def facts_of_rows(found: Found, path: str) -> tuple[tuple[int, int] | None, tuple[str, int] | None, list[Reading]]:
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


# ---- rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectHead:
    """A project's cells on its first row in a department's table of projects: its name, 资金总额 and
    年度绩效目标 (the rows below it, printing none, are its)."""

    name: Cell
    amount: Cell | None
    goal: Cell | None
    # the amounts after the first where the header's sub-headings name several (财政拨款, 其他资金), by role
    parts: tuple[tuple[str, Cell], ...] = ()

    @property
    def cells(self) -> int:
        """How many of the row's cells the project's own are."""
        return 1 + (self.amount is not None) + len(self.parts) + (self.goal is not None)


@dataclass
class Row:
    """One indicator row as printed: its tier cells, name and the cells after it."""

    tier1: Tier | None
    tier2: Tier | None
    tier1_printed: str | None
    tier2_printed: str | None
    name: Cell
    cells: list[Cell]  # after the name; positional (with empty cells) when ``positional``
    positional: bool = False
    tier2_from_tier1: bool = False  # a 一级 label printed in the 二级 place
    task: Cell | None = None  # a 部门整体支出绩效目标表's 年度主要任务 the row is under
    project: ProjectHead | None = None  # the project of a department's table of projects the row is under
    prior_blank: bool = False  # a row of pipes or tabs printing its 2022年实际实现值 (or 中期) cell blank: its one value is the target
    target_blank: bool = False  # … printing that cell and leaving the year's (the target's) blank: it has no target


@dataclass
class Found:
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    cut: int | None = None  # the line the table is cut off at
    cut_likely: bool = False  # the cut told only by the text's end (a column-by-column table's last values line): said, not refused
    # A flat table's cells left of 项目名称 (年度 | 主管部门 | 单位名称): by heading, each value and its first line
    row_facts: dict[tuple[Col, str], dict[str, int]] = field(default_factory=dict)


# The pieces of the 年度绩效指标 label merged down the rows' left edge, as text laid out by columns prints it.
_LABEL_PIECES = frozenset({"年度", "绩效", "指标", "年度绩效", "绩效指", "项目", "部门", "年", "度", "绩", "效", "指", "标"})


class Tiers:
    """The tiers in force: printed once per group, carried down to the rows below."""

    def __init__(self) -> None:
        self.tier1: Tier | None = None
        self.tier2: Tier | None = None
        self.tier1_printed: str | None = None
        self.tier2_printed: str | None = None
        self.from_tier1 = False
        self.project: ProjectHead | None = None  # the project the rows are under, in a department's table of projects

    def set1(self, tier: Tier, printed: str) -> None:
        if self.tier2 is not None and self.tier2.broader != tier.iri:
            self.tier2, self.tier2_printed = None, None
        self.tier1, self.tier1_printed = tier, printed

    def set2(self, tier: Tier, printed: str, from_tier1: bool = False) -> None:
        self.tier2, self.tier2_printed, self.from_tier1 = tier, printed, from_tier1

    def take(self, cells: list[Cell], weighted: bool = False) -> list[Cell]:
        """Consume the leading tier cells of a row; the rest of the cells (``took2``: the 二级 cell
        consumed, if any). ``weighted``: the header prints a 分值 after its tiers (一级指标 | 分值 | 二级指标 |
        分值 | 三级指标), whose numbers are no part of the row."""
        took1 = False
        self.took2: Cell | None = None
        self.took1 = False
        self.completed: list[Cell] = []  # cells read as the whole tier label they are the cut start of
        self.empty: list[Cell] = []  # 二级 labels printed with no rows of their own
        rest = list(cells)
        while rest and self.took2 is None:  # one 二级 a row, after its 一级: a later cell is the name
            text = rest[0].text
            if re.fullmatch(r"(?:年度|项目|部门)?绩效指标", label_key(text)):  # the label column merged down the rows
                rest.pop(0)
                continue
            if len(rest) > 2 and label_key(text) in _LABEL_PIECES and (tier1_of(rest[1].text) or tier2_of(rest[1].text, after_tier1=True)
                                                                 or (not value_shaped(rest[1].text) and value_shaped(rest[2].text))):
                rest.pop(0)  # 年度 / 绩效 / 指标 before a tier or a name and its value: that label printed a piece a line
                continue     # (text laid out by columns)
            if weighted and took1 and len(rest) > 2 and SCORE_CELL.match(label_key(text)) and tier2_of(rest[1].text, after_tier1=True):
                rest.pop(0)  # 产出指标 | 50 | 数量指标: the 一级's 分值 (a column after each tier), no part of the row
                continue
            if (whole := cut_tier(text)) is not None and len(rest) > 2:
                text = whole  # 满意度指 | 服务对象满 | 救助对象满意度: tier labels cut by their column's width
                self.completed.append(rest[0])
            t1, t2 = tier1_of(text), tier2_of(text, after_tier1=took1)
            if (t1 or t2) and is_short_label(text) and (len(rest) < 3 or value_shaped(rest[1].text)):
                break  # 满意度, 社会公众满意度 … with a value after it: the indicator's name, not a tier
            if t2 is not None and (took1 or t1 is None):
                self.set2(t2, text, from_tier1=t1 is not None)
                self.took2 = rest[0]
            elif t1 is not None and not took1:
                self.set1(t1, text)
                took1 = True
            else:
                break
            rest.pop(0)
        if self.took2 is not None and len(rest) >= 4 and (t1 := tier1_of(rest[0].text)) is not None \
                and (t2 := tier2_of(rest[1].text, after_tier1=True)) is not None and t2.broader == t1.iri:
            # 经济效益指标 满意度指标(10分) 服务对象满意度指标 沿线群众满意度 …: a 二级 with no rows of its own, the next 一级's row
            self.empty.append(self.took2)
            self.set1(t1, rest[0].text)
            took1 = True
            self.set2(t2, rest[1].text)
            self.took2, rest = rest[1], rest[2:]
        while self.took2 is not None and len(rest) >= 3 and label_key(rest[0].text) != label_key(self.took2.text) \
                and label_key(rest[0].text).endswith("指标") and (t2 := tier2_of(rest[0].text, after_tier1=True)) is not None \
                and (self.tier1 is None or t2.broader == self.tier1.iri):
            # 生态效益指标 可持续影响指标 农村公路长效管护机制 …: a 二级 with no rows of its own, then the row's 二级
            self.empty.append(self.took2)
            self.set2(t2, rest[0].text)
            self.took2 = rest.pop(0)
        if weighted and self.took2 is not None and len(rest) >= 3 and SCORE_CELL.match(label_key(rest[0].text)) and not value_shaped(rest[1].text):
            rest.pop(0)  # 数量指标 | 20 | 维护路灯盏数: the 二级's 分值, then the name
        if self.took2 is not None and not took1 and len(rest) >= 3 and label_key(rest[0].text) == label_key(self.took2.text) \
                and not value_shaped(rest[1].text) and value_shaped(rest[2].text):
            # 服务对象满意度 | 服务对象满意度 | 被审计单位满意度 | ≥90%: a 一级 named as its 二级, then the 二级 printed again
            rest.pop(0)
        if self.took2 is not None and not took1 and not self.from_tier1 and self.tier1 is not None and self.tier2 is not None \
                and self.tier2.broader != self.tier1.iri:
            # A 二级 under no 一级 of its own row, carried from a row of another 一级 (the merged 一级 cell
            # printed once, lower down): its 一级 is the one it belongs to.
            self.tier1, self.tier1_printed = None, None
        self.took1 = took1
        return rest

    def row(self, name: Cell, cells: list[Cell], positional: bool = False) -> Row:
        return Row(self.tier1, self.tier2, self.tier1_printed, self.tier2_printed, name, cells, positional, self.from_tier1,
                   project=self.project)


# 一级 of other frameworks (a 绩效评价's 投入/过程 指标, the 部门整体 framework's 运行成本, 管理效率, 履职效能 …).
_OTHER_FRAMEWORK_TIERS = frozenset({"投入", "过程", "决策", "管理", "运行成本", "管理效率", "履职效能", "社会效应", "服务对象满意度", "可持续发展",
                                    # the 部门整体 framework's 二级 (产出 › 重点工作任务完成, 效益 › 履职效益)
                                    "重点工作任务完成", "重点工作任务", "履职目标实现", "履职效益", "预算执行", "预算管理", "资产管理",
                                    "重点工作履行情况", "部门履职效益", "履职情况", "部门履职"})


def is_unread_tier(text: str) -> bool:
    """A row's first cell, where its tiers belong, that reads as a tier kg does not know: a 一级 of another
    framework (投入指标, 运行成本) or a label a copy's mojibake broke (質???標)."""
    folded = label_key(text)
    if tier1_of(text) is not None or tier2_of(text) is not None:
        return False
    if re.search(r"\?{2,}|？{2,}|\ufffd", folded) and len(folded) <= 10:
        return True
    return re.fullmatch(r"[\u4e00-\u9fff]{2,6}指标", folded) is not None or folded in _OTHER_FRAMEWORK_TIERS


_DATE_WORD = r"\d{1,4}[年月日](?:\d{1,2}[月日])*(?:底前|底|前|末)?"  # 12月, 2023年3月, 11月底前: a date's end after a dash


def spaced_value_joined(cells: list[Cell], header: Header) -> list[Cell]:
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


def by_column(printed: list[str], cells: list[Cell]) -> dict[int, Cell]:
    """A row's last cells by the column of the printed line they stand in (its filled columns, from the right)."""
    columns = [n for n, c in enumerate(printed) if c]
    return dict(zip(columns[len(columns) - len(cells):], cells))


def cut_last_spaced_row(lines: Sequence[str], found: Found) -> None:
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


def last_filled_line(lines: Sequence[str]) -> int:
    """The text's last line holding anything."""
    return max(n for n, text in enumerate(lines, start=1) if text.strip())


def _report_cut(found: Found, lines: Sequence[str], why: str) -> None:
    """The last row, which the text ends inside, reported instead of read, and the table marked cut."""
    row = found.rows.pop()
    line = _row_line(row)
    found.skipped.append(Skipped(line, f"the text ends inside the row of {row.name.text!r}: {why}", True, lines[line - 1].strip()))
    found.cut = line


def cut_last_row(lines: Sequence[str], found: Found) -> None:
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


def project_head(cells: list[Cell], header: Header) -> ProjectHead | None:
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


def next_is_row(lines: Sequence[str], number: int) -> bool:
    """Whether the next line holding anything after line ``number`` goes on with the table: it begins with
    a tier label."""
    following = _next_past_a_year(lines, number)
    first = next((c for c in split_cells(following) if c), "") if following is not None else ""
    return bool(first) and (tier1_of(first) is not None or tier2_of(first) is not None)


def next_is_header(lines: Sequence[str], number: int, header_keys: list[str]) -> bool:
    """Whether the next line holding anything after line ``number`` is the table's header printed again."""
    following = _next_past_a_year(lines, number)
    return following is not None and [label_key(c) for c in split_cells(following) if c] == [k for k in header_keys if k]


def wrapped_name(found: Found, start: Cell, name: Cell, number: int, joins: bool, how: str) -> Cell:
    """A name begun on an earlier line (``start``), its end on this one (``name``): one name, with a reading,
    where ``joins``; else the start is reported as a row without its value, and this line's name is its own."""
    if joins:
        found.readings.append(Reading(number, "text", f"lines {start.line}–{number}: {start.text!r} and {name.text!r} are one name, {how}"))
        return Cell(start.text + name.text, start.line)
    found.skipped.append(Skipped(start.line, f"{start.text!r}: no target value where the header puts it", True, start.text))
    return name


def name_goes_on(lines: Sequence[str], number: int, column: int) -> bool:
    """Whether the next line holding anything goes on with a name printed alone on line ``number`` (tabs
    or pipes): it prints nothing left of that column, its text in that column, and values after it."""
    following = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
    if following is None or column < 1:
        return False
    printed = split_cells(lines[following - 1])
    return len(printed) > column + 1 and not any(printed[:column]) and bool(printed[column]) \
        and not (tier1_of(printed[column]) or tier2_of(printed[column])) and any(value_shaped(c) for c in printed[column + 1:])


def lined_up_cells(printed: list[str], placed: dict[int, Cell], name_at: int, header: Header, header_cells: list[str],
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


def _prints_every_column(cells: list[str], before: list[Col | None]) -> bool:
    """A row printed with all its columns: beginning with a blank merged cell, left of the 三级 heading
    only blank cells, tier labels or a task's name under 年度主要任务, and the name under the heading.
    A web page's copy that leaves merged cells out starts with text and puts the name further left;
    its rows are never taken for a wrapped one."""
    name_at = len(before)
    if not cells or cells[0]:
        return False  # only a row that prints its merged cells blank shows it keeps every column
    if len(cells) > name_at and (not cells[name_at] or tier1_of(cells[name_at]) or tier2_of(cells[name_at])):
        return False
    return all(not c or tier1_of(c) or tier2_of(c) or before[n] in (Col.TASK, Col.LABEL, None) for n, c in enumerate(cells[:name_at]))


def wrapped_tab_rows(lines: Sequence[str], first_line: int, last_line: int, readings: list[Reading],
                      before: list[Col | None] | None = None) -> dict[int, tuple[list[str], list[Cell]]]:
    """Rows of a tab-separated table with a cell wrapped onto the next line (a long 三级 name or
    年度指标值): the row's line stops inside the cell, and the next line begins with the cell's end.
    Where the two lines' cells, the cut cell counted once, are exactly the table's width (the
    number of cells most of its lines print), they are one row: by line, its cells (the first
    line's) and nothing (the second's); with a reading."""
    numbers = [n for n in range(first_line, last_line + 1) if "\t" in lines[n - 1] and "|" not in lines[n - 1]]
    counts = Counter(len(lines[n - 1].rstrip("\r\n").split("\t")) for n in numbers)
    if not counts:
        return {}
    width, most = counts.most_common(1)[0]
    if most < 2:
        return {}
    out: dict[int, tuple[list[str], list[Cell]]] = {}
    following = {a: b for a, b in zip(numbers, numbers[1:]) if all(not lines[n - 1].strip() for n in range(a + 1, b))}
    for first, second in following.items():
        if first in out:
            continue
        head = [c.strip() for c in lines[first - 1].rstrip("\r\n").split("\t")]
        tail = [c.strip() for c in lines[second - 1].rstrip("\r\n").split("\t")]
        trimmed = len(tail)
        while trimmed > 1 and not tail[trimmed - 1]:
            trimmed -= 1
        if len(head) >= width or width not in (len(head) + len(tail) - 1, len(head) + trimmed - 1) \
                or not head[-1] or not tail[0] or tier1_of(tail[0]) or tier2_of(tail[0]) or is_stop(tail[0]) \
                or value_shaped(head[-1]) or value_shaped(tail[0]) \
                or (before is not None and not _prints_every_column(head, before)):
            continue  # a value ends a row whole; a row that leaves merged cells out is not a wrapped one
        printed = [*head[:-1], head[-1] + tail[0], *tail[1:]]
        cells = [Cell(c, first) for c in head[:-1] if c] + [Cell(head[-1] + tail[0], first)] + [Cell(c, second) for c in tail[1:] if c]
        out[first], out[second] = (printed, cells), ([], [])
        readings.append(Reading(first, "text", f"lines {first}–{second}: the row stops inside {head[-1]!r} and line {second} "
                                      f"begins with {tail[0]!r}; together their cells are the table's {width} columns: one row, "
                                      "the cell wrapped"))
    return out


def continues_text(found: Found, header: Header, placed: dict[int, Cell], printed: list[str], number: int,
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


def value_goes_on(found: Found, cell: Cell, number: int, lines: Sequence[str]) -> bool:
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


def merge_spaced(cells: list[Cell], unit_column: bool, known_units: bool = False) -> list[Cell]:
    """Runs of spaces split ``≥ 95 %`` and ``不低于 95%``: a bare comparator (a sign or a word) joins the number after it, and (without a
    度量单位 column) a number joins the unit after it: with ``known_units`` (a stream of tokens, where a score may stand
    before a name made of unit characters: 10 学校) only a unit of the vocabulary."""
    out: list[Cell] = []
    for cell in cells:
        comparator = out and (re.fullmatch(CMP, fold(out[-1].text)) or fold(out[-1].text) in COMPARATOR_WORDS)
        unit = UNIT_ONLY.match(fold(cell.text)) and (not known_units or unit_of(fold(cell.text).strip()) is not None)
        if comparator and re.match(r"\d", cell.text) or out and not unit_column and NUMBER.match(out[-1].text.lstrip("≥≤<>=")) and unit \
                and not NUMBER.match(cell.text):
            out[-1] = Cell(out[-1].text + cell.text, cell.line)
        else:
            out.append(cell)
    return out


def empty_groups(tiers: Tiers) -> list[Reading]:
    """Readings of the 二级 labels a row's tiers printed with no rows of their own (a form's empty group)."""
    return [Reading(cell.line, "tier", f"line {cell.line}: 二级 {cell.text.strip()!r} is printed with no row of its own: "
                    "an empty group of the form, the row is the next 二级's") for cell in tiers.empty]


# What a target or an actual printed in words says (明显改善, 按时完成, 是), or a deadline (2023年12月底前): where a
# one-cell-a-line table has no score column to keep its rows in step, a cell in a value's place that
# says none of this is a name or a value wrapped onto a line of its own, not a value.
_VALUE_WORDS = re.compile(
    r"明显|显著|有效|大幅|逐步|稳步|持续|不断|进一步|有所|基本|全面|全部|按时|及时|足额|按期|如期|规范|良好|优良|优秀|合格|达标|达到|完成"
    r"|实现|提升|提高|改善|增强|加强|降低|减少|下降|保障|满足|符合|稳定|可持续|长期|健全|完善|建立|落实|促进|推动|增加|增长|扩大|确保|保持"
    r"|杜绝|以上|以下|以内|不低于|不高于|不超过|不少于|^[是否无有好优良中差高低]$|\d{4}年|\d{1,2}月|\d{1,2}日|底前|之前|以前|日前|年底|月底"
    r"|季度|全年|当年|日内|天内|工作日|每月|每年|每季|每周|每天|每日|满意|^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
    r"|全覆盖|长效|常态|干净|整洁|有序|畅通|正常运行|安全运行|零事故|无事故|未发生|不发生|零发生|零投诉|无投诉"
    r"|^[无零]\S{0,8}(?:事故|事件|案件|投诉|问题|违规|违纪)$")


# How an indicator's name ends (达标率, 达标情况, 生活水平): a cell ending so is a name, whatever words it holds.
_NAME_ENDING = re.compile(r"(?:率|数|量|度|情况|时间|时限|人数|面积|次数|里程|长度|标准|水平|效果|效益|能力|意识|条件|环境|质量|规模|比例|比重|成本"
                          r"|费用|金额|资金|知晓率|覆盖率)$")


def reads_as_value(text: str) -> bool:
    """A cell in a value's place that reads as a value: a number or value, a deadline, or a target in words."""
    folded = fold(text).strip()
    return value_shaped(text) or (_VALUE_WORDS.search(folded) is not None and not _NAME_ENDING.search(folded))


# Text below a table that is no row of it (a page's footer, the issuer and its seal, a date).
# A web page's words below its text, each a label (来源：), a link (【打印】, 打印本页) or alone in its cell: a
# row's name may begin with the same word (关闭燃煤小锅炉数量, 承办省级赛事数量, 打印及印刷费用).
_TRAILER = re.compile(r"^[【\[]?(?:发布机构|发布时间|发布日期|信息来源|来源|打印|关闭|分享|附件\s*\d{0,2}|相关附件|相关文档|责任编辑|浏览次数|访问次数|主办|承办|协办"
                      r"|网站标识码|网站标志码|字体|字号|上一篇|下一篇|附件下载|相关下载|下载附件|文件下载)\s*(?:[:：】\]]|$)"
                      r"|^[【\[]?(?:打印本页|打印此页|打印页面|关闭窗口|关闭本页|分享到|扫一扫)"
                      r"|^[^，。,；;]{1,8}[:：]\s*$|ICP备|[(（]\s*盖章\s*[)）]|^\d{4}年\d{1,2}月\d{1,2}日$"
                      r"|(?:厅|局|委员会|人民政府|政府|办公室|中心)\s*(?:主办|承办|协办|主管|制作|维护)\s*$")  # 广东省农业农村厅主办


# An issuer's name (某县财政局, 某县人民政府办公室): below a table, with nothing after it but a date or another
# such line; a name ending so (检查乡镇（街道）办事处) with a value after it is a row's.
_ISSUER = re.compile(r"(?<!格|布|结|全|大|时|当|开|骗|赌|棋|饭|牌)(?:局|委员会|人民政府|政府|办公室|办事处)$")


# A site's footer (主办单位：某财政局 地址：… 联系电话：…): below a table unless a value follows the label's cell (地址：各社区
# 服务站 | ≥10个 is a row).
_SITE_FOOTER = re.compile(r"^(?:主办单位|承办单位|协办单位|维护单位|联系电话|联系地址|地址|邮编|邮政编码)\s*(?:[:：]|$)")


def is_trailer(text: str, after: str | None) -> bool:
    """Whether a cell, followed by ``after`` (the next cell, None at the end), is text below a table."""
    folded = fold(text).strip()
    if _TRAILER.search(folded):
        return True
    if _SITE_FOOTER.search(folded):
        return after is None or not reads_as_value(after)
    return bool(_ISSUER.search(folded)) and (after is None or bool(_TRAILER.search(fold(after).strip())) or bool(_ISSUER.search(fold(after).strip())))


def next_text(lines: Sequence[str], number: int) -> str | None:
    """The next line after line ``number`` that holds anything, stripped."""
    return next((lines[n - 1].strip() for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)


def rows_below(lines: Sequence[str], number: int) -> bool:
    """Whether a line after line ``number`` names a tier: the table's rows go on below it (a page's
    header or footer between them, not the text below the table)."""
    return any(tier1_of(c) or tier2_of(c) for n in range(number + 1, len(lines) + 1) for c in split_cells(lines[n - 1]) if c)


def below_the_table(lines: Sequence[str], number: int) -> Skipped:
    """Text below a table (a web page's footer, the issuer, its seal, a date), from line ``number`` on."""
    text = lines[number - 1].strip()
    return Skipped(number, f"text below the table ({text[:40]!r}): not a row", False, text)


def fits_column(col: Col, text: str) -> bool:
    folded = fold(text).strip()
    if col == Col.NATURE:
        return is_comparator_cell(text)
    if col == Col.UNIT:
        return UNIT_ONLY.match(folded) is not None and not NUMBER.match(folded)
    if col in (Col.WEIGHT, Col.SCORE):
        return SCORE_CELL.match(folded) is not None or NOT_SCORED.fullmatch(folded) is not None
    if col == Col.RATE:  # a rate, or a dash where none is computed (a deadline's 2022年12月 against 2022年11月)
        return _RATE.match(folded) is not None or NOT_SCORED.fullmatch(folded) is not None
    return bool(folded)


def actual_left_blank(filled: Sequence[Cell], columns: Sequence[Col]) -> bool:
    """A row that leaves its 实际完成值 blank where a blank leaves no cell (PDF text, spaces): after a target
    with a unit or in words, only the 分值 and 得分 (≥95% 10 10, 明显提升 10 9 …) as bare numbers, a weight
    (at most 30) and a score not above it; a 偏差原因 may follow. (≥95% 96 10 keeps 96 as the actual.)"""
    if Col.ACTUAL not in columns or Col.TARGET not in columns or columns.index(Col.ACTUAL) != columns.index(Col.TARGET) + 1:
        return False
    at = columns.index(Col.TARGET)
    if at >= len(filled):
        return False
    scored = [col for col in columns[at + 2:] if col in (Col.WEIGHT, Col.SCORE)]
    after = filled[at + 1:]
    if columns[at + 2: at + 2 + len(scored)] != scored or len(scored) != 2 or len(after) not in (2, 3):
        return False
    numbers = [fold(c.text).strip() for c in after[:2]]
    if not all(NUMBER.match(n) for n in numbers) or (len(after) == 3 and (Col.REASON not in columns or value_shaped(after[2].text))):
        return False
    target = read_value(filled[at].text)
    weight, score = Decimal(numbers[0]), Decimal(numbers[1])
    return (target.value is None or target.unit is not None) and weight <= 30 and score <= weight


# Columns that hold a bare number: a value under one of them may be the number after a target.
_NUMBER_COLUMNS = (Col.ACTUAL, Col.WEIGHT, Col.SCORE, Col.RATE)


def _two_values(filled: Sequence[Cell], columns: Sequence[Col]) -> bool:
    """Both of 指标值's sub-columns filled (last year's value, then this year's target): the row's
    first two cells there are values, where one value leaves text or nothing after it. Where a
    column that holds a number follows (分值 …), the row must fill it too: 280人次 | 10 is a target
    and its weight."""
    at = columns.index(Col.PRIOR)
    pair = filled[at: at + 2]
    numbers_after = sum(1 for col in columns[at + 2:] if col in _NUMBER_COLUMNS)
    return len(pair) == 2 and columns[at + 1: at + 2] == [Col.TARGET] and len(filled) >= at + 2 + numbers_after \
        and (all(read_value(c.text).value is not None for c in pair) or all(_qualitative_value(c.text) for c in pair))


# What a 指标标准或依据 cell says, and a qualitative value does not: 明显改善 | 持续改善 are last year's
# value and this year's target; 明显改善 | 行业标准 a target and its basis.
_BASIS_WORDS = re.compile(r"标准|依据|规定|要求|文件|办法|计划|方案|规划|通知|意见|测算|参照|按照|根据")


def _qualitative_value(text: str) -> bool:
    """A cell that reads as a qualitative value (a date, or a few words such as 持续改善), not as a
    basis or description."""
    folded = fold(text).strip()
    if read_value(folded).value is not None or _BASIS_WORDS.search(folded):
        return False
    return re.fullmatch(rf"(?:\d{{4}}年)?{MONTH_DAY}", folded) is not None \
        or re.fullmatch(r"[\u4e00-\u9fff]{2,8}", folded) is not None


def assign(cells: Sequence[Cell], after: Sequence[Col], positional: bool) -> tuple[dict[Col, Cell], list[Cell]]:
    """The row's cells by column: positionally (one cell a line, empties printed) or by what each cell
    can be (a comparator, a unit, a score), skipping the columns a row leaves empty."""
    columns = list(after)
    if positional:
        return {col: cell for col, cell in zip(columns, cells) if cell.text and col not in (Col.PRIOR,)}, []
    filled = [c for c in cells if c.text]
    if Col.PRIOR in columns and len(filled) < len(columns) and not _two_values(filled, columns):
        columns.remove(Col.PRIOR)  # one value under 指标值's two sub-columns: this year's target
    if actual_left_blank(filled, columns):
        columns.remove(Col.ACTUAL)
    out: dict[Col, Cell] = {}
    i = 0
    for col in columns:
        if i >= len(filled):
            break
        if fits_column(col, filled[i].text):
            if col not in out or (col == Col.NATURE and fold(out[col].text).strip() == QUANTITATIVE):
                out[col] = filled[i]  # (定量 | ≥ under 指标性质 | 指标方向: the comparator says more)
            i += 1
    return out, filled[i:]
