"""Content negotiation: the media types kg serve answers in, and which one a client prefers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.rdf.rdfio import FORMATS, RdfFormat


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


def rdf_format(media: MediaType) -> RdfFormat:
    """The kg.rdf.rdfio format of one of GRAPH_TYPES."""
    return next(f for f in FORMATS if f.name == media.name)


__all__ = ["GRAPH_TYPES", "HTML_TYPE", "RESOURCE_TYPES", "SOLUTION_TYPES", "MediaType", "negotiate", "parse_accept", "rdf_format"]
