"""Where each resource came from: its source document, table and line."""

from __future__ import annotations

from collections.abc import Iterator

from kg.rdf import terms as kg
from kg.rdf.iris import DisclosureIris
from kg.rdf.namespaces import DCT
from kg.rdf.quads import Literal, Quad, integer


def source_quads(iri: str, line: int, table: str, iris: DisclosureIris, g: str) -> Iterator[Quad]:
    yield iri, DCT + "source", iris.source, g
    yield iri, kg.sourceTable, Literal(table), g
    yield iri, kg.sourceLine, integer(line, "positiveInteger"), g
