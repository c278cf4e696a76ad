"""Where each resource came from (its source document, table and line), and the page-break
decisions that gave table 12's ambiguous rows to their projects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

from kg.rdf import terms as kg
from kg.rdf.iris import DisclosureIris, table_name
from kg.rdf.namespaces import DCT, RDF_TYPE, SKOS
from kg.rdf.quads import Literal, Quad, decimal, integer
from kg.records import Decision, DecisionMethod, Disclosure

DECISION_METHOD = {DecisionMethod.AUTOMATIC: kg.Automatic, DecisionMethod.OVERRIDE: kg.Overridden}


def source_quads(iri: str, line: int, table: int | None, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    """The document, the table (a resource of the document, described once by
    :func:`source_table_quads`; None where it is implied, as a target's is its owner's) and the line."""
    yield iri, DCT + "source", iris.source, g
    yield from place_quads(iri, line, table, iris, g)


def place_quads(iri: str, line: int, table: int | None, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    """The table and the line of :func:`source_quads`, for a node whose document is said already (the root)."""
    if table is not None:
        yield iri, kg.sourceTable, iris.table(table), g
    yield iri, kg.sourceLine, integer(line, "positiveInteger"), g


def page_quads(quads: Iterable[Quad], d: Disclosure) -> Iterator[Quad]:
    """``quads`` with, after each kg:sourceLine of a line on a PDF page, that page (kg:sourcePage):
    one pass over what the mapping wrote, so every writer of a kg:sourceLine (here, the budget
    tables', the findings') gets its page without knowing of pages. A subject with several lines
    (a finding) gets each of their pages once."""
    seen: set[tuple[object, int]] = set()
    for quad in quads:
        yield quad
        subject, predicate, line, g = quad
        if predicate != kg.sourceLine or not isinstance(line, Literal):
            continue
        page = d.page(int(line.value))
        if page is not None and (subject, page) not in seen:
            seen.add((subject, page))
            yield subject, kg.sourcePage, integer(page, "positiveInteger"), g


def source_table_quads(iris: DisclosureIris, number: int, g: str) -> Iterator[Quad]:
    """A table that is no budget table (表12, 表13): a kg:SourceTable of its document, numbered as
    printed (a budget table, a kg:SourceTable too, says the same of itself in kg.rdf.budget)."""
    node = iris.table(number)
    yield node, RDF_TYPE, kg.SourceTable, g
    yield node, DCT + "source", iris.source, g
    yield node, SKOS + "notation", Literal(table_name(number)), g


def decision_quads(
    decisions: Iterable[Decision], target_of_line: Mapping[int, tuple[str, str]], iris: DisclosureIris, g: str,
) -> Iterator[Quad]:
    """Each page-break decision: how it was made, its score and its evidence (one sentence a row);
    every row it decided points to it. A row with an indicator is a target, whose line and owner
    say where it went; a row of text only (a name tail, a goal fragment) becomes a small
    kg:TextFragment with its line and project. ``target_of_line``: table 12's targets by line,
    as (owner's project code, target IRI)."""
    for decision in decisions:
        node = iris.decision(decision.lines[0])
        yield node, RDF_TYPE, kg.AssignmentDecision, g
        yield node, kg.decisionFor, iris.source, g
        yield node, kg.decisionMethod, DECISION_METHOD[decision.method], g
        yield node, kg.score, decimal(Decimal(str(decision.score))), g
        for evidence in decision.evidence:
            yield node, kg.evidence, Literal(evidence.text), g
        for line in decision.lines:
            code = decision.assignment[line]
            owner, target = target_of_line.get(line, (None, ""))
            if owner == code:
                yield target, kg.decidedBy, node, g
                continue
            fragment = iris.text_fragment(decision.lines[0], line)
            yield fragment, RDF_TYPE, kg.TextFragment, g
            yield fragment, kg.sourceLine, integer(line, "positiveInteger"), g
            yield fragment, kg.assignedTo, iris.project(code), g
            yield fragment, kg.decidedBy, node, g
