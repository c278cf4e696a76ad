"""预算01表 and 预算03表 … 预算11表: the money tables of a disclosure → rows of amounts.

Tables read here (numbering of the Beijing template the example follows):

- 01 收支总表 and 05 财政拨款收支总表: income and expenditure side by side, one row per side;
- 03 支出预算汇总表: function × 政府 economic × 部门 economic class, 合计 / 基本支出 / 项目支出;
- 04 政府采购预算明细表: procurement by category;
- 06 一般公共预算财政拨款支出表: by function code, 基本支出 (人员经费, 公用经费) and 项目支出;
- 07 一般公共预算财政拨款基本支出表: 基本支出 by economic class;
- 08 政府性基金 and 09 国有资本经营预算财政拨款支出表 (often without rows: "no rows" is a result);
- 10 “三公”经费支出表; 11 政府购买服务预算财政拨款明细表.

Columns are found by position and checked against the printed headings, so a table laid out
differently is reported (its lines skipped as carrying data), never read into the wrong fields.
Each amount keeps its line and the cell it was printed in; blank cells are absent, not zero.

The extraction of 表03 loses the column of some 基本支出 / 项目支出 cells. Where 表06 (or 表07)
settles which column a row's amount belongs to, the row is corrected and a ColumnDecision records
the evidence; rows that no other table settles keep the column they are printed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kg.numbers import parse_decimal, plain, sum_present
from kg.read.tables import Line, Table, amount_unit_note, unit_note_warning
from kg.records import (
    AGGREGATE_KINDS,
    BASIC,
    BUDGET_TABLES,
    CARRYOVER,
    CARRYOVER_ITEM,
    EXPENDITURE,
    INCOME,
    ITEM,
    OPERATING,
    ORDINAL,
    PERSONNEL,
    PROJECT,
    PROJECT_NET,
    SUBTOTAL,
    TOTAL,
    TOTAL_COLUMN,
    Amount,
    BudgetRow,
    BudgetTable,
    BudgetTables,
    Classification,
    Column,
    ColumnDecision,
    Role,
    Skipped,
    Warning,
    compact,
    items_under,
)

CODE_CELL = re.compile(r"([0-9A-Za-z]{1,12})\s*[-－—]\s*(.+)", re.S)


@dataclass
class BudgetParse:
    budget: BudgetTables | None
    warnings: list[Warning] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# ---- layouts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    labels: dict[int, str]  # text cell → role
    amounts: dict[int, str]  # amount cell → role
    keywords: dict[int, tuple[str, ...]]  # words the column's printed heading must contain
    aggregate: frozenset[str] = frozenset()  # amount roles that restate other cells of the row
    total_label_cells: tuple[int, ...] = ()  # where a 合计 row prints 合计


_ECON = ("经济分类",)
_FUNCTION_TABLE = _Layout(
    labels={0: "function", 1: "gov_economic", 2: "dept_economic"},
    amounts={3: TOTAL_COLUMN, 4: BASIC, 5: PROJECT},
    keywords={0: ("功能分类",), 1: ("政府", *_ECON), 2: ("部门", *_ECON), 3: ("合计",), 4: ("基本支出",), 5: ("项目支出",)},
    aggregate=frozenset({TOTAL_COLUMN}),
    total_label_cells=(0, 1, 2),
)
_SUMMARY = _Layout(
    labels={0: INCOME, 2: EXPENDITURE},
    amounts={1: INCOME, 3: EXPENDITURE},
    keywords={0: ("收入",), 1: ("收入", "预算数"), 2: ("支出",), 3: ("支出", "预算数")},
)
LAYOUTS: dict[int, _Layout] = {
    1: _SUMMARY,
    3: _Layout(
        labels=_FUNCTION_TABLE.labels,
        amounts={**_FUNCTION_TABLE.amounts, 6: Role.BUSINESS, 7: Role.REMIT, 8: Role.SUBSIDIARY},
        keywords={**_FUNCTION_TABLE.keywords, 6: ("经营",), 7: ("上缴",), 8: ("附属",)},
        aggregate=frozenset({TOTAL_COLUMN}),
        total_label_cells=(0, 1, 2),
    ),
    4: _Layout(labels={0: "label"}, amounts={1: Role.AMOUNT}, keywords={1: ("金额",)}, total_label_cells=(0,)),
    5: _SUMMARY,
    6: _Layout(
        labels={0: "unit", 1: "function_code", 2: "function_name"},
        amounts={3: TOTAL_COLUMN, 4: BASIC, 5: PERSONNEL, 6: OPERATING, 7: PROJECT, 8: PROJECT_NET},
        keywords={
            0: ("单位",), 1: ("编码",), 2: ("名称",), 3: ("合计",), 4: ("基本支出",), 5: ("人员经费",),
            6: ("公用经费",), 7: ("项目支出",), 8: ("基建",),
        },
        aggregate=frozenset({TOTAL_COLUMN, BASIC, PROJECT_NET}),
        total_label_cells=(0, 1, 2),
    ),
    7: _Layout(
        labels={0: "gov_economic", 1: "dept_economic"},
        amounts={2: TOTAL_COLUMN, 3: PERSONNEL, 4: OPERATING},
        keywords={0: ("政府", *_ECON), 1: ("部门", *_ECON), 2: ("合计",), 3: ("人员经费",), 4: ("公用经费",)},
        aggregate=frozenset({TOTAL_COLUMN}),
        total_label_cells=(0, 1),
    ),
    8: _FUNCTION_TABLE,
    9: _FUNCTION_TABLE,
    10: _Layout(
        labels={},
        amounts={0: TOTAL_COLUMN, 1: Role.ABROAD, 2: Role.RECEPTION, 3: Role.VEHICLES, 4: Role.VEHICLE_PURCHASE, 5: Role.VEHICLE_OPERATION},
        keywords={0: ("总额",), 1: ("出国",), 2: ("接待",), 3: ("小计",), 4: ("购置费",), 5: ("运行维护费",)},
        aggregate=frozenset({TOTAL_COLUMN, Role.VEHICLES}),
    ),
    11: _Layout(
        labels={0: "level1", 1: "level2", 2: "level3", 3: "field"},
        amounts={4: Role.AMOUNT},
        keywords={0: ("一级",), 1: ("二级",), 2: ("三级",), 3: ("服务领域",), 4: ("金额",)},
        total_label_cells=(0,),
    ),
}


class _RowError(ValueError):
    """A data line that does not have the shape of its table's rows."""


def column_headings(header: list[Line], width: int) -> list[str]:
    """Each column's printed header levels, top to bottom, joined by "/".

    A merged header cell is printed once, in its leftmost column; a column with a blank cell in
    a header row takes the text on its left when a lower header row has text in the column
    (``预算数`` over ``合计 基本支出 项目支出``).
    """
    grid = [[compact(line.cells[i]) if i < len(line.cells) else "" for i in range(width)] for line in header]
    headings: list[list[str]] = [[] for _ in range(width)]
    for level, row in enumerate(grid):
        carried = ""
        for i, text in enumerate(row):
            lower = any(grid[below][i] for below in range(level + 1, len(grid)))
            if text:
                carried = text
                headings[i].append(text)
            elif carried and lower:
                headings[i].append(carried)
    return ["/".join(h) for h in headings]


def _classification(text: str) -> Classification | None:
    match = CODE_CELL.fullmatch(text.strip())
    if not match:
        return None
    return Classification(match.group(1), compact(match.group(2)) or None)


def _cell(line: Line, index: int) -> str:
    return line.cells[index] if index < len(line.cells) else ""


def _is_total(line: Line, layout: _Layout) -> bool:
    return any(compact(_cell(line, i)) in ("合计", "总计") for i in layout.total_label_cells)


def _is_data(line: Line, layout: _Layout, number: int) -> bool:
    """The first line of a table that is not a header: it has an amount, a code, 合计, or an ordinal label."""
    if any(parse_decimal(_cell(line, i)) is not None for i in layout.amounts):
        return True
    if _is_total(line, layout):
        return True
    labels = [_cell(line, i) for i in layout.labels]
    if number in (1, 5):
        return any(ORDINAL.match(text) for text in labels)
    return any(CODE_CELL.fullmatch(text) for text in labels) or (number == 6 and any(re.fullmatch(r"\d{3,7}", t) for t in labels))


def _amounts(line: Line, layout: _Layout, cells: Iterable[int]) -> tuple[Amount, ...]:
    found = []
    for cell in cells:
        text = _cell(line, cell)
        if not text:
            continue
        value = parse_decimal(text)
        if value is None:
            raise _RowError(f"cell {cell + 1} ({text!r}) is not an amount")
        role = layout.amounts[cell]
        found.append(Amount(role, value, cell, role in layout.aggregate))
    return tuple(found)


def _extra_text(line: Line, layout: _Layout) -> list[str]:
    known = set(layout.labels) | set(layout.amounts)
    return [c for i, c in enumerate(line.cells) if c and i not in known]


def _summary_rows(line: Line, layout: _Layout, after_carryover: dict[str, bool]) -> list[BudgetRow]:
    rows = []
    for label_cell, side in layout.labels.items():
        amount_cell = next(i for i, role in layout.amounts.items() if role == side)
        label = _cell(line, label_cell)
        amounts = _amounts(line, layout, [amount_cell])
        if not label:
            if amounts:
                raise _RowError(f"an amount on the {side} side without a row label")
            continue
        name = compact(ORDINAL.sub("", label))
        if name.endswith("合计"):
            kind = SUBTOTAL
        elif name.endswith("总计"):
            kind = TOTAL
        elif "结转结余" in name:
            kind, after_carryover[side] = CARRYOVER, True
        else:
            kind = CARRYOVER_ITEM if after_carryover.get(side) else ITEM
        amounts = tuple(replace(a, aggregate=kind in AGGREGATE_KINDS) for a in amounts)
        rows.append(BudgetRow(line.number, kind, amounts, label=label, side=side))
    return rows


def _detail_row(line: Line, layout: _Layout, number: int) -> BudgetRow:
    if _extra_text(line, layout):
        raise _RowError(f"text outside the table's columns: {_extra_text(line, layout)[0]!r}")
    if _is_total(line, layout):
        label = next(_cell(line, i) for i in layout.total_label_cells if compact(_cell(line, i)) in ("合计", "总计"))
        others = [_cell(line, i) for i in layout.labels if compact(_cell(line, i)) not in ("合计", "总计") and _cell(line, i)]
        if others:
            raise _RowError(f"a 合计 row with a label {others[0]!r}")
        amounts = tuple(replace(a, aggregate=True) for a in _amounts(line, layout, layout.amounts))
        return BudgetRow(line.number, TOTAL, amounts, label=label)
    amounts = _amounts(line, layout, layout.amounts)
    cells = {role: _cell(line, i) for i, role in layout.labels.items()}
    fields: dict[str, object] = {}
    if number == 6:
        code, name = cells["function_code"], compact(cells["function_name"])
        if not re.fullmatch(r"\d{3,7}", code):
            raise _RowError(f"{code!r} is not a function code (科目编码)")
        fields["function"] = Classification(code, name or None)
        fields["unit"] = _classification(cells["unit"]) if cells["unit"] else None
    elif number == 4:
        if not cells["label"]:
            raise _RowError("a 政府采购 amount without its 采购类别")
        fields["label"] = cells["label"]
    elif number == 11:
        catalogue = tuple(_classification(cells[level]) for level in ("level1", "level2"))
        function = _classification(cells["field"])
        if None in catalogue or function is None or not cells["level3"]:
            raise _RowError("a 政府购买服务 row needs 一级, 二级 (code-name), 三级 and 服务领域 (code-name)")
        fields.update(catalogue=catalogue, function=function, label=compact(cells["level3"]))
    elif number != 10:
        for role in ("function", "gov_economic", "dept_economic"):
            if role not in cells:
                continue
            parsed = _classification(cells[role])
            if parsed is None:
                raise _RowError(f"{cells[role]!r} is not a code-name classification cell")
            fields[role] = parsed
    if not amounts and number == 10:
        raise _RowError("a “三公” row without amounts")
    return BudgetRow(line.number, ITEM, amounts, **fields)  # type: ignore[arg-type]


_DAMAGED_AMOUNT = re.compile(r"[\d][\d,.\s]*")  # digits, commas and points only: an amount kg cannot read
_NOTE = re.compile(r"(?:注|备注|说明)\s*\d?\s*[:：]")  # a note printed under (or in place of) a table's rows


def parse_budget_table(table: Table) -> tuple[BudgetTable | None, list[Warning], list[Skipped]]:
    """One of tables 01, 03–11 → its rows; lines it cannot read are skipped as carrying data."""
    layout = LAYOUTS[table.number]
    warnings: list[Warning] = []
    skipped: list[Skipped] = []
    unit: str | None = None
    header: list[Line] = []
    rows: list[BudgetRow] = []
    started = False
    after_carryover: dict[str, bool] = {}
    width = max([len(line.cells) for line in table.lines] + [max([*layout.labels, *layout.amounts]) + 1])
    name = f"表{table.number:02d}"
    data_lines = []
    for line in table.lines:
        if line.blank:
            continue
        note = amount_unit_note(line.text)
        if note is not None and not started:
            unit = note
            skipped.append(Skipped(line.number, "amount unit note", False, line.text))
            if (warning := unit_note_warning(table, line, unit)) is not None:
                warnings.append(warning)
            continue
        if not started and not _is_data(line, layout, table.number):
            header.append(line)
            continue
        started = True
        data_lines.append(line)
    headings = column_headings(header, width)
    missing = [
        f"column {i + 1} ({'+'.join(words)})"
        for i, words in layout.keywords.items()
        if not all(w in headings[i] for w in words)
    ]
    if missing:
        reason = f"{name}: column headings not recognised ({', '.join(missing)} not found)"
        warnings.append(Warning(table.heading_line, reason))
        for line in [*header, *data_lines]:
            carries = any(parse_decimal(c) is not None for c in line.cells if c)
            skipped.append(Skipped(line.number, reason, carries, line.text))
        return None, warnings, skipped
    skipped += [Skipped(line.number, "column header", False, line.text) for line in header]
    printed_header = {tuple(c.strip() for c in line.cells if c.strip()) for line in header}
    for line in data_lines:
        filled = [c.strip() for c in line.cells if c.strip()]
        if len(filled) == 1 and _NOTE.match(filled[0]):
            # 注：本单位2026年无政府性基金预算财政拨款支出，故本表为空。: what the table says of itself, no row
            skipped.append(Skipped(line.number, "a note on the table", False, line.text))
            continue
        note = amount_unit_note(line.text)
        if tuple(filled) in printed_header or note is not None:
            # the header (or 金额单位) printed again atop the next page, as some extractions repeat it: no row; a
            # 金额单位 naming another unit than the table's is said (the rows are read in the table's unit)
            skipped.append(Skipped(line.number, "column header printed again (a page break)", False, line.text))
            if note is not None and note != (unit or "万元"):  # (printed none above its rows: 万元, the tables' own)
                said = f"the table's is {unit}" if unit is not None else "the table printed none above its rows (万元)"
                warnings.append(Warning(line.number, f"{name}: 金额单位 {note} here, though {said}: the rows are not read in it"))
            continue
        try:
            if table.number in (1, 5):
                rows += _summary_rows(line, layout, after_carryover)
            else:
                rows.append(_detail_row(line, layout, table.number))
        except _RowError as error:
            # (an amount printed damaged, 61.950.000, is data as much as one read)
            carries = any(parse_decimal(c) is not None or _DAMAGED_AMOUNT.fullmatch(c.strip()) for c in line.cells if c)
            skipped.append(Skipped(line.number, f"{name}: {error}", carries, line.text))
            warnings.append(Warning(line.number, f"{name}: line not read: {error}"))
    columns = tuple(
        Column(i, role, headings[i]) for i, role in sorted({**layout.labels, **layout.amounts}.items())
    )
    return BudgetTable(table.number, table.title, table.heading_line, unit, columns, tuple(_classes_as_subtotals(rows))), warnings, skipped


def _classes_as_subtotals(rows: list[BudgetRow]) -> list[BudgetRow]:
    """A table printing the function classes' and subclasses' rows above their items (204 公共安全支出, 20406
    司法, 2040601 行政运行): a row whose code begins another row's is that row's subtotal, not an item."""
    return [replace(r, kind=SUBTOTAL, amounts=tuple(replace(a, aggregate=True) for a in r.amounts))
            if r.kind == ITEM and items_under(r, rows) else r for r in rows]


# ---- 表03: which column a lost cell belongs to --------------------------------------------------


def money(value: Decimal) -> str:
    """An amount as the documents print it, with thousands separators: ``18,986.336217``, ``9.3766``."""
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


def _rows(lines: list[int]) -> str:
    """``1 row (line 55)``, ``5 rows (lines 54–58)``."""
    if len(lines) == 1:
        return f"1 row (line {lines[0]})"
    listed = ", ".join(map(str, lines)) if len(lines) < 4 else f"{lines[0]}–{lines[-1]}"
    return f"{len(lines)} rows (lines {listed})"


def settle_columns(t03: BudgetTable, t06: BudgetTable | None, t07: BudgetTable | None) -> BudgetTable:
    """表03 with each row's 基本支出 / 项目支出 amount in the column 表06 (or 表07) says it belongs to.

    表06 settles a function code when its row has only 基本支出 or only 项目支出, and 表03's rows of
    that code add up to 表06's 合计 (so all of them are 财政拨款). When 表06 has both, 表07 settles
    a row whose economic class 表07 does not list (表07 lists all 财政拨款 基本支出): 项目支出.
    Rows of a code 表06 does not have are not 财政拨款, and no table settles them.
    """
    by_code = t03.by_function()
    t06_by_code = t06.by_function() if t06 is not None else {}
    t07_pairs = {
        (r.gov_economic.code, r.dept_economic.code): r
        for r in (t07.items() if t07 else []) if r.gov_economic and r.dept_economic
    }
    settled: dict[int, tuple[str, list[str], list[int]]] = {}
    unsettled: list[int] = []
    for code, rows in by_code.items():
        t06_rows = t06_by_code.get(code, [])
        row_sum = sum((r.amount(TOTAL_COLUMN) or Decimal(0) for r in rows), Decimal(0))
        # (a department whose 表06 lists its units apart prints a code once a unit: together they are the code's)
        if sum_present(r.amount(TOTAL_COLUMN) for r in t06_rows) != row_sum:
            unsettled += [r.line for r in rows if _placed(r)]
            continue
        basic = sum_present(r.amount(BASIC) for r in t06_rows)
        project = sum_present(r.amount(PROJECT) for r in t06_rows)
        label = next((r.function.label for r in t06_rows if r.function and r.function.label), "")
        t06_lines = [r.line for r in t06_rows]
        where = f"line {t06_lines[0]}" if len(t06_lines) == 1 else f"lines {', '.join(map(str, t06_lines))}"
        lines = [r.line for r in rows]
        common = [f"表03's {_rows(lines)} of {code} sum to {money(row_sum)}, "
                  f"表06's 合计 for {code} ({where}), so all of them are 财政拨款"]
        if basic is not None and project is None:
            for r in rows:
                settled[r.line] = (BASIC, [f"表06 {where} prints {code} {label} with 基本支出 {money(basic)} and no 项目支出", *common], t06_lines)
        elif project is not None and basic is None:
            for r in rows:
                settled[r.line] = (PROJECT, [f"表06 {where} prints {code} {label} with 项目支出 {money(project)} and no 基本支出", *common], t06_lines)
        else:
            for r in rows:
                pair = (r.gov_economic.code if r.gov_economic else "", r.dept_economic.code if r.dept_economic else "")
                if t07 is not None and pair not in t07_pairs:
                    settled[r.line] = (PROJECT, [f"表07 (财政拨款 基本支出 by economic class) has no row {pair[0]}/{pair[1]}", *common], [])
                elif _placed(r):
                    unsettled.append(r.line)
    new_rows = []
    decisions = []
    for row in t03.rows:
        target = settled.get(row.line)
        printed = _placed(row)
        if row.kind != ITEM or target is None or printed is None or printed[0].role == target[0]:
            new_rows.append(row)
            continue
        role, evidence, cited = target
        amount = printed[0]
        moved = replace(amount, role=role)
        new_rows.append(replace(row, amounts=tuple(moved if a is amount else a for a in row.amounts)))
        decisions.append(ColumnDecision(t03.number, row.line, row.function.code if row.function else "", amount.value, amount.role, role, tuple(evidence), tuple(cited)))
    table = replace(t03, rows=tuple(new_rows), decisions=tuple(decisions), unsettled=tuple(sorted(set(unsettled))))
    return _corroborate(table, t07)


def _placed(row: BudgetRow) -> list[Amount] | None:
    """The row's single 基本支出 or 项目支出 amount, or None when it has none or both."""
    placed = [a for a in row.amounts if a.role in (BASIC, PROJECT)]
    return placed if len(placed) == 1 else None


def _corroborate(t03: BudgetTable, t07: BudgetTable | None) -> BudgetTable:
    """Add to each decision the 表07 row its economic class now agrees with, when it does."""
    if t07 is None or not t03.decisions:
        return t03
    basic_by_pair: dict[tuple[str, str], list[BudgetRow]] = {}
    for row in t03.items():
        if row.amount(BASIC) is not None and row.gov_economic and row.dept_economic and row.line not in t03.unsettled:
            basic_by_pair.setdefault((row.gov_economic.code, row.dept_economic.code), []).append(row)
    t07_rows = {(r.gov_economic.code, r.dept_economic.code): r for r in t07.items() if r.gov_economic and r.dept_economic}
    rows_by_line = {r.line: r for r in t03.items()}
    decisions = []
    for decision in t03.decisions:
        row = rows_by_line[decision.line]
        pair = (row.gov_economic.code if row.gov_economic else "", row.dept_economic.code if row.dept_economic else "")
        t07_row = t07_rows.get(pair)
        rows = basic_by_pair.get(pair, [])
        total = sum((r.amount(BASIC) or Decimal(0) for r in rows), Decimal(0))
        if decision.settled == BASIC and t07_row is not None and t07_row.amount(TOTAL_COLUMN) == total:
            parts = " + ".join(money(r.amount(BASIC) or Decimal(0)) for r in rows)
            lines = [r.line for r in rows]
            where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"
            note = (f"with it, 表03's 基本支出 of {pair[0]}/{pair[1]} ({where}: {parts}) "
                    f"sum to {money(total)}, as 表07 line {t07_row.line} prints")
            decision = replace(decision, evidence=(*decision.evidence, note), evidence_lines=(*decision.evidence_lines, t07_row.line))
        decisions.append(decision)
    return replace(t03, decisions=tuple(decisions))


def parse_budget(tables: dict[int, Table]) -> BudgetParse:
    """Tables 01 and 03–11, those present; None when the disclosure prints none of them."""
    result = BudgetParse(None)
    parsed: dict[int, BudgetTable] = {}
    for number in BUDGET_TABLES:
        if number not in tables:
            continue
        table, warnings, skipped = parse_budget_table(tables[number])
        result.warnings += warnings
        result.skipped += skipped
        if table is not None:
            parsed[number] = table
    if 3 in parsed:
        parsed[3] = settle_columns(parsed[3], parsed.get(6), parsed.get(7))
    if parsed:
        result.budget = BudgetTables(tuple(parsed[n] for n in sorted(parsed)))
    return result
