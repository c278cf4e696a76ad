"""Disclosure PDFs (kg.read.pdf): the renderings of the bundled example in tests/data/pdf, made by
scripts/render_example_pdf.py in independent ways, give the text path's records and graph."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from helpers import assert_isomorphic, graph_of

from kg.build import load_inputs, read_disclosure
from kg.cli import cli
from kg.errors import ParseError
from kg.rdf import terms
from kg.read.pdf import PdfLayout
from kg.read.source import is_pdf, read_source, source_from_bytes, unify_ideographs
from kg.read.text import parse_disclosure

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"
PDFS = ROOT / "tests" / "data" / "pdf"
RENDERINGS = ("chromium-noto", "chromium-wqy", "reportlab-uming", "chromium-wqy-rotated")


def rendering(name: str) -> Path:
    return PDFS / f"example-{name}.pdf"


@cache
def text_disclosure():  # type: ignore[no-untyped-def]
    return parse_disclosure(EXAMPLE)


@cache
def pdf_disclosure(name: str):  # type: ignore[no-untyped-def]
    return read_disclosure(rendering(name))


# ---- records -----------------------------------------------------------------------------------


def indicator_key(i) -> tuple:  # type: ignore[no-untyped-def]
    return (i.tier1, i.tier2, i.name, i.comparator, i.value, i.value_text, i.unit)


@pytest.mark.parametrize("name", RENDERINGS)
def test_every_rendering_gives_the_text_paths_records(name: str) -> None:
    text, pdf = text_disclosure(), pdf_disclosure(name)
    assert (len(pdf.projects), pdf.project_indicators, len(pdf.activities), pdf.activity_indicators) == (36, 215, 4, 24)
    assert pdf.counts()["skipped lines carrying data"] == 0 and not pdf.warnings
    assert (pdf.unit_code, pdf.unit_name, pdf.year, pdf.region.code if pdf.region else None) == (
        text.unit_code, text.unit_name, text.year, text.region.code if text.region else None)
    by_code = {p.code: p for p in pdf.projects}
    assert [p.code for p in pdf.projects] == [p.code for p in text.projects]
    for expected in text.projects:
        got = by_code[expected.code]
        # the unit's cell sits on the table's first row in a PDF, on another project's row in the text
        assert (got.name, got.total, got.fiscal, got.other, got.goal) == (
            expected.name, expected.total, expected.fiscal, expected.other, expected.goal), expected.code
        assert sorted(map(indicator_key, got.indicators)) == sorted(map(indicator_key, expected.indicators)), expected.code
    assert pdf.department == text.department.__class__(**{**vars(text.department), "amounts_line": pdf.department.amounts_line,
                                                          "goal_line": pdf.department.goal_line, "name_line": pdf.department.name_line})
    for got, expected in zip(pdf.activities, text.activities, strict=True):
        assert got.name == expected.name
        assert sorted(map(indicator_key, got.indicators)) == sorted(map(indicator_key, expected.indicators))
    assert pdf.budget is not None and text.budget is not None
    for got, expected in zip(pdf.budget.tables, text.budget.tables, strict=True):
        assert (got.number, got.title, got.unit, got.columns) == (expected.number, expected.title, expected.unit, expected.columns)
        assert [(r.kind, r.label, r.amounts, r.function, r.gov_economic, r.dept_economic) for r in got.rows] == [
            (r.kind, r.label, r.amounts, r.function, r.gov_economic, r.dept_economic) for r in expected.rows]


# ---- the graph -------------------------------------------------------------------------------------

KG = "https://w3id.org/cnbudget/ontology#"
_LINES = re.compile(r"\blines? \d+(?:[\d,–\- ]*\d)?|\bpages? \d+(?:–\d+)?")
_POSITIONAL = re.compile(r"/(budget-line|finding|decision|column-decision)/")


def comparable(quads) -> rdflib.Graph:  # type: ignore[no-untyped-def]
    """The graph without what differs between a PDF and its text by nature: source positions (lines,
    and the nodes minted from them, which become blank nodes), the source-document node and links
    to it, the page-break decision nodes and explanations citing them; the ontology stays out (it
    is the same file)."""
    data = [q for q in quads if q[3] != terms.ONTOLOGY]
    graph = graph_of(data)
    out = rdflib.Graph()
    source_docs = {s for s, p, o in graph.triples((None, rdflib.RDF.type, None)) if str(o).endswith("SourceDocument")}
    decisions = {s for s in graph.subjects() if "/decision/" in str(s)}

    def term(t):  # type: ignore[no-untyped-def]
        if isinstance(t, rdflib.URIRef) and _POSITIONAL.search(str(t)):
            return rdflib.BNode(re.sub(r"\W", "_", str(t)))
        if isinstance(t, rdflib.Literal) and isinstance(t.value, str):
            return rdflib.Literal(_LINES.sub("line #", str(t)), lang=t.language, datatype=t.datatype)
        return t

    for s, p, o in graph:
        if str(p) in (KG + "sourceLine", KG + "sourcePage", KG + "sourceRow", str(rdflib.namespace.DCTERMS.source)):
            continue
        if s in source_docs or o in source_docs or s in decisions or o in decisions:
            continue
        if str(p) == KG + "explanation" and "page-break decision" in str(o):
            continue  # why a finding's row went to its project: the decisions, which differ by page breaks
        out.add((term(s), p, term(o)))
    return out


@cache
def text_graph() -> rdflib.Graph:
    return comparable(load_inputs([EXAMPLE]).quads)


@pytest.mark.parametrize("name", RENDERINGS)
def test_every_rendering_builds_the_text_paths_graph(name: str) -> None:
    assert_isomorphic(text_graph(), comparable(load_inputs([rendering(name)]).quads))


def test_kg_build_of_the_pdf_writes_the_graph(tmp_path: Path) -> None:
    out = tmp_path / "x.ttl"
    result = CliRunner().invoke(cli, ["build", str(rendering("chromium-noto")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out)
    expected = rdflib.Graph().parse(data=_build_text(tmp_path), format="turtle")
    pages = len(list(graph.triples((None, rdflib.URIRef(KG + "sourcePage"), None))))
    assert pages > 0  # a page beside every line (test_the_graph_of_a_pdf_has_a_source_page_beside_every_source_line)
    assert abs(len(graph) - pages - len(expected)) < 200  # the same graph but for positions and decisions (compared above)


def _build_text(tmp_path: Path) -> str:
    out = tmp_path / "text.ttl"
    assert CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(out)]).exit_code == 0
    return out.read_text(encoding="utf-8")


# ---- extract, identity, geometry --------------------------------------------------------------------


def test_kg_extract_writes_the_text_that_reads_as_the_same_document(tmp_path: Path) -> None:
    pdf = rendering("chromium-noto")
    out = tmp_path / "x.txt"
    result = CliRunner().invoke(cli, ["extract", str(pdf), "-o", str(out)])
    assert result.exit_code == 0, result.output
    from_text = parse_disclosure(out)
    from_pdf = pdf_disclosure("chromium-noto")
    assert from_text.sha256 == from_pdf.sha256  # one document: the digest of the extracted text
    assert [(p.code, p.line, p.lines) for p in from_text.projects] == [(p.code, p.line, p.lines) for p in from_pdf.projects]
    lines = out.read_text(encoding="utf-8").split("\n")
    for project in from_pdf.projects:  # every record's line is its line in the extract
        assert project.code[:8] in lines[project.line - 1].replace(" ", "")
        for indicator in project.indicators:
            assert indicator.name.replace(" ", "") in lines[indicator.line - 1].replace(" ", "")


def test_a_pdf_and_its_extract_are_loaded_once(tmp_path: Path) -> None:
    pdf = rendering("chromium-wqy")
    extract = tmp_path / "x.txt"
    extract.write_text(CliRunner().invoke(cli, ["extract", str(pdf)]).output, encoding="utf-8")
    built = load_inputs([pdf, extract])
    assert len(built.disclosures) == 1 and "same document" in built.notices[0]


def test_every_line_knows_its_page_and_row_and_the_rotated_pages_read_the_same() -> None:
    plain, rotated = read_source(rendering("chromium-wqy")), read_source(rendering("chromium-wqy-rotated"))
    assert plain.lines == rotated.lines and plain.sha256 == rotated.sha256
    layout = plain.layout
    assert isinstance(layout, PdfLayout)
    disclosure = pdf_disclosure("chromium-wqy")
    for project in disclosure.projects:
        place = layout.place(project.line)
        assert place is not None and place.row is not None and 1 <= place.page <= layout.pages
    assert layout.place(1) == type(layout.place(1))(1, None)  # the heading: text outside the tables


def test_merged_cells_cut_by_a_page_break_are_rejoined_and_decide_the_rows() -> None:
    for name in RENDERINGS:
        layout = read_source(rendering(name)).layout
        crossing = [cell for cell in layout.project_cells if len(cell.pages) > 1]
        assert crossing, name  # the renderings do cut merged cells at page breaks
        assert all(cell.code and cell.crossings for cell in crossing)
    disclosure = pdf_disclosure("reportlab-uming")
    explained = [e.text for d in disclosure.decisions for e in d.evidence]
    assert any("the PDF draws line" in text and "no ruling" in text for text in explained)


def test_kangxi_radicals_and_compatibility_ideographs_become_unified_ideographs() -> None:
    assert unify_ideographs("⾦额 项⽬ 金額") == "金额 项目 金額"
    assert unify_ideographs("（）：，") == "（）：，"  # full-width punctuation is left as it is (no NFKC)
    text = EXAMPLE.read_bytes().replace("金额".encode(), "⾦额".encode())
    assert source_from_bytes(text).lines == source_from_bytes(EXAMPLE.read_bytes()).lines


# ---- files kg cannot read say why in one line --------------------------------------------------------


def _image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        image.putpixel((x, 50), 0)
    data = io.BytesIO()
    canvas = Canvas(data, pagesize=landscape(A4))
    canvas.drawImage(ImageReader(image), 50, 50, 400, 200)
    canvas.showPage()
    canvas.save()
    return data.getvalue()


def _one_line_error(path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["parse", str(path), *args])
    assert result.exit_code == 1 and result.exception is not None
    message = result.output.strip()
    assert message.startswith("Error:") and "\n" not in message, message
    return message


def test_a_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_only_pdf())
    message = _one_line_error(path)
    assert "no text layer: run OCR first" in message and "tesseract" in message and "chi_sim" in message


def test_a_password_protected_pdf_is_named_and_an_empty_password_is_opened(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    locked = PdfWriter(clone_from=PdfReader(rendering("chromium-wqy")))
    locked.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        locked.write(handle)
    assert "password" in _one_line_error(path)
    protected = PdfWriter(clone_from=PdfReader(rendering("chromium-wqy")))
    protected.encrypt(user_password="", owner_password="owner", permissions_flag=0)  # copy-protected only
    opened = tmp_path / "protected.pdf"
    with opened.open("wb") as handle:
        protected.write(handle)
    assert len(read_disclosure(opened).projects) == 36


def test_a_pdf_without_the_tables_is_refused(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "letter.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 720, "Dear reader, this is a letter, not a budget.")
    canvas.save()
    message = _one_line_error(path)
    assert "letter.pdf" in message and "预算表12" in message and "预算13表" in message


def test_shaded_cells_and_filled_shapes_are_no_rules(tmp_path: Path) -> None:
    """A PDF whose label cells are shaded (a filled rectangle, as Excel and WPS export them) or that bears
    a drawn seal: reading its ruling lines stopped with a ctypes traceback (the stroke flag's pointer type
    was not the binding's). The filled areas are no rules; the stroked grid still parts the cells; the
    seal's slanted text, which joined the names of the cells under it, is left out and said so."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "shaded.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFillGray(0.85)
    canvas.rect(72, 700, 120, 24, stroke=0, fill=1)  # a shaded label cell
    canvas.circle(400, 500, 60, stroke=1, fill=1)  # a seal's disc
    canvas.setFillGray(0)
    for x in (72, 192, 400):
        canvas.line(x, 652, x, 724)
    for y in (652, 676, 700, 724):
        canvas.line(72, y, 400, y)
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(78, 707, "项目名称")
    canvas.drawString(198, 707, "农村人居环境整治")
    canvas.drawString(78, 683, "实施单位")
    canvas.drawString(198, 683, "某县农业农村局")
    canvas.drawString(78, 659, "主管部门")
    canvas.saveState()
    canvas.translate(198, 659)
    canvas.skew(0, 14)  # an italic a font without one is given: sheared, its baseline level, read as any text
    canvas.drawString(0, 0, "某县人民政府")
    canvas.restoreState()
    canvas.setFillColorRGB(0.87, 0, 0)
    canvas.translate(300, 690)
    canvas.rotate(-12)  # a seal set askew over the cells: its text is no cell's
    canvas.drawString(-30, 0, "某县财政局专用章")
    canvas.save()
    from kg.read.source import extract_text

    assert extract_text(path).splitlines()[:3] == ["项目名称\t农村人居环境整治", "实施单位\t某县农业农村局", "主管部门\t某县人民政府"]
    assert read_source(path).notes == ("page 1: 8 character(s) printed at a slant ('某县财政局专用章': a seal's or stamp's text) "
                                       "are left out of the text",)


def test_two_touching_tables_whose_borders_nearly_meet_keep_their_rows(tmp_path: Path) -> None:
    """A form's label table with its indicator table right below it, their column borders 2.5 pt apart (as
    Chromium prints two tables of different widths): the borders were one grid line that covered neither
    table's cells, so a 二级 cell spanning two rows joined the 三级 names beside it into one (数量指标 农村户厕改造
    数量村庄清洁…) and rows were lost without a word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "two-tables.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("STSong-Light", 11)
    # the label table: 项目名称 | its value
    for x in (72, 152.5, 480):
        canvas.line(x, 700, x, 724)
    canvas.line(72, 724, 480, 724)
    canvas.drawString(78, 708, "项目名称")
    canvas.drawString(158, 708, "农村人居环境整治")
    # the indicator table, touching it: 一级 | 二级 | 三级 | 指标值, 二级 over two rows
    for x in (72, 150, 250, 400, 480):
        canvas.line(x, 628, x, 700)
    canvas.line(72, 700, 480, 700)
    canvas.line(72, 676, 480, 676)
    canvas.line(250, 652, 480, 652)  # under the first 三级 row only: 数量指标 spans two
    canvas.line(72, 628, 480, 628)
    for x, y, text in ((78, 684, "一级指标"), (156, 684, "二级指标"), (256, 684, "三级指标"), (406, 684, "指标值"),
                       (78, 660, "产出指标"), (156, 660, "数量指标"), (256, 660, "农村户厕改造数量"), (406, 660, "≥300户"),
                       (256, 636, "村庄清洁行动覆盖村数"), (406, 636, "45个")):
        canvas.drawString(x, y, text)
    canvas.save()
    from kg.read.source import extract_text

    assert extract_text(path).splitlines() == [
        "项目名称\t农村人居环境整治\t\t", "一级指标\t二级指标\t三级指标\t指标值",  # the label table's cell spans the grid's last columns
        "产出指标\t数量指标\t农村户厕改造数量\t≥300户", "\t\t村庄清洁行动覆盖村数\t45个"]


def test_a_pdf_is_read_by_its_content_whatever_its_name_and_from_standard_input(tmp_path: Path) -> None:
    disguised = tmp_path / "disclosure.txt"
    disguised.write_bytes(rendering("chromium-wqy").read_bytes())
    assert is_pdf(disguised.read_bytes())
    result = CliRunner().invoke(cli, ["parse", str(disguised)])
    assert result.exit_code == 0 and "36" in result.output
    piped = CliRunner().invoke(cli, ["parse", "-"], input=rendering("chromium-wqy").read_bytes())
    assert piped.exit_code == 0 and "215" in piped.output


def test_kg_extract_refuses_a_text_file() -> None:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE)])
    assert result.exit_code == 1 and "neither a PDF, a workbook, a Word document, a web page nor a CSV file" in result.output


def test_the_renderings_are_remade_by_the_script_the_same_way(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    if not Path("/usr/share/fonts/truetype/arphic/uming.ttc").exists():
        pytest.skip("fonts-arphic-uming is not installed")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "render_example_pdf.py"), "--out", str(tmp_path), "--only", "reportlab-uming"],
                   check=True, capture_output=True)
    remade = read_source(tmp_path / "example-reportlab-uming.pdf")
    assert remade.lines == read_source(rendering("reportlab-uming")).lines


def test_a_broken_pdf_is_one_error() -> None:
    with pytest.raises(ParseError, match="not a readable PDF"):
        source_from_bytes(b"%PDF-1.7\nthis is not a PDF body", "broken.pdf")


# ---- pages: every record's line has its page, in the records, --explain, audit, the graph and queries --


def test_every_line_of_a_pdf_disclosure_has_its_page_and_text_has_none() -> None:
    from kg.records import to_jsonable

    disclosure, layout = pdf_disclosure("chromium-wqy"), read_source(rendering("chromium-wqy")).layout
    for project in disclosure.projects:
        for line in (project.line, *(i.line for i in project.indicators)):
            place = layout.place(line)
            assert disclosure.positions[line].page == disclosure.page(line) == place.page
            assert disclosure.positions[line].row == place.row
    assert str(disclosure.positions[disclosure.projects[0].line]).startswith("page ")
    text = text_disclosure()
    assert text.positions == {} and text.page(text.projects[0].line) is None
    assert "positions" not in to_jsonable(text)  # the text path's records print as before
    assert to_jsonable(disclosure)["positions"][str(disclosure.projects[0].line)]["page"] == disclosure.page(disclosure.projects[0].line)


def test_explain_and_audit_print_the_page_for_a_pdf_only() -> None:
    pdf, text = str(rendering("chromium-wqy")), str(EXAMPLE)
    explained = CliRunner().invoke(cli, ["parse", pdf, "--explain"]).output
    decision = pdf_disclosure("chromium-wqy").decisions[0]
    first = min(decision.assignment)
    assert f"on page{'s' if len(pdf_disclosure('chromium-wqy').pages(decision.lines)) > 1 else ''} " in explained.split("\n")[0]
    assert f"{first}" in explained and f"(page {pdf_disclosure('chromium-wqy').page(first)})" in explained
    from_text = CliRunner().invoke(cli, ["parse", text, "--explain"]).output
    assert " on page" not in from_text and "(page " not in from_text
    rows = CliRunner().invoke(cli, ["parse", pdf, "--explain", "-f", "csv"]).output.split("\n")
    assert rows[0] == "page_break,line,page,project_code,method,evidence"
    audit = CliRunner().invoke(cli, ["audit", pdf, "-f", "tsv"]).output.split("\n")
    header = audit[0].split("\t")
    assert header[header.index("lines") + 1] == "page"
    disclosure = pdf_disclosure("chromium-wqy")
    for row in audit[1:]:
        cells = row.split("\t")
        if len(cells) == len(header) and cells[header.index("lines")]:
            lines = [int(n) for n in cells[header.index("lines")].split(", ")]
            assert cells[header.index("page")] == ", ".join(map(str, disclosure.pages(lines)))
    assert "page" not in CliRunner().invoke(cli, ["audit", text, "-f", "tsv"]).output.split("\n")[0].split("\t")


def test_the_graph_of_a_pdf_has_a_source_page_beside_every_source_line() -> None:
    built = load_inputs([rendering("chromium-wqy")])
    data = [q for q in built.quads if q[3] != terms.ONTOLOGY]
    lines = {q[0] for q in data if q[1] == terms.sourceLine}
    pages = {q[0]: q[2] for q in data if q[1] == terms.sourcePage}
    assert lines and lines == set(pages)
    assert all(p.datatype.endswith("#positiveInteger") and int(p.value) >= 1 for p in pages.values())
    disclosure = built.disclosures[0]
    project = disclosure.projects[0]
    by_line = {int(q[2].value): q[0] for q in data if q[1] == terms.sourceLine and "/project/" in q[0] and "/target/" not in q[0]}
    assert int(pages[by_line[project.line]].value) == disclosure.page(project.line)
    text = [q for q in load_inputs([EXAMPLE]).quads if q[3] != terms.ONTOLOGY]
    assert not any(q[1] == terms.sourcePage for q in text)  # the text path's graph is as it was


def test_the_indicators_and_audit_findings_queries_give_the_page_of_a_pdf(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "x.ttl"
    assert CliRunner().invoke(cli, ["build", str(rendering("chromium-wqy")), "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(cli, ["query", "indicators", "--data", str(out), "-f", "csv"]).output)))
    disclosure = pdf_disclosure("chromium-wqy")
    assert len(rows) == 215 and all(row["source_page"] == str(disclosure.page(int(row["source_line"]))) for row in rows)
    findings = list(csv.DictReader(io.StringIO(CliRunner().invoke(cli, ["query", "audit-findings", "--data", str(out), "-f", "csv"]).output)))
    assert findings and all(f["page"] == ", ".join(map(str, disclosure.pages(int(n) for n in f["lines"].split(", ")))) for f in findings if f["lines"])


def test_a_browsers_print_header_and_footer_and_page_numbers_are_the_pages_not_the_cells() -> None:
    """Web pages printed by Chromium with its header and footer (the date and time, the page's address
    and count) and a page number under the table (tests/data/pdf/*.html, `chromium --headless
    --print-to-pdf`): the footer below a merged cell cut by the page break was read into it (效益指标 became
    '效益指标mp/…', five rows went to 成本指标), 第 1 页 ended a 表12 goal, the print date became the tail of
    two projects' names, and 表13's comparator cell spanning two grid columns left its value one cell over."""
    form = parse_disclosure(str(PDFS / "form-chromium-print-header-footer.pdf"))
    effects = [(i.tier2, i.name) for i in form.projects[0].indicators if i.tier1 == "效益指标"]
    assert effects[:3] == [("经济效益指标", "降低沿线群众出行成本"), ("经济效益指标", "带动沿线特色农产品销售额增长"),
                           ("社会效益指标", "新增通客车建制村数量")]
    assert not [i for i in form.projects[0].indicators if "/" in i.name] and not [s for s in form.skipped if s.carries_data]
    beijing = parse_disclosure(str(PDFS / "beijing-chromium-page-numbers.pdf"))
    assert [(p.name, len(p.indicators)) for p in beijing.projects] == [
        ("社区公共服务运转经费", 6), ("背街小巷环境精细化整治提升经费", 9), ("城市管理综合执法保障经费", 12),
        ("老旧小区综合整治配套经费", 6), ("社区养老驿站运营补贴", 7)]
    assert all("页" not in p.goal and "AM" not in p.goal for p in beijing.projects)
    assert [(a.name, [(i.comparator, i.value) for i in a.indicators]) for a in beijing.activities][0] == (
        "基层政权和社区建设", [("=", 29), ("≥", 90)])
    assert not [s for s in beijing.skipped if s.carries_data]


def test_text_a_spreadsheet_export_clipped_out_of_sight_is_not_read() -> None:
    """A 表12 workbook exported by LibreOffice (tests/data/pdf/beijing-libreoffice-merged-cells-centred.xlsx,
    `soffice --headless --convert-to pdf`): a merged cell cut by a page break has its whole text drawn on
    each page it covers, clipped to that page's part of the cell (its 单位名称 cell spans the table,
    vertically centred). The hidden copies made the third project twice over, with the unit's name as its
    name's tail and its goal doubled, without a word; only what shows is read."""
    d = read_disclosure(str(PDFS / "beijing-libreoffice-merged-cells-centred.pdf"))
    assert [(p.code, p.name, len(p.indicators)) for p in d.projects] == [
        ("11010822T000000521904", "社区公益事业经费", 7), ("11010822T000000521907", "老旧小区综合整治前期经费", 6),
        ("11010822T000000522013", "垃圾分类运维经费", 9)]
    assert d.projects[2].goal == "保障辖区垃圾分类驿站及桶站日常运维，提高生活垃圾分类准确率和资源化利用率。"
    assert (d.projects[2].total, d.projects[2].fiscal, d.projects[2].other) == (Decimal("1180.000000"), Decimal("1000.000000"), Decimal("180.000000"))
    assert d.unit_name == "北京市海淀区人民政府学院路街道办事处"


def test_a_merged_cell_cut_by_a_page_break_with_its_text_on_the_later_page() -> None:
    """Workbooks exported by LibreOffice (the .xlsx beside each PDF): a merged 效益指标 | 社会效益指标 cell that
    starts at the foot of a page prints its text centred, on the next page; a table of projects' merged
    项目名称 cell starting on a page's last row, likewise. The rows on the earlier page took the tiers of the
    group above (成本指标) or the project above, without a word: the text is its cell's first row's."""
    form = read_disclosure(str(PDFS / "form-libreoffice-tier-cell-across-pages.pdf")).projects[0].indicators
    lines = {i.line: (i.tier1, i.tier2) for i in form}
    assert lines[26] == ("成本指标", "经济成本指标") and lines[27] == lines[28] == ("效益指标", "社会效益指标") and len(form) == 24
    projects = read_disclosure(str(PDFS / "projects-libreoffice-name-cell-across-pages.pdf")).projects
    assert [(p.name, len(p.indicators)) for p in projects] == [
        ("农村公路养护工程", 8), ("城乡客运一体化运营补贴", 12), ("交通运输安全生产专项经费", 6), ("治超站运行经费", 4)]


def test_a_title_printed_tight_on_the_table_glued_into_the_unit_cell() -> None:
    """A Sichuan 一体化 form exported by LibreOffice with its 14 pt title touching the table: the title joins the cell
    under 单位信息 (绩效目标表402017-雅安市名山区农业农村局), which was then no unit; the 主管部门 stood in, its code lost."""
    d = read_disclosure(str(PDFS / "form-libreoffice-title-tight-on-table.pdf"))
    assert (d.unit_code, d.unit_name) == ("402017", "雅安市名山区农业农村局")
