"""Reading a SPARQL 1.1 Protocol request: the one query or update it carries, and its dataset.

GET with ``query=``; POST as a form (``query=`` or ``update=``) or with the operation as the body
(``application/sparql-query``, ``application/sparql-update``), in UTF-8; ``default-graph-uri`` and
``named-graph-uri`` name the dataset of a query, ``using-graph-uri`` and ``using-named-graph-uri``
that of an update. The body is read up to a size limit.
"""

from __future__ import annotations

import re
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
    text: str = ""  # an update's with the request's USING clauses written in
    default_graphs: tuple[str, ...] = ()  # a query's dataset, as the request names it
    named_graphs: tuple[str, ...] = ()
    names_own_dataset: bool = False  # the query has FROM or FROM NAMED


# Comments, strings (long ones first) and IRIs, matched whole so that a keyword's letters inside one
# do not count; then the words (keywords, variables, prefixed names) and the braces a scan reads.
_TOKEN = re.compile(
    r"#[^\n]*"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|[\w?$:][\w.:\-]*"
    r"|[{}]"
)


def names_own_dataset(query: str) -> bool:
    """Whether a query has a dataset clause (FROM, FROM NAMED): the only place SPARQL says FROM."""
    return any(token.group().upper() == "FROM" for token in _TOKEN.finditer(query))


def with_using(update: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> str:
    """The update with the request's dataset as USING / USING NAMED clauses of each of its
    operations that has a WHERE clause (SPARQL 1.1 Protocol §2.2.3); 400 when the update names its
    own (USING, USING NAMED or WITH), which the Protocol says conflicts with the request's."""
    if not default_graphs and not named_graphs:
        return update
    clauses = "".join(f"USING <{g}> " for g in default_graphs) + "".join(f"USING NAMED <{g}> " for g in named_graphs)
    out: list[str] = []
    depth, previous, written = 0, "", 0
    for token in _TOKEN.finditer(update):
        word = token.group().upper()
        if word in ("USING", "WITH"):
            raise BadRequest(400, f"the update has {word} and the request using-graph-uri or using-named-graph-uri: give its dataset in one place")
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif word == "WHERE" and depth == 0 and previous == "}":  # an INSERT / DELETE … WHERE, not DELETE WHERE
            out += [update[written:token.start()], clauses]
            written = token.start()
        previous = word
    return "".join(out) + update[written:]


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


def _decode(data: bytes, charset: str | None = None) -> str:
    if charset is not None and charset.strip('"').lower() not in ("utf-8", "utf8"):
        raise BadRequest(415, f"the request is in {charset!r}: send it in UTF-8, the SPARQL Protocol's encoding")
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
    query_dataset = _graphs(pairs, "default-graph-uri"), _graphs(pairs, "named-graph-uri")
    update_dataset = _graphs(pairs, "using-graph-uri"), _graphs(pairs, "using-named-graph-uri")
    if updates:
        if any(query_dataset):
            raise BadRequest(400, "default-graph-uri and named-graph-uri name a query's dataset: an update's are using-graph-uri and using-named-graph-uri")
        return Operation("update", with_using(updates[0], *update_dataset))
    if not queries:
        return Operation("none")
    if any(update_dataset):
        raise BadRequest(400, "using-graph-uri and using-named-graph-uri name an update's dataset: a query's are default-graph-uri and named-graph-uri")
    return Operation("query", queries[0], *query_dataset, names_own_dataset=names_own_dataset(queries[0]))


async def read_operation(request: Request, limit: int) -> Operation:
    """The request's operation; BadRequest when it has more than one, or cannot be read."""
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return operation_of(url_pairs)
    content_type, *parameters = (part.strip() for part in request.headers.get("content-type", "").split(";"))
    content_type = content_type.lower()
    charset = next((value for key, _, value in (p.partition("=") for p in parameters) if key.strip().lower() == "charset"), None)
    body = await _body(request, limit)
    if content_type == "application/x-www-form-urlencoded":
        # A form is ASCII whatever charset it declares; its escapes are read as UTF-8, as HTML forms write them.
        return operation_of(url_pairs + parse_qsl(_decode(body), keep_blank_values=True))
    if content_type == "application/sparql-query":
        return operation_of(url_pairs, "query", _decode(body, charset))
    if content_type == "application/sparql-update":
        return operation_of(url_pairs, "update", _decode(body, charset))
    raise BadRequest(415, "POST a query as application/x-www-form-urlencoded (query=…) or as application/sparql-query; an update as update=… or application/sparql-update")


__all__ = ["BadRequest", "Operation", "names_own_dataset", "operation_of", "read_operation", "with_using"]
