"""One renderer for every command that prints rows: a readable table, CSV, TSV or JSON.

Text from documents is untrusted: in the terminal table, control characters (an ANSI escape
sequence in a project name, say) are shown escaped, never sent to the terminal as they are.
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

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Rows:
    """A result to print: named columns and rows of values (str, int, Decimal, None …)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]


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


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def render_table(result: Rows, max_width: int = 60) -> str:
    def clip(text: str) -> str:
        text = escape_control(text)
        if display_width(text) <= max_width:
            return text
        out, used = "", 0
        for ch in text:
            used += display_width(ch)
            if used > max_width - 1:
                break
            out += ch
        return out + "…"

    header = [clip(c) for c in result.columns]
    body = [[clip(cell_text(v)) for v in row] for row in result.rows]
    numeric = [
        bool(body) and all(isinstance(row[i], (int, Decimal)) or row[i] is None for row in result.rows)
        for i in range(len(header))
    ]
    widths = [max([display_width(header[i])] + [display_width(r[i]) for r in body]) for i in range(len(header))]
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
        cells = [cell_text(v) for v in row]
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


RENDERERS: dict[str, Callable[[Rows], str]] = {
    "table": render_table,
    "csv": render_csv,
    "tsv": render_tsv,
    "json": render_json,
}
ROW_FORMATS = tuple(RENDERERS)


def render(result: Rows, fmt: str) -> str:
    return RENDERERS[fmt](result)
