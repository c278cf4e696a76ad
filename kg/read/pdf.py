"""Stage 1 for PDFs: a disclosure PDF → the tab-separated lines the text path reads, with where
each line came from (page, row) and what the ruling lines say about merged cells.

Built on pypdfium2 (Apache-2.0/BSD-3): each character with its box, each path object as ruling
lines. Per page: rulings are merged into horizontal and vertical lines; lines that touch form a
table; the tables' x- and y-positions give columns and rows; a missing inner ruling merges two
grid positions into one cell. Every row becomes one line, its cells joined by tabs, a merged
cell's text on the first row it covers on that page (as the text extractions kg reads print it);
text outside tables (headings, "金额单位：万元") becomes lines of its own; a blank line ends a page.
Header rows repeated at the top of a continued table are left out.

A merged cell cut by a page break continues on the next page: geometry says so when the part on
the first page has no ruling under it, or the part on the next page none above it. For 预算表12
this decides which project a row at a page break belongs to (kg.read.geometry); the text path's
own evidence applies only where geometry cannot tell. kg.read.source turns the extract into the
SourceText every reader takes (this module imports no other reader, so nothing imports in a circle).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import ParseError
from kg.read.pages import is_page_furniture
from kg.records import Position

OCR_HINT = "no text layer: run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`, tesseract with its chi_sim model)"
_TOLERANCE = 1.5  # points: rulings this close are one line; Chromium draws borders as 0.75 pt rectangles
_THIN = 2.5  # a path object this thin in one direction is a ruling
_PROJECT_CODE = re.compile(r"\d{8}\s*T(?:\s*\d){12}\s*[-－—]")


@dataclass(frozen=True)
class Place:
    """Where an extract line came from: its page (1-based) and the row of that page's table
    (1-based; None for text outside the tables, such as a heading)."""

    page: int
    row: int | None


@dataclass(frozen=True)
class MergedCell:
    """One merged cell of a column, followed across page breaks: the extract lines of the rows it
    covers, the project code printed in it (if any), and how each page break was crossed."""

    column: int
    lines: tuple[int, ...]
    pages: tuple[int, ...]
    code: str | None
    crossings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfLayout:
    """What the PDF told beyond the text: the place of every extract line, and the merged
    project-name cells of 预算表12."""

    pages: int
    places: tuple[Place | None, ...]  # one per extract line; None for a blank line
    project_cells: tuple[MergedCell, ...] = ()
    notes: tuple[str, ...] = ()  # what was left out of the text, and why (a seal's slanted characters)

    def place(self, line: int) -> Place | None:
        return self.places[line - 1] if 1 <= line <= len(self.places) else None

    def positions(self) -> dict[int, Position]:
        """Extract line → its page and row (kg.records.Position), for the Disclosure's ``positions``."""
        return {line: Position(page=place.page, row=place.row) for line, place in enumerate(self.places, start=1) if place is not None}

    def owners(self) -> dict[int, MergedCell]:
        """Extract line → the merged project cell that covers it (rows of 预算表12 only)."""
        return {line: cell for cell in self.project_cells for line in cell.lines}


# ---- geometry: characters and rulings of one page, in display coordinates (y down) ------------------


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y0: float  # top
    y1: float  # bottom
    wide: bool = False  # a full-width character: it advances by one em

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Rule:
    at: float  # y of a horizontal ruling, x of a vertical one
    start: float
    end: float


class _View:
    """PDF user space → the page as displayed (its /Rotate applied), origin top-left, y down."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rotation = rotation % 360

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 90:
            return y - self.y0, x - self.x0
        if r == 180:
            return self.x1 - x, y - self.y0
        if r == 270:
            return self.y1 - y, self.x1 - x
        return x - self.x0, self.y1 - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _clip_box(text_object) -> tuple[float, float, float, float] | None:  # type: ignore[no-untyped-def]
    """The box a text object is clipped to (the intersection of its clip paths' boxes, in PDF user
    space), or None where it is not clipped."""
    from pypdfium2 import raw

    clip = raw.FPDFPageObj_GetClipPath(text_object)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    box: tuple[float, float, float, float] | None = None
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for k in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, k), x, y)
            xs.append(x.value)
            ys.append(y.value)
        if xs:
            left, bottom, right, top = min(xs), min(ys), max(xs), max(ys)
            box = (left, bottom, right, top) if box is None else (max(box[0], left), max(box[1], bottom), min(box[2], right), min(box[3], top))
    return box


_SLANT = 0.05  # radians (3°) off a multiple of 90° make a character slanted: a seal's, not a table's


def _slanted(matrix: object) -> bool:
    """Whether a character's baseline (the direction of its matrix's x axis) is oblique. Not pdfium's
    character angle: that counts a shear too, and an italic a Chinese font without one is given
    (宋体 in Word, a page's <i>) is a shear, with a level baseline."""
    angle = math.atan2(matrix.b, matrix.a) % (math.pi / 2)  # type: ignore[attr-defined]
    return min(angle, math.pi / 2 - angle) > _SLANT


def _chars(page, textpage, view: _View, slanted: list[str] | None = None) -> list[_Char]:  # type: ignore[no-untyped-def]
    """The page's characters in display coordinates; ``slanted`` collects those printed at an angle
    (a seal's text along its circle, a stamp set askew), which are no table's text and are left out."""
    from pypdfium2 import raw

    out = []
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    handle = textpage.raw
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    for i in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, i) == 1:
            continue  # pdfium's own spaces and line breaks: spaces and rows are read from the boxes
        code = raw.FPDFText_GetUnicode(handle, i)
        if code == 2:
            code = 0x2D  # pdfium reports a hyphen it takes for a word break as 0x02: it is a "-"
        if code < 32 or code in (0xFFFE, 0xFFFF):
            continue
        if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
            continue
        if raw.FPDFText_GetMatrix(handle, i, matrix) and _slanted(matrix):
            if slanted is not None:
                slanted.append(chr(code))
            continue
        text_object = raw.FPDFText_GetTextObject(handle, i)
        key = ctypes.cast(text_object, ctypes.c_void_p).value
        if key not in clips:
            clips[key] = _clip_box(text_object) if text_object else None
        clip = clips[key]
        middle_x, middle_y = (rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2
        if clip is not None and not (clip[0] - _THIN <= middle_x <= clip[2] + _THIN and clip[1] - _THIN <= middle_y <= clip[3] + _THIN):
            # Clipped out of sight: a spreadsheet's merged cell cut by a page break draws its whole text on
            # each page it covers, clipped to the page's part of the cell (LibreOffice); only what shows is read.
            continue
        x0, y0, x1, y1 = view.box(rect.left, rect.bottom, rect.right, rect.top)
        char = chr(code)
        out.append(_Char(char, x0, x1, y0, y1, unicodedata.east_asian_width(char) in "WF"))
    return out


def _rulings(page, view: _View) -> tuple[list[_Rule], list[_Rule]]:  # type: ignore[no-untyped-def]
    """Horizontal and vertical rulings: thin filled rectangles (Chromium, most office suites) and
    the straight segments of stroked paths (reportlab, LibreOffice)."""
    from pypdfium2 import raw

    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    # The types the binding declares (int* and FPDF_BOOL*: c_int in pypdfium2 5, c_bool in some earlier builds).
    fill_type, stroke_type = (pointer._type_ for pointer in raw.FPDFPath_GetDrawMode.argtypes[1:])
    fill, stroke = fill_type(), stroke_type()
    px, py = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        if x1 - x0 <= _THIN and y1 - y0 > _THIN:
            vertical.append(_Rule((x0 + x1) / 2, y0, y1))
        elif y1 - y0 <= _THIN and x1 - x0 > _THIN:
            horizontal.append(_Rule((y0 + y1) / 2, x0, x1))

    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        handle = obj.raw
        if not raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = view.box(left.value, bottom.value, right.value, top.value)
        if x1 - x0 <= _THIN or y1 - y0 <= _THIN:
            add(x0, y0, x1, y1)
            continue
        raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value:
            continue  # a filled area (shading), not a line
        raw.FPDFPageObj_GetMatrix(handle, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for k in range(raw.FPDFPath_CountSegments(handle)):
            segment = raw.FPDFPath_GetPathSegment(handle, k)
            raw.FPDFPathSegment_GetPoint(segment, px, py)
            here = view.point(a * px.value + c * py.value + e, b * px.value + d * py.value + f)
            if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO:
                start = here
            elif points:
                (ax, ay) = points[-1]
                add(min(ax, here[0]), min(ay, here[1]), max(ax, here[0]), max(ay, here[1]))
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                add(min(start[0], here[0]), min(start[1], here[1]), max(start[0], here[0]), max(start[1], here[1]))
            points.append(here)
    return _merge(horizontal), _merge(vertical)


def _merge(rules: list[_Rule]) -> list[_Rule]:
    """Collinear pieces (one per cell border) joined into lines."""
    rules.sort(key=lambda r: (r.at, r.start))
    rows: list[list[_Rule]] = []
    for rule in rules:
        if rows and abs(rows[-1][0].at - rule.at) <= _TOLERANCE:
            rows[-1].append(rule)
        else:
            rows.append([rule])
    merged = []
    for group in rows:
        at = sum(r.at for r in group) / len(group)
        group.sort(key=lambda r: r.start)
        current = _Rule(at, group[0].start, group[0].end)
        for rule in group[1:]:
            if rule.start <= current.end + _TOLERANCE:
                current.end = max(current.end, rule.end)
            else:
                merged.append(current)
                current = _Rule(at, rule.start, rule.end)
        merged.append(current)
    return merged


_SAME_POSITION = _TOLERANCE * 2  # rulings this close are one grid line (two tables' borders, drawn apart)


def _covers(rules: list[_Rule], at: float, start: float, end: float) -> bool:
    """Whether a ruling at ``at`` (a grid line of _positions: any ruling it gathered) covers the middle of [start, end]."""
    middle_start, middle_end = start + (end - start) * 0.3, end - (end - start) * 0.3
    return any(abs(r.at - at) <= _SAME_POSITION and r.start <= middle_start + _TOLERANCE and r.end >= middle_end - _TOLERANCE for r in rules)


def _positions(values: Iterable[float]) -> list[float]:
    """The grid lines of a table's rulings: each the first of the rulings within _SAME_POSITION of it."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SAME_POSITION:
            out.append(value)
    return out


# ---- tables of one page ---------------------------------------------------------------------


@dataclass
class _Cell:
    top: int  # first row on this page
    bottom: int  # last row on this page
    left: int
    right: int
    chars: list[_Char] = field(default_factory=list)

    def text(self) -> str:
        return _text_of(self.chars, "")


@dataclass
class _Table:
    xs: list[float]
    ys: list[float]
    cells: list[_Cell]
    at: dict[tuple[int, int], _Cell]
    open_top: set[int]  # columns whose first cell has no ruling above it
    open_bottom: set[int]  # columns whose last cell has no ruling below it

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    def row_texts(self, row: int) -> list[str]:
        texts = []
        for column in range(self.columns):
            cell = self.at[row, column]
            texts.append(cell.text() if cell.top == row and cell.left == column else "")
        return texts



def _text_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in lines, top to bottom, each line left to right: a character joins the line
    above when their centres are less than half the taller one's height apart."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines and abs(lines[-1][0].cy - ch.cy) < max(lines[-1][0].height, ch.height) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines

def _text_of(chars: list[_Char], line_join: str) -> str:
    """Characters → text: lines by their vertical centre, each read left to right; a gap wider
    wider than a tenth of the line height is a space. Lines of a cell are joined without a space (CJK text wraps
    anywhere), lines outside tables with ``line_join``. A space is a space glyph or a gap."""
    if not chars:
        return ""
    lines = _text_lines(chars)
    parts = []
    for line in lines:
        line.sort(key=lambda c: c.x0)
        # the em: the widest full-width character's box (fonts embedded as Type 3 give some
        # glyphs only their ink box, narrower and centred in the em)
        em = max((c.x1 - c.x0 for c in line if c.wide), default=max(c.height for c in line))
        text = line[0].text
        for before, ch in itertools.pairwise(line):
            end = max(before.x1, before.cx + em / 2) if before.wide else before.x1
            start = min(ch.x0, ch.cx - em / 2) if ch.wide else ch.x0
            # a gap wider than a sixth of an em is a space the producer did not draw (Chromium
            # draws no space glyphs; a space is a quarter em in CJK fonts)
            if start - end > em / 6 and before.text != " " and ch.text != " ":
                text += " "
            text += ch.text
        parts.append(text)
    return "".join(parts).strip() if line_join == "" else line_join.join(p.strip() for p in parts)


def _tables(horizontal: list[_Rule], vertical: list[_Rule]) -> list[tuple[list[_Rule], list[_Rule]]]:
    """Rulings grouped into tables: lines that touch are one table."""
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, (kind, _) in enumerate(rules) if kind == "h"]
    vs = [i for i, (kind, _) in enumerate(rules) if kind == "v"]
    for i in hs:
        h = rules[i][1]
        for j in vs:
            v = rules[j][1]
            if h.start - _TOLERANCE <= v.at <= h.end + _TOLERANCE and v.start - _TOLERANCE <= h.at <= v.end + _TOLERANCE:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, (kind, rule) in enumerate(rules):
        group = groups.setdefault(find(i), ([], []))
        (group[0] if kind == "h" else group[1]).append(rule)
    return [g for g in groups.values() if len(g[0]) >= 1 and len(g[1]) >= 2]


def _grid(horizontal: list[_Rule], vertical: list[_Rule]) -> _Table:
    xs = _positions(r.at for r in vertical)
    top = min(min(r.start for r in vertical), min(r.at for r in horizontal))
    bottom = max(max(r.end for r in vertical), max(r.at for r in horizontal))
    ys = _positions([r.at for r in horizontal] + [top, bottom])
    # x-positions and y-positions snapped to the clustered values
    parent: dict[tuple[int, int], tuple[int, int]] = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def find(key: tuple[int, int]) -> tuple[int, int]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for r in range(len(ys) - 1):
        for c in range(1, len(xs) - 1):
            if not _covers(vertical, xs[c], ys[r], ys[r + 1]):
                parent[find((r, c))] = find((r, c - 1))
    for r in range(1, len(ys) - 1):
        for c in range(len(xs) - 1):
            if not _covers(horizontal, ys[r], xs[c], xs[c + 1]):
                parent[find((r, c))] = find((r - 1, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        members.setdefault(find(key), []).append(key)
    at: dict[tuple[int, int], _Cell] = {}
    cells = []
    for keys in members.values():
        cell = _Cell(min(k[0] for k in keys), max(k[0] for k in keys), min(k[1] for k in keys), max(k[1] for k in keys))
        cells.append(cell)
        for key in keys:
            at[key] = cell
    last = len(ys) - 2
    open_top = {c for c in range(len(xs) - 1) if not _covers(horizontal, ys[0], xs[c], xs[c + 1])}
    open_bottom = {c for c in range(len(xs) - 1) if not _covers(horizontal, ys[last + 1], xs[c], xs[c + 1])}
    return _Table(xs, ys, cells, at, open_top, open_bottom)


def _spilled_into(tables: list[_Table], ch: _Char) -> _Cell | None:
    """The cell a character below a table spilled out of: a cell cut by the page break, open at
    the bottom (no ruling closes it), whose text runs on below the table's last ruling (Chromium
    prints a merged cell's lines there when the next row went to the next page). Only just
    below the table, and only under a column left open."""
    for table in tables:
        bottom = table.ys[-1]
        if not (bottom - 1 <= ch.y0 <= bottom + 6 * ch.height and table.xs[0] <= ch.cx <= table.xs[-1]):
            continue
        if any(other is not table and bottom <= other.ys[0] <= ch.y0 for other in tables):
            continue
        column = min(max(bisect.bisect_right(table.xs, ch.cx) - 1, 0), table.columns - 1)
        if column in table.open_bottom:
            return table.at[table.rows - 1, column]
    return None


@dataclass
class _PageItem:
    top: float
    text: str | None = None  # a line of text outside tables
    table: _Table | None = None


def _page_items(chars: list[_Char], horizontal: list[_Rule], vertical: list[_Rule]) -> list[_PageItem]:
    tables = [_grid(h, v) for h, v in _tables(horizontal, vertical)]
    tables = [t for t in tables if t.rows >= 1 and t.columns >= 1]
    outside: list[_Char] = []
    for ch in chars:
        for table in tables:
            # a line cut by the page's end may straddle the table's last ruling (Chromium): a
            # character that reaches into the table is in it
            if table.xs[0] <= ch.cx <= table.xs[-1] and ch.y0 < table.ys[-1] - 1 and ch.y1 > table.ys[0] + 1:
                column = min(max(bisect.bisect_right(table.xs, ch.cx) - 1, 0), table.columns - 1)
                row = min(max(bisect.bisect_right(table.ys, ch.cy) - 1, 0), table.rows - 1)
                table.at[row, column].chars.append(ch)
                break
        else:
            outside.append(ch)
    loose: list[_Char] = []
    for line in _text_lines(outside):
        # A line below a table runs on in the cells it spilled out of only where each of its characters
        # lies under one left open: a page's footer or number (第 1 页, a browser's address and page count)
        # sitting there, or running on past the open columns, is the page's, not the cells'.
        spills = [_spilled_into(tables, ch) for ch in line]
        cells = [spill for spill in spills if spill is not None]
        if len(cells) == len(line) and not is_page_furniture(_text_of(line, " ").strip()):  # (its number too: 第 1 页)
            for ch, cell in zip(line, cells):
                cell.chars.append(ch)
        else:
            loose += line
    items = [_PageItem(t.ys[0], table=t) for t in tables]
    lines = _text_lines(loose)
    for line in lines:
        text = _text_of(line, " ").strip()
        if text:
            items.append(_PageItem(min(c.y0 for c in line), text=text))
    items.sort(key=lambda item: item.top)
    return items


# ---- pages → extract lines --------------------------------------------------------------------------


@dataclass
class _Part:
    """A table's part on one page, as written: its table, page, and extract line of each row."""

    table: _Table
    page: int
    lines: dict[int, int]  # row → extract line (rows written only)
    header_rows: int  # rows at its top that repeat the table's header (not written)
    continued: bool  # the table goes on from the page before


@dataclass
class PdfExtract:
    lines: list[str]
    layout: PdfLayout


def extract_pdf(data: bytes, path: str = "<input>") -> PdfExtract:
    """Read a PDF's pages into extract lines and their layout; ParseError for PDFs kg cannot read."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise ParseError(path, None, "the PDF is encrypted and needs a password: remove it first (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)") from error
        raise ParseError(path, None, f"not a readable PDF: {message}") from error
    try:
        return _extract(document, path)
    finally:
        document.close()


def _extract(document, path: str) -> PdfExtract:  # type: ignore[no-untyped-def]
    from pypdfium2 import raw

    out: list[str] = []
    places: list[Place | None] = []
    parts: list[list[_Part]] = []  # the tables, each a chain of parts across pages
    any_text = False
    images = 0
    previous_table: _Part | None = None
    notes: list[str] = []
    for number in range(len(document)):
        page = document[number]
        try:
            view = _View(tuple(page.get_cropbox()), page.get_rotation())  # type: ignore[arg-type]
            textpage = page.get_textpage()
            slanted: list[str] = []
            try:
                chars = _chars(page, textpage, view, slanted)
            finally:
                textpage.close()
            horizontal, vertical = _rulings(page, view)
            if not chars:
                images += sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
        finally:
            page.close()
        if any(ch.strip() for ch in slanted):
            shown = "".join(ch for ch in slanted if ch.strip())
            notes.append(f"page {number + 1}: {len(shown)} character(s) printed at a slant ({shown[:30]!r}: a seal's or "
                         "stamp's text) are left out of the text")
        any_text = any_text or bool(chars)
        items = _page_items(chars, horizontal, vertical)
        page_number = number + 1
        for index, item in enumerate(items):
            if item.text is not None:
                out.append(item.text)
                places.append(Place(page_number, None))
                out.append("")
                places.append(None)
                previous_table = None
                continue
            table = item.table
            assert table is not None
            continued = index == 0 and previous_table is not None and len(previous_table.table.xs) == len(table.xs)
            header = 0
            if continued:
                assert previous_table is not None
                first = parts[-1][0]
                header = _repeated_header(first.table, table)
            part = _Part(table, page_number, {}, header, continued)
            if continued:
                parts[-1].append(part)
            else:
                parts.append([part])
            for row in range(header, table.rows):
                texts = table.row_texts(row)
                if not any(texts):
                    continue
                out.append("\t".join(t.replace("\t", " ") for t in texts))
                places.append(Place(page_number, row + 1))
                part.lines[row] = len(out)
            previous_table = part
        if out and out[-1] != "":
            out.append("")  # a blank line ends the page, as in the text extractions kg reads
            places.append(None)
    if not any_text:
        if images:
            raise ParseError(path, None, f"{OCR_HINT} ({len(document)} page(s) of images, no text)")
        raise ParseError(path, None, f"the PDF has no text on any of its {len(document)} page(s): {OCR_HINT}")
    while out and out[-1] == "":
        out.pop()
        places.pop()
    for chain in parts:
        _texts_to_cells_first_rows(chain, out)
    cells = tuple(cell for chain in parts for cell in _project_cells(chain))
    return PdfExtract(out, PdfLayout(len(document), tuple(places), cells, tuple(notes)))


def _texts_to_cells_first_rows(chain: list[_Part], out: list[str]) -> None:
    """A merged cell cut by a page break whose text is printed on the later page only (centred in the
    whole cell: 效益指标 over rows on both pages, a project's name): its text goes to the cell's first
    row, on the earlier page, as a merged cell's text does on one page — else the earlier page's rows
    would read as the cell above's. Not the column of 预算表12's project codes, whose cells the page-break
    decisions follow with their geometry (kg.read.geometry)."""
    codes = _code_column(chain)
    for before, part in itertools.pairwise(chain):
        if before.table.columns != part.table.columns or part.header_rows >= part.table.rows:
            continue
        for column in range(part.table.columns):
            if column == codes or column not in before.table.open_bottom \
                    or not (column in part.table.open_top or not _covers_row_top(part.table, part.header_rows, column)):
                continue
            upper = before.table.at[before.table.rows - 1, column]
            lower = part.table.at[part.header_rows, column]
            if upper.text() or not lower.text() or upper.left != column or lower.left != column \
                    or upper.top not in before.lines or lower.top not in part.lines:
                continue
            upper_line, lower_line = before.lines[upper.top], part.lines[lower.top]
            upper_cells, lower_cells = out[upper_line - 1].split("\t"), out[lower_line - 1].split("\t")
            upper_cells[column], lower_cells[column] = lower_cells[column], ""
            out[upper_line - 1], out[lower_line - 1] = "\t".join(upper_cells), "\t".join(lower_cells)


def _repeated_header(first: _Table, table: _Table) -> int:
    """How many rows at the top of a continued table repeat the rows at the top of its first page."""
    count = 0
    while count < min(first.rows, table.rows) - 1 and first.row_texts(count) == table.row_texts(count) and any(table.row_texts(count)):
        count += 1
    return count


def _project_cells(chain: list[_Part]) -> list[MergedCell]:
    """The merged cells of the column that prints project codes, followed across the chain's
    page breaks; empty when the table has no project codes."""
    column = _code_column(chain)
    if column is None:
        return []
    found: list[MergedCell] = []
    open_cell: MergedCell | None = None
    for index, part in enumerate(chain):
        table = part.table
        seen: list[_Cell] = []
        for row in range(part.header_rows, table.rows):
            cell = table.at[row, column]
            if cell not in seen:
                seen.append(cell)
        for k, cell in enumerate(seen):
            lines = tuple(part.lines[r] for r in range(cell.top, cell.bottom + 1) if r in part.lines)
            text = cell.text()
            match = _PROJECT_CODE.match(text)
            code = re.sub(r"\s+", "", match.group())[:-1] if match else None
            here = MergedCell(column, lines, (part.page,), code)
            if k == 0 and open_cell is not None and index > 0:
                before = chain[index - 1]
                reasons = []
                if column in before.table.open_bottom:
                    reasons.append(f"no ruling closes the cell at the foot of page {before.page}")
                if cell.top == part.header_rows and (column in table.open_top or not _covers_row_top(table, part.header_rows, column)):
                    reasons.append(f"no ruling opens it at the top of page {part.page}")
                if reasons and (code is None or open_cell.code is None):
                    crossing = f"pages {before.page}–{part.page}: " + "; ".join(reasons)
                    open_cell = MergedCell(column, open_cell.lines + lines, open_cell.pages + (part.page,),
                                           open_cell.code or code, open_cell.crossings + (crossing,))
                    found[-1] = open_cell
                    continue
            found.append(here)
            open_cell = here
        if not seen:
            open_cell = None
    return [cell for cell in found if cell.lines]


def _covers_row_top(table: _Table, row: int, column: int) -> bool:
    """Whether a ruling is drawn above ``row`` in ``column`` (the line under a repeated header)."""
    cell = table.at[row, column]
    above = table.at.get((row - 1, column))
    return above is not None and above is not cell


def _code_column(chain: list[_Part]) -> int | None:
    counts: dict[int, int] = {}
    for part in chain:
        for cell in part.table.cells:
            if _PROJECT_CODE.match(cell.text()):
                counts[cell.left] = counts.get(cell.left, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None
