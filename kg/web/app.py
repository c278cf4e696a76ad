"""kg serve's routes: the Starlette application of :func:`create_app`.

Requests are read and answered here; queries, updates and resource pages run in the worker pool
(kg.web.worker_pool), each within the time limit. Blocking work (the pool, serializers, the
ontology reference) runs in a thread, so the event loop keeps answering.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.rdf.iris import DEFAULT_BASE, check_base, is_absolute_iri
from kg.rdf.quads import Quad, to_oxigraph
from kg.web.answers import Answer, rdf_answer, text_answer
from kg.web.descriptions import served_description, service_description
from kg.web.editor import EDITOR_CSP, editor_asset, editor_examples, editor_page
from kg.web.jobs import Job, resource_not_found, run_resource_job
from kg.web.negotiation import HTML_TYPE, RESOURCE_TYPES, negotiate
from kg.web.ontology_pages import ONTOLOGY_PATH, OntologyReference, shipped_store
from kg.web.site import (
    DEFAULT_MAX_REQUEST_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_S,
    RESOURCE_PATH,
    ServeError,
    Site,
    iris_of_path,
)
from kg.web.sparql_protocol import BadRequest, read_operation
from kg.web.worker_pool import StoreSource, WorkerPool, store_folder

YASGUI_DIR = Path(__file__).resolve().parent / "assets" / "yasgui"
_SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


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
    ontology: OntologyReference = field(default_factory=OntologyReference)  # made at its first request


def create_app(
    source: StoreSource,
    *,
    base: str = DEFAULT_BASE,
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
    check_base(base)
    if not resource_path.startswith("/") or not resource_path.endswith("/") or resource_path in ("/", "/sparql/", "/yasgui/", ONTOLOGY_PATH + "/"):
        raise ServeError(f"resource path {resource_path!r} must be a folder such as /id/")
    if max_rows < 1:
        raise ServeError("--max-rows must be at least 1")
    if timeout_s is not None and timeout_s <= 0:
        raise ServeError("--timeout must be more than 0 seconds")
    site = Site(base, resource_path, max_rows, allow_update)
    store_dir, temporary = store_folder(source)
    size = 1 if allow_update else (workers or os.cpu_count() or 1)
    state = ServerState(
        site=site, pool=WorkerPool(store_dir, site, size, writable=allow_update), timeout_s=timeout_s,
        max_request_bytes=max_request_bytes, title=title, description=list(description) if description is not None else None,
        examples=editor_examples(), temporary=store_dir.parent if temporary else None,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
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
        Route("/editor.js", _static_text(editor_asset("editor.js"), "text/javascript")),
        Route("/editor.css", _static_text(editor_asset("editor.css"), "text/css")),
        Route("/.well-known/void", _void),
        Route("/resource", _resource),
        Route(ONTOLOGY_PATH, _ontology),
        Route(ONTOLOGY_PATH + "/", _ontology),
        Route(ONTOLOGY_PATH + "/{name}", _ontology_file),
        Mount("/yasgui", app=StaticFiles(directory=str(YASGUI_DIR)), name="yasgui"),
        # Any other path is an IRI's (kg.web.site.iris_of_path): the base's under resource_path
        # and its own path, kg's namespaces (/scheme/…, /unit/…, /region/…, /shapes) under /.
        Route("/{rest:path}", _resource),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.kg = state
    if state.temporary is not None:  # also when the app is never served, or not shut down
        weakref.finalize(app, shutil.rmtree, state.temporary, True)
    return app


def _response(answer: Answer, vary: bool = True) -> Response:
    headers = dict(_SECURITY_HEADERS)
    headers.update(answer.headers)
    if vary:
        headers["Vary"] = "Accept"
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


def _state(request: Request) -> ServerState:
    return request.app.state.kg


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def _run(request: Request, job: Job) -> Answer:
    state = _state(request)
    return await anyio.to_thread.run_sync(state.pool.run, job, state.timeout_s)


def _static_text(text: str, media_type: str) -> Callable[[Request], Awaitable[Response]]:
    body = text.encode("utf-8")

    async def endpoint(request: Request) -> Response:
        return _response(Answer(200, body, media_type), vary=False)

    return endpoint


async def _home(request: Request) -> Response:
    return RedirectResponse("/sparql", status_code=303)


async def _sparql(request: Request) -> Response:
    state = _state(request)
    if len(request.url.query) > state.max_request_bytes:
        return _response(text_answer(414, f"the URL is longer than {state.max_request_bytes} bytes, the limit this server sets; POST the query"))
    try:
        operation = await read_operation(request, state.max_request_bytes)
    except BadRequest as error:
        return _response(text_answer(error.status, str(error)))
    accept = request.headers.get("accept")
    format_param = request.query_params.get("format")
    endpoint = _origin(request) + "/sparql"
    if operation.kind == "none":
        if request.method == "POST":
            return _response(text_answer(400, "no query: give query=… (or update=…)"))
        if negotiate(accept, RESOURCE_TYPES, format_param) is HTML_TYPE:
            page = editor_page(state.title, state.examples, state.site.allow_update)
            return _response(Answer(200, page.encode("utf-8"), "text/html; charset=utf-8", (("Content-Security-Policy", EDITOR_CSP),)))
        quads = service_description(endpoint, state.site.allow_update, _origin(request) + "/.well-known/void")
        return _response(rdf_answer(quads, accept, format_param))
    # The Protocol has the service give relative IRIs a base: the endpoint's own URL (None
    # when a Host header makes it no IRI: then a relative IRI is the client's syntax error).
    base_iri = endpoint if is_absolute_iri(endpoint) else None
    if operation.kind == "update":
        if not state.site.allow_update:
            return _response(text_answer(403, "updates are not allowed: this server is read-only (start it with --allow-update to allow them)"))
        if request.method != "POST":
            return _response(text_answer(405, "an update must be sent with POST"), vary=False)
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") != _origin(request):
            # A page elsewhere may not post updates here (a cross-site form): same origin only.
            return _response(text_answer(403, f"updates from another site ({origin}) are not allowed"))
        job = Job("update", operation.text, base_iri=base_iri)
    else:
        job = Job("query", operation.text, accept, format_param, operation.default_graphs, operation.named_graphs,
                  names_own_dataset=operation.names_own_dataset, base_iri=base_iri)
    return _response(await _run(request, job))


async def _description(request: Request) -> list[Quad] | Answer:
    """The dataset description this server gives (kg build's, else one made from the store once),
    with where it offers the dataset."""
    state = _state(request)
    if state.description is None:
        answer = await anyio.to_thread.run_sync(state.pool.run, Job("describe-store"), None)
        if answer.status != 200:
            return answer
        state.description = answer.data
    assert state.description is not None
    return served_description(state.description, _origin(request))


async def _void(request: Request) -> Response:
    quads = await _description(request)
    if isinstance(quads, Answer):
        return _response(quads)
    answer = await anyio.to_thread.run_sync(rdf_answer, quads, request.headers.get("accept"), request.query_params.get("format"))
    return _response(answer)


async def _ontology(request: Request) -> Response:
    answer = await anyio.to_thread.run_sync(
        _state(request).ontology.namespace_answer, request.url.path, request.url.query, request.headers.get("accept"),
        request.query_params.get("format"),
    )
    return _response(answer)


async def _ontology_file(request: Request) -> Response:
    answer = await anyio.to_thread.run_sync(_state(request).ontology.file_answer, request.path_params["name"])
    return _response(answer, vary=False)


async def _resource(request: Request) -> Response:
    """An IRI's description: of the IRI a path stands for, or of ``/resource?iri=…``.

    The served store answers first (in a worker); what it does not know may be in the dataset
    description (/.well-known/void) or in the Turtle files kg ships (the shapes are never in the
    store; a store may lack the ontology): the same rule answers from them, here.
    """
    state = _state(request)
    accept, format_param = request.headers.get("accept"), request.query_params.get("format")
    page_url = request.url.path + ("?" + request.url.query if request.url.query else "")
    if "rest" in request.path_params:
        iris = iris_of_path(request.url.path, state.site)
        if not iris:
            return _response(resource_not_found((), accept, format_param, page_url))
    else:
        iri = request.query_params.get("iri")
        if not iri or not is_absolute_iri(iri):
            return _response(text_answer(400, "give the IRI of a resource: /resource?iri=…"))
        iris = (iri,)
    job = Job("resource", accept=accept, format=format_param, iris=iris, page_url=page_url)
    answer = await _run(request, job)
    if answer.status != 404:
        return _response(answer)
    description = await _description(request)
    served = [] if isinstance(description, Answer) else [description]

    def elsewhere() -> Answer | None:
        stores = [_store_of(quads) for quads in served] + [shipped_store()]
        for store in stores:
            found = run_resource_job(store, job, state.site, hash_documents=True)
            if found.status != 404:
                return found
        return None

    return _response(await anyio.to_thread.run_sync(elsewhere) or answer)


def _store_of(quads: Sequence[Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(to_oxigraph(quads))
    return store


__all__ = ["ServerState", "create_app"]
