"""Facts of the bundled example that a person can check by reading it."""

from decimal import Decimal
from pathlib import Path

import pytest

from kg.read.completeness import partial_reasons
from kg.read.source import read_source, source_from_bytes
from kg.read.tables import heading_of
from kg.read.text import parse_source
from kg.records import Disclosure


def project(d: Disclosure, code_tail: str):
    (found,) = [p for p in d.projects if p.code.endswith(code_tail)]
    return found


def test_counts(example: Disclosure) -> None:
    assert len(example.projects) == 36
    assert example.project_indicators == 215
    assert len(example.activities) == 4
    assert [len(a.indicators) for a in example.activities] == [6, 6, 6, 6]
    assert not [s for s in example.skipped if s.carries_data]


def test_unit_and_year(example: Disclosure) -> None:
    assert (example.unit_code, example.unit_name, example.year) == ("623001", "北京市朝阳区人民政府大屯街道办事处", 2026)
    assert example.year_line == 498


def test_department_totals(example: Disclosure) -> None:
    dept = example.department
    assert dept is not None
    assert (dept.total, dept.fiscal_total, dept.fiscal_basic, dept.fiscal_project, dept.other_total, dept.other_basic) == (
        Decimal("18985.336217"), Decimal("18982.836217"), Decimal("6349.210009"), Decimal("12633.626208"), Decimal("2.5"), Decimal("2.5"),
    )
    assert dept.amounts_line == 503 and dept.goal_line == 504
    assert dept.goal is not None and dept.goal.startswith("根据街道经济和社会发展要求")


def test_activities_and_glued_tiers(example: Disclosure) -> None:
    assert [a.name for a in example.activities] == ["基层政权和社区建设", "综合治理", "城乡社区环境卫生", "社会建设"]
    first = example.activities[0].indicators[0]
    assert (first.tier1, first.tier2, first.name, first.comparator, first.value, first.unit, first.line) == (
        "产出指标", "数量指标", "辖区党支部数量", "≥", Decimal(130), "个", 507,
    )
    cost = example.activities[2].indicators[-1]
    assert (cost.tier1, cost.tier2, cost.name, cost.value, cost.unit, cost.line) == ("成本指标", "社会成本指标", "垃圾分类工作成本", Decimal("438.1"), "万元", 525)
    # Rows after the break on line 517 have no leading empty cells.
    assert [i.line for i in example.activities[1].indicators] == [513, 514, 515, 516, 518, 519]


@pytest.mark.parametrize(
    "code_tail, indicator_lines",
    [
        ("416232", [277, 278, 279, 280, 281]),
        ("416236", [282, 283, 286, 287, 288, 289, 290]),  # 282–284 at the bottom of the page before
        ("485205", [302, 303, 304, 305, 306]),
        ("486198", [307, 308, 310, 311, 312, 313]),  # 307–308 belong after the break
        ("977421", [332, 333, 334, 335, 336, 338]),  # 338 at the top of the next page belongs before
        ("085303", [339, 340, 341, 342, 343, 344]),
        ("136431", [351, 352, 353, 354, 355, 356]),
        ("151377", [357, 358, 359, 361, 362, 363]),  # 357–359 belong after
        ("828089", [376, 377, 378, 379, 380, 381]),
        ("937513", [382, 383, 385, 386, 387, 388]),  # 382–383 belong after
        ("544373", [438, 439, 440, 441, 443, 444]),  # 443–444 belong before
        ("730175", [463, 464, 465, 466, 468, 469]),  # 468–469 belong before
        ("772800", [482, 483, 484, 485, 486, 488]),  # 488 belongs before
        ("777929", [489, 490, 491, 492, 493, 494]),
    ],
)
def test_page_break_rows_go_to_the_right_project(example: Disclosure, code_tail: str, indicator_lines: list[int]) -> None:
    assert [i.line for i in project(example, code_tail).indicators] == indicator_lines


def test_every_page_break_decision_is_recorded_with_evidence(example: Disclosure) -> None:
    assert [d.page_break for d in example.decisions] == [(285,), (309,), (337,), (360,), (384,), (413,), (442,), (467,), (487,)]
    for decision in example.decisions:
        assert decision.method == "automatic"
        assert set(decision.assignment) == set(decision.lines)
        assert len(decision.evidence) == len(decision.lines)
        assert decision.margin is not None and decision.margin >= 1


def test_goal_fragments_are_joined_across_breaks(example: Disclosure) -> None:
    assert project(example, "416236").goal.startswith("保障2026年公共道路保洁和公共绿化养护工作有序开展")
    assert project(example, "486198").goal.startswith("全面落实独生子女父母奖励政策,保障奖励经费规范高效使用")
    assert project(example, "151377").goal.startswith("通过规范、高效使用人口抽样调查经费，保障人口抽样调查各环节节工作有序开展")
    assert project(example, "730175").goal == "通过抽样调查，获取非一套表单位的准确劳资数据, 发放调查员补贴"
    # A cell the extraction cut off is kept as printed.
    assert "服务妇女群多住服务妇女群众" in project(example, "544373").goal
    assert "提升居民参与积极性和以多... 选举工作质量" in project(example, "772800").goal


def test_names_rejoined_and_spaces_removed(example: Disclosure) -> None:
    assert project(example, "544373").name == "妇女之家工作经费"  # tail on line 443
    assert project(example, "730175").name == "非一套表单位劳资抽样调查经费"  # tail on line 468
    assert project(example, "416304").name == "民生家园建设经费"
    assert project(example, "416236").name == "基本事业费(自管)"
    assert project(example, "485205").name == "兼职“两新”法人单位党组织书记工作补贴、社区居民党组织书记工作补贴"
    assert project(example, "416236").code == "11010522T000000416236"  # printed "…41 6236"


def test_number_forms_and_blank_amounts(example: Disclosure) -> None:
    assert project(example, "416304").total == Decimal("1000")  # 1,000.000000
    p = project(example, "770132")
    assert (p.total, p.fiscal) == (Decimal("29.778"), Decimal("29.778"))  # "29. 778000"
    assert p.indicators[-1].value == Decimal("29.78")  # "29. 78"
    assert (project(example, "131920").fiscal, project(example, "131920").other) == (None, Decimal("0.4"))
    assert [project(example, "522302").total, project(example, "522302").fiscal, project(example, "522302").other] == [Decimal(1)] * 3
    assert (project(example, "730175").fiscal, project(example, "730175").other) == (None, None)


def test_qualitative_values_one_cell_to_the_right(example: Disclosure) -> None:
    ind = next(i for i in project(example, "486198").indicators if i.line == 313)
    assert (ind.comparator, ind.value, ind.value_text, ind.unit) == ("定性", None, "保障独生子女家庭合法权益", None)
    ind = project(example, "416226").indicators[0]
    assert (ind.comparator, ind.value_text) == ("定性", "各领域基层党组织作用发挥成效明显")


def test_every_line_of_tables_12_and_13_is_accounted_for(example: Disclosure, example_lines: list[str]) -> None:
    """Each non-blank line is in a record (as its provenance) or skipped with a reason."""
    in_records = {example.year_line, example.department.amounts_line, example.department.goal_line}
    for p in example.projects:
        in_records |= set(p.lines) | {p.line} | {i.line for i in p.indicators}
    for a in example.activities:
        in_records |= {i.line for i in a.indicators}
    skipped = {s.line for s in example.skipped}
    tables = {t.number: t for t in example.tables}
    for number in (12, 13):
        table = tables[number]
        for line in range(table.heading_line + 1, table.end_line + 1):
            text = example_lines[line - 1]
            if text.strip() and heading_of(text) is None:
                assert line in in_records or line in skipped, f"line {line} is neither parsed nor reported"
    assert not (in_records & skipped)


# ---- the example as other departments print the same tables (a stress test's variants) -------------

UNIT_CELL = "623001-北京市朝阳区人民政府大屯街道办事处"


def _variant(example_lines: list[str], edit: dict[int, str]) -> Disclosure:
    lines = list(example_lines)
    for number, text in edit.items():
        lines[number - 1] = text
    return parse_source(source_from_bytes("\n".join(lines).encode("utf-8"), "variant.txt"))


def _projects(d: Disclosure) -> list[tuple]:
    return [(p.code, p.name, p.total, p.goal, [(i.line, i.name) for i in p.indicators]) for p in d.projects]


def test_the_unit_cell_on_a_pages_continuation_row_is_no_part_of_a_name(example: Disclosure, example_lines: list[str]) -> None:
    """The 单位名称 cell is printed once, on a page's first row: on a page that begins with a project's
    continuation (line 338), it was glued to the project's name (社会治安综合治理中心工作经费623001-北京市…)."""
    assert example_lines[360].startswith(UNIT_CELL + "\t") and example_lines[337].startswith("\t")
    d = _variant(example_lines, {338: UNIT_CELL + example_lines[337], 361: example_lines[360][len(UNIT_CELL):]})
    assert _projects(d) == _projects(example)
    assert (d.unit_code, d.unit_name) == (example.unit_code, example.unit_name)


def test_a_table_of_contents_is_no_table(example: Disclosure, example_lines: list[str]) -> None:
    """A disclosure opening with its 目录, each table's heading on a line of its own: 预算01表 printed a
    second time (over its table) was an error, whatever --allow-partial said."""
    headings = [line for line in example_lines if heading_of(line) is not None]
    lines = example_lines[:2] + ["目  录", ""] + [h for heading in headings for h in (heading, "")] + example_lines[2:]
    d = parse_source(source_from_bytes("\n".join(lines).encode("utf-8"), "variant.txt"))
    assert len(headings) == 12
    assert [(p.code, p.name, p.total, [i.name for i in p.indicators]) for p in d.projects] == \
        [(p.code, p.name, p.total, [i.name for i in p.indicators]) for p in example.projects]
    assert d.budget is not None and example.budget is not None
    assert [(t.number, len(t.rows)) for t in d.budget.tables] == [(t.number, len(t.rows)) for t in example.budget.tables]
    assert not [s for s in d.skipped if s.carries_data] and not partial_reasons(d)


def test_table_12_printing_that_it_has_no_project(example_lines: list[str]) -> None:
    """A department with no project: 表12 prints 无 under its header, and the row was data before any
    project code, so the disclosure was refused as read in part."""
    first = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("11010522T000000416226-"))
    end = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("预算13表"))
    lines = example_lines[: first - 1] + ["无", ""] + example_lines[end - 1:]
    d = parse_source(source_from_bytes("\n".join(lines).encode("utf-8"), "variant.txt"))
    assert not d.projects and d.activities and not partial_reasons(d)
    assert [(s.line, s.carries_data) for s in d.skipped if s.text == "无"] == [(first, False)]
    assert "预算表12 lists no project" in [w.message for w in d.warnings]


def test_header_words_of_other_years(example: Disclosure, example_lines: list[str]) -> None:
    """表12's header printing 年度目标, 指标性质 and 财政拨款 (other years' words for the same columns) was
    reported as rows with data; 表13's 总体资金情况（元） was a row of no known shape, and its amounts lost."""
    header = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("单位名称\t项目名称"))
    funds = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("总体资金情况（万元）"))
    d = _variant(example_lines, {
        header: example_lines[header - 1].replace("绩效目标", "年度目标").replace("绩效指标性质", "指标性质"),
        header + 1: example_lines[header].replace("财政资金", "财政拨款"),
        funds: example_lines[funds - 1].replace("总体资金情况（万元）", "总体资金情况（元）"),
    })
    assert _projects(d) == _projects(example) and not [s for s in d.skipped if s.carries_data]
    assert d.department is not None and example.department is not None and d.department.total == example.department.total
    assert [(w.line, w.message) for w in d.warnings] == [(funds, "表13 prints amounts in '元', not 万元: the amounts are kept as printed")]


def test_table_13s_goal_over_a_page_break_and_a_wrapped_activity(example: Disclosure, example_lines: list[str]) -> None:
    """表13's 整体绩效目标 going on below a page break, alone in its column, was a row of no known shape
    (the goal cut, the document refused); an activity name wrapped in its cell (基层政权 和社区建设) kept
    the space, so that activity split in two."""
    goal = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("整体绩效目标\t"))
    printed = example_lines[goal - 1]
    cut = printed.index("围绕")
    rows = [n for n, line in enumerate(example_lines, start=1) if "\t基层政权和社区建设\t" in line]
    edit = {goal: printed[:cut] + "\n\n\t\t" + printed[cut:].split("\t")[0]}
    edit |= {n: example_lines[n - 1].replace("基层政权和社区建设", "基层政权 和社区建设") for n in rows[1:]}
    d = _variant(example_lines, edit)
    assert d.department is not None and example.department is not None and d.department.goal == example.department.goal
    assert [(a.name, len(a.indicators)) for a in d.activities] == [(a.name, len(a.indicators)) for a in example.activities]
    assert not [s for s in d.skipped if s.carries_data]


def test_a_browsers_print_footer_and_header_at_a_page_break(example: Disclosure, example_lines: list[str]) -> None:
    """The page break at line 360 printed as a browser prints a saved page: its address and page count,
    then the date and time (zh-CN) and the title. The date line was a row below the break, glued to a
    project's name as its tail."""
    assert example_lines[359] == ""
    d = _variant(example_lines, {360: "file:///C:/Users/a/2026年部门预算.html 5/9\n2026/1/15 10:32 大屯街道办事处2026年部门预算"})
    assert [(p.code, p.name, [i.name for i in p.indicators]) for p in d.projects] == \
        [(p.code, p.name, [i.name for i in p.indicators]) for p in example.projects]
    assert not [s for s in d.skipped if s.carries_data]


def test_amount_unit_notes_and_dates_alone_in_a_cell(example: Disclosure, example_lines: list[str]) -> None:
    """金额单位：万元（保留六位小数）, and 单位：<the unit's name> beside 金额单位：万元 on one line, are 表12's unit note
    (one was glued to the first project's name); a date alone in a cell (a value wrapped onto its line) is
    reported, not a page's furniture."""
    note = next(n for n, line in enumerate(example_lines, start=1) if n > 260 and line == "金额单位：万元")
    for printed in ("金额单位：万元（保留六位小数）", "单位：北京市朝阳区人民政府大屯街道办事处\t\t\t金额单位：万元"):
        d = _variant(example_lines, {note: printed})
        assert _projects(d) == _projects(example) and not [w for w in d.warnings if "万元" in w.message], printed
    d = _variant(example_lines, {331: "\t" * 9 + "2026.12.31\n" + example_lines[330]})
    assert [(s.line, s.carries_data) for s in d.skipped if s.text.strip() == "2026.12.31"] == [(331, True)]


@pytest.mark.parametrize("mark", ["23", "- 23 -", "第 23 页"])
@pytest.mark.parametrize("at", [338, 517])  # 表12's page break, 表13's
def test_a_page_number_between_the_rows_is_a_page_break(example: Disclosure, example_lines: list[str], mark: str, at: int) -> None:
    """A page's number printed where a page ends: in 表13 a bare 23 was read as the department's
    amounts row (every figure None), and - 23 - refused the document read only in part."""
    lines = list(example_lines)
    lines.insert(at - 1, mark)
    d = parse_source(source_from_bytes("\n".join(lines).encode("utf-8"), "variant.txt"))
    assert [(p.code, p.name, p.total, [i.name for i in p.indicators]) for p in d.projects] == \
        [(p.code, p.name, p.total, [i.name for i in p.indicators]) for p in example.projects]
    assert d.department is not None and example.department is not None
    assert (d.department.total, d.department.fiscal_total, d.department.other_total) == \
        (example.department.total, example.department.fiscal_total, example.department.other_total)
    assert [(s.line, s.carries_data) for s in d.skipped if s.text == mark] == [(at, False)]


def test_the_year_of_table_13s_heading_before_a_year_a_goal_cites(example_lines: list[str]) -> None:
    """表13 without its (2026年度) line, the year in its heading instead, and a goal in 表12 citing
    《朝阳区河长制工作要点（2025年）》: the year was 2025 (every IRI minted under /2025/)."""
    heading = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("预算13表"))
    year_line = next(n for n in range(heading, heading + 5) if example_lines[n - 1].strip() == "(2026年度)")
    goal = next(n for n, line in enumerate(example_lines, start=1) if "9148-河长制工作经费剩余考核资金" in line)
    cited = example_lines[goal - 1].replace("建立健全河湖", "落实《朝阳区河长制工作要点（2025年）》，建立健全河湖")
    d = _variant(example_lines, {heading: example_lines[heading - 1] + "（2026年度）", year_line: "", goal: cited})
    assert d.year == 2026


def test_table_12_in_another_amount_unit_is_said(example_lines: list[str]) -> None:
    """表12 headed 金额单位：元: its amounts were read as 万元 without a word (the budget tables warned)."""
    at = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("预算表12"))
    note = next(n for n in range(at, at + 4) if example_lines[n - 1] == "金额单位：万元")
    d = _variant(example_lines, {note: "金额单位：元"})
    assert [(w.line, w.message) for w in d.warnings if "金额" in w.message or "元" in w.message] == [
        (note, "表12 prints amounts in '元', not 万元: the amounts are kept as printed")]


def test_a_tables_heading_year_before_a_year_a_goal_cites(example_lines: list[str]) -> None:
    """表13 without its (2026年度) line, 表01's heading printing （2026年）, and a goal citing
    《…（2025年度）》: the goal's 2025 won (a (YYYY年度) anywhere before any heading's (YYYY年))."""
    t13 = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("预算13表"))
    year_line = next(n for n in range(t13, t13 + 5) if example_lines[n - 1].strip() == "(2026年度)")
    t01 = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("预算01表"))
    goal = next(n for n, line in enumerate(example_lines, start=1) if "9148-河长制工作经费剩余考核资金" in line)
    cited = example_lines[goal - 1].replace("建立健全河湖", "落实《河长制工作要点（2025年度）》，建立健全河湖")
    d = _variant(example_lines, {year_line: "", t01: example_lines[t01 - 1] + "（2026年）", goal: cited})
    assert (d.year, d.year_line) == (2026, t01)


def _indicators(d: Disclosure) -> list[tuple]:
    return [(a.name, i.line, i.tier1, i.tier2, i.name, i.comparator, i.value, i.value_text, i.unit) for a in d.activities for i in a.indicators]


def test_a_merged_activity_cell_printed_on_its_first_row_only(example: Disclosure, example_lines: list[str]) -> None:
    """预算13表 as an extraction prints a merged 活动 cell: its name on the activity's first row, the 活动
    column blank below. Those rows were 'of no known shape' (their 一级 cell taken for the activity) and
    the document refused; each is its activity's, as the example prints it on every row."""
    edit = {n: line.replace("\t\t基层政权和社区建设\t", "\t\t\t", 1) for n, line in enumerate(example_lines, start=1)
            if n > 507 and line.startswith("\t\t基层政权和社区建设\t")}
    assert len(edit) == 5
    d = _variant(example_lines, edit)
    assert _indicators(d) == _indicators(example) and not partial_reasons(d)
    # A blank 活动 on a row whose tiers start again (产出指标 数量指标 after the 成本指标 above) is no row of the
    # activity above: a merged cell centred on its rows prints its name below. Reported, not guessed.
    first = next(n for n, line in enumerate(example_lines, start=1) if line.startswith("\t\t综合治理\t"))
    centred = _variant(example_lines, {first: example_lines[first - 1].replace("\t\t综合治理\t", "\t\t\t", 1)})
    assert [w.line for w in centred.warnings if "表13 row of no known shape" in w.message] == [first]
    assert partial_reasons(centred)


def test_a_unit_table13_names_its_unit_with_its_code(example: Disclosure, example_lines: list[str]) -> None:
    """单位整体支出绩效目标表 prints 单位名称, often as a unit cell (code-name): that row was 'of no known shape'."""
    d = _variant(example_lines, {500: "单位名称\t623001-北京市朝阳区人民政府大屯街道办事处\t\t\t\t\t\t"})
    assert d.department is not None and d.department.name == "北京市朝阳区人民政府大屯街道办事处"
    assert not partial_reasons(d) and len(d.warnings) == len(example.warnings)


def test_a_unit_cell_repeating_the_bound_in_words(example_lines: list[str]) -> None:
    """≥ | 90 | %以上: the unit was '%以上' without a word, so a search for % missed the target; a bound in
    the unit cell that contradicts the comparator cell is reported, not read."""
    assert example_lines[274].endswith("\t≥\t90\t%")
    agreeing = _variant(example_lines, {275: example_lines[274] + "以上"})
    target = next(i for p in agreeing.projects for i in p.indicators if i.line == 275)
    assert (target.comparator, target.value, target.unit) == ("≥", Decimal(90), "%")
    for cell, unit in (("及以上", None), ("%及以上", "%")):  # (及以上 alone: the bound, no unit)
        words = _variant(example_lines, {275: example_lines[274][: -len("%")] + cell})
        assert [(i.comparator, i.value, i.unit) for p in words.projects for i in p.indicators if i.line == 275] == [("≥", Decimal(90), unit)]
    contrary = _variant(example_lines, {275: example_lines[274] + "以下"})
    assert [w.message for w in contrary.warnings if w.line == 275] == [
        "表12 row of no known shape: the unit cell '%以下' says 以下, its comparator cell ≥"]
    assert partial_reasons(contrary)


def test_a_table_kg_does_not_read_is_said_and_a_tables_note_is_no_row(example: Disclosure, example_lines: list[str]) -> None:
    """预算02表 (收入预算汇总表, which other units print) was passed over without a word; 表08's note that the
    table is empty was a warning of an unreadable row."""
    table02 = ["预算02表 收入预算汇总表", "", "金额单位：万元", "", "单位名称\t合计\t本年收入",
               "623001-北京市朝阳区人民政府大屯街道办事处\t18,985.336217\t18,985.336217", "合 计\t18,985.336217\t18,985.336217", ""]
    d = _variant(example_lines, {38: "\n".join(table02)})
    assert [w.message for w in d.warnings if w.line == 38] == [
        "预算02表 收入预算汇总表 (lines 38–44) is not read: kg reads 预算01表, 03–11表, 预算表12 and 预算13表; its rows are not in the graph"]
    noted = _variant(example_lines, {229: "\t\t合 计\t\t\t\n注：本单位2026年无政府性基金预算财政拨款支出，故本表为空。"})
    assert len(noted.warnings) == len(example.warnings)
    assert [s.reason for s in noted.skipped if s.line == 230] == ["a note on the table"]


def test_each_project_is_of_the_unit_printed_above_it(example: Disclosure) -> None:
    """表12's 单位名称 is a merged cell printed on its unit's first project row (and once a page): the projects
    below whose rows print none were of no unit."""
    assert {p.unit_code for p in example.projects} == {"623001"}
    assert example.projects[0].unit_code == "623001"


def test_a_department_whose_table12_lists_several_units() -> None:
    """A 市级 department's 表12 printing its three units' 单位名称 once each, over their projects: which rows a merged
    cell stands over is not printed (a PDF's text prints it on the row it centres it on), so only the projects on
    those rows have a unit; a table printing one unit gives it to every project."""
    d = parse_source(read_source(Path(__file__).parent / "data" / "constructed-cases" / "beijing_municipal_three_units.txt"))
    assert [(p.line, p.unit_code) for p in d.projects] == [
        (8, "191001"), (14, None), (20, None), (29, None), (35, "191002"), (41, None), (47, None), (56, "191004"), (62, None), (68, None)]
    assert d.unit_code == "191001"
