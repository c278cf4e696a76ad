"""What an IRI resolves to: one rule for every IRI kg mints or declares, whatever its kind.

A store knows an IRI when the IRI is the subject or the object of a statement in it, or names one
of its graphs. Its description is what the store says about it (blank nodes it reaches included, so
a SHACL list arrives whole), what refers to it, and, for a graph, its size; for a hash document
(``…/shapes`` of ``…/shapes#Term``), the terms it defines. Nothing here knows the kinds of IRI
kg mints, so a kind added later (an indicator, a target, a result) resolves as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.rdf.namespaces import RDF_TYPE, SD, VOID, XSD


@dataclass(frozen=True)
class Description:
    """What a store says about one IRI."""

    iri: str
    outgoing: list[ox.Triple]  # its own statements (a graph's: its type and size)
    incoming: list[ox.Triple]  # the statements that refer to it
    more: list[ox.Triple]  # for RDF answers: the blank nodes it reaches; a hash document's terms
    defined: list[str]  # a hash document's terms (``{iri}#…``)
    cut: bool  # some statements were left out (more than max_rows)

    @property
    def triples(self) -> list[ox.Triple]:
        return list(dict.fromkeys(self.outgoing + self.incoming + self.more))


def _distinct(quads: Iterable[ox.Quad], limit: int) -> tuple[list[ox.Triple], bool]:
    """Triples of the quads, each once (the union of graphs repeats them), and whether cut at limit."""
    seen: dict[ox.Triple, None] = {}
    for quad in quads:
        seen.setdefault(quad.triple, None)
        if len(seen) > limit:
            return list(seen)[:limit], True
    return list(seen), False


def _reached_blank_nodes(store: ox.Store, triples: Sequence[ox.Triple], limit: int) -> Iterator[ox.Triple]:
    """The statements of the blank nodes the triples reach, and of those they reach (a concise
    bounded description): a blank node means nothing outside them."""
    todo = [t.object for t in triples if isinstance(t.object, ox.BlankNode)]
    seen: set[ox.BlankNode] = set()
    count = 0
    while todo and count < limit:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for quad in store.quads_for_pattern(node, None, None, None):
            count += 1
            yield quad.triple
            if isinstance(quad.object, ox.BlankNode):
                todo.append(quad.object)


def _graph_statements(store: ox.Store, node: ox.NamedNode) -> list[ox.Triple]:
    """What the server can say of one of its named graphs: that it is one, and its size."""
    if not store.contains_named_graph(node):
        return []
    size = sum(1 for _ in store.quads_for_pattern(None, None, None, node))
    return [
        ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(SD + "Graph")),
        ox.Triple(node, ox.NamedNode(VOID + "triples"), ox.Literal(str(size), datatype=ox.NamedNode(XSD + "integer"))),
    ]


def _hash_terms(store: ox.Store, iri: str) -> list[str]:
    """The terms a hash document defines: the subjects ``{iri}#…`` (a scan: kept for small stores)."""
    if "#" in iri:
        return []
    prefix = iri + "#"
    return sorted({q.subject.value for q in store if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)})


def describe(store: ox.Store, iri: str, max_rows: int, *, hash_documents: bool = False) -> Description | None:
    """What ``store`` says about ``iri``; None when it knows nothing of it.

    ``hash_documents``: also treat ``iri`` as the document of ``{iri}#…`` terms (for the small
    stores of the ontology files kg ships, not for a corpus: it scans every statement)."""
    node = ox.NamedNode(iri)
    outgoing, out_cut = _distinct(store.quads_for_pattern(node, None, None, None), max_rows)
    outgoing += _graph_statements(store, node)
    incoming, in_cut = _distinct(store.quads_for_pattern(None, None, node, None), max_rows)
    defined = _hash_terms(store, iri) if hash_documents else []
    if not outgoing and not incoming and not defined:
        return None
    more: list[ox.Triple] = []
    for term in defined:
        more += [q.triple for q in store.quads_for_pattern(ox.NamedNode(term), None, None, None)]
    more += _reached_blank_nodes(store, outgoing + more, max_rows)
    more_cut = len(more) > max_rows
    return Description(iri, outgoing, incoming, more[:max_rows], defined, out_cut or in_cut or more_cut)


def describe_first(stores: Sequence[ox.Store], iris: Sequence[str], max_rows: int, *, hash_documents: bool = False) -> tuple[ox.Store, Description] | None:
    """The first of ``iris`` a store knows, with the store that knows it (None: none does)."""
    for store in stores:
        for iri in iris:
            found = describe(store, iri, max_rows, hash_documents=hash_documents)
            if found is not None:
                return store, found
    return None


__all__ = ["Description", "describe", "describe_first"]
