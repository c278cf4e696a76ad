"""Stage 3's output: typed records of a disclosure, each carrying the source lines it came from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from kg.regions import RegionFinding

COMPARATORS = ("≥", "≤", "=", ">", "<", "定性")
QUALITATIVE = "定性"
# A project's code in the budget systems: Beijing's 11010522T000000416226 (its region and year, T, a serial);
# other provinces' of the same shape with another letter (Sichuan's 51330024R000000012345).
BEIJING_PROJECT_CODE = r"\d{8}T\d{12}"
BUDGET_PROJECT_CODE = r"\d{8}[A-Z]\d{12}"


@dataclass(frozen=True)
class IndicatorResult:
    """What a self-evaluation (自评表) reports against one target, from the target's row."""

    value: Decimal | None  # the actual value (全年实际值 / 实际完成值), None when not a number
    value_text: str  # as printed
    line: int
    score: Decimal | None = None  # 得分
    deviation_reason: str | None = None  # 偏差原因, as printed
    unit: str | None = None  # the actual's unit as printed (``21980人`` → 人); None when the cell prints none


def target_as_printed(comparator: str | None, text: str, unit: str | None) -> str:
    """A target on one line: comparator, value and unit (``≥ 95 %``), each once. Beijing's 表12 prints
    them in three cells; another province's form prints them in one (``≤12月``), which is then the
    value's own text and says the comparator and the unit already."""
    parts = [text]
    if comparator and not text.startswith(comparator):
        parts.insert(0, comparator)
    if unit and not text.endswith(unit):
        parts.append(unit)
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Indicator:
    """A 三级 indicator with its target (and, from a self-evaluation, its result), from one row of
    表12, 表13 or another province's form."""

    tier1: str  # 一级 label as printed, e.g. 产出指标
    tier2: str  # 二级 label as printed, e.g. 数量指标
    name: str  # the 三级 indicator's own name
    comparator: str  # one of COMPARATORS
    value: Decimal | None  # quantitative targets; None for 定性
    value_text: str  # the value as printed (or the 定性 text)
    unit: str | None  # as printed; None when the cell is empty
    line: int
    cells: tuple[str, ...] = field(repr=False, default=())
    result: IndicatorResult | None = None
    value_line: int | None = None  # where the value is printed, when not on ``line`` (a form with one cell a line)

    @property
    def qualitative(self) -> bool:
        return self.comparator == QUALITATIVE


@dataclass(frozen=True)
class Project:
    """A project of 预算表12 (年度项目支出绩效表)."""

    code: str
    name: str
    total: Decimal | None  # 项目总额, 万元
    fiscal: Decimal | None  # 财政资金
    other: Decimal | None  # 其他资金
    goal: str  # 绩效目标, fragments from either side of a page break joined
    indicators: tuple[Indicator, ...]
    line: int  # the row that carries the code
    lines: tuple[int, ...]  # every row that contributed (name and goal fragments included)
    unit_code: str | None = None  # 表12's 单位名称: on the project's row; where the table prints one unit, every project's
    # A form's amounts as printed, converted to 万元 above: (label, text as printed, line) each.
    amounts_printed: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Activity:
    """An 活动 of 预算13表 (部门整体支出绩效目标表) with its indicators."""

    name: str
    indicators: tuple[Indicator, ...]
    line: int


@dataclass(frozen=True)
class DepartmentBlock:
    """The department-wide figures of 预算13表, in 万元; a blank cell is None, not zero."""

    total: Decimal | None  # 预算支出总额
    fiscal_total: Decimal | None  # 财政拨款 合计
    fiscal_basic: Decimal | None  # 财政拨款 基本支出
    fiscal_project: Decimal | None  # 财政拨款 项目支出
    other_total: Decimal | None  # 其他资金 合计
    other_basic: Decimal | None  # 其他资金 基本支出
    goal: str | None  # 整体绩效目标
    amounts_line: int | None
    goal_line: int | None
    name: str | None = None  # 部门名称, when printed
    name_line: int | None = None
    # A form's figures as printed, converted to 万元 above: (label, text as printed, line) each (a
    # 部门整体 form may print them a row each; 预算13表 prints them on one line, amounts_line, and
    # leaves this empty, which its JSON omits).
    amounts_printed: tuple[tuple[str, str, int], ...] = field(default=(), metadata={"omit_empty": True})


class DecisionMethod(StrEnum):
    AUTOMATIC = "automatic"  # scored from the evidence
    OVERRIDE = "override"  # a person's override file says so


@dataclass(frozen=True)
class RowEvidence:
    """Why one row of a page-break decision went to its project, in words a person can check."""

    line: int  # the row decided
    method: DecisionMethod  # found by kg (AUTOMATIC) or set by an override file
    text: str  # the whole sentence: "line 278 (质量指标 “…”) → 11010522T000000416232: …"


@dataclass(frozen=True)
class Decision:
    """Which project the rows around a page break belong to, and why.

    ``assignment`` maps each ambiguous row to the code of the project it was given to; each row's
    evidence is written for a person checking the decision against the document.
    """

    page_break: tuple[int, ...]  # the blank line(s) of the break
    lines: tuple[int, ...]  # the rows that could belong to either project
    before: str | None  # code of the project whose row comes before the rows
    after: str | None  # code of the project whose row comes after them
    assignment: dict[int, str]
    evidence: tuple[RowEvidence, ...]
    score: float
    runner_up: float | None  # score of the best other assignment
    method: DecisionMethod = DecisionMethod.AUTOMATIC

    @property
    def margin(self) -> float | None:
        return None if self.runner_up is None else self.score - self.runner_up


class Notice(StrEnum):
    """What a reader's warning or skipped line is, where code after the reader acts on it (by this
    value, never by the wording of its message)."""

    WEAK_PAGE_BREAK = "weak-page-break"  # a 表12 page-break decision with little evidence (a PDF's ruling lines may settle it)
    NO_YEAR = "no-year"  # a form prints no budget year (another form of the document may)
    SECOND_TABLE = "second-table"  # a second indicator table after the first one's rows (another form's, perhaps)


@dataclass(frozen=True)
class Skipped:
    """A non-blank line that is not in any record, with the reason."""

    line: int
    reason: str
    carries_data: bool
    text: str
    kind: Notice | None = field(default=None, metadata={"omit_empty": True})  # where later code acts on it


@dataclass(frozen=True)
class Warning:
    line: int | None
    message: str
    kind: Notice | None = field(default=None, metadata={"omit_empty": True})  # where later code acts on it


class DocumentKind(StrEnum):
    """What a document is: with region, unit code and year, what identifies it."""

    DISCLOSURE = "disclosure"  # a 部门预算 disclosure (预算表12/预算13表)
    PROJECT_FORM = "project-form"  # one project's 绩效目标申报表 / 批复表 / 绩效目标表
    SELF_EVALUATION = "self-evaluation"  # a 绩效自评表 or 评价表: targets with their results
    DEPARTMENT_FORM = "department-form"  # a 部门整体支出绩效目标表 published on its own: the department's tasks (activities)


@dataclass(frozen=True)
class Layout:
    """Which reader and layout read the document, and the evidence that chose it."""

    name: str  # "beijing" or "national/<row shape>"
    reason: str


@dataclass(frozen=True)
class Given:
    """What the user says of a form that does not print it (--year, --unit, --project), read in its
    place. Given, it is used even where the form prints one (a year or project code printed otherwise
    is then said in a warning)."""

    year: int | None = None
    unit: str | None = None  # a six-digit unit code, CODE-名称, or a name
    project: str | None = None  # the code of a form's one project


@dataclass(frozen=True)
class Reading:
    """An automatic reading of a form that could be wrong, with its evidence: a tier inferred, a
    comparator not printed, glued digits split, the year or region taken from the page."""

    line: int | None
    topic: str  # tier, comparator, split, year, region, unit, amount, value
    text: str  # the whole sentence, with its evidence


@dataclass(frozen=True)
class TableInfo:
    number: int
    title: str
    heading_line: int
    end_line: int


# ---- the money tables (预算01表, 03表 … 11表) ----------------------------------------------------

BUDGET_TABLES = (1, 3, 4, 5, 6, 7, 8, 9, 10, 11)



class RowKind(StrEnum):
    """What a budget table's row is: an item, or a row that restates or carries over others."""

    ITEM = "item"
    SUBTOTAL = "subtotal"  # 本年…合计
    TOTAL = "total"  # 合计 / 总计
    CARRYOVER = "carryover"
    CARRYOVER_ITEM = "carryover-item"


class Side(StrEnum):
    """表01/05 print income and expenditure side by side."""

    INCOME = "income"
    EXPENDITURE = "expenditure"


class Role(StrEnum):
    """What an amount column means."""

    TOTAL = "total"
    BASIC = "basic"  # 基本支出
    PROJECT = "project"  # 项目支出
    PERSONNEL = "personnel"  # 人员经费
    OPERATING = "operating"  # 公用经费
    PROJECT_NET = "project_net"  # 项目支出 excluding 基建
    INCOME = "income"
    EXPENDITURE = "expenditure"
    BUSINESS = "business"  # 经营支出
    REMIT = "remit"  # 上缴上级支出
    SUBSIDIARY = "subsidiary"  # 对附属单位补助支出
    ABROAD = "abroad"  # 因公出国(境)费
    RECEPTION = "reception"  # 公务接待费
    VEHICLES = "vehicles"  # 公务用车 小计
    VEHICLE_PURCHASE = "vehicle_purchase"
    VEHICLE_OPERATION = "vehicle_operation"
    AMOUNT = "amount"  # the one amount of 表04 and 表11


ITEM, SUBTOTAL, TOTAL, CARRYOVER, CARRYOVER_ITEM = RowKind
AGGREGATE_KINDS = frozenset({RowKind.SUBTOTAL, RowKind.TOTAL})
INCOME, EXPENDITURE = Side.INCOME, Side.EXPENDITURE
TOTAL_COLUMN, BASIC, PROJECT = Role.TOTAL, Role.BASIC, Role.PROJECT
PERSONNEL, OPERATING, PROJECT_NET = Role.PERSONNEL, Role.OPERATING, Role.PROJECT_NET

ORDINAL = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*")
_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """A cell without its spaces: the extraction writes ``合 计`` and ``收 入``."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Classification:
    """A classification cell: ``2010199-其他人大事务支出`` → code 2010199, its label as printed."""

    code: str
    label: str | None


@dataclass(frozen=True)
class Column:
    index: int  # 0-based cell position
    role: str
    heading: str  # the printed header levels of the column, joined by "/"


@dataclass(frozen=True)
class Amount:
    role: str  # what the amount is: total, basic, project, personnel, operating, income, …
    value: Decimal  # 万元, exactly as printed
    cell: int  # the cell it is printed in (0-based); differs from the role's column after a decision
    aggregate: bool  # restates other amounts of the table (合计, 小计, 总计 …): left out of sums of parts


@dataclass(frozen=True)
class BudgetRow:
    line: int
    kind: str  # ITEM, SUBTOTAL (本年…合计), TOTAL (合计 / 总计 row), CARRYOVER, CARRYOVER_ITEM
    amounts: tuple[Amount, ...]
    label: str | None = None  # row label as printed (表01/05, 表04, 表11 三级, a total row's 合计)
    side: str | None = None  # 表01/05: INCOME or EXPENDITURE
    function: Classification | None = None  # 支出功能分类 (表11: its 服务领域)
    gov_economic: Classification | None = None  # 政府预算支出经济分类
    dept_economic: Classification | None = None  # 部门预算支出经济分类
    catalogue: tuple[Classification, ...] = ()  # 表11 指导性目录 一级, 二级
    unit: Classification | None = None  # 表06 单位名称

    def amount(self, role: str) -> Decimal | None:
        return next((a.value for a in self.amounts if a.role == role), None)

    @property
    def name(self) -> str | None:
        """A 表01/05 label without its ordinal and spaces: ``一、一般公共服务支出`` → ``一般公共服务支出``."""
        return compact(ORDINAL.sub("", self.label)) if self.label else None


@dataclass(frozen=True)
class ColumnDecision:
    """Which column (基本支出 or 项目支出) a 表03 amount belongs to, when the text lost it."""

    table: int
    line: int
    function_code: str
    amount: Decimal
    printed: str  # role of the column the amount is printed in
    settled: str  # role it was given
    evidence: tuple[str, ...]
    evidence_lines: tuple[int, ...]  # lines of the other tables the evidence cites


@dataclass(frozen=True)
class BudgetTable:
    number: int
    title: str
    heading_line: int
    unit: str | None  # 金额单位 as printed
    columns: tuple[Column, ...]
    rows: tuple[BudgetRow, ...]  # every row, totals included, in document order
    decisions: tuple[ColumnDecision, ...] = ()
    unsettled: tuple[int, ...] = ()  # 表03 lines whose column no other table settles

    def items(self) -> list[BudgetRow]:
        return [r for r in self.rows if r.kind == ITEM]

    def totals(self) -> list[BudgetRow]:
        return [r for r in self.rows if r.kind == TOTAL]

    def under(self, row: BudgetRow) -> list[BudgetRow]:
        return items_under(row, self.items())

    def by_function(self) -> dict[str, list[BudgetRow]]:
        """The item rows of each function code, in order: one row a code, or one a unit for a department
        whose table lists its units' rows apart (表06 of a bureau and its 事业单位), which together are the code's."""
        grouped: dict[str, list[BudgetRow]] = {}
        for row in self.items():
            if row.function is not None:
                grouped.setdefault(row.function.code, []).append(row)
        return grouped

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def heading(self, cell: int) -> str:
        return next((c.heading for c in self.columns if c.index == cell), "")

    @property
    def empty(self) -> bool:
        """No row carries an amount (表08 and 表09 of a department without such funds)."""
        return not any(r.amounts for r in self.rows)


def items_under(row: BudgetRow, items: Iterable[BudgetRow]) -> list[BudgetRow]:
    """The item rows a function class's or subclass's row stands over (208 → 20805 → 2080505): their codes begin
    its code; of its unit, where the table names units."""
    if row.function is None:
        return []
    code, unit = row.function.code, row.unit.code if row.unit else None
    return [r for r in items if r.kind == ITEM and r.function is not None and r.function.code != code
            and r.function.code.startswith(code) and (unit is None or (r.unit.code if r.unit else None) == unit)]


@dataclass(frozen=True)
class BudgetTables:
    tables: tuple[BudgetTable, ...]

    def table(self, number: int) -> BudgetTable | None:
        return next((t for t in self.tables if t.number == number), None)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.tables)


@dataclass(frozen=True)
class Position:
    """Where a line kg read is in the file a person holds: a PDF's page (1-based) or a workbook's
    sheet, and the row there (1-based; None for text outside the tables, such as a heading); a
    saved web page's line of HTML; a CSV file's row and the line of the file it starts at; a Word
    document's table and row, or its paragraph."""

    page: int | None = None
    sheet: str | None = None
    row: int | None = None
    line: int | None = field(default=None, metadata={"omit_empty": True})  # a web page (its HTML) or a CSV: where the row starts
    table: int | None = field(default=None, metadata={"omit_empty": True})  # a Word document: its n-th table (with row)
    paragraph: int | None = field(default=None, metadata={"omit_empty": True})  # a Word document: text outside its tables

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line} of the HTML" if self.row is None else f"row {self.row} (line {self.line} of the file)"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        if self.page is not None:
            where = f"page {self.page}"
        elif self.table is not None:
            where = f"table {self.table}"
        else:
            where = f"sheet {self.sheet}"
        return where if self.row is None else f"{where}, row {self.row}"


@dataclass(frozen=True)
class Disclosure:
    path: str
    sha256: str
    encoding: str
    unit_code: str | None
    unit_name: str | None
    unit_line: int | None
    year: int | None
    year_line: int | None
    tables: tuple[TableInfo, ...]
    projects: tuple[Project, ...]
    department: DepartmentBlock | None
    activities: tuple[Activity, ...]
    decisions: tuple[Decision, ...]
    warnings: tuple[Warning, ...]
    skipped: tuple[Skipped, ...]
    budget: BudgetTables | None = None  # tables 01, 03–11 (kg.read.budget)
    region: RegionFinding | None = None  # the GB/T 2260 region, and how kg knows it
    kind: DocumentKind = DocumentKind.DISCLOSURE
    layout: Layout | None = None
    readings: tuple[Reading, ...] = ()  # a form's automatic readings (kg.read.national)
    title: str | None = None  # a form's title as printed (项目支出绩效目标申报表 …)
    # A PDF's, workbook's, Word document's or saved page's line → where it is in the file (kg.read.geometry,
    # kg.read.spreadsheet, kg.read.wordfile, kg.read.webpage);
    # empty for text, which has only lines (and then left out of to_jsonable, so text reads as before).
    positions: dict[int, Position] = field(default_factory=dict, compare=False, metadata={"omit_empty": True})
    # Where the document ends before its last table does (a text cut inside 预算表12): read only in part.
    cut: str | None = field(default=None, metadata={"omit_empty": True})

    def page(self, line: int | None) -> int | None:
        """The PDF page of ``line``; None for text, a workbook or a line with no position."""
        position = self.positions.get(line) if line is not None else None
        return position.page if position is not None else None

    def pages(self, lines: Iterable[int]) -> list[int]:
        """The pages of ``lines``, each once, in order."""
        return sorted({page for line in lines if (page := self.page(line)) is not None})

    @property
    def project_indicators(self) -> int:
        return sum(len(p.indicators) for p in self.projects)

    @property
    def activity_indicators(self) -> int:
        return sum(len(a.indicators) for a in self.activities)

    def counts(self) -> dict[str, int]:
        return {
            "projects": len(self.projects),
            "project indicators": self.project_indicators,
            "activities": len(self.activities),
            "activity indicators": self.activity_indicators,
            "decisions": len(self.decisions),
            "warnings": len(self.warnings),
            "skipped lines": len(self.skipped),
            "skipped lines carrying data": sum(1 for s in self.skipped if s.carries_data),
        }


def to_jsonable(value: Any) -> Any:
    """Records as JSON-ready data: Decimals become strings, so amounts stay exact."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, RowEvidence):  # as `kg parse -f json` has always printed it: the sentence
        return value.text
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)
                if not (f.metadata.get("omit_empty") and not getattr(value, f.name))}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value
