"""Consistency checks of a disclosure: do its totals add up, and do its tables agree?

``audit(disclosure)`` returns findings, each with a severity, the check that found it, the tables
and lines involved, the value expected and the value found, and, where other tables explain it,
an explanation. Severities:

- error: the document contradicts itself (a printed total that its rows do not add up to);
- warning: probably a problem a person should check (a cell the text extraction lost, a missing
  indicator kind, a cost target that disagrees with the project amount);
- info: worth knowing, not an error (表12 covers only part of 项目支出).

Rules: blank amounts are absent, not zero; a cost target agrees with the project amount when the
amount rounded to the target's printed precision equals it (365.4 vs 365.4001); per-unit cost
targets (元/人, 元/个 …) are never compared with a project total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from kg.numbers import agrees_at_printed_precision, plain, sum_present
from kg.output import Rows
from kg.read.budget import money
from kg.records import (
    BASIC,
    CARRYOVER,
    CARRYOVER_ITEM,
    EXPENDITURE,
    INCOME,
    ITEM,
    OPERATING,
    PERSONNEL,
    PROJECT,
    PROJECT_NET,
    SUBTOTAL,
    TOTAL,
    TOTAL_COLUMN,
    BudgetRow,
    BudgetTable,
    BudgetTables,
    DepartmentBlock,
    Disclosure,
    DocumentKind,
    Indicator,
    Project,
)
from kg.vocab import cost_in_wan, project_template_kinds, tier_vocabulary


class Severity(StrEnum):
    ERROR = "error"  # the disclosure contradicts itself
    WARNING = "warning"  # probably wrong, or lost in the extraction
    INFO = "info"  # worth knowing, not wrong


ERROR, WARNING, INFO = Severity
SEVERITIES = tuple(Severity)
ZERO = Decimal(0)
MAX_UNSETTLED = 12


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str  # the check's identifier, e.g. "table-total"
    tables: tuple[str, ...]  # "01", "12" …
    lines: tuple[int, ...]
    expected: str  # the value expected and where it comes from, in words
    found: str
    message: str
    explanation: str = ""
    # The two figures, in 万元, where the check compared one amount with another (a bound: the
    # bound); None where it compared two amounts at once or no amount, or the cell is blank.
    expected_amount: Decimal | None = None
    found_amount: Decimal | None = None

    @property
    def first_line(self) -> int:
        return min(self.lines) if self.lines else 0


def _finding(severity: Severity, check: str, tables: Iterable[int], lines: Iterable[int | None], expected: str, found: str,
             message: str, explanation: str = "", *, amounts: tuple[Decimal | None, Decimal | None] = (None, None)) -> Finding:
    """``amounts``: the expected and the found figure, where there is one of each."""
    return Finding(
        severity, check, tuple(sorted({f"{t:02d}" for t in tables})), tuple(sorted({line for line in lines if line})),
        expected, found, message, explanation, *amounts,
    )


def _tables(kind: DocumentKind, *numbers: int) -> tuple[int, ...]:
    """The budget tables a finding names: a form (another province's, or a self-evaluation) has no
    numbered table, so its project's rows are named by line alone."""
    return numbers if kind is DocumentKind.DISCLOSURE else ()


_sum = sum_present  # (the one rule: a blank cell is no zero)


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return (a or ZERO) == (b or ZERO)


def _show(value: Decimal | None) -> str:
    return "blank" if value is None else money(value)


def _line_span(rows: Sequence[BudgetRow]) -> str:
    """``line 177`` or ``lines 45–104``: where a table's rows are."""
    return f"line {rows[0].line}" if len(rows) == 1 else f"lines {rows[0].line}–{rows[-1].line}"


def _project(p: Project) -> str:
    """``project 11010522T000000416232 公益事业经费``, or ``project 主体班`` for a form's project printed without a code."""
    return f"project {p.code} {p.name}" if p.code else f"project {p.name}"


def _lines(lines: Iterable[int]) -> str:
    return ", ".join(map(str, sorted(set(lines))))


# ---- totals within a table ----------------------------------------------------------------------

_PARTS = {  # table → [(whole, parts)] checked on every item row
    3: [(TOTAL_COLUMN, (BASIC, PROJECT))],
    6: [(TOTAL_COLUMN, (BASIC, PROJECT)), (BASIC, (PERSONNEL, OPERATING))],
    7: [(TOTAL_COLUMN, (PERSONNEL, OPERATING))],
    8: [(TOTAL_COLUMN, (BASIC, PROJECT))],
    9: [(TOTAL_COLUMN, (BASIC, PROJECT))],
    10: [(TOTAL_COLUMN, ("abroad", "reception", "vehicles")), ("vehicles", ("vehicle_purchase", "vehicle_operation"))],
}
_ROLE_NAMES = {
    TOTAL_COLUMN: "合计", BASIC: "基本支出", PROJECT: "项目支出", PERSONNEL: "人员经费", OPERATING: "公用经费",
    PROJECT_NET: "扣除基建项目后预算数",
}


def _column_name(table: BudgetTable, role: str) -> str:
    column = table.column(role)
    return column.heading if column and column.heading else _ROLE_NAMES.get(role, role)


def _row_checks(table: BudgetTable) -> Iterator[Finding]:
    for row in table.items():
        for whole, parts in _PARTS.get(table.number, []):
            printed = row.amount(whole)
            added = _sum(row.amount(p) for p in parts)
            if printed is None and added is None:
                continue
            if not _same(printed, added):
                names = " + ".join(_column_name(table, p) for p in parts)
                yield _finding(
                    ERROR, "row-sum", [table.number], [row.line], f"{_column_name(table, whole)} = {names} = {_show(added)}",
                    _show(printed), f"表{table.number:02d} line {row.line}: {_column_name(table, whole)} is not {names}",
                    amounts=(added, printed),
                )


def _subtotal_checks(table: BudgetTable) -> Iterator[Finding]:
    """A function class's or subclass's row (208 社会保障和就业支出, 20805 …) against the items under it (its
    code's 2080505, 2080506 …, of the same unit where the table names units)."""
    for row in table.rows:
        if row.kind != SUBTOTAL or row.function is None:
            continue
        code = row.function.code
        under = table.under(row)
        if not under:
            continue
        for amount in row.amounts:
            added = _sum(r.amount(amount.role) for r in under)
            if _same(added, amount.value):
                continue
            label = f"{code} {row.function.label}" if row.function.label else code
            yield _finding(
                ERROR, "subtotal", [table.number], [row.line, *(r.line for r in under)],
                f"{_show(added)} (its items, lines {_lines(r.line for r in under)})", f"{_show(amount.value)} (line {row.line})",
                f"表{table.number:02d}: {label}'s {_column_name(table, amount.role)} is not the sum of the items under it",
                amounts=(added, amount.value),
            )


def _column_checks(table: BudgetTable, roles: Iterable[str], explain: dict[str, str] | None = None) -> Iterator[Finding]:
    """Each amount column's items against the table's 合计 row."""
    totals = table.totals()
    if not totals:
        return
    total = totals[-1]
    items = table.items()
    for role in roles:
        added = _sum(r.amount(role) for r in items)
        printed = total.amount(role)
        if _same(added, printed):
            continue
        yield _finding(
            ERROR, "table-total", [table.number], [total.line],
            f"{_show(added)} (the rows, {_line_span(items)})" if items else "blank (no rows)",
            f"{_show(printed)} (line {total.line})",
            f"表{table.number:02d}: the {_column_name(table, role)} column's rows do not add up to its 合计",
            (explain or {}).get(role, ""), amounts=(added, printed),
        )


def _summary_checks(table: BudgetTable, fiscal: BudgetTable | None) -> Iterator[Finding]:
    """表01 / 表05: each side's rows against 本年…合计, that plus 结转结余 against 总计, and the two 总计."""
    name = f"表{table.number:02d}"
    totals: dict[str, BudgetRow | None] = {}
    for side, side_name in ((INCOME, "收入"), (EXPENDITURE, "支出")):
        rows = [r for r in table.rows if r.side == side]
        items = [r for r in rows if r.kind == ITEM]
        subtotal = next((r for r in rows if r.kind == SUBTOTAL), None)
        total = next((r for r in rows if r.kind == TOTAL), None)
        totals[side] = total
        carryover = [r for r in rows if r.kind == CARRYOVER]
        carry_amount = _sum(r.amount(side) for r in carryover)
        parts = [r for r in rows if r.kind == CARRYOVER_ITEM and r.amount(side) is not None]
        parts_sum = _sum(r.amount(side) for r in parts)
        if carry_amount is None:
            carry_amount = parts_sum
        elif parts_sum is not None and not _same(carry_amount, parts_sum):
            # 上年结转结余 100 above its parts (一、一般公共预算拨款 80 …): the parts must make it up (parts printed blank say
            # nothing: a table printing 上年结转结余 alone, or cells the text lost)
            yield _finding(
                ERROR, "table-total", [table.number], [*(r.line for r in carryover), *(r.line for r in parts)],
                f"{_show(carry_amount)} (line {carryover[0].line}, {carryover[0].label})",
                f"{_show(parts_sum)} (its parts, lines {_lines(r.line for r in parts)})",
                f"{name}: the {side_name} side's 结转结余 parts do not add up to {carryover[0].label}",
                amounts=(carry_amount, parts_sum),
            )
        if subtotal is not None:
            added = _sum(r.amount(side) for r in items)
            printed = subtotal.amount(side)
            if not _same(added, printed):
                severity, explanation = ERROR, ""
                if table.number == 1 and fiscal is not None and side == EXPENDITURE:
                    severity, explanation = _lost_cells_explanation(table, fiscal, (printed or ZERO) - (added or ZERO))
                yield _finding(
                    severity, "table-total", [table.number], [r.line for r in items if r.amount(side) is None and fiscal_has(fiscal, r)] + [subtotal.line],
                    f"{_show(printed)} (line {subtotal.line}, {subtotal.label})",
                    f"{_show(added)} (the {side_name} rows, lines {items[0].line}–{items[-1].line})" if items else f"blank (no {side_name} rows)",
                    f"{name}: the {side_name} rows do not add up to {subtotal.label}", explanation,
                    amounts=(printed, added),
                )
            if total is not None and not _same(_sum([printed, carry_amount]), total.amount(side)):
                yield _finding(
                    ERROR, "table-total", [table.number], [subtotal.line, total.line, *(r.line for r in carryover)],
                    f"{_show(_sum([printed, carry_amount]))} ({subtotal.label} + 结转结余)", f"{_show(total.amount(side))} (line {total.line})",
                    f"{name}: {total.label} is not {subtotal.label} plus 结转结余",
                    amounts=(_sum([printed, carry_amount]), total.amount(side)),
                )
    income, expenditure = totals[INCOME], totals[EXPENDITURE]
    if income is not None and expenditure is not None and not _same(income.amount(INCOME), expenditure.amount(EXPENDITURE)):
        yield _finding(
            ERROR, "table-total", [table.number], [income.line, expenditure.line],
            f"{_show(income.amount(INCOME))} ({income.label})", f"{_show(expenditure.amount(EXPENDITURE))} ({expenditure.label})",
            f"{name}: income and expenditure totals differ", amounts=(income.amount(INCOME), expenditure.amount(EXPENDITURE)),
        )


def fiscal_has(fiscal: BudgetTable | None, row: BudgetRow) -> bool:
    """表05 prints an amount for the category of this 表01 row."""
    return fiscal is not None and any(r.name == row.name and r.amount(EXPENDITURE) is not None for r in fiscal.rows if r.side == EXPENDITURE)


def _lost_cells_explanation(t01: BudgetTable, t05: BudgetTable, shortfall: Decimal) -> tuple[str, str]:
    blank = [
        (r, f) for r in t01.rows if r.side == EXPENDITURE and r.kind == ITEM and r.amount(EXPENDITURE) is None
        for f in t05.rows if f.side == EXPENDITURE and f.name == r.name and f.amount(EXPENDITURE) is not None
    ]
    if not blank:
        return ERROR, ""
    filled = sum((f.amount(EXPENDITURE) or ZERO for _, f in blank), ZERO)
    parts = " + ".join(f"{r.name} {money(f.amount(EXPENDITURE) or ZERO)} (表05 line {f.line}; 表01 line {r.line} blank)" for r, f in blank)
    if filled == shortfall:
        return WARNING, (f"the difference {money(shortfall)} is exactly {parts}: 表01 prints these categories blank, "
                         "so the PDF-to-text extraction probably lost their cells")
    return ERROR, f"表05 fills {parts}, {money(filled)} in all, but the difference is {money(shortfall)}"


# ---- 表03: columns --------------------------------------------------------------------------------


def _table03_checks(t03: BudgetTable, t06: BudgetTable | None, t07: BudgetTable | None, d: Disclosure) -> Iterator[Finding]:
    totals = t03.totals()
    items = t03.items()
    if not totals or not items:
        return
    total = totals[-1]
    printed_basic, printed_project, printed_total = total.amount(BASIC), total.amount(PROJECT), total.amount(TOTAL_COLUMN)
    explain_total = ""
    parts = _sum([printed_basic, printed_project])
    rows_total = _sum(r.amount(TOTAL_COLUMN) for r in items)
    if parts is not None and not _same(parts, printed_total) and _same(parts, rows_total):
        explain_total = (f"the printed 基本支出 and 项目支出 totals (line {total.line}) add up to {money(parts)}, as the rows do"
                         + _elsewhere(d, rows_total))
    yield from _column_checks(t03, [TOTAL_COLUMN, "business", "remit", "subsidiary"], {TOTAL_COLUMN: explain_total})
    # The lost columns: sums as the text prints them, against the printed totals.
    printed_role = {d_.line: d_.printed for d_ in t03.decisions}

    def column_sum(role: str, as_printed: bool) -> Decimal | None:
        values = []
        for row in items:
            for amount in row.amounts:
                placed = printed_role.get(row.line, amount.role) if as_printed and amount.role in (BASIC, PROJECT) else amount.role
                if placed == role:
                    values.append(amount.value)
        return _sum(values)

    if t03.decisions:
        as_printed = (column_sum(BASIC, True), column_sum(PROJECT, True))
        cited = sorted({line for d_ in t03.decisions for line in d_.evidence_lines})
        in_07 = [line for line in cited if t07 is not None and t07.heading_line < line <= _end(t07)]
        moved_to = {d_.settled for d_ in t03.decisions}
        column = _ROLE_NAMES[next(iter(moved_to))] if len(moved_to) == 1 else "the other column"
        reasons = sorted({d_.evidence[0] for d_ in t03.decisions})
        explanation = "; ".join(reasons) + f": the rows were moved to {column} (column decisions, with their evidence)"
        if in_07:
            explanation += f"; 表07 (lines {_lines(in_07)}) then agrees with 表03's 基本支出 by economic class"
        yield _finding(
            WARNING, "column-shift", [3, 6] + ([7] if in_07 else []), [d_.line for d_ in t03.decisions] + [total.line, *cited],
            f"基本支出 {_show(printed_basic)}, 项目支出 {_show(printed_project)} (line {total.line})",
            f"基本支出 {_show(as_printed[0])}, 项目支出 {_show(as_printed[1])} (the cells as printed)",
            f"表03: {len(t03.decisions)} rows (lines {_lines(printed_role)}) print their amount under "
            f"{_ROLE_NAMES[t03.decisions[0].printed] if len({d_.printed for d_ in t03.decisions}) == 1 else 'the wrong column'}: "
            "the text lost these cells' column",
            explanation,
        )
    basic, project = column_sum(BASIC, False), column_sum(PROJECT, False)
    if _same(basic, printed_basic) and _same(project, printed_project):
        return
    unsettled = [r for r in items if r.line in t03.unsettled]
    fix = _placement_fix(unsettled, basic, project, printed_basic, printed_project)
    if fix is None:
        yield from _column_checks(t03, [BASIC, PROJECT])
        return
    moved_rows = [r for r in unsettled if r.line in fix]
    now = {r.line: (BASIC if r.amount(BASIC) is not None else PROJECT) for r in moved_rows}
    other = {BASIC: "项目支出", PROJECT: "基本支出"}
    described = "; ".join(
        f"line {r.line} {r.function.code if r.function else ''} {r.function.label if r.function and r.function.label else ''} "
        f"{money(r.amount(TOTAL_COLUMN) or ZERO)}, printed under {_ROLE_NAMES[now[r.line]]}" for r in moved_rows
    )
    # Why no table settles each: 表06 does not list its code (not 财政拨款: other funds), or gives the code both
    # 基本支出 and 项目支出 while 表07 lists the row's economic class (财政拨款, in either column).
    t06_codes = t06.by_function() if t06 is not None else {}
    both = [r for r in moved_rows if r.function is not None and any(
        x.amount(BASIC) is not None and x.amount(PROJECT) is not None for x in t06_codes.get(r.function.code, []))]
    amount_differs = [r for r in moved_rows if r not in both and r.function is not None and r.function.code in t06_codes]
    funds = {code for n in (8, 9) if d.budget is not None and (t := d.budget.table(n)) is not None for code in t.by_function()}
    in_funds = [r for r in moved_rows if r not in both and r not in amount_differs and r.function is not None and r.function.code in funds]
    unlisted = [r for r in moved_rows if r not in both and r not in amount_differs and r not in in_funds]
    reasons = []
    if unlisted:
        one = len(unlisted) == 1
        reasons.append(f"表06 does not list {'its function code' if one else 'their function codes'}"
                       + (f" (line{'' if one else 's'} {_lines(r.line for r in unlisted)})" if both else "")
                       + f", so {'it is' if one else 'they are'} not 财政拨款 but other funds")
    if in_funds:
        reasons.append(f"表06 does not list the function code of line{'s' if len(in_funds) > 1 else ''} {_lines(r.line for r in in_funds)}, "
                       "表08 or 表09 does: 政府性基金 or 国有资本经营 money, which 表07 does not count")
    if amount_differs:
        reasons.append(f"表06's amount for the function code of line{'s' if len(amount_differs) > 1 else ''} "
                       f"{_lines(r.line for r in amount_differs)} is not what its 表03 rows add up to, so not all of them are 财政拨款")
    if both:
        reasons.append(f"表06 gives the function code of line{'s' if len(both) > 1 else ''} {_lines(r.line for r in both)} both 基本支出 and "
                       "项目支出, and 表07 lists its economic class, so either column could hold it")
    explanation = f"no table settles {'this row' if len(moved_rows) == 1 else 'these rows'}: " + "; ".join(reasons)
    dept = d.department
    moved_total = sum((r.amount(TOTAL_COLUMN) or ZERO for r in moved_rows), ZERO)
    if dept is not None and dept.other_total is not None and dept.other_total == moved_total:
        explanation += (f"; 表13 (line {dept.amounts_line}) has 其他资金 {money(dept.other_total)} with 基本支出 {_show(dept.other_basic)}"
                        f"{' — as the row is printed' if dept.other_basic == moved_total and set(now.values()) == {BASIC} else ''}")
    others = [p for p in d.projects if p.other is not None and p.fiscal is None]
    if others and set(now.values()) == {BASIC}:
        explanation += (f"; but 表12 lists projects paid from 其他资金 (lines {_lines(p.line for p in others)}), which is 项目支出, "
                        "as 表03's printed totals have it")
    yield _finding(
        WARNING, "column-placement", [3, 13] if dept else [3], [*fix, total.line, dept.amounts_line if dept else None],
        f"基本支出 {_show(basic)}, 项目支出 {_show(project)} (the rows, {described})",
        f"基本支出 {_show(printed_basic)}, 项目支出 {_show(printed_project)} (line {total.line}): "
        f"the printed totals count {'it' if len(moved_rows) == 1 else 'them'} under {other[next(iter(now.values()))]}",
        f"表03: {'line' if len(fix) == 1 else 'lines'} {_lines(fix)} {'is' if len(fix) == 1 else 'are'} printed under "
        f"{_ROLE_NAMES[next(iter(now.values()))] if len(set(now.values())) == 1 else 'one column'}, but the 合计 row counts "
        f"{'it' if len(fix) == 1 else 'them'} under {other[next(iter(now.values()))] if len(set(now.values())) == 1 else 'the other'}",
        explanation,
    )


def _end(table: BudgetTable) -> int:
    return max((r.line for r in table.rows), default=table.heading_line)


def _placement_fix(unsettled: list[BudgetRow], basic: Decimal | None, project: Decimal | None,
                   printed_basic: Decimal | None, printed_project: Decimal | None) -> set[int] | None:
    """The unsettled rows whose moving to the other column makes both column totals add up.

    Tried only for a few rows (2^MAX_UNSETTLED sets at most): with more, the columns are simply
    reported as not adding up.
    """
    if len(unsettled) > MAX_UNSETTLED:
        return None
    for size in range(1, len(unsettled) + 1):
        for combo in combinations(unsettled, size):
            shift = sum(((r.amount(BASIC) or ZERO) - (r.amount(PROJECT) or ZERO) for r in combo), ZERO)
            if _same((basic or ZERO) - shift, printed_basic) and _same((project or ZERO) + shift, printed_project):
                return {r.line for r in combo}
    return None


def _elsewhere(d: Disclosure, value: Decimal | None) -> str:
    """Where else the document prints the same department total."""
    budget = d.budget
    places = []
    t01 = budget.table(1) if budget else None
    if t01:
        for row in t01.rows:
            if row.kind == TOTAL and row.side == EXPENDITURE and row.amount(EXPENDITURE) == value:
                places.append(f"表01 {row.label} (line {row.line})")
    if d.department and d.department.total == value:
        places.append(f"表13 预算支出总额 (line {d.department.amounts_line})")
    return f"; so do {' and '.join(places)}: the 合计 is misprinted" if places else ""


def _table03_cross(t03: BudgetTable, budget: BudgetTables, dept: DepartmentBlock | None, unread: Iterable[int] = ()) -> Iterator[Finding]:
    """表03 by function code against 表06 (with 表08's and 表09's rows of the codes 表06 lists: a code printed in 表08
    alone is not compared), and its 基本支出 by economic class against 表07.

    表03 spends every fund; the others only 财政拨款. So 表03 may spend more than they do in a code or a
    class, by the department's other funds (表13's 其他资金, and its 基本支出 for 表07): where the excesses
    together are within those, they are said once as information; where 表03 spends less, or more than
    the other funds can pay, each is an error."""
    # (a table with a row kg could not read is compared with nothing: its rows' sums would blame the document)
    t06, t07 = (None if n in unread else budget.table(n) for n in (6, 7))
    if 3 in unread:
        return
    other_total = dept.other_total if dept is not None else None
    other_basic = dept.other_basic if dept is not None else None
    if t06 is not None:
        by_code = t03.by_function()
        t06_by_code = t06.by_function()
        fiscal = [t06_by_code, *(t.by_function() for t in (budget.table(8), budget.table(9)) if t is not None)]
        listed = {code for grouped in fiscal for code in grouped}
        misprinted = _misprinted_codes(by_code, t06_by_code, listed)
        excess: list[tuple[str, Finding]] = []
        for code, t06_rows in t06_by_code.items():
            rows = by_code.get(code, [])
            added = _sum(r.amount(TOTAL_COLUMN) for r in rows)
            fiscal_rows = [r for grouped in fiscal for r in grouped.get(code, [])]
            printed = _sum(r.amount(TOTAL_COLUMN) for r in fiscal_rows)
            if _same(added, printed):
                continue
            if not rows and code in misprinted:
                other, other_rows = misprinted[code]
                yield _finding(
                    ERROR, "cross-table", [3, 6], [*(r.line for r in fiscal_rows), *(r.line for r in other_rows)],
                    f"{_show(printed)} (表06 {_line_span(fiscal_rows)}, code {code})",
                    f"no 表03 row of {code}; {_show(printed)} under {other} (表03 {_line_span(other_rows)})",
                    f"function code {code}: 表03 prints its amount under {other}, a code no 财政拨款 table lists: a misprinted code?",
                    amounts=(printed, None),
                )
                continue
            where = f"表06 line {t06_rows[0].line}" if len(fiscal_rows) == 1 else \
                f"{' + '.join(_show(r.amount(TOTAL_COLUMN)) for r in fiscal_rows)}, lines {_lines(r.line for r in fiscal_rows)}"
            finding = _finding(
                ERROR, "cross-table", [3, 6], [*(r.line for r in fiscal_rows), *(r.line for r in rows)],
                f"{_show(printed)} ({where})",
                f"{_show(added)} (表03 lines {_lines(r.line for r in rows)})" if rows else "no 表03 row",
                f"function code {code}: 表03 and 表06 disagree", amounts=(printed, added),
            )
            if (added or ZERO) > (printed or ZERO):
                excess.append((f"function code {code}", finding))
            else:
                yield finding
        # what other funds are left for those excesses: 表13's, less what 表03 spends in codes no 财政拨款 table lists
        # (not those that are a 表06 code misprinted)
        taken = {other for other, _ in misprinted.values()}
        elsewhere = sum((r.amount(TOTAL_COLUMN) or ZERO for code, rows in by_code.items() if code not in listed and code not in taken
                         for r in rows), ZERO)
        left = other_total - elsewhere if other_total is not None else None
        yield from _paid_by_other_funds(excess, left, "其他资金", dept, "function code",
                                        f" less {money(elsewhere)} 表03 spends in codes the 财政拨款 tables do not list" if elsewhere else "")
    if t07 is not None:
        yield from _table07_cross(t03, t06, t07, other_basic, dept)


def _misprinted_codes(by_code: dict[str, list[BudgetRow]], t06_by_code: dict[str, list[BudgetRow]],
                      listed: set[str]) -> dict[str, tuple[str, list[BudgetRow]]]:
    """A 表06 code 表03 has no row of, beside a 表03 code no 财政拨款 table lists whose rows add up to exactly its
    amount, and the only such (2120501 in 表06, 2120599 in 表03, both 360): 表06's code → (表03's code, its rows)."""
    unlisted = {code: rows for code, rows in by_code.items() if code not in listed}
    found: dict[str, tuple[str, list[BudgetRow]]] = {}
    for code, rows in t06_by_code.items():
        if code in by_code:
            continue
        amount = _sum(r.amount(TOTAL_COLUMN) for r in rows)
        same = [(other, other_rows) for other, other_rows in unlisted.items() if _sum(r.amount(TOTAL_COLUMN) for r in other_rows) == amount]
        if amount is not None and len(same) == 1:
            found[code] = same[0]
    return found


def _paid_by_other_funds(excess: list[tuple[str, Finding]], other: Decimal | None, what: str, dept: DepartmentBlock | None,
                         by: str, spent_elsewhere: str = "") -> Iterator[Finding]:
    """Findings where 表03 spends more than the 财政拨款 tables (each with what it is about): errors, unless
    together the excesses are within the department's other funds, which 表03 counts and they do not: then
    one note."""
    if not excess:
        return
    over = sum(((f.found_amount or ZERO) - (f.expected_amount or ZERO) for _, f in excess), ZERO)
    if other is None or over > other or dept is None:
        yield from (f for _, f in excess)
        return
    yield _finding(
        INFO, "other-funds-spent", sorted({int(t) for _, f in excess for t in f.tables} | {13}),
        [*(line for _, f in excess for line in f.lines), dept.amounts_line],
        f"{money(over)} of other funds or less (表13's {what}{spent_elsewhere}: {money(other)}, line {dept.amounts_line})",
        f"{money(over)} more in 表03 ({'; '.join(about for about, _ in excess)})",
        f"表03 spends {money(over)} more than the 财政拨款 tables in {len(excess)} {by}{'s' if len(excess) > 1 else ''}: "
        "other funds, which 表03 counts and they do not",
        "; ".join(f"{about}: {f.expected} against {f.found}" for about, f in excess),
        amounts=(other, over),
    )


def _table07_cross(t03: BudgetTable, t06: BudgetTable | None, t07: BudgetTable, other_basic: Decimal | None,
                   dept: DepartmentBlock | None) -> Iterator[Finding]:
    """表03's 基本支出 by economic class against 表07. The rows other tables settle count in their column; a
    row none settles (t03.unsettled: the text may have lost its column) may be in either: no error where
    the settled rows with some of those make up 表07's amount."""
    settled: dict[tuple[str, str], list[BudgetRow]] = {}
    open_rows: dict[tuple[str, str], list[BudgetRow]] = {}
    for row in t03.items():
        if not (row.gov_economic and row.dept_economic):
            continue
        pair = (row.gov_economic.code, row.dept_economic.code)
        if row.line in t03.unsettled:
            if row.amount(BASIC) is not None or row.amount(PROJECT) is not None:
                open_rows.setdefault(pair, []).append(row)
        elif row.amount(BASIC) is not None:
            settled.setdefault(pair, []).append(row)
    excess: list[tuple[str, Finding]] = []
    seen = set()
    for row in t07.items():
        if not (row.gov_economic and row.dept_economic):
            continue
        pair = (row.gov_economic.code, row.dept_economic.code)
        seen.add(pair)
        want = row.amount(TOTAL_COLUMN) or ZERO
        base = _sum(r.amount(BASIC) for r in settled.get(pair, [])) or ZERO
        choices = [r.amount(BASIC) or r.amount(PROJECT) or ZERO for r in open_rows.get(pair, [])][:MAX_UNSETTLED]
        sums = {base + sum(c, ZERO) for n in range(len(choices) + 1) for c in combinations(choices, n)}
        if want in sums:
            continue
        rows = [*settled.get(pair, []), *(r for r in open_rows.get(pair, []) if r.amount(BASIC) is not None)]
        added = _sum(r.amount(BASIC) for r in rows)
        # beyond 表07: as printed, else the least any reading of the open rows spends (a lost cell under 项目支出)
        above = (added or ZERO) if (added or ZERO) > want else min((x for x in sums if x > want), default=None)
        if above is not None:
            # more in 表03 whichever column its open rows are in, by at least this: other funds' 基本支出?
            excess.append((f"economic class {pair[0]}/{pair[1]}", _finding(
                ERROR, "cross-table", [3, 7], [row.line, *(r.line for r in settled.get(pair, [])), *(r.line for r in open_rows.get(pair, []))],
                f"{_show(row.amount(TOTAL_COLUMN))} (表07 line {row.line})", f"{_show(above)} (表03 基本支出{'' if above == added else ', at the least'})",
                f"economic class {pair[0]}/{pair[1]}: 表03's 基本支出 and 表07 disagree", amounts=(row.amount(TOTAL_COLUMN), above),
            )))
            continue
        yield _finding(
            ERROR, "cross-table", [3, 7], [row.line, *(r.line for r in rows)],
            f"{_show(row.amount(TOTAL_COLUMN))} (表07 line {row.line})", f"{_show(added)} (表03 基本支出)",
            f"economic class {pair[0]}/{pair[1]}: 表03's 基本支出 and 表07 disagree",
            amounts=(row.amount(TOTAL_COLUMN), added),
        )
    for pair, rows in settled.items():
        if pair not in seen and t06 is not None:
            excess.append((f"economic class {pair[0]}/{pair[1]}", _finding(
                ERROR, "cross-table", [3, 7], [r.line for r in rows], "a 表07 row", "none",
                f"economic class {pair[0]}/{pair[1]} has 基本支出 in 表03 but no row in 表07",
                amounts=(ZERO, _sum(r.amount(BASIC) for r in rows)),
            )))
    yield from _paid_by_other_funds(excess, other_basic, "其他资金 基本支出", dept, "economic class")


# ---- across tables --------------------------------------------------------------------------------


def _total(table: BudgetTable | None, role: str, side: str | None = None) -> tuple[Decimal | None, int | None]:
    if table is None:
        return None, None
    rows = [r for r in table.totals() if side is None or r.side == side]
    if not rows:
        return None, None
    return rows[-1].amount(role), rows[-1].line


@dataclass(frozen=True)
class _Side:
    """One side of a cross-table check: an amount, what it is, and the tables and lines that print it
    (财政拨款's 项目支出 is 表06's, with 表08's and 表09's where they print any)."""

    amount: Decimal | None
    name: str  # 项目支出, 收入总计 …
    tables: tuple[int, ...]
    lines: tuple[int | None, ...]

    @property
    def label(self) -> str:
        """What the amount is: 表06 项目支出; 表06 + 表08 项目支出."""
        return f"{' + '.join(f'表{t:02d}' for t in self.tables)} {self.name}"

    @property
    def printed(self) -> str:
        """Where the amount is printed: 表06 项目支出, line 22; 表06 + 表08 项目支出, lines 22, 31."""
        return f"{self.label}, {_at(n for n in self.lines if n)}"


def _at(lines: Iterable[int]) -> str:
    shown = sorted(set(lines))
    return f"line{'s' if len(shown) > 1 else ''} {_lines(shown)}"


def _side(table: BudgetTable | None, number: int, name: str, role: str, side: str | None = None) -> _Side:
    amount, line = _total(table, role, side)
    return _Side(amount, name, (number,), (line,))


def _fiscal(budget: BudgetTables | None, name: str, role: str) -> _Side:
    """财政拨款's amount of one kind of spending: 表06's (一般公共预算), and 表08's (政府性基金) and 表09's
    (国有资本经营) where they print any; 表13's 财政拨款 is all three."""
    parts = []
    for number in (6, 8, 9):
        amount, line = _total(budget.table(number) if budget else None, role)
        if amount is not None and line is not None and (number == 6 or amount):
            parts.append((number, line, amount))
    if not parts:
        return _Side(None, name, (6,), ())
    return _Side(sum((a for _, _, a in parts), ZERO), name, tuple(n for n, _, _ in parts), tuple(line for _, line, _ in parts))


def _department_row_checks(dept: DepartmentBlock | None, kind: DocumentKind = DocumentKind.DISCLOSURE) -> Iterator[Finding]:
    """预算13表's 总体资金情况 row against itself: 预算支出总额 = 财政拨款 + 其他资金, 财政拨款 = 基本支出 + 项目支出. A
    misprint there was only seen against the other tables, which it made look wrong. A 部门整体 form of another
    province prints the same figures under its own labels: named as the form's, not 表13's."""
    if dept is None:
        return
    beijing = kind is DocumentKind.DISCLOSURE
    where, total_name = ("表13", "预算支出总额") if beijing else ("the form", "资金总额")
    sums = ((total_name, dept.total, (("财政拨款 合计", dept.fiscal_total), ("其他资金 合计", dept.other_total))),
            ("财政拨款 合计", dept.fiscal_total, (("基本支出", dept.fiscal_basic), ("项目支出", dept.fiscal_project))))
    for whole, printed, parts in sums:
        added = _sum(value for _, value in parts)
        if printed is None or added is None or printed == added:
            continue
        names = " + ".join(f"{name} {_show(value)}" for name, value in parts)
        yield _finding(
            ERROR, "row-sum", _tables(kind, 13), [dept.amounts_line], f"{whole} = {names} = {money(added)}", money(printed),
            f"{where} line {dept.amounts_line}: {whole} is not {' + '.join(name for name, _ in parts)}", amounts=(added, printed),
        )


def _cross_totals(d: Disclosure, unread: Iterable[int] = ()) -> Iterator[Finding]:
    budget = d.budget
    dept = d.department
    t01, t03, t05, t06, t07 = (budget.table(n) if budget else None for n in (1, 3, 5, 6, 7))
    pairs: list[tuple[_Side, _Side]] = []

    def department(value: Decimal | None, name: str) -> _Side:
        return _Side(value, name, (13,), (dept.amounts_line if dept else None,))

    if dept is not None:
        pairs += [
            (_side(t01, 1, "收入总计", INCOME, INCOME), department(dept.total, "预算支出总额")),
            (_side(t05, 5, "收入总计", INCOME, INCOME), department(dept.fiscal_total, "财政拨款 合计")),
            (_fiscal(budget, "基本支出", BASIC), department(dept.fiscal_basic, "财政拨款 基本支出")),
            (_fiscal(budget, "项目支出", PROJECT), department(dept.fiscal_project, "财政拨款 项目支出")),
        ]
    pairs += [
        (_fiscal(budget, "合计", TOTAL_COLUMN), _side(t05, 5, "支出总计", EXPENDITURE, EXPENDITURE)),  # 表05: all 财政拨款
        (_side(t07, 7, "合计", TOTAL_COLUMN), _side(t06, 6, "基本支出", BASIC)),
        (_side(t07, 7, "人员经费", PERSONNEL), _side(t06, 6, "人员经费", PERSONNEL)),
        (_side(t07, 7, "公用经费", OPERATING), _side(t06, 6, "公用经费", OPERATING)),
    ]
    if t03 is not None and t03.items() and 3 not in unread:
        rows = t03.items()
        pairs.append((_Side(_sum(r.amount(TOTAL_COLUMN) for r in rows), "合计 of the rows", (3,), (rows[-1].line,)),
                      _side(t01, 1, "支出总计", EXPENDITURE, EXPENDITURE)))
    for a, b in pairs:
        if a.amount is None or b.amount is None or a.amount == b.amount:
            continue
        yield _finding(
            ERROR, "cross-table", [*a.tables, *b.tables], [*a.lines, *b.lines], f"{money(b.amount)} ({b.printed})",
            f"{money(a.amount)} ({a.printed})", f"{a.label} and {b.label} disagree", amounts=(b.amount, a.amount),
        )
    # Funds other than 财政拨款: 表01's income beyond 表05's, 表03's rows of codes 表06 does not have, 表13's 其他资金.
    income_all, line_all = _total(t01, INCOME, INCOME)
    income_fiscal, line_fiscal = _total(t05, INCOME, INCOME)
    if income_all is not None and income_fiscal is not None and dept is not None and dept.other_total is not None:
        if income_all - income_fiscal != dept.other_total:
            yield _finding(
                ERROR, "cross-table", [1, 5, 13], [line_all, line_fiscal, dept.amounts_line],
                f"{money(dept.other_total)} (表13 其他资金)", f"{money(income_all - income_fiscal)} (表01 收入总计 − 表05 收入总计)",
                "表01's income beyond 表05's 财政拨款 is not 表13's 其他资金", amounts=(dept.other_total, income_all - income_fiscal),
            )


def _category_checks(t01: BudgetTable, t05: BudgetTable, t06: BudgetTable | None) -> Iterator[Finding]:
    """表01 (all funds) against 表05 (财政拨款) for each expenditure category: 表01 cannot be less."""
    fiscal = {r.name: r for r in t05.rows if r.side == EXPENDITURE and r.kind == ITEM}
    for row in t01.rows:
        if row.side != EXPENDITURE or row.kind != ITEM or row.name not in fiscal:
            continue
        other = fiscal[row.name]
        a, b = row.amount(EXPENDITURE), other.amount(EXPENDITURE)
        if b is None or (a is not None and a >= b):
            continue
        explanation = ""
        classes = _classes_adding_up(t06, b)
        if classes:
            explanation = f"表06's rows of function class {', '.join(classes)} add up to {money(b)} as well"
        if a is None:
            explanation = (explanation + "; " if explanation else "") + "the cell is blank in this text: the extraction probably lost it"
        yield _finding(
            WARNING if a is None else ERROR, "category-vs-fiscal", [1, 5] + ([6] if classes else []), [row.line, other.line],
            f"at least {money(b)} (表05 line {other.line}, 财政拨款 only)", f"{_show(a)} (表01 line {row.line})",
            f"表01 {row.name}: {'blank' if a is None else 'less'} where 表05 has {money(b)}", explanation, amounts=(b, a),
        )


def _classes_adding_up(t06: BudgetTable | None, amount: Decimal) -> list[str]:
    if t06 is None:
        return []
    sums: dict[str, Decimal] = {}
    for row in t06.items():
        if row.function and len(row.function.code) >= 3:
            sums[row.function.code[:3]] = sums.get(row.function.code[:3], ZERO) + (row.amount(TOTAL_COLUMN) or ZERO)
    return sorted(code for code, value in sums.items() if value == amount)


# ---- 表12 projects ------------------------------------------------------------------------------------


def _other_amount_options(p: Project) -> tuple[Decimal, ...] | None:
    """What a project's 其他资金 can be when its amounts do not add up; None when they do."""
    if p.total is None:
        return None
    if p.fiscal is None and p.other is None:
        return (ZERO, p.total)
    if (p.fiscal or ZERO) + (p.other or ZERO) == p.total:
        return None
    options = {p.total - p.fiscal if p.fiscal is not None else p.total, p.other or ZERO}
    return tuple(sorted(v for v in options if ZERO <= v <= p.total))


def _other_funds_reading(d: Disclosure) -> tuple[str, dict[str, Decimal]] | None:
    """The one reading of the projects whose amounts do not add up that gives 表13's 其他资金."""
    dept = d.department
    if dept is None or dept.other_total is None:
        return None
    uncertain = [(p, opts) for p in d.projects if (opts := _other_amount_options(p)) is not None]
    if not uncertain:
        return None
    known = sum((p.other or ZERO for p in d.projects if _other_amount_options(p) is None), ZERO)
    readings = []
    for choice in _product([opts for _, opts in uncertain]):
        if known + sum(choice, ZERO) == dept.other_total:
            readings.append(choice)
    if len(readings) != 1:
        text = (f"no reading of lines {_lines(p.line for p, _ in uncertain)} gives 表13's 其他资金 {money(dept.other_total)}" if not readings
                else f"several readings of lines {_lines(p.line for p, _ in uncertain)} give 表13's 其他资金 {money(dept.other_total)}")
        return text, {}
    reading = {p.code: value for (p, _), value in zip(uncertain, readings[0])}
    parts = "; ".join(_reading_text(p, reading[p.code]) for p, _ in uncertain)
    settled = [p for p in d.projects if _other_amount_options(p) is None and p.other is not None]
    return (f"表13 (line {dept.amounts_line}) has 其他资金 {money(dept.other_total)}; the projects whose amounts add up have "
            f"其他资金 {money(known)}" + (f" (lines {_lines(p.line for p in settled)})" if settled else "")
            + f", and only one reading of lines {_lines(p.line for p, _ in uncertain)} reaches {money(dept.other_total)}: {parts}"), reading


def _reading_text(p: Project, other: Decimal) -> str:
    if other == p.total:
        return f"line {p.line}'s {money(other)} is 其他资金" + (" (not 财政资金)" if p.fiscal is not None else "")
    if other == ZERO:
        return f"line {p.line}'s {money(p.total or ZERO)} is 财政资金" + (" (not 其他资金)" if p.other is not None else "")
    return f"line {p.line}'s 其他资金 is {money(other)}"


def _product(options: list[tuple[Decimal, ...]]) -> Iterator[tuple[Decimal, ...]]:
    if len(options) > 12:  # 2^12 readings at most; beyond that no explanation is attempted
        return
    if not options:
        yield ()
        return
    for value in options[0]:
        for rest in _product(options[1:]):
            yield (value, *rest)


def _project_amount_checks(d: Disclosure) -> Iterator[Finding]:
    reading = _other_funds_reading(d)
    explanation = reading[0] if reading else ""
    for p in d.projects:
        if p.total is None:
            if p.fiscal is not None or p.other is not None:
                parts = _project_amount(p)
                yield _finding(
                    WARNING, "project-amounts", _tables(d.kind, 12), [p.line], f"项目总额 {money(parts)} (财政资金 {_show(p.fiscal)} + 其他资金 {_show(p.other)})",
                    "blank", f"{_project(p)}: 项目总额 is blank; its parts are counted for it", explanation,
                    amounts=(parts, None),
                )
            continue
        if p.fiscal is None and p.other is None:
            yield _finding(
                WARNING, "project-amounts", _tables(d.kind, 12), [p.line], f"财政资金 + 其他资金 = {money(p.total)}", "both blank",
                f"{_project(p)}: 项目总额 {money(p.total)} but neither 财政资金 nor 其他资金", explanation,
                amounts=(p.total, None),
            )
        elif (p.fiscal or ZERO) + (p.other or ZERO) != p.total:
            parts = f"财政资金 {_show(p.fiscal)} + 其他资金 {_show(p.other)} = {money((p.fiscal or ZERO) + (p.other or ZERO))}"
            if d.kind is not DocumentKind.DISCLOSURE and p.other is None and p.fiscal is not None and p.fiscal < p.total:
                # A form prints the total and its 财政资金 (其中:当年市级财政资金 132万元) and may itemise no
                # other source: the rest is unaccounted for, not misprinted (表12's blank cell is a zero).
                yield _finding(
                    WARNING, "project-amounts", (), [p.line], f"{money(p.total)} (项目总额)", parts,
                    f"{_project(p)}: the form prints no 其他资金; {money(p.total - p.fiscal)} of 项目总额 is in no part it prints",
                    explanation, amounts=(p.total, p.fiscal),
                )
                continue
            yield _finding(
                ERROR, "project-amounts", _tables(d.kind, 12), [p.line], f"{money(p.total)} (项目总额)", parts,
                f"{_project(p)}: 财政资金 and 其他资金 do not add up to 项目总额", explanation,
                amounts=(p.total, (p.fiscal or ZERO) + (p.other or ZERO)),
            )
    dept = d.department
    if dept is not None and dept.other_total is not None and d.projects:
        printed = [p for p in d.projects if p.other is not None]
        added = sum((p.other or ZERO for p in printed), ZERO)
        # 表12's projects are 项目支出: their 其他资金 is 表13's, or 表13's less the part it prints as 基本支出
        if added != dept.other_total and not (dept.other_basic is not None and added == dept.other_total - dept.other_basic):
            yield _finding(
                WARNING, "other-funds", _tables(d.kind, 12, 13), [dept.amounts_line, *(p.line for p in printed)],
                f"{money(dept.other_total)} (表13 其他资金, line {dept.amounts_line})",
                f"{money(added)} (表12 其他资金, lines {_lines(p.line for p in printed)})" if printed else "none in 表12",
                "表12's 其他资金 do not add up to 表13's 其他资金", explanation,
                amounts=(dept.other_total, added if printed else None),
            )


def _project_amount(p: Project) -> Decimal:
    """A project's 项目总额, or where its cell is blank (the text lost it) its 财政资金 and 其他资金."""
    return p.total if p.total is not None else (p.fiscal or ZERO) + (p.other or ZERO)


def _coverage(d: Disclosure) -> Iterator[Finding]:
    if not d.projects:
        return
    # 表12's projects are paid from every fund: 财政拨款 (表06, 08, 09) and 其他资金 (表13's, less its 基本支出).
    dept = d.department
    funds = _fiscal(d.budget, "项目支出", PROJECT)
    if funds.amount is None and dept is not None and dept.fiscal_project is not None:
        funds = _Side(dept.fiscal_project, "项目支出", (13,), (dept.amounts_line,))
    if funds.amount is None:
        return
    project, tables, source_lines, printed = funds.amount, [*funds.tables], [*funds.lines], funds.label
    other = dept.other_total - (dept.other_basic or ZERO) if dept is not None and dept.other_total else ZERO
    if other and dept is not None:
        project += other
        tables, source_lines = [*tables, 13], [*source_lines, dept.amounts_line]
        printed += f" and 表13 其他资金 {money(other)}"
    at = _at(n for n in source_lines if n)
    listed = sum((_project_amount(p) for p in d.projects), ZERO)
    lines = [p.line for p in d.projects]
    where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}"
    if listed > project:
        yield _finding(
            ERROR, "project-coverage", [12, *tables], [*source_lines, *lines], f"at most {money(project)} ({printed}, {at})",
            f"{money(listed)} (表12 项目总额, {where})", "表12's projects add up to more than the 项目支出", amounts=(project, listed),
        )
        return
    share = (listed / project * 100).quantize(Decimal("0.1")) if project else ZERO
    yield _finding(
        INFO, "project-coverage", [12, *tables], source_lines, f"{money(project)} ({printed}, {at})",
        f"{money(listed)} (表12 项目总额 of {len(d.projects)} project{'s' if len(d.projects) > 1 else ''}, {where})",
        "表12's projects are the whole 项目支出" if listed == project else
        f"表12 covers only part of 项目支出 ({share}%): the rest has no project in 表12", "", amounts=(project, listed),
    )


# ---- indicators ---------------------------------------------------------------------------------------


def _kinds_of(indicator: Indicator) -> frozenset[str]:
    return tier_vocabulary().kinds(indicator.tier2)


_RATE_NAME = re.compile(r"(?:率|满意度|满意程度)$")  # 验收合格率, 群众满意度: a name whose value is a percentage
_FRACTION_LOW = Decimal("0.6")  # a floor to reach below 60 % is rare: 0.6–1 with no unit reads as a lost %


def _lost_units(d: Disclosure) -> Iterator[Finding]:
    """≥ 0.95 for a …率 or a …满意度 to reach, with no unit: a percentage whose % a spreadsheet's number format kept
    and the copy lost (a ceiling, 差错率 ≤ 0.5, may be 0.5 % as well as 50 %, and a count's unit is not a %: not said)."""
    owners = [(_project(p), 12, p.indicators) for p in d.projects]
    owners += [(f"activity {a.name}", 13, a.indicators) for a in d.activities]
    for owner, table, indicators in owners:
        for ind in indicators:
            if ind.value is None or ind.unit is not None or ind.comparator not in ("≥", ">", "=") or not _RATE_NAME.search(ind.name):
                continue
            if _FRACTION_LOW <= ind.value <= 1:
                percent = ind.value * 100  # 0.95: the fraction a sheet stores for 95%
            elif _FRACTION_LOW * 100 <= ind.value <= 100:
                percent = ind.value  # 95 with its % cell left blank
            else:
                continue
            yield _finding(
                WARNING, "unit-lost", [table], [ind.line], f"{ind.name}'s target as a percentage ({plain(percent)}%?)",
                f"{ind.value_text} with no unit ({ind.comparator} {plain(ind.value)})",
                f"{owner}: {ind.name} has the target {ind.value_text} with no unit: a percentage whose % was lost?",
                "a rate or a satisfaction printed as a fraction of one, as a spreadsheet stores 95% and a copy without its "
                "number format prints it; read as printed",
            )


def _indicator_checks(d: Disclosure) -> Iterator[Finding]:
    vocab = tier_vocabulary()
    yield from _lost_units(d)
    for p in d.projects:
        present = set().union(*(_kinds_of(i) for i in p.indicators)) if p.indicators else set()
        for kind in project_template_kinds():
            if kind in present:
                continue
            label = vocab.get(kind).label
            explanation = _moved_kind(d, p, kind)
            yield _finding(
                WARNING, "missing-indicator-kind", _tables(d.kind, 12), [p.line], f"at least one {label}", "none",
                f"{_project(p)} has no {label}", explanation,
            )
        by_name: dict[tuple[str, str], list[Indicator]] = {}
        for ind in p.indicators:
            by_name.setdefault((ind.tier2, ind.name), []).append(ind)
        for (tier2, name), same in by_name.items():
            targets = {(i.comparator, i.value_text, i.unit) for i in same}
            if len(targets) > 1:
                shown = "; ".join(f"{i.comparator} {i.value_text}{' ' + i.unit if i.unit else ''} (line {i.line})" for i in same)
                yield _finding(
                    WARNING, "conflicting-indicator", _tables(d.kind, 12), [i.line for i in same], f"one target for {name}", shown,
                    f"{_project(p)} states {tier2} {name} {len(same)} times with different targets",
                )
        groups: dict[tuple[str, str, str, str | None], list[Indicator]] = {}
        for ind in p.indicators:
            value = ind.value_text if ind.value is None else str(ind.value.normalize())
            groups.setdefault((ind.tier2, ind.comparator, value, ind.unit), []).append(ind)
        for (tier2, comparator, _, unit), same in groups.items():
            if len(same) < 2:
                continue
            names = {i.name for i in same}
            target = f"{comparator} {same[0].value_text}{' ' + unit if unit else ''}"
            yield _finding(
                WARNING if len(names) == 1 else INFO, "duplicate-indicator", _tables(d.kind, 12), [i.line for i in same], f"one {tier2} with target {target}",
                f"{len(same)}: " + ", ".join(f"{i.name} (line {i.line})" for i in same),
                f"{_project(p)} states the same {tier2} target {target} "
                + ("twice" if len(same) == 2 else f"{len(same)} times") + ("" if len(names) == 1 else " under different names"),
            )


def _moved_kind(d: Disclosure, project: Project, kind: str) -> str:
    """Rows of the missing kind that a page-break decision gave to a neighbouring project."""
    notes = []
    for decision in d.decisions:
        codes = set(decision.assignment.values())
        if project.code not in codes and decision.before != project.code and decision.after != project.code:
            continue
        for other in d.projects:
            if other.code == project.code:
                continue
            for ind in other.indicators:
                if decision.assignment.get(ind.line) == other.code and kind in _kinds_of(ind):
                    notes.append(f"line {ind.line} ({ind.tier2} {ind.name} {ind.comparator} {ind.value_text}{' ' + ind.unit if ind.unit else ''}) "
                                 f"went to project {other.code} (line {other.line}) by the page-break decision at line "
                                 f"{', '.join(map(str, decision.page_break))} (kg parse --explain)")
    return "; ".join(notes)


def _cost_checks(d: Disclosure) -> Iterator[Finding]:
    cost = tier_vocabulary().cost.iri
    for p in d.projects:
        if p.total is None:
            continue
        for ind in p.indicators:
            if cost not in _kinds_of(ind):
                continue
            wan = cost_in_wan(ind)
            if wan is None or agrees_at_printed_precision(wan, p.total):
                continue
            twins = [
                (q, other) for q in d.projects if q is not p and q.total is not None and agrees_at_printed_precision(wan, q.total)
                for other in q.indicators if other.name == ind.name and other.value == ind.value and other.unit == ind.unit
            ]
            explanation = "; ".join(
                f"the same target ({ind.name} {ind.comparator} {ind.value_text} {ind.unit}) is printed at line {other.line} "
                f"for {_project(q)}, whose amount is {money(q.total or ZERO)}" for q, other in twins
            )
            yield _finding(
                WARNING, "cost-target", _tables(d.kind, 12), [ind.line, p.line], f"{money(p.total)} 万元 (项目总额, line {p.line})",
                f"{ind.comparator} {ind.value_text} {ind.unit} = {money(wan)} 万元 (line {ind.line})",
                f"{_project(p)}: the cost target disagrees with the project amount", explanation,
                amounts=(p.total, wan),
            )


# ---- all checks -----------------------------------------------------------------------------------------


def audit(disclosure: Disclosure) -> list[Finding]:
    """Every finding of every check, in the order of the lines they concern."""
    d = disclosure
    budget = d.budget
    findings: list[Finding] = []
    if budget is not None:
        t01, t03, t05, t06, t07 = (budget.table(n) for n in (1, 3, 5, 6, 7))
        unread = _unread_rows(d)
        for table in budget:
            if table.number in unread:
                # its totals against rows kg could not read would blame the document for kg's gap
                findings.append(_unread_finding(table, unread[table.number]))
                if table.number not in (1, 5):
                    findings += _row_checks(table)
            elif table.number in (1, 5):
                findings += _summary_checks(table, t05 if table.number == 1 else None)
            else:
                findings += _row_checks(table)
                findings += _subtotal_checks(table)
                if table.number != 3:
                    roles = sorted({a.role for r in table.rows for a in r.amounts})
                    findings += _column_checks(table, roles)
        if t03 is not None:
            if 3 not in unread:
                findings += _table03_checks(t03, t06, t07, d)
            findings += _table03_cross(t03, budget, d.department, unread)
        if t01 is not None and t05 is not None:
            findings += _category_checks(t01, t05, t06)
        findings += _cross_totals(d, unread)
    findings += _department_row_checks(d.department, d.kind)
    findings += _project_amount_checks(d)
    findings += _coverage(d)
    findings += _indicator_checks(d)
    findings += _cost_checks(d)
    # The order queries/audit-findings.rq reproduces: first line, severity, check, message.
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: (f.first_line, order[f.severity], f.check, f.message))


def _unread_rows(d: Disclosure) -> dict[int, list[int]]:
    """Each budget table's lines that print amounts the reader could not read (reported as skipped)."""
    unread: dict[int, list[int]] = {}
    for table in d.tables:
        lines = [s.line for s in d.skipped if s.carries_data and table.heading_line < s.line <= table.end_line]
        if lines:
            unread[table.number] = lines
    return unread


def _unread_finding(table: BudgetTable, lines: list[int]) -> Finding:
    return _finding(
        WARNING, "unread-row", [table.number], lines, "every row read", f"{'line' if len(lines) == 1 else 'lines'} {_lines(lines)} not read",
        f"表{table.number:02d}: {'a row' if len(lines) == 1 else f'{len(lines)} rows'} with amounts could not be read, so the "
        "table's totals are not checked against its rows",
        "the reader's warning on each line says why (kg parse); the rows read are in the graph, the others are not",
    )


def finding_rows(findings: Iterable[Finding], pages_of: Disclosure | None = None) -> Rows:
    """One row per finding, as ``kg audit`` prints them; with ``pages_of`` (the document read from a
    PDF) a ``page`` column after the lines: the pages they are on."""
    paged = pages_of is not None
    return Rows(
        ["severity", "check", "tables", "lines", *(["page"] if paged else []), "expected", "found", "message", "explanation"],
        [[f.severity, f.check, ", ".join(f.tables), ", ".join(map(str, f.lines)),
          *([", ".join(map(str, pages_of.pages(f.lines)))] if pages_of is not None else []),
          f.expected, f.found, f.message, f.explanation]
         for f in findings],
    )


def has_pages(disclosure: Disclosure) -> bool:
    """Whether the document was read from a PDF, whose lines have pages."""
    return any(position.page is not None for position in disclosure.positions.values())
