"""预算13表 (部门整体支出绩效目标表): the department block and its activities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg.numbers import line_ranges, parse_decimal
from kg.read.indicators import (
    RowShapeError,
    clean_name,
    match_tier_cells,
    parse_target,
    split_glued_tiers,
)
from kg.read.tables import UNIT_CELL, Line, Table, amount_unit_note, unit_note_warning
from kg.records import Activity, DepartmentBlock, Indicator, Reading, Skipped, Warning
from kg.vocab import tier_vocabulary

YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_LABELS = {
    "部门名称", "预算支出总额", "财政拨款", "其他资金",
    "合计", "基本支出", "项目支出", "整体绩效目标", "其他说明", "活动", "绩效指标", "指标性质", "指标值", "度量单位",
    "一级指标", "二级指标", "三级指标",  # the tiers in columns of their own
}
# 总体资金情况（万元）, or in another unit: 总体资金情况（元）.
_FUNDS_LABEL = re.compile(r"总体资金情况[(（](?P<unit>[万千百]?元)[)）]")
AMOUNT_FIELDS = ("total", "fiscal_total", "fiscal_basic", "fiscal_project", "other_total", "other_basic")


@dataclass
class Table13Result:
    department: DepartmentBlock | None = None
    activities: list[Activity] = field(default_factory=list)
    year: tuple[int, int] | None = None  # year, line
    warnings: list[Warning] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)  # rows given the activity above them (a merged 活动 cell)


def _amount_columns(header: list[Line]) -> list[int] | None:
    """Column of each AMOUNT_FIELDS value, from the two header rows of 总体资金情况."""
    top = next((h for h in header if "预算支出总额" in h.cells), None)
    if top is None or "财政拨款" not in top.cells or "其他资金" not in top.cells:
        return None
    total, fiscal, other = (top.cells.index(w) for w in ("预算支出总额", "财政拨款", "其他资金"))
    return [total, fiscal, fiscal + 1, fiscal + 2, other, other + 1]


def _amounts(line: Line, columns: list[int] | None) -> dict[str, Decimal | None]:
    numbers = [(i, parse_decimal(c)) for i, c in line.filled]
    if any(value is None for _, value in numbers):
        raise RowShapeError("a text cell among the department's amounts")
    if len(numbers) == len(AMOUNT_FIELDS):  # every cell printed: their order is the header's
        return dict(zip(AMOUNT_FIELDS, (v for _, v in numbers)))
    if columns is None:
        raise RowShapeError("blank amount cells, and no header row to tell which cell is which")
    return {name: parse_decimal(line.cells[col]) if col < len(line.cells) else None for name, col in zip(AMOUNT_FIELDS, columns)}


def _spanned(header: list[Line]) -> frozenset[int]:
    """Columns the activity header leaves empty between its words (活动 | 绩效指标 | 指标性质 | | 指标值): a
    PDF's grid column a merged header cell spans, so the rows print an empty cell there too."""
    words = next((h for h in header if "活动" in h.cells and "指标值" in h.cells), None)
    if words is None:
        return frozenset()
    named = [i for i, cell in enumerate(words.cells) if cell]
    return frozenset(i for i in range(named[0] + 1, named[-1]) if not words.cells[i])


def _activity_column(header: list[Line]) -> int | None:
    """The column of 活动 in the activity header."""
    words = next((h for h in header if "活动" in h.cells and "指标值" in h.cells), None)
    return words.cells.index("活动") if words is not None else None


# The order an activity prints its indicators in (the example's, 产出 数量 质量 时效, 效益, 满意度, 成本): a row
# earlier in it than the row above starts another activity.
_TIER1_ORDER = {"产出指标": 0, "效益指标": 1, "满意度指标": 2, "成本指标": 3}
_OUTPUT_ORDER = {"数量指标": 0, "质量指标": 1, "时效指标": 2, "成本指标": 3}


def _order(tier1: str, tier2: str) -> tuple[int, int]:
    return _TIER1_ORDER.get(tier1, -1), _OUTPUT_ORDER.get(tier2, 0) if tier1 == "产出指标" else 0


def _activity_row(line: Line, spanned: frozenset[int] = frozenset(), column: int | None = None,
                  above: tuple[str, Indicator] | None = None) -> tuple[str, Indicator, bool]:
    """An activity's indicator row, and whether its activity is the one above. ``above``: the activity of the row
    before and its indicator. A row leaving the 活动 column (``column``) blank before its tiers is in that activity
    (its merged cell, printed on its first row) where its tiers come after the row above's in the order activities
    print them; else its activity is not known (a merged cell centred on its rows prints the name below), and the
    row is reported."""
    cells = list(line.cells)
    carried = False
    if above is not None and column is not None and len(cells) > column + 1 and not any(c.strip() for c in cells[:column + 1]):
        rest = [c.strip() for c in cells[column + 1:] if c.strip()]
        glued = split_glued_tiers(rest[0]) if rest else None
        if glued is not None:
            tiers: tuple[str, str] | None = (glued[0].tier1.label, glued[0].tier2.label)
        elif len(rest) > 1 and rest[0] in tier_vocabulary().tier1:  # the tiers in columns of their own
            tiers = (rest[0], rest[1])
        else:
            tiers = None
        if tiers is not None and _order(*tiers) >= _order(above[1].tier1, above[1].tier2):
            cells[column], carried = above[0], True
    filled = [cell for i, cell in enumerate(cells) if cell or i not in spanned]
    while filled and not filled[0]:
        filled.pop(0)
    if len(filled) < 4:
        raise RowShapeError("an activity row needs 活动, 绩效指标, 指标性质 and 指标值")
    activity, glued, comparator = clean_name(filled[0]), filled[1], filled[2]  # 生态 环境保护: wrapped in its cell
    if len(filled) >= 6 and (columns := match_tier_cells(filled[1], filled[2])) is not None:
        # 活动 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值: the tiers in columns of their own, not glued
        indicator = parse_target(columns.tier1.label, columns.tier2.label, filled[3], filled[4], tuple(filled[5:]), line.number, line.cells)
        return activity, indicator, carried
    split = split_glued_tiers(glued)
    if split is None:
        raise RowShapeError(f"{glued!r} does not start with a 一级 and a 二级 indicator label")
    tiers, name = split
    indicator = parse_target(tiers.tier1.label, tiers.tier2.label, name, comparator, tuple(filled[3:]), line.number, line.cells)
    return activity, indicator, carried


def parse_table13(table: Table) -> Table13Result:
    result = Table13Result()
    titled = YEAR.search(table.title)  # 预算13表 部门整体支出绩效目标表（2026年度）: the year in the heading
    if titled:
        result.year = (int(titled.group(1)), table.heading_line)
    header: list[Line] = []
    block: dict[str, object] = {}
    activities: dict[str, list[Indicator]] = {}
    last_activity: tuple[str, Indicator] | None = None  # the row before's activity and indicator (a merged 活动 cell)
    filled: dict[str, list[int]] = {}  # the rows given the activity above them
    first_line: dict[str, int] = {}
    goal_open = False  # the last row read was 整体绩效目标: a lone text below it (past a page break) is its end
    for line in table.lines:
        if line.blank:
            continue
        texts = [c for _, c in line.filled]
        year = YEAR.search(line.text)
        goes_on = goal_open and len(texts) == 1 and line.filled[0][0] >= 1 and texts[0] not in _LABELS and not YEAR.fullmatch(texts[0])
        goal_open = goal_open and goes_on
        if (unit := amount_unit_note(line.text)) is not None:
            result.skipped.append(Skipped(line.number, "amount unit note", False, line.text))
            if (warning := unit_note_warning(table, line, unit)) is not None:
                result.warnings.append(warning)
            continue
        try:
            if goes_on:
                block["goal"] = f"{block.get('goal') or ''}{texts[0]}"
                result.skipped.append(Skipped(line.number, f"整体绩效目标 going on below a page break: joined to the goal of line "
                                              f"{block['goal_line']}", False, line.text))
            elif year and len(texts) == 1 and YEAR.fullmatch(texts[0].strip()):
                if result.year is None or result.year[1] != table.heading_line:
                    result.year = (int(year.group(1)), line.number)  # the (2026年度) line, unless the heading printed the year
                else:
                    result.skipped.append(Skipped(line.number, "the year, printed again", False, line.text))
            elif texts and texts[0] in ("部门名称", "单位名称"):  # (单位名称: a 单位整体支出绩效目标表's)
                if len(texts) > 1:
                    name = "".join(texts[1:])
                    coded = UNIT_CELL.fullmatch(name)  # 108001-北京市海淀区城市管理委员会: the unit's code, then its name
                    block["name"], block["name_line"] = (coded.group(2).strip() if coded else name), line.number
                else:
                    result.skipped.append(Skipped(line.number, "department name row (blank)", False, line.text))
            elif texts and texts[0] == "其他说明":
                note = len(texts) > 1
                result.skipped.append(Skipped(line.number, "其他说明" + (" (text not modelled)" if note else " (blank)"), note, line.text))
            elif texts and all(t in _LABELS or _FUNDS_LABEL.fullmatch(t) for t in texts):
                header.append(line)
                result.skipped.append(Skipped(line.number, "column header", False, line.text))
                funds = next((m for t in texts if (m := _FUNDS_LABEL.fullmatch(t))), None)
                if funds is not None and (warning := unit_note_warning(table, line, funds["unit"])) is not None:
                    result.warnings.append(warning)
            elif texts and all(parse_decimal(t) is not None for t in texts):
                block.update(_amounts(line, _amount_columns(header)))
                block["amounts_line"] = line.number
            elif texts and texts[0] == "整体绩效目标":
                goal = [t for t in texts if t != "整体绩效目标"]
                block["goal"], block["goal_line"] = ("".join(goal) or None), line.number
                goal_open = True
            else:
                name, indicator, carried = _activity_row(line, _spanned(header), _activity_column(header), last_activity)
                if carried:
                    filled.setdefault(name, []).append(line.number)
                activities.setdefault(name, []).append(indicator)
                last_activity = (name, indicator)
                first_line.setdefault(name, line.number)
        except RowShapeError as error:
            reason = f"表13 row of no known shape: {error}"
            result.skipped.append(Skipped(line.number, reason, True, line.text))
            result.warnings.append(Warning(line.number, reason))
    if "amounts_line" in block or "goal" in block:
        result.department = DepartmentBlock(
            **{name: block.get(name) for name in AMOUNT_FIELDS},  # type: ignore[arg-type]
            goal=block.get("goal"),  # type: ignore[arg-type]
            amounts_line=block.get("amounts_line"),  # type: ignore[arg-type]
            goal_line=block.get("goal_line"),  # type: ignore[arg-type]
            name=block.get("name"),  # type: ignore[arg-type]
            name_line=block.get("name_line"),  # type: ignore[arg-type]
        )
    result.activities = [Activity(name, tuple(inds), first_line[name]) for name, inds in activities.items()]
    result.readings = [Reading(lines[0], "activity", f"line{'s' if len(lines) > 1 else ''} {line_ranges(lines)}: the 活动 column is blank "
                               f"below {name} (line {first_line[name]}), and the rows' tiers follow its rows' in the order activities "
                               "print them: read as that activity's (a merged cell printed on its first row)")
                       for name, lines in filled.items()]
    result.warnings += _cut_short(result.activities, table)
    return result


def _cut_short(activities: list[Activity], table: Table) -> list[Warning]:
    """The text ends inside 预算13表's last activity (the 一级 kinds that every other activity prints
    after the last one it has, it lacks), or before its first.

    预算13表 is a disclosure's last table, so a text cut off between two rows reads as a whole
    document whose last activity is shorter; only what the other activities print tells. A kind
    missing before one the activity has is a kind it lacks, not a cut (real activities lack some)."""
    if not activities:
        printed = [line.number for line in table.lines if not line.blank]
        return [Warning(printed[-1] if printed else table.heading_line,
                        "预算13表 has no activity row: the text may be cut off here (truncated)")]
    if len(activities) < 2:
        return []
    last = activities[-1]
    ends = max(indicator.line for indicator in last.indicators)
    if any(line.number > ends and not line.blank for line in table.lines):
        return []  # something is printed after it: the text goes on past the activity
    others = [[indicator.tier1 for indicator in activity.indicators] for activity in activities[:-1]]
    has = {indicator.tier1 for indicator in last.indicators}
    missing = [kind for kind in dict.fromkeys(others[0]) if kind not in has and all(kind in kinds for kinds in others)]
    if not missing:
        return []
    # A cut leaves out a tail: in every other activity, what the last one lacks is printed after all it has.
    if any(max(i for i, kind in enumerate(kinds) if kind in has) > min(i for i, kind in enumerate(kinds) if kind in missing)
           for kinds in others if has & set(kinds)):
        return []
    return [Warning(ends, f"预算13表 ends with activity {last.name} (from line {last.line}) without the {'、'.join(missing)} "
                          "every other activity has: the text may be cut off here (truncated)")]
