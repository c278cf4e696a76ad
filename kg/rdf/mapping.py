"""Records and their analysis → RDF, as engine-neutral quads (no rdflib, no Oxigraph here).

Mapping only maps: the audit, the function links and the trace are computed before
(kg.analyse.analysis) and handed in; every IRI comes from kg.rdf.iris.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from kg.analyse.analysis import Analysis
from kg.analyse.trace import LinkStatus, Trace
from kg.rdf import terms as kg
from kg.rdf.budget import budget_quads
from kg.rdf.iris import DEFAULT_BASE, REGION_SCHEME, DisclosureIris, check_base, region_iri
from kg.rdf.namespaces import DCT, LABEL, RDF_TYPE, SKOS, XSD
from kg.rdf.provenance import source_quads
from kg.rdf.quads import Literal, Quad, decimal, integer, zh
from kg.read.completeness import partial_reasons
from kg.records import Disclosure, Indicator
from kg.regions import regions
from kg.vocab import comparator_vocabulary, tier_vocabulary, unit_vocabulary


def _indicator_quads(iri: str, ind: Indicator, table: str, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    yield iri, RDF_TYPE, kg.PerformanceIndicator, g
    yield iri, LABEL, zh(ind.name), g
    yield iri, kg.tier, tier_vocabulary().tier2[ind.tier2].iri, g
    yield iri, kg.comparator, comparator_vocabulary()[ind.comparator], g
    yield iri, kg.targetText, Literal(ind.value_text), g
    if ind.value is not None:
        yield iri, kg.targetValue, decimal(ind.value), g
    if ind.unit is not None:
        yield iri, kg.unitText, Literal(ind.unit), g
        unit = unit_vocabulary().get(ind.unit)
        if unit is not None:
            yield iri, kg.unit, unit.iri, g
    yield from source_quads(iri, ind.line, table, iris, g)


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


def trace_quads(result: Trace, iris: DisclosureIris) -> Iterator[Quad]:
    """Each link as a kg:ActivityLink (a qualified relation): inferred ones with their score,
    methods and evidence, confirmed ones marked so, and kg:servesActivity for the confirmed."""
    g = iris.graph
    for link in result.links:
        node = iris.activity_link(link.activity, link.project)
        project, activity = iris.project(link.project), iris.activity(link.activity)
        yield node, RDF_TYPE, kg.ActivityLink, g
        yield node, kg.linkedActivity, activity, g
        yield node, kg.contributingProject, project, g
        yield node, kg.linkStatus, Literal(str(link.status)), g
        yield node, kg.score, decimal(Decimal(str(link.score))), g
        for kind in sorted({e.kind for e in link.evidence}):
            yield node, kg.evidenceKind, Literal(str(kind)), g
        for e in link.evidence:
            yield node, kg.evidence, Literal(e.text), g
        if link.status == LinkStatus.CONFIRMED:
            yield project, kg.servesActivity, activity, g


def disclosure_quads(d: Disclosure, analysis: Analysis, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """Everything one disclosure says, and what kg inferred from it, in the disclosure's own named graph."""
    iris = DisclosureIris.of(d, check_base(base))
    g = iris.graph
    yield iris.source, RDF_TYPE, kg.SourceDocument, g
    yield iris.source, kg.sha256, Literal(d.sha256), g
    yield iris.source, DCT + "title", Literal(d.path.replace("\\", "/").rsplit("/", 1)[-1]), g
    for reason in partial_reasons(d):
        yield iris.source, kg.partialReason, Literal(reason), g
    if iris.department:
        yield iris.department, RDF_TYPE, kg.Department, g
        yield iris.department, kg.unitCode, Literal(d.unit_code or ""), g
        if d.unit_name:
            yield iris.department, LABEL, zh(d.unit_name), g
        if iris.region:
            yield iris.department, kg.region, region_iri(iris.region), g
    if iris.region:
        yield from region_quads(iris.region, g)
    root = iris.root
    yield root, RDF_TYPE, kg.DepartmentBudget, g
    yield root, DCT + "source", iris.source, g
    if iris.department:
        yield root, kg.department, iris.department, g
    if d.year:
        yield root, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
    if d.unit_name and d.year:
        yield root, LABEL, zh(f"{d.unit_name} {d.year}年度部门预算"), g
    if d.region is not None:
        yield root, kg.regionEvidence, Literal(d.region.evidence), g
    dept = d.department
    if dept is not None:
        for prop, value in (
            (kg.totalExpenditure, dept.total), (kg.fiscalTotal, dept.fiscal_total), (kg.fiscalBasic, dept.fiscal_basic),
            (kg.fiscalProject, dept.fiscal_project), (kg.otherTotal, dept.other_total), (kg.otherBasic, dept.other_basic),
        ):
            if value is not None:
                yield root, prop, decimal(value), g
        if dept.goal:
            yield root, kg.goal, zh(dept.goal), g
        if dept.amounts_line:
            yield from source_quads(root, dept.amounts_line, "13", iris, g)
    for p in d.projects:
        project = iris.project(p.code)
        yield root, kg.hasProject, project, g
        yield project, RDF_TYPE, kg.BudgetProject, g
        yield project, kg.projectCode, Literal(p.code), g
        yield project, LABEL, zh(p.name), g
        series = iris.project_series(p.code)
        yield project, kg.inSeries, series, g
        yield series, RDF_TYPE, kg.ProjectSeries, g
        yield series, kg.projectCode, Literal(p.code), g
        if iris.region:
            yield series, kg.region, region_iri(iris.region), g
        if iris.department:
            yield project, kg.department, iris.department, g
        if d.year:
            yield project, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
        for prop, value in ((kg.totalAmount, p.total), (kg.fiscalAmount, p.fiscal), (kg.otherAmount, p.other)):
            if value is not None:
                yield project, prop, decimal(value), g
        if p.goal:
            yield project, kg.goal, zh(p.goal), g
        yield from source_quads(project, p.line, "12", iris, g)
        for iri, ind in zip(iris.indicators(project, p.indicators), p.indicators):
            yield project, kg.hasIndicator, iri, g
            yield from _indicator_quads(iri, ind, "12", iris, g)
    for a in d.activities:
        activity = iris.activity(a.name)
        yield root, kg.hasActivity, activity, g
        yield activity, RDF_TYPE, kg.DepartmentActivity, g
        yield activity, LABEL, zh(a.name), g
        if iris.department:
            yield activity, kg.department, iris.department, g
        yield from source_quads(activity, a.line, "13", iris, g)
        for iri, ind in zip(iris.indicators(activity, a.indicators), a.indicators):
            yield activity, kg.hasIndicator, iri, g
            yield from _indicator_quads(iri, ind, "13", iris, g)
    for decision in d.decisions:
        node = iris.decision(decision.lines[0])
        yield node, RDF_TYPE, kg.AssignmentDecision, g
        yield node, kg.decisionFor, iris.source, g
        yield node, kg.decisionMethod, Literal(str(decision.method)), g
        yield node, kg.score, decimal(Decimal(str(decision.score))), g
        for code in sorted(set(decision.assignment.values())):
            yield node, kg.assignedTo, iris.project(code), g
        for line in decision.lines:
            yield node, kg.sourceLine, integer(line, "positiveInteger"), g
        for evidence in decision.evidence:
            yield node, kg.evidence, Literal(evidence.text), g
    yield from budget_quads(d, iris, analysis)
    # Activities traced to the projects that serve them (inferred with their evidence, or reviewed).
    if analysis.trace is not None:
        yield from trace_quads(analysis.trace, iris)
