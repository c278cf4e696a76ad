"""The HTML page of one resource (templates/resource.html): what it says, and what refers to it.

Made in a worker, from the store it holds open. Every text on it comes from the data and is
escaped by the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pyoxigraph as ox

from kg.rdf.namespaces import DCT, LABEL, RDF_TYPE, SKOS, XSD
from kg.store.results import short_iri
from kg.web.rendering import page_templates
from kg.web.site import Site, local_path

RESOURCE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
LABEL_PREDICATES = (LABEL, SKOS + "prefLabel", DCT + "title")
# The formats a page links to, by their format= names.
FORMAT_LINKS = (("turtle", "Turtle"), ("json-ld", "JSON-LD"), ("n-triples", "N-Triples"), ("rdf-xml", "RDF/XML"))


def label_of(store: ox.Store, node: Any) -> str | None:
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


@dataclass(frozen=True)
class TermView:
    """One term as the page shows it (templates/resource_term.html)."""

    kind: str  # "iri", "blank" or "literal"
    text: str = ""  # a blank node's id; a literal's value
    iri: str = ""
    href: str = ""  # where this server shows the IRI
    label: str | None = None  # the IRI's label, shown instead of its short form
    short: str = ""  # the IRI in short form (kg's prefixes)
    language: str = ""
    datatype: str = ""  # a literal's datatype in short form; empty for a plain string

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Statement:
    subject: TermView
    predicate: TermView
    object: TermView


@dataclass(frozen=True)
class FormatLink:
    href: str
    title: str


class ResourcePage:
    """The page of one resource: its statements, the statements that refer to it, and (a hash
    document's) the terms it defines."""

    def __init__(
        self, store: ox.Store, site: Site, iri: str, outgoing: Sequence[ox.Triple], incoming: Sequence[ox.Triple], cut: bool, page_url: str,
        defined: Sequence[str] = (),
    ) -> None:
        self.store, self.site, self.iri = store, site, iri
        self.outgoing, self.incoming, self.cut, self.page_url = outgoing, incoming, cut, page_url
        self.defined = defined
        self._labels: dict[str, str | None] = {}

    def label(self, node: Any) -> str | None:
        if not isinstance(node, ox.NamedNode):
            return None
        if node.value not in self._labels:
            self._labels[node.value] = label_of(self.store, node)
        return self._labels[node.value]

    def view(self, node: Any, show_label: bool = True) -> TermView:
        if isinstance(node, ox.NamedNode):
            label = self.label(node) if show_label else None
            return TermView("iri", iri=node.value, href=local_path(node.value, self.site), label=label, short=short_iri(node.value))
        if isinstance(node, ox.BlankNode):
            return TermView("blank", node.value)
        datatype = "" if node.language or node.datatype.value == XSD + "string" else short_iri(node.datatype.value)
        return TermView("literal", node.value, language=node.language or "", datatype=datatype)

    def statement(self, triple: ox.Triple) -> Statement:
        return Statement(self.view(triple.subject), self.view(triple.predicate, show_label=False), self.view(triple.object))

    def format_links(self) -> list[FormatLink]:
        """This page in each RDF format: its own URL with format= set."""
        path, _, query = self.page_url.partition("?")
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "format"]
        return [FormatLink(path + "?" + urlencode([*kept, ("format", name)]), title) for name, title in FORMAT_LINKS]

    def render(self) -> str:
        templates = page_templates()
        title = self.label(ox.NamedNode(self.iri)) or short_iri(self.iri)
        term = templates.get_template("resource_term.html").module.term  # type: ignore[attr-defined]
        # Each type once, in the order of its markup, as the page has always listed them.
        kinds = sorted({term(self.view(t.object)) for t in self.outgoing if t.predicate.value == RDF_TYPE})
        outgoing = sorted(self.outgoing, key=lambda t: (t.predicate.value != RDF_TYPE, short_iri(t.predicate.value), str(t.object)))
        incoming = sorted(self.incoming, key=lambda t: (short_iri(t.predicate.value), str(t.subject)))
        return templates.get_template("resource.html").render(
            iri=self.iri, title=title, kinds=kinds, formats=self.format_links(), cut=self.cut, max_rows=self.site.max_rows,
            outgoing=[self.statement(t) for t in outgoing], incoming=[self.statement(t) for t in incoming],
            defined=[self.view(ox.NamedNode(iri)) for iri in self.defined],
        )


def not_found_page(path: str, iris: Sequence[str]) -> str:
    """The page of a path whose IRIs this server knows nothing of (``iris``: every IRI the path may
    stand for; none when it stands for no IRI)."""
    return page_templates().get_template("resource_missing.html").render(path=path, iris=list(iris))


__all__ = ["LABEL_PREDICATES", "RESOURCE_CSP", "ResourcePage", "TermView", "label_of", "not_found_page"]
