"""Saved web pages (.html, and a browser's single-file .mhtml) read into the text path's lines.

The fixtures in tests/data/webpages/ are two of the real excerpts in tests/data/layouts/ written
back as the pages they were copied from would serve them (constructed, marked so in their names):
huangshi's 批复表 in GB2312 inside the site's layout table, with the end tags such pages leave
out, a 2021/2022 pair of value columns and hidden parts; jinzhai's 申报表 as Chrome saves a page
(quoted-printable HTML in an MHTML archive), its cells of Word-pasted paragraphs. Each must give
the records written down for its excerpt by reading it.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import read_disclosure
from kg.cli import cli
from kg.errors import ParseError
from kg.read.source import extract_text, source_from_bytes
from kg.read.text import parse_source
from kg.read.webpage import page_kind, page_lines
from kg.records import Disclosure, Position

DATA = Path(__file__).parent / "data"
PAGES = DATA / "webpages"
HUANGSHI = PAGES / "constructed-huangshi_2022_xiangmu-pifubiao.html"
JINZHAI = PAGES / "constructed-jinzhai-kaifaqu_2021_xiangmu-shenbaobiao.mhtml"


def written_down(excerpt: str) -> dict:
    return json.loads((DATA / "layouts" / f"{excerpt}.expected.json").read_text(encoding="utf-8"))


def records(d: Disclosure) -> list[list[object]]:
    return [[i.tier1, i.tier2, i.name, i.comparator, None if i.value is None else Decimal(i.value), i.value_text, i.unit]
            for p in d.projects for i in p.indicators]


def expected_records(want: dict) -> list[list[object]]:
    return [[*row[1:5], None if row[5] is None else Decimal(row[5]), *row[6:8]] for row in want["indicators"]]


@pytest.mark.parametrize(("page", "excerpt"), [
    (HUANGSHI, "huangshi_2022_xiangmu-pifubiao"),
    (JINZHAI, "jinzhai-kaifaqu_2021_xiangmu-shenbaobiao"),
])
def test_a_saved_page_gives_the_records_written_down_for_its_excerpt(page: Path, excerpt: str) -> None:
    want = written_down(excerpt)
    d = read_disclosure(page)
    assert d.kind.value == want["kind"]
    assert (d.year, d.unit_code, d.unit_name, d.region.code if d.region else None) == (want["year"], want["unit_code"], want["unit_name"], want["region"])
    (project,) = d.projects
    w = want["project"]
    assert (project.code, project.name, str(project.total), str(project.fiscal), project.other) == (w["code"], w["name"], w["total"], w["fiscal"], w["other"])
    assert records(d) == expected_records(want)
    assert not d.warnings and not [s for s in d.skipped if s.carries_data]


def test_each_record_names_the_line_of_the_html_its_row_starts_at() -> None:
    d = read_disclosure(HUANGSHI)
    html = HUANGSHI.read_bytes().decode("gb18030").splitlines()
    for indicator in d.projects[0].indicators:
        position = d.positions[indicator.line]
        assert position == Position(line=position.line) and position.line is not None
        assert f"<td>{indicator.name}" in html[position.line - 1]
    assert str(d.positions[d.projects[0].indicators[0].line]) == f"line {d.positions[d.projects[0].indicators[0].line].line} of the HTML"


def test_the_page_and_its_extracted_text_are_one_document() -> None:
    """kg extract gives the lines the records name; read back as text they are the same document."""
    for page in (HUANGSHI, JINZHAI):
        text = extract_text(page)
        as_text = parse_source(source_from_bytes(text.encode("utf-8"), "copy.txt"))
        as_page = read_disclosure(page)
        assert as_text.sha256 == as_page.sha256
        assert records(as_text) == records(as_page)
        assert [i.line for p in as_text.projects for i in p.indicators] == [i.line for p in as_page.projects for i in p.indicators]


def test_what_the_page_does_not_show_is_not_read() -> None:
    text = extract_text(HUANGSHI)
    for unseen in ("不是表格", "内部编号", "市直部门网站", "var siteId", "border:1px"):  # script, .hide, <select>, <style>
        assert unseen not in text
    for furniture in ("首页 > 政府信息公开 > 财政资金 > 专项资金", "【打印本页】【关闭窗口】"):  # shown, set aside by the reader
        assert furniture in text.splitlines()


def test_a_wrong_charset_declaration_falls_back_to_the_bytes() -> None:
    """A page re-saved as UTF-8 that still declares gb2312 reads the same."""
    utf8 = HUANGSHI.read_bytes().decode("gb18030").encode("utf-8")
    assert b"charset=gb2312" in utf8
    d = parse_source(source_from_bytes(utf8, "resaved.html"))
    assert records(d) == records(read_disclosure(HUANGSHI))


def grid(markup: str) -> list[str]:
    return list(page_lines(markup)[0])


def test_rowspan_and_colspan_leave_their_places_blank_as_a_workbook_does() -> None:
    assert grid("<table><tr><td rowspan=2>产出指标<td colspan=2>数量指标<td>x"
                "<tr><td>质量指标<td>合格率<td>≥95%</table>") == ["产出指标\t数量指标\t\tx", "\t质量指标\t合格率\t≥95%"]
    # rowspan=0 reaches the table's end; a span past the table's rows is the table's end too
    assert grid("<table><tr><td rowspan=0>a<td>1<tr><td>2<tr><td>3</table>") == ["a\t1", "\t2", "\t3"]
    assert grid("<table><tr><td rowspan=9>a<td>1<tr><td>2</table><p>after") == ["a\t1", "\t2", "after"]


def test_end_tags_a_page_leaves_out_are_closed_as_browsers_close_them() -> None:
    assert grid("<table><tr><td>a<td>b<tr><td>c<td><p>产出<p>指标</table>") == ["a\tb", "c\t产出指标"]
    assert grid("<table><thead><tr><th>一级指标<th>指标值<tbody><tr><td>产出<td>8个</table>") == ["一级指标\t指标值", "产出\t8个"]
    assert grid("<ul><li>one<li>two</ul><p>three<p>four") == ["one", "two", "three", "four"]


def test_a_layout_table_gives_its_cells_as_blocks_and_the_tables_inside_as_tables() -> None:
    page = "<table><tr><td>栏目<td><div>标题</div><table><tr><td>项目名称<td>物业管理</table>注：说明</table>"
    assert grid(page) == ["栏目", "标题", "项目名称\t物业管理", "注：说明"]


def test_breaks_inside_a_cell_are_wrapping_and_hidden_parts_are_skipped() -> None:
    page = ("<style>/* x */ p.note, .hide { display: none }</style><table><tr><td>主体班培训<br>280人次<td>Total<br/>cost"
            "<td style='display:none'>草稿<td hidden>旧<td class='a hide'>内部<td>&nbsp;<td>≥95%</table><p class=note>说明")
    # a hidden cell takes no column, as the browser shows the row
    assert grid(page) == ["主体班培训280人次\tTotal cost\t\t≥95%"]


def test_a_page_is_told_by_its_content() -> None:
    assert page_kind(b"\xef\xbb\xbf  <!DOCTYPE html><html>") == "html"
    assert page_kind(b"<!-- saved from url=(0042)http://x/ -->\n<html>") == "html"
    assert page_kind(JINZHAI.read_bytes()) == "mhtml"
    assert page_kind("项目名称\t物业管理\n<table>".encode()) is None  # a text that mentions a tag later is text


def test_a_page_that_shows_no_text_is_refused_with_one_line(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title><script>var a = '<td>1</td>';</script></head><body><div style='display:none'>草稿</div></body></html>", encoding="utf-8")
    with pytest.raises(ParseError, match="shows no text"):
        read_disclosure(page)
    result = CliRunner().invoke(cli, ["parse", str(page)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {page}: the web page shows no text (nothing outside its scripts, styles and hidden parts)"]


def test_the_cli_reads_a_page_from_a_file_or_standard_input() -> None:
    runner = CliRunner()
    from_file = runner.invoke(cli, ["parse", str(HUANGSHI), "--format", "json"])
    from_stdin = runner.invoke(cli, ["parse", "-", "--format", "json"], input=HUANGSHI.read_bytes())
    assert from_file.exit_code == 0 and from_stdin.exit_code == 0, from_file.output + from_stdin.output
    file_json, stdin_json = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert file_json["encoding"] == stdin_json["encoding"] == "html"
    assert file_json["projects"] == stdin_json["projects"]
    extracted = runner.invoke(cli, ["extract", str(JINZHAI), "-o", "-"])
    assert extracted.exit_code == 0
    assert "\t产出指标\t\t数量指标\t指标1:安置小区物业费\t\t8个" in extracted.output.splitlines()


def page_records(name: str) -> tuple[Disclosure, dict[str, tuple[object, ...]]]:
    d = read_disclosure(PAGES / name)
    return d, {i.name: (i.tier1, i.tier2, i.comparator, i.value, i.unit) for p in d.projects for i in p.indicators}


def test_what_a_review_of_saved_pages_found() -> None:
    """Pages written as sites and office programs save them (a review, each with its records written
    down first): a Word page's tracked changes glued the deleted number to the new one (600650); a
    page cut off inside its last cell read as complete; an Excel export's hidden row shifted the rows
    below it; a site's footer (…厅主办) refused a page read in full; comparator words in a 备注 column
    were ignored; 项目年度 | 2024 gave no year."""
    tracked, values = page_records("constructed-word-paste-tracked-changes.html")
    assert tracked.projects[0].total == Decimal(650)
    assert values["每公里养护成本"] == ("成本指标", "经济成本指标", "≤", Decimal(4900), "元/公里")
    cut, values = page_records("constructed-page-cut-off-in-its-table.html")
    assert cut.cut is not None and "</table> is missing" in cut.cut
    assert any(w.line == 18 and "cut off" in w.message for w in cut.warnings)
    assert values["城区居民满意度"][2:4] == ("≥", Decimal(9))  # what the page holds is read; the document is partial
    hidden, values = page_records("constructed-excel-export-hidden-row.htm")
    assert hidden.year == 2024 and not hidden.warnings
    assert values["供餐学校数量"] == ("产出指标", "数量指标", "=", Decimal(23), "所")
    assert values["学生及家长满意度"] == ("满意度指标", "服务对象满意度指标", "≥", Decimal(90), "%")
    # the hidden row keeps its place in the grid: the rows below it stay under their columns
    text = extract_text(PAGES / "constructed-excel-export-hidden-row.htm").splitlines()
    assert "\t\t供餐学校数量\t＝\t23\t所\t10" in text and "\t质量指标\t食品安全抽检合格率\t≥\t98%\t\t10" in text
    footer, _ = page_records("constructed-footer-zhuban-below-the-form.html")
    assert not [s for s in footer.skipped if s.carries_data]
    remarks, values = page_records("constructed-wps-export-comparator-in-remarks.html")
    assert values["路灯亮灯率"][2:4] == ("≥", Decimal("98.00")) and values["故障修复时限"][2:5] == ("≤", Decimal(24), "小时")
    assert values["维护路灯数量"][2:5] == ("=", Decimal(12860), "盏")
    # the indicator table inside a cell of the form's table: 绩效指标, the outer cell's label above it, is no column
    nested, values = page_records("constructed-indicator-table-inside-the-form.html")
    assert len(values) == 6 and not [s for s in nested.skipped if s.carries_data]
    assert values["高血压患者规范管理率"] == ("产出指标", "质量指标", "≥", Decimal(60), "%")
    # 附件2： between two forms ends the first table; the second form (no 实施单位) is reported, as a text's is
    attachments = read_disclosure(PAGES / "constructed-two-forms-attachment-labels.html")
    assert [s.line for s in attachments.skipped if s.carries_data] == [28]
    assert [i.name for i in attachments.projects[0].indicators][-1] == "参保群众满意度"
    numerals = read_disclosure(PAGES / "constructed-two-forms-attachment-numerals.html")  # 附件二：
    assert [s.line for s in numerals.skipped if s.carries_data] == [28]


ROAD = [("养护农村公路里程", "≥", Decimal(320), "公里"), ("养护桥梁数量", "=", Decimal(12), "座"), ("路面优良率", "≥", Decimal(85), "%"),
        ("养护任务完成时限", "定性", None, None), ("每公里养护成本", "≤", Decimal(2650), "元/公里"), ("群众出行条件", "定性", None, None),
        ("沿线群众满意度", "≥", Decimal(90), "%")]


@pytest.mark.parametrize("name", [
    "constructed-form-as-preformatted-text.html",  # the form posted as tab-separated text inside <pre>
    "constructed-format-characters-in-cells.html",  # ≤\u200b2650元/公里, LRM and LRO inside cells
    "constructed-utf16-with-bom.htm",  # saved as "Unicode" (UTF-16 with its BOM)
    "constructed-gbk-page-declaring-latin1.html",  # GBK bytes under a template's charset=iso-8859-1
    "constructed-text-beginning-with-a-tag.txt",  # a copied text whose first line is <p>附件2</p>, then rows of tabs
])
def test_what_a_review_of_bad_pages_found(name: str) -> None:
    """A review of bad and hostile pages: each of these gave the road form's seven records wrong
    without a word (one line, 定性 values, mojibake) or was refused; each reads them now."""
    d = read_disclosure(PAGES / name)
    # names keep control and format characters as printed (路面优良率\x07, 公路\u202e里程; escaped wherever shown)
    printed = re.compile(r"\x1b\[\d+m|[\x00-\x1f\u200b-\u200f\u202a-\u202e]")
    assert [(printed.sub("", i.name), i.comparator, i.value, i.unit) for p in d.projects for i in p.indicators] == ROAD
    assert len({i.line for p in d.projects for i in p.indicators}) == 7 and not [s for s in d.skipped if s.carries_data]
    assert d.encoding == ("utf-8-sig" if name.endswith(".txt") else "html")


def test_hostile_pages_are_read_in_time_or_refused_with_one_line() -> None:
    assert page_lines("<div>" * 10000 + "项目名称" + "</div>" * 3)[0] == ("项目名称",)  # no RecursionError
    wide = "<table>" + "".join(f"<tr><td rowspan=5000 colspan=5000>a{i}<td>b" for i in range(300)) + "</table>"
    with pytest.raises(ParseError, match="wider than 5,000 columns"):
        page_lines(wide, path="wide.html")
    tall = page_lines("<table>" + "".join(f"<tr><td rowspan=3 colspan=2>a{i}<td>b" for i in range(3000)) + "</table>")[0]
    assert tall[:3] == ("a0\t\tb", "\t\ta1\t\tb", "\t\t\t\ta2\t\tb") and len(tall) == 3000
    with pytest.raises(ParseError, match="a gzip-compressed file: decompress it"):
        source_from_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20, "page.html.gz")


def test_what_a_code_review_of_the_page_reader_found() -> None:
    """A written </div> inside a cell closed a <div> around the table (the huangshi page with one cell's
    text centred in a <div> read 5 of its 13 indicators, without a word); Word's <![if mso]> raised a
    traceback; a visibility:hidden cell lost its column; cells outside a <tr> were dropped; a UTF-8 page
    declaring gb2312 read as mojibake; an .mhtml part's gb2312 charset was used strictly; a UTF-16 page
    declaring utf-16 was decoded twice; kg extract refused a UTF-16 page kg parse read."""
    assert page_lines("<div><table><tr><td><div>a</div></td><td>b</td></tr><tr><td>c<td>d</table></div>")[0] == ("a\tb", "c\td")
    centred = HUANGSHI.read_bytes().decode("gb18030").replace("<td>邀请校外名师、领导授课人次<td>", "<td><div align=\"center\">邀请校外名师、领导授课人次</div><td>")
    d = parse_source(source_from_bytes(centred.encode("gb18030"), "centred.html"))
    assert records(d) == records(read_disclosure(HUANGSHI)) and len(records(d)) == 13
    assert page_lines("<![if mso]><p>项目名称</p><![endif]>")[0] == ("项目名称",)
    assert page_lines("<table><tr><td>产出<td style='visibility:hidden'>x<td>≥95%</table>")[0] == ("产出\t\t≥95%",)
    assert page_lines("<table><td>项目名称<td>道路</table>")[0] == ("项目名称\t道路",)
    utf8 = "<html><head><meta charset='gb2312'></head><body><table><tr><td>项目名称<td>道路养护</table>".encode("utf-8")
    assert source_from_bytes(utf8, "resaved.html").lines == ("项目名称\t道路养护",)
    sixteen = "<html><head><meta charset='utf-16'></head><body><p>项目名称</p>".encode("utf-16")
    assert source_from_bytes(sixteen, "unicode.html").lines == ("项目名称",)
    unicode_page = PAGES / "constructed-utf16-with-bom.htm"
    assert extract_text(unicode_page).splitlines() == list(source_from_bytes(unicode_page.read_bytes()).lines)
    part = "<html><body><p>朱镕基</p></body></html>".encode("gb18030")  # 镕: GB18030, not GB2312
    archive = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
               b"Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + part + b"\r\n--b--\r\n")
    assert source_from_bytes(archive, "ie.mht").lines == ("朱镕基",)
    assert page_kind(b"<script>var a = 1;</script>\n<table><tr><td>x</td></tr></table>\n") == "html"


def test_what_a_review_of_the_page_parser_after_its_changes_found() -> None:
    """Rows inside an element between a table and its cells (<tr><font><td>, an unclosed <colgroup>) were
    dropped, and a footer then read as an indicator; Excel's struck text through a CSS class was read
    (2523 for 23); a complete page missing only its </table> was refused as cut off; a value typed in
    three cells under one 指标值 (≥ | 320 | 公里) was 定性 '≥'."""
    _, font = page_records("constructed-font-between-row-and-cells.html")
    assert len(font) == 8 and font["养护农村公路里程"][2:] == ("≥", Decimal(320), "公里") and not [n for n in font if "主办" in n]
    colgroup = read_disclosure(PAGES / "constructed-colgroup-left-open.html")
    assert [len(p.indicators) for p in colgroup.projects] == [8, 8]
    _, struck = page_records("constructed-excel-struck-by-class.htm")
    assert struck["供餐学校数量"][2:] == ("=", Decimal(23), "所")
    _, row_struck = page_records("constructed-excel-row-struck-by-class.htm")
    assert "食堂新建数量" not in row_struck and len(row_struck) == 8
    complete = read_disclosure(PAGES / "constructed-table-end-tag-missing.html")
    assert complete.cut is None and len(complete.projects[0].indicators) == 8
    _, three = page_records("constructed-value-in-three-cells.html")
    assert three["养护农村公路里程"][2:] == ("≥", Decimal(320), "公里") and three["每公里养护成本"][2:] == ("≤", Decimal("0.6"), "万元")
    assert three["养护任务完成时间"][2] == "定性"
