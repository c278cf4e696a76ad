"""Tables 01 and 03–11 → rows of amounts (kg.read.budget), and 表12 projects → function codes (kg.analyse.funding).

Every number asserted on the example was read off its lines (python summing a column is the
check); the inline fixtures test one rule each.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from builders import disclosure
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.analyse.funding import function_links
from kg.numbers import parse_decimal
from kg.read.budget import column_headings, money
from kg.read.source import source_from_bytes
from kg.read.tables import make_line
from kg.read.text import parse_source
from kg.records import (
    BASIC,
    CARRYOVER,
    CARRYOVER_ITEM,
    EXPENDITURE,
    INCOME,
    ITEM,
    OPERATING,
    PERSONNEL,
    PROJECT,
    SUBTOTAL,
    TOTAL,
    TOTAL_COLUMN,
    BudgetTable,
    Classification,
    Disclosure,
)

D = Decimal
BUDGET_LINES = range(1, 264)  # tables 01–11 of the example: lines 3–262


def table(d: Disclosure, number: int) -> BudgetTable:
    assert d.budget is not None
    found = d.budget.table(number)
    assert found is not None, f"表{number:02d} not parsed"
    return found


def row_at(t: BudgetTable, line: int, side: str | None = None):
    rows = [r for r in t.rows if r.line == line and (side is None or r.side == side)]
    assert len(rows) == 1, (line, rows)
    return rows[0]


def parse_text(text: str) -> Disclosure:
    return parse_source(source_from_bytes(text.encode("utf-8"), "fixture.txt"))


# ---- the example, table by table -----------------------------------------------------------------


def test_every_table_01_and_03_to_11_is_read(example: Disclosure) -> None:
    assert example.budget is not None
    assert [t.number for t in example.budget] == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert all(t.unit == "万元" for t in example.budget)
    assert not [w for w in example.warnings if w.line and w.line < 264]


def test_every_line_of_tables_01_to_11_is_read_or_skipped_with_a_reason(example: Disclosure, example_lines: list[str]) -> None:
    in_rows = {r.line for t in example.budget or () for r in t.rows}
    skipped = {s.line: s for s in example.skipped if s.line < 264}
    for number in BUDGET_LINES:
        text = example_lines[number - 1]
        if not text.strip() or text.startswith("预算"):  # blank lines and table headings
            continue
        assert (number in in_rows) != (number in skipped), f"line {number}: {text!r}"
    assert all(not s.carries_data for s in skipped.values())
    assert {s.reason for s in skipped.values()} == {"amount unit note", "column header"}
    assert [n for n, s in skipped.items() if s.reason == "amount unit note"] == [5, 41, 109, 118, 157, 192, 225, 233, 241, 249]


def test_every_printed_amount_is_one_amount_with_its_line(example: Disclosure, example_lines: list[str]) -> None:
    # Numbers as printed in lines 1–263, less 表06's 科目编码 column (cell 2 of lines 162–187: codes, not amounts).
    printed = Counter(
        (number, parse_decimal(cell))
        for number in BUDGET_LINES
        for position, cell in enumerate(example_lines[number - 1].split("\t"))
        if parse_decimal(cell) is not None and not (162 <= number <= 187 and position == 1)
    )
    read = Counter((r.line, a.value) for t in example.budget or () for r in t.rows for a in r.amounts)
    assert read == printed
    assert sum(read.values()) == 306


def test_table01_income_and_expenditure_rows(example: Disclosure) -> None:
    t01 = table(example, 1)
    assert [c.heading for c in t01.columns] == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    income = [r for r in t01.rows if r.side == INCOME]
    expenditure = [r for r in t01.rows if r.side == EXPENDITURE]
    assert [r.line for r in income if r.kind == ITEM] == list(range(9, 18))
    assert [r.line for r in expenditure if r.kind == ITEM] == list(range(9, 35))  # 二十六 categories
    assert row_at(t01, 9, INCOME).amount(INCOME) == D("18982.836217")
    assert row_at(t01, 17, INCOME).amount(INCOME) == D("2.5")
    # Blank cells are absent, not zero: 一般公共服务 (line 9) and 教育 (line 13) print nothing.
    assert row_at(t01, 9, EXPENDITURE).name == "一般公共服务支出" and row_at(t01, 9, EXPENDITURE).amounts == ()
    assert row_at(t01, 13, EXPENDITURE).amounts == ()
    assert row_at(t01, 19, EXPENDITURE).amount(EXPENDITURE) == D("7249.588197")
    assert (row_at(t01, 35, INCOME).kind, row_at(t01, 36, INCOME).kind, row_at(t01, 37, INCOME).kind) == (SUBTOTAL, CARRYOVER, TOTAL)
    assert row_at(t01, 37, EXPENDITURE).amount(EXPENDITURE) == D("18985.336217")
    assert all(a.aggregate for r in t01.rows if r.kind in (SUBTOTAL, TOTAL) for a in r.amounts)
    assert not any(a.aggregate for r in t01.rows if r.kind == ITEM for a in r.amounts)


def test_table05_carryover_parts(example: Disclosure) -> None:
    t05 = table(example, 5)
    assert row_at(t05, 122, EXPENDITURE).amount(EXPENDITURE) == D("1092.386776")
    assert row_at(t05, 126, EXPENDITURE).amount(EXPENDITURE) == D("9.3766")
    assert [(r.line, r.kind) for r in t05.rows if r.side == INCOME and r.line >= 148] == [
        (148, SUBTOTAL), (149, CARRYOVER), (150, CARRYOVER_ITEM), (151, CARRYOVER_ITEM), (152, CARRYOVER_ITEM), (153, TOTAL),
    ]
    assert sum(r.amount(EXPENDITURE) or 0 for r in t05.rows if r.side == EXPENDITURE and r.kind == ITEM) == D("18982.836217")


def test_table03_rows_and_decimal_comma_amounts(example: Disclosure) -> None:
    t03, t07 = table(example, 3), table(example, 7)
    assert [r.line for r in t03.items()] == list(range(45, 105))
    first = row_at(t03, 45)
    assert (first.function, first.gov_economic, first.dept_economic) == (
        Classification("2010199", "其他人大事务支出"), Classification("50205", "委托业务费"), Classification("30227", "委托业务费"),
    )
    # 3,384700 is 3.3847 (a decimal comma), as 表07 prints 会议费 3.384700; likewise lines 91–93.
    for line_03, line_07 in ((90, 214), (91, 216), (92, 217), (93, 218)):
        assert row_at(t03, line_03).amount(TOTAL_COLUMN) == row_at(t07, line_07).amount(TOTAL_COLUMN), line_03
    assert row_at(t03, 90).amount(BASIC) == D("3.3847") and row_at(t03, 92).amount(BASIC) == D("14.1741")
    assert [c.heading for c in t03.columns][6:] == ["其中/事业单位经营支出", "其中/上缴上级支出", "其中/对附属单位补助支出"]
    (total,) = t03.totals()
    assert (total.line, total.amount(TOTAL_COLUMN), total.amount(BASIC), total.amount(PROJECT)) == (
        105, D("18986.336217"), D("6349.210009"), D("12636.126208"),
    )
    assert sum(r.amount(TOTAL_COLUMN) or 0 for r in t03.items()) == D("18985.336217")


def test_table03_lost_columns_are_settled_by_table06_with_evidence(example: Disclosure) -> None:
    t03 = table(example, 3)
    decisions = {d.line: d for d in t03.decisions}
    # 表06 prints 2080206 社会组织管理 (line 164) and 2120101 行政运行 (line 163) as 基本支出 only.
    assert sorted(decisions) == [55, 56, 57, 77, 78, 79]
    assert all((d.printed, d.settled) == (PROJECT, BASIC) for d in decisions.values())
    assert decisions[55].function_code == "2080206" and decisions[77].function_code == "2120101"
    assert decisions[55].evidence[0] == "表06 line 164 prints 2080206 社会组织管理 with 基本支出 1,556.938355 and no 项目支出"
    assert "sum to 1,556.938355" in decisions[55].evidence[1]
    # 表07 line 197 (30102 津贴补贴 1,668.8932) = lines 55 + 77 once both are 基本支出.
    assert decisions[77].evidence[-1] == (
        "with it, 表03's 基本支出 of 50101/30102 (lines 55, 77: 287.5324 + 1,381.3608) sum to 1,668.8932, as 表07 line 197 prints"
    )
    assert decisions[77].evidence_lines == (163, 197)
    # The row keeps the cell it was printed in (5, 项目支出) with its settled role.
    amount = next(a for a in row_at(t03, 55).amounts if a.role == BASIC)
    assert (amount.value, amount.cell) == (D("287.5324"), 5)
    # Line 102 (2129999, absent from 表06: not 财政拨款) is settled by no table and keeps its column.
    assert t03.unsettled == (102,)
    assert row_at(t03, 102).amount(BASIC) == D("2.5")
    basic = sum(r.amount(BASIC) or 0 for r in t03.items())
    project = sum(r.amount(PROJECT) or 0 for r in t03.items())
    assert (basic, project) == (D("6351.710009"), D("12633.626208"))


def test_table04_procurement(example: Disclosure) -> None:
    t04 = table(example, 4)
    assert [(r.line, r.label, r.amount("amount")) for r in t04.items()] == [(112, "A-货物", D("185.192905")), (113, "C-服务", D("2149.099548"))]
    assert t04.totals()[0].amount("amount") == D("2334.292453")


def test_table06_columns_and_rows(example: Disclosure) -> None:
    t06 = table(example, 6)
    assert [c.heading for c in t06.columns] == [
        "单位名称", "功能分类科目/科目编码", "功能分类科目/科目名称", "预算数/合计", "预算数/基本支出/小计",
        "预算数/基本支出/人员经费", "预算数/基本支出/公用经费", "预算数/项目支出/项目支出总数", "预算数/项目支出/扣除基建项目后预算数",
    ]
    assert len(t06.items()) == 26
    training = row_at(t06, 171)
    assert training.function == Classification("2050803", "培训支出") and training.unit == Classification("623001", "北京市朝阳区人民政府大屯街道办事处")
    assert (training.amount(BASIC), training.amount(PERSONNEL), training.amount(OPERATING), training.amount(PROJECT)) == (D("9.3766"), None, D("9.3766"), None)
    total = t06.totals()[0]
    assert (total.line, total.amount(TOTAL_COLUMN), total.amount(BASIC), total.amount(PROJECT)) == (188, D("18982.836217"), D("6349.210009"), D("12633.626208"))


def test_table07_basic_expenditure_by_economic_class(example: Disclosure) -> None:
    t07 = table(example, 7)
    assert [r.line for r in t07.items()] == list(range(196, 221))
    assert row_at(t07, 197).dept_economic == Classification("30102", "津贴补贴")
    assert (t07.totals()[0].amount(PERSONNEL), t07.totals()[0].amount(OPERATING)) == (D("5843.61834"), D("505.591669"))


def test_tables_08_and_09_have_no_rows_and_are_no_failure(example: Disclosure) -> None:
    for number, line in ((8, 229), (9, 237)):
        t = table(example, number)
        assert t.items() == [] and t.empty
        assert [(r.line, r.amounts) for r in t.totals()] == [(line, ())]


def test_table10_three_public_expenses(example: Disclosure) -> None:
    (row,) = table(example, 10).rows
    assert row.line == 245
    assert [(a.role, a.value, a.aggregate) for a in row.amounts] == [
        (TOTAL_COLUMN, D("15.590119"), True), ("reception", D("1.416019"), False), ("vehicles", D("14.1741"), True),
        ("vehicle_operation", D("14.1741"), False),
    ]
    assert row.amount("abroad") is None and row.amount("vehicle_purchase") is None


def test_table11_purchased_services(example: Disclosure) -> None:
    t11 = table(example, 11)
    assert t11.totals()[0].line == 253 and t11.totals()[0].amount("amount") == D("987.500348")
    assert len(t11.items()) == 9
    first, last = t11.items()[0], t11.items()[-1]
    assert first.catalogue == (Classification("02", "政府履职辅助性服务"), Classification("0211", "后勤服务"))
    assert (first.label, first.function, first.amount("amount")) == ("物业管理服务", Classification("212", "城乡社区支出"), D("92.2806"))
    assert (last.line, last.function) == (262, Classification("211", "节能环保支出"))


# ---- inline fixtures -----------------------------------------------------------------------------

T03 = """预算03表 支出预算汇总表

金额单位：万元

支出功能分类科目\t政府支出经济分类科目\t部门支出经济分类科目\t合计\t基本支出\t项目支出\t其中\t\t
\t\t\t\t\t\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出
2120101-行政运行\t50101-工资奖金津补贴\t30101-基本工资\t10.000000\t10.000000\t\t\t\t
2120101-行政运行\t50101-工资奖金津补贴\t30102-津贴补贴\t5.000000\t\t5.000000\t\t\t
2120199-其他城乡社区管理事务支出\t50205-委托业务费\t30227-委托业务费\t7.000000\t\t7.000000\t\t\t
2120199-其他城乡社区管理事务支出\t50299-其他商品和服务支出\t30299-其他商品和服务支出\t3.000000\t3.000000\t\t\t\t
合 计\t\t\t25.000000\t15.000000\t10.000000\t\t\t
"""
T06_HEAD = """预算06表 一般公共预算财政拨款支出表

金额单位：万元

单位名称\t功能分类科目\t\t预算数\t\t\t\t\t
\t科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\t
\t\t\t\t小计\t人员经费\t公用经费\t项目支出总数\t扣除基建项目后预算数
"""
T07 = """预算07表 一般公共预算财政拨款基本支出表

金额单位：万元

政府支出经济分类科目\t部门支出经济分类科目\t预算数\t\t
\t\t合计\t人员经费\t公用经费
50101-工资奖金津补贴\t30101-基本工资\t10.000000\t10.000000\t
50101-工资奖金津补贴\t30102-津贴补贴\t5.000000\t5.000000\t
\t合 计\t15.000000\t15.000000\t
"""


def with_tables(*tables: str) -> Disclosure:
    return parse_text("\n".join(tables) + "\n" + disclosure([]))


def test_column_headings_follow_merged_cells() -> None:
    header = [make_line(n, t) for n, t in enumerate(T06_HEAD.splitlines()[4:], start=1)]
    assert column_headings(header, 9) == [
        "单位名称", "功能分类科目/科目编码", "功能分类科目/科目名称", "预算数/合计", "预算数/基本支出/小计", "预算数/基本支出/人员经费",
        "预算数/基本支出/公用经费", "预算数/项目支出/项目支出总数", "预算数/项目支出/扣除基建项目后预算数",
    ]


def test_table06_or_table07_settles_a_lost_column() -> None:
    t06 = T06_HEAD + (
        "623001-测试\t2120101\t行政运行\t15.000000\t15.000000\t15.000000\t\t\t\n"
        "623001-测试\t2120199\t其他城乡社区管理事务支出\t10.000000\t3.000000\t\t3.000000\t7.000000\t7.000000\n"
        "\t\t合 计\t25.000000\t18.000000\t15.000000\t3.000000\t7.000000\t7.000000\n"
    )
    t07 = T07.replace("\t合 计\t15.000000\t15.000000\t", "50299-其他商品和服务支出\t30299-其他商品和服务支出\t3.000000\t\t3.000000\n\t合 计\t18.000000\t15.000000\t3.000000")
    t03 = table(with_tables(T03, t06, t07), 3)
    # 2120101 is 基本支出 only in 表06: line 8, printed under 项目支出, is moved.
    assert [(x.line, x.printed, x.settled) for x in t03.decisions] == [(8, PROJECT, BASIC)]
    assert "表06 line 20 prints 2120101 行政运行 with 基本支出 15 and no 项目支出" in t03.decisions[0].evidence
    # 2120199 has both columns in 表06. 表07 lists every 财政拨款 基本支出 by economic class and has no
    # 50205/30227: line 9 is 项目支出 (as printed). It has 50299/30299, so line 10 stays unsettled.
    assert row_at(t03, 9).amount(PROJECT) == D(7)
    assert t03.unsettled == (10,) and row_at(t03, 10).amount(BASIC) == D(3)


def test_rows_no_table_settles_keep_their_column() -> None:
    t06 = T06_HEAD + (
        "623001-测试\t2120101\t行政运行\t15.000000\t15.000000\t15.000000\t\t\t\n"
        "\t\t合 计\t15.000000\t15.000000\t15.000000\t\t\t\n"
    )
    d = with_tables(T03, t06, T07)
    t03 = table(d, 3)
    assert [x.line for x in t03.decisions] == [8]
    assert t03.unsettled == (9, 10)  # 2120199 is not in 表06
    assert row_at(t03, 10).amount(BASIC) == D(3)


def test_without_table06_nothing_is_moved() -> None:
    t03 = table(with_tables(T03), 3)
    assert t03.decisions == () and row_at(t03, 8).amount(PROJECT) == D(5)


def test_unrecognised_headings_skip_the_table_as_carrying_data() -> None:
    shuffled = T07.replace("政府支出经济分类科目\t部门支出经济分类科目", "部门支出经济分类科目\t政府支出经济分类科目")
    d = with_tables(shuffled)
    assert d.budget is None
    assert any("表07: column headings not recognised" in w.message for w in d.warnings)
    assert [s.line for s in d.skipped if s.carries_data and s.line < 12] == [7, 8, 9]


def test_a_cell_that_is_not_an_amount_is_reported() -> None:
    d = with_tables(T07.replace("5.000000\t5.000000", "五元\t5.000000"))
    assert [r.line for r in table(d, 7).items()] == [7]
    (skip,) = [s for s in d.skipped if s.carries_data and s.line < 12]
    assert skip.line == 8 and "not an amount" in skip.reason
    assert any(w.line == 8 for w in d.warnings)


def test_another_amount_unit_is_warned_about() -> None:
    d = with_tables(T07.replace("金额单位：万元", "金额单位：元"))
    assert table(d, 7).unit == "元"
    assert any("prints amounts in '元'" in w.message for w in d.warnings)


def test_a_disclosure_without_money_tables_has_no_budget() -> None:
    assert parse_text(disclosure([])).budget is None


def test_money_prints_amounts_like_the_documents() -> None:
    assert [money(D(x)) for x in ("18986.336217", "9.376600", "1000", "-2.50", "0.5")] == ["18,986.336217", "9.3766", "1,000", "-2.5", "0.5"]


# ---- 表12 projects → function codes ----------------------------------------------------------------


def test_example_links_prove_each_project_by_amounts(example: Disclosure) -> None:
    links = function_links(example)
    found = {link.function_code: (link.project_lines, link.method) for link in links.links}
    assert found == {
        "2120201": ((296,), "exact amount"),  # 城乡社区规划与管理 28 = 责任规划师劳务费 28
        "2013405": ((385,), "exact amount"),  # 华侨事务 0.644 = “侨之家”工作经费
        "2010199": ((470,), "exact amount"),  # 其他人大事务支出 29.778 = 区乡人大换届选举工作经费
        "2013202": ((339, 476), "sum of projects"),  # 983.1192 = 960 + 23.1192
        "2010302": ((426,), "exact amount"),  # 61.95 = 能力提升设备采购项目
        "2111201": ((489,), "exact amount"),  # 419.901145 = 垃圾分类工作经费
        "2010508": ((361,), "exact amount"),  # 5.039266 = 人口抽样调查经费
        "2100799": ((310, 314), "sum of projects"),  # 49.0554 = 36.68 + 12.3754
        "2120501": ((286,), "exact amount"),  # 365.4001 = 基本事业费(自管)
        "2012902": ((438,), "exact amount"),  # 11.85631 = 妇女之家工作经费
    }
    by_code = {link.function_code: link for link in links.links}
    assert by_code["2120201"].evidence[-1] == "no other project or set of 表12 projects adds up to 28"
    # 61.95 is also 28 + 1 + 8.75 + 20 + 2 + 1.2 + 1 (lines 296, 320, 345, 364, 370, 407, 432), but 296 funds 2120201.
    assert by_code["2010302"].evidence[-1].startswith("every other set of 表12 projects adding up to 61.95 includes a project linked")
    assert "11010522T000000484670 (line 296) → 2120201" in by_code["2010302"].evidence[-1]


def test_example_ambiguous_cases_are_listed_not_guessed(example: Disclosure) -> None:
    links = function_links(example)
    ambiguous = {m.function_code: m.alternatives for m in links.ambiguous}
    assert ambiguous == {
        # 其他水利支出 20: 党群服务中心 20 alone, or 河长制 2 + 18, or 临时救助 1 + 河长制 18 + 调查 1
        "2130399": (("11010523T000002248958",), ("11010524T000002819148", "11010524T000002828089"),
                    ("11010522T000001573231", "11010524T000002828089", "11010525T000003522302")),
        # 临时救助支出 1: 街道临时救助 1 or 固定样本跟访调查 1 (line 432, whose amounts read 1/1/1)
        "2082001": (("11010522T000001573231",), ("11010525T000003522302",)),
        # 安全监管 2.5: two sets of three, or 河长制 2 + 劳资抽样调查 0.5 (line 463 prints 项目总额 0.5
        # with 财政资金 and 其他资金 blank: its 财政资金 may be the 0.5)
        "2240106": (("11010522T000001573231", "11010523T000001977388", "11010525T000003403540"),
                    ("11010523T000001977388", "11010525T000003403540", "11010525T000003522302"),
                    ("11010524T000002819148", "11010526T000003730175")),
    }
    assert [code for code, *_ in links.unmatched] == ["2080299", "2120199", "2120102", "2070199"]
    linked = {p for link in links.links for p in link.projects}
    assert not linked & {p for alts in ambiguous.values() for alt in alts for p in alt}


def project_rows(*amounts: str) -> list[str]:
    return [
        f"11010522T00000000000{i}-项目{i}\t{amount}\t{amount}\t\t目标。\t产出指标\t数量指标\t覆盖社区数量\t≥\t24\t个"
        for i, amount in enumerate(amounts, start=1)
    ]


def t06_with(*rows: tuple[str, str]) -> str:
    body = "".join(f"623001-测试\t{code}\t科目{code}\t{amount}\t\t\t\t{amount}\t{amount}\n" for code, amount in rows)
    total = sum(D(a) for _, a in rows)
    return T06_HEAD + body + f"\t\t合 计\t{total}\t\t\t\t{total}\t{total}\n"


def test_an_exact_match_with_no_rival_is_a_link() -> None:
    d = parse_text(t06_with(("2120201", "8.000000"), ("2120199", "3.000000")) + "\n" + disclosure(project_rows("1.000000", "2.000000", "8.000000")))
    links = function_links(d)
    # 8 is project 3 alone; 3 is projects 1 + 2, and nothing else adds up to either.
    assert [(link.function_code, link.projects, link.method) for link in links.links] == [
        ("2120201", ("11010522T000000000003",), "exact amount"),
        ("2120199", ("11010522T000000000001", "11010522T000000000002"), "sum of projects"),
    ]
    assert links.ambiguous == () and links.unmatched == ()


def test_a_unique_set_of_more_than_three_projects_is_not_a_link() -> None:
    d = parse_text(t06_with(("2120199", "15.000000")) + "\n" + disclosure(project_rows("1.000000", "2.000000", "4.000000", "8.000000")))
    links = function_links(d)
    assert links.links == ()
    (match,) = links.ambiguous
    assert match.function_code == "2120199" and len(match.alternatives) == 1 and len(match.alternatives[0]) == 4
    assert "more than 3 is not taken as proof" in match.evidence[-1]


def test_two_projects_with_the_same_amount_are_ambiguous() -> None:
    d = parse_text(t06_with(("2082001", "1.000000")) + "\n" + disclosure(project_rows("1.000000", "1.000000")))
    links = function_links(d)
    assert links.links == ()
    assert [m.alternatives for m in links.ambiguous] == [(("11010522T000000000001",), ("11010522T000000000002",))]


def test_without_table06_there_are_no_links() -> None:
    assert function_links(parse_text(disclosure(project_rows("1.000000")))).links == ()


@pytest.mark.parametrize("amounts, target, expected", [
    (("1", "2", "3"), "3", 2),  # {3} and {1, 2}
    (("1", "2", "4"), "7", 1),
    (("1.5", "2.25"), "3.75", 1),
    (("1.5", "2.25"), "3.751", 0),  # finer than any amount
    (("5",), "4", 0),
    ((str(2**62), str(2**62), "1"), str(2**62 + 1), 2),  # sums past int64: Python integers
])
def test_subset_search_counts_solutions(amounts: tuple[str, ...], target: str, expected: int) -> None:
    from kg.analyse.funding import _solutions

    found, exhaustive = _solutions(tuple(D(a) for a in amounts), D(target), 4)
    assert len(found) == expected and exhaustive
    assert all(sum(D(amounts[i]) for i in s) == D(target) for s in found)


def _brute_force(values: list[int], target: int, max_size: int) -> set[tuple[int, ...]]:
    """Every set of at most ``max_size`` indexes of non-zero values adding up to ``target``
    (plain recursion, cut where the sum would pass the target)."""
    positive = [i for i, v in enumerate(values) if v > 0]
    found: set[tuple[int, ...]] = set()

    def extend(start: int, chosen: tuple[int, ...], wanted: int) -> None:
        if wanted == 0 and chosen:
            found.add(chosen)
            return
        if len(chosen) == max_size:
            return
        for n in range(start, len(positive)):
            if values[positive[n]] <= wanted:
                extend(n + 1, (*chosen, positive[n]), wanted - values[positive[n]])

    extend(0, (), target)
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=20), st.integers(min_value=1, max_value=120))
@example([1] * 8 + [1000, 990, 980, 970, 960, 950, 940, 930], 1001)  # eight sets, one large amount with any 1
def test_exhaustive_subset_search_finds_what_brute_force_finds(values: list[int], target: int) -> None:
    """Small amounts make many equal sums: the search must tell none, one and several sets
    apart and list only true ones."""
    from kg.analyse import funding

    expected = _brute_force(values, target, len(values))
    limit = funding.MAX_LISTED + 1
    found, exhaustive = funding._solutions(tuple(D(v) for v in values), D(target), limit)
    assert exhaustive and len(set(found)) == len(found) == min(len(expected), limit)
    assert set(found) <= expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=35, max_size=45), st.integers(min_value=30, max_value=60))
def test_search_beyond_the_exhaustive_limit_finds_every_small_set(values: list[int], target: int) -> None:
    """More amounts that fit the target (each ≤ it) than an exhaustive search takes: every set of
    up to SEARCHED_SET_SIZE (one more than a link may have), and the search says it looked no further."""
    from kg.analyse import funding

    expected = _brute_force(values, target, funding.SEARCHED_SET_SIZE)
    found, exhaustive = funding._solutions(tuple(D(v) for v in values), D(target), 10**6)
    assert not exhaustive and sorted(found) == sorted(expected)


def test_only_the_amounts_that_fit_count_against_the_exhaustive_limit() -> None:
    """Forty projects, of which only five are small enough to be in a set adding up to 3: the
    search is exhaustive, so a set of four is found beside a set of three, and neither is proof."""
    from kg.analyse import funding

    values = [D(v) for v in ("1", "1", "0.5", "0.5", "2", *(str(100 + i) for i in range(35)))]
    found, exhaustive = funding._solutions(tuple(values), D("3"), 10)
    assert exhaustive and sorted(found, key=len) == sorted(_brute_force([int(v * 2) for v in values], 6, len(values)), key=len)
    assert {len(s) for s in found} == {2, 3, 4}


def test_function_links_list_links_ambiguities_and_codes_without_match(example: Disclosure) -> None:
    links = function_links(example)
    assert sum(len(link.projects) for link in links.links) == 12
    # Seven alternatives, and an eighth for 2240106's 2.5: 2.0 (line 370) + 0.5 (line 463, whose
    # 财政资金 and 其他资金 cells are blank under a 项目总额 of 0.5, so it may be 财政资金).
    assert sum(len(match.alternatives) for match in links.ambiguous) == 8
    assert len(links.unmatched) == 4
    first = links.links[0]
    assert (first.function_code, first.function_label, first.amount, first.budget_line) == ("2120201", "城乡社区规划与管理", D("28.000000"), 167)
    assert (first.projects, first.project_lines, first.method) == (("11010522T000000484670",), (296,), "exact amount")
