"""Stage 2: a disclosure's lines → its numbered tables (预算01表 … 预算13表, also 预算表12)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import ParseError
from kg.read.pages import is_page_furniture, is_page_mark, is_running_header
from kg.read.source import SourceText
from kg.records import Warning, compact

# "预算01表 收支总表", "预算表12 年度项目支出绩效表", "预算 13 表 …". A heading is a line of its own
# (no tab), so a cell that happens to mention a table is never taken for one.
_HEADING = re.compile(r"\s*预算\s*(?:(\d{1,2})\s*表|表\s*(\d{1,2}))\s*(.*)")


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, the text, and its tab-separated cells, stripped."""

    number: int
    text: str
    cells: tuple[str, ...]

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def filled(self) -> tuple[tuple[int, str], ...]:
        """The non-empty cells with their positions."""
        return tuple((i, c) for i, c in enumerate(self.cells) if c)


@dataclass
class Table:
    number: int
    title: str
    heading_line: int
    lines: list[Line] = field(default_factory=list)
    heading: str = ""  # as printed: 预算01表, 预算表12 …
    page_marks: list[tuple[int, str]] = field(default_factory=list)  # page numbers between its rows: (line, text)

    @property
    def end_line(self) -> int:
        return self.lines[-1].number if self.lines else self.heading_line


UNIT_CELL = re.compile(r"(\d{6})\s*[-－—]\s*(.+)", re.S)  # 623001-北京市朝阳区…: a unit's code and name in one cell

EXPECTED_AMOUNT_UNIT = "万元"  # what a Beijing disclosure's tables print their amounts in
# 金额单位：万元, 单位：万元, 金额单位：万元（保留六位小数）: the money unit, within its cell
_AMOUNT_UNIT_NOTE = re.compile(r"\s*(?:金额)?单位\s*[:：]\s*([^\t]*?元)\s*(?:[(（][^)）\t]*[)）])?\s*")


def amount_unit_note(text: str) -> str | None:
    """The unit a table's 金额单位：… line names (spaces removed), or None for any other line."""
    note = _AMOUNT_UNIT_NOTE.fullmatch(text)
    if note is None and "\t" in text:
        # 单位：北京市朝阳区…办事处 ⇥ 金额单位：万元: the unit's name beside the note, on the note's line
        cells = [c.strip() for c in text.split("\t") if c.strip()]
        notes = [m for c in cells if (m := _AMOUNT_UNIT_NOTE.fullmatch(c)) is not None]
        if len(notes) == 1 and all(_AMOUNT_UNIT_NOTE.fullmatch(c) or re.match(r"(?:编制|填报|预算)?单位\s*[:：]", c) for c in cells):
            note = notes[0]
    return compact(note.group(1)) if note else None


def unit_note_warning(table: Table, line: Line, unit: str) -> Warning | None:
    """A table printing its amounts in another unit than 万元: kept as printed, and said."""
    if unit == EXPECTED_AMOUNT_UNIT:
        return None
    return Warning(line.number, f"表{table.number:02d} prints amounts in {unit!r}, not "
                   f"{EXPECTED_AMOUNT_UNIT}: the amounts are kept as printed")


def make_line(number: int, text: str) -> Line:
    return Line(number, text, tuple(cell.strip() for cell in text.split("\t")))


def heading_of(text: str) -> tuple[int, str] | None:
    if "\t" in text:
        return None
    match = _HEADING.fullmatch(text)
    if not match:
        return None
    return int(match.group(1) or match.group(2)), match.group(3).strip()


_CONTINUED = re.compile(r"[(（]\s*续(?:表)?\s*[)）]\s*$|续表\s*$")


def split_tables(source: SourceText) -> dict[int, Table]:
    """The tables by number. Lines before the first heading belong to no table (cover pages), and so
    does a table of contents: headings with nothing but blank lines between them (目录: 预算01表 收支总表 /
    预算表12 …), each printed again over its table."""
    tables: dict[int, Table] = {}
    current: Table | None = None
    for number, text in enumerate(source.lines, start=1):
        heading = heading_of(text)
        if heading is not None:
            table_number, title = heading
            if current is not None and current.number == table_number and (_CONTINUED.search(title) or _at_a_page_break(current)):
                # 预算表12 年度项目支出绩效表（续） at the top of the next page, or its heading printed again there (a
                # spreadsheet's print titles): the table goes on, past a page break
                current.page_marks.append((number, text.strip()))
                current.lines.append(make_line(number, ""))
                continue
            if table_number in tables and not any(line.text.strip() for line in tables[table_number].lines):
                del tables[table_number]  # the first was a line of the contents, not a table
            if table_number in tables:
                first = tables[table_number].heading_line
                raise ParseError(
                    source.path, number, f"{tables[table_number].heading or f'预算{table_number:02d}表'} appears a second time "
                    f"(first at line {first})"
                )
            printed = text.strip()
            current = Table(table_number, title, number, heading=printed[: len(printed) - len(title)].strip())
            tables[table_number] = current
        elif current is not None:
            alone = [c for c in text.split("\t") if c.strip()]
            if len(alone) == 1 and (is_page_mark(alone[0], bare_number="\t" not in text) or is_page_furniture(alone[0], values_alone=True)
                                    or ("\t" not in text and is_running_header(text))):
                # A page's number (- 23 -, 23; 第 3 页 共 12 页 in a cell of its own), other furniture (a browser's
                # print date and address) or the running header (…2023年部门预算, in no cell) between the rows: a
                # page break, as a blank line is.
                current.page_marks.append((number, text.strip()))
                text = ""
            current.lines.append(make_line(number, text))
    for table in tables.values():
        _require_tab_separated(table, source.path)
    return tables


def _at_a_page_break(table: Table) -> bool:
    """Whether a table holding rows was last left at a page break (a blank line, or a page's number)."""
    return bool(table.lines) and not table.lines[-1].text.strip() and any(line.text.strip() for line in table.lines)


_SPACE_RUN = re.compile(r"\S( {2,}|\u3000+)\S")


def _require_tab_separated(table: Table, path: str) -> None:
    """Refuse a table whose cells are separated by runs of spaces instead of tabs.

    Blank cells carry meaning here (which amount is 财政资金 and which 其他资金, where a 定性 text
    sits), and runs of spaces cannot say how many cells they stand for.
    """
    data = [line for line in table.lines if line.text.strip()]
    if len(data) < 3 or any("\t" in line.text for line in data):
        return
    spaced = next((line for line in data if _SPACE_RUN.search(line.text)), None)
    if spaced is not None:
        raise ParseError(
            path, spaced.number,
            f"{table.heading or table.number} separates its cells with spaces, not tabs: blank cells cannot be told apart; "
            "extract the PDF again with tab-separated cells",
        )
