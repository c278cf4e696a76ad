"""The network model of a store, read with a few SELECT queries instead of every quad.

A store of a corpus holds millions of quads, most of them budget lines, evidence and decisions
the network never draws; turning every one into Python costs far more than drawing the page.
The queries in kg/network/queries/ select only what :func:`kg.network.graph.network_graph`
reads, one row per project, activity or indicator (so each IRI is decoded once), and their rows
become the quads the model is built from; the ontology is kg's own. Each query's ``?s`` is the
subject; every other column is named after the predicate it holds (kg's ontology unless listed
in ``_PREDICATES``), and a column ``NAME_of`` holds the subject of ``NAME`` whose object is ``?s``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.build import ontology_quads
from kg.network.graph import (
    BROADER,
    DCT_SOURCE,
    DCT_TITLE,
    NOTATION,
    PREF_LABEL,
    network_graph,
)
from kg.rdf import terms
from kg.rdf.namespaces import LABEL, RDF_TYPE, XSD
from kg.rdf.quads import BlankNode, Literal, Quad, Term
from kg.store.query import StoredQuery, module_query

QUERY_DIR = Path(__file__).resolve().parent / "queries"
QUERIES = ("documents", "departments", "regions", "budgets", "forms", "parts", "indicators", "results", "errors", "tables")
_PREDICATES = {
    "type": RDF_TYPE, "label": LABEL, "prefLabel": PREF_LABEL, "notation": NOTATION, "broader": BROADER,
    "title": DCT_TITLE, "source": DCT_SOURCE,
}
_INVERSE = "_of"


def model_query(name: str) -> StoredQuery:
    return module_query(QUERY_DIR, name)


def _predicate(column: str) -> str:
    return _PREDICATES.get(column) or terms.NS + column


_ESCAPE = re.compile(r"\\(?:([tbnrf\"'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_BARE = ((re.compile(r"[+-]?\d+"), XSD + "integer"), (re.compile(r"[+-]?\d*\.\d+"), XSD + "decimal"), (re.compile(r"true|false"), XSD + "boolean"))


def _unescape(match: re.Match[str]) -> str:
    return _ESCAPED[match.group(1)] if match.group(1) else chr(int(match.group(2) or match.group(3), 16))


def _term(field: str) -> Term | None:
    """A term as SPARQL's tab-separated results write it: <iri>, "text"@lang, "text"^^<type>, a bare number."""
    if not field:
        return None
    if field[0] == "<":
        return field[1:-1]
    if field[0] == '"':
        close = field.rindex('"')
        value = field[1:close]
        if "\\" in value:
            value = _ESCAPE.sub(_unescape, value)
        rest = field[close + 1:]
        if rest.startswith("@"):
            return Literal(value, lang=rest[1:])
        datatype = rest[3:-1] if rest.startswith("^^<") else None
        return Literal(value, None if datatype == XSD + "string" else datatype)
    if field.startswith("_:"):
        return BlankNode(field[2:])
    return Literal(field, _bare_datatype(field))


@cache
def _bare_datatype(field: str) -> str:
    return next((d for pattern, d in _BARE if pattern.fullmatch(field)), XSD + "double")


def _rows(store: ox.Store, name: str) -> tuple[list[str], Iterator[list[str]]]:
    """A query's variables and rows, each field still as SPARQL's tab-separated results write it:
    Oxigraph writes them in one go, which costs a fraction of handing Python one term at a time."""
    results = store.query(model_query(name).text, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.TSV)
    head, _, body = results.decode("utf-8").partition("\n")
    return [v.removeprefix("?") for v in head.split("\t")], (line.split("\t") for line in body.split("\n") if line)


def model_quads(store: ox.Store) -> Iterator[Quad]:
    """The quads of the store that the network model reads (data only, in the default graph)."""
    for name in QUERIES:
        variables, rows = _rows(store, name)
        subject = variables.index("s")
        columns = [
            (number, _predicate(column.removesuffix(_INVERSE)), column.endswith(_INVERSE))
            for number, column in enumerate(variables) if number != subject
        ]
        for row in rows:
            s = _term(row[subject])
            if not isinstance(s, str):
                continue
            for number, predicate, inverse in columns:
                value = _term(row[number])
                if value is None:
                    continue
                if inverse:
                    if isinstance(value, str):
                        yield value, predicate, s, None
                else:
                    yield s, predicate, value, None


def store_graph(store: ox.Store, focus: str | None = None) -> nx.MultiDiGraph:
    """The network model of a store (kg's ontology and the data the model reads), as
    :func:`network_graph` makes it of every quad of the store."""
    return network_graph([*ontology_quads(), *model_quads(store)], focus)


__all__ = ["QUERIES", "QUERY_DIR", "model_quads", "model_query", "store_graph"]
