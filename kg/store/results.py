"""SPARQL SELECT results in the W3C SPARQL 1.1 result formats, and as a readable table.

One implementation for both engines, so rdflib and Oxigraph print the same bytes. Decimal values
are written plainly (``1000``, ``29.78``: trailing fractional zeros dropped, never an exponent),
which is a valid lexical form of the same xsd:decimal value.

``jsonl`` is not a W3C format: one flat object per solution, as kg's other commands print rows
(kg.output): IRIs and literals as plain strings (their lexical form, no datatype or language),
xsd:integer and xsd:decimal values as exact JSON numbers, an unbound variable as null.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from kg.errors import QueryError
from kg.numbers import plain
from kg.output import Rows, render_jsonl, render_table, spreadsheet_safe
from kg.rdf.namespaces import PREFIXES, XSD
from kg.rdf.quads import BlankNode, Literal, Term
from kg.rdf.rdfio import canonical_order, format_of, ntriples_term, serialize
from kg.store.query import AnyResult, AskResult, GraphResult, QueryResult

RESULT_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "xml")
# A CONSTRUCT or DESCRIBE result's triples are a graph: printed in an RDF syntax on request, named by
# the extension kg build gives such a file.
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
_NUMERIC = {XSD + "decimal", XSD + "integer"}


def normalised(term: Term | None) -> Term | None:
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        try:
            return Literal(plain(Decimal(term.value)), term.datatype)
        except ArithmeticError:
            return term
    return term


def _rows(result: QueryResult) -> list[list[Term | None]]:
    return [[normalised(t) for t in row] for row in result.rows]


def to_json(result: QueryResult) -> str:
    def binding(term: Term) -> dict[str, str]:
        if isinstance(term, str):
            return {"type": "uri", "value": term}
        if isinstance(term, BlankNode):
            return {"type": "bnode", "value": term.id}
        out = {"type": "literal", "value": term.value}
        if term.lang:
            out["xml:lang"] = term.lang
        elif term.datatype:
            out["datatype"] = term.datatype
        return out

    bindings = [{v: binding(t) for v, t in zip(result.variables, row) if t is not None} for row in _rows(result)]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def to_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["  </head>", "  <results>"]
    for row in _rows(result):
        out.append("    <result>")
        for variable, term in zip(result.variables, row):
            if term is None:
                continue
            if isinstance(term, str):
                value = f"<uri>{escape(term)}</uri>"
            elif isinstance(term, BlankNode):
                value = f"<bnode>{escape(term.id)}</bnode>"
            elif term.lang:
                value = f"<literal xml:lang={quoteattr(term.lang)}>{escape(term.value)}</literal>"
            elif term.datatype:
                value = f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
            else:
                value = f"<literal>{escape(term.value)}</literal>"
            out.append(f"      <binding name={quoteattr(variable)}>{value}</binding>")
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


def to_csv(result: QueryResult, for_spreadsheets: bool = False) -> str:
    """SPARQL 1.1 CSV: values only (lexical forms, IRIs bare), CRLF line ends. ``for_spreadsheets``
    (the command line's CSV, which people open in Excel or WPS) makes a literal a spreadsheet would run
    as a formula text (kg.output.spreadsheet_safe); the endpoint's CSV keeps the format's exact values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in _rows(result):
        writer.writerow(["" if t is None else t if isinstance(t, str) else f"_:{t.id}" if isinstance(t, BlankNode)
                         else spreadsheet_safe(t.value) if for_spreadsheets else t.value for t in row])
    return buffer.getvalue()


def tsv_term(term: Term | None) -> str:
    """SPARQL 1.1 TSV: terms in N-Triples syntax; integers and decimals may stay bare."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in _NUMERIC and re.fullmatch(r"[+-]?\d+(\.\d+)?", term.value):
        if "." in term.value or term.datatype == XSD + "integer":
            return term.value
    return ntriples_term(term)


def to_tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in _rows(result)]
    return "\n".join(lines) + "\n"


def short_iri(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and "/" not in iri[len(namespace):]:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def plain_value(term: Term | None) -> object:
    """A term as a plain value: an IRI or a literal's lexical form as text, a number as a Decimal."""
    if term is None:
        return None
    if isinstance(term, str):
        return term
    if isinstance(term, BlankNode):
        return f"_:{term.id}"
    if term.datatype in _NUMERIC:
        try:
            return Decimal(term.value)
        except ArithmeticError:
            return term.value
    return term.value


def table_rows(result: QueryResult) -> Rows:
    return Rows(result.variables, [[short_iri(t) if isinstance(t, str) else plain_value(t) for t in row] for row in _rows(result)])


def to_jsonl(result: QueryResult) -> str:
    return render_jsonl(Rows(result.variables, [[plain_value(t) for t in row] for row in _rows(result)]))


def render_any(result: AnyResult, fmt: str) -> str:
    """Any query's result in a format of RESULT_FORMATS or GRAPH_FORMATS: SELECT rows; an ASK answer
    (as the W3C formats write it, the word alone in CSV and TSV, as Oxigraph does); a CONSTRUCT or
    DESCRIBE graph in an RDF syntax, or its triples as rows of subject, predicate and object."""
    if isinstance(result, AskResult):
        word = "true" if result.value else "false"
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.value}) + "\n"
        if fmt == "xml":
            return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                    f"  <head/>\n  <boolean>{word}</boolean>\n</sparql>\n")
        if fmt == "jsonl":
            return json.dumps({"boolean": result.value}) + "\n"
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"an ASK query's answer is no graph: --format {fmt} is for CONSTRUCT and DESCRIBE")
        return word + "\n"
    if isinstance(result, GraphResult):
        rdf_format = format_of(f"result.{fmt}") if fmt in GRAPH_FORMATS else None
        if rdf_format is not None:
            return serialize(result.triples, rdf_format, PREFIXES).decode("utf-8")
        if fmt in ("json", "xml"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph, which the SPARQL {fmt} result format does not hold: "
                             f"use --format {'jsonld' if fmt == 'json' else 'ttl'}")
        rows = [[s, p, o] for s, p, o, _ in canonical_order(result.triples, keep_graphs=False)]
        return render_result(QueryResult(["subject", "predicate", "object"], rows), fmt)  # type: ignore[arg-type]
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"a SELECT query's rows are no graph: --format {fmt} is for CONSTRUCT and DESCRIBE")
    return render_result(result, fmt)


def render_result(result: QueryResult, fmt: str) -> str:
    if fmt == "table":
        return render_table(table_rows(result))
    if fmt == "csv":
        return to_csv(result, for_spreadsheets=True)
    return {"tsv": to_tsv, "json": to_json, "jsonl": to_jsonl, "xml": to_xml}[fmt](result)
