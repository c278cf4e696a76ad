"""表12 on small inline documents: one test per kind of damage the reader must handle."""

from decimal import Decimal

import pytest
from builders import (
    EFFECT,
    QUALITY,
    QUANTITY,
    SATISFACTION,
    TIMELY,
    cost,
    disclosure,
    project,
    row,
)

from kg.analyse.audit import audit
from kg.read.indicators import clean_name
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure

A = "11010522T000000000001"
B = "11010522T000000000002"


def parse(rows: list[str]) -> Disclosure:
    return parse_source(source_from_bytes(disclosure(rows).encode(), "t.txt"))


def by_code(d: Disclosure) -> dict:
    return {p.code: p for p in d.projects}


def lines_of(d: Disclosure, code: str) -> list[int]:
    return [i.line for i in by_code(d)[code].indicators]


# Line numbers: the 表12 heading is line 1, the first data row line 7.
FIRST = 7


def test_one_project_without_page_breaks() -> None:
    d = parse([project(A, "社区 党建 经费", "308.720000\t308.720000\t\t", "目标。", QUANTITY), row(QUALITY), row(cost("308.72"))])
    (p,) = d.projects
    assert (p.code, p.name, p.total, p.fiscal, p.other) == (A, "社区党建经费", Decimal("308.72"), Decimal("308.72"), None)
    assert [i.line for i in p.indicators] == [FIRST, FIRST + 1, FIRST + 2]
    assert d.decisions == ()


def test_code_with_inner_space_and_unit_cell() -> None:
    code = "11010522T00000041 6236"
    d = parse([f"623001-某街道办事处\t{code}-基本事业费 (自管)\t365.400100\t365.400100\t目标\t{QUANTITY}"])
    (p,) = d.projects
    assert p.code == "11010522T000000416236" and p.name == "基本事业费(自管)" and p.unit_code == "623001"


@pytest.mark.parametrize(
    "amounts, total, fiscal, other",
    [
        ("1.000000\t1.000000", "1", "1", None),
        ("0.400000\t\t0.400000", "0.4", None, "0.4"),
        ("0.500000\t\t", "0.5", None, None),
        ("1.000000\t1.000000\t1.000000", "1", "1", "1"),
        ("1,000.000000\t1,000.000000\t\t", "1000", "1000", None),
        ("29. 778000\t29. 778000\t", "29.778", "29.778", None),
    ],
)
def test_amount_cells_blank_is_absent(amounts: str, total: str, fiscal: str | None, other: str | None) -> None:
    (p,) = parse([project(A, "项目", amounts, "目标", QUANTITY)]).projects
    expect = [Decimal(v) if v is not None else None for v in (total, fiscal, other)]
    assert [p.total, p.fiscal, p.other] == expect


def test_rows_before_a_break_belong_to_the_next_project_by_evidence() -> None:
    """B's satisfaction and quality rows and its goal head sit at the bottom of A's page."""
    rows = [
        project(A, "甲项目", "10.000000\t10.000000", "甲目标。", QUANTITY),  # 7
        row(QUALITY), row(TIMELY), row(EFFECT), row(cost("10")), row(SATISFACTION),  # 8-12
        row(SATISFACTION), row(QUALITY),  # 13-14: B's
        row("", lead=4, left="保障2026年公共"),  # 15: B's goal head
        "",  # 16: page break
        project(B, "乙项目", "5.000000\t5.000000", "道路保洁。", QUANTITY),  # 17
        row(TIMELY), row(EFFECT), row(cost("5")),  # 18-20
    ]
    d = parse(rows)
    assert lines_of(d, A) == [7, 8, 9, 10, 11, 12]
    assert lines_of(d, B) == [13, 14, 17, 18, 19, 20]
    assert by_code(d)[B].goal == "保障2026年公共道路保洁。"
    (decision,) = d.decisions
    assert decision.page_break == (16,)
    assert decision.assignment == {8: A, 9: A, 10: A, 11: A, 12: A, 13: B, 14: B, 15: B}
    assert any("line 13 " in e and "already has a 服务对象满意度指标 (line 12)" in e for e in (x.text for x in decision.evidence))
    assert any("line 15 " in e and "once per page" in e for e in (x.text for x in decision.evidence))


def test_rows_after_a_break_belong_to_the_project_before_with_its_name_tail() -> None:
    rows = [
        project(A, "妇女之家工作", "11.856310\t11.856310\t", "充分发挥妇女之家服务妇女群", cost("11.86")),  # 7
        row(SATISFACTION, lead=5), row(TIMELY, lead=5), row(QUALITY, lead=5),  # 8-10
        "",  # 11
        "经费\t\t\t\t众的作用\t" + QUANTITY,  # 12: name tail and goal tail
        row(EFFECT, lead=5),  # 13
        project(B, "乙项目", "5.000000\t5.000000\t", "乙目标。", QUANTITY),  # 14
        row(QUALITY, lead=5), row(TIMELY, lead=5), row(EFFECT, lead=5), row(cost("5"), lead=5), row(SATISFACTION, lead=5),
    ]
    d = parse(rows)
    a = by_code(d)[A]
    assert a.name == "妇女之家工作经费"
    assert a.goal == "充分发挥妇女之家服务妇女群众的作用"
    assert [i.line for i in a.indicators] == [7, 8, 9, 10, 12, 13]
    (decision,) = d.decisions
    assert any("name tail completes “妇女之家工作经费”" in e for e in (x.text for x in decision.evidence))


def test_a_row_below_the_break_is_the_project_befores_whatever_its_kind() -> None:
    """A's second 数量指标 printed below the page break, above B's start row, and B with none: the kinds
    gave it to B with a confident margin (a stress test of the example: 6 of 276 variants). A project's
    code and name print at the top of its rows on each page, so the row is A's; the kinds disagreeing
    is said in a warning."""
    rows = [
        project(A, "甲项目", "10.000000\t10.000000", "甲目标。", QUANTITY),  # 7
        row(QUALITY), row(TIMELY), row(cost("10")),  # 8-10
        "",  # 11: page break
        row(QUANTITY.replace("覆盖社区数量", "服务社区数量")),  # 12: A's second 数量指标
        project(B, "乙项目", "5.000000\t5.000000", "乙目标。", QUALITY),  # 13
        row(TIMELY), row(EFFECT), row(cost("5")), row(SATISFACTION),  # 14-17
    ]
    d = parse(rows)
    assert lines_of(d, A) == [7, 8, 9, 10, 12] and lines_of(d, B) == [13, 14, 15, 16, 17]
    (decision,) = d.decisions
    assert decision.assignment == {8: A, 9: A, 10: A, 12: A} and decision.margin is not None and decision.margin < 0
    assert any("line 12 (this row) is below the page break" in e.text for e in decision.evidence)
    assert [w.line for w in d.warnings if "a row below the break gives them all to" in w.message] == [8]


def test_text_alone_in_the_indicator_columns_is_no_goal() -> None:
    """An indicator's name cut by a page break, its end alone in the 三级 column on the next page
    (…第二部分 / ⇥⇥⇥⇥⇥⇥公厕部分要求): it was glued to the project's goal without a word; it is reported."""
    rows = [
        project(A, "甲项目", "10.000000\t10.000000", "甲目标。", QUANTITY),  # 7
        row(TIMELY), row(cost("10")), row(QUALITY.replace("工作成效", "保洁质量符合规范第二部分")),  # 8-10
        "",  # 11: page break
        "\t" * 6 + "公厕部分要求",  # 12: in the 三级 column
        project(B, "乙项目", "5.000000\t5.000000", "乙目标。", QUANTITY),  # 13
        row(TIMELY), row(EFFECT), row(cost("5")), row(SATISFACTION),  # 14-17
    ]
    d = parse(rows)
    assert by_code(d)[A].goal == "甲目标。"
    assert [(s.line, s.carries_data) for s in d.skipped if "alone in the indicator columns" in s.reason] == [(12, True)]
    # the warning names the indicator the text may end, so that a reader can mend it
    (warning,) = [w for w in d.warnings if w.line == 12]
    assert warning.message.endswith("not joined (the indicator above is line 10's '保洁质量符合规范第二部分', 定性 辖区安全稳定)")


def test_a_cost_target_that_agrees_with_the_amount_decides() -> None:
    """Only the cost target's agreement with an amount tells where line 13 belongs."""
    rows = [
        project(A, "甲项目", "122.020000\t122.020000", "甲目标", SATISFACTION),  # 7
        row(EFFECT), row(QUANTITY), row(QUALITY), row(TIMELY),  # 8-11
        row(cost("36.68")),  # 12
        "",  # 13
        project(B, "乙项目", "36.680000\t36.680000", "乙目标", TIMELY),  # 14
        row(QUALITY), row(SATISFACTION), row(EFFECT), row(QUANTITY),
    ]
    d = parse(rows)
    assert 12 in lines_of(d, B)
    assert any("cost target 36.68 万元/每项目 (= 36.68 万元) agrees with the amount 36.68" in e for e in (x.text for x in d.decisions[0].evidence))


def test_cost_target_in_yuan_per_year_is_converted() -> None:
    rows = [
        project(A, "甲项目", "65.000000\t65.000000", "甲目标", SATISFACTION),  # 7
        row(EFFECT), row(QUANTITY), row(QUALITY), row(TIMELY),  # 8-11
        "",  # 12
        row(cost("650000", "元/年"), lead=5),  # 13
        project(B, "乙项目", "960.000000\t960.000000", "乙目标", TIMELY),  # 14
        row(QUALITY), row(SATISFACTION), row(EFFECT), row(QUANTITY), row(cost("9600000", "元/年")),
    ]
    d = parse(rows)
    assert 13 in lines_of(d, A)


def test_rows_that_match_no_shape_are_reported_not_guessed() -> None:
    rows = [
        project(A, "甲项目", "1.000000\t1.000000", "甲目标", QUANTITY),
        row("产出指标\t质量指标\t工作成效\t约\t好\t"),  # 8: no comparator
        row("产出指标\t数量指标\t数量\t≥\t很多\t个"),  # 9: no number
        "\t\t\t\t\t5.000000\t",  # 10: an amount without a project
    ]
    d = parse(rows)
    reported = {s.line: s.reason for s in d.skipped if s.carries_data}
    assert set(reported) == {8, 9, 10}
    assert "not a comparator" in reported[8] and "not a number" in reported[9] and "amount" in reported[10]
    assert {w.line for w in d.warnings} >= {8, 9, 10}
    assert [i.line for i in d.projects[0].indicators] == [7]


@pytest.mark.parametrize(
    "printed, clean",
    [("民生家园建设 经费", "民生家园建设经费"), ("基本事业费 (自管)", "基本事业费(自管)"), ("PM2.5 监测 经费", "PM2.5监测经费"), ("GDP report 2026", "GDP report 2026"),
     ("社区共商共治-20 26年街道系统", "社区共商共治-2026年街道系统")],  # a number the PDF's line wrapped
)
def test_clean_name(printed: str, clean: str) -> None:
    assert clean_name(printed) == clean


def test_one_unit_rule_for_the_reader_and_the_audit() -> None:
    """5000 元/年 is exact to the yuan: 0.5000 万元. It disagrees with 0.54 万元 (project 甲) and
    agrees with 0.5 (project 乙), for the page-break decision and for the audit alike."""
    rows = [
        project(A, "甲项目", "0.540000\t0.540000", "甲目标", SATISFACTION),  # 7
        row(EFFECT), row(QUANTITY), row(QUALITY), row(TIMELY),  # 8-11
        row(cost("5000", "元/年")),  # 12
        "",  # 13
        project(B, "乙项目", "0.500000\t0.500000", "乙目标", TIMELY),  # 14
        row(QUALITY), row(SATISFACTION), row(EFFECT), row(QUANTITY),
    ]
    d = parse(rows)
    assert 12 in lines_of(d, B)
    evidence = [e.text for e in d.decisions[0].evidence]
    assert any("cost target 5000 元/年 (= 0.5 万元) agrees with the amount 0.5 of" in e for e in evidence)
    assert not any("agrees with the amount 0.54" in e for e in evidence)
    assert [f for f in audit(d) if f.check == "cost-target"] == []  # 乙's amount agrees, and 甲 keeps no cost target

    alone = parse([project(A, "甲项目", "0.540000\t0.540000", "甲目标", SATISFACTION), row(cost("5000", "元/年"))])
    (finding,) = [f for f in audit(alone) if f.check == "cost-target"]
    assert finding.found == "≤ 5000 元/年 = 0.5 万元 (line 8)"  # 0.5000 at the yuan, printed without its zeros
