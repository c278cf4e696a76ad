"""One renderer for every command that prints rows: a readable table, CSV, TSV, JSON or JSON Lines.

Text from documents is untrusted: in the terminal table, control characters (an ANSI escape
sequence in a project name, say) are shown escaped, never sent to the terminal as they are. In CSV
and TSV they are escaped too, and a cell a spreadsheet program would run as a formula
(``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``) begins with an apostrophe, as OWASP advises for CSV
files; a number (``-5``, ``+3.2``) stays as it is.

JSON Lines (``jsonl``) is one flat object per row: integers and Decimals are JSON numbers written
with their exact digits (``18985.336217``, never an exponent or a float's rounding; read them
with ``json.loads(line, parse_float=Decimal)`` to keep them exact), an empty cell is ``null``,
everything else a string.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kg.numbers import plain
from kg.records import Disclosure

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Rows:
    """A result to print: named columns and rows of values (str, int, Decimal, None …)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]


def one_table(sections: dict[str, Rows]) -> Rows:
    """Several results as one: a ``section`` column first, then every column any of them has, in
    the order they first appear; blank where a section has no such column (CSV and TSV are one table)."""
    columns = list(dict.fromkeys(column for rows in sections.values() for column in rows.columns))
    merged = []
    for name, rows in sections.items():
        place = {column: i for i, column in enumerate(rows.columns)}
        merged += [[name, *(row[place[c]] if c in place else None for c in columns)] for row in rows.rows]
    return Rows(["section", *columns], merged)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


def escape_control(text: str) -> str:
    """Control and bidi-override characters as visible escapes (``\\x1b``), newlines as ``\\n``."""
    text = text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_FORMULA_START = "=+-@\t\r"
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?%?")  # a digit in it: -E5 is a formula


def spreadsheet_safe(text: str) -> str:
    """A delimited file's cell that a spreadsheet program shows as text: control characters escaped
    visibly (a newline stays, CSV quotes it), and a formula's first character (=, +, -, @) behind an
    apostrophe unless the cell is a number."""
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if len(text) > 1 and text[0] in _FORMULA_START and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` terminal columns, the cut marked with …"""
    if display_width(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        used += display_width(ch)
        if used > limit - 1:
            break
        out += ch
    return out + "…"


MIN_COLUMN = 6  # a column fitted to the terminal keeps at least this many columns


def fitted_widths(widths: Sequence[int], total: int) -> list[int]:
    """Column widths that fit ``total`` terminal columns (two between columns), narrowing the
    widest columns first; none narrower than MIN_COLUMN, so a very narrow terminal still wraps."""
    room = total - 2 * (len(widths) - 1)
    if sum(widths) <= room:
        return list(widths)
    low, high = MIN_COLUMN, max(widths)
    while low < high:  # the widest cap at which the columns still fit
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths) <= room:
            low = cap
        else:
            high = cap - 1
    return [min(w, low) for w in widths]


def render_table(result: Rows, max_width: int | None = 60, width: int | None = None) -> str:
    """Aligned columns: cells cut at ``max_width`` (None: never), and the table narrowed to fit
    ``width`` terminal columns when given (for a terminal; piped output is given none)."""
    header = [escape_control(c) for c in result.columns]
    body = [[escape_control(cell_text(v)) for v in row] for row in result.rows]
    if max_width is not None:
        header = [clip(c, max_width) for c in header]
        body = [[clip(c, max_width) for c in row] for row in body]
    widths = [max([display_width(header[i])] + [display_width(r[i]) for r in body]) for i in range(len(header))]
    if width is not None:
        fitted = fitted_widths(widths, width)
        if fitted != widths:
            header = [clip(c, w) for c, w in zip(header, fitted)]
            body = [[clip(c, w) for c, w in zip(row, fitted)] for row in body]
            widths = [max([display_width(header[i])] + [display_width(r[i]) for r in body]) for i in range(len(header))]
    numeric = [
        bool(body) and all(isinstance(row[i], (int, Decimal)) or row[i] is None for row in result.rows)
        for i in range(len(header))
    ]
    lines = [
        "  ".join(_pad(h, w, n) for h, w, n in zip(header, widths, numeric)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(_pad(c, w, n) for c, w, n in zip(row, widths, numeric)).rstrip() for row in body]
    return "\n".join(lines) + "\n"


def _delimited(result: Rows, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n")
    writer.writerow(result.columns)
    for row in result.rows:
        cells = [spreadsheet_safe(cell_text(v)) if isinstance(v, str) else cell_text(v) for v in row]
        if delimiter == "\t":  # TSV has no quoting: escape what would break a row
            cells = [c.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") for c in cells]
        writer.writerow(cells)
    return buffer.getvalue()


def render_csv(result: Rows) -> str:
    return _delimited(result, ",")


def render_tsv(result: Rows) -> str:
    return _delimited(result, "\t")


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render_json(result: Rows) -> str:
    records = [dict(zip(result.columns, row)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=json_default) + "\n"


def json_value(value: Any) -> str:
    """One value as JSON Lines writes it: Decimals and integers as exact JSON numbers."""
    if isinstance(value, Decimal) and value.is_finite():
        return plain(value)
    if value is None or isinstance(value, (bool, int, str)):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(cell_text(value), ensure_ascii=False)


def jsonl_line(columns: Sequence[str], values: Sequence[Any]) -> str:
    """One flat JSON object, its keys in column order."""
    return "{" + ",".join(f"{json.dumps(c, ensure_ascii=False)}:{json_value(v)}" for c, v in zip(columns, values)) + "}\n"


def render_jsonl(result: Rows) -> str:
    return "".join(jsonl_line(result.columns, row) for row in result.rows)


RENDERERS: dict[str, Callable[[Rows], str]] = {
    "table": render_table,
    "csv": render_csv,
    "tsv": render_tsv,
    "json": render_json,
    "jsonl": render_jsonl,
}
ROW_FORMATS = tuple(RENDERERS)


def render(result: Rows, fmt: str) -> str:
    return RENDERERS[fmt](result)


# ---- the document a row is about -----------------------------------------------------------

# First in every row about one document, as the library queries name it.
DOCUMENT_COLUMNS = ("region", "unit_code", "department", "year")


def document_values(disclosure: Disclosure) -> list[Any]:
    """The region's GB/T 2260 code, the unit code, the department and the budget year, as text
    (as the queries give them: a year is an xsd:gYear there, not a number)."""
    region = disclosure.region.code if disclosure.region is not None else None
    return [region, disclosure.unit_code, disclosure.unit_name, None if disclosure.year is None else str(disclosure.year)]


def with_documents(parts: Sequence[tuple[Disclosure, Rows]]) -> Rows:
    """The rows about each document, its four columns first, in one result (``parts`` holds at
    least one document; its rows give the other columns, even when it has none)."""
    columns = [*DOCUMENT_COLUMNS, *parts[0][1].columns]
    return Rows(columns, [[*document_values(d), *row] for d, rows in parts for row in rows.rows])


def document_heading(disclosure: Disclosure) -> str:
    """The document in one line, for text output about several: path, department, unit, year, region."""
    region = disclosure.region.code if disclosure.region is not None else "unknown"
    return escape_control(f"{disclosure.path}: {disclosure.unit_name or '(no department)'} (unit {disclosure.unit_code or '?'}, "
                          f"{disclosure.year or 'no year'}, region {region})")
