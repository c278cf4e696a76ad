"""Shapes that catch a reader's mistakes (ontology/shapes.ttl, "What a reader can get wrong", and a
target's owner and source): each rule fails on a broken copy of the example's graph, naming exactly
the rule (sh:sourceShape) and the broken node, and the intact graph passes every one of them.

Results are read from the report graph (sh:focusNode, sh:sourceShape, sh:resultSeverity), never from
message wording. A broken copy must give the intact graph's results plus exactly the expected ones.
"""

from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
import rdflib
from click.testing import CliRunner

from kg.build import load_inputs
from kg.cli import cli
from kg.numbers import parse_decimal
from kg.rdf import terms as kg
from kg.rdf.namespaces import DCT, RDF_TYPE, SH
from kg.rdf.quads import Literal, decimal
from kg.rdf.validate import Report, validate_quads

KGSH = "https://w3id.org/cnbudget/shapes#"
PERCENT = "http://qudt.org/vocab/unit/PERCENT"
WAN_YUAN = kg.UNIT + "WanYuan"
SATISFACTION = kg.TIER + "satisfaction-beneficiary"
SOURCE = DCT + "source"

Result = tuple[str, str, str]  # focus node, the rule (kgsh: local name), severity (sh: local name)
RULES = {  # the rules of this module (sh:sourceShape)
    "UnitAsPrintedShape", "TargetValueAsPrintedShape", "SatisfactionPercentShape", "AmountsAddUpShape",
    "PerformanceTarget-owner", "PerformanceTarget-source", "ProjectInItsBudget-budget",
}


def results(report: Report) -> set[Result]:
    g, sh = report.graph, rdflib.Namespace(SH)
    return {
        (str(g.value(r, sh.focusNode)), str(g.value(r, sh.sourceShape)).removeprefix(KGSH),
         str(g.value(r, sh.resultSeverity)).removeprefix(SH))
        for r in g.subjects(rdflib.RDF.type, sh.ValidationResult)
    }


# ---- the graph and what it says --------------------------------------------------------------------

@pytest.fixture(scope="module")
def quads(example_path: Path) -> list:
    return load_inputs([example_path]).quads


@pytest.fixture(scope="module")
def intact(quads: list) -> Report:
    return validate_quads(quads)


def objects(quads: list, subject: str, predicate: str) -> list:
    return [o for s, p, o, _ in quads if s == subject and p == predicate]


def value(quads: list, subject: str, predicate: str) -> str:
    (found,) = objects(quads, subject, predicate)
    return found.value if isinstance(found, Literal) else found


def typed(quads: list, cls: str) -> list[str]:
    return sorted({s for s, p, o, _ in quads if p == RDF_TYPE and o == cls})


def line(quads: list, node: str) -> int:
    return int(value(quads, node, kg.sourceLine))


def at_line(quads: list, cls: str, number: int) -> str:
    (node,) = [n for n in typed(quads, cls) if line(quads, n) == number]
    return node


def table(quads: list, target: str) -> str:
    """The table a target is printed in: its owner's (a project's 表12, an activity's 表13)."""
    (owner,) = [s for s, p, o, _ in quads if p == kg.hasTarget and o == target]
    return "12" if kg.BudgetProject in objects(quads, owner, RDF_TYPE) else "13"


def targets(quads: list, *, unit: str | None = None, tier: str | None = None, quantitative: bool = True) -> list[str]:
    """The example's targets with that unit and tier, in line order."""
    found = [
        t for t in typed(quads, kg.PerformanceTarget)
        if (unit is None or objects(quads, t, kg.unit) == [unit]) and (tier is None or objects(quads, t, kg.tier) == [tier])
        and (not quantitative or objects(quads, t, kg.targetValue))
    ]
    return sorted(found, key=lambda t: line(quads, t))


def setting(quads: list, changes: dict[tuple[str, str], list]) -> list:
    """A copy of ``quads`` where each (subject, predicate) has the given objects instead of its own."""
    graph = quads[0][3]
    kept = [q for q in quads if (q[0], q[1]) not in changes]
    return kept + [(s, p, o, graph) for (s, p), objs in changes.items() for o in objs]


def without(quads: list, *removed: tuple[str, str, object]) -> list:
    """A copy of ``quads`` without the triples given (None matches anything)."""
    def gone(q: tuple) -> bool:
        return any(all(x is None or x == y for x, y in zip(triple, q[:3])) for triple in removed)
    return [q for q in quads if not gone(q)]


def broken(intact: Report, quads: list, expected: set[Result]) -> Report:
    """Validate a broken copy: the intact graph's results and exactly the expected ones."""
    report = validate_quads(quads)
    assert results(report) == results(intact) | expected
    assert report.conforms == all(severity != "Violation" for _, _, severity in results(report))
    return report


def rows_of(report: Report, node: str) -> list:
    return [v for v in report.violations + report.warnings if v.focus == node]


# ---- every rule at once, on the small fixture (the fast loop's check) -----------------------------------

def test_fixture_mistakes_each_name_their_rule() -> None:
    decimal_type, graph = rdflib.namespace.XSD.decimal, rdflib.Graph()
    ontology, data = Path(__file__).parents[1] / "ontology", Path(__file__).parent / "data" / "shapes"
    for path in (data / "valid.ttl", ontology / "tiers.ttl", ontology / "kg.ttl", ontology / "units.ttl"):
        graph.parse(path, format="turtle")
    shapes = rdflib.Graph().parse(ontology / "shapes.ttl", format="turtle")
    ex, k = rdflib.Namespace("https://example.org/cnbudget/test/"), rdflib.Namespace(kg.NS)

    def number(text: str) -> rdflib.Literal:
        return rdflib.Literal(text, datatype=decimal_type)

    def valid() -> set:
        conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, inplace=False)
        return results(Report(conforms, (), report))

    assert valid() == set()
    graph.set((ex["ind-activity"], k.unitText, rdflib.Literal("%")))  # a 万元 target printed %
    graph.set((ex["ind-activity"], k.targetValue, number("65.05")))  # printed 50.56
    graph.set((ex["ind-satisfaction"], k.targetValue, number("950")))  # ≥ 950 %
    graph.set((ex["ind-satisfaction"], k.targetText, rdflib.Literal("950")))
    graph.set((ex.project, k.fiscalAmount, number("287.000000")))  # 项目总额 288
    graph.remove((ex["ind-qualitative"], rdflib.URIRef(SOURCE), None))
    graph.add((ex.activity, k.hasTarget, ex["ind-qualitative"]))  # a second owner
    graph.remove((ex["budget-2026"], k.hasProject, ex.project))
    assert valid() == {
        (str(ex["ind-activity"]), "UnitAsPrintedShape", "Violation"),
        (str(ex["ind-activity"]), "TargetValueAsPrintedShape", "Violation"),
        (str(ex["ind-satisfaction"]), "SatisfactionPercentShape", "Violation"),
        (str(ex.project), "AmountsAddUpShape", "Warning"),
        (str(ex["ind-qualitative"]), "PerformanceTarget-source", "Violation"),
        (str(ex["ind-qualitative"]), "PerformanceTarget-owner", "Violation"),
        (str(ex.project), "ProjectInItsBudget-budget", "Violation"),
    }


# ---- the intact example --------------------------------------------------------------------------

def test_example_intact_passes_every_rule_and_warns_of_its_misprinted_project(quads: list, intact: Report) -> None:
    # 表12 line 432 prints 项目总额 1, 财政资金 1 and 其他资金 1: a misprint kg audit reports
    # (project-amounts), kept as printed, so a warning and no violation.
    project = at_line(quads, kg.BudgetProject, 432)
    assert (value(quads, project, kg.totalAmount), value(quads, project, kg.fiscalAmount),
            value(quads, project, kg.otherAmount)) == ("1.000000", "1.000000", "1.000000")
    assert {r for r in results(intact) if r[1] in RULES} == {(project, "AmountsAddUpShape", "Warning")}
    (warning,) = intact.warnings  # and no violation of these rules (test_validate: none at all)
    assert (warning.severity, warning.source_table, warning.source_line, warning.path) == ("sh:Warning", "12", 432, "kg:totalAmount")
    assert "1.000000" in warning.message and "{?" not in warning.message


# ---- 1. the unit is not the printed one ------------------------------------------------------------

def test_example_unit_other_than_the_printed_one_fails(quads: list, intact: Report) -> None:
    percent = targets(quads, unit=PERCENT)
    money = targets(quads, unit=WAN_YUAN)
    assert value(quads, percent[0], kg.unitText) == "%" and value(quads, money[0], kg.unitText) == "万元"
    report = broken(intact, setting(quads, {
        (percent[0], kg.unit): [WAN_YUAN],  # a % target given 万元
        (money[0], kg.unitText): [Literal("%")],  # a 万元 target printed %
        (percent[1], kg.unitText): [Literal("％")],  # the full-width form is a printed form of %: fine
    }), {(percent[0], "UnitAsPrintedShape", "Violation"), (money[0], "UnitAsPrintedShape", "Violation")})
    for target in (percent[0], money[0]):
        (row,) = rows_of(report, target)
        assert (row.source_table, row.source_line, row.path) == (table(quads, target), line(quads, target), None)


# ---- 2. the value is not the printed number ----------------------------------------------------------

# (printed text, value, flagged): the text read as kg.numbers reads it, or not read at all.
VALUE_CASES = [
    ("325", "523", True),
    ("325", "325.0", False),  # the same number, written otherwise
    ("1,000.5", "1000.5", False),  # thousands separators
    ("1,000.5", "1000", True),
    ("29. 78", "29.78", False),  # a stray space after the point, as the example prints it
    ("29. 78", "2978", True),
    ("3,384700", "3.3847", False),  # a decimal comma (表03 prints them)
    ("3,384700", "3384700", True),
    ("-5", "5", True),
    ("９５", "96", False),  # full-width digits are not read here: not flagged
    ("约95", "50", False),  # not a plain number: not flagged
]


def test_example_value_other_than_the_printed_number_fails(quads: list, intact: Report) -> None:
    counted = targets(quads, unit=kg.UNIT + "Item")  # 个: no satisfaction rule to trip
    assert len(counted) >= len(VALUE_CASES)
    changes, expected = {}, set()
    for target, (text, number, flagged) in zip(counted, VALUE_CASES):
        changes[(target, kg.targetText)] = [Literal(text)]
        changes[(target, kg.targetValue)] = [decimal(Decimal(number))]
        if flagged:
            expected.add((target, "TargetValueAsPrintedShape", "Violation"))
        if text.isascii():  # the rule reads the text as kg.numbers does
            assert flagged == (parse_decimal(text) != Decimal(number)), text
    report = broken(intact, setting(quads, changes), expected)
    first = counted[0]
    (row,) = rows_of(report, first)
    assert (row.source_table, row.source_line, row.path, row.value) == (table(quads, first), line(quads, first), "kg:targetValue", "523")
    assert "523" in row.message and "325" in row.message


# ---- 3. a satisfaction above 100 % ---------------------------------------------------------------

def test_example_satisfaction_above_100_percent_fails(quads: list, intact: Report) -> None:
    satisfied = targets(quads, unit=PERCENT, tier=SATISFACTION)
    other_percent = [t for t in targets(quads, unit=PERCENT) if t not in satisfied]
    assert all(Decimal(value(quads, t, kg.targetValue)) <= 100 for t in satisfied)

    def to(target: str, number: str) -> dict:
        return {(target, kg.targetText): [Literal(number)], (target, kg.targetValue): [decimal(Decimal(number))]}

    broken(intact, setting(quads, {
        **to(satisfied[0], "950"),  # ≥ 950 %
        **to(satisfied[1], "950"), (satisfied[1], kg.comparator): [kg.AtMost],  # ≤ 950 %: the comparator does not matter
        **to(satisfied[2], "100"),  # at most 100: fine
        **to(other_percent[0], "950"),  # not a satisfaction target (a rate may exceed 100 %): not this rule
    }), {(satisfied[0], "SatisfactionPercentShape", "Violation"), (satisfied[1], "SatisfactionPercentShape", "Violation")})


# ---- 4. parts that do not add up to their total ------------------------------------------------------

def test_example_amounts_that_do_not_add_up_are_warned_of(quads: list, intact: Report) -> None:
    project = at_line(quads, kg.BudgetProject, 270)
    exact = at_line(quads, kg.BudgetProject, 339)
    (budget,) = typed(quads, kg.DepartmentBudget)
    assert value(quads, project, kg.fiscalAmount) == value(quads, project, kg.totalAmount) == "308.720000"
    assert value(quads, exact, kg.totalAmount) == "960.000000"
    assert value(quads, budget, kg.fiscalTotal) == "18982.836217"
    report = broken(intact, setting(quads, {
        (project, kg.fiscalAmount): [decimal(Decimal("308.710000"))],  # off by one in the sixth place
        (exact, kg.fiscalAmount): [decimal(Decimal("959.999999"))],  # adds up, to the sixth place: fine
        (exact, kg.otherAmount): [decimal(Decimal("0.000001"))],
        (budget, kg.fiscalTotal): [decimal(Decimal("18982.836216"))],
    }), {(project, "AmountsAddUpShape", "Warning"), (budget, "AmountsAddUpShape", "Warning")})
    assert report.conforms == intact.conforms and report.violations == intact.violations  # warnings only
    (row,) = rows_of(report, project)
    assert (row.severity, row.source_table, row.source_line, row.path) == ("sh:Warning", "12", 270, "kg:totalAmount")
    (row,) = rows_of(report, budget)
    assert (row.severity, row.source_table, row.source_line, row.path) == ("sh:Warning", "13", 503, "kg:totalExpenditure")


# ---- 5. a target with no owner or two ------------------------------------------------------------

def test_example_target_with_no_owner_or_two_fails(quads: list, intact: Report) -> None:
    project = at_line(quads, kg.BudgetProject, 270)
    lost, twice = objects(quads, project, kg.hasTarget)[:2]
    other = at_line(quads, kg.BudgetProject, 277)
    report = broken(intact, [*without(quads, (project, kg.hasTarget, lost)), (other, kg.hasTarget, twice, quads[0][3])], {
        (lost, "PerformanceTarget-owner", "Violation"), (twice, "PerformanceTarget-owner", "Violation"),
    })
    (row,) = rows_of(report, twice)
    assert (row.source_table, row.source_line, row.path) == (table(quads, twice), line(quads, twice), "^kg:hasTarget")
    (row,) = rows_of(report, lost)
    assert (row.source_line, row.path) == (line(quads, lost), "^kg:hasTarget")  # no owner: no table either


# ---- 6. a target without its source ---------------------------------------------------------------

def test_example_target_without_source_fails(quads: list, intact: Report) -> None:
    (activity, *_) = typed(quads, kg.DepartmentActivity)
    target = objects(quads, activity, kg.hasTarget)[0]
    report = broken(intact, without(quads, (target, SOURCE, None)), {(target, "PerformanceTarget-source", "Violation")})
    (row,) = rows_of(report, target)
    assert (row.source_table, row.source_line, row.path) == ("13", line(quads, target), "dct:source")


# ---- 7. a project cut off from its department's budget ----------------------------------------------

def test_example_project_detached_from_its_budget_fails(quads: list, intact: Report) -> None:
    project = at_line(quads, kg.BudgetProject, 339)
    report = broken(intact, without(quads, (None, kg.hasProject, project)),
                    {(project, "ProjectInItsBudget-budget", "Violation")})
    (row,) = rows_of(report, project)
    assert (row.source_table, row.source_line, row.path) == ("12", 339, "^kg:hasProject")


def test_example_projects_of_a_document_without_a_department_budget_are_not_flagged(quads: list, intact: Report) -> None:
    # A standalone project form, as another province's reader will give: the document's projects
    # and their targets, no department budget (the root, its links and its target counts gone) and
    # nothing of 表13.
    (budget,) = typed(quads, kg.DepartmentBudget)
    activities = typed(quads, kg.DepartmentActivity)
    of_13 = set(activities) | {t for a in activities for t in objects(quads, a, kg.hasTarget)}
    counts = {s for s, p, o, _ in quads if p == kg.countsTargetsOf and o == budget}
    form = [q for q in without(quads, (budget, None, None), (None, None, budget))
            if q[0] not in of_13 | counts and q[2] not in of_13]
    assert typed(form, kg.DepartmentBudget) == [] and not any(p == kg.hasProject for _, p, _, _ in form)
    assert len(typed(form, kg.BudgetProject)) == 36
    report = validate_quads(form)
    assert not {shape for _, shape, _ in results(report)} & {"ProjectInItsBudgetShape", "ProjectInItsBudget-budget"}
    assert results(report) == results(intact)


# ---- kg validate -----------------------------------------------------------------------------------

def test_example_kg_validate_prints_the_rule_broken_with_its_table_and_line(
    tmp_path: Path, example_path: Path, quads: list, intact: Report,
) -> None:
    target = targets(quads, unit=PERCENT)[0]
    out = tmp_path / "out.nt"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    unit = f"<{target}> <{kg.unit}> <{PERCENT}>"
    assert text.count(unit) == 1
    out.write_text(text.replace(unit, f"<{target}> <{kg.unit}> <{WAN_YUAN}>"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(out), "-f", "csv"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "severity,table,line,focus,path,message,value"
    assert [row for row in lines if f",{target}," in row] == [
        next(row for row in lines if row.startswith(f"sh:Violation,12,{line(quads, target)},{target},,kg:unitText is not"))]
    assert any(row.startswith("sh:Warning,12,432,") for row in lines)  # warnings are listed beside violations
    assert lines[-1] == f"does not conform: {len(intact.violations) + 1} violation(s), {len(intact.warnings)} warning(s)"
