"""RDF in and out: neutral quads ↔ rdflib or Oxigraph, reading and writing files by extension.

The mapping yields engine-neutral quads; this module is where they meet an engine. Writing goes
through Oxigraph's serializers (fast, and byte-for-byte deterministic given sorted input), except
JSON-LD, which rdflib compacts with an inline @context so that nothing is fetched to read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.iris import is_valid_iri
from kg.rdf.namespaces import RDF_TYPE
from kg.rdf.quads import BlankNode, Quad, Term, from_oxigraph, to_oxigraph, to_rdflib


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


@dataclass(frozen=True)
class RdfText:
    """RDF given as bytes (standard input), not as a file: its name for messages, and the formats it may be
    in, told by how it begins (N-Quads is tried before TriG, which reads Turtle and N-Triples too)."""

    name: str
    data: bytes
    formats: tuple[RdfFormat, ...]


# How RDF begins, after comments: a prefix or base (Turtle, TriG), an absolute IRI with an ASCII scheme or a
# blank node (N-Triples, N-Quads; a web page's <html> has no colon, a title's <附件:…> no scheme), JSON
# (JSON-LD), or rdf:RDF after an XML declaration, comments and a DOCTYPE.
_RDF_START = re.compile(rb"(?:\s*#[^\n]*\n)*\s*(?:(?P<turtle>@prefix\s|@base\s|(?i:prefix|base)\s+[<\w])"
                        rb"|(?P<lines><[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*>\s|_:\w)|(?P<json>[{\[]\s*[{\"\]])"
                        rb"|(?P<xml>(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*<rdf:RDF\b))", re.DOTALL)


def rdf_text(data: bytes, name: str) -> RdfText | None:
    """``data`` as RDF when it begins as RDF does, else None (a disclosure's text, a saved page …)."""
    found = _RDF_START.match(data[:65536].removeprefix(b"\xef\xbb\xbf"))
    if found is None:
        return None
    by_name = {f.name: f for f in FORMATS}
    kind = found.lastgroup
    names = {"turtle": ("trig",), "lines": ("n-quads", "trig"), "json": ("json-ld",), "xml": ("rdf-xml",)}[kind or "turtle"]
    return RdfText(name, data, tuple(by_name[n] for n in names))


# What N-Triples must escape, and the other control characters (an ANSI escape in a document's text), written
# as UCHARs (\u001B) so that a term printed to a terminal (SPARQL TSV, N-Quads on stdout) never drives it.
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


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
        text = _NEEDS_ESCAPE.sub(_escape, text)
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


def read_rdf(path: str | Path | RdfText, blank_prefix: str = "") -> list[Quad]:
    """Quads of an RDF file in any format kg writes (plus RDF/XML), or of RDF read from standard input."""
    if isinstance(path, RdfText):
        for fmt in path.formats:
            try:
                return list(from_oxigraph(ox.parse(path.data, format=fmt.ox_format), blank_prefix))
            except SyntaxError as error:
                if fmt == path.formats[-1]:  # the error of the last format tried (TriG reads the most)
                    raise RdfError(f"{path.name}: {' or '.join(f.name for f in path.formats)} syntax error: {error}") from error
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
    try:
        if fmt.quads:
            return ox.serialize(to_oxigraph(ordered), format=fmt.ox_format, prefixes=prefixes)
        return ox.serialize((q.triple for q in to_oxigraph(ordered)), format=fmt.ox_format, prefixes=prefixes)
    except ValueError as error:  # a term Oxigraph refuses (an IRI read leniently from another file)
        raise RdfError(f"cannot write the graph as {fmt.name}: {error}") from error


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
