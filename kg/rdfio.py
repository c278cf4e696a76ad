"""RDF in and out: neutral quads ↔ rdflib or Oxigraph, reading and writing files by extension.

The mapping yields engine-neutral quads; this module is where they meet an engine. Writing goes
through Oxigraph's serializers (fast, and byte-for-byte deterministic given sorted input), except
JSON-LD, which rdflib compacts with an inline @context so that nothing is fetched to read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.mapping import RDF_TYPE, BlankNode, Literal, Quad, Term


class RdfError(KgError):
    """An RDF file cannot be read, or a format is not one kg writes."""


@dataclass(frozen=True)
class RdfFormat:
    name: str
    extensions: tuple[str, ...]
    media_type: str
    eu_file_type: str  # the EU Publications Office file-type authority, used by DCAT-AP
    ox_format: ox.RdfFormat
    quads: bool  # keeps named graphs


FORMATS = (
    RdfFormat("turtle", (".ttl",), "text/turtle", "RDF_TURTLE", ox.RdfFormat.TURTLE, False),
    RdfFormat("n-triples", (".nt",), "application/n-triples", "RDF_N_TRIPLES", ox.RdfFormat.N_TRIPLES, False),
    RdfFormat("json-ld", (".jsonld", ".json"), "application/ld+json", "JSON_LD", ox.RdfFormat.JSON_LD, False),
    RdfFormat("trig", (".trig",), "application/trig", "RDF_TRIG", ox.RdfFormat.TRIG, True),
    RdfFormat("n-quads", (".nq",), "application/n-quads", "RDF_N_QUADS", ox.RdfFormat.N_QUADS, True),
    RdfFormat("rdf-xml", (".rdf", ".owl", ".xml"), "application/rdf+xml", "RDF_XML", ox.RdfFormat.RDF_XML, False),
)
WRITTEN_EXTENSIONS = (".ttl", ".nt", ".jsonld", ".trig", ".nq")


def format_of(path: str | Path) -> RdfFormat | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if suffix in f.extensions), None)


def is_rdf_file(path: str | Path) -> bool:
    return format_of(path) is not None


# ---- neutral → engines ---------------------------------------------------------------------


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


# RFC 3987's IRI characters (unreserved ASCII, reserved but for an IPv6 host's brackets, and its
# ucschar ranges: no private use, no noncharacters), '%' only before two hex digits, at most one
# '#': what Oxigraph accepts after a valid base, so the store can bulk-load the N-Quads written
# here without checking them again.
_UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) | 0xFFFD)}" for plane in range(1, 14)
) + "\U000e1000-\U000efffd"
# Possessive runs: every IRI a document gives passes here once, and a run never needs to give
# characters back ('%' is outside the class), so the check is one pass, 5× quicker.
_IRI = re.compile(rf"(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;={_UCSCHAR}]++|%[0-9A-Fa-f]{{2}})*+")
_BAD_IRI_SHAPE = re.compile(r"#.*#")
_IPV6_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\[[0-9A-Fa-f:.]+\]")  # where brackets belong


def is_valid_iri(text: str) -> bool:
    host = _IPV6_AUTHORITY.match(text)
    rest = text[host.end() :] if host else text
    return _IRI.fullmatch(rest) is not None and _BAD_IRI_SHAPE.search(rest) is None


_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def ntriples_term(term: Term) -> str:
    """A term in N-Triples syntax (also valid in SPARQL and in SPARQL TSV results)."""
    if isinstance(term, str):
        if not is_valid_iri(term):
            raise RdfError(f"{term!r} is not a valid IRI")
        return f"<{term}>"
    if isinstance(term, BlankNode):
        return f"_:{term.id}"
    text = term.value
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)
    if term.lang:
        return f'"{text}"@{term.lang}'
    if term.datatype:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def nquads(quads: Iterable[Quad]) -> bytes:
    """N-Quads text, written directly: several times faster than building Oxigraph terms first."""
    # A disclosure repeats its graph, predicates, classes and many objects thousands of times:
    # each distinct term is checked and written once.
    written: dict[Term, str] = {}
    graphs: dict[str | None, str] = {}
    lines = []
    for s, p, o, g in quads:
        subject = written.get(s) or written.setdefault(s, ntriples_term(s))
        obj = written.get(o) or written.setdefault(o, ntriples_term(o))
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = f" {ntriples_term(g)}" if g else ""
        lines.append(f"{subject} <{p}> {obj}{graph} .\n")
    return "".join(lines).encode("utf-8")


# ---- files ---------------------------------------------------------------------------------


def read_rdf(path: str | Path, blank_prefix: str = "") -> list[Quad]:
    """Quads of an RDF file in any format kg writes (plus RDF/XML)."""
    fmt = format_of(path)
    if fmt is None:
        raise RdfError(f"{path}: not an RDF file kg reads (use {', '.join(WRITTEN_EXTENSIONS)})")
    try:
        return list(from_oxigraph(ox.parse(path=str(path), format=fmt.ox_format), blank_prefix))
    except SyntaxError as error:
        raise RdfError(f"{path}: {fmt.name} syntax error: {error}") from error
    except OSError as error:
        raise RdfError(f"{path}: cannot read the file: {error.strerror or error}") from error


def _sort_key(quad: Quad) -> tuple:
    s, p, o, g = quad
    return (g or "", str(s), p != RDF_TYPE, p, repr(o))


def canonical_order(quads: Iterable[Quad], *, keep_graphs: bool) -> list[Quad]:
    """Deduplicated and sorted, subjects together and rdf:type first: stable, readable output."""
    if not keep_graphs:
        quads = ((s, p, o, None) for s, p, o, _ in quads)
    return sorted(set(quads), key=_sort_key)


def serialize(quads: Iterable[Quad], fmt: RdfFormat, prefixes: dict[str, str]) -> bytes:
    ordered = canonical_order(quads, keep_graphs=fmt.quads)
    if fmt.name == "json-ld":
        return _jsonld(ordered, prefixes)
    if fmt.quads:
        return ox.serialize(to_oxigraph(ordered), format=fmt.ox_format, prefixes=prefixes)
    return ox.serialize((q.triple for q in to_oxigraph(ordered)), format=fmt.ox_format, prefixes=prefixes)


def _jsonld(quads: list[Quad], prefixes: dict[str, str]) -> bytes:
    """Compact JSON-LD with the prefixes as an inline @context (no remote context to fetch)."""
    import rdflib

    graph = rdflib.Graph()
    for triple in to_rdflib(quads).quads():
        graph.add(triple[:3])
    context = dict(sorted(prefixes.items()))
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    # rdflib orders nodes and values by hash; sort both (JSON-LD arrays outside @list are sets).
    nodes = data.get("@graph", [data])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    document = {"@context": context, "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
