"""Budget tables as RDF Data Cube data sets, classification schemes, project→function links and
findings in the graph. The Recommendation's integrity constraints are in test_data_cube.py."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from helpers import graph_of
from rdflib import RDF, SKOS, XSD, Literal, URIRef

from kg.analyse.analysis import analyse
from kg.analyse.audit import audit, finding_rows
from kg.build import load_inputs
from kg.numbers import parse_decimal
from kg.output import cell_text
from kg.rdf import terms as kg
from kg.rdf.budget import AMOUNT, parent_code, structures
from kg.rdf.iris import DEFAULT_BASE, FUNCTION_SCHEME, DisclosureIris, structure_iri
from kg.rdf.mapping import disclosure_quads
from kg.rdf.quads import BlankNode
from kg.read.text import parse_disclosure
from kg.records import AGGREGATE_KINDS, Disclosure
from kg.resources import ontology_file
from kg.store.query import OxigraphEngine, run_query

K = rdflib.Namespace(kg.NS)
QB = rdflib.Namespace("http://purl.org/linked-data/cube#")
SCHEME = "https://w3id.org/cnbudget/scheme/"
COLUMN = rdflib.Namespace(SCHEME + "column/")
ROW_KIND = rdflib.Namespace(SCHEME + "row-kind/")
OBEU_DIMENSION = rdflib.Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/")
ROOT = DEFAULT_BASE + "unit/110105/623001/2026"


@pytest.fixture(scope="module")
def graph(example: Disclosure) -> rdflib.Graph:
    return graph_of(disclosure_quads(example, analyse(example)))


def node(example: Disclosure, table: int, line: int, side: str | None = None) -> URIRef:
    """The observation of a printed row (a side of a 表01/05 line: ``income``, ``expenditure``)."""
    return URIRef(DisclosureIris.of(example, DEFAULT_BASE).budget_line(table, line, side))


def concept(scheme: str, code: str) -> URIRef:
    return URIRef(f"{SCHEME}{scheme}/{code}")


def measures(graph: rdflib.Graph, obs: URIRef) -> dict[URIRef, Decimal]:
    """The observation's measures (the measures of its data set's structure) and their values."""
    dsd = graph.value(graph.value(obs, QB.dataSet), QB.structure)
    found = {}
    for measure, _ in structures()[str(dsd)].measures:
        (value,) = graph.objects(obs, URIRef(measure))
        assert value.datatype == XSD.decimal
        found[URIRef(measure)] = value.toPython()
    return found


def test_every_amount_of_tables_01_and_03_to_11_is_in_the_graph_once_with_its_line(
    graph: rdflib.Graph, example: Disclosure, example_lines: list[str]
) -> None:
    table_of = {line: t.number for t in example.tables for line in range(t.heading_line, t.end_line + 1)}
    printed = Counter(
        (f"{table_of[number]:02d}", number, parse_decimal(cell))
        for number in range(1, 264)
        for position, cell in enumerate(example_lines[number - 1].split("\t"))
        if parse_decimal(cell) is not None and not (162 <= number <= 187 and position == 1)  # 表06 科目编码
    )
    rows = list(graph.subjects(RDF.type, QB.Observation))  # one observation per printed row
    in_graph = Counter()
    for row in rows:
        (source_line,) = graph.objects(row, K.sourceLine)
        (dataset,) = graph.objects(row, QB.dataSet)
        (source_table,) = graph.objects(dataset, rdflib.SKOS.notation)  # the row's table is its data set, numbered
        assert str(dataset) == f"{ROOT}/table/{source_table}"
        assert graph.value(dataset, rdflib.DCTERMS.source) == graph.value(URIRef(ROOT), rdflib.DCTERMS.source) is not None
        assert (dataset, QB.structure, URIRef(structure_iri(int(source_table)))) in graph
        printed_zero = set(graph.objects(row, K.printedZero))
        for measure, value in measures(graph, row).items():
            if value != 0 or measure in printed_zero:  # a printed amount (a 0 that is not named printed is a blank cell)
                in_graph[(str(source_table), int(source_line), value)] += 1
    assert in_graph == printed and sum(printed.values()) == 306
    assert len(rows) == sum(len(t.rows) for t in example.budget) == 209
    assert list(graph.subjects(RDF.type, K.BudgetLine)) == []  # deprecated: typed qb:Observation itself


def test_an_observation_of_table03_with_its_classifications(graph: rdflib.Graph, example: Disclosure) -> None:
    meeting = node(example, 3, 90)  # 2120101 行政运行 / 50202 会议费 / 30215 会议费, printed 3,384700 twice
    assert (meeting, RDF.type, QB.Observation) in graph  # typed explicitly, no inference needed
    assert graph.value(meeting, K.functionalClassification) == concept("function", "2120101")
    assert graph.value(meeting, K.governmentEconomicClassification) == concept("gov-economic", "50202")
    assert graph.value(meeting, K.departmentEconomicClassification) == concept("dept-economic", "30215")
    assert graph.value(meeting, K.rowKind) == ROW_KIND.item
    # The row's 合计 and 基本支出 are two measures of one observation; its blank cells are 0, named.
    assert measures(graph, meeting) == {
        K.amountTotal: Decimal("3.3847"), K.amountBasic: Decimal("3.3847"), K.amountProject: 0,
        K.amountBusiness: 0, K.amountRemit: 0, K.amountSubsidiary: 0,
    }
    assert list(graph.objects(meeting, K.printedZero)) == []  # its 0s are blank cells
    assert graph.value(meeting, K.columnDecision) is None  # printed where it is counted
    assert graph.value(meeting, URIRef(AMOUNT)) is None  # the sub-properties, not OpenBudgets.eu's own measure
    dataset = URIRef(f"{ROOT}/table/03")  # what every row of the table shares, once
    assert graph.value(dataset, QB.structure) == K["dsd-expenditure-summary"]
    assert graph.value(dataset, OBEU_DIMENSION.fiscalPeriod) == URIRef("http://reference.data.gov.uk/id/year/2026")
    assert graph.value(dataset, OBEU_DIMENSION.organization) == URIRef(DEFAULT_BASE + "unit/110105/623001")
    assert graph.value(dataset, OBEU_DIMENSION.budgetPhase) == URIRef("http://data.openbudgets.eu/resource/codelist/budget-phase/approved")
    assert graph.value(dataset, K.budgetTableNumber) == URIRef(SCHEME + "budget-table/03")
    assert graph.value(meeting, OBEU_DIMENSION.fiscalPeriod) is None  # the normalisation algorithm copies it down


def test_a_total_row_counts_under_each_schemes_total(graph: rdflib.Graph, example: Disclosure) -> None:
    total = node(example, 3, 105)  # 表03 合计, printed without codes
    assert graph.value(total, K.rowKind) == ROW_KIND.total
    assert graph.value(total, K.functionalClassification) == concept("function", "_T")
    assert graph.value(total, K.governmentEconomicClassification) == concept("gov-economic", "_T")
    assert graph.value(total, K.departmentEconomicClassification) == concept("dept-economic", "_T")
    assert str(graph.value(total, K.rowLabel)) == "合 计"  # as printed
    assert measures(graph, total)[K.amountTotal] == Decimal("18986.336217")  # as printed, misprint and all
    unit_total = node(example, 6, 188)  # 表06 合计: the whole department
    assert graph.value(unit_total, K.budgetUnit) == URIRef(DEFAULT_BASE + "unit/110105/623001")
    assert 0 not in measures(graph, unit_total).values()  # it prints all six columns


def test_the_structures_say_which_amounts_restate_others(graph: rdflib.Graph, example: Disclosure) -> None:
    """kg:aggregate is no longer written on every amount: an amount restates others when its row is
    a subtotal or total, or its measure's column is an aggregate column of its structure. The rule
    must give the reader's own flag for every amount."""
    cube = rdflib.Graph().parse(ontology_file("budget-cube.ttl"))
    aggregate_columns = {(dsd, column) for dsd, column in cube.subject_objects(K.aggregateColumn)}
    kinds = {ROW_KIND[str(kind)] for kind in AGGREGATE_KINDS}
    checked = 0
    for table in example.budget:
        for row in table.rows:
            obs = node(example, table.number, row.line, row.side)
            dsd = graph.value(graph.value(obs, QB.dataSet), QB.structure)
            for amount in row.amounts:
                column = cube.value(URIRef(structures()[str(dsd)].measure(amount.role)), QB.concept)
                restates = graph.value(obs, K.rowKind) in kinds or (dsd, column) in aggregate_columns
                assert restates is amount.aggregate, (table.number, row.line, amount.cell)
                checked += 1
    assert checked == 306 and not list(graph.subjects(K.aggregate, None))


def test_a_moved_amount_keeps_its_printed_column_and_points_to_its_decision(graph: rdflib.Graph, example: Disclosure) -> None:
    moved = node(example, 3, 55)  # 287.5324 printed under 项目支出; 表06 line 164 has 2080206 as 基本支出 only
    assert measures(graph, moved)[K.amountBasic] == Decimal("287.5324")  # counted where the decision put it
    assert measures(graph, moved)[K.amountProject] == 0 and (moved, K.printedZero, K.amountProject) not in graph
    decision = graph.value(moved, K.columnDecision)
    assert str(decision) == f"{ROOT}/column-decision/55"
    assert (decision, RDF.type, K.ColumnDecision) in graph
    assert (str(graph.value(decision, K.printedColumn)), str(graph.value(decision, K.settledColumn))) == ("项目支出", "基本支出")
    assert (graph.value(decision, K.printedMeasure), graph.value(decision, K.settledMeasure)) == (K.amountProject, K.amountBasic)
    assert len(list(graph.objects(decision, K.evidence))) == 3
    assert len(list(graph.subjects(RDF.type, K.ColumnDecision))) == 6
    # Each moved row points to its decision; the printed column is said once, on the decision.
    t03 = example.budget.table(3)
    assert set(graph.subjects(K.columnDecision, None)) == {node(example, 3, d.line) for d in t03.decisions}
    assert set(graph.subjects(K.printedColumn, None)) == set(graph.subjects(RDF.type, K.ColumnDecision))


def test_table01_sides_and_blank_cells(graph: rdflib.Graph, example: Disclosure) -> None:
    income = node(example, 1, 9, "income")
    assert str(income) == f"{ROOT}/budget-line/01-9-income"
    assert graph.value(income, OBEU_DIMENSION.operationCharacter) == URIRef(
        "http://data.openbudgets.eu/resource/codelist/operation-character/revenue"
    )
    assert str(graph.value(income, K.rowLabel)) == "一、一般公共预算拨款收入"
    assert graph.value(income, K.rowKind) == ROW_KIND.item
    assert measures(graph, income) == {URIRef(AMOUNT): Decimal("18982.836217")}  # OpenBudgets.eu's measure: one a row
    assert graph.value(URIRef(f"{ROOT}/table/01"), OBEU_DIMENSION.operationCharacter) is None  # per row here
    # 一般公共服务支出: the other side of the line, printed blank: 0, said to be blank (kg audit warns
    # that 表05 line 122 prints 1,092.386776 for it: the extraction probably lost the cell).
    spending = node(example, 1, 9, "expenditure")
    assert graph.value(spending, OBEU_DIMENSION.operationCharacter) == URIRef(
        "http://data.openbudgets.eu/resource/codelist/operation-character/expenditure"
    )
    assert measures(graph, spending) == {URIRef(AMOUNT): 0}
    assert list(graph.objects(spending, K.printedZero)) == []  # a blank cell
    assert (node(example, 1, 18, "income"), None, None) not in graph  # no income row on line 18: no observation


def test_tables_without_amounts_are_one_blank_total(graph: rdflib.Graph, example: Disclosure) -> None:
    """表08 and 表09 print only their 合计 row, blank: the department has no such funds, 0 in every
    column, none of them printed."""
    tables = set(graph.subjects(RDF.type, K.BudgetTable))
    assert {str(t).rsplit("/", 1)[-1] for t in tables} == {"01", "03", "04", "05", "06", "07", "08", "09", "10", "11"}
    for number in (8, 9):
        dataset = URIRef(f"{ROOT}/table/{number:02d}")
        assert (URIRef(ROOT), K.hasBudgetTable, dataset) in graph
        (total,) = example.budget.table(number).rows
        assert list(graph.subjects(QB.dataSet, dataset)) == [node(example, number, total.line)]
        assert graph.value(dataset, QB.structure) == K["dsd-function"]
        obs = node(example, number, total.line)
        assert graph.value(obs, K.rowKind) == ROW_KIND.total
        assert measures(graph, obs) == {K.amountTotal: 0, K.amountBasic: 0, K.amountProject: 0}
        assert list(graph.objects(obs, K.printedZero)) == []
    assert str(graph.value(URIRef(f"{ROOT}/table/03"), rdflib.DCTERMS.title)) == "预算03表 支出预算汇总表"


def test_classification_schemes_follow_the_codes(graph: rdflib.Graph) -> None:
    operation = concept("function", "2120101")
    assert str(graph.value(operation, SKOS.prefLabel)) == "行政运行"
    assert graph.value(operation, SKOS.broader) == concept("function", "21201")
    assert graph.value(concept("function", "21201"), SKOS.broader) == concept("function", "212")
    assert str(graph.value(concept("function", "21201"), SKOS.prefLabel)) == "款 21201"  # no table prints the 款's name: its level and code
    assert str(graph.value(concept("function", "212"), SKOS.prefLabel)) == "城乡社区支出"  # 表11 prints 212-城乡社区支出
    assert (concept("function", "212"), SKOS.topConceptOf, URIRef(SCHEME + "function/")) in graph
    assert graph.value(concept("gov-economic", "50205"), SKOS.broader) == concept("gov-economic", "502")
    assert str(graph.value(concept("dept-economic", "30227"), SKOS.prefLabel)) == "委托业务费"
    assert graph.value(concept("dept-economic", "30227"), SKOS.broader) == concept("dept-economic", "302")
    for c in graph.subjects(RDF.type, SKOS.Concept):
        if not str(c).startswith(SCHEME):
            continue
        scheme, code = str(c)[len(SCHEME):].split("/")
        assert str(graph.value(c, SKOS.notation)) == code
        assert graph.value(c, SKOS.inScheme) == URIRef(f"{SCHEME}{scheme}/")
        assert len(list(graph.objects(c, SKOS.broader))) == (0 if len(code) == 3 else 1), c
        assert len([label for label in graph.objects(c, SKOS.prefLabel)]) <= 1


@pytest.mark.parametrize("code, parent", [("2120101", "21201"), ("21201", "212"), ("212", None), ("21", None)])
def test_parent_codes(code: str, parent: str | None) -> None:
    assert parent_code(FUNCTION_SCHEME, code) == parent


def test_function_links_with_evidence(graph: rdflib.Graph, example: Disclosure) -> None:
    project = URIRef(f"{ROOT}/project/11010522T000000484670")  # 责任规划师劳务费 28
    assert graph.value(project, K.fundedUnder) == concept("function", "2120201")
    (link,) = graph.subjects(K.linkedProject, project)
    assert (link, RDF.type, K.FunctionLink) in graph
    assert graph.value(link, K.linkedBudgetLine) == node(example, 6, 167)  # the 表06 row
    assert graph.value(graph.value(link, K.linkedBudgetLine), K.amountProject).toPython() == Decimal(28)  # its 项目支出
    assert str(graph.value(link, K.linkMethod)) == "exact amount" and len(list(graph.objects(link, K.evidence))) == 3
    assert len(set(graph.subjects(RDF.type, K.FunctionLink))) == 10
    ambiguous = URIRef(f"{ROOT}/function-match/2082001")
    assert {str(p).rsplit("/", 1)[-1] for p in graph.objects(ambiguous, K.candidateProject)} == {"11010522T000001573231", "11010525T000003522302"}
    assert (None, K.fundedUnder, concept("function", "2082001")) not in graph


def test_findings_are_in_the_graph(graph: rdflib.Graph, example: Disclosure) -> None:
    findings = audit(example)
    nodes = list(graph.subjects(RDF.type, K.AuditFinding))
    assert len(nodes) == len(findings)
    names = {K.ErrorSeverity: "error", K.WarningSeverity: "warning", K.InfoSeverity: "info"}
    severities = Counter(names[graph.value(n, K.severity)] for n in nodes)
    assert severities == Counter(f.severity for f in findings)
    misprint = next(n for n in nodes if str(graph.value(n, K.checkId)) == "table-total" and set(graph.objects(n, K.sourceLine)) == {Literal(105, datatype=XSD.positiveInteger)})
    assert str(graph.value(misprint, K.found)) == "18,986.336217 (line 105)"
    assert graph.value(misprint, K.foundAmount) == Literal(Decimal("18986.336217"), datatype=XSD.decimal)  # the figure, typed
    assert list(graph.objects(misprint, K.sourceTable)) == [URIRef(f"{ROOT}/table/03")]
    assert graph.value(misprint, K.findingFor) == URIRef(ROOT)


def test_the_audit_query_lists_the_same_findings(example_path: Path, example: Disclosure) -> None:
    engine = OxigraphEngine.from_quads(load_inputs([example_path]).quads)
    result = run_query("audit-findings", engine)
    names = ["severity", "check", "tables", "lines", "expected", "found", "message", "explanation"]
    # The finding's own columns, in order; columns naming the document may come before them.
    assert [v for v in result.variables if v in names] == names
    at = [result.variables.index(name) for name in names]
    rows = [[cell_text(getattr(row[i], "value", row[i])) for i in at] for row in result.rows]
    expected = [[cell_text(v) for v in row] for row in finding_rows(audit(example)).rows]
    assert rows == expected


def test_the_project_functions_query(example_path: Path) -> None:
    engine = OxigraphEngine.from_quads(load_inputs([example_path]).quads)
    result = run_query("project-functions", engine)
    rows = [dict(zip(result.variables, (cell_text(getattr(v, "value", v)) for v in row))) for row in result.rows]
    linked = [r for r in rows if r["status"] == "linked"]
    assert len(linked) == 12  # 10 links, two of them of two projects
    assert {(r["function_code"], r["project_line"]) for r in linked if r["method"] == "sum of projects"} == {
        ("2013202", "339"), ("2013202", "476"), ("2100799", "310"), ("2100799", "314"),
    }
    # 2240106's 2.5 (表06 line 186) is also 2.0 (line 370) + 0.5 (line 463, which prints its 项目总额 with
    # 财政资金 and 其他资金 blank, so the 0.5 may be 财政资金): a third alternative, two more projects.
    assert Counter(r["function_code"] for r in rows if r["status"] == "ambiguous") == {"2130399": 5, "2082001": 2, "2240106": 6}


def test_no_blank_nodes_and_stable_iris(example: Disclosure) -> None:
    first = sorted(disclosure_quads(example, analyse(example)), key=repr)
    assert first == sorted(disclosure_quads(example, analyse(example)), key=repr)
    assert not any(isinstance(t, BlankNode) for s, _, o, _ in first for t in (s, o))


def test_a_disclosure_without_money_tables_has_no_budget_lines() -> None:
    small = parse_disclosure(Path(__file__).parent / "data" / "mapping" / "small.txt")
    g = graph_of(disclosure_quads(small, analyse(small)))
    assert list(g.subjects(RDF.type, QB.Observation)) == [] and list(g.subjects(RDF.type, K.BudgetTable)) == []
    assert len(list(g.subjects(RDF.type, K.AuditFinding))) == 4


def test_budget_lines_and_findings_conform_to_the_shapes(example_path: Path) -> None:
    from kg.rdf.validate import validate_quads

    quads = load_inputs([example_path]).quads
    assert validate_quads(quads).conforms
    broken = [q for q in quads if not (q[1] == str(K.amountTotal) and q[0].endswith("/budget-line/03-90"))]
    report = validate_quads(broken)
    assert [v.focus.rsplit("/", 1)[-1] for v in report.violations] == ["03-90"]  # a row without its 合计
