"""`kg push`: load kg's graphs into an existing triple store (Virtuoso, Fuseki, GraphDB …).

It speaks the SPARQL 1.1 Graph Store HTTP Protocol, with the target graph named indirectly
(``ENDPOINT?graph=IRI``):

1. ``PUT`` the first chunk, which replaces whatever the graph held (so pushing again gives the
   same graph, not a second copy);
2. ``POST`` the rest, chunk by chunk (N-Triples, ``chunk_triples`` a request); each chunk is merged
   into the graph, and merging a chunk twice changes nothing, so a chunk whose answer was lost can
   be sent again. Blank nodes are the exception (each request makes new ones), so every triple
   with a blank node travels in the first chunk, whose PUT replaces rather than merges;
3. ask the store's SPARQL endpoint how many triples the graph holds (``COUNT``), and fail if that
   is not the number of distinct triples sent.

All of the input's named graphs go into the one target graph. Transient failures (no connection,
a timeout, HTTP 408/425/429/502/503/504) are retried with a growing pause; anything else fails at
once with the store's own message.

httpx is the HTTP client: it has digest authentication built in (Virtuoso's
``/sparql-graph-crud-auth`` asks for it), explicit timeouts, and a transport that tests can replace.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.iris import is_absolute_iri, is_http_iri
from kg.rdf.quads import to_oxigraph
from kg.store.ingest import QUERY_DIR, open_store
from kg.store.query import OxigraphEngine, bound_text, module_query, one_line

DEFAULT_CHUNK_TRIPLES = 50_000
TRANSIENT_STATUS = frozenset({408, 425, 429, 502, 503, 504})
ProgressCallback = Callable[[int, int], None]  # (statements sent, statements in all)


class PushError(KgError):
    """The store refused the data, could not be reached, or holds other than what was sent."""


class StoreRefused(PushError):
    """The store answered with an HTTP error; ``status`` is its code (404, 401 …)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


class PushCountMismatch(PushError):
    """Everything was sent, but the store counts a different number of triples in the graph."""

    def __init__(self, report: "PushReport") -> None:
        self.report = report
        super().__init__(
            f"the store holds {report.in_store} triples in <{report.graph}>, but {report.triples} distinct triples were sent")


@dataclass(frozen=True)
class PushReport:
    endpoint: str
    graph: str
    triples: int  # distinct triples sent: what the graph must hold
    statements_sent: int  # N-Triples lines sent (a store's union repeats a triple once per graph)
    in_store: int  # what the store's COUNT says the graph holds afterwards
    chunks: int
    retries: int
    seconds: float


@dataclass
class _Source:
    """What to send: triples with blank nodes (all in the first chunk), the rest as a stream."""

    blank: list[ox.Triple]
    rest: Iterable[ox.Triple]
    statements: int  # len(blank) + how many the stream yields
    distinct: int


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _from_quads(quads: Sequence[Any]) -> _Source:
    triples = list(dict.fromkeys(q.triple for q in to_oxigraph(quads)))
    blank = [t for t in triples if _has_blank(t)]
    rest = [t for t in triples if not _has_blank(t)]
    return _Source(blank, rest, len(triples), len(triples))


def _from_store(store: ox.Store) -> _Source:
    """Stream a store's quads as triples; a triple in several graphs is sent once per graph."""
    def select(text: str) -> list[Any]:
        solutions = store.query(text)
        assert isinstance(solutions, ox.QuerySolutions)
        return [[s[v] for v in solutions.variables] for s in solutions]

    distinct = int(select(module_query(QUERY_DIR, "distinct-triples").text)[0][0].value)
    blank = [ox.Triple(s, p, o) for s, p, o in select(module_query(QUERY_DIR, "blank-node-triples").text)]
    blank_quads = int(select(module_query(QUERY_DIR, "blank-node-quads").text)[0][0].value)
    rest = (q.triple for q in store.quads_for_pattern(None, None, None, None) if not _has_blank(q.triple))
    statements = len(store) - blank_quads + len(blank)
    return _Source(blank, rest, statements, distinct)


def _source(data: Any) -> _Source:
    if isinstance(data, (str, os.PathLike)):
        return _from_store(open_store(Path(data)))
    if isinstance(data, OxigraphEngine):
        return _from_store(data.store)
    if isinstance(data, ox.Store):
        return _from_store(data)
    return _from_quads(list(data))


def _chunks(source: _Source, size: int) -> Iterator[list[ox.Triple]]:
    """Chunks of ``size`` triples; the first also carries every blank-node triple (so may be larger)."""
    chunk = list(source.blank)
    limit = max(size, len(chunk))
    for triple in source.rest:
        if len(chunk) >= limit:
            yield chunk
            chunk, limit = [], size
        chunk.append(triple)
    if chunk:
        yield chunk


class _Client:
    """An httpx client that retries transient failures and turns the rest into PushError."""

    def __init__(self, client: httpx.Client, attempts: int, backoff_s: float, sleep: Callable[[float], None]) -> None:
        self.client, self.attempts, self.backoff_s, self.sleep = client, attempts, backoff_s, sleep
        self.retries = 0

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        problem = ""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff_s * 2 ** (attempt - 1)
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TransportError as error:  # no connection, timeouts, a dropped connection
                problem = f"{type(error).__name__}: {one_line(str(error)) or 'no answer'}"
            else:
                if response.status_code in TRANSIENT_STATUS:
                    problem = f"HTTP {response.status_code} {response.reason_phrase}"
                    wait = max(wait, _retry_after(response))
                elif response.is_error:
                    raise StoreRefused(response.status_code, _refusal(method, url, response))
                else:
                    return response
            if attempt < self.attempts:
                self.retries += 1
                self.sleep(min(wait, 30.0))
        raise PushError(f"{method} {url}: gave up after {self.attempts} attempts; the last: {problem}")


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else 0.0


def _refusal(method: str, url: str, response: httpx.Response) -> str:
    text = one_line(response.text) if response.text.strip() else ""
    hint = " (check --user and --password)" if response.status_code in (401, 403) else ""
    return f"{method} {url}: HTTP {response.status_code} {response.reason_phrase}{hint}" + (f": {text}" if text else "")


def _count(client: _Client, query_endpoint: str, graph: str) -> int:
    query = bound_text(module_query(QUERY_DIR, "graph-triples"), graph=graph)
    response = client.request("GET", query_endpoint, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    try:
        return int(json.loads(response.text)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise PushError(f"{query_endpoint}: cannot read the triple count from the answer: {one_line(response.text)[:200]}") from error


def default_query_endpoint(endpoint: str) -> str:
    """The SPARQL endpoint beside a Graph Store endpoint: Virtuoso's …/sparql-graph-crud-auth → …/sparql."""
    return urljoin(endpoint, "sparql")


def push(
    data: Any,
    endpoint: str,
    graph: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: str = "digest",
    query_endpoint: str | None = None,
    chunk_triples: int = DEFAULT_CHUNK_TRIPLES,
    progress: ProgressCallback | None = None,
    timeout_s: float = 300.0,
    attempts: int = 5,
    backoff_s: float = 0.5,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """Replace ``graph`` in the store at ``endpoint`` (a Graph Store Protocol URL) with ``data``.

    ``data``: neutral quads, a store folder, a pyoxigraph Store or an OxigraphEngine. ``auth``:
    "digest" (Virtuoso) or "basic", used when ``user`` is given. ``query_endpoint``: where to
    count the triples afterwards (default: ``sparql`` beside ``endpoint``). ``progress`` is called
    after each chunk with (statements sent, statements in all). Raises PushError, and
    PushCountMismatch (which carries the report) when the count differs.
    """
    if not is_http_iri(endpoint):
        raise PushError(f"--endpoint {endpoint!r} must be an http(s) URL")
    if not is_absolute_iri(graph):
        raise PushError(f"--graph {graph!r} must be an absolute IRI")
    if chunk_triples < 1:
        raise PushError("the chunk size must be at least 1 triple")
    if auth not in ("digest", "basic"):
        raise PushError(f"auth {auth!r}: use digest or basic")
    credentials: httpx.Auth | None = None
    if user is not None:
        credentials = httpx.DigestAuth(user, password or "") if auth == "digest" else httpx.BasicAuth(user, password or "")
    started = time.perf_counter()
    source = _source(data)
    query_endpoint = query_endpoint or default_query_endpoint(endpoint)
    timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 15.0))
    headers = {"Content-Type": "application/n-triples; charset=utf-8"}
    sent = chunks = 0
    with httpx.Client(auth=credentials, timeout=timeout, transport=transport, follow_redirects=False) as http:
        client = _Client(http, attempts, backoff_s, sleep)
        if progress:
            progress(0, source.statements)
        for chunk in _chunks(source, chunk_triples):
            body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
            client.request("PUT" if chunks == 0 else "POST", endpoint, params={"graph": graph}, content=body, headers=headers)
            chunks += 1
            sent += len(chunk)
            if progress:
                progress(sent, source.statements)
        if chunks == 0:  # nothing to send: the graph is emptied (a missing graph answers 404)
            try:
                client.request("DELETE", endpoint, params={"graph": graph})
            except StoreRefused as error:
                if error.status != 404:
                    raise
        in_store = _count(client, query_endpoint, graph)
        report = PushReport(endpoint, graph, source.distinct, sent, in_store, chunks, client.retries, time.perf_counter() - started)
    if in_store != source.distinct:
        raise PushCountMismatch(report)
    return report


__all__ = ["DEFAULT_CHUNK_TRIPLES", "PushCountMismatch", "PushError", "PushReport", "default_query_endpoint", "push"]
