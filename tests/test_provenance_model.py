"""Provenance as triples, not prose: which line a page-break decision gave to which project (and
the targets it moved pointing to it), the project influencing the activity it serves (PROV's
qualified pattern), tables as resources of their document, audit lines and figures as typed
repeated values.

The decision checked here was read in examples/000_c335fd1cef659d43.txt: project
11010522T000000416232 公益事业经费(体制) starts at line 277; lines 278–281 are its 质量, 满意度,
社会效益 and 成本 rows; line 282 repeats 受益群众满意度 (416232 has it at 279), 283 is 完成标准 /
道路干净绿化美观 and 284 the goal fragment “保障2026年公共”, all of 11010522T000000416236
基本事业费(自管) (道路保洁和公共绿化养护, whose goal the fragment begins) after the page break at 285.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.analyse.audit import audit
from kg.analyse.trace import trace
from kg.build import load_inputs
from kg.rdf import terms as kg
from kg.rdf.iris import DEFAULT_BASE, short_hash
from kg.rdf.quads import Literal
from kg.records import Disclosure
from kg.store.query import OxigraphEngine

ROOT = DEFAULT_BASE + "unit/110105/623001/2026"
DECISION = f"{ROOT}/decision/278"
BEFORE, AFTER = "11010522T000000416232", "11010522T000000416236"
PREFIXES = """
PREFIX kg: <https://w3id.org/cnbudget/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
"""
# Which project each row a decision decided went to: a target is its project's (kg:hasTarget),
# a row of text only a kg:TextFragment with its kg:assignedTo.
LINES_OF_DECISIONS = PREFIXES + """
SELECT ?decision ?line ?code ?kind WHERE {
  ?decision a kg:AssignmentDecision .
  ?row kg:decidedBy ?decision ; kg:sourceLine ?line ; a ?kind .
  { ?project kg:hasTarget ?row } UNION { ?row kg:assignedTo ?project }
  ?project kg:projectCode ?code .
}
ORDER BY ?decision ?line
"""


def select(engine: OxigraphEngine, query: str) -> list[dict[str, object]]:
    result = engine.select(query, {})
    return [{v: getattr(t, "value", t) for v, t in zip(result.variables, row)} for row in result.rows]


@pytest.fixture(scope="module")
def quads(example_path: Path) -> list:
    return load_inputs([example_path]).quads  # the document's graph and the ontology


@pytest.fixture(scope="module")
def engine(quads: list) -> OxigraphEngine:
    return OxigraphEngine.from_quads(quads)


# ---- page-break decisions ------------------------------------------------------------------------


def test_a_decision_says_in_triples_which_line_went_to_which_project(engine: OxigraphEngine) -> None:
    rows = [(int(r["line"]), r["code"]) for r in select(engine, LINES_OF_DECISIONS) if r["decision"] == DECISION]
    assert rows == [(278, BEFORE), (279, BEFORE), (280, BEFORE), (281, BEFORE), (282, AFTER), (283, AFTER), (284, AFTER)]
    (decision,) = select(engine, PREFIXES + f"""
        SELECT ?method ?notation ?score WHERE {{
          <{DECISION}> kg:decisionMethod ?method ; kg:score ?score . ?method skos:notation ?notation }}""")
    assert decision == {"method": kg.Automatic, "notation": "automatic", "score": "0.2"}


def test_the_targets_a_decision_moved_point_to_it(engine: OxigraphEngine) -> None:
    moved = select(engine, PREFIXES + f"""
        SELECT ?line ?name WHERE {{ ?target a kg:PerformanceTarget ; kg:decidedBy <{DECISION}> ; kg:sourceLine ?line ; rdfs:label ?name }}
        ORDER BY ?line""")
    assert [(int(r["line"]), r["name"]) for r in moved] == [
        (278, "提升社区公益事业发展，增进人民福祉，提升群众幸福感和获得感"), (279, "受益群众满意度"), (280, "加强社区公益事业建设"),
        (281, "按照总成本控制预算，禁止不必要支出，保证效益最大化"), (282, "受益群众满意度"), (283, "完成标准"),
    ]
    # Line 284 carries only the goal fragment: a small node of its own, given to 416236.
    (fragment,) = select(engine, PREFIXES + f"""
        SELECT ?row ?project WHERE {{ ?row a kg:TextFragment ; kg:decidedBy <{DECISION}> ; kg:sourceLine 284 ; kg:assignedTo ?project }}""")
    assert fragment == {"row": f"{DECISION}/line/284", "project": f"{ROOT}/project/{AFTER}"}


def test_every_decided_line_of_the_example_is_where_the_reader_put_it(engine: OxigraphEngine, example: Disclosure) -> None:
    stated = {(r["decision"], int(r["line"]), r["code"]) for r in select(engine, LINES_OF_DECISIONS)}
    read = {(f"{ROOT}/decision/{d.lines[0]}", line, code) for d in example.decisions for line, code in d.assignment.items()}
    assert stated == read and len(read) == 53
    # A row with an indicator is its target (no node of its own): one kg:TextFragment, line 284.
    kinds = [(int(r["line"]), r["kind"]) for r in select(engine, LINES_OF_DECISIONS) if r["kind"] == kg.TextFragment]
    assert kinds == [(284, kg.TextFragment)]


def test_an_overridden_decision_says_so(tmp_path: Path, example_path: Path) -> None:
    overrides = tmp_path / "o.toml"
    overrides.write_text('[assign]\n338 = "11010523T000002085303"\n', encoding="utf-8")
    engine = OxigraphEngine.from_quads(load_inputs([example_path], overrides=overrides).quads)
    decision = f"{ROOT}/decision/333"
    rows = [(int(r["line"]), r["code"][-6:]) for r in select(engine, LINES_OF_DECISIONS) if r["decision"] == decision]
    assert rows == [(333, "977421"), (334, "977421"), (335, "977421"), (336, "977421"), (338, "085303")]
    (method,) = select(engine, PREFIXES + f"SELECT ?notation WHERE {{ <{decision}> kg:decisionMethod kg:Overridden . kg:Overridden skos:notation ?notation }}")
    assert method == {"notation": "override"}


# ---- activity links: the project influences (serves) the activity ------------------------------


def test_an_activity_link_is_the_projects_qualified_influence_on_the_activity(engine: OxigraphEngine, example: Disclosure) -> None:
    # Read through the ontology alone: kg:linkedActivity is the inverse of prov:qualifiedInfluence,
    # kg:contributingProject a prov:influencer — so the activity is the one influenced.
    influenced = select(engine, PREFIXES + """
        SELECT ?activity ?project WHERE {
          ?inverse owl:inverseOf prov:qualifiedInfluence . ?by rdfs:subPropertyOf prov:influencer .
          kg:ActivityLink rdfs:subClassOf prov:Influence .
          ?link a kg:ActivityLink ; ?inverse ?activity ; ?by ?project .
          ?activity a kg:DepartmentActivity . ?project a kg:BudgetProject .
        }""")
    links = trace(example).links
    assert len(influenced) == len(links) > 0
    assert {(r["activity"], r["project"]) for r in influenced} == {
        (f"{ROOT}/activity/{short_hash(link.activity)}", f"{ROOT}/project/{link.project}") for link in links
    }
    codes = select(engine, PREFIXES + """
        SELECT DISTINCT ?status ?kind WHERE { ?link kg:linkStatus/skos:notation ?status ; kg:evidenceKind/skos:notation ?kind }""")
    assert {r["status"] for r in codes} == {"inferred"}
    assert {r["kind"] for r in codes} <= {"cost", "function", "name", "indicator", "text", "review"}


# ---- tables: resources of their document, numbered ----------------------------------------------


def test_tables_are_resources_of_their_document_with_their_numbers(engine: OxigraphEngine, quads: list) -> None:
    tables = select(engine, PREFIXES + """
        SELECT DISTINCT ?table ?number ?type ?document WHERE {
          [] kg:sourceTable ?table . ?table skos:notation ?number ; a ?type ; dct:source ?document .
          FILTER(?type IN (kg:SourceTable, kg:BudgetTable)) }""")
    assert {(r["table"], r["number"]) for r in tables} == {(f"{ROOT}/table/{n}", n) for n in ("01", "03", "05", "06", "07", "12", "13")}
    assert {r["type"] for r in tables if r["number"] in ("12", "13")} == {kg.SourceTable}
    assert {r["document"] for r in tables} == {DEFAULT_BASE + "source/" + next(o.value for _, p, o, _ in quads if p == kg.sha256)}
    # Each table says its number once; kg:sourceTable is never a literal, and a target names none
    # (its table is its owner's).
    numbers = [s for s, p, _, _ in quads if p.endswith("#notation") and s.startswith(f"{ROOT}/table/")]
    assert len(numbers) == len(set(numbers))
    assert not [o for _, p, o, _ in quads if p == kg.sourceTable and isinstance(o, Literal)]
    targets = {s for s, p, o, _ in quads if o == kg.PerformanceTarget}
    assert targets and not [s for s, p, _, _ in quads if p == kg.sourceTable and s in targets]
    owners = select(engine, PREFIXES + """
        SELECT ?number (COUNT(?target) AS ?targets) WHERE { ?owner kg:hasTarget ?target ; kg:sourceTable/skos:notation ?number }
        GROUP BY ?number ORDER BY ?number""")
    assert [(r["number"], r["targets"]) for r in owners] == [("12", "215"), ("13", "24")]


# ---- audit findings: repeated lines and tables, typed figures ---------------------------------------


def test_audit_lines_and_tables_are_repeated_values_and_figures_typed(engine: OxigraphEngine, quads: list, example: Disclosure) -> None:
    # Read in the example: 表01 line 9 prints 一般公共服务支出 blank, 表05 line 122 has 1,092.386776 for it.
    (finding,) = select(engine, PREFIXES + """
        SELECT ?finding ?expected WHERE {
          ?finding a kg:AuditFinding ; kg:checkId "category-vs-fiscal" ; kg:sourceLine 9, 122 ; kg:expectedAmount ?expected }""")
    assert Decimal(finding["expected"]) == Decimal("1092.386776")
    node = finding["finding"]
    assert [o for s, p, o, _ in quads if s == node and p == kg.foundAmount] == []  # blank: no figure
    assert sorted(int(o.value) for s, p, o, _ in quads if s == node and p == kg.sourceLine) == [9, 122]
    assert {o.datatype for s, p, o, _ in quads if s == node and p == kg.sourceLine} == {"http://www.w3.org/2001/XMLSchema#positiveInteger"}
    assert sorted(o for s, p, o, _ in quads if s == node and p == kg.sourceTable) == [f"{ROOT}/table/{n}" for n in ("01", "05", "06")]
    # Every finding: its figures typed as the audit computed them, no list in a string.
    stated = select(engine, PREFIXES + """
        SELECT ?message ?expected ?found WHERE {
          ?f a kg:AuditFinding ; kg:message ?message OPTIONAL { ?f kg:expectedAmount ?expected } OPTIONAL { ?f kg:foundAmount ?found } }""")
    figures = {(r["message"], Decimal(r["expected"]) if r["expected"] else None, Decimal(r["found"]) if r["found"] else None) for r in stated}
    assert figures == {(f.message, f.expected_amount, f.found_amount) for f in audit(example)}
    # Read in the example: project 11010522T000001573231 (line 320) has 1.000000 万元 and a cost
    # target ≤ 5000 元/年 at line 325, 0.5 万元.
    (cost,) = [f for f in audit(example) if f.check == "cost-target" and f.lines == (320, 325)]
    assert (cost.expected_amount, cost.found_amount) == (Decimal("1.000000"), Decimal("0.5"))
    assert not [q for q in quads if q[1] in (kg.lineList, kg.tableList)]


def test_kg_validate_names_a_targets_table_from_its_owner() -> None:
    from kg.analyse.analysis import analyse
    from kg.rdf.mapping import disclosure_quads
    from kg.rdf.validate import validate_quads
    from kg.read.text import parse_disclosure

    small = parse_disclosure(Path(__file__).parent / "data" / "mapping" / "small.txt")
    quads = list(disclosure_quads(small, analyse(small)))
    target = next(s for s, p, o, _ in quads if p == kg.targetValue)
    report = validate_quads([q for q in quads if not (q[0] == target and q[1] == kg.targetValue)])
    assert {(v.focus, v.source_table, v.source_line) for v in report.violations if v.focus == target} == {(target, "12", 9)}
