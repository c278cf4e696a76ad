"""What a worker process does for a request: run a query or an update, describe a resource, or
describe the store, on the store it holds open; each job gives an :class:`Answer`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.quads import BlankNode, Quad, Term, from_oxigraph_term
from kg.store.query import QueryResult, one_line
from kg.store.results import to_csv, to_json, to_tsv, to_xml
from kg.web.answers import Answer, not_acceptable, rdf_bytes, text_answer
from kg.web.descriptions import store_description
from kg.web.negotiation import (
    GRAPH_TYPES,
    HTML_TYPE,
    RESOURCE_TYPES,
    SOLUTION_TYPES,
    MediaType,
    negotiate,
)
from kg.web.resolve import describe_first
from kg.web.resource_page import RESOURCE_CSP, ResourcePage, not_found_page
from kg.web.site import Site
from kg.web.sparql_lexer import refused_operation


@dataclass(frozen=True)
class Job:
    kind: str  # "query", "update", "resource" or "describe-store"
    text: str = ""
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()  # a query's dataset, when the request names one
    named_graphs: tuple[str, ...] = ()
    names_own_dataset: bool = False  # the query has FROM / FROM NAMED
    base_iri: str | None = None  # what relative IRIs in a query or update resolve against
    iris: tuple[str, ...] = ()  # a resource job's IRIs: those its path may stand for, in order
    page_url: str = ""  # the path and query the resource page was asked for (for its links)


class _TooLarge(Exception):
    pass


def _neutral(term: Any, blank: dict[str, BlankNode]) -> Term:
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return from_oxigraph_term(term, blank)
    raise KgError(f"results with {type(term).__name__} terms (RDF-star) cannot be written here")


def _bounded(items: Iterable[Any], max_rows: int, what: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if len(out) >= max_rows:
            raise _TooLarge(f"the result has more than {max_rows} {what}, the limit this server sets: add a LIMIT to the query (or ask its operator for a higher --max-rows)")
        out.append(item)
    return out


def _solutions(solutions: ox.QuerySolutions, media: MediaType, max_rows: int) -> bytes:
    variables = [v.value for v in solutions.variables]
    blank: dict[str, BlankNode] = {}
    rows = _bounded(([_neutral(s[v], blank) if s[v] is not None else None for v in variables] for s in solutions), max_rows, "rows")
    result = QueryResult(variables, rows)
    text = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[media.name](result)
    return text.encode("utf-8")


def _graph_bytes(triples: Iterable[tuple[Any, Any, Any]], media: MediaType) -> bytes:
    """Triples (Oxigraph terms), deduplicated, in an RDF format (kg.rdf.rdfio's serializers)."""
    blank: dict[str, BlankNode] = {}
    quads: set[Quad] = {(_neutral(s, blank), p.value, _neutral(o, blank), None) for s, p, o in triples}  # type: ignore[misc]
    return rdf_bytes(quads, media)


def _dataset_options(job: Job) -> dict[str, Any]:
    """The dataset a query runs on (SPARQL 1.1 Query §13.2, Protocol §2.1.4): the one the request
    names, whole (a graph list it leaves out is empty); else the query's own FROM / FROM NAMED,
    which Oxigraph reads when given no other; else the service's: all graphs as the default graph."""
    if job.default_graphs or job.named_graphs:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs], "named_graphs": [ox.NamedNode(g) for g in job.named_graphs]}
    if job.names_own_dataset:
        return {}
    return {"use_default_graph_as_union": True}


def run_query_job(store: ox.Store, job: Job, site: Site) -> Answer:
    refused = refused_operation(job.text, update=False)
    if refused:
        return text_answer(400, refused)
    try:
        result = store.query(job.text, base_iri=job.base_iri, **_dataset_options(job))
        if isinstance(result, ox.QueryBoolean):
            media = negotiate(job.accept, SOLUTION_TYPES, job.format)
            if media is None:
                return not_acceptable(SOLUTION_TYPES)
            fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[media.name]
            return Answer(200, result.serialize(format=fmt) or b"", media.media_type)
        if isinstance(result, ox.QuerySolutions):
            media = negotiate(job.accept, SOLUTION_TYPES, job.format)
            if media is None:
                return not_acceptable(SOLUTION_TYPES)
            return Answer(200, _solutions(result, media, site.max_rows), media.media_type)
        media = negotiate(job.accept, GRAPH_TYPES, job.format)
        if media is None:
            return not_acceptable(GRAPH_TYPES)
        triples = _bounded(((t.subject, t.predicate, t.object) for t in result), site.max_rows, "triples")
        return Answer(200, _graph_bytes(triples, media), media.media_type)
    except SyntaxError as error:
        return text_answer(400, f"SPARQL syntax error: {one_line(str(error))}")
    except _TooLarge as error:
        return text_answer(422, str(error))
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        return text_answer(500, f"the query failed: {one_line(str(error))}")


def run_update_job(store: ox.Store, job: Job, site: Site) -> Answer:
    if not site.allow_update:  # the server checks first; a worker never trusts that alone
        return text_answer(403, "updates are not allowed on this server (it is read-only)")
    refused = refused_operation(job.text, update=True)
    if refused:
        return text_answer(400, refused)
    try:
        store.update(job.text, base_iri=job.base_iri)
        store.flush()
    except SyntaxError as error:
        return text_answer(400, f"SPARQL syntax error: {one_line(str(error))}")
    except (OSError, RuntimeError, ValueError) as error:
        return text_answer(500, f"the update failed: {one_line(str(error))}")
    return Answer(204, b"")


def _uri(iri: str) -> str:
    """An IRI as a URI (for an HTTP header: non-ASCII percent-encoded)."""
    return quote(iri, safe="/:@!$&'()*+,;=-._~?#[]%")


def resource_not_found(iris: tuple[str, ...], accept: str | None, format_param: str | None, page_url: str = "") -> Answer:
    """404 for a resource: a page saying so to a browser, one line to anything else."""
    if negotiate(accept, RESOURCE_TYPES, format_param) is HTML_TYPE:
        page = not_found_page(page_url, iris).encode("utf-8")
        return Answer(404, page, "text/html; charset=utf-8", (("Content-Security-Policy", RESOURCE_CSP),))
    named = " or ".join(f"<{iri}>" for iri in iris) or "this path"
    return text_answer(404, f"nothing is known about {named} here")


def run_resource_job(store: ox.Store, job: Job, site: Site, *, hash_documents: bool = False) -> Answer:
    """The description of the first of the job's IRIs the store knows, in the format asked for;
    404 when it knows none (``hash_documents``: see kg.web.resolve.describe)."""
    found = describe_first([store], job.iris, site.max_rows, hash_documents=hash_documents)
    if found is None:
        return resource_not_found(job.iris, job.accept, job.format, job.page_url)
    _, description = found
    media = negotiate(job.accept, RESOURCE_TYPES, job.format)
    if media is None:
        return not_acceptable(RESOURCE_TYPES)
    headers = (("Link", f'<{_uri(description.iri)}>; rel="canonical"'),)
    if media is HTML_TYPE:
        page = ResourcePage(store, site, description.iri, description.outgoing, description.incoming, description.cut, job.page_url,
                            defined=description.defined)
        return Answer(200, page.render().encode("utf-8"), "text/html; charset=utf-8", headers + (("Content-Security-Policy", RESOURCE_CSP),))
    triples = [(t.subject, t.predicate, t.object) for t in description.triples]
    return Answer(200, _graph_bytes(triples, media), media.media_type, headers)


def run_describe_store_job(store: ox.Store, job: Job, site: Site) -> Answer:
    return Answer(200, b"", data=store_description(store, site.base))


def handle_job(store: ox.Store, job: Job, site: Site) -> Answer:
    handlers = {"query": run_query_job, "update": run_update_job, "resource": run_resource_job, "describe-store": run_describe_store_job}
    try:
        return handlers[job.kind](store, job, site)
    except KgError as error:
        return text_answer(400, str(error))
    except Exception as error:  # noqa: BLE001  a bug must answer 500 and leave the worker running
        return text_answer(500, f"internal error: {type(error).__name__}: {one_line(str(error))}")


__all__ = ["Job", "handle_job", "resource_not_found", "run_describe_store_job", "run_query_job", "run_resource_job", "run_update_job"]
