"""Workbooks (.xlsx, .xls) read into the text path's lines: the same records and the same graph.

The fixtures in tests/data/xlsx/ are the bundled example rendered as department workbooks
(scripts/render_example_workbook.py): one sheet per table and all tables in one sheet, amounts as
numbers shown through ``#,##0.000000``, 表12's project cells merged over the project's rows as a
person read them from the text (tests/data/xlsx/example-projects.tsv), .xls made by LibreOffice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.cli import cli
from kg.errors import ParseError
from kg.read.cells import cell_text
from kg.read.source import read_source, text_digest, workbook_source
from kg.read.spreadsheet import WorkbookLayout, format_number
from kg.read.text import parse_disclosure, parse_source
from kg.records import Disclosure

DATA = Path(__file__).parent / "data" / "xlsx"
WORKBOOKS = ("example-sheets.xlsx", "example-one-sheet.xlsx", "example-sheets.xls", "example-one-sheet.xls")
ASSIGNMENT = DATA / "example-projects.tsv"

KG = Namespace("https://w3id.org/cnbudget/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")


# ---- comparing without source positions -------------------------------------------------------

# Fields that say where something was printed (the line in the text, its cells) or what the
# document is (path, digest, encoding), and the records about page breaks (a workbook has none).
POSITION_FIELDS = frozenset({
    "line", "lines", "cells", "heading_line", "end_line", "amounts_line", "goal_line", "name_line", "unit_line",
    "year_line", "evidence_lines", "unsettled", "path", "sha256", "encoding", "decisions", "skipped", "page", "row", "sheet",
})
# "line 271", "lines 45–104", "lines 389, 395, 401": line numbers quoted in messages.
LINE_REFERENCE = re.compile(r"\blines? \d+(?:\s*[–-]\s*\d+)?(?:(?:, | and )\d+(?:\s*[–-]\s*\d+)?)*")


def without_positions(value: Any, drop: frozenset[str] = frozenset()) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: without_positions(getattr(value, f.name), drop) for f in dataclasses.fields(value) if f.name not in POSITION_FIELDS | drop}
    if isinstance(value, (list, tuple)):
        return [without_positions(v, drop) for v in value]
    if isinstance(value, dict):
        return {k: without_positions(v, drop) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)  # the printed precision counts: 308.720000 is not 308.72 here
    if isinstance(value, str):
        return LINE_REFERENCE.sub("line N", value)
    return value


POSITION_PREDICATES = {KG.sourceLine, KG.sourcePage, KG.sourceRow, KG.sourceSheet}
# The source document, the decisions, and the build's PROV activity and DCAT/VoID description.
DROPPED_TYPES = {KG.SourceDocument, KG.AssignmentDecision, KG.ColumnDecision, PROV.Activity, DCAT.Dataset, DCAT.Distribution, VOID.Dataset}
# IRIs kg mints from a row's line (budget lines) or from a finding's text (which quotes lines).
MINTED_FROM_POSITIONS = re.compile(r"/(budget-line|finding)/")


def comparable(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph without source positions, the source-document node and links to it, the decision
    nodes, the PROV activity and the dataset description; line numbers quoted in texts become
    ``line N`` and IRIs minted from positions are named by what they say, so that isomorphism
    compares the rest."""
    dropped = {s for s, _, o in graph.triples((None, rdflib.RDF.type, None)) if o in DROPPED_TYPES}
    prefixes = tuple(str(d) + "/" for d in dropped if isinstance(d, URIRef))
    dropped |= {s for s in set(graph.subjects()) if isinstance(s, URIRef) and str(s).startswith(prefixes)}
    while more := {o for s, _, o in graph if s in dropped and isinstance(o, BNode)} - dropped:
        dropped |= more  # the dropped nodes' own blank nodes (periods, distributions …)

    def literal(node: Any) -> Any:
        if isinstance(node, Literal) and isinstance(node.value, str) and LINE_REFERENCE.search(node):
            return Literal(LINE_REFERENCE.sub("line N", node), lang=node.language, datatype=node.datatype)
        return node

    kept = [
        (s, p, literal(o)) for s, p, o in graph
        if p not in POSITION_PREDICATES and s not in dropped and o not in dropped
        # a finding's words about a decision: the text path's decision nodes are dropped
        and not (p == KG.explanation and "page-break decision" in o)
    ]
    # A minted IRI is named by what it says (its sorted predicates and objects): the same budget
    # line gets the same name from either path, and isomorphism stays fast (no blank nodes).
    minted = {s for s, _, _ in kept if isinstance(s, URIRef) and MINTED_FROM_POSITIONS.search(s)}
    said: dict[Any, list[tuple[str, str]]] = {}
    for s, p, o in kept:
        if s in minted and o not in minted:
            said.setdefault(s, []).append((str(p), str(o)))
    names = {node: URIRef("urn:minted:" + hashlib.sha1(repr(sorted(said[node])).encode()).hexdigest()) for node in minted}
    out = rdflib.Graph()
    for s, p, o in kept:
        out.add((names.get(s, s), p, names.get(o, o)))
    return out


def built(tmp_path: Path, source: Path) -> rdflib.Graph:
    out = tmp_path / (source.name + ".ttl")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return rdflib.Graph().parse(out)


@pytest.fixture(scope="module")
def text_graph(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> rdflib.Graph:
    return to_isomorphic(comparable(built(tmp_path_factory.mktemp("text"), example_path)))


# ---- the renderings -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", WORKBOOKS)
def test_kg_build_of_a_workbook_gives_the_text_paths_graph(name: str, tmp_path: Path, text_graph: rdflib.Graph) -> None:
    graph = to_isomorphic(comparable(built(tmp_path, DATA / name)))
    if graph != text_graph:
        _, only_text, only_workbook = graph_diff(text_graph, graph)
        pytest.fail(f"{len(only_text)} triples only from the text, e.g. {sorted(only_text)[:3]}; "
                    f"{len(only_workbook)} only from {name}, e.g. {sorted(only_workbook)[:3]}")
    assert len(graph) > 8000  # not vacuous: most of the example's ~9,700 triples are compared


@pytest.mark.parametrize("name", WORKBOOKS)
def test_a_workbook_gives_the_text_paths_records(name: str, example: Disclosure) -> None:
    workbook = parse_disclosure(DATA / name)
    assert len(workbook.projects) == 36
    assert sum(len(p.indicators) for p in workbook.projects) == 215
    assert sum(len(a.indicators) for a in workbook.activities) == 24
    assert (workbook.unit_code, workbook.unit_name, workbook.year) == (example.unit_code, example.unit_name, example.year)
    assert workbook.warnings == () and workbook.decisions == ()  # no page breaks: nothing to decide
    assert not [s for s in workbook.skipped if s.carries_data]
    # 单位名称 is the whole table's merged cell: printed on the first project's row in a workbook, on a row of the
    # page it is centred on in the PDF's text; one unit printed, every project is of it, in both.
    assert {p.unit_code for p in workbook.projects} == {p.unit_code for p in example.projects} == {"623001"}
    assert without_positions(workbook) == without_positions(example)


def test_every_rendering_is_one_document_with_the_same_lines() -> None:
    sources = [read_source(DATA / name) for name in WORKBOOKS]
    assert len({s.lines for s in sources}) == 1
    assert len({s.sha256 for s in sources}) == 1
    assert all(s.sha256 == text_digest(s.lines) for s in sources)
    assert [s.encoding for s in sources] == ["xlsx", "xlsx", "xls", "xls"]


def test_a_workbook_and_the_text_extracted_from_it_are_one_document(tmp_path: Path) -> None:
    workbook = read_source(DATA / "example-sheets.xlsx")
    extracted = tmp_path / "example.txt"  # kg extract writes the lines every record names
    written = CliRunner().invoke(cli, ["extract", str(DATA / "example-sheets.xlsx"), "-o", str(extracted)])
    assert written.exit_code == 0 and f"wrote {extracted} ({len(workbook.lines)} lines)" in written.output
    text = read_source(extracted)
    assert text.lines == workbook.lines
    assert text.sha256 == workbook.sha256
    from_text, from_workbook = parse_source(text), parse_source(workbook)
    assert from_text.projects == from_workbook.projects  # positions included: the lines are the same
    assert from_text.sha256 == from_workbook.sha256
    result = CliRunner().invoke(cli, ["build", str(DATA / "example-sheets.xlsx"), str(extracted), str(DATA / "example-one-sheet.xls"), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 0, result.output
    assert result.output.count("the same document as") == 2


def test_project_membership_is_the_assignment_a_person_checked(example: Disclosure) -> None:
    """Not circular: the file was checked by reading the text; kg's page-break decisions must
    agree with it, and the workbooks' merged cells are made from it."""
    by_file: dict[str, set[int]] = {}
    for raw in ASSIGNMENT.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            spec, code = raw.split("\t")[:2]
            by_file[code] = {n for part in spec.split(",") for n in range(int(part.split("-")[0]), int(part.split("-")[-1]) + 1)}
    assert {p.code: set(p.lines) for p in example.projects} == by_file
    book = openpyxl.load_workbook(DATA / "example-sheets.xlsx")
    sheet = book["预算表12"]
    merged_names = sorted(r.max_row - r.min_row + 1 for r in sheet.merged_cells.ranges if r.min_col == r.max_col == 2 and r.min_row > 4)
    indicators = sorted(len(p.indicators) for p in example.projects if len(p.indicators) > 1)
    assert merged_names == indicators  # 项目名称 merged over each project's indicator rows


def test_each_line_keeps_its_sheet_and_row() -> None:
    # 表12's first project: row 5 of its own sheet (heading, 金额单位, two header rows above it);
    # in the one-sheet workbook, below tables 01–11.
    for name, sheet, rows in (("example-sheets.xlsx", "预算表12", range(5, 6)), ("example-one-sheet.xls", "部门预算", range(200, 400))):
        source = read_source(DATA / name)
        layout = source.layout
        assert isinstance(layout, WorkbookLayout)
        assert len(layout.positions) == len(source.lines)
        line = next(i for i, text in enumerate(source.lines, 1) if "11010522T000000416226" in text)
        found_sheet, found_row = layout.position(line)
        assert found_sheet == sheet
        assert found_row in rows
        assert layout.where(line) == f"sheet {sheet}, row {found_row}"


def test_numbers_are_printed_through_their_number_format() -> None:
    source = read_source(DATA / "example-sheets.xlsx")
    assert "本年收入合计\t18,985.336217\t本年支出合计\t18,985.336217" in source.lines
    book = openpyxl.load_workbook(DATA / "example-sheets.xlsx")
    cell = book["预算01表"]["B31"]
    assert (cell.value, cell.number_format) == (18985.336217, "#,##0.000000")
    # 表03's 3,384700 (a decimal comma the PDF extraction made) is the number 3.3847 in a workbook
    assert any(line.startswith("2120101-行政运行\t50202-会议费\t30215-会议费\t3.384700\t3.384700") for line in source.lines)


# ---- the reader on small workbooks -------------------------------------------------------------------


def _xlsx(build: Any) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_merged_cells_print_their_text_on_their_first_row_only() -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet.title = "预算表12"
        sheet["B2"] = "项目"
        sheet["C2"] = 1234.5
        sheet["C2"].number_format = "#,##0.00"
        sheet["D2"] = "第一行\n第二行 and\nmore"
        sheet["E2"], sheet["E3"], sheet["E4"] = "a", "b", "c"
        sheet.merge_cells("B2:B4")
        sheet.merge_cells("C2:C4")
        hidden = book.create_sheet("草稿")
        hidden["A1"] = "预算表12 draft"
        hidden.sheet_state = "hidden"

    source = workbook_source(_xlsx(build), "small.xlsx")
    # No heading row: the sheet's name, which names a table, is its heading.
    assert source.lines == ("预算表12", "\t项目\t1,234.50\t第一行第二行 and more\ta", "\t\t\t\tb", "\t\t\t\tc")
    assert isinstance(source.layout, WorkbookLayout)
    assert source.layout.positions == (("预算表12", None), ("预算表12", 2), ("预算表12", 3), ("预算表12", 4))


def test_hidden_rows_and_columns_are_not_read() -> None:
    """As hidden sheets: a draft row hidden in the published form (新建文化广场个数 ≥30个) was read as an
    indicator, and a hidden code column put a cell in every row."""
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        for r, row in enumerate([["三级指标", "编码", "指标值"], ["文化活动场次", "C01", "≥12场"], ["新建文化广场个数", "C02", "≥30个"],
                                 ["群众满意度", "C03", "≥90%"]], start=1):
            for c, value in enumerate(row, start=1):
                sheet.cell(r, c, value)
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["B"].hidden = True

    source = workbook_source(_xlsx(build), "hidden.xlsx")
    assert source.lines == ("三级指标\t\t指标值", "文化活动场次\t\t≥12场", "群众满意度\t\t≥90%")


def test_a_heading_or_unit_note_in_any_column_is_a_line_of_its_own() -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet["C1"] = "预算01表 收支总表"
        sheet["F2"] = "金额单位：万元"
        sheet["A3"] = "收 入"

    assert workbook_source(_xlsx(build), "x.xlsx").lines == ("预算01表 收支总表", "金额单位：万元", "收 入")


@pytest.mark.parametrize(("value", "code", "shown"), [
    (18985.336217, "#,##0.000000", "18,985.336217"),
    (3.3847, "#,##0.000000", "3.384700"),
    (24, "General", "24"),
    (139549.39, "General", "139549.39"),
    (0.1 + 0.2, "General", "0.3"),
    (0.95, "0%", "95%"),
    (0.955, "0.0%", "95.5%"),
    (1234567, "#,##0,", "1,235"),
    (-5.5, "#,##0.00;(#,##0.00)", "(5.50)"),
    (-5.5, "#,##0.00", "-5.50"),
    (0, '#,##0.00;-#,##0.00;"-"', "-"),
    (1, "0.0#", "1.0"),
    (1.25, "0.0#", "1.25"),
    (12.5, "[$¥-804]#,##0.00", "¥12.50"),
    (5, '0"个"', "5个"),
    (8.75, "[Red]0.00", "8.75"),
    (2.5, "0.00E+00", "2.5"),  # scientific: General
])
def test_format_number(value: float, code: str, shown: str) -> None:
    assert format_number(value, code) == shown


def test_cell_text_is_one_line_without_tabs() -> None:
    assert cell_text("加强\n管理") == "加强管理"
    assert cell_text("road\r\nworks\tdone") == "road works done"
    kangxi = workbook_source(_xlsx(lambda book: book.active.cell(1, 1, "⾦额")), "k.xlsx")
    assert kangxi.lines == ("金额",)  # a Kangxi radical, as copied out of some PDFs, is the ideograph


def _self_evaluation(book: openpyxl.Workbook) -> None:
    """A 自评表 as a province's system exports it: a blank margin column A, the title merged across,
    资金 labels in a row over their values (¥ in a currency format), 指标值 merged over two header
    rows above 年度指标值 | 实际完成值, merged 一级/二级 cells, a blank 实际完成值, and a 三级 named
    社会公众满意度 (a tier's short label) under a merged 满意度 group."""
    sheet = book.active
    rows = [
        ["", "项目支出绩效自评表"],
        ["", "（2023年度）"],
        ["", "项目名称", "城乡低保"],
        ["", "实施单位", "湘乡市民政局"],
        ["", "项目资金", "资金总额", "财政拨款", "", "其他资金"],
        ["", "", 2460000, 2400000, "", 60000],
        ["", "一级指标", "二级指标", "三级指标", "指标值", "", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "", "", "", "年度指标值", "实际完成值"],
        ["", "产出指标", "数量指标", "保障低保对象人数", "≥5000人", "5230人", 10, 10],
        ["", "", "", "城市低保月人均补助水平", "≥600元", "", 10, 9, "部分对象收入核减"],
        ["", "", "质量指标", "低保资金发放准确率", "100%", "100%", 10, 10],
        ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "96%", 10, 10],
        ["", "", "", "社会公众满意度", "≥85%", "92%", 10, 10],
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                sheet.cell(r, c, value)
    for cell in ("C6", "D6", "F6"):
        sheet[cell].number_format = '"¥"#,##0.00'
    sheet.merge_cells("B1:I1")
    sheet.merge_cells("E7:F7")
    for merged in ("B9:B11", "C9:C10", "B12:B13", "C12:C13", "B7:B8", "C7:C8", "D7:D8", "G7:G8", "H7:H8", "I7:I8"):
        sheet.merge_cells(merged)


def test_a_self_evaluation_workbook_as_a_system_exports_it() -> None:
    """Each of these was read silently wrong: the sub-columns under the merged 指标值 were listed last,
    so every actual was the 分值 (养护里程's 1236公里 a deviation reason); with the margin column the
    blank actual moved 分值 10 into it; 社会公众满意度 was taken for the 二级 and its target for the
    name; the 资金 labels over their values gave 其他资金 the total; ¥2,460,000.00 was no amount."""
    d = parse_source(workbook_source(_xlsx(_self_evaluation), "ziping.xlsx"))
    (p,) = d.projects
    assert (p.total, p.fiscal, p.other) == (Decimal(246), Decimal(240), Decimal(6))
    rows = [(i.tier2, i.name, i.value_text, i.result.value_text, i.result.score, i.result.deviation_reason) for i in p.indicators]
    assert rows == [
        ("数量指标", "保障低保对象人数", "≥5000人", "5230人", Decimal(10), None),
        ("数量指标", "城市低保月人均补助水平", "≥600元", "", Decimal(9), "部分对象收入核减"),
        ("质量指标", "低保资金发放准确率", "100%", "100%", Decimal(10), None),
        ("服务对象满意度指标", "服务对象满意度", "≥90%", "96%", Decimal(10), None),
        ("服务对象满意度指标", "社会公众满意度", "≥85%", "92%", Decimal(10), None),
    ]


# ---- files kg cannot read say why in one line ----------------------------------------------------


def _error(path: Path) -> str:
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}"), result.output
    return lines[0]


def test_an_encrypted_workbook_says_so() -> None:
    assert "encrypted (it opens with a password)" in _error(DATA / "encrypted.xlsx")


@pytest.mark.parametrize("name", ["example-sheets.xlsx", "example-sheets.xls"])
def test_a_damaged_workbook_says_so(name: str, tmp_path: Path) -> None:
    data = (DATA / name).read_bytes()
    damaged = tmp_path / name
    damaged.write_bytes(data[: len(data) // 3])
    assert f"a damaged .{name.rsplit('.', 1)[1]} workbook" in _error(damaged)


def test_xlrds_own_messages_reach_neither_stdout_nor_are_lost(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """xlrd prints what it finds wrong in an .xls to standard output: a damaged file's `kg parse` printed
    WARNING *** … lines among its own output. They are kept from the terminal; a file read despite them
    (bytes past its last sector) says so as a warning, its records the same."""
    data = (DATA / "example-sheets.xls").read_bytes()
    padded = tmp_path / "padded.xls"
    padded.write_bytes(data + b"\0" * 100)
    read = parse_source(read_source(padded))
    assert [p.code for p in read.projects] == [p.code for p in parse_source(read_source(DATA / "example-sheets.xls")).projects]
    assert [w.message for w in read.warnings if "damage in the .xls file" in w.message] == [
        "xlrd reports damage in the .xls file (file size (85092) not 512 + multiple of sector size (512)); it was read all the "
        "same: check that no rows are missing"]
    cut = tmp_path / "cut.xls"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ParseError, match="a damaged .xls workbook"):
        read_source(cut)
    assert "WARNING" not in capfd.readouterr().out


def test_a_damaged_sheet_says_so(tmp_path: Path) -> None:
    source = zipfile.ZipFile(DATA / "example-sheets.xlsx")
    damaged = tmp_path / "damaged-sheet.xlsx"
    with zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[: len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    assert "a damaged .xlsx workbook" in _error(damaged)


def test_a_zip_that_is_no_workbook_says_so(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")
    assert _error(path).endswith(": an OpenDocument file (.ods): save it as .xlsx")


def test_a_workbook_without_the_tables_says_so(tmp_path: Path) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.active["A1"] = "部门预算公开说明"
        book.active["B3"] = 12.5

    path = tmp_path / "notes.xlsx"
    path.write_bytes(_xlsx(build))
    message = _error(path)
    assert "预算表12" in message and "预算13表" in message  # the tables it looked for


def test_an_empty_workbook_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(_xlsx(lambda book: None))
    assert "no cell with text in any sheet (sheets: Sheet)" in _error(path)
    with pytest.raises(ParseError, match="empty.xlsx: no cell with text"):
        read_source(path)


# ---- kg synth --format xlsx ------------------------------------------------------------------------


def test_synth_writes_workbooks_whose_records_are_their_truth(tmp_path: Path) -> None:
    import json

    from kg.synth.generate import TRUTH_SUFFIX, reader_view, truth_view, write_corpus

    paths = write_corpus(4, tmp_path / "a", seed=2, workers=1, fmt="xlsx")
    again = write_corpus(4, tmp_path / "b", seed=2, workers=1, fmt="xlsx")
    assert [p.suffix for p in paths] == [".xlsx"] * 4
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]  # the same seed, the same bytes
    for path in paths:
        truth = json.loads(path.with_name(path.stem + TRUTH_SUFFIX).read_text(encoding="utf-8"))
        disclosure = parse_source(workbook_source(path.read_bytes(), str(path)))
        assert reader_view(disclosure) == truth_view(truth)  # lines included: renumbered to the workbook's
        assert disclosure.decisions == ()
    result = CliRunner().invoke(cli, ["synth", "2", "-o", str(tmp_path / "c"), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "c").iterdir()) == [".json", ".json", ".xlsx", ".xlsx"]


def test_a_workbooks_records_know_the_sheet_and_row_of_their_lines_and_its_graph_has_no_pages() -> None:
    from kg.build import load_inputs, read_disclosure
    from kg.rdf import terms

    path = Path(__file__).resolve().parent / "data" / "xlsx" / "example-sheets.xlsx"
    disclosure, layout = read_disclosure(path), read_source(path).layout
    project = disclosure.projects[0]
    position = disclosure.positions[project.line]
    assert (position.sheet, position.row) == layout.position(project.line) and position.page is None
    assert str(position) == layout.where(project.line)  # "sheet 预算表12, row 40", as the layout says it
    assert disclosure.page(project.line) is None
    assert not any(q[1] == terms.sourcePage for q in load_inputs([path]).quads)  # a page is a PDF's
