#!/usr/bin/env python3
"""Render the bundled example as the disclosure PDFs departments publish, for kg's PDF tests.

The PDFs in tests/data/pdf/ were made by this script; run it again to remake them:

    python3 scripts/render_example_pdf.py --out tests/data/pdf

Every rendering is A4 landscape, one ruled table per budget table under its heading ("预算表12 …",
"金额单位：万元"), the header rows repeated on each page, and 预算表12's project columns (单位名称,
项目名称, 项目总额, 财政资金, 其他资金, 绩效目标) as cells merged over the project's indicator rows,
the page breaks falling where they fall, so merged cells split across pages. The cells are the
text's cells; which project a 表12 row belongs to comes from tests/data/pdf/example-assignment.tsv,
checked by reading the text (its header says how), never from kg's own decisions.

Two independent ways to print:
  chromium   HTML with rowspan cells, printed by headless Chromium (`chromium --print-to-pdf`);
             Debian packages chromium, fonts-noto-cjk (OpenType CFF), fonts-wqy-zenhei (TrueType).
  reportlab  the layout computed here and drawn with reportlab's canvas in a TrueType CJK font
             (AR PL UMing, Debian fonts-arphic-uming), subset and embedded by reportlab.
and one derived file:
  rotated    the Chromium/WenQuanYi rendering with every page stored portrait and shown landscape (/Rotate 90),
             as scanners and some publishing systems store landscape pages (needs pypdf).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"
ASSIGNMENT = ROOT / "tests" / "data" / "pdf" / "example-assignment.tsv"

HEADING = re.compile(r"\s*预算\s*(?:\d{1,2}\s*表|表\s*\d{1,2}).*")
# Header rows of each table, counted by reading the example (they are repeated on every page).
HEADER_ROWS = {1: 2, 3: 2, 4: 1, 5: 2, 6: 3, 7: 2, 8: 2, 9: 2, 10: 2, 11: 2, 12: 2, 13: 0}
TIER1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
CODE = re.compile(r"\d{8}\s*T(?:\s*\d){12}\s*[-－—]")
AMOUNT = re.compile(r"[\d,.\s]+")
T12_COLUMNS = 12
T12_WIDTHS = (6, 11, 6.5, 6.5, 6.5, 14, 5, 6, 14, 4, 12.5, 8)  # per cent of the table width


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    keep: bool = False  # never wrapped (a project's code, an amount): cut, it could not be read back


@dataclass
class Table:
    number: int
    heading: str
    notes: list[str]
    columns: int
    header: list[list[Cell | None]]  # None: covered by a span
    body: list[list[Cell | None]] = field(default_factory=list)
    widths: tuple[int, ...] | None = None


# ---- the text → tables ------------------------------------------------------------------------


def read_text(path: Path) -> list[tuple[str, str, list[list[str]]]]:
    """(heading, notes, rows of cells) per table, in document order; blank lines dropped (the
    text's page breaks are the old document's, the renderer makes its own)."""
    tables: list[tuple[str, list[str], list[list[str]]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
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
    number = table_number(heading)
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
    return table


def read_assignment(path: Path) -> dict[int, tuple[str, set[str]]]:
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            number, code, role = line.split("\t")
            out[int(number)] = (code, set(role.split("+")))
    return out


@dataclass
class Project:
    unit: str
    name: str
    amounts: list[str]
    goal: list[tuple[int, str]]
    indicators: list[tuple[int, list[str]]]


def project_table(heading: str, notes: list[str], rows: list[list[str]], assignment: dict[int, tuple[str, set[str]]]) -> Table:
    """表12 from its rows: each project's cells from its code row and the fragments the
    assignment file gives it, its indicator rows in the order of the text."""
    header, body = rows[:2], rows[2:]
    projects: dict[str, Project] = {}
    for cells in body:
        number = line_of(cells)
        cells = cells[:-1]
        if number not in assignment:
            continue  # a column header or the amount note: not a row of a project
        code, roles = assignment[number]
        tier = next((i for i, c in enumerate(cells) if c in TIER1), None)
        left = cells if tier is None else cells[:tier]
        if "start" in roles:
            at = next(i for i, c in enumerate(left) if CODE.match(c))
            unit = " ".join(c for c in left[:at] if c)
            after = left[at + 1 :]
            amounts: list[str] = []
            while after and (not after[0] or AMOUNT.fullmatch(after[0])) and len(amounts) < 3:
                amounts.append(after.pop(0))
            goal = [c for c in after if c]
            assert len(goal) <= 1, number
            # rows before the code row (a page break in the text) may have made the project already
            project = projects.setdefault(code, Project("", "", ["", "", ""], [], []))
            project.unit, project.name = unit, left[at] + project.name
            project.amounts = amounts + [""] * (3 - len(amounts))
            project.goal += [(number, goal[0])] if goal else []
        project = projects.setdefault(code, Project("", "", ["", "", ""], [], []))
        filled = [(i, c) for i, c in enumerate(left) if c]
        if "start" not in roles:
            if "name" in roles:
                project.name += next(c for i, c in filled if i <= 1)
            if "goal" in roles:
                project.goal.append((number, next(c for i, c in filled if i > 1)))
        if tier is not None:
            part = cells[tier:]
            while len(part) > 6 and not part[-1]:
                part.pop()
            assert len(part) <= 6, number
            project.indicators.append((number, part + [""] * (6 - len(part))))
    # The assignment file lists rows under codes before the code row itself (page breaks):
    # make sure every project got its code row.
    assert all(p.name for p in projects.values()), [c for c, p in projects.items() if not p.name]
    table = Table(12, heading, notes, T12_COLUMNS, spanned_header([r[:-1] for r in header], T12_COLUMNS), widths=T12_WIDTHS)
    unit = next(p.unit for p in projects.values() if p.unit)
    first = True
    for project in sorted(projects.values(), key=lambda p: min(n for n, _ in p.indicators)):
        span = len(project.indicators)
        goal = "".join(t for _, t in sorted(project.goal))
        for k, (_, indicator) in enumerate(sorted(project.indicators)):
            row: list[Cell | None] = [None] * T12_COLUMNS
            if k == 0:
                # 单位名称, merged like the project's own cells; printed once, at the table's top
                row[0] = Cell(unit if first else "", rowspan=span)
                first = False
                row[1] = Cell(project.name, rowspan=span)
                for j, amount in enumerate(project.amounts):
                    row[2 + j] = Cell(amount, rowspan=span)
                row[5] = Cell(goal, rowspan=span)
            for j, text in enumerate(indicator):
                row[6 + j] = Cell(text)
            table.body.append(row)
    return table


def example_tables(text: Path = EXAMPLE, assignment: Path = ASSIGNMENT) -> list[Table]:
    given = read_assignment(assignment)
    tables = []
    for heading, notes, rows in read_text(text):
        if table_number(heading) == 12:
            tables.append(project_table(heading, notes, rows, given))
        else:
            tables.append(plain_table(heading, notes, rows))
    return tables


# ---- HTML printed by Chromium ------------------------------------------------------------------

CSS = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "%(font)s"; font-size: 8pt; margin: 0; }
section { break-before: page; }
section:first-child { break-before: auto; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 4pt; font-weight: normal; }
p.note { text-align: right; margin: 0 0 3pt; }
p.year { text-align: center; margin: 0 0 3pt; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
td, th { border: 0.6pt solid #000; padding: 1.5pt 2pt; vertical-align: top; text-align: left;
         font-weight: normal; word-break: break-all; overflow-wrap: anywhere; white-space: pre-wrap; }
th { text-align: center; vertical-align: middle; }
td:not([rowspan]) { break-inside: avoid; }
span.nowrap { white-space: nowrap; font-size: 7pt; }
span.code { font-size: 6pt; display: block; }

"""


def to_html(tables: list[Table], font: str) -> str:
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><style>{CSS % {'font': font}}</style></head><body>"]
    for table in tables:
        parts.append(f"<section><h1>{html.escape(table.heading)}</h1>")
        for note in table.notes:
            parts.append(f"<p class='{'note' if '金额' in note else 'year'}'>{html.escape(note)}</p>")
        parts.append("<table>")
        if table.widths:
            parts.append("<colgroup>" + "".join(f"<col style='width:{w}%'>" for w in table.widths) + "</colgroup>")
        if table.header:
            parts.append("<thead>" + "".join(_tr(r, "th") for r in table.header) + "</thead>")
        parts.append("<tbody>" + "".join(_tr(r, "td") for r in table.body) + "</tbody></table></section>")
    parts.append("</body></html>")
    return "".join(parts)


def _tr(row: list[Cell | None], tag: str) -> str:
    cells = []
    for cell in row:
        if cell is None:
            continue
        span = (f" rowspan='{cell.rowspan}'" if cell.rowspan > 1 else "") + (f" colspan='{cell.colspan}'" if cell.colspan > 1 else "")
        # spaces as no-break spaces: a line never wraps at one, for where a wrap swallows a space
        # no reader can tell it was there
        text = html.escape(cell.text).replace(" ", chr(0xA0))
        if cell.keep:  # a project code or an amount cut by a line or page break could not be read back
            code = CODE.match(cell.text)
            if code:
                head = html.escape(code.group()).replace(" ", chr(0xA0))
                text = f"<span class='nowrap code'>{head}</span>{text[len(head):]}"
            else:
                text = f"<span class='nowrap'>{text}</span>"
        cells.append(f"<{tag}{span}>{text}</{tag}>")
    return "<tr>" + "".join(cells) + "</tr>"


def chromium_pdf(tables: list[Table], out: Path, font: str) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("render_example_pdf: Chromium not found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "example.html"
        page.write_text(to_html(tables, font), encoding="utf-8")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
             f"--print-to-pdf={out}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


# ---- reportlab: the layout computed here ---------------------------------------------------------


def reportlab_pdf(tables: list[Table], out: Path, font_file: str, font_index: int = 0) -> None:
    """Each table laid out row by row: a row's height is its tallest cell (merged cells share
    their rows' heights, taller ones stretch their last row); a page ends when the next row does
    not fit; a merged cell then continues on the next page below the repeated header, its text
    flowing on from where it stopped, with no ruling at the break."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("CJK", font_file, subfontIndex=font_index))
    width, height = landscape(A4)
    margin_x, margin_y, size, lead, pad = 28.0, 34.0, 7.5, 9.5, 2.0
    canvas = Canvas(str(out), pagesize=(width, height), pageCompression=1)
    canvas.setTitle("部门预算公开 (kg test rendering)")

    def wrap(text: str, room: float) -> list[str]:
        lines, line = [], ""
        for ch in text:
            if pdfmetrics.stringWidth(line + ch, "CJK", size) > room and line:
                lines.append(line)
                line = ch
            else:
                line += ch
        if line or not lines:
            lines.append(line)
        return lines

    for table in tables:
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
            y = top_first if number == 0 else top_next
            if number == 0:
                canvas.setFont("CJK", 13)
                canvas.drawCentredString(width / 2, height - margin_y - 14, table.heading)
                canvas.setFont("CJK", size)
                for note in table.notes:
                    if "金额" in note:
                        canvas.drawRightString(width - margin_x, top_first + 4, note)
                    else:
                        canvas.drawCentredString(width / 2, height - margin_y - 28, note)
            canvas.setFont("CJK", size)
            band = list(range(head)) + rows
            tops = {}
            for r in band:
                tops[r] = y
                y -= heights[r]
            canvas.setLineWidth(0.6)
            drawn = set()
            for r in band:
                for c in range(table.columns):
                    key = owner[r, c]
                    if key in drawn:
                        continue
                    drawn.add(key)
                    cell = grid[key[0]][key[1]]
                    assert cell is not None
                    on_page = [k for k in band if key[0] <= k < key[0] + cell.rowspan]
                    x0, x1 = xs[key[1]], xs[key[1] + cell.colspan]
                    y0 = tops[on_page[0]]
                    y1 = tops[on_page[-1]] - heights[on_page[-1]]
                    ends_here = key[0] + cell.rowspan - 1 in on_page
                    canvas.line(x0, y0, x0, y1)
                    canvas.line(x1, y0, x1, y1)
                    if key[0] in on_page:  # a continued cell has no ruling above it ...
                        canvas.line(x0, y0, x1, y0)
                    if ends_here:  # ... and a cut one none below
                        canvas.line(x0, y1, x1, y1)
                    # its text: the lines that fit in this page's part, the rest on the next
                    text = lines[key]
                    done = shown.get(key, 0)
                    fit = len(text) - done if ends_here else max(0, int((y0 - y1 - 2 * pad) // lead))
                    if cell.keep and done + fit < len(text):
                        fit = 0  # a code or an amount is printed whole, on the next page
                    for k, line in enumerate(text[done : done + fit]):
                        canvas.drawString(x0 + pad, y0 - pad - size - k * lead + 1, line)
                    shown[key] = done + fit
            canvas.showPage()
    canvas.save()


# ---- derived: landscape pages stored portrait ------------------------------------------------------


def rotated_copy(source: Path, out: Path) -> None:
    """Every page stored portrait (its content turned a quarter) and shown landscape by /Rotate 90."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        # turn the content a quarter counter-clockwise into a portrait box; /Rotate 90 turns it back
        page.add_transformation(Transformation().rotate(90).translate(h, 0))
        page.mediabox.lower_left = (0, 0)
        page.mediabox.upper_right = (h, w)
        page.cropbox.lower_left = (0, 0)
        page.cropbox.upper_right = (h, w)
        page.rotation = 90
    writer.compress_identical_objects()
    with out.open("wb") as handle:
        writer.write(handle)


def compact(path: Path) -> None:
    """Streams recompressed and packed into object streams by qpdf (Debian qpdf), when present:
    the fixtures are committed, so a third of the size matters."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return
    packed = path.with_suffix(".packed.pdf")
    subprocess.run([qpdf, "--object-streams=generate", "--compress-streams=y", "--recompress-flate",
                    "--compression-level=9", str(path), str(packed)], check=True)
    packed.replace(path)


RENDERINGS = {
    "chromium-noto": "HTML printed by headless Chromium, Noto Sans CJK SC (OpenType CFF)",
    "chromium-wqy": "HTML printed by headless Chromium, WenQuanYi Zen Hei (TrueType)",
    "reportlab-uming": "laid out here, drawn by reportlab, AR PL UMing (TrueType)",
    "chromium-wqy-rotated": "chromium-wqy with every page stored portrait and /Rotate 90",
}
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "pdf")
    parser.add_argument("--only", choices=sorted(RENDERINGS), action="append", help="Make only these renderings.")
    parser.add_argument("--html", type=Path, help="Also write the HTML given to Chromium here.")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tables = example_tables()
    wanted = args.only or list(RENDERINGS)
    if args.html:
        args.html.write_text(to_html(tables, "Noto Sans CJK SC"), encoding="utf-8")
    for name in wanted:
        path = args.out / f"example-{name}.pdf"
        if name == "chromium-noto":
            chromium_pdf(tables, path, "Noto Sans CJK SC")
        elif name == "chromium-wqy":
            chromium_pdf(tables, path, "WenQuanYi Zen Hei")
        elif name == "reportlab-uming":
            reportlab_pdf(tables, path, UMING)
        elif name == "chromium-wqy-rotated":
            source = args.out / "example-chromium-wqy.pdf"
            if not source.exists():
                chromium_pdf(tables, source, "WenQuanYi Zen Hei")
            rotated_copy(source, path)
        compact(path)
        print(f"wrote {path} ({path.stat().st_size // 1024} KB): {RENDERINGS[name]}")


if __name__ == "__main__":
    main()
