"""Stage 3's output: typed records of a disclosure, each carrying the source lines it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.budget import BudgetTables

COMPARATORS = ("≥", "≤", "=", ">", "<", "定性")
QUALITATIVE = "定性"


@dataclass(frozen=True)
class Indicator:
    """A 三级 indicator with its target, from one row of 表12 or 表13."""

    tier1: str  # 一级 label as printed, e.g. 产出指标
    tier2: str  # 二级 label as printed, e.g. 数量指标
    name: str  # the 三级 indicator's own name
    comparator: str  # one of COMPARATORS
    value: Decimal | None  # quantitative targets; None for 定性
    value_text: str  # the value as printed (or the 定性 text)
    unit: str | None  # as printed; None when the cell is empty
    line: int
    cells: tuple[str, ...] = field(repr=False, default=())

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
    unit_code: str | None = None


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


@dataclass(frozen=True)
class Decision:
    """Which project the rows around a page break belong to, and why.

    ``assignment`` maps each ambiguous row to the code of the project it was given to. The
    evidence is written for a person checking the decision against the document.
    """

    page_break: tuple[int, ...]  # the blank line(s) of the break
    lines: tuple[int, ...]  # the rows that could belong to either project
    before: str | None  # code of the project whose row comes before the rows
    after: str | None  # code of the project whose row comes after them
    assignment: dict[int, str]
    evidence: tuple[str, ...]
    score: float
    runner_up: float | None  # score of the best other assignment
    method: str = "automatic"  # or "override"

    @property
    def margin(self) -> float | None:
        return None if self.runner_up is None else self.score - self.runner_up


@dataclass(frozen=True)
class Skipped:
    """A non-blank line that is not in any record, with the reason."""

    line: int
    reason: str
    carries_data: bool
    text: str


@dataclass(frozen=True)
class Warning:
    line: int | None
    message: str


@dataclass(frozen=True)
class TableInfo:
    number: int
    title: str
    heading_line: int
    end_line: int


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
    budget: BudgetTables | None = None  # tables 01, 03–11 (kg.budget)

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
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value
