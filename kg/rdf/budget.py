"""Budget tables, classifications, project→function links and audit findings → quads.

Every amount of tables 01, 03–11 is one kg:BudgetLine (a qb:Observation of the OpenBudgets.eu
model: obeu-measure:amount in 万元, obeu-dimension:functionalClassification and
economicClassification, kg:departmentEconomicClassification), in the kg:BudgetTable
(qb:DataSet) of its table, with its line and printed column; its document and table number are
those of its qb:dataSet, and it is a qb:Observation through kg:BudgetLine ⊑ qb:Observation (a
consumer without RDFS inference asks for kg:BudgetLine). IRIs, all deterministic:

- table ``{root}/table/{NN}``; amount ``{root}/budget-line/{NN}-{line}-{cell}`` (cell: 0-based
  position in the line, so the two amounts of a 表01 line stay apart)
- column decision ``{root}/column-decision/{line}``; function link
  ``{root}/function-link/{function code}/{project code}``; ambiguous match
  ``{root}/function-match/{function code}``; finding ``{root}/finding/{check}-{hash}``
- classification concepts ``https://w3id.org/cnbudget/scheme/function/2120101``,
  ``…/gov-economic/50205``, ``…/dept-economic/30227``: codes and labels as the documents print
  them, skos:broader from the codes (2120101 → 21201 → 212; 50205 → 502).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.analyse.analysis import Analysis
from kg.analyse.audit import Finding, Severity
from kg.analyse.funding import FunctionLinks
from kg.rdf import terms as kg
from kg.rdf.iris import DEPT_ECONOMIC_SCHEME, FUNCTION_SCHEME, GOV_ECONOMIC_SCHEME, DisclosureIris, concept_iri, table_name
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
    XSD,
)
from kg.rdf.provenance import source_quads
from kg.rdf.quads import Literal, Quad, decimal, integer, zh
from kg.records import (
    BASIC,
    INCOME,
    OPERATING,
    PERSONNEL,
    PROJECT,
    PROJECT_NET,
    Amount,
    BudgetRow,
    BudgetTable,
    BudgetTables,
    Classification,
    Disclosure,
)

CURRENCY_CNY = EU_CURRENCY + "CNY"
# Lengths of the codes of each level: 类/款/项 for functions, 类/款 for economic classes.
LEVELS = {FUNCTION_SCHEME: (3, 5, 7), GOV_ECONOMIC_SCHEME: (3, 5), DEPT_ECONOMIC_SCHEME: (3, 5)}

FUNCTIONAL = OBEU_DIMENSION + "functionalClassification"
ECONOMIC = OBEU_DIMENSION + "economicClassification"
AMOUNT = OBEU_MEASURE + "amount"

EXPENDITURE_TYPES = {
    BASIC: kg.BasicExpenditure, PROJECT: kg.ProjectExpenditure, PERSONNEL: kg.PersonnelExpenditure,
    OPERATING: kg.OperatingExpenditure, PROJECT_NET: kg.ProjectExpenditureExcludingCapital,
}
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
        for other in names[1:]:  # a code printed with another label elsewhere
            yield iri, SKOS + "altLabel", zh(other), g
        parent = parent_code(scheme, code)
        if parent is None:
            yield iri, SKOS + "topConceptOf", scheme, g
            yield scheme, SKOS + "hasTopConcept", iri, g
        else:
            yield iri, SKOS + "broader", concept_iri(scheme, parent), g
            yield concept_iri(scheme, parent), SKOS + "narrower", iri, g


def _row_label(row: BudgetRow) -> str | None:
    if row.catalogue:
        return "/".join([*(f"{c.code}-{c.label}" for c in row.catalogue), row.label or ""])
    return row.label


def _amount_quads(d_iris: DisclosureIris, table: BudgetTable, row: BudgetRow, amount: Amount, g: str) -> Iterator[Quad]:
    node = d_iris.budget_line(table.number, row.line, amount.cell)
    # Lean on purpose (a corpus holds millions of these): qb:Observation follows from
    # kg:BudgetLine ⊑ qb:Observation, and the document and table from qb:dataSet's own provenance.
    yield node, RDF_TYPE, kg.BudgetLine, g
    yield node, QB + "dataSet", d_iris.table(table.number), g
    yield node, AMOUNT, decimal(amount.value), g
    yield node, OBEU_DIMENSION + "operationCharacter", OBEU_OPERATION + ("revenue" if row.side == INCOME else "expenditure"), g
    if row.function:
        yield node, FUNCTIONAL, concept_iri(FUNCTION_SCHEME, row.function.code), g
    if row.gov_economic:
        yield node, ECONOMIC, concept_iri(GOV_ECONOMIC_SCHEME, row.gov_economic.code), g
    if row.dept_economic:
        yield node, kg.departmentEconomicClassification, concept_iri(DEPT_ECONOMIC_SCHEME, row.dept_economic.code), g
    if amount.role in EXPENDITURE_TYPES:
        yield node, kg.expenditureType, EXPENDITURE_TYPES[amount.role], g
    yield node, kg.printedColumn, Literal(table.heading(amount.cell)), g
    label = _row_label(row)
    if label:
        yield node, kg.rowLabel, zh(label), g
    yield node, kg.aggregate, Literal("true" if amount.aggregate else "false", XSD + "boolean"), g
    if any(decision.line == row.line for decision in table.decisions) and amount.role in (BASIC, PROJECT):
        yield node, kg.columnDecision, d_iris.column_decision(row.line), g
    yield node, kg.sourceLine, integer(row.line, "positiveInteger"), g


def table_quads(iris: DisclosureIris, table: BudgetTable, g: str) -> Iterator[Quad]:
    node = iris.table(table.number)
    yield iris.root, kg.hasBudgetTable, node, g
    yield node, RDF_TYPE, kg.BudgetTable, g
    yield node, RDF_TYPE, QB + "DataSet", g
    yield node, DCT + "title", zh(f"预算{table_name(table.number)}表 {table.title}".strip()), g
    yield node, OBEU_ATTRIBUTE + "currency", CURRENCY_CNY, g
    if table.unit == "万元":
        yield node, SDMX_ATTRIBUTE + "unitMeasure", kg.UNIT + "WanYuan", g
    yield from source_quads(node, table.heading_line, table_name(table.number), iris, g)
    for row in table.rows:
        for amount in row.amounts:
            yield from _amount_quads(iris, table, row, amount, g)
    for decision in table.decisions:
        decision_node = iris.column_decision(decision.line)
        yield decision_node, RDF_TYPE, kg.ColumnDecision, g
        yield decision_node, kg.printedColumn, Literal(_heading(table, decision.printed)), g
        yield decision_node, kg.settledColumn, Literal(_heading(table, decision.settled)), g
        for text in decision.evidence:
            yield decision_node, kg.evidence, Literal(text), g
        yield from source_quads(decision_node, decision.line, table_name(table.number), iris, g)


def _heading(table: BudgetTable, role: str) -> str:
    column = table.column(role)
    return column.heading if column else role


def link_quads(d: Disclosure, iris: DisclosureIris, links: FunctionLinks, g: str) -> Iterator[Quad]:
    t06 = d.budget.table(6) if d.budget else None
    project_cell = t06.column(PROJECT).index if t06 and t06.column(PROJECT) else None
    for link in links.links:
        node = iris.function_link(link.function_code, link.projects)
        concept = concept_iri(FUNCTION_SCHEME, link.function_code)
        yield node, RDF_TYPE, kg.FunctionLink, g
        yield node, kg.linkedFunction, concept, g
        if project_cell is not None:
            yield node, kg.linkedBudgetLine, iris.budget_line(6, link.budget_line, project_cell), g
        yield node, kg.linkMethod, Literal(link.method), g
        for code in link.projects:
            yield node, kg.linkedProject, iris.project(code), g
            yield iris.project(code), kg.fundedUnder, concept, g
        for text in link.evidence:
            yield node, kg.evidence, Literal(text), g
        yield from source_quads(node, link.budget_line, "06", iris, g)
    for match in links.ambiguous:
        node = iris.function_match(match.function_code)
        yield node, RDF_TYPE, kg.AmbiguousFunctionMatch, g
        yield node, kg.linkedFunction, concept_iri(FUNCTION_SCHEME, match.function_code), g
        if project_cell is not None:
            yield node, kg.linkedBudgetLine, iris.budget_line(6, match.budget_line, project_cell), g
        for alternative in match.alternatives:
            yield node, kg.alternative, Literal(" + ".join(alternative)), g
        for code in sorted({code for alternative in match.alternatives for code in alternative}):
            yield node, kg.candidateProject, iris.project(code), g
        for text in match.evidence:
            yield node, kg.evidence, Literal(text), g
        yield from source_quads(node, match.budget_line, "06", iris, g)


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
        yield node, kg.expected, Literal(finding.expected), g
        yield node, kg.found, Literal(finding.found), g
        yield node, kg.message, Literal(finding.message), g
        if finding.explanation:
            yield node, kg.explanation, Literal(finding.explanation), g
        yield node, kg.tableList, Literal(", ".join(finding.tables)), g
        yield node, kg.lineList, Literal(", ".join(map(str, finding.lines))), g
        yield node, DCT + "source", iris.source, g
        for table in finding.tables:
            yield node, kg.sourceTable, Literal(table), g
        for line in finding.lines:
            yield node, kg.sourceLine, Literal(str(line), XSD + "positiveInteger"), g


def budget_quads(d: Disclosure, iris: DisclosureIris, analysis: Analysis) -> Iterator[Quad]:
    """The money tables, their classifications, the project→function links and the audit findings."""
    g = iris.graph
    if d.budget is not None:
        yield from concept_quads(d.budget, g)
        for table in d.budget:
            yield from table_quads(iris, table, g)
        yield from link_quads(d, iris, analysis.links, g)
    yield from finding_quads(iris, analysis.findings, g)

