"""Stage 4: records → RDF, as engine-neutral quads (no rdflib, no Oxigraph here).

Only this module mints IRIs, and only from stable identifiers, so rebuilding the same input gives
the same IRIs and no blank nodes:

- department ``{base}unit/{unit code}``; its budget for a year ``{base}unit/{unit code}/{year}``
- project ``…/{year}/project/{project code}``; activity ``…/{year}/activity/{hash of its name}``
- indicator ``{project or activity}/indicator/{二级 slug}-{hash of its name}`` (``-2`` … when a
  project prints the same 二级 and name twice)
- source document ``{base}source/{sha-256 of the file}``; decision ``…/{year}/decision/{first line}``
- the graph of one disclosure ``{base}graph/{unit code}/{year}``

A disclosure without a unit code or year falls back to ``{base}source/{sha-256}`` as its root.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from kg import terms as kg
from kg.errors import MappingError
from kg.records import Disclosure, Indicator
from kg.vocab import comparator_vocabulary, tier_vocabulary, unit_vocabulary

if TYPE_CHECKING:  # kg.trace builds on this module
    from kg.trace import Review

DEFAULT_BASE = "https://w3id.org/cnbudget/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"

RDF_TYPE = RDF + "type"
LABEL = RDFS + "label"


@dataclass(frozen=True, slots=True)
class Literal:
    """An RDF literal: a language-tagged string, a typed value, or (neither given) an xsd:string."""

    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class BlankNode:
    """Only the ontology's own OWL axioms use blank nodes; kg never mints one for data."""

    id: str


Term = str | Literal | BlankNode  # a str is an IRI
Quad = tuple[str, str, Term, str | None]  # subject, predicate, object, graph (None: default graph)


def decimal(value: Decimal) -> Literal:
    return Literal(format(value, "f"), XSD + "decimal")


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def integer(value: int, datatype: str = "integer") -> Literal:
    return Literal(str(value), XSD + datatype)


def check_base(base: str) -> str:
    """The base must be an absolute http(s) IRI ending in / or #, so minted IRIs are absolute."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+[/#]", base):
        raise MappingError(f"--base {base!r} must be an absolute http(s) IRI ending in '/' or '#'")
    return base


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _slug(tier_iri: str) -> str:
    return tier_iri.rsplit("/", 1)[-1]


@cache
def _tier2_iris() -> dict[str, str]:
    return {label: tier.iri for label, tier in tier_vocabulary().tier2.items()}


@dataclass(frozen=True)
class DisclosureIris:
    base: str
    root: str  # the department's budget for the year, or the source document
    department: str | None
    source: str
    graph: str

    @classmethod
    def of(cls, d: Disclosure, base: str) -> "DisclosureIris":
        source = f"{base}source/{d.sha256}"
        if d.unit_code and d.year:
            return cls(base, f"{base}unit/{d.unit_code}/{d.year}", f"{base}unit/{d.unit_code}", source, f"{base}graph/{d.unit_code}/{d.year}")
        return cls(base, source, f"{base}unit/{d.unit_code}" if d.unit_code else None, source, f"{base}graph/source/{d.sha256[:16]}")

    def project(self, code: str) -> str:
        return f"{self.root}/project/{code}"

    def activity(self, name: str) -> str:
        return f"{self.root}/activity/{short_hash(name)}"

    def decision(self, first_line: int) -> str:
        return f"{self.root}/decision/{first_line}"


def _indicator_iris(owner: str, indicators: Iterable[Indicator]) -> list[str]:
    seen: dict[str, int] = {}
    iris = []
    for ind in indicators:
        key = f"{owner}/indicator/{_slug(_tier2_iris()[ind.tier2])}-{short_hash(ind.name)}"
        seen[key] = seen.get(key, 0) + 1
        iris.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return iris


def _indicator_quads(iri: str, ind: Indicator, table: str, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    yield iri, RDF_TYPE, kg.PerformanceIndicator, g
    yield iri, LABEL, zh(ind.name), g
    yield iri, kg.tier, _tier2_iris()[ind.tier2], g
    yield iri, kg.comparator, comparator_vocabulary()[ind.comparator], g
    yield iri, kg.targetText, Literal(ind.value_text), g
    if ind.value is not None:
        yield iri, kg.targetValue, decimal(ind.value), g
    if ind.unit is not None:
        yield iri, kg.unitText, Literal(ind.unit), g
        unit = unit_vocabulary().get(ind.unit)
        if unit is not None:
            yield iri, kg.unit, unit.iri, g
    yield from _provenance(iri, ind.line, table, iris, g)


def _provenance(iri: str, line: int, table: str, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    yield iri, DCT + "source", iris.source, g
    yield iri, kg.sourceTable, Literal(table), g
    yield iri, kg.sourceLine, integer(line, "positiveInteger"), g


def disclosure_quads(d: Disclosure, base: str = DEFAULT_BASE, reviews: Sequence[Review] = ()) -> Iterator[Quad]:
    """Everything one disclosure says, in its own named graph; ``reviews`` (kg.trace.load_reviews)
    confirm or reject the inferred activity→project links."""
    iris = DisclosureIris.of(d, check_base(base))
    g = iris.graph
    yield iris.source, RDF_TYPE, kg.SourceDocument, g
    yield iris.source, kg.sha256, Literal(d.sha256), g
    yield iris.source, DCT + "title", Literal(d.path.replace("\\", "/").rsplit("/", 1)[-1]), g
    if iris.department:
        yield iris.department, RDF_TYPE, kg.Department, g
        yield iris.department, kg.unitCode, Literal(d.unit_code or ""), g
        if d.unit_name:
            yield iris.department, LABEL, zh(d.unit_name), g
    root = iris.root
    yield root, RDF_TYPE, kg.DepartmentBudget, g
    yield root, DCT + "source", iris.source, g
    if iris.department:
        yield root, kg.department, iris.department, g
    if d.year:
        yield root, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
    if d.unit_name and d.year:
        yield root, LABEL, zh(f"{d.unit_name} {d.year}年度部门预算"), g
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
            yield from _provenance(root, dept.amounts_line, "13", iris, g)
    for p in d.projects:
        project = iris.project(p.code)
        yield root, kg.hasProject, project, g
        yield project, RDF_TYPE, kg.BudgetProject, g
        yield project, kg.projectCode, Literal(p.code), g
        yield project, LABEL, zh(p.name), g
        if iris.department:
            yield project, kg.department, iris.department, g
        if d.year:
            yield project, kg.budgetYear, Literal(str(d.year), XSD + "gYear"), g
        for prop, value in ((kg.totalAmount, p.total), (kg.fiscalAmount, p.fiscal), (kg.otherAmount, p.other)):
            if value is not None:
                yield project, prop, decimal(value), g
        if p.goal:
            yield project, kg.goal, zh(p.goal), g
        yield from _provenance(project, p.line, "12", iris, g)
        for iri, ind in zip(_indicator_iris(project, p.indicators), p.indicators):
            yield project, kg.hasIndicator, iri, g
            yield from _indicator_quads(iri, ind, "12", iris, g)
    for a in d.activities:
        activity = iris.activity(a.name)
        yield root, kg.hasActivity, activity, g
        yield activity, RDF_TYPE, kg.DepartmentActivity, g
        yield activity, LABEL, zh(a.name), g
        if iris.department:
            yield activity, kg.department, iris.department, g
        yield from _provenance(activity, a.line, "13", iris, g)
        for iri, ind in zip(_indicator_iris(activity, a.indicators), a.indicators):
            yield activity, kg.hasIndicator, iri, g
            yield from _indicator_quads(iri, ind, "13", iris, g)
    for decision in d.decisions:
        node = iris.decision(decision.lines[0])
        yield node, RDF_TYPE, kg.AssignmentDecision, g
        yield node, kg.decisionFor, iris.source, g
        yield node, kg.decisionMethod, Literal(decision.method), g
        yield node, kg.score, decimal(Decimal(str(decision.score))), g
        for code in sorted(set(decision.assignment.values())):
            yield node, kg.assignedTo, iris.project(code), g
        for line in decision.lines:
            yield node, kg.sourceLine, integer(line, "positiveInteger"), g
        for text in decision.evidence:
            yield node, kg.evidence, Literal(text), g
    from kg.budget_rdf import budget_quads  # here, not at the top: kg.budget_rdf builds on this module

    yield from budget_quads(d, iris)

    # Activities traced to the projects that serve them (inferred with their evidence, or reviewed).
    from kg.trace import trace, trace_quads

    if d.activities and d.projects:
        yield from trace_quads(trace(d, reviews), d, iris)
