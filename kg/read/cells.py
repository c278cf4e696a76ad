"""A table's rows of cells → the lines the text readers read, for every input that has cells.

A workbook (kg.read.spreadsheet), a saved web page (kg.read.webpage) and a Word document
(kg.read.wordfile) are read into the lines `kg extract` gives for a PDF: one row a line, cells
separated by tabs, a merged cell's text on its first row and column and its other places blank
(as the PDF extraction prints a merged cell). The rules for turning a row into a line live here,
so every input kind gives the text readers the same lines for the same table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Lines that stand alone in the text path (a table's heading, its amount unit, 表13's year): a
# workbook or a page may print them in any column, or centred over a merged range.
TABLE_NAME = r"\s*预算\s*(?:\d{1,2}\s*表|表\s*\d{1,2})"  # 预算01表, 预算表12: a budget table's name
HEADING = re.compile(TABLE_NAME + r"(?:\s.*)?")
_STANDALONE = (HEADING, re.compile(r"\s*金额单位\s*[:：].*"), re.compile(r"\s*[（(]\s*\d{4}\s*年度?\s*[)）]\s*"))

_LINE_BREAK = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def line_of_cells(cells: Sequence[str]) -> str:
    """A row's line: its cells by tab, without the empty cells after the last text. A row with one
    text cell that stands alone in the text path (a heading, 金额单位) is that text alone."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    filled = [c for c in cells if c]
    if len(filled) == 1 and any(p.fullmatch(filled[0]) for p in _STANDALONE):
        return filled[0].strip()
    return "\t".join(cells)


def cell_text(text: str) -> str:
    """A text cell on one line: a tab would split the cell and a line break the row. A break in
    Chinese text is only wrapping (joined without space); between Latin words it is a space."""

    def join(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        return " " if before.isascii() and after.isascii() and before and after else ""

    return _LINE_BREAK.sub(join, text.replace("\t", " ")).strip()


MAX_SPAN = 1000  # a merged cell's span kept, past which a file's span is hostile, not a form's


def span(value: str | None, default: int = 1, minimum: int = 1) -> int:
    """A merged cell's span as a page or a Word document writes it (colspan="3", w:gridSpan w:val="3"):
    its leading digits, at least ``minimum`` (0 where zero means something: rowspan="0" to the table's
    end, w:gridBefore none before the row's cells) and at most MAX_SPAN; ``default`` where it prints none."""
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), minimum), MAX_SPAN) if digits else default
