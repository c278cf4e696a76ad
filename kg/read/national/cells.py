"""The ``cells`` shape: one cell a line (`` |`` ends each), an empty cell a ``|`` line, rows by the
header's columns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.read.national.header import Header
from kg.read.national.rows import Found, Tiers, below_the_table, is_trailer, rows_below
from kg.read.national.words import (
    BREAK_LINE,
    EMPTY_CELL_LINE,
    ONE_CELL_LINE,
    Cell,
    Col,
    is_stop,
    page_mark,
    split_cells,
    value_shaped,
)
from kg.read.pages import is_page_furniture
from kg.read.values import fold
from kg.records import Reading, Skipped

# The end of a value wrapped onto its own line (2023年11月30日 / 前): a deadline's or a bound's word.
_VALUE_TAIL = re.compile(r"(?:底前|以前|之前|前|以内|内|止|及以上|及以下|以上|以下|完成|到位)")


def cells_rows(lines: Sequence[str], header: Header) -> Found:
    """One cell a line: ``X |`` is a cell, ``|`` an empty one, ``||||`` ends a row."""
    found, tiers = Found(), Tiers()
    slots: list[Cell | None] = []  # None: a row break
    last = max((n for n in range(len(lines)) if lines[n].strip()), default=-1) + 1
    wrapped: Cell | None = None  # the start of a cell printed over several lines
    for number in range(header.end_line + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        if (page := page_mark(number, text)) is not None:
            found.skipped.append(page)
            continue
        nxt = _next_text(lines, number)
        tail = nxt is not None and ONE_CELL_LINE.match(nxt) is not None and _VALUE_TAIL.fullmatch(nxt.rsplit("|", 1)[0].strip()) is not None
        if "|" not in text and tail and wrapped is None:
            wrapped = Cell(text.strip(), number)  # 2023年11月30日 / 前 |: a value wrapped, its end on the next line
            continue
        if "|" not in text and slots and (is_trailer(text.strip(), nxt)
                                          or is_page_furniture(fold(text), values_alone=True)):
            # the issuer, its seal or the date below the table, printed without the cells' pipes: the table ends;
            # a page's header or footer between its rows is set aside
            if rows_below(lines, number):
                found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, text.strip()))
                continue
            found.skipped.append(below_the_table(lines, number))
            break
        if wrapped is not None:
            if ONE_CELL_LINE.match(text) and not EMPTY_CELL_LINE.match(text):
                ending = text.rsplit("|", 1)[0].strip()
                slots.append(Cell(wrapped.text + ending, wrapped.line))
                found.readings.append(Reading(wrapped.line, "text", f"lines {wrapped.line}–{number}: {wrapped.text!r} has no "
                                              f"closing | and {ending!r} ends the cell: read as one cell, its text wrapped"))
                wrapped = None
                continue
            if "|" not in text and number != last and not value_shaped(text):
                wrapped = Cell(wrapped.text + text.strip(), wrapped.line)  # wrapped over a third line
                continue
            slots.append(wrapped)
            wrapped = None
        if BREAK_LINE.match(text):
            slots.append(None)
        elif EMPTY_CELL_LINE.match(text):
            slots.append(Cell("", number))
        elif ONE_CELL_LINE.match(text):
            slots.append(Cell(text.rsplit("|", 1)[0].strip(), number))
        elif "|" in text:
            slots += [Cell(c, number) for c in split_cells(text)[:-1]]
        elif number == last:  # no closing pipe on the last line: cut off
            slots.append(Cell(text.strip(), number, cut=True))
        elif value_shaped(text):
            slots.append(Cell(text.strip(), number))  # a number or value lost its pipe: a cell of its own
        else:  # text without its closing pipe: wrapped, when the next line ends the cell
            wrapped = Cell(text.strip(), number)
    if wrapped is not None:
        slots.append(wrapped)
    width = len(header.after)
    i = 0
    while i < len(slots):
        slot = slots[i]
        i += 1
        if slot is None or not slot.text:
            continue
        if is_stop(slot.text):
            break
        if slot.cut:
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the table: {slot.text!r} is cut off", True, slot.text))
            break
        if not tiers.take([slot]):
            continue
        if Col.SERIAL in header.before and re.fullmatch(r"\d{1,3}", slot.text):
            continue
        row: list[Cell] = []
        while i < len(slots) and len(row) < width and slots[i] is not None:
            row.append(slots[i])  # type: ignore[arg-type]
            i += 1
        if any(c.cut for c in row):
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the row of {slot.text!r}: its cells are cut off", True, slot.text))
            break
        if len(row) < width and i >= len(slots):
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the row of {slot.text!r}", True, slot.text))
            break
        found.rows.append(tiers.row(slot, row, positional=True))
    return found


def _next_text(lines: Sequence[str], number: int) -> str | None:
    """The next line after line ``number`` that holds anything, stripped."""
    return next((lines[n - 1].strip() for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
