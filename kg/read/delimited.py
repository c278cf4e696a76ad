"""Stage 1 for a spreadsheet saved as CSV: comma-separated values → the lines the text path reads.

Excel and WPS save a sheet as CSV (on a Chinese Windows in GBK, or UTF-8 with a BOM), and open-data
portals publish their tables so. Each record becomes a line with its cells by tab (the one rule of
kg.read.cells), so a CSV gives the records a workbook of the same cells gives and is one document
with it when the lines are equal. A cell that holds line breaks (a name wrapped inside its cell,
quoted as CSV allows) stays one cell; each line then knows the line of the file its record starts at.

A CSV is told by its content, as every input is (split by commas, or by semicolons as spreadsheets in
locales with a decimal comma save it): text with no tab in which most non-blank records
(from the first that is) split as CSV into three or more cells, and fewer than half of those end in a
sentence's 。. A text copied from a page or a PDF has commas only inside its cells (a goal's words,
1,234.56): few of its lines split into three; prose splits into clauses, but its lines end its sentences.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from kg.errors import ParseError
from kg.read.cells import cell_text, line_of_cells
from kg.records import Position

CSV = "csv"
_MIN_RECORDS = 3  # a table's title, its header and one row at least
_WIDE_SHARE = 0.8  # of the non-blank records, the part that must split into three cells or more
_SENTENCE_END = re.compile(r"[。！？；]\s*$")


@dataclass(frozen=True)
class DelimitedLayout:
    """A CSV's SourceText.layout: ``file_lines[0]`` is the line of the file where record 1 (line 1
    of the text the readers read) starts; they differ after a cell that holds a line break."""

    kind: str
    file_lines: tuple[int, ...]
    cut: bool = False  # the file ends inside its last record: what follows is missing

    def places(self) -> dict[int, Position]:
        """Line → its record (a spreadsheet's row, as Excel numbers the CSV's rows) and the line of the
        file it starts at (kg.records.Position), for the Disclosure's ``positions``."""
        return {record: Position(row=record, line=at) for record, at in enumerate(self.file_lines, start=1)}


def looks_delimited(text: str) -> bool:
    """Whether decoded ``text`` is a CSV file (see the module's note)."""
    return delimiter_of(text) is not None


def delimiter_of(text: str) -> str | None:
    """The CSV file's separator: a comma, or a semicolon (as spreadsheets in locales with a decimal comma save
    CSV); None for text that is no CSV."""
    return next((d for d in _DELIMITERS if _splits_like_a_table(text, d)), None)


_DELIMITERS = (",", ";")


def _splits_like_a_table(text: str, delimiter: str) -> bool:
    if "\t" in text or delimiter not in text:
        return False
    try:  # (newline="": a line ends at LF, CRLF or CR alone, as the text path's lines do)
        records = [cells for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(c.strip() for c in cells)]
    except csv.Error:  # a cell past the csv module's size limit (131,072 characters): no table's
        return False
    # (a sheet's title rows above the table, saved without the sheet's width, count for nothing)
    first = next((n for n, cells in enumerate(records) if len(cells) >= 3), len(records))
    records = records[first:]
    wide = [cells for cells in records if len(cells) >= 3]
    if len(records) < _MIN_RECORDS or len(wide) < _WIDE_SHARE * len(records):
        return False
    # Prose with commas splits into a sentence's clauses, the last ending it (。); a table's rows end in a value,
    # a unit or an empty cell, and only a goal's cell in a sentence.
    sentences = sum(1 for cells in wide if _SENTENCE_END.search(next((c for c in reversed(cells) if c.strip()), "")))
    return sentences * 2 < len(wide)


def delimited_lines(text: str, path: str = "<input>", delimiter: str = ",") -> tuple[tuple[str, ...], DelimitedLayout]:
    """A CSV's decoded text → a line a record (cells by tab, a cell's line breaks joined as a workbook's are) and
    the line of the file each starts at. Raises ParseError for a quoted cell never closed (the file cut off
    inside it); a stray quote inside a cell ("放心农资"下乡, which a writer should have doubled) is read as the
    spreadsheet programs read it."""
    try:
        return _records(text, path, delimiter, strict=True)
    except _StrayQuote:
        return _records(text, path, delimiter, strict=False)


class _StrayQuote(Exception):
    """A quote strict CSV does not allow, that is no quoted cell left open."""


def _records(text: str, path: str, delimiter: str, strict: bool) -> tuple[tuple[str, ...], DelimitedLayout]:
    lines: list[str] = []
    starts: list[int] = []
    widths: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    start = 1
    try:
        for cells in reader:
            lines.append(line_of_cells([cell_text(cell) for cell in cells]))
            starts.append(start)
            widths.append(len(cells))
            start = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ParseError(path, start, "a quoted cell of this CSV record is never closed (no closing \"): the file "
                                          "may be cut off") from error
        if strict:
            raise _StrayQuote from error
        raise ParseError(path, reader.line_num, f"not a CSV record kg can split into cells ({error})") from error
    # Every writer ends a record with a line break, and Excel and WPS write each as wide as the sheet: a last
    # record with neither, narrower than the one before, is where a copy or a download stopped.
    # (a last record of one cell, a note under the table, is no row a cut could have left)
    cut = not text.endswith(("\n", "\r")) and len(widths) >= 2 and 2 <= widths[-1] < widths[-2]
    return tuple(lines), DelimitedLayout(kind=CSV, file_lines=tuple(starts), cut=cut)
