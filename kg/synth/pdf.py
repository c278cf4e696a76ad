"""Budget disclosures printed as the PDFs departments publish: the tables of a text drawn on A4
landscape pages with reportlab (BSD), for the example's test rendering
(scripts/render_example_pdf.py) and generated corpora (``kg synth --format pdf``).

One ruled table per budget table under its heading ("预算表12 …", "金额单位：万元"), the header rows
repeated on each page, 预算表12's project columns (单位名称, 项目名称, 项目总额, 财政资金, 其他资金,
绩效目标) as cells merged over the project's indicator rows, the page breaks falling where they
fall, so merged cells split across pages with no ruling at the break. The cells are the text's
cells; which project a 表12 row belongs to comes from whoever knows it (a person's reading of the
example, a generated document's truth), never from kg's reader.

Fonts: a TrueType CJK font file, subset and embedded (the example's fixture: AR PL UMing), or, by
default, reportlab's built-in CID font STSong-Light (Adobe-GB1, UniGB-UCS2-H): nothing to install
or embed, so ``pip install .`` brings everything the writer needs (no pip package ships a
TrueType CJK font), and PDFium and pdfminer read its text back through the standard CMap.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.read.pdf import extract_pdf
from kg.synth.workbook import renumber_truth

HEADING = re.compile(r"\s*预算\s*(?:\d{1,2}\s*表|表\s*\d{1,2}).*")
# Header rows of each table, counted by reading the example (they are repeated on every page);
# generated documents print the example's headers.
HEADER_ROWS = {1: 2, 3: 2, 4: 1, 5: 2, 6: 3, 7: 2, 8: 2, 9: 2, 10: 2, 11: 2, 12: 2, 13: 0}
T12_COLUMNS = 12
T12_WIDTHS = (6, 11, 6.5, 6.5, 6.5, 14, 5, 6, 14, 4, 12.5, 8)  # per cent of the table width
CID_FONT = "STSong-Light"  # reportlab's Adobe-GB1 font: no file, no embedding


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    keep: bool = False  # never cut by a page break (a project's code, an amount): cut, it could not be read back


@dataclass
class Table:
    number: int
    heading: str
    notes: list[str]
    columns: int
    header: list[list[Cell | None]]  # None: covered by a span
    body: list[list[Cell | None]] = field(default_factory=list)
    widths: tuple[float, ...] | None = None
    sources: list[int | None] = field(default_factory=list)  # body row → the text's line it renders


@dataclass(frozen=True)
class Drawn:
    """Where the renderer drew things: each body row's page and row on that page (1-based, header
    rows counted, as kg.read.pdf numbers a page's table rows), and each merged cell's first row
    with text (its text may have moved to the next page, whole)."""

    rows: dict[tuple[int, int], tuple[int, int]]  # (table index, body row) → (page, row)
    text_rows: dict[tuple[int, int, int], int]  # (table index, body row, column) of a cell → body row of its first text


# ---- the text → tables ------------------------------------------------------------------------


def read_text(lines: Sequence[str]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, notes, rows of cells) per table, in document order, each row's last cell
    ``@LINE``; blank lines dropped (the text's page breaks are the old document's, the renderer
    makes its own)."""
    tables: list[tuple[str, list[str], list[list[str]]]] = []
    for number, line in enumerate(lines, start=1):
        if "\t" not in line and HEADING.fullmatch(line):
            tables.append((line.strip(), [], []))
        elif tables and line.strip():
            if "\t" in line:
                tables[-1][2].append([c.strip() for c in line.split("\t")] + [f"@{number}"])
            elif not tables[-1][2] and line.strip():
                tables[-1][1].append(line.strip())
            else:
                tables[-1][2].append([line.strip(), f"@{number}"])
    return tables


def table_number(heading: str) -> int:
    return int(re.search(r"\d{1,2}", heading).group())  # type: ignore[union-attr]


def line_of(cells: list[str]) -> int:
    return int(cells[-1][1:])


def spanned_header(rows: list[list[str]], columns: int) -> list[list[Cell | None]]:
    """Header rows with their merged cells: a blank right of a heading whose row below is split
    (其中： over 财政资金 | 其他资金) joins it; a blank below a heading joins it (单位名称)."""
    grid = [r + [""] * (columns - len(r)) for r in rows]
    out: list[list[Cell | None]] = [[Cell(t) if t else None for t in r] for r in grid]
    for r, row in enumerate(grid):
        for c in range(columns):
            if row[c]:
                cell = out[r][c]
                assert cell is not None
                while c + cell.colspan < columns and not row[c + cell.colspan] and r + 1 < len(grid) and grid[r + 1][c + cell.colspan]:
                    cell.colspan += 1
    for r, row in enumerate(grid):
        for c in range(columns):
            cell = out[r][c]
            if cell is None:
                continue
            while r + cell.rowspan < len(grid) and all(not grid[r + cell.rowspan][k] for k in range(c, c + cell.colspan)):
                cell.rowspan += 1
    covered = {(r + i, c + j) for r, row in enumerate(out) for c, cell in enumerate(row) if cell
               for i in range(cell.rowspan) for j in range(cell.colspan) if i or j}
    return [[None if (r, c) in covered else (cell or Cell("")) for c, cell in enumerate(row)] for r, row in enumerate(out)]


def plain_table(heading: str, notes: list[str], rows: list[list[str]]) -> Table:
    """Any table but 表12, its cells as the text has them (rows tagged ``@LINE`` by read_text)."""
    number = table_number(heading)
    lines = [line_of(r) for r in rows]
    rows = [r[:-1] for r in rows]
    if number == 13:  # the activity rows, as the form prints them: 活动 in the third column
        start = next((i for i, r in enumerate(rows) if "活动" in r), len(rows))
        for i in range(start + 1, len(rows)):
            cells = rows[i]
            while cells and not cells[0]:
                cells = cells[1:]
            rows[i] = ["", ""] + cells
    columns = max(len(r) for r in rows)
    for r in rows:
        while len(r) > columns and not r[-1]:
            r.pop()
    head = HEADER_ROWS[number]
    table = Table(number, heading, notes, columns, spanned_header(rows[:head], columns))
    table.body = [[Cell(t) for t in r + [""] * (columns - len(r))] for r in rows[head:]]
    table.sources = list(lines[head:])
    return table


@dataclass
class Project:
    """One project of 预算表12, whole, as whoever knows its rows gives it."""

    unit: str
    name: str  # code-名称 as the 项目名称 cell prints it
    amounts: list[str]  # 项目总额, 财政资金, 其他资金 as printed ("" when blank)
    goal: str
    indicators: list[tuple[int | None, list[str]]]  # (the text's line, 一级 … 度量单位)


def project_rows(table: Table, projects: Sequence[Project], keep: bool = False) -> None:
    """表12's body: each project's indicator rows, its own cells merged over them (单位名称 printed
    once, at the table's top). ``keep``: the name and the amounts never cut by a page break."""
    first = True
    for project in projects:
        span = len(project.indicators)
        for k, (line, indicator) in enumerate(project.indicators):
            row: list[Cell | None] = [None] * T12_COLUMNS
            if k == 0:
                row[0] = Cell(project.unit if first else "", rowspan=span)
                first = False
                row[1] = Cell(project.name, rowspan=span, keep=keep)
                for j, amount in enumerate(project.amounts):
                    row[2 + j] = Cell(amount, rowspan=span, keep=keep)
                row[5] = Cell(project.goal, rowspan=span)
            for j, text in enumerate(indicator):
                row[6 + j] = Cell(text)
            table.body.append(row)
            table.sources.append(line)


# ---- reportlab: the layout computed here ---------------------------------------------------------


def reportlab_pdf(tables: list[Table], out: Path | io.BytesIO, font_file: str | None = None, font_index: int = 0,
                  invariant: bool = False) -> Drawn:
    """Each table laid out row by row: a row's height is its tallest cell (merged cells share
    their rows' heights, taller ones stretch their last row); a page ends when the next row does
    not fit; a merged cell then continues on the next page below the repeated header, its text
    flowing on from where it stopped, with no ruling at the break. ``font_file``: a TrueType CJK
    font (None: the CID font STSong-Light). ``invariant``: the same tables, the same bytes."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    if font_file is None:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        font = CID_FONT
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    else:
        from reportlab.pdfbase.ttfonts import TTFont

        font = "CJK"
        pdfmetrics.registerFont(TTFont(font, font_file, subfontIndex=font_index))
    width, height = landscape(A4)
    margin_x, margin_y, size, lead, pad = 28.0, 34.0, 7.5, 9.5, 2.0
    target = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=(width, height), pageCompression=1, invariant=int(invariant))
    canvas.setTitle("部门预算公开 (kg test rendering)")
    drawn_rows: dict[tuple[int, int], tuple[int, int]] = {}
    text_rows: dict[tuple[int, int, int], int] = {}
    page_number = 0

    def wrap(text: str, room: float) -> list[str]:
        lines, line = [], ""
        for ch in text:
            if pdfmetrics.stringWidth(line + ch, font, size) > room and line:
                # a space at a line's end or start is lost to any reader (a cell's lines are joined
                # without one, as CJK text wraps anywhere): the character before it goes down too
                head, tail = line, ch
                while len(head) > 1 and (head.endswith(" ") or tail.startswith(" ")):
                    head, tail = head[:-1], head[-1] + tail
                lines.append(head)
                line = tail
            else:
                line += ch
        if line or not lines:
            lines.append(line)
        return lines

    for table_index, table in enumerate(tables):
        usable = width - 2 * margin_x
        weights = table.widths or (1,) * table.columns
        xs = [margin_x]
        for w in weights:
            xs.append(xs[-1] + usable * w / sum(weights))
        grid = table.header + table.body
        head = len(table.header)
        # wrapped lines of every cell
        lines: dict[tuple[int, int], list[str]] = {}
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is not None:
                    lines[r, c] = wrap(cell.text, xs[c + cell.colspan] - xs[c] - 2 * pad) if cell.text else []
        heights = []
        for r, row in enumerate(grid):
            single = [len(lines[r, c]) for c, cell in enumerate(row) if cell is not None and cell.rowspan == 1]
            heights.append(max([1, *single]) * lead + 2 * pad)
        # a merged cell taller than its rows stretches its last row
        for (r, c), text in lines.items():
            cell = grid[r][c]
            assert cell is not None
            if cell.rowspan > 1 and r >= head:
                need = len(text) * lead + 2 * pad
                have = sum(heights[r : r + cell.rowspan])
                if need > have:
                    heights[r + cell.rowspan - 1] += need - have
        # pages: lists of body rows
        top_first = height - margin_y - 40
        top_next = height - margin_y
        pages: list[list[int]] = [[]]
        room = top_first - margin_y - sum(heights[:head])
        for r in range(head, len(grid)):
            if heights[r] > room and pages[-1]:
                pages.append([])
                room = top_next - margin_y - sum(heights[:head])
            pages[-1].append(r)
            room -= heights[r]
        owner: dict[tuple[int, int], tuple[int, int]] = {}  # grid position → the cell that covers it
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is not None:
                    for i in range(cell.rowspan):
                        for j in range(cell.colspan):
                            owner[r + i, c + j] = (r, c)
        shown: dict[tuple[int, int], int] = {}  # merged cell → lines already printed
        for number, rows in enumerate(pages):
            page_number += 1
            y = top_first if number == 0 else top_next
            if number == 0:
                canvas.setFont(font, 13)
                canvas.drawCentredString(width / 2, height - margin_y - 14, table.heading)
                canvas.setFont(font, size)
                for note in table.notes:
                    if "金额" in note:
                        canvas.drawRightString(width - margin_x, top_first + 4, note)
                    else:
                        canvas.drawCentredString(width / 2, height - margin_y - 28, note)
            canvas.setFont(font, size)
            band = list(range(head)) + rows
            for k, r in enumerate(rows):
                drawn_rows[table_index, r - head] = (page_number, head + k + 1)
            tops = {}
            for r in band:
                tops[r] = y
                y -= heights[r]
            canvas.setLineWidth(0.6)

            def part(key: tuple[int, int]) -> tuple[Cell, list[int], float, float, bool, int]:
                """A cell's part on this page: its rows, top, bottom, whether it ends here, and how
                many of its text lines fit."""
                cell = grid[key[0]][key[1]]
                assert cell is not None
                on_page = [k for k in band if key[0] <= k < key[0] + cell.rowspan]
                y0 = tops[on_page[0]]
                y1 = tops[on_page[-1]] - heights[on_page[-1]]
                ends_here = key[0] + cell.rowspan - 1 in on_page
                fit = len(lines[key]) - shown.get(key, 0) if ends_here else max(0, int((y0 - y1 - 2 * pad) // lead))
                return cell, on_page, y0, y1, ends_here, fit

            # cells kept whole are kept together: when one of a row's (a project's name) moves to
            # the next page, the others (its amounts) go with it
            keys = dict.fromkeys(owner[r, c] for r in band for c in range(table.columns))
            postponed = set()
            for key in keys:
                cell, _, _, _, _, fit = part(key)
                if cell.keep and shown.get(key, 0) + fit < len(lines[key]):
                    postponed.add(key[0])
            drawn = set()
            for r in band:
                for c in range(table.columns):
                    key = owner[r, c]
                    if key in drawn:
                        continue
                    drawn.add(key)
                    cell, on_page, y0, y1, ends_here, fit = part(key)
                    x0, x1 = xs[key[1]], xs[key[1] + cell.colspan]
                    canvas.line(x0, y0, x0, y1)
                    canvas.line(x1, y0, x1, y1)
                    if key[0] in on_page:  # a continued cell has no ruling above it ...
                        canvas.line(x0, y0, x1, y0)
                    if ends_here:  # ... and a cut one none below
                        canvas.line(x0, y1, x1, y1)
                    # its text: the lines that fit in this page's part, the rest on the next
                    text = lines[key]
                    done = shown.get(key, 0)
                    if cell.keep and key[0] in postponed:
                        fit = 0  # a code or an amount is printed whole, on the next page
                    for k, line in enumerate(text[done : done + fit]):
                        canvas.drawString(x0 + pad, y0 - pad - size - k * lead + 1, line)
                    if fit and not done and key[0] >= head:
                        text_rows[table_index, key[0] - head, key[1]] = on_page[0] - head
                    shown[key] = done + fit
            canvas.showPage()
    canvas.save()
    return Drawn(drawn_rows, text_rows)


# ---- generated documents (kg synth --format pdf) ------------------------------------------------------


def document_tables(text: str, truth: dict[str, Any]) -> list[Table]:
    """A generated document's tables: 表12 drawn from the truth (each project whole, its rows in
    the truth's order), the other tables from the text's cells."""
    unit = f"{truth['unit_code']}-{truth['unit_name']}" if truth.get("unit_code") and truth.get("unit_name") else ""
    projects = [
        Project(unit, f"{p['code']}-{p['name']}", [p["total"] or "", p["fiscal"] or "", p["other"] or ""], p["goal"] or "",
                [(i["line"], [i["tier1"], i["tier2"], i["name"], i["comparator"], i["value_text"] or "", i["unit"] or ""])
                 for i in p["indicators"]])
        for p in truth["projects"] if p["indicators"]
    ]
    tables = []
    for heading, notes, rows in read_text(text.split("\n")):
        if table_number(heading) == 12:
            header = [r[:-1] for r in rows[: HEADER_ROWS[12]]]
            table = Table(12, heading, notes, T12_COLUMNS, spanned_header(header, T12_COLUMNS), widths=T12_WIDTHS)
            project_rows(table, projects, keep=True)
            tables.append(table)
        else:
            tables.append(plain_table(heading, notes, rows))
    return tables


def document_pdf(text: str, truth: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """A generated document (kg.synth.generate) as a PDF, and its truth with every line renumbered
    to the line it has in the PDF's extract (`kg extract`). The renderer says on which page and
    row it drew each of the text's rows; kg.read.pdf only numbers those places as its extract
    lines (page by page, a blank line at each page's end), so the truth's projects, their rows
    and their values stay the truth's, and the reader's must match them."""
    tables = document_tables(text, truth)
    out = io.BytesIO()
    drawn = reportlab_pdf(tables, out, invariant=True)
    data = out.getvalue()
    places = extract_pdf(data).layout.places
    line_at = {(place.page, place.row): line for line, place in enumerate(places, start=1) if place is not None}
    mapping: dict[int, int] = {}
    for (table_index, body_row), place in drawn.rows.items():
        source = tables[table_index].sources[body_row]
        if source is not None and place in line_at:
            mapping.setdefault(source, line_at[place])
    renumbered = renumber_truth(truth, mapping)
    # A project's line is the row its code is printed on: its first row, or, when the page broke
    # inside the project before its name could be printed whole, the first row of the next page.
    t12 = next(i for i, t in enumerate(tables) if t.number == 12) if any(t.number == 12 for t in tables) else None
    if t12 is not None:
        body = 0
        for project in renumbered["projects"]:
            if not project["indicators"]:
                continue
            first = drawn.text_rows.get((t12, body, 1), body)
            page_row = drawn.rows[t12, first]
            project["line"] = line_at.get(page_row, project["line"])
            body += len(project["indicators"])
    return data, renumbered
