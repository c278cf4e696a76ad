"""kg's own RDF terms: an IRI is a str, a literal a Literal, a blank node a BlankNode; and their
conversion to pyoxigraph and rdflib, the only place either engine meets them.

kg keeps its own light terms on the corpus path on purpose: building a tuple of str and a small
frozen dataclass costs a fraction of a pyoxigraph.Quad of NamedNodes and Literals (measured in
benchmarks/README.md, "term model"), and most quads are written as N-Quads text without ever being
an engine's object. Oxigraph and rdflib objects are made only where an engine needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from kg.rdf.namespaces import XSD


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


def ox_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, str):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.lang:
            return ox.Literal(term.value, language=term.lang)
        if term.datatype:
            return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term.value)
    return ox.BlankNode(term.id)


def to_oxigraph(quads: Iterable[Quad]) -> Iterator[ox.Quad]:
    for s, p, o, g in quads:
        graph = ox.NamedNode(g) if g else ox.DefaultGraph()
        yield ox.Quad(ox_term(s), ox.NamedNode(p), ox_term(o), graph)  # type: ignore[arg-type]


def from_oxigraph_term(term: ox.NamedNode | ox.BlankNode | ox.Literal, blank: dict[str, BlankNode]) -> Term:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        # Parsers label blank nodes at random; number them by first appearance instead, so that
        # the same file always gives the same quads (and byte-identical output).
        return blank.setdefault(term.value, BlankNode(f"b{len(blank)}"))
    language = term.language
    datatype = term.datatype.value
    return Literal(term.value, lang=language) if language else Literal(term.value, None if datatype.endswith("#string") else datatype)


def from_oxigraph(quads: Iterable[ox.Quad], prefix: str = "") -> Iterator[Quad]:
    """Neutral quads; blank nodes renumbered ``{prefix}b0``, ``{prefix}b1`` … by first appearance."""
    blank: dict[str, BlankNode] = {}
    for q in quads:
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
        s, o = from_oxigraph_term(q.subject, blank), from_oxigraph_term(q.object, blank)  # type: ignore[arg-type]
        if prefix:
            s, o = (BlankNode(prefix + t.id) if isinstance(t, BlankNode) else t for t in (s, o))
        yield s, q.predicate.value, o, g


def to_rdflib(quads: Iterable[Quad]) -> "rdflib.Dataset":  # noqa: F821 - imported lazily, it is slow
    """An rdflib Dataset with the same named graphs (for pySHACL and rdflib's SPARQL)."""
    import rdflib

    def term(t: Term) -> rdflib.term.Node:
        if isinstance(t, str):
            return rdflib.URIRef(t)
        if isinstance(t, BlankNode):
            return rdflib.BNode(t.id)
        if t.lang:
            return rdflib.Literal(t.value, lang=t.lang)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype) if t.datatype else None)

    dataset = rdflib.Dataset(default_union=True)
    for s, p, o, g in quads:
        target = dataset.graph(rdflib.URIRef(g)) if g else dataset.default_graph
        target.add((term(s), rdflib.URIRef(p), term(o)))
    return dataset
