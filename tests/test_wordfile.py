"""Word documents (.docx) read into the text path's lines.

The fixture in tests/data/worddocs/ is the real excerpt guichi-tangxi_2022_xiangmu-zipingbiao (a
doc-sharing site's text of a 自评表 written in WPS) written back as the Word table it was: its HTML
(…source.html, the cells as the excerpt prints them, its last row cut off by the excerpt left out)
converted by LibreOffice Writer (`soffice --headless --infilter="HTML (StarWriter)" --convert-to
docx`), which writes merged cells as Word does (w:gridSpan, w:vMerge); the .doc and .odt are the
same document saved by LibreOffice in those formats. It must give the records written down for the
excerpt by reading it.
"""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import read_disclosure
from kg.cli import cli
from kg.errors import ParseError
from kg.read.source import extract_text, read_source, source_from_bytes
from kg.read.text import parse_source
from kg.read.wordfile import is_word_document, word_lines
from kg.records import Position

DATA = Path(__file__).parent / "data"
WORD = DATA / "worddocs" / "constructed-guichi-tangxi_2022_xiangmu-zipingbiao"
DOCX = WORD.with_suffix(".docx")


def test_a_word_table_gives_the_records_written_down_for_its_excerpt() -> None:
    want = json.loads((DATA / "layouts" / "guichi-tangxi_2022_xiangmu-zipingbiao.expected.json").read_text(encoding="utf-8"))
    d = read_disclosure(DOCX)
    assert d.kind.value == want["kind"] and d.encoding == "docx"
    assert (d.year, d.unit_code, d.unit_name, d.region.code if d.region else None) == (want["year"], want["unit_code"], want["unit_name"], want["region"])
    (p,) = d.projects
    w = want["project"]
    assert (p.code, p.name, str(p.total), str(p.fiscal), p.other) == (w["code"], w["name"], w["total"], w["fiscal"], w["other"])
    got = []
    for i in p.indicators:
        r = i.result
        result = None if r is None else [None if r.value is None else str(r.value), r.value_text, r.unit, None if r.score is None else str(r.score), r.deviation_reason]
        got.append([i.tier1, i.tier2, i.name, i.comparator, None if i.value is None else Decimal(i.value), i.value_text, i.unit, result])
    assert got == [[*row[1:5], None if row[5] is None else Decimal(row[5]), *row[6:8], row[8][:5]] for row in want["indicators"]]
    assert not [s for s in d.skipped if s.carries_data]
    # the real document's error, as the excerpt prints it: a total of 0 above a 财政拨款 of 90
    assert [w.message for w in d.warnings] == ["年度资金总额 0 is less than its 财政拨款 90 (line 8)"]


def test_each_line_knows_its_table_and_row_or_its_paragraph() -> None:
    d = read_disclosure(DOCX)
    first = d.projects[0].indicators[0]
    assert d.positions[first.line] == Position(table=1, row=11) and str(d.positions[first.line]) == "table 1, row 11"
    assert d.positions[1] == Position(paragraph=1)  # 附件:
    source = read_source(DOCX)
    assert source.lines[first.line - 1].split("\t")[3] == "基建工程委托业务项目数量"


def test_the_document_and_its_extracted_text_are_one_document() -> None:
    text = extract_text(DOCX)
    as_text = parse_source(source_from_bytes(text.encode("utf-8"), "copy.txt"))
    assert as_text.sha256 == read_disclosure(DOCX).sha256
    assert [i.name for i in as_text.projects[0].indicators] == [i.name for i in read_disclosure(DOCX).projects[0].indicators]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str, hidden: bool = False) -> str:
    return f"<w:r>{'<w:rPr><w:vanish/></w:rPr>' if hidden else ''}<w:t xml:space='preserve'>{text}</w:t></w:r>"


def tc(*content: str, span: int = 1, vmerge: str | None = None) -> str:
    props = (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "") + (f"<w:vMerge w:val='{vmerge}'/>" if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(content) or p()}</w:tc>"


def test_merged_cells_hidden_text_revisions_and_tables_inside_cells() -> None:
    body = (
        p(r("项目名称"), "<w:r><w:tab/></w:r>", r("物业管理"))  # a tab stop: a tab, as the copy gives it
        + "<w:tbl>"
        + "<w:tr>" + tc(p(r("产出指标")), vmerge="restart") + tc(p(r("数量指标"))) + tc(p(r("维护路灯")), p(r("数量"))) + tc(p(r("≥12000盏"))) + "</w:tr>"
        + "<w:tr>" + tc(vmerge="continue") + tc(p(r("质量指标"), r("（草稿）", hidden=True))) + tc(p(r("亮灯率"), "<w:r><w:br/></w:r>", r("达标"))) + tc(p(r("≥98%"), "<w:del><w:r><w:delText>≥95%</w:delText></w:r></w:del>")) + "</w:tr>"
        + "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>" + tc(p(r("合计")), span=2) + tc(p(r("2")), "<w:tbl><w:tr>" + tc(p(r("内表"))) + tc(p(r("1"))) + "</w:tr></w:tbl>") + "</w:tr>"
        + "</w:tbl>"
        + p(r("注：说明"))
    )
    data = docx(body)
    assert is_word_document(data) and not is_word_document(b"PK\x03\x04not a zip")
    lines, layout = word_lines(data)
    assert lines == ("项目名称\t物业管理", "产出指标\t数量指标\t维护路灯数量\t≥12000盏", "\t质量指标\t亮灯率达标\t≥98%",
                     "\t合计\t\t2", "内表\t1", "注：说明")
    assert layout.places()[1] == Position(paragraph=1) and layout.places()[5] == Position(table=2, row=1) and layout.places()[6] == Position(paragraph=2)


@pytest.mark.parametrize(("suffix", "message"), [
    (".doc", "a Word 97–2003 document (.doc): kg reads .docx; save it as .docx (or PDF) and read that"),
    (".odt", "an OpenDocument text (.odt): save it as .docx"),
])
def test_older_and_other_word_processors_files_are_refused_with_what_to_do(suffix: str, message: str) -> None:
    path = WORD.with_suffix(suffix)
    with pytest.raises(ParseError) as error:
        read_disclosure(path)
    assert str(error.value) == f"{path}: {message}"
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1 and result.output.strip() == f"Error: {path}: {message}"


def test_a_document_with_no_text_or_a_damaged_one_is_refused_with_one_line() -> None:
    with pytest.raises(ParseError, match="shows no text"):
        word_lines(docx(p(r("隐藏", hidden=True))), "empty.docx")
    damaged = docx(p(r("x"))).replace(b"word/document.xml", b"word/documenx.xml")
    with pytest.raises(ParseError, match="not an .xlsx workbook"):  # no document part: not read as Word
        source_from_bytes(damaged, "damaged.docx")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(ParseError, match="a damaged .docx document"):
        source_from_bytes(broken.getvalue(), "broken.docx")


def test_the_cli_reads_and_extracts_a_word_document() -> None:
    runner = CliRunner()
    parsed = runner.invoke(cli, ["parse", str(DOCX), "--format", "json"])
    assert parsed.exit_code == 0, parsed.output
    assert json.loads(parsed.stdout)["positions"]["14"] == {"page": None, "sheet": None, "row": 11, "table": 1}
    extracted = runner.invoke(cli, ["extract", str(DOCX), "-o", "-"])
    assert extracted.exit_code == 0
    assert "\t产出指标(50分)\t数量指标\t基建工程委托业务项目数量\t\t≥50个\t50\t8\t8" in extracted.output.splitlines()


def test_a_document_part_that_unpacks_too_large_is_refused_before_it_is_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>" + " " * (257 * 1024 * 1024) + "</w:body></w:document>")
    with pytest.raises(ParseError, match=r"unpacks to 269,484,145 bytes \(more than 268,435,456\): not read"):
        word_lines(buffer.getvalue(), "bomb.docx")


def word_records(name: str) -> list[tuple[object, ...]]:
    d = read_disclosure(DATA / "worddocs" / name)
    return [(i.name, i.comparator, i.value, i.unit) for p in d.projects for i in p.indicators]


def test_what_a_review_of_word_documents_found() -> None:
    """Word documents made by LibreOffice and python-docx (a review): ≥ typed in the Symbol font
    (U+F0B3) or inserted as a symbol (w:sym) was lost or made the target 定性; runs marked not hidden
    (w:vanish w:val="0") were dropped; a text box over a cell was read into it twice; two values typed
    as paragraphs of one cell were one 定性 value without a word; ISO Strict documents showed no text."""
    typed = word_records("constructed-symbol-font-comparators.docx")
    assert typed[0] == ("享受居家养老服务人数", "≥", Decimal(1600), "人") and typed[2] == ("人均服务补贴标准", "≤", Decimal(1500), "元/年")
    inserted = word_records("constructed-symbol-inserted-comparators.docx")
    assert inserted[0] == ("养护农村公路里程", "≥", Decimal(320), "公里") and inserted[4] == ("每公里养护成本", "≤", Decimal(2650), "元/公里")
    assert word_records("constructed-strict-open-xml.docx") == inserted
    shown = word_records("constructed-run-unhidden-inside-a-cell.docx")
    assert shown[0] == ("指标1：培育高素质农民人数", "=", Decimal(600), "人") and shown[1][1:] == ("≥", Decimal(90), "%")
    boxed = word_records("constructed-text-box-over-a-cell.docx")
    assert boxed[-1] == ("家属满意度", "≥", Decimal(85), "%")
    two = read_disclosure(DATA / "worddocs" / "constructed-two-indicators-in-one-row.docx")
    assert any(w.line == 14 and "holds several values in one cell" in w.message for w in two.warnings)


def test_a_damaged_document_is_refused_with_one_line() -> None:
    path = DATA / "worddocs" / "constructed-corrupt-deflate.docx"
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith(f"Error: {path}: a damaged .docx document: error: Error -3 while decompressing data")
    with pytest.raises(ParseError, match=r"a damaged .docx document: the zip archive cannot be read"):
        source_from_bytes(DOCX.read_bytes()[:3000], "cut.docx")
    with pytest.raises(ParseError, match="an RTF document: kg reads .docx"):
        source_from_bytes(b"{\\rtf1\\ansi\\ansicpg936 \\f0 \\'cf\\'ee}", "form.rtf")


def test_a_symbol_inserted_from_a_symbol_font_is_its_sign() -> None:
    lines, _ = word_lines(docx(p(r("≥"), "<w:r><w:sym w:font='Symbol' w:char='F0B3'/></w:r>", r("95%"))
                               + p("<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>shown</w:t></w:r>", r("hidden", hidden=True))))
    assert lines == ("≥\uf0b395%", "shown")  # the sign as the font stores it; kg.read.source maps it to ≥
    assert source_from_bytes(docx(p("<w:r><w:sym w:font='Symbol' w:char='F0B3'/></w:r>", r("95%")))).lines == ("≥95%",)


def test_template_leftovers_and_a_blank_remark_are_told_from_data() -> None:
    """The template's filler rows (……) are no data; a placeholder target (≥**%) is no target, reported;
    a placeholder name (指标1：) beside a value is warned; 备注 left blank below a nested table is no row."""
    template = read_disclosure(DATA / "worddocs" / "constructed-template-rows-left.docx")
    assert [s.line for s in template.skipped if s.carries_data] == [15, 21]
    assert any(s.line == 21 and "placeholder '≥**%'" in s.reason for s in template.skipped)
    assert [w.line for w in template.warnings if "its name was not filled in" in w.message] == [16]
    assert not [s for s in template.skipped if s.carries_data and s.text.strip("…. ") == ""]
    nested = read_disclosure(DATA / "worddocs" / "constructed-indicator-table-in-a-cell-remarks-blank.docx")
    assert len(nested.projects[0].indicators) == 6 and not [s for s in nested.skipped if s.carries_data]


def test_what_a_third_review_of_pages_and_word_documents_found() -> None:
    """Struck-through old values (w:strike; a page's line-through) were glued to their corrections
    (400420座, 8089元); a filled 备注 row below the table became an indicator named 备注; the title printed
    again over the next page with （续） refused a form read in full."""
    struck = {i.name: (i.comparator, i.value, i.unit) for p in read_disclosure(DATA / "worddocs" / "constructed-struck-old-values.docx").projects for i in p.indicators}
    assert struck["新建检查井数量"] == ("=", Decimal(420), "座")
    page = {i.name: (i.comparator, i.value, i.unit) for p in read_disclosure(DATA / "webpages" / "constructed-line-through-old-value.html").projects for i in p.indicators}
    assert page["人均基本公共卫生服务经费补助标准"] == ("=", Decimal(89), "元")
    remarks = read_disclosure(DATA / "worddocs" / "constructed-remarks-row-filled.docx")
    assert len(remarks.projects[0].indicators) == 11 and "备注" not in [i.name for i in remarks.projects[0].indicators]
    continued = read_disclosure(DATA / "worddocs" / "constructed-title-continued-over-page.docx")
    assert len(continued.projects[0].indicators) == 10 and not [s for s in continued.skipped if s.carries_data]


def test_what_a_code_review_of_the_word_reader_found() -> None:
    """w:gridBefore w:val="0" shifted the row a column; a w:sym with a bogus code, and documents nested
    beyond Python's recursion, raised instead of being read or refused with one line."""
    before = "<w:tbl><w:tr><w:trPr><w:gridBefore w:val='0'/></w:trPr>" + tc(p(r("a"))) + tc(p(r("b"))) + "</w:tr></w:tbl>"
    assert word_lines(docx(before))[0] == ("a\tb",)
    bogus = p(r("x"), "<w:r><w:sym w:font='Symbol' w:char='FFFFFFFFFF'/></w:r>", "<w:r><w:sym w:char='D800'/></w:r>")
    assert word_lines(docx(bogus))[0] == ("x",)
    deep = "<w:sdt><w:sdtContent>" * 3000 + p(r("x")) + "</w:sdtContent></w:sdt>" * 3000
    with pytest.raises(ParseError, match="nests its tables or content controls too deep"):
        word_lines(docx(deep), "deep.docx")
