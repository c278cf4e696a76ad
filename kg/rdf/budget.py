"""Budget tables, classifications, project→function links and audit findings → quads.

Each table of 01, 03–11 is a kg:BudgetTable, an RDF Data Cube qb:DataSet whose qb:structure is the
data structure definition of its shape in ontology/budget-cube.ttl. Each printed row is one
qb:Observation (each side of a 表01/05 line is a row), with one measure per amount column its shape
prints (kg:amountTotal, kg:amountBasic …, sub-properties of OpenBudgets.eu's obeu-measure:amount,
万元), or obeu-measure:amount itself where the shape prints one amount a row.

A blank cell is 0. The Recommendation (IC-14) wants every measure of the structure on every
observation, and in these 部门预算公开 tables a blank amount cell means no money: 表01 lists every
category of the national template, blank where the department has none, and the printed totals add
up with blanks as nothing (as kg audit counts them). So kg writes 0 for a blank cell, and names the
few measures whose 0 the document prints (kg:printedZero): a reader can always tell a printed figure
from kg's 0, at a triple per printed zero rather than per blank cell (404 of the example's). Where a blank contradicts another
table (a cell the text extraction lost: 表01 lines 9 and 13 of the bundled example, which 表05
fills), kg audit reports it with its line. The records keep a blank as None; writing 0 is this
mapping's decision (ontology/budget-cube.ttl gives the evidence).

Which dimensions and measures an observation and its data set carry is read from the structure:
the budget year, department, budget phase and table once on the data set; the row's kind,
classifications (a row without a code counts under the scheme's total, ``_T``) or label on the
observation, with its line. A row whose amount a column decision moved points to the decision
(kg:columnDecision), which names the measures it moved the amount from and to. The data set's
document and table are the observation's. IRIs, all deterministic:

- table ``{root}/table/{NN}``; row ``{root}/budget-line/{NN}-{line}``, a side of a 表01/05 line
  ``{root}/budget-line/{NN}-{line}-{side}`` (``income``, ``expenditure``)
- column decision ``{root}/column-decision/{line}``; function link
  ``{root}/function-link/{function code}/{project code}``; ambiguous match
  ``{root}/function-match/{function code}``; finding ``{root}/finding/{check}-{hash}``
- classification concepts ``https://w3id.org/cnbudget/scheme/function/2120101``,
  ``…/gov-economic/50205``, ``…/dept-economic/30227``: codes and labels as the documents print
  them, skos:broader from the codes (2120101 → 21201 → 212; 50205 → 502).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import pyoxigraph as ox

from kg.analyse.analysis import Analysis
from kg.analyse.audit import Finding, Severity
from kg.analyse.funding import FunctionLinks
from kg.errors import MappingError
from kg.rdf import terms as kg
from kg.rdf.iris import (
    APPROVED_BUDGET,
    DEPT_ECONOMIC_SCHEME,
    FUNCTION_SCHEME,
    GOV_ECONOMIC_SCHEME,
    TOTAL_CODE,
    DisclosureIris,
    budget_table_iri,
    concept_iri,
    row_kind_iri,
    structure_iri,
    table_name,
    year_iri,
)
from kg.rdf.namespaces import (
    DCT,
    EU_CURRENCY,
    OBEU_ATTRIBUTE,
    OBEU_DIMENSION,
    OBEU_MEASURE,
    OBEU_OPERATION,
    QB,
    RDF_TYPE,
    SDMX_ATTRIBUTE,
    SKOS,
)
from kg.rdf.provenance import source_quads
from kg.rdf.quads import Literal, Quad, Term, decimal, integer, zh
from kg.records import (
    INCOME,
    Amount,
    BudgetRow,
    BudgetTable,
    BudgetTables,
    Classification,
    Disclosure,
)
from kg.resources import ontology_file
from kg.vocab import AMOUNT_UNIT, amount_unit

CURRENCY_CNY = EU_CURRENCY + "CNY"
# Lengths of the codes of each level: 类/款/项 for functions, 类/款 for economic classes.
LEVELS = {FUNCTION_SCHEME: (3, 5, 7), GOV_ECONOMIC_SCHEME: (3, 5), DEPT_ECONOMIC_SCHEME: (3, 5)}
LEVEL_NAMES = ("类", "款", "项")

AMOUNT = OBEU_MEASURE + "amount"
# Declared in budget-cube.ttl, not kg.ttl (so not in kg.rdf.terms): the cube's own terms.
PRINTED_ZERO = kg.NS + "printedZero"
PRINTED_MEASURE, SETTLED_MEASURE = kg.NS + "printedMeasure", kg.NS + "settledMeasure"
FISCAL_PERIOD = OBEU_DIMENSION + "fiscalPeriod"
ORGANIZATION = OBEU_DIMENSION + "organization"
BUDGET_PHASE = OBEU_DIMENSION + "budgetPhase"
OPERATION_CHARACTER = OBEU_DIMENSION + "operationCharacter"
REVENUE, EXPENDITURE = OBEU_OPERATION + "revenue", OBEU_OPERATION + "expenditure"

SEVERITY = {Severity.ERROR: kg.ErrorSeverity, Severity.WARNING: kg.WarningSeverity, Severity.INFO: kg.InfoSeverity}


def parent_code(scheme: str, code: str) -> str | None:
    """The code one level up: 2120101 → 21201, 21201 → 212, 50205 → 502; None at the top or for odd lengths."""
    levels = LEVELS[scheme]
    if len(code) not in levels or not code.isdigit():
        return None
    index = levels.index(len(code))
    return code[: levels[index - 1]] if index else None


def _row_concepts(row: BudgetRow) -> Iterator[tuple[str, Classification]]:
    if row.function:
        yield FUNCTION_SCHEME, row.function
    if row.gov_economic:
        yield GOV_ECONOMIC_SCHEME, row.gov_economic
    if row.dept_economic:
        yield DEPT_ECONOMIC_SCHEME, row.dept_economic


def concept_quads(budget: BudgetTables, g: str) -> Iterator[Quad]:
    """The classification concepts the tables use, their labels as printed, and their broader codes."""
    labels: dict[tuple[str, str], list[str]] = {}
    for table in budget:
        for row in table.rows:
            for scheme, item in _row_concepts(row):
                found = labels.setdefault((scheme, item.code), [])
                if item.label and item.label not in found:
                    found.append(item.label)
    for scheme, code in list(labels):
        parent = parent_code(scheme, code)
        while parent is not None:
            labels.setdefault((scheme, parent), [])
            parent = parent_code(scheme, parent)
    for (scheme, code), names in sorted(labels.items()):
        iri = concept_iri(scheme, code)
        yield iri, RDF_TYPE, SKOS + "Concept", g
        yield iri, SKOS + "inScheme", scheme, g
        yield iri, SKOS + "notation", Literal(code), g
        if names:
            yield iri, SKOS + "prefLabel", zh(names[0]), g
        else:  # a 类 or 款 no table prints by name, only under its codes: named by its level and code
            yield iri, SKOS + "prefLabel", zh(f"{LEVEL_NAMES[LEVELS[scheme].index(len(code))]} {code}"), g
        for other in names[1:]:  # a code printed with another label elsewhere
            yield iri, SKOS + "altLabel", zh(other), g
        parent = parent_code(scheme, code)
        if parent is None:
            yield iri, SKOS + "topConceptOf", scheme, g  # (its inverse, skos:hasTopConcept, would say it again)
        else:
            yield iri, SKOS + "broader", concept_iri(scheme, parent), g
            yield concept_iri(scheme, parent), SKOS + "narrower", iri, g


@dataclass(frozen=True)
class Structure:
    """A data structure definition of ontology/budget-cube.ttl: the dimensions it gives its data
    sets (attached to the data set) and its observations, and its measures in order, each with the
    skos:notation of its column concept (the role kg's reader gives the column; None for
    obeu-measure:amount, the one amount of a shape that prints one a row)."""

    table_dimensions: tuple[str, ...]
    row_dimensions: tuple[str, ...]
    measures: tuple[tuple[str, str | None], ...] = ()

    def measure(self, role: str) -> str:
        """The measure an amount of this role is counted in: its column's, or the structure's only
        measure when that has no column (a side of 表01/05, 表04's and 表11's 金额)."""
        for measure, column in self.measures:
            if column == role:
                return measure
        if len(self.measures) == 1 and self.measures[0][1] is None:
            return self.measures[0][0]
        raise MappingError(f"no measure for the amount column {role!r} in the structure {self.measures}")


@cache
def structures() -> dict[str, Structure]:
    """Every structure of budget-cube.ttl, by IRI: the cube's shape is data, not code."""
    objects: dict[tuple[str, str], list[str]] = defaultdict(list)
    for triple in ox.parse(path=str(ontology_file("budget-cube.ttl")), format=ox.RdfFormat.TURTLE):
        objects[(triple.subject.value, triple.predicate.value)].append(triple.object.value)
    found: dict[str, Structure] = {}
    for (dsd, predicate), values in objects.items():
        if predicate != RDF_TYPE or QB + "DataStructureDefinition" not in values:
            continue
        specs = sorted(objects[(dsd, QB + "component")], key=lambda spec: int(objects[(spec, QB + "order")][0]))
        dimensions = [
            (dimension, bool(objects.get((spec, QB + "componentAttachment"))))  # attached to the data set?
            for spec in specs
            for dimension in objects.get((spec, QB + "dimension"), [])
        ]
        measures = [
            (measure, next((objects[(c, SKOS + "notation")][0] for c in objects.get((measure, QB + "concept"), [])), None))
            for spec in specs
            for measure in objects.get((spec, QB + "measure"), [])
        ]
        found[dsd] = Structure(
            table_dimensions=tuple(d for d, on_table in dimensions if on_table),
            row_dimensions=tuple(d for d, on_table in dimensions if not on_table),
            measures=tuple(measures),
        )
    return found


def _row_label(row: BudgetRow) -> str | None:
    if row.catalogue:
        return "/".join([*(f"{c.code}-{c.label}" for c in row.catalogue), row.label or ""])
    return row.label


def _code(scheme: str, item: Classification | None) -> str:
    return concept_iri(scheme, item.code if item else TOTAL_CODE)


def _row_values(iris: DisclosureIris, row: BudgetRow) -> dict[str, Term | None]:
    """Every dimension value a row can give its observations, by dimension property."""
    label = _row_label(row)
    return {
        OPERATION_CHARACTER: REVENUE if row.side == INCOME else EXPENDITURE,
        kg.budgetUnit: iris.unit(row.unit.code) if row.unit else iris.department,
        kg.functionalClassification: _code(FUNCTION_SCHEME, row.function),
        kg.governmentEconomicClassification: _code(GOV_ECONOMIC_SCHEME, row.gov_economic),
        kg.departmentEconomicClassification: _code(DEPT_ECONOMIC_SCHEME, row.dept_economic),
        kg.rowLabel: zh(label) if label else None,
        kg.sourceLine: integer(row.line, "positiveInteger"),
        kg.rowKind: row_kind_iri(row.kind),
    }


def _row_quads(iris: DisclosureIris, table: BudgetTable, structure: Structure, row: BudgetRow, g: str) -> Iterator[Quad]:
    """One observation for the printed row: its dimensions, then every measure of its structure."""
    values = _row_values(iris, row)
    # The structure's dimensions, then the row's line and printed label wherever it has them (a
    # 合计 row's label in a table keyed by codes): provenance, not part of the key there.
    shared = {p: values[p] for p in structure.row_dimensions}
    shared |= {p: values[p] for p in (kg.sourceLine, kg.rowLabel)}
    node = iris.budget_line(table.number, row.line, row.side)
    yield node, RDF_TYPE, QB + "Observation", g
    yield node, QB + "dataSet", iris.table(table.number), g
    for predicate, value in shared.items():
        if value is not None:
            yield node, predicate, value, g
    printed: dict[str, Amount] = {}
    for amount in row.amounts:
        measure = structure.measure(amount.role)
        if measure in printed:  # a reader's layout gives each amount cell a column of its own
            raise MappingError(f"表{table_name(table.number)} line {row.line}: two amounts for {measure}")
        printed[measure] = amount
    for measure, _ in structure.measures:
        amount = printed.get(measure)
        # Every measure on every observation (IC-14): a blank cell is no money, 0; a printed 0 says so.
        yield node, measure, decimal(amount.value if amount else Decimal(0)), g
        if amount is not None and amount.value == 0:
            yield node, PRINTED_ZERO, measure, g
    if any(decision.line == row.line for decision in table.decisions):
        yield node, kg.columnDecision, iris.column_decision(row.line), g


def table_quads(iris: DisclosureIris, table: BudgetTable, year: int | None, g: str) -> Iterator[Quad]:
    node = iris.table(table.number)
    dsd = structure_iri(table.number)
    structure = structures()[dsd]
    yield iris.root, kg.hasBudgetTable, node, g
    yield node, RDF_TYPE, kg.BudgetTable, g
    yield node, RDF_TYPE, QB + "DataSet", g
    yield node, QB + "structure", dsd, g
    # What every row of the table shares; the normalisation algorithm of the Data Cube
    # Recommendation copies these onto each observation (qb:componentAttachment qb:DataSet).
    shared: dict[str, Term | None] = {
        FISCAL_PERIOD: year_iri(year) if year else None,
        ORGANIZATION: iris.department,
        BUDGET_PHASE: APPROVED_BUDGET,  # 部门预算公开 discloses the budget as approved
        kg.budgetTableNumber: budget_table_iri(table.number),
        OPERATION_CHARACTER: EXPENDITURE,  # every table but the summaries, whose rows say
    }
    for dimension in structure.table_dimensions:
        if shared[dimension] is not None:
            yield node, dimension, shared[dimension], g
    yield node, DCT + "title", zh(f"预算{table_name(table.number)}表 {table.title}".strip()), g
    yield node, OBEU_ATTRIBUTE + "currency", CURRENCY_CNY, g
    if table.unit == AMOUNT_UNIT:  # the unit of all its amounts, attached to the data set (budget-cube.ttl)
        yield node, SDMX_ATTRIBUTE + "unitMeasure", amount_unit().iri, g
    # The table is a resource of its document (the kg:sourceTable of what is read from it), numbered.
    yield from source_quads(node, table.heading_line, None, iris, g)
    yield node, SKOS + "notation", Literal(table_name(table.number)), g
    for row in table.rows:
        yield from _row_quads(iris, table, structure, row, g)
    for decision in table.decisions:
        decision_node = iris.column_decision(decision.line)
        yield decision_node, RDF_TYPE, kg.ColumnDecision, g
        yield decision_node, kg.printedColumn, Literal(_heading(table, decision.printed)), g
        yield decision_node, kg.settledColumn, Literal(_heading(table, decision.settled)), g
        yield decision_node, PRINTED_MEASURE, structure.measure(decision.printed), g
        yield decision_node, SETTLED_MEASURE, structure.measure(decision.settled), g
        for text in decision.evidence:
            yield decision_node, kg.evidence, Literal(text), g
        yield from source_quads(decision_node, decision.line, table.number, iris, g)


def _heading(table: BudgetTable, role: str) -> str:
    column = table.column(role)
    return column.heading if column else role


def link_quads(d: Disclosure, iris: DisclosureIris, links: FunctionLinks, g: str) -> Iterator[Quad]:
    t06 = d.budget.table(6) if d.budget else None
    # A link points to the observation of its 表06 row (its 项目支出 is that row's kg:amountProject).
    t06_lines = {row.line for row in t06.rows} if t06 else set()
    for link in links.links:
        node = iris.function_link(link.function_code, link.projects)
        concept = concept_iri(FUNCTION_SCHEME, link.function_code)
        yield node, RDF_TYPE, kg.FunctionLink, g
        yield node, kg.linkedFunction, concept, g
        if link.budget_line in t06_lines:
            yield node, kg.linkedBudgetLine, iris.budget_line(6, link.budget_line), g
        yield node, kg.linkMethod, Literal(link.method), g
        for code in link.projects:
            yield node, kg.linkedProject, iris.project(code), g
            yield iris.project(code), kg.fundedUnder, concept, g
        for text in link.evidence:
            yield node, kg.evidence, Literal(text), g
        yield from source_quads(node, link.budget_line, 6, iris, g)
    for match in links.ambiguous:
        node = iris.function_match(match.function_code)
        yield node, RDF_TYPE, kg.AmbiguousFunctionMatch, g
        yield node, kg.linkedFunction, concept_iri(FUNCTION_SCHEME, match.function_code), g
        if match.budget_line in t06_lines:
            yield node, kg.linkedBudgetLine, iris.budget_line(6, match.budget_line), g
        for alternative in match.alternatives:
            yield node, kg.alternative, Literal(" + ".join(alternative)), g
        for code in sorted({code for alternative in match.alternatives for code in alternative}):
            yield node, kg.candidateProject, iris.project(code), g
        for text in match.evidence:
            yield node, kg.evidence, Literal(text), g
        yield from source_quads(node, match.budget_line, 6, iris, g)


def finding_iri(iris: DisclosureIris, finding: Finding) -> str:
    key = "|".join([finding.check, ",".join(finding.tables), ",".join(map(str, finding.lines)), finding.expected, finding.found, finding.message])
    return iris.finding(finding.check, key)


def finding_quads(iris: DisclosureIris, findings: Iterable[Finding], g: str) -> Iterator[Quad]:
    for finding in findings:
        node = finding_iri(iris, finding)
        yield node, RDF_TYPE, kg.AuditFinding, g
        yield node, kg.findingFor, iris.root, g
        yield node, kg.severity, SEVERITY[finding.severity], g
        yield node, kg.checkId, Literal(finding.check), g
        # The figures typed (万元) where the check compared one amount with another; the sentences
        # say where each comes from.
        yield node, kg.expected, Literal(finding.expected), g
        if finding.expected_amount is not None:
            yield node, kg.expectedAmount, decimal(finding.expected_amount), g
        yield node, kg.found, Literal(finding.found), g
        if finding.found_amount is not None:
            yield node, kg.foundAmount, decimal(finding.found_amount), g
        yield node, kg.message, Literal(finding.message), g
        if finding.explanation:
            yield node, kg.explanation, Literal(finding.explanation), g
        yield node, DCT + "source", iris.source, g
        for table in finding.tables:  # repeated values, not a list in a string
            yield node, kg.sourceTable, iris.table(int(table)), g
        for line in finding.lines:
            yield node, kg.sourceLine, integer(line, "positiveInteger"), g


def budget_quads(d: Disclosure, iris: DisclosureIris, analysis: Analysis) -> Iterator[Quad]:
    """The money tables, their classifications, the project→function links and the audit findings."""
    g = iris.graph
    if d.budget is not None:
        yield from concept_quads(d.budget, g)
        for table in d.budget:
            yield from table_quads(iris, table, d.year, g)
        yield from link_quads(d, iris, analysis.links, g)
    yield from finding_quads(iris, analysis.findings, g)

