"""Reading a SPARQL 1.1 Protocol request: the one query or update it carries, and its dataset.

GET with ``query=``; POST as a form (``query=`` or ``update=``) or with the operation as the body
(``application/sparql-query``, ``application/sparql-update``); ``default-graph-uri`` and
``named-graph-uri`` name the dataset of a query. The body is read up to a size limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

from kg.rdf.iris import is_absolute_iri


class BadRequest(Exception):
    """The request cannot be answered as it is: the HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Operation:
    kind: str  # "query", "update" or "none"
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BadRequest(413, f"the request is larger than {limit} bytes, the limit this server sets")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BadRequest(413, f"the request is larger than {limit} bytes, the limit this server sets")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "the request is not UTF-8") from None


def _graphs(pairs: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    values = tuple(v for k, v in pairs if k == name)
    for value in values:
        if not is_absolute_iri(value):
            raise BadRequest(400, f"{name} {value!r} is not an absolute IRI")
    return values


def operation_of(pairs: list[tuple[str, str]], body_kind: str | None = None, body: str = "") -> Operation:
    """The operation of a request's parameters (and of its body, for a direct POST)."""
    queries = [v for k, v in pairs if k == "query"]
    updates = [v for k, v in pairs if k == "update"]
    if body_kind == "query":
        queries.append(body)
    elif body_kind == "update":
        updates.append(body)
    if len(queries) + len(updates) > 1:
        raise BadRequest(400, "give one query or one update per request")
    default_graphs = _graphs(pairs, "default-graph-uri") + _graphs(pairs, "using-graph-uri")
    named_graphs = _graphs(pairs, "named-graph-uri") + _graphs(pairs, "using-named-graph-uri")
    if updates:
        if default_graphs or named_graphs:
            raise BadRequest(400, "using-graph-uri and using-named-graph-uri are not supported; name the graphs in the update")
        return Operation("update", updates[0])
    if queries:
        return Operation("query", queries[0], default_graphs, named_graphs)
    return Operation("none")


async def read_operation(request: Request, limit: int) -> Operation:
    """The request's operation; BadRequest when it has more than one, or cannot be read."""
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return operation_of(url_pairs)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request, limit)
    if content_type == "application/x-www-form-urlencoded":
        return operation_of(url_pairs + parse_qsl(_decode(body), keep_blank_values=True))
    if content_type == "application/sparql-query":
        return operation_of(url_pairs, "query", _decode(body))
    if content_type == "application/sparql-update":
        return operation_of(url_pairs, "update", _decode(body))
    raise BadRequest(415, "POST a query as application/x-www-form-urlencoded (query=…) or as application/sparql-query")


__all__ = ["BadRequest", "Operation", "operation_of", "read_operation"]
