"""A spreadsheet saved as CSV read into the text path's lines.

tests/data/csv/shenbaobiao-excel-gbk.csv is a 项目支出绩效目标申报表 as Excel's "CSV (逗号分隔)" writes a
sheet on a Chinese Windows: GBK, CRLF after each record, every record as wide as the sheet's used
range, a merged cell's text in its first cell, amounts as the cells show them ("1,250.00", quoted),
and two cells holding a line break (the 年度总体目标's two points; a 三级 name wrapped in its cell).
The records below were written down by reading it. The bundled example, its lines saved as CSV, must
read as its text does.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import read_disclosure
from kg.cli import cli
from kg.errors import ParseError
from kg.read.completeness import partial_reasons
from kg.read.delimited import looks_delimited
from kg.read.source import decode, extract_text, read_source, source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure, Position, to_jsonable
from kg.store.ingest import expand_inputs

DATA = Path(__file__).parent / "data"
FORM = DATA / "csv" / "shenbaobiao-excel-gbk.csv"
EXAMPLE = Path(__file__).parents[1] / "examples" / "000_c335fd1cef659d43.txt"


def test_an_excel_csv_of_a_form_gives_the_records_written_down_for_it() -> None:
    d = read_disclosure(FORM)
    assert (d.encoding, d.year, d.unit_name, d.region.code if d.region else None) == ("gb18030", 2024, "南昌县民政局", "360121")
    (p,) = d.projects
    assert (p.name, p.total, p.fiscal, p.other) == ("城乡居民医疗救助资金", Decimal("1250.00"), Decimal("1250.00"), Decimal("0.00"))
    assert p.goal == "1.对全县城乡困难群众实施医疗救助，减轻就医负担；2.确保救助资金及时足额发放。"
    got = [(i.tier1, i.tier2, i.name, i.comparator, i.value, i.value_text if i.value is None else i.unit) for i in p.indicators]
    assert got == [
        ("产出指标", "数量指标", "医疗救助人次", "≥", Decimal("3500"), "人次"),
        ("产出指标", "数量指标", "资助参保人数", "≥", Decimal("12000"), "人"),  # wrapped inside its cell
        ("产出指标", "质量指标", "救助对象认定准确率", "≥", Decimal("98"), "%"),
        ("产出指标", "时效指标", "救助资金发放及时率", "=", Decimal("100"), "%"),
        ("成本指标", "经济成本指标", "人均救助标准", "≤", Decimal("1000"), "元/人"),
        ("效益指标", "社会效益指标", "困难群众就医负担", "定性", None, "有效减轻"),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", Decimal("95"), "%"),
    ]
    assert d.warnings == () and d.skipped == ()


def test_each_line_knows_its_record_and_the_line_of_the_file_it_starts_at() -> None:
    d = read_disclosure(FORM)
    wrapped = d.projects[0].indicators[1]  # "资助参保\n人数": its record starts on the file's line 12, after the goal's break
    assert wrapped.line == 11 and d.positions[11] == Position(row=11, line=12)
    assert str(d.positions[11]) == "row 11 (line 12 of the file)"
    assert d.positions[12] == Position(row=12, line=14)  # after the name's own break
    assert d.positions[1] == Position(row=1, line=1)


def _as_csv(lines: list[str], encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(line.split("\t") for line in lines)
    return out.getvalue().encode(encoding)


def _records(d: Disclosure) -> dict:
    """The records as JSON, without what names the file or keeps a line's cells as printed (a CSV,
    like a workbook, prints no empty cells after a row's last text; the text does)."""

    def strip(x: object) -> object:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in {"path", "sha256", "encoding", "positions", "cells", "text"}}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return strip(json.loads(json.dumps(to_jsonable(d), ensure_ascii=False)))


def test_the_bundled_example_saved_as_csv_reads_as_its_text_does() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    source = source_from_bytes(_as_csv(lines, "gb18030"), "example.csv")
    assert source.encoding == "gb18030" and source.layout is not None
    assert source.lines == tuple(line.rstrip("\t") for line in lines)
    as_csv, as_text = parse_source(source), parse_source(read_source(EXAMPLE))
    assert len(as_text.projects) > 20 and as_text.activities
    assert _records(as_csv) == _records(as_text)


def test_no_text_fixture_or_excerpt_is_taken_for_csv() -> None:
    """Texts copied from pages and PDFs carry commas in their cells (goals, 1,234.56): none splits like
    a CSV. Every real excerpt and every constructed case is read as text, as before."""
    texts = [*DATA.rglob("*.txt"), *Path(__file__).parents[1].glob("examples/*.txt")]
    with_commas = 0
    for path in texts:
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except ParseError:
            continue  # the bad-input fixtures
        with_commas += "," in text
        assert not looks_delimited(text), path
    assert with_commas > 20  # the rule was asked about texts that hold commas


def test_a_quoted_cell_never_closed_is_one_line_naming_where_its_record_starts() -> None:
    data = FORM.read_bytes().decode("gbk").replace("≥95%,,\r\n", '"≥95%,,\r\n').encode("gbk")
    with pytest.raises(ParseError) as caught:
        source_from_bytes(data, "cut.csv")
    assert str(caught.value) == 'cut.csv:18: a quoted cell of this CSV record is never closed (no closing "): the file may be cut off'


def test_the_cli_reads_a_csv_by_its_content_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    runner = CliRunner()
    by_file = runner.invoke(cli, ["parse", str(FORM), "-f", "json"])
    assert by_file.exit_code == 0, by_file.output
    piped = runner.invoke(cli, ["parse", "-", "-f", "json"], input=FORM.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["projects"] == json.loads(by_file.stdout)["projects"]
    extracted = runner.invoke(cli, ["extract", str(FORM), "-o", "-"])
    assert extracted.exit_code == 0
    assert extracted.stdout.splitlines()[10] == "\t\t\t资助参保人数\t≥12000人"
    assert extract_text(FORM).splitlines()[0] == "项目支出绩效目标申报表"
    cut = tmp_path / "cut.csv"
    text = FORM.read_bytes().decode("gbk")
    cut.write_bytes(text[:text.index(",满意度指标")].encode("gbk") + ',"满意度'.encode("gbk"))  # cut inside a quoted cell
    refused = runner.invoke(cli, ["parse", str(cut)])
    assert refused.exit_code == 1 and refused.output.count("\n") == 1 and "never closed" in refused.output


def test_a_folder_given_to_the_store_is_searched_for_csv_files(tmp_path: Path) -> None:
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "form.csv").write_bytes(FORM.read_bytes())
    assert expand_inputs([tmp_path]) == [tmp_path / "sheets" / "form.csv"]


def test_a_csv_cut_inside_its_last_record_is_read_only_in_part() -> None:
    """A download stopped inside the last record (…,救助对象满意度,≥9): the target read as ≥ 9 without a word.
    Every writer ends a record with a line break and Excel writes each as wide as the sheet, so a last record
    with neither is where the file stops; a whole file whose last line break alone is missing is no cut."""
    text = FORM.read_bytes().decode("gbk")
    cut = parse_source(source_from_bytes(text[:text.rindex("5%,,")].encode("gbk"), "cut.csv"))
    assert cut.cut is not None and "ends inside its last record" in cut.cut
    assert cut.projects[0].indicators[-1].value == Decimal(9) and partial_reasons(cut)  # what it holds, refused unless --allow-partial
    whole = parse_source(source_from_bytes(text.rstrip("\r\n").encode("gbk"), "whole.csv"))
    assert whole.cut is None and not partial_reasons(whole) and whole.projects[0].indicators[-1].value == Decimal(95)
    # as wide as the rows before, it may still be cut inside its last cell: said, not refused
    assert [w.message for w in whole.warnings] == [
        "the CSV file has no line break after its last record: if it was cut off there, that row's last cell may be incomplete"]
    # rows as wide as their cells (no padding), cut before the last record's last cell: narrower all the same (cut
    # inside that cell, a ragged file is as wide as a whole one: not told)
    ragged = "\r\n".join(line.rstrip(",") for line in text.splitlines())
    assert parse_source(source_from_bytes(ragged[: ragged.rindex(",救助对象满意度")].encode("gbk"), "ragged.csv")).cut is not None


def test_what_is_and_is_not_a_csv() -> None:
    """A sheet's title rows saved without its width do not hide the table below them; prose whose sentences have
    commas, each splitting into as many pieces as it has clauses, is no CSV; a last record of one cell (a note
    under the table) without a line break after it is no cut."""
    rows = FORM.read_bytes().decode("gbk").replace(",,,,,,\r\n", "\r\n")  # the two title rows, unpadded
    assert looks_delimited(rows)
    prose = "\n".join(["项目背景,根据区委区政府部署,为保障民生,设立本项目。", "实施内容,开展入户走访,建立台账,按月发放补贴,并接受审计。",
                        "资金使用,严格执行预算,专款专用。", "绩效情况,完成全年目标,群众满意度较高,社会效益明显,得到上级肯定。"])
    assert not looks_delimited(prose)
    noted = FORM.read_bytes().decode("gbk") + "数据来源：南昌县民政局"
    d = parse_source(source_from_bytes(noted.encode("gbk"), "noted.csv"))
    assert d.cut is None and len(d.projects[0].indicators) == 7


def test_a_stray_quote_inside_a_cell_is_read_as_spreadsheets_read_it() -> None:
    """An unquoted cell holding quotes ("放心农资"下乡, a writer should have doubled them) refused the whole file, where
    a quoted cell never closed is refused still."""
    text = FORM.read_bytes().decode("gbk").replace("困难群众就医负担", '"困难群众"就医负担')
    d = parse_source(source_from_bytes(text.encode("gbk"), "quoted.csv"))
    assert [i.name for i in d.projects[0].indicators][5] == "困难群众就医负担"


def test_a_csv_split_by_semicolons_reads_as_one_split_by_commas() -> None:
    """Spreadsheets in locales with a decimal comma save CSV with semicolons: the file was refused as no form."""
    rows = csv.reader(io.StringIO(FORM.read_bytes().decode("gbk"), newline=""))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    semicolons = parse_source(source_from_bytes(out.getvalue().encode("gbk"), "semicolons.csv"))
    assert _records(semicolons) == _records(read_disclosure(FORM))
