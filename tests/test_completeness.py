"""kg.read.completeness: when a document was read only in part, and the reader's messages as lines."""

from __future__ import annotations

import pytest
from builders import QUALITY, QUANTITY, TABLE_13, disclosure, project, row

from kg.errors import KgError
from kg.read.completeness import PartialDocument, parse_hint, partial_reasons, reader_messages, require_complete
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure

CODE = "11010522T000000416226"


def read(text: str, path: str = "x.txt") -> Disclosure:
    return parse_source(source_from_bytes(text.encode("utf-8"), path))


def test_the_example_is_read_whole(example: Disclosure) -> None:
    assert partial_reasons(example) == []
    assert reader_messages(example) == []
    require_complete([example])


def test_a_table12_whose_rows_give_no_project() -> None:
    d = read(disclosure(["某某项目\t10.000000\t10.000000\t\t目标。\t" + QUANTITY, row(QUALITY)]))
    assert d.projects == ()
    assert partial_reasons(d) == ["表12 holds 2 row(s) with data (lines 7, 8) but no project was read from it"]


def test_a_table13_whose_rows_give_no_activity() -> None:
    table13 = TABLE_13.replace("产出指标数量指标辖区社区数量", "xx").replace("满意度指标服务对象满意度指标受益对象满意度", "yy")
    d = read(disclosure([project(CODE, "项目", "10.000000\t10.000000\t", "目标。", QUANTITY)], table13))
    assert d.activities == ()
    assert partial_reasons(d) == ["表13 holds 2 row(s) with data (lines 19, 20) but no activity was read from it"]


def test_skipped_lines_with_data_beside_records(example_path) -> None:
    lines = example_path.read_text(encoding="utf-8").split("\n")
    d = read("\n".join(lines[:300] + ["x" * 50] + lines[300:]))
    assert len(d.projects) == 36
    assert partial_reasons(d) == ["1 line(s) with data were skipped (line 301)"]


def test_partial_document_names_the_file_the_reasons_and_the_way_out() -> None:
    d = read(disclosure(["某某项目\t10.000000\t10.000000\t\t目标。\t" + QUANTITY]), "a b.txt")
    with pytest.raises(PartialDocument) as caught:
        require_complete([d, d])
    error = caught.value
    assert isinstance(error, KgError) and error.path == "a b.txt"
    assert str(error) == (
        "a b.txt: read only in part: 表12 holds 1 row(s) with data (line 7) but no project was read from it "
        "(and 1 more document(s) read only in part); `kg parse 'a b.txt' -f json` shows what was skipped, --allow-partial accepts it"
    )


def test_reader_messages_are_one_line_each_and_say_a_row_once() -> None:
    d = read(disclosure(["某某项目\t10.000000\t10.000000\t\t目标。\t" + QUANTITY, row(QUALITY)]))
    assert reader_messages(d) == [
        "x.txt: warning: no region: neither the project codes nor the department's name name one; give --region",
        "x.txt: warning: no unit code (a cell like 623001-单位名称) anywhere in the document",
        "x.txt:7: warning: 表12 row of no known shape: amount '10.000000' on a row without a project code",
        "x.txt:8: warning: 表12 row before any project code",
    ]


def test_beyond_the_limit_the_messages_are_counted_with_the_way_to_see_them_all() -> None:
    d = read(disclosure(["某某项目\t10.000000\t10.000000\t\t目标。\t" + QUANTITY, row(QUALITY)]), "<stdin>")
    messages = reader_messages(d, limit=2)
    assert messages[2:] == ["<stdin>: 2 more warning(s) and skipped line(s); `kg parse - -f json` (the same text on stdin) lists them all"]
    assert len(messages) == 3


def test_control_characters_in_messages_are_shown_escaped() -> None:
    table13 = TABLE_13.replace("产出指标数量指标辖区社区数量", "\x1b[31m红色")
    d = read(disclosure([project(CODE, "项目", "10.000000\t10.000000\t", "目标。", QUANTITY)], table13))
    (line,) = [m for m in reader_messages(d) if "红色" in m]
    assert "\x1b" not in line and "\\x1b[31m红色" in line
    assert parse_hint("x.txt") == "`kg parse x.txt -f json`"
