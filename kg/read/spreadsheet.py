"""Stage 1 for spreadsheets: an .xlsx or .xls workbook → the lines the text path reads.

Departments also publish their 部门预算 as workbooks, one sheet per table (预算01表 … 预算13表) or
all tables in one sheet. A workbook is read into the same lines `kg extract` gives for a PDF:
one row a line, cells separated by tabs, a merged cell's text on its first row and its other rows
empty (as the PDF extraction prints a merged cell), a numeric cell printed as the workbook shows
it (its value with the cell's number format applied: 18985.336217 in ``#,##0.000000`` is
``18,985.336217``). The text readers then read those lines, so a workbook gives the records the
text gives, and its identity is the digest of those lines (a workbook and the text extracted from
it, if the lines are equal, are one document).

Libraries, chosen by licence and measured speed (benchmarks/spreadsheet.py): openpyxl (MIT) for
.xlsx and xlrd (BSD) with ``formatting_info=True`` for .xls, the two that give number formats and
merged ranges. python-calamine (MIT) is faster but gives no number formats, so it cannot print a
cell as the workbook shows it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kg.errors import ParseError
from kg.read.cells import HEADING, TABLE_NAME, cell_text, line_of_cells
from kg.records import Position

XLSX, XLS = "xlsx", "xls"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 compound file holding the encrypted zip as this stream; its name is
# stored in UTF-16 in the directory, so it can be recognised without an OLE2 library.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream a .doc keeps its text in, named in the OLE2 directory
_ENCRYPTED_HINT = "the workbook is encrypted (it opens with a password): save an unprotected copy and read that"

_SHEET_TABLE = re.compile(TABLE_NAME + r"\s*")  # a sheet named by its table alone


@dataclass(frozen=True)
class WorkbookLayout:
    """A workbook's SourceText.layout: where each line came from, as a PDF's layout gives page and
    row. ``positions[0]`` is line 1's sheet and 1-based row."""

    kind: str  # xlsx or xls
    positions: tuple[tuple[str, int | None], ...]  # row None: a heading taken from the sheet's name
    notes: tuple[str, ...] = ()  # what the reading library said of the file (an .xls read despite damage)

    def position(self, line: int) -> tuple[str, int | None]:
        return self.positions[line - 1]

    def where(self, line: int) -> str:
        """``sheet 预算表12, row 40``: where a person finds a line in the workbook."""
        sheet, row = self.position(line)
        return f"sheet {sheet}, row {row}" if row is not None else f"sheet {sheet} (its name)"

    def places(self) -> dict[int, Position]:
        """Line → its sheet and row (kg.records.Position), for the Disclosure's ``positions``."""
        return {line: Position(sheet=sheet, row=row) for line, (sheet, row) in enumerate(self.positions, start=1)}

    @property
    def sheets(self) -> tuple[str, ...]:
        """The sheets the lines came from, in order."""
        return tuple(dict.fromkeys(sheet for sheet, _ in self.positions))


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, list[str]]]  # (1-based row, cell texts), merged ranges already blanked


# ---- entry points ------------------------------------------------------------------------------


def workbook_kind(data: bytes) -> str | None:
    """``xlsx`` or ``xls`` when ``data`` starts like a workbook (a zip or an OLE2 container), else
    None. Only the container is told by this; whether it holds a workbook is checked on reading."""
    if data.startswith(ZIP_MAGIC):
        return XLSX
    if data.startswith(OLE2_MAGIC):
        return XLS
    return None


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is to be read as a workbook (kg.read.source.source_from_bytes dispatches on it)."""
    return workbook_kind(data) is not None


def workbook_lines(data: bytes, path: str = "<input>") -> tuple[tuple[str, ...], WorkbookLayout]:
    """A workbook's bytes (.xlsx or .xls, told by the bytes) → the lines the text readers read and
    where each came from. kg.read.source.workbook_source makes them a SourceText (read_source does
    so for a workbook file).

    Raises ParseError naming the file (and the sheet and cell where there is one) for a file that
    is not a workbook, is damaged or encrypted, or has no cell with text."""
    kind = workbook_kind(data)
    notes: tuple[str, ...] = ()
    if kind == XLSX:
        sheets = _xlsx_sheets(data, path)
    elif kind == XLS:
        sheets, notes = _xls_sheets(data, path)
    else:
        raise ParseError(path, None, "not a workbook: an .xlsx file is a zip archive and an .xls file an OLE2 compound file")
    return _as_text(sheets, path, kind, notes)


def _as_text(sheets: Sequence[_Sheet], path: str, kind: str, notes: tuple[str, ...] = ()) -> tuple[tuple[str, ...], WorkbookLayout]:
    lines: list[str] = []
    positions: list[tuple[str, int | None]] = []
    for sheet in sheets:
        sheet_lines = [(row, line_of_cells(cells)) for row, cells in sheet.rows]
        sheet_lines = [(row, text) for row, text in sheet_lines if text.strip()]
        # One sheet per table, its heading only in the sheet's name (a tab named 预算01表): the
        # name is the table's heading, as the text path needs a heading line before the table.
        if _SHEET_TABLE.fullmatch(sheet.name) and not any(HEADING.fullmatch(t) and "\t" not in t for _, t in sheet_lines):
            lines.append(sheet.name.strip())
            positions.append((sheet.name, None))
        for row, text in sheet_lines:
            lines.append(text)
            positions.append((sheet.name, row))
    if not lines:
        names = ", ".join(s.name for s in sheets) or "none"
        raise ParseError(path, None, f"no cell with text in any sheet (sheets: {names}): an empty workbook")
    return tuple(lines), WorkbookLayout(kind, tuple(positions), notes)


def _blank_merged(grid: dict[int, list[str]], merged: Iterable[tuple[int, int, int, int]]) -> None:
    """Keep a merged range's text in its top-left cell only (1-based, inclusive bounds)."""
    for row_lo, row_hi, col_lo, col_hi in merged:
        for row in range(row_lo, row_hi + 1):
            cells = grid.get(row)
            if not cells:
                continue
            for col in range(col_lo, col_hi + 1):
                if (row, col) != (row_lo, col_lo) and col - 1 < len(cells):
                    cells[col - 1] = ""


# ---- .xlsx: openpyxl -----------------------------------------------------------------------------


def _xlsx_sheets(data: bytes, path: str) -> list[_Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        # a zip cut short has no directory, but its first entries' names say what it held (xl/…, word/…)
        what = ".docx document" if b"word/" in data[:65536] and b"xl/" not in data[:65536] else ".xlsx workbook"
        raise ParseError(path, None, f"a damaged {what}: the zip archive cannot be read ({error})") from error
    if "xl/workbook.xml" not in names:
        what = "no xl/workbook.xml inside"
        if "content.xml" in names:  # OpenDocument: its mimetype says which
            text = "mimetype" in names and b"opendocument.text" in archive.read("mimetype")
            what = "an OpenDocument text (.odt): save it as .docx" if text else "an OpenDocument file (.ods): save it as .xlsx"
        raise ParseError(path, None, what if what.startswith("an OpenDocument") else f"a zip archive but not an .xlsx workbook ({what})")
    import openpyxl  # imported here: reading text files never needs it
    from openpyxl.utils import column_index_from_string

    try:
        # data_only: a formula cell's saved value, as the workbook shows it.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds (KeyError, XML errors …) for a damaged part
        raise ParseError(path, None, f"a damaged .xlsx workbook: {type(error).__name__}: {error}") from error
    sheets = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # hidden sheets hold lookups and drafts, not the published tables
        grid: dict[int, list[str]] = {}
        # Hidden rows and columns, like hidden sheets, are not part of the published table (a draft
        # row, an internal code column): their cells read as blank.
        hidden_rows = {n for n, d in sheet.row_dimensions.items() if d.hidden}
        hidden_columns = {n for letter, d in sheet.column_dimensions.items() if d.hidden
                          for n in range(d.min or column_index_from_string(letter), (d.max or column_index_from_string(letter)) + 1)}
        # A merged cell that starts in a hidden column but reaches a shown one is shown (as Excel does).
        shown_anchors = {(r.min_row, r.min_col) for r in sheet.merged_cells.ranges
                         if r.min_col in hidden_columns and any(c not in hidden_columns for c in range(r.min_col, r.max_col + 1))}
        for row in sheet.iter_rows():
            if row and row[0].row in hidden_rows:
                continue
            cells = ["" if n + 1 in hidden_columns and (cell.row, n + 1) not in shown_anchors else _xlsx_cell(cell, path, sheet.title)
                     for n, cell in enumerate(row)]
            if any(cells):
                grid[row[0].row] = cells
        _blank_merged(grid, ((r.min_row, r.max_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges))
        sheets.append(_Sheet(sheet.title, sorted(grid.items())))
    return sheets


def _xlsx_cell(cell: object, path: str, sheet: str) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, getattr(cell, "number_format", "General") or "General")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date_text(value, getattr(cell, "number_format", "General") or "General")
    raise ParseError(path, None, f"sheet {sheet}, cell {getattr(cell, 'coordinate', '?')}: a value kg cannot print ({type(value).__name__})")


# A date format's parts (yyyy"年"m"月", yyyy/m/d …): the year, month and day tokens, a quoted or escaped literal.
_DATE_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|am/pm|a/p)|(.)', re.IGNORECASE)


def _date_text(value: dt.datetime | dt.date | dt.time, code: str = "General") -> str:
    """A date cell as the sheet shows it, by its number format (2024年11月 for yyyy"年"m"月": no day
    invented); in ISO form where the format is none kg prints (General, a time), not as a serial number."""
    date = value.date() if isinstance(value, dt.datetime) else value
    section = re.sub(r"\[[^\]]*\]", "", code.split(";")[0])
    if isinstance(value, dt.time) or not isinstance(date, dt.date) or not re.search(r"yyyy", section, re.IGNORECASE):
        # a time, General, or Excel's built-in short date (m/d/yy, shown by the reader's locale): ISO
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    out: list[str] = []
    for quoted, escaped, token, other in _DATE_TOKEN.findall(section):
        token = token.lower()
        if token in ("hh", "h", "ss", "s", "am/pm", "a/p"):
            return value.isoformat()  # a time in the format: ISO, as before
        if token:
            out.append({"yyyy": f"{date.year}", "yy": f"{date.year % 100:02d}", "mm": f"{date.month:02d}", "m": f"{date.month}",
                        "dd": f"{date.day:02d}", "d": f"{date.day}"}.get(token, f"{date.month}"))
        else:
            out.append(quoted or escaped or other)
    return "".join(out).strip() or date.isoformat()


# ---- .xls: xlrd ----------------------------------------------------------------------------------


def _xls_sheets(data: bytes, path: str) -> tuple[list[_Sheet], tuple[str, ...]]:
    """The visible sheets, and the damage xlrd reported while reading them (it prints it to standard
    output unless given a log of its own)."""
    if _ENCRYPTED_PACKAGE in data[:1 << 20] or _ENCRYPTED_PACKAGE in data[-(1 << 16):]:
        raise ParseError(path, None, _ENCRYPTED_HINT)
    import xlrd  # imported here: reading text files never needs it

    try:
        # formatting_info: number formats and merged ranges (xlrd gives neither without it).
        log = io.StringIO()
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=log, verbosity=0)
    except Exception as error:  # xlrd raises XLRDError, CompDocError, struct.error … for a damaged file
        message = str(error)
        if "encrypted" in message.lower():
            raise ParseError(path, None, _ENCRYPTED_HINT) from error
        if "Can't find workbook" in message:
            if _WORD_STREAM in data[:1 << 20] or _WORD_STREAM in data[-(1 << 16):]:
                raise ParseError(path, None, "a Word 97–2003 document (.doc): kg reads .docx; save it as .docx (or PDF) and read that") from error
            raise ParseError(path, None, "an OLE2 file (as .doc and .xls are) without a workbook in it: not an .xls workbook") from error
        raise ParseError(path, None, f"a damaged .xls workbook: {message or type(error).__name__}") from error
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                continue  # hidden sheets hold lookups and drafts, not the published tables
            grid: dict[int, list[str]] = {}
            hidden_columns = {c for c, info in sheet.colinfo_map.items() if info.hidden}
            for r in range(sheet.nrows):
                if r in sheet.rowinfo_map and sheet.rowinfo_map[r].hidden:
                    continue  # as in .xlsx: hidden rows and columns are not published
                cells = ["" if c in hidden_columns else _xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]
                if any(cells):
                    grid[r + 1] = cells
            _blank_merged(grid, ((rlo + 1, rhi, clo + 1, chi) for rlo, rhi, clo, chi in sheet.merged_cells))
            sheets.append(_Sheet(sheet.name, sorted(grid.items())))
    except ParseError:
        raise
    except Exception as error:
        raise ParseError(path, None, f"a damaged .xls workbook: {error or type(error).__name__}") from error
    finally:
        book.release_resources()
    damage = [re.sub(r"^WARNING\W*", "", line).strip() for line in log.getvalue().splitlines() if line.startswith("WARNING")]
    return sheets, tuple(f"xlrd reports damage in the .xls file ({'; '.join(damage)}); it was read all the same: check that no rows "
                         "are missing" for _ in damage[:1])


def _xls_cell(book: object, sheet: object, row: int, col: int) -> str:
    import xlrd

    cell = sheet.cell(row, col)  # type: ignore[attr-defined]
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return cell_text(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)  # type: ignore[attr-defined]
    code = fmt.format_str if fmt is not None else "General"
    if kind == xlrd.XL_CELL_DATE:
        return _date_text(xlrd.xldate.xldate_as_datetime(value, book.datemode), code)  # type: ignore[attr-defined]
    return format_number(value, code)


# ---- number formats --------------------------------------------------------------------------------
# A workbook stores a number and shows it through its cell's number format; the text path reads
# what is shown (``18,985.336217``, ``95%``), so a number is printed through its format here. The
# part of the format language budget tables use is covered: sections (positive;negative;zero;text),
# digit placeholders 0 # ?, thousands separators and scaling commas, decimals, percent, quoted and
# escaped literals, colours and conditions (ignored), currency tags ([$¥-804]). Scientific and
# fraction formats fall back to General.

_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_DATE_CODES = re.compile(r"[ymdhs]", re.I)


def _sections(code: str) -> list[str]:
    sections, current, i = [], "", 0
    while i < len(code):
        match = _QUOTED.match(code, i)
        if match:
            current += match.group(0)
            i = match.end()
            continue
        if code[i] == ";":
            sections.append(current)
            current = ""
        else:
            current += code[i]
        i += 1
    sections.append(current)
    return sections


def general(value: float | int) -> str:
    """Excel's General format: an integer without decimals, otherwise up to 15 significant digits."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:  # General switches to exponent form only for very large or small numbers
        mantissa, exponent = text.split("e")
        return f"{mantissa}E{int(exponent):+03d}"
    return text


def format_number(value: float | int, code: str) -> str:
    """``value`` as a cell with number format ``code`` shows it (see the comment above for the
    part of Excel's format language covered)."""
    sections = _sections(code)
    negative = value < 0
    section = sections[0]
    signed = negative
    if negative and len(sections) > 1:
        section, signed = sections[1], False  # the negative section prints its own sign, if any
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    if section.strip().lower() in ("general", "") or section.strip() == "@":
        text = general(abs(value))
        return ("-" if signed else "") + text if section.strip() else ""
    literal_free = _QUOTED.sub("", section)
    if _DATE_CODES.search(literal_free.replace("General", "")) or "E" in literal_free.upper() or "/" in literal_free:
        return ("-" if signed else "") + general(abs(value))
    body = _render(abs(Decimal(repr(float(value)) if isinstance(value, float) else value)), section)
    if body is None:
        return ("-" if signed else "") + general(abs(value))
    return ("-" if signed and any(ch.isdigit() and ch != "0" for ch in body) else "") + body


def _render(value: Decimal, section: str) -> str | None:
    """The number through one section's placeholders, with its literals in place."""
    tokens: list[tuple[str, str]] = []  # ("lit", text) or ("num", placeholders)
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.index('"', i + 1) if '"' in section[i + 1 :] else len(section)
            tokens.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < len(section):
            tokens.append(("lit", " "))  # the width of the next character: a space
            i += 2
        elif ch == "*" and i + 1 < len(section):
            i += 2  # fill to the column's width: nothing in text
        elif ch == "[":
            end = section.find("]", i)
            tag = section[i + 1 : end] if end > 0 else ""
            if tag.startswith("$"):  # currency and locale: [$¥-804] prints ¥
                tokens.append(("lit", tag[1:].split("-")[0]))
            i = end + 1 if end > 0 else len(section)
        elif ch in "0#?,.":
            start = i
            while i < len(section) and section[i] in "0#?,.":
                i += 1
            tokens.append(("num", section[start:i]))
        elif ch == "%":
            tokens.append(("pct", "%"))
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    numbers = [t for kind, t in tokens if kind == "num"]
    if not numbers:
        return "".join(t for _, t in tokens)
    if len(numbers) > 1:
        return None  # placeholders split by literals (phone-number styles): not in budget tables
    if any(kind == "pct" for kind, _ in tokens):
        value *= 100
    placeholders = numbers[0]
    integer, _, fraction = placeholders.partition(".")
    scaling = len(integer) - len(integer.rstrip(","))  # trailing commas divide by 1000 each
    integer = integer.rstrip(",")
    value /= Decimal(1000) ** scaling
    grouped = "," in integer
    min_int = integer.replace(",", "").count("0")
    fraction = fraction.replace(",", "")
    places = len(fraction)
    mandatory = len(fraction.rstrip("#?"))  # decimals up to the last 0 always print; # and ? only when not zero
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    whole, _, decimals = format(rounded, "f").partition(".")
    whole = whole.lstrip("0")
    if len(whole) < min_int:
        whole = "0" * (min_int - len(whole)) + whole
    if grouped and whole:
        whole = f"{int(whole):,}"
    decimals = decimals.ljust(places, "0")
    while len(decimals) > mandatory and decimals.endswith("0"):
        decimals = decimals[:-1]
    number = whole + ("." + decimals if decimals else "." if "." in placeholders else "")
    out = []
    for kind, text in tokens:
        out.append(number if kind == "num" else text)
    return "".join(out)


__all__ = [
    "XLS", "XLSX", "WorkbookLayout", "format_number", "general", "is_workbook", "workbook_kind", "workbook_lines",
]
