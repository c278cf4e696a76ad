"""Records and their analysis → RDF, as engine-neutral quads (no rdflib, no Oxigraph here).

Mapping only maps: the audit, the function links and the trace are computed before
(kg.analyse.analysis) and handed in; every IRI comes from kg.rdf.iris.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from kg.analyse.analysis import Analysis
from kg.analyse.months import deadlines
from kg.analyse.trace import EvidenceKind, LinkStatus, Trace
from kg.rdf import terms as kg
from kg.rdf.budget import budget_quads
from kg.rdf.iris import (
    DEFAULT_BASE,
    REGION_SCHEME,
    DisclosureIris,
    check_base,
    indicator_iri,
    project_key,
    region_iri,
    result_iri,
)
from kg.rdf.namespaces import DCT, LABEL, RDF_TYPE, SKOS, XSD
from kg.rdf.provenance import (
    decision_quads,
    page_quads,
    place_quads,
    source_quads,
    source_table_quads,
)
from kg.rdf.quads import Literal, Quad, decimal, integer, zh
from kg.read.completeness import partial_reasons
from kg.records import Disclosure, DocumentKind, Indicator, IndicatorResult
from kg.regions import regions
from kg.vocab import (
    IndicatorIdentity,
    Tier,
    Unit,
    amount_unit,
    comparator_vocabulary,
    counted_value,
    indicator_identity,
    unit_of,
)

# The class of a form's document node, by its kind (a disclosure's is kg:DepartmentBudget).
FORM_CLASS = {DocumentKind.PROJECT_FORM: kg.ProjectForm, DocumentKind.SELF_EVALUATION: kg.SelfEvaluation,
              DocumentKind.DEPARTMENT_FORM: kg.DepartmentForm}

# The datatype of a deadline (kg:deadline, a month of the budget year), and the unit key of an
# indicator whose targets are deadlines.
DEADLINE = XSD + "gYearMonth"


def _target_quads(
    iri: str, ind: Indicator, iris: DisclosureIris, g: str, described: set[str], deadline: str | None = None,
) -> Iterator[Quad]:
    """A printed indicator row: the target (as printed), what it measures, and a result if reported
    (``described``: the indicators this graph has described already; ``deadline``: the month a
    row printed in 月 was read as, kg.analyse.months)."""
    identity = indicator_identity(ind)  # what it measures: its 二级 kind, normalised name and unit
    yield iri, RDF_TYPE, kg.PerformanceTarget, g
    yield iri, LABEL, zh(ind.name), g
    yield iri, kg.tier, identity.tier2, g
    yield iri, kg.comparator, comparator_vocabulary()[ind.comparator], g
    yield iri, kg.targetText, Literal(ind.value_text), g
    if ind.value is not None:
        yield iri, kg.targetValue, decimal(ind.value), g
    unit = unit_of(ind.unit)
    if ind.unit is not None:
        yield iri, kg.unitText, Literal(ind.unit), g
        if deadline is not None:  # "≤ 2 月" read as by February: a month, in place of the duration unit
            yield iri, kg.deadline, Literal(deadline, DEADLINE), g
        elif unit is not None:
            yield iri, kg.unit, unit.iri, g
    yield from source_quads(iri, ind.line, None, iris, g)  # its table is its owner's
    # What is measured: one node for every target of the same 二级 kind, normalised name and unit,
    # described again in each graph that uses it (a document's graph stands on its own).
    if deadline is not None:  # what is measured is a month of the year, not a number of months
        identity, unit = replace(identity, unit=DEADLINE), None
    indicator = indicator_iri(iris.base, identity)
    yield iri, kg.forIndicator, indicator, g
    if indicator not in described:
        described.add(indicator)
        yield from _indicator_quads(indicator, identity, unit, g)
    if ind.result is not None:
        yield from _result_quads(result_iri(iri), iri, ind.result, iris, g)


def _indicator_quads(indicator: str, identity: IndicatorIdentity, unit: Unit | None, g: str) -> Iterator[Quad]:
    yield indicator, RDF_TYPE, kg.PerformanceIndicator, g
    yield indicator, LABEL, zh(identity.name), g
    yield indicator, kg.tier, identity.tier2, g
    if unit is not None:
        yield indicator, kg.unit, unit.iri, g
    elif identity.unit and identity.unit != DEADLINE:
        yield indicator, kg.unitText, Literal(identity.unit), g


def _result_quads(iri: str, target: str, result: IndicatorResult, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    yield target, kg.hasResult, iri, g
    yield iri, RDF_TYPE, kg.PerformanceResult, g
    yield iri, kg.actualText, Literal(result.value_text), g
    if result.value is not None:
        yield iri, kg.actualValue, decimal(result.value), g
    if result.unit:
        yield iri, kg.unitText, Literal(result.unit), g
        unit = unit_of(result.unit)
        if unit is not None:  # so that an actual in 万元 is compared with a target in 元
            yield iri, kg.unit, unit.iri, g
    if result.score is not None:
        yield iri, kg.score, decimal(result.score), g
    if result.deviation_reason:
        yield iri, kg.deviationReason, zh(result.deviation_reason), g
    yield from source_quads(iri, result.line, None, iris, g)  # its table is its target's


def _count_quads(counted: dict[str, dict[tuple[Tier, Decimal], set[str]]], iris: DisclosureIris, g: str) -> Iterator[Quad]:
    """Each owner's count of targets at each (tier, value), by their IRIs (a row printed twice in
    one project is two targets, ``…-2``, as the figures counted them before counts)."""
    for owner, values in counted.items():
        for (tier, value), targets in sorted(values.items(), key=lambda item: (item[0][0].iri, item[0][1])):
            node = iris.value_count(owner, tier, value)
            yield node, RDF_TYPE, kg.TargetValueCount, g
            yield node, kg.countsTargetsOf, owner, g
            yield node, kg.countedTier, tier.iri, g
            yield node, kg.countedValue, decimal(value.normalize()), g
            yield node, kg.targetCount, integer(len(targets)), g


def region_quads(code: str, g: str) -> Iterator[Quad]:
    """The region and those above it (prefecture, province) as SKOS concepts of GB/T 2260 codes."""
    chain = regions().chain(code)
    for region, parent in zip(chain, [*chain[1:], None]):
        iri = region_iri(region.code)
        yield iri, RDF_TYPE, SKOS + "Concept", g
        yield iri, SKOS + "inScheme", REGION_SCHEME, g
        yield iri, SKOS + "notation", Literal(region.code), g
        yield iri, SKOS + "prefLabel", zh(region.name), g
        if parent is None:
            yield iri, SKOS + "topConceptOf", REGION_SCHEME, g
        else:
            yield iri, SKOS + "broader", region_iri(parent.code), g


LINK_STATUS = {LinkStatus.INFERRED: kg.InferredLink, LinkStatus.CONFIRMED: kg.ConfirmedLink}
EVIDENCE_KIND = {
    EvidenceKind.COST: kg.CostEvidence, EvidenceKind.FUNCTION: kg.FunctionEvidence, EvidenceKind.NAME: kg.NameEvidence,
    EvidenceKind.INDICATOR: kg.IndicatorEvidence, EvidenceKind.TEXT: kg.TextEvidence, EvidenceKind.REVIEW: kg.ReviewEvidence,
}


def trace_quads(result: Trace, iris: DisclosureIris) -> Iterator[Quad]:
    """Each link as a kg:ActivityLink, PROV's qualified influence of the project on the activity it
    serves: inferred ones with their score, kinds of evidence and evidence, confirmed ones marked
    so, and kg:servesActivity for the confirmed."""
    g = iris.graph
    for link in result.links:
        node = iris.activity_link(link.activity, link.project)
        project, activity = iris.project(link.project), iris.activity(link.activity)
        yield node, RDF_TYPE, kg.ActivityLink, g
        yield node, kg.linkedActivity, activity, g
        yield node, kg.contributingProject, project, g
        yield node, kg.linkStatus, LINK_STATUS[link.status], g
        yield node, kg.score, decimal(Decimal(str(link.score))), g
        for kind in sorted({e.kind for e in link.evidence}):
            yield node, kg.evidenceKind, EVIDENCE_KIND[kind], g
        for e in link.evidence:
            yield node, kg.evidence, Literal(e.text), g
        if link.status == LinkStatus.CONFIRMED:
            yield project, kg.servesActivity, activity, g


def disclosure_quads(d: Disclosure, analysis: Analysis, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """Everything one disclosure says, and what kg inferred from it, in the disclosure's own named
    graph; read from a PDF, a kg:sourcePage beside every kg:sourceLine."""
    quads = _disclosure_quads(d, analysis, base)
    yield from page_quads(quads, d) if d.positions else quads


def _disclosure_quads(d: Disclosure, analysis: Analysis, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    iris = DisclosureIris.of(d, check_base(base))
    g = iris.graph
    yield iris.source, RDF_TYPE, kg.SourceDocument, g
    yield iris.source, kg.sha256, Literal(d.sha256), g
    yield iris.source, kg.targetsCounted, Literal("true", XSD + "boolean"), g  # so a store tells an earlier kg's documents
    yield iris.source, DCT + "title", Literal(d.path.replace("\\", "/").rsplit("/", 1)[-1]), g
    for reason in partial_reasons(d):
        yield iris.source, kg.partialReason, Literal(reason), g
    if iris.department:
        yield iris.department, RDF_TYPE, kg.Department, g
        if d.unit_code:  # a form may name its unit without a code (its IRI is then from the name)
            yield iris.department, kg.unitCode, Literal(d.unit_code), g
        if d.unit_name:
            yield iris.department, LABEL, zh(d.unit_name), g
        if iris.region:
            yield iris.department, kg.region, region_iri(iris.region), g
    if iris.region:
        yield from region_quads(iris.region, g)
    root = iris.root
    described: set[str] = set()  # indicators described in this graph (many targets share one)
    target_of_line: dict[int, tuple[str, str]] = {}  # 表12's targets by line: (owner's code, IRI), for the decisions
    # A disclosure is the department's budget; a form (a project's 绩效目标表, a self-evaluation) is a
    # document of its own kind, whose project belongs to the unit's year without a budget node.
    yield root, RDF_TYPE, FORM_CLASS.get(d.kind, kg.DepartmentBudget), g
    yield root, DCT + "source", iris.source, g
    if iris.region:  # the document's own, so a form that names no unit still says where it is from
        yield root, DCT + "spatial", region_iri(iris.region), g
    if iris.department:
        yield root, kg.department, iris.department, g
    if d.year:
        yield root, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
    if d.kind == DocumentKind.DISCLOSURE and d.unit_name and d.year:
        yield root, LABEL, zh(f"{d.unit_name} {d.year}年度部门预算"), g
    elif d.kind != DocumentKind.DISCLOSURE:
        title = " ".join(t for t in (d.unit_name, f"{d.year}年度" if d.year else None, *(p.name for p in d.projects if p.name), d.title) if t)
        if title:
            yield root, LABEL, zh(title), g
    if d.region is not None:
        yield root, kg.regionEvidence, Literal(d.region.evidence), g
    dept = d.department
    # The unit of every amount of the budget and its projects, stated once (as a Data Cube attribute
    # attached to its data set): one triple per document rather than one per amount.
    amounts = [v for p in d.projects for v in (p.total, p.fiscal, p.other)]
    if dept is not None:
        amounts += [dept.total, dept.fiscal_total, dept.fiscal_basic, dept.fiscal_project, dept.other_total, dept.other_basic]
    if any(v is not None for v in amounts):
        yield root, kg.amountUnit, amount_unit().iri, g
    # A form has no numbered table (a 部门整体 form's figures and tasks are not 预算13表's).
    table12, table13 = (12, 13) if d.kind == DocumentKind.DISCLOSURE else (None, None)
    deadline_of = deadlines(analysis.months)  # rows printed in 月 read as a month of the budget year
    if dept is not None:
        for prop, value in (
            (kg.totalExpenditure, dept.total), (kg.fiscalTotal, dept.fiscal_total), (kg.fiscalBasic, dept.fiscal_basic),
            (kg.fiscalProject, dept.fiscal_project), (kg.otherTotal, dept.other_total), (kg.otherBasic, dept.other_basic),
        ):
            if value is not None:
                yield root, prop, decimal(value), g
        if dept.goal:
            yield root, kg.goal, zh(dept.goal), g
        if dept.amounts_line:  # (the root's dct:source is said above, once)
            yield from place_quads(root, dept.amounts_line, table13, iris, g)
    # The targets counted for the figures over a corpus (kg:TargetValueCount), by owner: a budget
    # counts all its projects' (none of them stands aside), a form its own project's (which stands
    # aside where the budget's is loaded); a self-evaluation restates its project's targets.
    counted: dict[str, dict[tuple[Tier, Decimal], set[str]]] = {}
    for p in d.projects:
        key = project_key(p)
        project = iris.project(key)
        # A form's own project is the project of the unit's year, as the budget mints it (None for the budget's own).
        year_project = iris.year_project(key) if iris.owner is not None else None
        yield root, kg.hasProject, project, g
        yield project, RDF_TYPE, kg.BudgetProject, g
        if p.name:
            yield project, LABEL, zh(p.name), g
        if year_project is not None:
            yield project, kg.sameProjectAs, year_project, g
        if p.code:  # a form may print none: its project is known by region, unit, year and name
            yield project, kg.projectCode, Literal(p.code), g
        # The series is of the projects whose targets and amounts are set for a year; a self-evaluation
        # reports on one of them (kg:sameProjectAs) and is no year of its own.
        if p.code and d.kind != DocumentKind.SELF_EVALUATION:
            series = iris.project_series(p.code)
            yield project, kg.inSeries, series, g
            yield series, RDF_TYPE, kg.ProjectSeries, g
            yield series, kg.projectCode, Literal(p.code), g  # its region is in its IRI and its projects' departments
        if iris.department:
            yield project, kg.department, iris.department, g
        if d.year:
            yield project, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
        for prop, value in ((kg.totalAmount, p.total), (kg.fiscalAmount, p.fiscal), (kg.otherAmount, p.other)):
            if value is not None:
                yield project, prop, decimal(value), g
        if p.goal:
            yield project, kg.goal, zh(p.goal), g
        yield from source_quads(project, p.line, table12, iris, g)
        for iri, ind in zip(iris.targets(project, p.indicators), p.indicators):
            yield project, kg.hasTarget, iri, g
            yield from _target_quads(iri, ind, iris, g, described, deadline_of.get(ind.line))
            if year_project is not None:
                # the year's target of the same 二级 kind and name: its IRI has the same tail under the
                # budget's project, so a result reported on it is reached from the target the budget set
                yield iri, kg.sameTargetAs, year_project + iri[len(project):], g
            target_of_line[ind.line] = (p.code, iri)
            if d.kind != DocumentKind.SELF_EVALUATION and (tier_value := counted_value(ind)) is not None:
                owner = root if d.kind == DocumentKind.DISCLOSURE else project
                counted.setdefault(owner, {}).setdefault(tier_value, set()).add(iri)
    yield from _count_quads(counted, iris, g)
    for a in d.activities:
        activity = iris.activity(a.name)
        yield root, kg.hasActivity, activity, g
        yield activity, RDF_TYPE, kg.DepartmentActivity, g
        yield activity, LABEL, zh(a.name), g
        if iris.department:
            yield activity, kg.department, iris.department, g
        yield from source_quads(activity, a.line, table13, iris, g)
        for iri, ind in zip(iris.targets(activity, a.indicators), a.indicators):
            yield activity, kg.hasTarget, iri, g
            yield from _target_quads(iri, ind, iris, g, described, deadline_of.get(ind.line))
    yield from decision_quads(d.decisions, target_of_line, iris, g)
    # The tables named above or by a finding that are no budget table (budget_quads describes those).
    named = ({12} if d.projects and table12 else set()) | ({13} if table13 and (d.activities or (dept is not None and dept.amounts_line)) else set())
    named |= {int(table) for finding in analysis.findings for table in finding.tables}
    for number in sorted(named - {table.number for table in d.budget or ()}):
        yield from source_table_quads(iris, number, g)
    yield from budget_quads(d, iris, analysis)
    # Activities traced to the projects that serve them (inferred with their evidence, or reviewed).
    if analysis.trace is not None:
        yield from trace_quads(analysis.trace, iris)
