"""The ``plain`` shape: one cell a line without pipes, a row its name and then one cell a column."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.read.national.header import Header
from kg.read.national.rows import (
    Found,
    Tiers,
    below_the_table,
    continues_last_text,
    fits_column,
    is_trailer,
    reads_as_value,
    rows_below,
)
from kg.read.national.words import (
    ALL_LABELS,
    FORM_TITLE,
    HEADER_CELL,
    TITLE,
    Cell,
    Col,
    is_stop,
    label_key,
    label_match,
    page_mark,
    tier1_of,
    tier2_of,
    value_shaped,
)
from kg.read.pages import is_page_furniture
from kg.read.values import fold
from kg.records import Reading, Skipped


def plain_rows(lines: Sequence[str], header: Header) -> Found:
    """One cell a line without pipes: each line a cell (spaces inside a name kept), a row its name
    and then one cell a column, every column printed but a last 偏差原因/备注, which may be blank. Page
    furniture and the header printed again after a page break are set aside; another table's header,
    a form's title or the text below the table (its issuer, seal, date) ends the table; a row whose
    cells do not fit the header's columns ends it too, with the rest reported: an empty cell leaves
    no line, so nothing after it can be placed. Without a score column to keep the rows in step, a
    value's cell must read as a value. Merged tiers printed at the middle of their rows (no tier
    above the first row) are refused: the text cannot tell which rows each belongs to."""
    tokens: list[Cell] = []
    found = Found()
    heading = [label_key(lines[n - 1]) for n in range(header.line, header.end_line + 1) if lines[n - 1].strip()]
    numbers = [n for n in range(header.end_line + 1, len(lines) + 1) if lines[n - 1].strip()]
    above = {line.strip() for line in lines[: header.line - 1] if len(re.sub(r"\s", "", line)) >= 8}  # the page's title, printed again
    page_counted = 0  # the page counts (1/2, 2/2) set aside so far
    i = 0
    while i < len(numbers):
        number = numbers[i]
        text = lines[number - 1].strip()
        if (page := page_mark(number, text)) is not None:
            found.skipped.append(page)
            i += 1
            continue
        if is_page_furniture(fold(text), values_alone=True) or (text in above and tokens):
            # a print time, a page count, or the page's title printed again at the top of the next page
            found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, text))
            i += 1
            continue
        count = re.fullmatch(r"(\d{1,3})\s*/\s*(\d{1,3})", fold(text))
        following = lines[numbers[i + 1] - 1].strip() if i + 1 < len(numbers) else None
        if count and int(count.group(1)) == page_counted + 1 and int(count.group(1)) <= int(count.group(2)) and tokens \
                and reads_as_value(tokens[-1].text) and (following is None or tier1_of(following) or tier2_of(following)):
            # 1/2 after a row's value, before a tier or at the end, each page's count one more than the last: the
            # page count, not a value (3/4 first is a share)
            found.skipped.append(Skipped(number, "a page count between the table's rows", False, text))
            page_counted += 1
            i += 1
            continue
        if tokens and len(text) <= 5 and not (tier1_of(text) or tier2_of(text)) \
                and (tier1_of(tokens[-1].text + text) or tier2_of(tokens[-1].text + text)):
            # a tier's name wrapped in its narrow column (社会效益 / 指标): one cell
            found.readings.append(Reading(tokens[-1].line, "text", f"lines {tokens[-1].line}–{number}: {tokens[-1].text!r} and {text!r} read "
                                          "as one tier name, wrapped"))
            tokens[-1] = Cell(tokens[-1].text + text, tokens[-1].line)
            i += 1
            continue
        if [label_key(lines[n - 1]) for n in numbers[i: i + len(heading)]] == heading:
            found.skipped += [Skipped(n, "the table's header printed again (a page break)", False, lines[n - 1].strip())
                              for n in numbers[i: i + len(heading)]]
            i += len(heading)
            continue
        if tokens and all(HEADER_CELL.fullmatch(label_key(lines[n - 1])) for n in numbers[i: i + 2]) and len(numbers[i: i + 2]) == 2:
            found.skipped.append(Skipped(number, "another table's header after this table's rows: kg reads one indicator table a form; "
                                         "its rows are not read", True, text))
            break
        tokens.append(Cell(text, number))
        i += 1
    after = header.after
    anchored = any(col in (Col.WEIGHT, Col.SCORE, Col.RATE) for col in after)
    tiers = Tiers()
    at = 0
    while at < len(tokens):
        if is_stop(tokens[at].text):
            break
        rest = tiers.take(tokens[at:])
        at = len(tokens) - len(rest)
        if not rest:
            break
        name = tokens[at]
        if not found.rows and tiers.tier1 is None and tiers.tier2 is None \
                and any(tier1_of(t.text) or tier2_of(t.text) for t in tokens[at + 1:]):
            # No tier above the first row, tiers further down: merged tier cells printed at the middle of
            # their rows (a PDF's text), so the text cannot tell which rows each belongs to.
            found.skipped.append(Skipped(name.line, f"the first row ({name.text!r}) has no tier above it and tiers are printed "
                                         "further down: the table prints its merged tier cells at the middle of their rows, "
                                         "so no row's tier can be told from the text", True, name.text))
            break
        following = tokens[at + 1].text if at + 1 < len(tokens) else None
        if (is_stop(name.text) or is_trailer(name.text, following) or TITLE.search(fold(name.text)) or FORM_TITLE.search(fold(name.text))) \
                and not rows_below(lines, name.line):
            found.skipped.append(below_the_table(lines, name.line))
            break
        # A text column last (偏差原因, 备注) may be left blank, which leaves no line: its cell is the
        # next line unless that line begins a row that fits (or a tier, or the end of the text).
        required = after[:-1] if after and after[-1] in (Col.REASON, Col.TEXT) else after
        cells = tokens[at + 1: at + 1 + len(required)]
        if (len(cells) < len(required) or _plain_misfit(name, cells, required, anchored)) and continues_last_text(found, after, name):
            last = found.rows[-1]
            found.readings.append(Reading(name.line, "text", f"line {name.line}: {name.text!r} begins no row that fits; it continues "
                                          f"the {after[-1].value} of line {last.cells[-1].line} ({last.cells[-1].text!r}), which stops mid-sentence"))
            last.cells[-1] = Cell(last.cells[-1].text + name.text, last.cells[-1].line)
            at += 1
            continue
        if len(cells) < len(required):
            found.cut = name.line
            found.skipped.append(Skipped(name.line, f"the text ends inside the row of {name.text!r}: its values are missing", True, name.text))
            break
        misfit = _plain_misfit(name, cells, required, anchored)
        if misfit:
            # A tier label further down starts a row again for certain: the lines up to it are reported,
            # and the table is read on from there.
            again = next((n for n in range(at + 1, len(tokens)) if tier1_of(tokens[n].text) or tier2_of(tokens[n].text)), None)
            if again is not None and (again - at > 6 or any(
                    label_match(t.text, ALL_LABELS) or TITLE.search(fold(t.text)) or FORM_TITLE.search(fold(t.text))
                    or HEADER_CELL.fullmatch(label_key(t.text)) or is_stop(t.text) for t in tokens[at: again])):
                again = None  # not a row's cells before it: another form, the text below the table
            where = f"the lines up to the next tier ({tokens[again].text!r}, line {tokens[again].line})" if again is not None else "the rest of the table"
            found.skipped.append(Skipped(name.line, f"the cells after {name.text!r} do not fit the header's columns "
                                         f"({' '.join(c.text for c in cells)}): {misfit}; this row and {where} are not read "
                                         "(a cell left empty or wrapped onto a line of its own)", True, name.text))
            if again is None:
                break
            found.skipped += [Skipped(t.line, f"after the row of {name.text!r}, which does not fit the header's columns: not read", True, t.text)
                              for t in tokens[at + 1: again]]
            at = again
            continue
        at += 1 + len(required)
        if len(required) < len(after):
            text = tokens[at] if at < len(tokens) else None
            ahead = tokens[at + 1: at + 1 + len(required)]
            blank = text is None or bool(tier1_of(text.text) or tier2_of(text.text)) or is_stop(text.text) \
                or (len(ahead) == len(required) and _plain_misfit(text, ahead, required, anchored) is None) \
                or (bool(ahead) and value_shaped(ahead[0].text) and not value_shaped(text.text))  # a name, its value next
            if not blank:
                assert text is not None
                # The line may as well be a wrapped value's end (改善 under 得到明显) or a wrapped name's start
                # (享受高龄补贴的80周岁以上老 / 年人人数): that is no text column's to keep.
                joined = Cell(text.text + ahead[0].text, text.line) if ahead else None
                wrapped = (not anchored and len(text.text.strip()) <= 4 and reads_as_value(text.text) and text.text.strip() not in ("无", "-", "—", "/")) \
                    or (joined is not None and len(text.text) >= 6 and not re.search(r"[。；;!！]$", text.text)
                        and _plain_misfit(joined, tokens[at + 2: at + 2 + len(required)], required, anchored) is None
                        and len(tokens[at + 2: at + 2 + len(required)]) == len(required))
                if wrapped:
                    found.skipped.append(Skipped(name.line, f"the line after the row of {name.text!r} ({text.text!r}) may be its "
                                                 f"{after[-1].value} or a name or value wrapped onto its line: this row and the rest "
                                                 "of the table are not read", True, name.text))
                    break
                cells = [*cells, text]
                at += 1
        found.rows.append(tiers.row(name, cells, positional=True))
    if found.rows:
        found.readings.append(Reading(header.end_line, "tier", f"lines {found.rows[0].name.line}–{found.rows[-1].name.line}: one cell a line, "
                                      "each row given the tiers printed above it (a PDF's text may print a merged tier cell at the middle "
                                      "of its rows)"))
    return found


def _plain_misfit(name: Cell, cells: list[Cell], after: list[Col], anchored: bool) -> str | None:
    """Why a row of one-cell-a-line text does not fit the header's columns, or None."""
    if value_shaped(name.text):
        return f"a value where its name belongs ({name.text!r})"
    for col, cell in zip(after, cells):
        if tier1_of(cell.text) or tier2_of(cell.text):
            return f"a tier ({cell.text!r}) inside the row"
        if col in (Col.WEIGHT, Col.SCORE, Col.RATE, Col.NATURE, Col.UNIT) and not fits_column(col, cell.text):
            return f"{cell.text!r} under {col.value}"
        if col in (Col.TARGET, Col.ACTUAL) and not anchored and not reads_as_value(cell.text):
            return f"{cell.text!r} in a value's place reads as no value"
    return None
