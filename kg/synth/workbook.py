"""Budget disclosures written as department workbooks (.xlsx): the tables of a text rendered on
sheets as real 部门预算 workbooks are laid out, for test fixtures (scripts/render_example_workbook.py)
and generated corpora (``kg synth --format xlsx``).

One sheet per table (预算01表 … 预算13表) or all tables in one sheet; each table with its heading
row and 金额单位 row; amounts as numeric cells shown through ``#,##0.000000`` (the printed
18,985.336217 is the value 18985.336217 with the format applied); header cells merged over the
columns and rows they head; in 预算表12 the 单位名称 cell merged over the whole table and each
project's 项目名称, 项目总额, 财政资金, 其他资金 and 绩效目标 merged over its indicator rows. A workbook
has no page breaks, so none are rendered: 表12's projects are given whole (Project12), by whoever
knows them (a person's reading of the text, or a generated document's truth).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.numbers import parse_decimal
from kg.read.spreadsheet import format_number

AMOUNT_FORMAT = "#,##0.000000"
HEADING = re.compile(r"\s*预算\s*(?:(\d{1,2})\s*表|表\s*(\d{1,2}))\s*(.*)")
UNIT_NOTE = re.compile(r"\s*金额单位\s*[:：].*")
INNER_SPACE = re.compile(r"\s+")
FIXED_TIME = dt.datetime(2026, 1, 1)  # the same document, the same bytes


@dataclass
class Cell:
    """A cell to write: text, or a number with the number format that shows it."""

    value: str | float | None
    number_format: str = "General"


@dataclass
class Block:
    """One table as rows of cells, with its merged ranges (0-based, inclusive, within the block)."""

    heading: str  # 预算01表, 预算表12 … as printed
    title_row: str  # the heading line as printed
    width: int
    rows: list[list[Cell]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # row_lo, row_hi, col_lo, col_hi
    header: tuple[int, int] | None = None  # first and last header row, for header merges
    sources: dict[int, list[int]] = field(default_factory=dict)  # row → the text's lines it renders

    def add(self, row: list[Cell], *lines: int | None) -> None:
        self.sources[len(self.rows)] = [n for n in lines if n is not None]
        self.rows.append(row)


def read_tables(lines: list[str]) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """(heading as printed, heading line, [(line number, text)]) for each table, in order; the
    heading line itself is the body's first entry."""
    tables: list[tuple[str, str, list[tuple[int, str]]]] = []
    for number, text in enumerate(lines, start=1):
        match = HEADING.fullmatch(text) if "\t" not in text else None
        if match:
            printed = text.strip()
            title = match.group(3).strip()
            tables.append((printed[: len(printed) - len(title)].strip(), printed, [(number, text)]))
        elif tables:
            tables[-1][2].append((number, text))
    return tables



def clean_name(text: str) -> str:
    """The PDF's wrapping spaces removed; a space between two Latin letters or digits kept."""

    def keep(match: re.Match[str]) -> str:
        s, a, b = match.string, match.start(), match.end()
        before, after = (s[a - 1] if a else ""), (s[b] if b < len(s) else "")
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return INNER_SPACE.sub(keep, text.strip())



def amount_cell(text: str) -> Cell:
    """An amount as a number shown through the format that prints it as the text has it; text the
    PDF extraction damaged (``3,384700``, ``29. 778000``) gets the tables' usual format, which prints
    the value the text path reads from it. Text that is no number stays text."""
    value = parse_decimal(text)
    if value is None:
        return Cell(text)
    number = float(value)
    for fmt in (AMOUNT_FORMAT, "0.000000", "#,##0.00", "General"):
        if format_number(number, fmt) == text:
            return Cell(number, fmt)
    return Cell(number, AMOUNT_FORMAT)


def value_cell(text: str) -> Cell:
    """An indicator's target: a number where General prints it exactly as the text has it (as a
    person types 95 or 139549.39), text otherwise (定性 texts, ``29. 78``)."""
    value = parse_decimal(text)
    if value is not None and re.fullmatch(r"-?\d+(\.\d+)?", text):
        number = int(value) if value == value.to_integral_value() and "." not in text else float(value)
        if format_number(number, "General") == text:
            return Cell(number)
    return Cell(text)


def text_or_amount(text: str) -> Cell:
    if text and ("." in text or "," in text) and parse_decimal(text) is not None:
        return amount_cell(text)
    return Cell(text or None)



def plain_block(heading: str, title: str, body: list[tuple[int, str]]) -> Block:
    """Tables 01–11: the text's rows as rows, numbers as numbers, the header's cells merged."""
    (first_line, _), *body = body
    note = next((n for n, line in body if UNIT_NOTE.fullmatch(line)), None)
    numbered = [(n, line.split("\t")) for n, line in body if line.strip() and not UNIT_NOTE.fullmatch(line)]
    rows = [cells for _, cells in numbered]
    width = max(len(r) for r in rows)
    block = Block(heading, title, width)
    block.add([Cell(title)], first_line)
    block.add([Cell(None)] * (width - 1) + [Cell("金额单位：万元")], note)
    block.merges.append((0, 0, 0, width - 1))
    first_data = next(i for i, r in enumerate(rows) if any(parse_decimal(c) is not None and ("." in c or "," in c) for c in r) or i == len(rows) - 1)
    for n, row in numbered:
        block.add([text_or_amount(c) for c in row], n)
    if first_data > 0:
        block.header = (2, 2 + first_data - 1)
    return block


def header_merges(block: Block) -> None:
    """Merge each header cell over the empty cells it heads: rightwards over the columns whose
    lower header rows have their own headings, then downwards over the empty cells below it."""
    if block.header is None:
        return
    top, bottom = block.header
    taken: set[tuple[int, int]] = {(r, c) for r0, r1, c0, c1 in block.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}

    def text(r: int, c: int) -> str:
        row = block.rows[r]
        value = row[c].value if c < len(row) else None
        return "" if value is None else str(value)

    for r in range(top, bottom + 1):
        for c in range(block.width):
            if not text(r, c) or (r, c) in taken:
                continue
            right = c
            while r < bottom and right + 1 < block.width and not text(r, right + 1) and text(r + 1, right + 1) and (r, right + 1) not in taken:
                right += 1
            down = r
            if right == c:
                while down < bottom and not text(down + 1, c) and (down + 1, c) not in taken:
                    down += 1
            if (right, down) != (c, r):
                block.merges.append((r, down, c, right))
                taken |= {(rr, cc) for rr in range(r, down + 1) for cc in range(c, right + 1)}



def table13_block(heading: str, title: str, body: list[tuple[int, str]]) -> Block:
    """预算13表 on its grid of 8 columns; activity rows put back into the 活动 column that the
    PDF's page layout moved about."""
    width = 8
    block = Block(heading, title, width)
    (first_line, _), *body = body
    block.add([Cell(title)], first_line)
    block.merges.append((0, 0, 0, width - 1))
    in_activities = False
    for n, line in body:
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) == 1 and re.fullmatch(r"[（(]\s*\d{4}\s*年度?\s*[)）]", filled[0]):
            block.add([Cell(None)] * 3 + [Cell(filled[0])], n)  # the year, centred
            continue
        if "活动" in filled and "绩效指标" in filled:
            in_activities = True
        elif in_activities:
            while cells and not cells[0]:
                cells.pop(0)
            activity, glued, comparator, *rest = cells + ["", ""]
            if comparator == "定性":
                rest = [next((c for c in rest if c), ""), ""]
            cells = ["", "", activity, glued, comparator, rest[0], rest[1]]
            block.add([Cell(c or None) for c in cells[:2]] + [Cell(activity), Cell(glued), Cell(comparator), value_cell(rest[0]) if rest[0] else Cell(None), Cell(rest[1] or None)], n)
            continue
        block.add([text_or_amount(c) for c in cells], n)
    # The block's labels as the form prints them: 部门名称's value cell, 总体资金情况 over its three
    # rows, 整体绩效目标 over its two rows and its text over the row, the header's groups.
    labels = {str(r[0].value) if r and r[0].value else "": i for i, r in enumerate(block.rows)}
    if "部门名称" in labels:
        block.merges.append((labels["部门名称"], labels["部门名称"], 1, width - 1))
    if "总体资金情况（万元）" in labels:
        top = labels["总体资金情况（万元）"]
        block.merges.append((top, top + 2, 0, 1))
        block.merges.append((top, top + 1, 2, 2))  # 预算支出总额
        block.merges.append((top, top, 3, 5))  # 财政拨款
        block.merges.append((top, top, 6, 7))  # 其他资金
    if "整体绩效目标" in labels:
        top = labels["整体绩效目标"]
        block.merges += [(top, top + 1, 0, 0), (top, top, 2, width - 1), (top + 1, top + 1, 2, width - 1)]
    return block



def write_block(sheet: Any, block: Block, top: int) -> int:
    """Write ``block`` at 1-based row ``top``; return the row after it."""
    from openpyxl.styles import Alignment

    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            if cell.value is None:
                continue
            target = sheet.cell(row=top + r, column=c + 1, value=cell.value)
            if isinstance(cell.value, float | int):
                target.number_format = cell.number_format
                target.alignment = Alignment(horizontal="right", vertical="center")
            else:
                target.alignment = Alignment(wrap_text=True, vertical="center")
    for r0, r1, c0, c1 in block.merges:
        sheet.merge_cells(start_row=top + r0, end_row=top + r1, start_column=c0 + 1, end_column=c1 + 1)
    return top + len(block.rows)


@dataclass
class Project12:
    """One project of 预算表12, whole: its cells on its first row, one indicator a row."""

    code: str
    name: str
    amounts: tuple[str, str, str]  # 项目总额, 财政资金, 其他资金 as printed ("" when blank)
    goal: str
    indicators: list[tuple[str, str, str, str, str, str]]  # 一级, 二级, 三级, 性质, 指标值, 度量单位
    line: int | None = None  # the text's code row, when rendering a text
    # The text's line of each indicator: a workbook row's line is then known (line_map).
    indicator_lines: list[int | None] = field(default_factory=list)


def table12_block(
    heading: str, title: str, header: Sequence[tuple[int, str]], projects: Sequence[Project12], unit: str | None,
    first_line: int | None = None, note: int | None = None,
) -> Block:
    """预算表12 on a fixed grid: 单位名称 | 项目名称 | 项目总额 | 财政资金 | 其他资金 | 绩效目标 | 一级 |
    二级 | 三级 | 性质 | 指标值 | 度量单位, the project columns merged over the project's rows."""
    width = 12
    block = Block(heading, title, width)
    block.add([Cell(title)], first_line)
    block.add([Cell(None)] * (width - 1) + [Cell("金额单位：万元")], note)
    block.merges.append((0, 0, 0, width - 1))
    for n, line in header:
        cells = line.split("\t")
        block.add([Cell(c.strip() or None) for c in cells] + [Cell(None)] * (width - len(cells)), n)
    block.header = (2, 2 + len(header) - 1) if header else None
    first = len(block.rows)
    for project in projects:
        top = len(block.rows)
        for k, ind in enumerate(project.indicators or [("", "", "", "", "", "")]):
            row = [Cell(None)] * 6 + [Cell(ind[0] or None), Cell(ind[1] or None), Cell(ind[2] or None), Cell(ind[3] or None),
                                      value_cell(ind[4]) if ind[4] else Cell(None), Cell(ind[5] or None)]
            if k == 0:
                row[1] = Cell(f"{project.code}-{project.name}")
                for col, amount in zip((2, 3, 4), project.amounts, strict=True):
                    row[col] = amount_cell(amount) if amount else Cell(None)
                row[5] = Cell(project.goal or None)
            block.add(row, *project.indicator_lines[k : k + 1])
        if len(block.rows) - top > 1:
            block.merges += [(top, len(block.rows) - 1, col, col) for col in range(1, 6)]
    if unit and len(block.rows) > first:
        block.rows[first][0] = Cell(unit)
        if len(block.rows) - first > 1:
            block.merges.append((first, len(block.rows) - 1, 0, 0))
    return block


def blocks_of(lines: Sequence[str], projects: Sequence[Project12], unit: str | None) -> list[Block]:
    """Every table of a text as a Block; 预算表12's rows are ``projects`` (its header rows the text's)."""
    blocks = []
    for heading, title, body in read_tables(list(lines)):
        if heading == "预算表12":
            header = [(n, t) for n, t in body[1:] if t.strip() and not UNIT_NOTE.fullmatch(t) and ("单位名称" in t or "财政资金" in t)]
            note = next((n for n, t in body if UNIT_NOTE.fullmatch(t)), None)
            block = table12_block(heading, title, header, projects, unit, body[0][0], note)
        elif heading == "预算13表":
            block = table13_block(heading, title, body)
        else:
            block = plain_block(heading, title, body)
        header_merges(block)
        blocks.append(block)
    return blocks


def line_map(blocks: Sequence[Block]) -> dict[int, int]:
    """The text's line → the line kg reads the workbook into (kg.read.spreadsheet: every row with
    text is a line, in sheet order), for the rows rendered from the text."""
    mapping: dict[int, int] = {}
    line = 0
    for block in blocks:
        for index, row in enumerate(block.rows):
            if any(cell.value not in (None, "") for cell in row):
                line += 1
                for source in block.sources.get(index, ()):
                    mapping.setdefault(source, line)
    return mapping


def workbook_bytes(blocks: Sequence[Block], one_sheet: bool = False) -> bytes:
    """The .xlsx file: a sheet per table, or all tables in one sheet with an empty row between."""
    from openpyxl import Workbook

    book = Workbook()
    if one_sheet:
        sheet = book.active
        sheet.title = "部门预算"
        row = 1
        for block in blocks:
            row = write_block(sheet, block, row) + 1
    else:
        book.remove(book.active)
        for block in blocks:
            write_block(book.create_sheet(block.heading), block, 1)
    book.properties.creator = "kg"
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The zip again with fixed times: openpyxl stamps each entry, and the document, with the time of saving."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets dcterms:modified to the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*<", rb"\g<1>2026-01-01T00:00:00Z<", data)
            target.writestr(entry, data)
    return out.getvalue()


def write_workbook(path: Path, blocks: Sequence[Block], one_sheet: bool = False) -> Path:
    path.write_bytes(workbook_bytes(blocks, one_sheet))
    return path


def document_workbook(text: str, truth: dict[str, Any], one_sheet: bool = False) -> tuple[bytes, dict[str, Any]]:
    """A generated document (kg.synth.generate) as a workbook, and its truth with every line
    renumbered to the workbook's lines. 表12 is drawn from the truth (the projects whole: a
    workbook has no page breaks to split them), the other tables from the text's cells."""
    lines = text.split("\n")
    projects = [
        Project12(
            p["code"], p["name"], (p["total"] or "", p["fiscal"] or "", p["other"] or ""), p["goal"],
            [(i["tier1"], i["tier2"], i["name"], i["comparator"], i["value_text"] or "", i["unit"] or "") for i in p["indicators"]],
            p["line"], [i["line"] for i in p["indicators"]],
        )
        for p in truth["projects"]
    ]
    unit = f"{truth['unit_code']}-{truth['unit_name']}" if truth.get("unit_code") and truth.get("unit_name") else None
    blocks = blocks_of(lines, projects, unit)
    renumbered = renumber_truth(truth, line_map(blocks))
    for project in renumbered["projects"]:  # the code row is the project's first row in a workbook
        if project["indicators"]:
            project["line"] = project["indicators"][0]["line"]
    return workbook_bytes(blocks, one_sheet), renumbered


def renumber_truth(truth: dict[str, Any], mapping: dict[int, int]) -> dict[str, Any]:
    """``truth`` with every line (``line``, ``…_line``) the text's → the rendering's, by ``mapping``."""

    def renumber(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: (v if k == "synth" else renumber(v, k)) for k, v in value.items()}  # synth: bookkeeping
        if isinstance(value, list):
            return [renumber(v, key) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and (key == "line" or key.endswith("_line")):
            return mapping.get(value, value)
        return value

    result: dict[str, Any] = renumber(truth)
    return result
