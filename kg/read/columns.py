"""A 绩效目标表 printed column by column, as PDF text extraction leaves a table whose cells it read
down the columns: the 三级 names on one line (``三级指标 新建高校(校区) 工程质量达标率(%)``, wrapped
onto the next), then a value row label and its values (``年度目标值`` / ``7 100% 100%``).

Names and values are paired by position, and only when their counts agree: the pairing is a
kg.records.Reading with its evidence (the names, the values, their lines). Each indicator's ``line``
is its name's line, its ``value_line`` the line of its value, so that both are traceable. Anything
else is refused with the reason (a different count, no value line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import ParseError
from kg.read.national.indicators import default_comparator_reading, infer_tier2
from kg.read.national.rows import Found, Row
from kg.read.national.words import Cell, label_key, split_cells
from kg.read.pages import is_links_heading, is_page_furniture
from kg.read.values import fold, read_value
from kg.records import QUALITATIVE, Indicator, Reading, Skipped, Warning
from kg.vocab import tier_vocabulary, unit_of

NAMES_LABEL = "三级指标"
VALUE_LABELS = ("年度目标值", "年度指标值")  # the year's targets: read
OTHER_VALUE_LABELS = ("实施周期目标值", "中期目标值", "长期目标值")  # the whole period's: not read
_UNIT_IN_NAME = re.compile(r"[(（]([^()（）]{1,6})[)）]$")


@dataclass
class ColumnTable:
    header_line: int  # the line of 三级指标
    indicators: list[Indicator]
    found: Found
    description: str


def _starts(text: str, labels: Sequence[str]) -> str | None:
    key = label_key(text)
    return next((label for label in labels if key.startswith(label)), None)


def read_columns(path: str, lines: Sequence[str]) -> ColumnTable | None:
    """The table printed column by column, or None when the text has no such shape (a 三级指标 line
    followed, within a few lines, by a 年度目标值 line). Raises ParseError when it has the shape but
    the names and values cannot be paired (their counts differ)."""
    for index, text in enumerate(lines):
        cells = split_cells(text)
        if not cells or label_key(cells[0]) != NAMES_LABEL or len(cells) < 2:
            continue
        names = [Cell(c, index + 1) for c in cells[1:] if c]
        label_at = None
        for j in range(index + 1, min(len(lines), index + 6)):
            row = split_cells(lines[j])
            if not row:
                continue
            if _starts(lines[j], VALUE_LABELS) and len(row) == 1:
                label_at = j
                break
            names += [Cell(c, j + 1) for c in row if c]  # the names wrapped onto the next line
        if label_at is None:
            return None
        value_index = next((j for j in range(label_at + 1, len(lines)) if lines[j].strip()), None)
        if value_index is None:
            raise ParseError(path, label_at + 1, f"{lines[label_at].strip()} (line {label_at + 1}) with no values after it: truncated")
        values = [Cell(c, value_index + 1) for c in split_cells(lines[value_index]) if c]
        if len(values) != len(names):
            raise ParseError(path, value_index + 1, (
                f"a table printed column by column: {len(names)} 三级 names (line {index + 1}: "
                f"{' | '.join(c.text for c in names)}) and {len(values)} values of {label_key(lines[label_at])} (line {value_index + 1}: "
                f"{' | '.join(c.text for c in values)}) cannot be paired by position"))
        return _table(lines, index + 1, names, values, label_at + 1)
    return None


def _table(lines: Sequence[str], header_line: int, names: list[Cell], values: list[Cell], label_line: int) -> ColumnTable:
    found = Found()
    label = lines[label_line - 1].strip()
    found.readings.append(Reading(header_line, "pairing", (
        f"lines {header_line}–{values[0].line}: the table is printed column by column (the names on line "
        f"{'–'.join(sorted({str(c.line) for c in names}))}, the {label} on line {values[0].line}); its {len(names)} names and "
        f"{len(values)} values are paired by position: " + "; ".join(f"{n.text} ← {v.text}" for n, v in zip(names, values))
        + ". Each record's line is its name's line, its value's line is kept beside it")))
    indicators = []
    for name, cell in zip(names, values):
        value = read_value(cell.text)
        if value.value is None:
            comparator, number, unit = QUALITATIVE, None, None
        else:
            comparator, number, unit = value.comparator or "=", value.value, value.unit
            if value.comparator is None:
                found.readings.append(default_comparator_reading(cell.line, cell.text))
            in_name = _UNIT_IN_NAME.search(name.text)
            if unit is None and in_name and unit_of(in_name.group(1)) is not None:
                unit = in_name.group(1)
                found.readings.append(Reading(name.line, "unit", f"line {name.line}: {cell.text!r} prints no unit; the name {name.text!r} "
                                              f"prints it: read as {unit}"))
        row = Row(None, None, None, None, name, [cell])
        tier2, why = infer_tier2(row, value)
        found.readings.append(Reading(name.line, "tier", f"line {name.line}: no 二级 printed for {name.text!r}: read as {tier2.label} ({why})"))
        tier1 = tier_vocabulary().get(tier2.broader) if tier2.broader else None
        indicators.append(Indicator(
            tier1=tier1.label if tier1 else "", tier2=tier2.label, name=name.text, comparator=comparator, value=number,
            value_text=cell.text, unit=unit, line=name.line, cells=(name.text, cell.text),
            value_line=cell.line if cell.line != name.line else None,
        ))
    # After the year's values: the whole period's (实施周期目标值), not read; and anything else the
    # table goes on with (values whose names the text does not print) is a skipped line.
    last = values[0].line
    rest = [(n, lines[n - 1].strip()) for n in range(last + 1, len(lines) + 1) if lines[n - 1].strip()]
    period: int | None = None  # the line of 实施周期目标值 just above: the next line of as many values is that period's
    unread: list[tuple[int, str]] = []
    last_text: tuple[int, str] | None = None  # the last line below the table that is no page furniture
    furniture_after = False  # the page's footer or links follow the table: the page ends there
    for number, text in rest:
        if is_links_heading(text):
            found.skipped += [Skipped(n, "below the table: a web page's list of links", False, t) for n, t in rest if n >= number]
            furniture_after = True
            break
        if is_page_furniture(fold(text)):
            found.skipped.append(Skipped(number, "a page's header or footer below the table", False, text))
            page = re.search(r"第\s*(\d+)\s*页", fold(text))
            pages = re.search(r"共\s*(\d+)\s*页", fold(text))
            furniture_after = not (page and pages and int(page.group(1)) < int(pages.group(1)))  # 第1页/共2页: a page follows
            continue
        last_text, furniture_after = (number, text), False
        if _starts(text, OTHER_VALUE_LABELS) and len(split_cells(text)) == 1:
            found.readings.append(Reading(number, "value", f"line {number}: {text} (the targets of the whole period) is not read: kg records the year's targets"))
            period = number
            continue
        if period is not None and len(split_cells(text)) == len(names):
            found.readings.append(Reading(number, "value", f"line {number}: the whole period's values under line {period}, one a name: not read"))
            period = None
            continue
        period = None
        unread.append((number, text))
        found.skipped.append(Skipped(number, f"a line after the {len(names)} paired values ({label} at line {label_line}): the whole period's "
                                     "values or values whose names the text does not print (the names above are paired with the year's): not read", True, text))
    if last_text is not None and not furniture_after and not re.search(r"[。.!！]$", fold(last_text[1])):
        found.cut = last_text[0]  # the text stops on a line of the table's (values), not below its end: perhaps cut
        found.cut_likely = True
    if any("?" in n.text for n in names):
        found.warnings.append(Warning(header_line, "a name holds '?' (characters lost in conversion): kept as printed"))
    return ColumnTable(header_line, indicators, found, f"{NAMES_LABEL} … {label}")
