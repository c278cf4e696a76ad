"""The ``stream`` shape: the whole table on one line of space-separated tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.read.national.header import Header
from kg.read.national.rows import Found, Tiers, empty_groups, fits_column, merge_spaced
from kg.read.national.words import (
    Cell,
    Col,
    is_stop,
    split_cells,
    tier1_of,
    tier2_of,
    value_shaped,
)
from kg.records import Skipped


def stream_rows(lines: Sequence[str], header: Header) -> Found:
    """The table on one line of tokens: a row is a name and the header's columns after it."""
    tokens = [Cell(t, header.end_line) for t in re.split(r"[ \u3000\xa0]+", header.rest.strip()) if t]
    tokens += [Cell(c, n) for n in range(header.end_line + 1, len(lines) + 1) for c in split_cells(lines[n - 1]) if c]
    # ≥ 8个, 8 个: a sign or a unit spaced from its number (10 学校 is a score and a name)
    tokens = merge_spaced(tokens, Col.UNIT in header.after, known_units=True)
    found, tiers = Found(), Tiers()
    after = header.after
    i = 0
    while i < len(tokens):
        if is_stop(tokens[i].text):
            break
        rest = tiers.take(tokens[i:])
        found.readings += empty_groups(tiers)
        if not rest:
            break
        i = len(tokens) - len(rest)
        name = tokens[i]
        taken = _stream_columns(tokens, i + 1, after)
        if taken is None:
            if len(tokens) - i - 1 >= len(after):  # cells enough, but not of the header's columns
                found.skipped.append(Skipped(name.line, f"the cells after {name.text!r} do not fit the header's columns "
                                             f"({' '.join(t.text for t in tokens[i + 1: i + 1 + len(after)])}): a cell left empty, "
                                             "or a cell wrapped; this row and the rest of the table are not read", True, name.text))
            else:
                found.cut = name.line
                found.skipped.append(Skipped(name.line, f"the text ends inside the row of {name.text!r}: its values are missing", True, name.text))
            break
        cells, i = taken
        found.rows.append(tiers.row(name, cells))
    return found


def _stream_columns(tokens: list[Cell], i: int, after: list[Col]) -> tuple[list[Cell], int] | None:
    """The cells of one row from token ``i``; None when the tokens run out before its target."""
    cells: list[Cell] = []
    for col in after:
        if i >= len(tokens):
            break
        token = tokens[i]
        if tier1_of(token.text) or tier2_of(token.text) or is_stop(token.text):
            break
        if col in (Col.TEXT, Col.REASON):
            if _stream_columns(tokens, i + 1, after) is not None:  # the token starts the next row: the cell is empty
                continue
            if i + 1 < len(tokens) and value_shaped(tokens[i + 1].text) and not value_shaped(token.text):
                continue  # a word with a value after it is the next row's name (its row may not fit): the cell is empty
            cells.append(token)
            i += 1
        elif fits_column(col, token.text) or col in (Col.TARGET, Col.ACTUAL):
            cells.append(token)
            i += 1
        elif col in (Col.WEIGHT, Col.SCORE, Col.RATE):
            return None  # a score column without a number: not a row
    if not cells:
        return None
    required = [c for c in after if c in (Col.TARGET, Col.WEIGHT, Col.SCORE)]
    if len(cells) < len(required):
        return None
    return cells, i
