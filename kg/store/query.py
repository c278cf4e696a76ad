"""The SPARQL query library (``queries/*.rq``) and running queries on rdflib or Oxigraph.

Each ``.rq`` file opens with comment headers, so that it stays plain SPARQL::

    # title: Satisfaction targets at or above a threshold
    # description: Every 满意度 target whose value is ≥ the threshold.
    # param: threshold xsd:decimal 95 -- the lowest target value to list

Parameters are bound as RDF terms (Oxigraph's substitutions, rdflib's initBindings), never
spliced into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.iris import is_absolute_iri
from kg.rdf.namespaces import XSD
from kg.rdf.quads import (
    BlankNode,
    Literal,
    Quad,
    Term,
    from_oxigraph_term,
    to_oxigraph,
    to_rdflib,
)
from kg.rdf.rdfio import ntriples_term
from kg.resources import data_dir

_HEADER = re.compile(r"#\s*(title|description|param):\s*(.*)")
_PARAM = re.compile(r"(\w+)\s+(\S+)(?:\s+(.*?))?\s*(?:--\s*(.*))?$")
# rdf:langString@zh: a text compared with kg's Chinese labels as a term (a store looks it up
# instead of reading every label to compare strings).
PARAM_TYPES = ("xsd:decimal", "xsd:integer", "xsd:string", "rdf:langString@zh", "xsd:gYear", "iri")
# The last top-level ORDER BY of a query: what --limit drops for a quick, unordered look.
_ORDER_BY = re.compile(r"\bORDER\s+BY\b[^{}]*$", re.IGNORECASE)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*(OFFSET\s+\d+\s*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str = ""


@dataclass(frozen=True)
class StoredQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None


def parse_query_file(text: str, name: str, path: Path | None = None) -> StoredQuery:
    title = description = ""
    params = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pm = _PARAM.match(value)
            if not pm or pm.group(2) not in PARAM_TYPES:
                raise QueryError(f"{path or name}: bad param header {value!r}: expected 'NAME TYPE [DEFAULT] [-- text]' with TYPE one of {', '.join(PARAM_TYPES)}")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3) or None, pm.group(4) or ""))
    for param in params:
        if not re.search(rf"\?{param.name}\b", text):
            raise QueryError(f"{path or name}: declares param {param.name!r} that the query never uses as ?{param.name}")
    return StoredQuery(name, title or name, description, tuple(params), text, path)


@cache
def library() -> dict[str, StoredQuery]:
    """The queries shipped in queries/, by name (the file name without .rq)."""
    found = {}
    for path in sorted(data_dir("queries").glob("*.rq")):
        found[path.stem] = parse_query_file(path.read_text(encoding="utf-8"), path.stem, path)
    return found


@cache
def module_query(folder: Path, name: str) -> StoredQuery:
    """A query one of kg's modules runs itself, from the ``queries`` folder beside it: data, as the
    library's are (kg.network's model, the store's bookkeeping, a served store's description)."""
    path = folder / f"{name}.rq"
    return parse_query_file(path.read_text(encoding="utf-8"), name, path)


def bound_text(query: StoredQuery, **params: str) -> str:
    """The query's text with its parameters bound (checked against their types, then a VALUES block)."""
    return with_values(query.text, bind(query, params))


def load_query(name_or_path: str) -> StoredQuery:
    """A library query by name, or a .rq file."""
    queries = library()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        try:
            return parse_query_file(path.read_text(encoding="utf-8"), path.stem, path)
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query: {error}") from error
    raise QueryError(f"no query named {name_or_path!r}; `kg queries` lists them (or give a .rq file)")


def bind(query: StoredQuery, given: dict[str, str]) -> dict[str, Term]:
    """Parameter values as RDF terms, checked against their declared type; defaults fill the rest."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r}" + (f" (it takes {', '.join(declared)})" if declared else " (it takes none)"))
    bound: dict[str, Term] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is None:
            continue
        bound[param.name] = _term(param, value)
    return bound


def _term(param: Param, value: str) -> Term:
    problem = f"--param {param.name}={value!r} is not a valid {param.type}"
    if param.type == "xsd:decimal":
        try:
            return Literal(format(Decimal(value), "f"), XSD + "decimal")
        except InvalidOperation:
            raise QueryError(problem) from None
    if param.type == "xsd:integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(problem)
        return Literal(str(int(value)), XSD + "integer")
    if param.type == "xsd:gYear":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(problem)
        return Literal(value, XSD + "gYear")
    if param.type == "iri":
        if not is_absolute_iri(value):
            raise QueryError(problem)
        return value
    if param.type == "rdf:langString@zh":
        return Literal(value, lang="zh")
    return Literal(value)


def one_line(text: str, limit: int = 300) -> str:
    """An engine's message folded onto one line (and cut), as kg's errors are."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def limited(text: str, limit: int | None) -> str:
    """The query without its final ORDER BY and with LIMIT, for a quick look at the first rows."""
    if limit is None:
        return text
    if limit < 0:
        raise QueryError("--limit must be zero or more")
    text = text.rstrip()
    existing = _LIMIT.search(text)
    if existing:
        limit = min(limit, int(existing.group(1)))
        text = text[: existing.start()].rstrip()
    return _ORDER_BY.sub("", text).rstrip() + f"\nLIMIT {limit}\n"


def _where_brace(text: str) -> int:
    """Offset just inside the outer group pattern (after ``WHERE {``), comment lines ignored."""
    masked = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))
    match = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE) or re.search(r"\bSELECT\b[^{]*\{", masked, re.IGNORECASE)
    if not match:
        raise QueryError("cannot find the query's WHERE { … } to bind its parameters in")
    return match.end()


def with_values(text: str, bindings: dict[str, Term]) -> str:
    """Bind parameters with a VALUES block at the top of the outer group pattern.

    Oxigraph's substitutions only take projected variables, and a trailing VALUES clause joins
    after the FILTERs that use the parameter, so the block goes first in the WHERE group. The
    values are RDF terms, checked against their declared type and written in N-Triples syntax,
    so no parameter can change the query's structure.
    """
    if not bindings:
        return text
    at = _where_brace(text)
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(ntriples_term(term) for term in bindings.values())
    return f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}{text[at:]}"


@dataclass
class QueryResult:
    """A SELECT result: variables and rows of neutral terms (None where a variable is unbound)."""

    variables: list[str]
    rows: list[list[Term | None]] = field(default_factory=list)


@dataclass(frozen=True)
class AskResult:
    """An ASK query's answer."""

    value: bool


@dataclass
class GraphResult:
    """A CONSTRUCT or DESCRIBE query's triples, as neutral terms (their graph None)."""

    triples: list[Quad] = field(default_factory=list)


AnyResult = QueryResult | AskResult | GraphResult


class Engine(Protocol):
    def run(self, text: str, bindings: dict[str, Term]) -> AnyResult: ...


def _only_select(result: AnyResult) -> QueryResult:
    if not isinstance(result, QueryResult):
        raise QueryError("only SELECT queries are supported here")
    return result


# Triples read without a graph (a Turtle file, say) are queried as this named graph: the library
# queries look a row's triples up inside GRAPH ?g (in a store, each document is a graph), which
# the default graph would never match.
UNNAMED_GRAPH = "urn:x-kg:unnamed-graph"


def in_named_graphs(quads: Sequence[Quad]) -> list[Quad]:
    """The quads with the default graph's triples moved into ``UNNAMED_GRAPH``."""
    return [(s, p, o, UNNAMED_GRAPH if g is None else g) for s, p, o, g in quads]


class OxigraphEngine:
    """Oxigraph: in memory for one document, or an on-disk store for a corpus."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def from_quads(cls, quads: Sequence[Quad]) -> "OxigraphEngine":
        store = ox.Store()
        store.extend(list(to_oxigraph(in_named_graphs(quads))))
        return cls(store)

    def select(self, text: str, bindings: dict[str, Term]) -> QueryResult:
        return _only_select(self.run(text, bindings))

    def run(self, text: str, bindings: dict[str, Term]) -> AnyResult:
        try:
            solutions = self.store.query(with_values(text, bindings), use_default_graph_as_union=True)
            if isinstance(solutions, ox.QueryBoolean):
                return AskResult(bool(solutions))
            if isinstance(solutions, ox.QueryTriples):
                graph_blank: dict[str, BlankNode] = {}
                return GraphResult([(from_oxigraph_term(t.subject, graph_blank), from_oxigraph_term(t.predicate, graph_blank),
                                     from_oxigraph_term(t.object, graph_blank), None) for t in solutions])  # type: ignore[misc]
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {one_line(str(error))}") from error
        except OSError as error:
            raise QueryError(f"the query failed: {one_line(str(error))}") from error
        variables = [v.value for v in solutions.variables]
        blank: dict[str, BlankNode] = {}
        # A listing repeats the same few terms (its document's region, unit and year, tier labels,
        # comparators) on every row: each distinct term is converted once, which was most of the
        # time between Oxigraph's answer and the rows (2.4 s of 7 s for 64,592 indicator rows).
        converted: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Term] = {}

        def neutral(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Term | None:
            if term is None:
                return None
            found = converted.get(term)
            if found is None:
                found = converted[term] = from_oxigraph_term(term, blank)
            return found

        rows = [[neutral(term) for term in solution] for solution in solutions]
        return QueryResult(variables, rows)


class RdflibEngine:
    """rdflib's in-memory engine: slower, kept as the reference the queries must agree with."""

    def __init__(self, quads: Sequence[Quad]) -> None:
        self.dataset = to_rdflib(in_named_graphs(quads))

    def select(self, text: str, bindings: dict[str, Term]) -> QueryResult:
        return _only_select(self.run(text, bindings))

    def run(self, text: str, bindings: dict[str, Term]) -> AnyResult:
        import rdflib
        from pyparsing import ParseException

        def term(t: Term) -> rdflib.term.Node:
            if isinstance(t, str):
                return rdflib.URIRef(t)
            assert isinstance(t, Literal)
            return rdflib.Literal(t.value, lang=t.lang, datatype=rdflib.URIRef(t.datatype) if t.datatype else None)

        try:
            result = self.dataset.query(text, initBindings={k: term(v) for k, v in bindings.items()})
        except ParseException as error:
            raise QueryError(f"SPARQL syntax error: {one_line(str(error))}") from error

        def neutral(node: rdflib.term.Node | None) -> Term | None:
            if node is None:
                return None
            if isinstance(node, rdflib.URIRef):
                return str(node)
            if isinstance(node, rdflib.BNode):
                return BlankNode(str(node))
            assert isinstance(node, rdflib.Literal)
            if node.language:
                return Literal(str(node), lang=node.language)
            datatype = str(node.datatype) if node.datatype else None
            return Literal(str(node), None if datatype == XSD + "string" else datatype)

        if result.type == "ASK":
            return AskResult(bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return GraphResult([(neutral(s), neutral(p), neutral(o), None) for s, p, o in result.graph])  # type: ignore[misc]
        variables = [str(v) for v in result.vars]
        return QueryResult(variables, [[neutral(row[v]) for v in result.vars] for row in result])


def run_query(
    query: StoredQuery | str, engine: Engine, params: dict[str, str] | None = None, limit: int | None = None
) -> QueryResult:
    """Run a library query (by name or StoredQuery) with parameters: the API for notebooks."""
    return _only_select(run_any_query(query, engine, params, limit))


def run_any_query(
    query: StoredQuery | str, engine: Engine, params: dict[str, str] | None = None, limit: int | None = None
) -> AnyResult:
    """Run a query of any form: SELECT rows, an ASK answer, or a CONSTRUCT or DESCRIBE graph."""
    stored = load_query(query) if isinstance(query, str) else query
    bindings = bind(stored, params or {})
    try:
        return engine.run(limited(stored.text, limit), bindings)
    except QueryError as error:  # named by its file (a syntax error's line and column are in it) or its name
        raise QueryError(f"{stored.path or stored.name}: {error}") from error
