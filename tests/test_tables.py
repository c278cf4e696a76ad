import pytest

from kg.errors import ParseError
from kg.read.source import source_from_bytes
from kg.read.tables import heading_of, split_tables


@pytest.mark.parametrize(
    "text, expected",
    [
        ("预算01表 收支总表", (1, "收支总表")),
        ("预算表12 年度项目支出绩效表", (12, "年度项目支出绩效表")),
        ("预算13表 部门整体支出绩效目标表", (13, "部门整体支出绩效目标表")),
        ("预算 13 表 部门整体支出绩效目标表", (13, "部门整体支出绩效目标表")),
        ("见预算13表", None),
        ("预算13表\t单元格", None),  # a heading is a line of its own, not a cell
    ],
)
def test_headings(text: str, expected: tuple[int, str] | None) -> None:
    assert heading_of(text) == expected


def test_split_keeps_line_numbers_and_cells() -> None:
    text = "封面\n预算01表 收支总表\n\n项 目\t预算数\n预算表12 年度项目支出绩效表\na\t b \t\n"
    tables = split_tables(source_from_bytes(text.encode(), "x.txt"))
    assert sorted(tables) == [1, 12]
    assert tables[1].heading_line == 2
    assert [(line.number, line.cells) for line in tables[1].lines] == [(3, ("",)), (4, ("项 目", "预算数"))]
    assert tables[12].lines[0].cells == ("a", "b", "")


def test_a_table_printed_twice_is_an_error() -> None:
    text = "预算13表 部门整体支出绩效目标表\nx\n预算13表 部门整体支出绩效目标表\n"
    with pytest.raises(ParseError, match=r"x.txt:3: 预算13表 appears a second time \(first at line 1\)"):
        split_tables(source_from_bytes(text.encode(), "x.txt"))
