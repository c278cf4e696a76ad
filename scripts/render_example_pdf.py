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
  reportlab  the layout computed by kg.synth.pdf (the renderer `kg synth --format pdf` uses) and
             drawn with reportlab's canvas in a TrueType CJK font (AR PL UMing, Debian
             fonts-arphic-uming), subset and embedded by reportlab.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # kg itself, when run from a checkout without it installed

from kg.synth.pdf import (  # the one reportlab renderer, shared with kg synth --format pdf
    T12_COLUMNS,
    T12_WIDTHS,
    Cell,
    Project,
    Table,
    line_of,
    plain_table,
    project_rows,
    read_text,
    reportlab_pdf,
    spanned_header,
    table_number,
)

EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"
ASSIGNMENT = ROOT / "tests" / "data" / "pdf" / "example-assignment.tsv"

CODE = re.compile(r"\d{8}\s*T(?:\s*\d){12}\s*[-－—]")
TIER1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
AMOUNT = re.compile(r"[\d,.\s]+")


# ---- the text → tables (the shared parts in kg.synth.pdf, which kg synth --format pdf uses too) --------


def read_assignment(path: Path) -> dict[int, tuple[str, set[str]]]:
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            number, code, role = line.split("\t")
            out[int(number)] = (code, set(role.split("+")))
    return out


@dataclass
class Gathered:
    """A project's cells as the assignment file gathers them from the text's rows."""

    unit: str
    name: str
    amounts: list[str]
    goal: list[tuple[int, str]]
    indicators: list[tuple[int, list[str]]]


def project_table(heading: str, notes: list[str], rows: list[list[str]], assignment: dict[int, tuple[str, set[str]]]) -> Table:
    """表12 from its rows: each project's cells from its code row and the fragments the
    assignment file gives it, its indicator rows in the order of the text."""
    header, body = rows[:2], rows[2:]
    projects: dict[str, Gathered] = {}
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
            project = projects.setdefault(code, Gathered("", "", ["", "", ""], [], []))
            project.unit, project.name = unit, left[at] + project.name
            project.amounts = amounts + [""] * (3 - len(amounts))
            project.goal += [(number, goal[0])] if goal else []
        project = projects.setdefault(code, Gathered("", "", ["", "", ""], [], []))
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
    ordered = sorted(projects.values(), key=lambda p: min(n for n, _ in p.indicators))
    project_rows(table, [Project(unit, p.name, p.amounts, "".join(t for _, t in sorted(p.goal)), sorted(p.indicators)) for p in ordered])
    return table


def example_tables(text: Path = EXAMPLE, assignment: Path = ASSIGNMENT) -> list[Table]:
    given = read_assignment(assignment)
    tables = []
    for heading, notes, rows in read_text(text.read_text(encoding="utf-8").split("\n")):
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
