"""What a request gets back, whether a worker or the server itself made it: an :class:`Answer`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.rdf.namespaces import PREFIXES, namespace_of
from kg.rdf.quads import Literal, Quad
from kg.rdf.rdfio import serialize
from kg.web.negotiation import GRAPH_TYPES, MediaType, negotiate, rdf_format


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    data: Any = None  # for jobs whose result is used by the server (describe-store)


def text_answer(status: int, message: str) -> Answer:
    """A one-line plain-text answer (errors and refusals)."""
    return Answer(status, (message.rstrip("\n") + "\n").encode("utf-8"))


def not_acceptable(offered: Sequence[MediaType]) -> Answer:
    return Answer(406, ("not acceptable: this answer is available as " + ", ".join(t.media_type for t in offered) + "\n").encode())


def used_prefixes(quads: Iterable[Quad]) -> dict[str, str]:
    """kg's prefixes that the quads use (so a small answer does not open with sixteen of them)."""
    namespaces: set[str] = set()
    for s, p, o, _ in quads:
        for term in (s, p, o):
            if isinstance(term, str):
                namespaces.add(namespace_of(term))
            elif isinstance(term, Literal) and term.datatype:
                namespaces.add(namespace_of(term.datatype))
    return {prefix: ns for prefix, ns in PREFIXES.items() if any(n.startswith(ns) for n in namespaces)}


def rdf_bytes(quads: Collection[Quad], media: MediaType) -> bytes:
    """Quads in one of GRAPH_TYPES, with the prefixes they use."""
    return serialize(quads, rdf_format(media), used_prefixes(quads))


def rdf_answer(quads: Collection[Quad], accept: str | None, format_param: str | None) -> Answer:
    """Quads in the RDF format the client prefers, or 406."""
    media = negotiate(accept, GRAPH_TYPES, format_param)
    if media is None:
        return not_acceptable(GRAPH_TYPES)
    return Answer(200, rdf_bytes(quads, media), media.media_type)


__all__ = ["Answer", "not_acceptable", "rdf_answer", "rdf_bytes", "text_answer", "used_prefixes"]
