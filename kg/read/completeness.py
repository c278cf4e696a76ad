"""Whether a disclosure was read whole, and what the reader could not place.

The reader never guesses: a row of no known shape becomes a warning and a skipped line that
carries data. This module says when that leaves a document read only in part, the rule every
command applies before it builds, queries or draws (``--allow-partial`` accepts such a document),
and gives the reader's warnings as one line each, as a compiler prints them.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence

from kg.errors import KgError
from kg.output import escape_control
from kg.records import Disclosure

STDIN_PATH = "<stdin>"  # the path of a document read from standard input (`-`)
MESSAGE_LIMIT = 10  # beyond this many, the reader's messages are counted, not listed
_TABLES = ((12, "表12", "project"), (13, "表13", "activity"))


def named_lines(numbers: Sequence[int], shown: int = 5) -> str:
    """``line 8`` or ``lines 10, 11, 12`` (the first ``shown``, then how many more): lines a message names."""
    listed = ", ".join(map(str, numbers[:shown]))
    return f"line {listed}" if len(numbers) == 1 else f"lines {listed}" + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


def partial_reasons(disclosure: Disclosure) -> list[str]:
    """Why the document was read only in part; [] when every line with data is in a record.

    A table (表12, 表13) holding rows that carry data but yielding no project or activity, any skipped
    line that carries data (a row of no known shape), and a text that ends inside a table (``cut``) make
    a document partial."""
    carrying = [s.line for s in disclosure.skipped if s.carries_data]
    reasons, named = [], set()
    for number, label, record in _TABLES:
        table = next((t for t in disclosure.tables if t.number == number), None)
        if table is None or (disclosure.projects if number == 12 else disclosure.activities):
            continue
        rows = [line for line in carrying if table.heading_line <= line <= table.end_line]
        if rows:
            reasons.append(f"{label} holds {len(rows)} row(s) with data ({named_lines(rows)}) but no {record} was read from it")
            named.update(rows)
    rest = [line for line in carrying if line not in named]
    if rest:
        reasons.append(f"{len(rest)} line(s) with data were skipped ({named_lines(rest)})")
    if disclosure.cut is not None:
        reasons.append(disclosure.cut)  # the text ends before its tables do: what it holds is read, the rest is not there
    return reasons


def parse_hint(path: str) -> str:
    """The command that lists everything the reader found in the document at ``path``."""
    if path == STDIN_PATH:
        return "`kg parse - -f json` (the same text on stdin)"
    return f"`kg parse {shlex.quote(path)} -f json`"


class PartialDocument(KgError):
    """A document read only in part: refused unless the user accepts it (--allow-partial)."""

    def __init__(self, path: str, reasons: Sequence[str], others: int = 0) -> None:
        self.path = path
        self.reasons = tuple(reasons)
        more = f" (and {others} more document(s) read only in part)" if others else ""
        super().__init__(
            f"{path}: read only in part: {'; '.join(reasons)}{more}; {parse_hint(path)} shows what was skipped, "
            "--allow-partial accepts it"
        )


def require_complete(disclosures: Iterable[Disclosure]) -> None:
    """Raise PartialDocument for the first document read only in part."""
    partial = [(d, reasons) for d in disclosures if (reasons := partial_reasons(d))]
    if partial:
        (first, reasons), others = partial[0], len(partial) - 1
        raise PartialDocument(first.path, reasons, others)


def reader_messages(disclosure: Disclosure, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The reader's warnings and the skipped lines that carry data, one line each
    (``FILE:LINE: warning: …``); beyond ``limit``, the first ones and a count."""
    entries = [(w.line, w.message) for w in disclosure.warnings]
    warned = set(entries)  # a row of no known shape is a warning and a skipped line: say it once
    entries += [(s.line, f"skipped: {s.reason}") for s in disclosure.skipped if s.carries_data and (s.line, s.reason) not in warned]
    entries.sort(key=lambda entry: (entry[0] or 0, entry[1]))
    path = disclosure.path
    lines = [f"{path}:{line}: warning: {escape_control(message)}" if line else f"{path}: warning: {escape_control(message)}"
             for line, message in entries]
    if len(lines) > limit:
        lines = lines[:limit] + [f"{path}: {len(lines) - limit} more warning(s) and skipped line(s); {parse_hint(path)} lists them all"]
    return lines
