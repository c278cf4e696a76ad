"""`kg serve`: a SPARQL 1.1 Protocol endpoint, a query editor and resolvable IRIs (Starlette, uvicorn).

Routes (``create_app``):

- ``/sparql``: SPARQL 1.1 Protocol, GET and POST (``query=`` URL-encoded, or the query as the body
  with ``application/sparql-query``); SELECT and ASK results as JSON, XML, CSV or TSV, CONSTRUCT and
  DESCRIBE graphs as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by the Accept header (or
  ``format=``). Without a query it answers the query editor (a browser, ``Accept: text/html``) or
  the SPARQL service description (anything else). Updates are refused (403) unless ``allow_update``.
- ``/id/…`` (``resource_path``): the IRIs kg mints under the public ``base`` resolve here:
  ``GET /id/unit/623001`` describes ``{base}unit/623001``, as an HTML page with links to its
  neighbours or as Turtle / JSON-LD / N-Triples / RDF/XML by Accept. ``/resource?iri=…`` does the
  same for any IRI (the ontology's, say). A base behind a redirect (w3id.org) points at ``/id/``.
- ``/.well-known/void``: the dataset description (DCAT and VoID) with the endpoint's address.
- ``/ontology`` (the namespace ``https://w3id.org/cnbudget/ontology#`` behind its redirect): the
  ontology reference of ``kg docs`` for a browser (``#BudgetProject`` lands on the term), the
  ontology's Turtle files as one graph for RDF clients; the reference's pages under ``/ontology/``.
- ``/yasgui/…``: YASGUI, vendored in kg/web/assets/yasgui (served from here: the page loads nothing
  from elsewhere, and its Content-Security-Policy forbids it to).

Every query runs in a worker process that holds the store open read-only: a query that passes the
time limit is stopped by ending its process (Oxigraph cannot cancel a query any other way), and a
new worker takes its place. Results are bounded by a row limit (triples for graphs) and the request
body by a size limit; text shown in HTML is escaped.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import multiprocessing
import multiprocessing.connection
import os
import queue
import re
import shutil
import signal
import tempfile
import threading
import time
import weakref
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf import terms
from kg.rdf.iris import check_base, short_hash
from kg.rdf.namespaces import DCAT, DCT, LABEL, PREFIXES, RDF_TYPE, SKOS, VOID, XSD
from kg.rdf.quads import BlankNode, Literal, Quad, Term, from_oxigraph_term, to_oxigraph
from kg.rdf.rdfio import FORMATS, RdfFormat, serialize
from kg.store.query import OxigraphEngine, QueryResult, bind, library, one_line, with_values

if TYPE_CHECKING:  # imported where used: `import kg.web.serve` stays light for the workers
    from starlette.applications import Starlette
    from starlette.responses import Response

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# The library's whole-corpus aggregates take up to ~30 s over 10,000 disclosures on two cores
# (benchmarks/README.md); the limit leaves them room, as public endpoints do (Wikidata's is 60 s).
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_REQUEST_BYTES = 1_000_000
RESOURCE_PATH = "/id/"
ASSETS = Path(__file__).resolve().parent / "assets" / "yasgui"
SD = "http://www.w3.org/ns/sparql-service-description#"
W3_FORMATS = "http://www.w3.org/ns/formats/"
# How long a new worker may take to start and open the store.
WORKER_START_S = 120.0


class ServeError(KgError):
    """The server cannot start: the store cannot be opened, or an option is invalid."""


# ---- formats and content negotiation -------------------------------------------------------


@dataclass(frozen=True)
class MediaType:
    name: str  # also accepted as ``format=NAME``
    media_type: str
    aliases: tuple[str, ...] = ()
    w3_format: str | None = None  # the http://www.w3.org/ns/formats/ IRI (service description)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


SOLUTION_TYPES = (
    MediaType("json", "application/sparql-results+json", ("application/json",), "SPARQL_Results_JSON"),
    MediaType("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "SPARQL_Results_XML"),
    MediaType("csv", "text/csv", (), "SPARQL_Results_CSV"),
    MediaType("tsv", "text/tab-separated-values", (), "SPARQL_Results_TSV"),
)
GRAPH_TYPES = (
    MediaType("turtle", "text/turtle", ("application/x-turtle",), "Turtle"),
    MediaType("n-triples", "application/n-triples", ("text/plain",), "N-Triples"),
    MediaType("json-ld", "application/ld+json", ("application/json",), "JSON-LD"),
    MediaType("rdf-xml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF_XML"),
)
HTML_TYPE = MediaType("html", "text/html", ("application/xhtml+xml",))
# Resource pages: Turtle for curl (*/*), HTML for browsers (they ask for text/html by name).
RESOURCE_TYPES = (GRAPH_TYPES[0], HTML_TYPE, *GRAPH_TYPES[1:])
_FORMAT_ALIASES = {"ttl": "turtle", "nt": "n-triples", "ntriples": "n-triples", "jsonld": "json-ld", "rdfxml": "rdf-xml", "rdf": "rdf-xml"}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their quality (malformed q counts as 0)."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges


def _quality(ranges: list[tuple[str, float]], media_type: str) -> float:
    """The quality the most specific matching range gives ``media_type`` (RFC 9110 §12.5.1)."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] | None = None
    for media, quality in ranges:
        if media == media_type:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0] or (specificity == best[0] and quality > best[1]):
            best = (specificity, quality)
    return best[1] if best else 0.0


def negotiate(accept: str | None, offered: Sequence[MediaType], format_param: str | None = None) -> MediaType | None:
    """The offered type the client prefers (ties go to the first offered); None: nothing acceptable.

    ``format_param`` (``?format=csv`` or a media type) overrides the Accept header, for links and
    for clients that cannot set headers.
    """
    if format_param:
        wanted = format_param.strip().lower()
        wanted = _FORMAT_ALIASES.get(wanted, wanted)
        return next((t for t in offered if wanted == t.name or wanted in t.names), None)
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    best: MediaType | None = None
    best_quality = 0.0
    exact = dict(ranges[::-1])  # the first q given for a range wins
    for offer in offered:
        # Wildcards match an offer's own media type; an alias (text/xml for XML results) only by name.
        quality = max([_quality(ranges, offer.media_type)] + [exact.get(alias, 0.0) for alias in offer.aliases])
        if quality > best_quality:
            best, best_quality = offer, quality
    return best


def _not_acceptable(offered: Sequence[MediaType]) -> "Answer":
    return Answer(406, ("not acceptable: this answer is available as " + ", ".join(t.media_type for t in offered) + "\n").encode())


def _rdf_format(media: MediaType) -> RdfFormat:
    return next(f for f in FORMATS if f.name == media.name)


# ---- SPARQL text checks --------------------------------------------------------------------

_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_FORBIDDEN = {
    "SERVICE": "federated queries (SERVICE) are not allowed: this server fetches nothing from the network",
    "LOAD": "LOAD is not allowed: this server fetches nothing from the network",
}


def _code_only(text: str) -> str:
    """The SPARQL text with comments, strings and IRIs blanked, so keywords can be looked for."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            out.append(" ")
            continue
        if ch in "\"'":
            delimiter = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(delimiter)
            while j < n and not text.startswith(delimiter, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(delimiter)
            out.append(" ")
            continue
        if ch == "<":
            match = _IRIREF.match(text, i)
            if match:
                i = match.end()
                out.append(" ")
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def refused_operation(text: str, update: bool) -> str | None:
    """Why the query or update must not run here (it would fetch from the network), or None."""
    code = _code_only(text)
    for keyword in ("SERVICE", "LOAD") if update else ("SERVICE",):
        if re.search(rf"(?<![\w?$:.\-]){keyword}(?![\w:\-])", code, re.IGNORECASE):
            return _FORBIDDEN[keyword]
    return None


# ---- jobs run by the workers ----------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What the workers need to know about the site (picklable: it goes to each worker)."""

    base: str
    resource_path: str
    max_rows: int
    allow_update: bool


@dataclass(frozen=True)
class Job:
    kind: str  # "query", "update", "resource" or "describe-store"
    text: str = ""
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    iri: str = ""
    page_url: str = ""  # the path and query the resource page was asked for (for its links)


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    data: Any = None  # for jobs whose result is used by the server (describe-store)


def _text_answer(status: int, message: str) -> Answer:
    return Answer(status, (message.rstrip("\n") + "\n").encode("utf-8"))


class _TooLarge(Exception):
    pass


def _neutral(term: Any, blank: dict[str, BlankNode]) -> Term:
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return from_oxigraph_term(term, blank)
    raise KgError(f"results with {type(term).__name__} terms (RDF-star) cannot be written here")


def run_query_job(store: ox.Store, job: Job, site: Site) -> Answer:
    refused = refused_operation(job.text, update=False)
    if refused:
        return _text_answer(400, refused)
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.text, **options)
        if isinstance(result, ox.QueryBoolean):
            media = negotiate(job.accept, SOLUTION_TYPES, job.format)
            if media is None:
                return _not_acceptable(SOLUTION_TYPES)
            fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[media.name]
            return Answer(200, result.serialize(format=fmt) or b"", media.media_type)
        if isinstance(result, ox.QuerySolutions):
            media = negotiate(job.accept, SOLUTION_TYPES, job.format)
            if media is None:
                return _not_acceptable(SOLUTION_TYPES)
            return Answer(200, _solutions(result, media, site.max_rows), media.media_type)
        media = negotiate(job.accept, GRAPH_TYPES, job.format)
        if media is None:
            return _not_acceptable(GRAPH_TYPES)
        triples = _bounded(((t.subject, t.predicate, t.object) for t in result), site.max_rows, "triples")
        return Answer(200, _graph_bytes(triples, media), media.media_type)
    except SyntaxError as error:
        return _text_answer(400, f"SPARQL syntax error: {one_line(str(error))}")
    except _TooLarge as error:
        return _text_answer(422, str(error))
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        return _text_answer(500, f"the query failed: {one_line(str(error))}")


def _bounded(items: Iterable[Any], max_rows: int, what: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if len(out) >= max_rows:
            raise _TooLarge(f"the result has more than {max_rows} {what}, the limit this server sets: add a LIMIT to the query (or ask its operator for a higher --max-rows)")
        out.append(item)
    return out


def _solutions(solutions: ox.QuerySolutions, media: MediaType, max_rows: int) -> bytes:
    from kg.store.results import to_csv, to_json, to_tsv, to_xml

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
    return serialize(quads, _rdf_format(media), used_prefixes(quads))


def used_prefixes(quads: Iterable[Quad]) -> dict[str, str]:
    """kg's prefixes that the quads use (so a small answer does not open with sixteen of them)."""
    namespaces: set[str] = set()
    for s, p, o, _ in quads:
        for term in (s, p, o):
            if isinstance(term, str):
                namespaces.add(re.sub(r"[^/#]*$", "", term))
            elif isinstance(term, Literal) and term.datatype:
                namespaces.add(re.sub(r"[^/#]*$", "", term.datatype))
    return {prefix: ns for prefix, ns in PREFIXES.items() if any(n.startswith(ns) for n in namespaces)}


def run_update_job(store: ox.Store, job: Job, site: Site) -> Answer:
    if not site.allow_update:  # the server checks first; a worker never trusts that alone
        return _text_answer(403, "updates are not allowed on this server (it is read-only)")
    refused = refused_operation(job.text, update=True)
    if refused:
        return _text_answer(400, refused)
    try:
        store.update(job.text)
        store.flush()
    except SyntaxError as error:
        return _text_answer(400, f"SPARQL syntax error: {one_line(str(error))}")
    except (OSError, RuntimeError, ValueError) as error:
        return _text_answer(500, f"the update failed: {one_line(str(error))}")
    return Answer(204, b"")


def _dedupe(quads: Iterable[ox.Quad], limit: int) -> tuple[list[ox.Triple], bool]:
    """Triples of the quads, each once (the union of graphs repeats them), and whether cut at limit."""
    seen: dict[ox.Triple, None] = {}
    for quad in quads:
        seen.setdefault(quad.triple, None)
        if len(seen) > limit:
            return list(seen)[:limit], True
    return list(seen), False


LABEL_PREDICATES = (LABEL, SKOS + "prefLabel", DCT + "title")


def _label(store: ox.Store, node: Any) -> str | None:
    """A label for a page: Chinese first, then English, then any."""
    if not isinstance(node, ox.NamedNode):
        return None
    found: dict[str, str] = {}
    for predicate in LABEL_PREDICATES:
        for quad in store.quads_for_pattern(node, ox.NamedNode(predicate), None, None):
            if isinstance(quad.object, ox.Literal):
                found.setdefault(quad.object.language or "", quad.object.value)
        if found:
            break
    for language in ("zh", "en", ""):
        if language in found:
            return found[language]
    return next(iter(found.values()), None)


def run_resource_job(store: ox.Store, job: Job, site: Site) -> Answer:
    node = ox.NamedNode(job.iri)
    outgoing, out_cut = _dedupe(store.quads_for_pattern(node, None, None, None), site.max_rows)
    incoming, in_cut = _dedupe(store.quads_for_pattern(None, None, node, None), site.max_rows)
    if not outgoing and not incoming:
        return _text_answer(404, f"nothing is known about <{job.iri}> here")
    media = negotiate(job.accept, RESOURCE_TYPES, job.format)
    if media is None:
        return _not_acceptable(RESOURCE_TYPES)
    headers = (("Link", f'<{_uri(job.iri)}>; rel="canonical"'),)
    if media is HTML_TYPE:
        page = ResourcePage(store, site, job.iri, outgoing, incoming, out_cut or in_cut, job.page_url)
        return Answer(200, page.render().encode("utf-8"), "text/html; charset=utf-8", headers + (("Content-Security-Policy", RESOURCE_CSP),))
    triples = [(t.subject, t.predicate, t.object) for t in outgoing + incoming]
    return Answer(200, _graph_bytes(triples, media), media.media_type, headers)


def _uri(iri: str) -> str:
    """An IRI as a URI (for an HTTP header: non-ASCII percent-encoded)."""
    return quote(iri, safe="/:@!$&'()*+,;=-._~?#[]%")


def run_describe_store_job(store: ox.Store, job: Job, site: Site) -> Answer:
    return Answer(200, b"", data=store_description(store, site.base))


def store_description(store: ox.Store, base: str) -> list[Quad]:
    """A DCAT / VoID description of a store, for one served without the one ``kg build`` writes.

    The dataset IRI follows kg.rdf.dataset.dataset_iri: ``…/{unit}/{year}/dataset`` for one
    disclosure, ``{base}dataset/{hash of the documents' SHA-256}`` for several.
    """
    def select(text: str) -> list[list[Any]]:
        solutions = store.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return [[s[v] for v in solutions.variables] for s in solutions]

    shas = sorted(row[0].value for row in select(f"SELECT DISTINCT ?sha WHERE {{ ?doc <{terms.sha256}> ?sha }}"))
    budgets = [row[0].value for row in select(f"SELECT DISTINCT ?b WHERE {{ ?b a <{terms.DepartmentBudget}> }} LIMIT 2")]
    if len(shas) == 1 and len(budgets) == 1:
        dataset = budgets[0] + "/dataset"
    else:
        dataset = f"{base}dataset/{short_hash(' '.join(shas))}"
    count = select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }")[0][0]
    out: list[Quad] = []

    def add(p: str, o: Term, s: str = dataset) -> None:
        out.append((s, p, o, None))

    add(RDF_TYPE, DCAT + "Dataset")
    add(RDF_TYPE, VOID + "Dataset")
    add(DCT + "title", Literal(f"Budget performance goals and indicators: {len(shas)} disclosure(s)", lang="en"))
    add(DCT + "title", Literal(f"预算绩效目标与指标（{len(shas)} 份预算公开文件）", lang="zh"))
    add(DCT + "conformsTo", terms.ONTOLOGY)
    add(VOID + "triples", Literal(str(int(count.value)), XSD + "integer"))
    add(VOID + "uriSpace", Literal(base))
    namespaces = set()
    for (predicate,) in select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }"):
        namespaces.add(re.sub(r"[^/#]*$", "", predicate.value))
    for namespace in sorted(namespaces):
        add(VOID + "vocabulary", namespace)
    for sha in shas:
        add(DCT + "source", f"{base}source/{sha}")
    return out


def handle_job(store: ox.Store, job: Job, site: Site) -> Answer:
    handlers = {"query": run_query_job, "update": run_update_job, "resource": run_resource_job, "describe-store": run_describe_store_job}
    try:
        return handlers[job.kind](store, job, site)
    except KgError as error:
        return _text_answer(400, str(error))
    except Exception as error:  # a bug must answer 500 and leave the worker running
        return _text_answer(500, f"internal error: {type(error).__name__}: {one_line(str(error))}")


def _worker_main(conn: multiprocessing.connection.Connection, store_dir: str, writable: bool, site: Site) -> None:
    """A worker process: open the store once, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    try:
        store = ox.Store(store_dir) if writable else ox.Store.read_only(store_dir)
    except OSError as error:
        conn.send(_text_answer(500, f"{store_dir}: cannot open the store: {error}"))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        if job is None:
            return
        conn.send(handle_job(store, job, site))


# ---- the worker pool ------------------------------------------------------------------------


@dataclass(eq=False)  # compared and hashed by identity
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    ready: bool = False


class WorkerPool:
    """Worker processes that answer jobs, each within a time limit (a late one is ended)."""

    def __init__(self, store_dir: str | Path, site: Site, size: int, *, writable: bool = False) -> None:
        self.store_dir = str(store_dir)
        self.site = site
        self.size = size
        self.writable = writable
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self.replaced = 0  # workers ended for passing the time limit (or dying)

    def start(self) -> None:
        """Start the workers and wait until each has opened the store (ServeError if one cannot)."""
        with self._lock:
            if self._started:
                return
            self._started = True
            workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._wait_ready(worker)
        except ServeError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, self.store_dir, self.writable, self.site), daemon=True, name="kg-serve-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        if not worker.conn.poll(WORKER_START_S):
            self._end(worker)
            raise ServeError(f"a query worker did not start within {WORKER_START_S:.0f} s")
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._end(worker)
            raise ServeError("a query worker stopped while starting") from None
        if message != "ready":
            self._end(worker)
            raise ServeError(message.body.decode("utf-8").strip() if isinstance(message, Answer) else "a query worker could not start")
        worker.ready = True

    def _end(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
        self._workers.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        self._end(worker)
        self.replaced += 1
        if not self._closed:
            self._idle.put(self._spawn())  # it starts while it waits for its first job

    @property
    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in list(self._workers) if w.process.pid is not None)

    def run(self, job: Job, timeout_s: float | None) -> Answer:
        """Run a job on an idle worker; 503 when none frees up, or the job passes, the time limit."""
        if not self._started:
            self.start()
        if self._closed:
            return _text_answer(503, "the server is shutting down")
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            return _text_answer(503, f"the server is busy: no query worker became free within {timeout_s:g} s; try again later")
        finished = False
        try:
            self._wait_ready(worker)
            worker.conn.send(job)
            if worker.conn.poll(timeout_s):
                answer = worker.conn.recv()
                finished = True
                return answer
            return _text_answer(503, f"the query ran longer than the time limit of {timeout_s:g} s this server sets, and was stopped: make it more selective (or ask its operator for a higher --timeout)")
        except ServeError as error:
            return _text_answer(500, str(error))
        except (EOFError, OSError):
            return _text_answer(500, "the query worker stopped unexpectedly (out of memory?); the query was not answered")
        finally:
            if finished:
                self._idle.put(worker)
            else:
                self._replace(worker)

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 3
        for worker in list(self._workers):
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._end(worker)


# ---- pages ----------------------------------------------------------------------------------

EDITOR_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
RESOURCE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
_STYLE = """
body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin: .2em 0; } h2 { font-size: 1.15em; margin-top: 1.5em; }
.iri { font-family: ui-monospace, monospace; font-size: .85em; color: #555; word-break: break-all; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; vertical-align: top; padding: .3em .6em; border-bottom: 1px solid #ddd; }
th { background: #f4f4f4; } td.p { white-space: nowrap; width: 1%; } td.p .iri { word-break: normal; } small { color: #777; } nav a { margin-right: .8em; } .note { color: #a60; }
"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


class ResourcePage:
    """The HTML page of one resource: what it says, and what refers to it; every text escaped."""

    def __init__(self, store: ox.Store, site: Site, iri: str, outgoing: list[ox.Triple], incoming: list[ox.Triple], cut: bool, page_url: str) -> None:
        self.store, self.site, self.iri = store, site, iri
        self.outgoing, self.incoming, self.cut, self.page_url = outgoing, incoming, cut, page_url
        self._labels: dict[str, str | None] = {}

    def label(self, node: Any) -> str | None:
        if not isinstance(node, ox.NamedNode):
            return None
        if node.value not in self._labels:
            self._labels[node.value] = _label(self.store, node)
        return self._labels[node.value]

    def href(self, iri: str) -> str:
        return local_path(iri, self.site)

    def link(self, node: Any, show_label: bool = True) -> str:
        from kg.store.results import short_iri

        if isinstance(node, ox.NamedNode):
            label = self.label(node) if show_label else None
            text = _escape(label) if label else f'<span class="iri">{_escape(short_iri(node.value))}</span>'
            return f'<a href="{_escape(self.href(node.value))}" title="{_escape(node.value)}">{text}</a>'
        if isinstance(node, ox.BlankNode):
            return f'<span class="iri">_:{_escape(node.value)}</span>'
        return self.literal(node)

    @staticmethod
    def literal(node: ox.Literal) -> str:
        from kg.store.results import short_iri

        text = _escape(node.value).replace("\n", "<br>")
        if node.language:
            return f'{text} <small>@{_escape(node.language)}</small>'
        datatype = node.datatype.value
        if datatype == XSD + "string":
            return text
        return f"{text} <small>{_escape(short_iri(datatype))}</small>"

    def format_link(self, name: str, title: str) -> str:
        path, _, query = self.page_url.partition("?")
        params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "format"] + [("format", name)]
        return f'<a href="{_escape(path + "?" + urlencode(params))}">{_escape(title)}</a>'

    def render(self) -> str:
        from kg.store.results import short_iri

        node = ox.NamedNode(self.iri)
        title = self.label(node) or short_iri(self.iri)
        kinds = sorted({self.link(t.object) for t in self.outgoing if t.predicate.value == RDF_TYPE})

        def key(t: ox.Triple) -> tuple:
            return (t.predicate.value != RDF_TYPE, short_iri(t.predicate.value), str(t.object))

        out_rows = "\n".join(f"<tr><td class=\"p\">{self.link(t.predicate, False)}</td><td>{self.link(t.object)}</td></tr>" for t in sorted(self.outgoing, key=key))
        in_rows = "\n".join(f"<tr><td>{self.link(t.subject)}</td><td class=\"p\">{self.link(t.predicate, False)}</td></tr>"
                            for t in sorted(self.incoming, key=lambda t: (short_iri(t.predicate.value), str(t.subject))))
        note = f'<p class="note">Only the first {self.site.max_rows} statements each way are shown; query <a href="/sparql">/sparql</a> for the rest.</p>' if self.cut else ""
        formats = " ".join(self.format_link(name, title) for name, title in (("turtle", "Turtle"), ("json-ld", "JSON-LD"), ("n-triples", "N-Triples"), ("rdf-xml", "RDF/XML")))
        return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{_escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<p class="iri">{_escape(self.iri)}</p>
<h1>{_escape(title)}</h1>
<p>{" · ".join(kinds)}</p>
<nav>{formats} <a href="/sparql">SPARQL</a> <a href="/.well-known/void">Dataset</a></nav>
</header>
{note}
<h2>Statements ({len(self.outgoing)})</h2>
<table><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
{out_rows}
</tbody></table>
<h2>Referred to by ({len(self.incoming)})</h2>
<table><thead><tr><th>resource</th><th>property</th></tr></thead><tbody>
{in_rows}
</tbody></table>
</body>
</html>
"""


def local_path(iri: str, site: Site) -> str:
    """Where this server shows an IRI: under resource_path for the base's IRIs, else /resource?iri=."""
    if iri.startswith(site.base) and len(iri) > len(site.base):
        return site.resource_path + quote(iri[len(site.base):], safe="/:@!$&'()*+,;=-._~")
    return "/resource?" + urlencode({"iri": iri})


def iri_of_path(path: str, site: Site) -> str | None:
    """The IRI a request path under resource_path stands for (``/id/unit/1`` → ``{base}unit/1``)."""
    if not path.startswith(site.resource_path) or len(path) == len(site.resource_path):
        return None
    return site.base + path[len(site.resource_path):]


EDITOR_JS = """// kg serve: YASGUI on this server's endpoint, with the query library as examples.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).href;
  var examples = JSON.parse(document.getElementById("kg-examples").textContent);
  // Only completions that need no network: the LOV look-ups for classes and properties are off.
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: root.getAttribute("data-default-query") }
  });
  window.kgYasgui = yasgui;
  document.querySelectorAll("button[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples[Number(button.getAttribute("data-example"))];
      var tab = yasgui.addTab(true, Object.assign({}, Yasgui.Tab.getDefaults(yasgui), {
        name: example.title, yasqe: { value: example.query }
      }));
      tab.setQuery(example.query);
    });
  });
})();
"""

EDITOR_CSS = """
body { margin: 0; font: 15px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; color: #222; }
header { padding: .8em 1.2em .4em; border-bottom: 1px solid #ddd; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } header p { margin: .2em 0; }
#examples button { margin: .15em .3em .15em 0; padding: .2em .6em; font: inherit; font-size: .9em; cursor: pointer; }
#yasgui { padding: 0 1em; }
code { font-size: .9em; }
"""

DEFAULT_EDITOR_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# What kinds of things the graph holds, and how many of each.
SELECT ?class (COUNT(DISTINCT ?thing) AS ?things)
WHERE { ?thing a ?class }
GROUP BY ?class
ORDER BY DESC(?things)
"""


def editor_examples() -> list[dict[str, str]]:
    """The query library as editor examples: each query with its parameters' defaults bound."""
    examples = []
    for query in library().values():
        text = with_values(query.text, bind(query, {}))
        examples.append({"name": query.name, "title": query.title, "description": query.description, "query": text})
    return examples


def _script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json">: no "</script>", no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def editor_page(title: str, examples: list[dict[str, str]], update_allowed: bool) -> str:
    buttons = "\n".join(
        f'<button type="button" data-example="{i}" title="{_escape(e["description"])}">{_escape(e["title"])}</button>'
        for i, e in enumerate(examples))
    mode = "reads and updates" if update_allowed else "read-only"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{_escape(title)} · SPARQL</title>
<link rel="stylesheet" href="/yasgui/yasgui.min.css">
<link rel="stylesheet" href="/editor.css">
</head>
<body>
<header>
<h1>{_escape(title)}</h1>
<p>SPARQL 1.1 endpoint <code>/sparql</code> ({mode}) · <a href="/.well-known/void">dataset description</a></p>
<nav id="examples" aria-label="Example queries">Examples: {buttons}</nav>
</header>
<div id="yasgui" data-endpoint="/sparql" data-default-query="{_escape(DEFAULT_EDITOR_QUERY)}"></div>
<script type="application/json" id="kg-examples">{_script_json(examples)}</script>
<script src="/yasgui/yasgui.min.js"></script>
<script src="/editor.js"></script>
</body>
</html>
"""


# ---- descriptions ---------------------------------------------------------------------------


def service_description(endpoint: str, allow_update: bool, void_url: str) -> list[Quad]:
    """The SPARQL 1.1 Service Description of this endpoint."""
    out: list[Quad] = []

    def add(s: str | BlankNode, p: str, o: Term) -> None:
        out.append((s, p, o, None))  # type: ignore[arg-type]

    add(endpoint, RDF_TYPE, SD + "Service")
    add(endpoint, SD + "endpoint", endpoint)
    add(endpoint, SD + "supportedLanguage", SD + "SPARQL11Query")
    if allow_update:
        add(endpoint, SD + "supportedLanguage", SD + "SPARQL11Update")
    add(endpoint, SD + "feature", SD + "UnionDefaultGraph")
    for media in (*SOLUTION_TYPES, *GRAPH_TYPES):
        add(endpoint, SD + "resultFormat", W3_FORMATS + str(media.w3_format))
    dataset = BlankNode("dataset")
    graph = BlankNode("defaultGraph")
    add(endpoint, SD + "defaultDataset", dataset)
    add(dataset, RDF_TYPE, SD + "Dataset")
    add(dataset, SD + "defaultGraph", graph)
    add(graph, RDF_TYPE, SD + "Graph")
    add(endpoint, "http://www.w3.org/2000/01/rdf-schema#seeAlso", void_url)
    return out


def served_description(description: Sequence[Quad], origin: str) -> list[Quad]:
    """The dataset description with where this server offers it: its endpoint and IRI look-up."""
    datasets = sorted({s for s, p, o, _ in description if p == RDF_TYPE and o == VOID + "Dataset" and isinstance(s, str)})
    endpoint = origin + "/sparql"
    extra: list[Quad] = []
    for dataset in datasets:
        extra += [
            (dataset, VOID + "sparqlEndpoint", endpoint, None),
            (dataset, VOID + "uriLookupEndpoint", origin + "/resource?iri=", None),
            (endpoint, RDF_TYPE, DCAT + "DataService", None),
            (endpoint, DCAT + "endpointURL", endpoint, None),
            (endpoint, DCAT + "servesDataset", dataset, None),
            (endpoint, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/", None),
        ]
    return list(description) + extra


# ---- sources --------------------------------------------------------------------------------


def _is_store_dir(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def _materialise(source: Any) -> tuple[Path, bool]:
    """A store folder holding the source: (folder, whether it is a temporary copy of ours)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not _is_store_dir(path):
            raise ServeError(f"{path}: no kg store here; create one with `kg build INPUT... --store {path}`")
        return path, False
    if isinstance(source, OxigraphEngine):
        source = source.store
    if isinstance(source, ox.Store):
        data = source.dump(format=ox.RdfFormat.N_QUADS)
    else:
        data = ox.serialize(to_oxigraph(list(source)), format=ox.RdfFormat.N_QUADS)
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        store = ox.Store(str(folder / "store"))
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder / "store", True


# ---- the application ------------------------------------------------------------------------


@dataclass
class ServerState:
    """What the handlers share: the settings, the pool and the pages made once."""

    site: Site
    pool: WorkerPool
    timeout_s: float | None
    max_request_bytes: int
    title: str
    description: list[Quad] | None
    examples: list[dict[str, str]] = field(default_factory=list)
    temporary: Path | None = None
    docs: dict[str, bytes] | None = None  # the ontology reference, made at its first request
    docs_lock: threading.Lock = field(default_factory=threading.Lock)


def create_app(
    source: Any,
    *,
    base: str = "https://w3id.org/cnbudget/id/",
    allow_update: bool = False,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    workers: int | None = None,
    description: Sequence[Quad] | None = None,
    title: str = "kg: budget performance knowledge graph",
    resource_path: str = RESOURCE_PATH,
) -> Starlette:
    """The ASGI application serving ``source``.

    ``source``: a store folder (``kg build --store``), a pyoxigraph Store, an OxigraphEngine, or
    neutral quads. Anything but a folder is copied into a temporary store (removed at shutdown), so
    that worker processes can open it. ``base``: the public base of the IRIs that resolve under
    ``resource_path``. ``timeout_s``: the time limit of one query (None: none); ``max_rows``: the
    most rows (or triples) a result may have. ``workers``: query processes (default: one per core;
    one when updates are allowed, which it then runs on the store itself). ``description``: the
    DCAT/VoID quads served at /.well-known/void (default: a description made from the store).
    """
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    check_base(base)
    if not resource_path.startswith("/") or not resource_path.endswith("/") or resource_path in ("/", "/sparql/", "/yasgui/", ONTOLOGY_PATH + "/"):
        raise ServeError(f"resource path {resource_path!r} must be a folder such as /id/")
    if max_rows < 1:
        raise ServeError("--max-rows must be at least 1")
    if timeout_s is not None and timeout_s <= 0:
        raise ServeError("--timeout must be more than 0 seconds")
    site = Site(base, resource_path, max_rows, allow_update)
    store_dir, temporary = _materialise(source)
    size = 1 if allow_update else (workers or os.cpu_count() or 1)
    state = ServerState(
        site=site, pool=WorkerPool(store_dir, site, size, writable=allow_update), timeout_s=timeout_s,
        max_request_bytes=max_request_bytes, title=title, description=list(description) if description is not None else None,
        examples=editor_examples(), temporary=store_dir.parent if temporary else None,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        import anyio.to_thread

        try:
            await anyio.to_thread.run_sync(state.pool.start)
            yield
        finally:
            await anyio.to_thread.run_sync(state.pool.close)
            if state.temporary is not None:
                shutil.rmtree(state.temporary, ignore_errors=True)

    routes = [
        Route("/", _home),
        Route("/sparql", _sparql, methods=["GET", "POST"]),
        Route("/editor.js", _static_text(EDITOR_JS, "text/javascript")),
        Route("/editor.css", _static_text(EDITOR_CSS, "text/css")),
        Route("/.well-known/void", _void),
        Route("/resource", _resource),
        Route(resource_path.rstrip("/") + "/{rest:path}", _resource),
        Route(ONTOLOGY_PATH, _ontology),
        Route(ONTOLOGY_PATH + "/", _ontology),
        Route(ONTOLOGY_PATH + "/{name}", _ontology_file),
        Mount("/yasgui", app=StaticFiles(directory=str(ASSETS)), name="yasgui"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.kg = state
    if state.temporary is not None:  # also when the app is never served, or not shut down
        weakref.finalize(app, shutil.rmtree, state.temporary, True)
    return app


_SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _response(answer: Answer, vary: bool = True) -> Response:
    from starlette.responses import Response

    headers = dict(_SECURITY_HEADERS)
    headers.update(answer.headers)
    if vary:
        headers["Vary"] = "Accept"
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


def _state(request: Any) -> ServerState:
    return request.app.state.kg


def _origin(request: Any) -> str:
    return str(request.base_url).rstrip("/")


async def _run(request: Any, job: Job) -> Answer:
    import anyio.to_thread

    state = _state(request)
    return await anyio.to_thread.run_sync(state.pool.run, job, state.timeout_s)


def _static_text(text: str, media_type: str) -> Any:
    body = text.encode("utf-8")

    async def endpoint(request: Any) -> Any:
        return _response(Answer(200, body, media_type), vary=False)

    return endpoint


async def _home(request: Any) -> Any:
    from starlette.responses import RedirectResponse

    return RedirectResponse("/sparql", status_code=303)


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _body(request: Any, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _BadRequest(413, f"the request is larger than {limit} bytes, the limit this server sets")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _BadRequest(413, f"the request is larger than {limit} bytes, the limit this server sets")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _BadRequest(400, "the request is not UTF-8") from None


@dataclass(frozen=True)
class _Operation:
    kind: str  # "query", "update" or "none"
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _graphs(pairs: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    values = tuple(v for k, v in pairs if k == name)
    for value in values:
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise _BadRequest(400, f"{name} {value!r} is not an absolute IRI")
    return values


def _operation(pairs: list[tuple[str, str]], body_kind: str | None = None, body: str = "") -> _Operation:
    queries = [v for k, v in pairs if k == "query"]
    updates = [v for k, v in pairs if k == "update"]
    if body_kind == "query":
        queries.append(body)
    elif body_kind == "update":
        updates.append(body)
    if len(queries) + len(updates) > 1:
        raise _BadRequest(400, "give one query or one update per request")
    default_graphs = _graphs(pairs, "default-graph-uri") + _graphs(pairs, "using-graph-uri")
    named_graphs = _graphs(pairs, "named-graph-uri") + _graphs(pairs, "using-named-graph-uri")
    if updates:
        if default_graphs or named_graphs:
            raise _BadRequest(400, "using-graph-uri and using-named-graph-uri are not supported; name the graphs in the update")
        return _Operation("update", updates[0])
    if queries:
        return _Operation("query", queries[0], default_graphs, named_graphs)
    return _Operation("none")


async def _read_operation(request: Any, limit: int) -> _Operation:
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return _operation(url_pairs)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request, limit)
    if content_type == "application/x-www-form-urlencoded":
        return _operation(url_pairs + parse_qsl(_decode(body), keep_blank_values=True))
    if content_type == "application/sparql-query":
        return _operation(url_pairs, "query", _decode(body))
    if content_type == "application/sparql-update":
        return _operation(url_pairs, "update", _decode(body))
    raise _BadRequest(415, "POST a query as application/x-www-form-urlencoded (query=…) or as application/sparql-query")


async def _sparql(request: Any) -> Any:
    state = _state(request)
    if len(request.url.query) > state.max_request_bytes:
        return _response(_text_answer(414, f"the URL is longer than {state.max_request_bytes} bytes, the limit this server sets; POST the query"))
    try:
        operation = await _read_operation(request, state.max_request_bytes)
    except _BadRequest as error:
        return _response(_text_answer(error.status, str(error)))
    accept = request.headers.get("accept")
    format_param = request.query_params.get("format")
    if operation.kind == "none":
        if request.method == "POST":
            return _response(_text_answer(400, "no query: give query=… (or update=…)"))
        if negotiate(accept, RESOURCE_TYPES, format_param) is HTML_TYPE:
            page = editor_page(state.title, state.examples, state.site.allow_update)
            return _response(Answer(200, page.encode("utf-8"), "text/html; charset=utf-8", (("Content-Security-Policy", EDITOR_CSP),)))
        endpoint = _origin(request) + "/sparql"
        quads = service_description(endpoint, state.site.allow_update, _origin(request) + "/.well-known/void")
        return _response(_rdf_answer(quads, accept, format_param))
    if operation.kind == "update":
        if not state.site.allow_update:
            return _response(_text_answer(403, "updates are not allowed: this server is read-only (start it with --allow-update to allow them)"))
        if request.method != "POST":
            return _response(_text_answer(405, "an update must be sent with POST"), vary=False)
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") != _origin(request):
            # A page elsewhere may not post updates here (a cross-site form): same origin only.
            return _response(_text_answer(403, f"updates from another site ({origin}) are not allowed"))
        job = Job("update", operation.text)
    else:
        job = Job("query", operation.text, accept, format_param, operation.default_graphs, operation.named_graphs)
    return _response(await _run(request, job))


def _rdf_answer(quads: Sequence[Quad], accept: str | None, format_param: str | None) -> Answer:
    media = negotiate(accept, GRAPH_TYPES, format_param)
    if media is None:
        return _not_acceptable(GRAPH_TYPES)
    return Answer(200, serialize(quads, _rdf_format(media), used_prefixes(quads)), media.media_type)


async def _void(request: Any) -> Any:
    import anyio.to_thread

    state = _state(request)
    if state.description is None:
        answer = await anyio.to_thread.run_sync(state.pool.run, Job("describe-store"), None)
        if answer.status != 200:
            return _response(answer)
        state.description = answer.data
    assert state.description is not None
    quads = served_description(state.description, _origin(request))
    answer = await anyio.to_thread.run_sync(_rdf_answer, quads, request.headers.get("accept"), request.query_params.get("format"))
    return _response(answer)


# ---- the ontology at its namespace IRI ------------------------------------------------------
# https://w3id.org/cnbudget/ontology (the namespace …/ontology#) redirects here as /ontology: a
# browser gets the reference (kg docs), an RDF client the ontology's Turtle files as one graph.
# The reference's own links are relative, so its pages live under /ontology/.

ONTOLOGY_PATH = "/ontology"
_DOC_TYPES = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8"}


def _docs(state: ServerState) -> dict[str, bytes] | Answer:
    """The reference's files, made once (pyLODE takes a second or two) by whichever request comes
    first; if they cannot be made, the answer saying why, also kept."""
    with state.docs_lock:
        if state.docs is None:
            from kg.web.docs import render_docs

            try:
                state.docs = render_docs()
            except KgError as error:
                state.docs = _text_answer(500, f"the ontology reference cannot be made here: {error}")
        return state.docs


def _doc_answer(state: ServerState, name: str) -> Answer:
    docs = _docs(state)
    if isinstance(docs, Answer):
        return docs
    data = docs.get(name)
    suffix = Path(name).suffix
    if data is None or suffix not in _DOC_TYPES:
        return _text_answer(404, f"the ontology reference has no page {name!r}: see {ONTOLOGY_PATH}/")
    headers = (("Content-Security-Policy", RESOURCE_CSP),) if suffix == ".html" else ()
    return Answer(200, data, _DOC_TYPES[suffix], headers)


def _ontology_answer(state: ServerState, path: str, query: str, accept: str | None, format_param: str | None) -> Answer:
    media = negotiate(accept, RESOURCE_TYPES, format_param)
    if media is None:
        return _not_acceptable(RESOURCE_TYPES)
    if media is HTML_TYPE:
        if not path.endswith("/"):
            return Answer(303, b"", headers=(("Location", ONTOLOGY_PATH + "/" + (f"?{query}" if query else "")),))
        return _doc_answer(state, "index.html")
    return Answer(200, _ontology_bytes(media.name), media.media_type)


@functools.cache
def _ontology_bytes(format_name: str) -> bytes:
    from kg.build import ontology_quads

    quads = [(s, p, o, None) for s, p, o, _ in ontology_quads()]
    media = next(t for t in GRAPH_TYPES if t.name == format_name)
    return serialize(quads, _rdf_format(media), used_prefixes(quads))


async def _ontology(request: Any) -> Any:
    import anyio.to_thread

    answer = await anyio.to_thread.run_sync(
        _ontology_answer, _state(request), request.url.path, request.url.query, request.headers.get("accept"),
        request.query_params.get("format"),
    )
    return _response(answer)


async def _ontology_file(request: Any) -> Any:
    import anyio.to_thread

    answer = await anyio.to_thread.run_sync(_doc_answer, _state(request), request.path_params["name"])
    return _response(answer, vary=False)


async def _resource(request: Any) -> Any:
    state = _state(request)
    if "rest" in request.path_params:
        iri = iri_of_path(request.url.path, state.site)
    else:
        iri = request.query_params.get("iri")
    if not iri or not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+", iri):
        return _response(_text_answer(404 if "rest" in request.path_params else 400, "give the IRI of a resource: /resource?iri=…"))
    page_url = request.url.path + ("?" + request.url.query if request.url.query else "")
    job = Job("resource", accept=request.headers.get("accept"), format=request.query_params.get("format"), iri=iri, page_url=page_url)
    return _response(await _run(request, job))


# ---- running it -----------------------------------------------------------------------------


def serve(app: Any, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, log_level: str = "info") -> None:
    """Serve until interrupted (Ctrl-C). Loopback only unless another host is given."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level=log_level, lifespan="on", timeout_graceful_shutdown=5)


@contextlib.contextmanager
def serve_in_thread(app: Any, host: str = DEFAULT_HOST, port: int = 0, *, log_level: str = "warning") -> Iterator[str]:
    """Serve in a background thread (tests, benchmarks, notebooks); yields the server's URL.

    ``port=0`` takes a free port. The server stops, and its workers with it, when the block ends.
    """
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="kg-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + WORKER_START_S
    while not server.started:
        if not thread.is_alive():
            raise ServeError(f"the server did not start on {host}:{port}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise ServeError(f"the server did not start on {host}:{port} within {WORKER_START_S:.0f} s")
        time.sleep(0.02)
    sockets = [s for srv in server.servers for s in srv.sockets]
    bound_host, bound_port = sockets[0].getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    try:
        yield f"http://{shown}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(30)


__all__ = [
    "DEFAULT_HOST", "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT_S", "GRAPH_TYPES", "SOLUTION_TYPES",
    "ServeError", "WorkerPool", "create_app", "iri_of_path", "local_path", "negotiate", "serve", "serve_in_thread",
    "store_description",
]
