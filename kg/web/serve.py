"""`kg serve`: a SPARQL 1.1 Protocol endpoint, a query editor and resolvable IRIs (Starlette, uvicorn).

Routes (``create_app``, kg.web.app):

- ``/sparql``: SPARQL 1.1 Protocol, GET and POST (``query=`` URL-encoded, or the query as the body
  with ``application/sparql-query``); SELECT and ASK results as JSON, XML, CSV or TSV, CONSTRUCT and
  DESCRIBE graphs as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by the Accept header (or
  ``format=``). Without a query it answers the query editor (a browser, ``Accept: text/html``) or
  the SPARQL service description (anything else). Updates are refused (403) unless ``allow_update``.
- ``/id/…`` (``resource_path``): the IRIs kg mints under the public ``base`` resolve here:
  ``GET /id/unit/110105/623001`` describes ``{base}unit/110105/623001``, as an HTML page with links to its
  neighbours or as Turtle / JSON-LD / N-Triples / RDF/XML by Accept. ``/resource?iri=…`` does the
  same for any IRI (the ontology's, say). A base behind a redirect (w3id.org) points at ``/id/``.
- any other path: kg's own namespaces under https://w3id.org/cnbudget/ (``/scheme/tier/output``,
  ``/unit/Yuan``, ``/region/110105``, ``/shapes``), and the base's IRIs at the base's own path (a
  ``--base http://127.0.0.1:8808/`` dereferences as it is). One rule for every kind
  (kg.web.site.iris_of_path, kg.web.resolve): an IRI resolves when a statement names it, when it
  names a graph, or when it is in the dataset description or kg's Turtle files; else 404.
- ``/.well-known/void``: the dataset description (DCAT and VoID) with the endpoint's address.
- ``/ontology`` (the namespace ``https://w3id.org/cnbudget/ontology#`` behind its redirect): the
  ontology reference of ``kg docs`` for a browser (``#BudgetProject`` lands on the term), the
  ontology's Turtle files as one graph for RDF clients; the reference's pages under ``/ontology/``.
- ``/yasgui/…``: YASGUI, vendored in kg/web/assets/yasgui (served from here: the page loads nothing
  from elsewhere, and its Content-Security-Policy forbids it to).

Every query runs in a worker process that holds the store open read-only (kg.web.worker_pool): a
query that passes the time limit is stopped by ending its process, and a new worker takes its
place. Results are bounded by a row limit (triples for graphs) and the request body by a size
limit; text shown in HTML is escaped (kg/web/templates).

This module runs the application: :func:`serve` until interrupted, :func:`serve_in_thread` in the
background; it also gives the names the CLI, tests and benchmarks use from the modules beside it.
Neither tells its address before the port is bound: :func:`serve` calls ``on_ready`` with the URL
then (uvicorn's own start-up chatter is left out; its errors, such as a port in use, are not).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence

import uvicorn
from starlette.applications import Starlette

from kg.web.app import create_app
from kg.web.descriptions import store_description
from kg.web.negotiation import GRAPH_TYPES, SOLUTION_TYPES, negotiate
from kg.web.site import (
    DEFAULT_HOST,
    DEFAULT_MAX_REQUEST_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT_S,
    ServeError,
    Site,
    iri_of_path,
    iris_of_path,
    local_path,
)
from kg.web.sparql_lexer import refused_operation
from kg.web.worker_pool import WORKER_START_S, WorkerPool


def bound_url(server: uvicorn.Server) -> str:
    """The address a started server listens on (the real port when 0 was asked for)."""
    sockets: Sequence[socket.socket] = [s for srv in server.servers for s in srv.sockets]
    bound_host, bound_port = sockets[0].getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    return f"http://{shown}:{bound_port}"


class _Server(uvicorn.Server):
    """uvicorn's server, telling ``on_ready`` its URL once the port is bound and the workers run."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None] | None) -> None:
        super().__init__(config)
        self.on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.on_ready is not None:
            self.on_ready(bound_url(self))


def _config(app: Starlette, host: str, port: int, log_level: str, access_log: bool) -> uvicorn.Config:
    # h11 refuses a request line or headers past 16 KB with a bare 400 before the app sees them: a
    # GET of a long query then got no reason. Up to the app's own limit, the app answers (414:
    # POST the query). h11 named, so that httptools, if installed, does not bring other limits.
    limit = getattr(getattr(app.state, "kg", None), "max_request_bytes", DEFAULT_MAX_REQUEST_BYTES)
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=access_log, lifespan="on",
                            timeout_graceful_shutdown=5, http="h11", h11_max_incomplete_event_size=limit + 65_536)
    # uvicorn's start-up and shutdown notes ("Started server process", "Uvicorn running on …")
    # repeat what the caller prints once the port is bound: only its warnings and errors show.
    error_log = logging.getLogger("uvicorn.error")
    error_log.setLevel(max(error_log.level, logging.WARNING))
    return config


def serve(
    app: Starlette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, log_level: str = "info", access_log: bool = True,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C). Loopback only unless another host is given.

    ``on_ready`` is called with the server's URL once the port is bound (not before: a client
    told the address can connect); ``access_log=False`` leaves out the line per request."""
    _Server(_config(app, host, port, log_level, access_log), on_ready).run()


@contextlib.contextmanager
def serve_in_thread(app: Starlette, host: str = DEFAULT_HOST, port: int = 0, *, log_level: str = "warning") -> Iterator[str]:
    """Serve in a background thread (tests, benchmarks, notebooks); yields the server's URL.

    ``port=0`` takes a free port. The server stops, and its workers with it, when the block ends.
    """
    server = uvicorn.Server(_config(app, host, port, log_level, access_log=True))
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
    try:
        yield bound_url(server)
    finally:
        server.should_exit = True
        thread.join(30)


__all__ = [
    "DEFAULT_HOST", "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT_S", "GRAPH_TYPES", "SOLUTION_TYPES",
    "ServeError", "Site", "WorkerPool", "bound_url", "create_app", "iri_of_path", "iris_of_path", "local_path", "negotiate", "refused_operation", "serve",
    "serve_in_thread", "store_description",
]
