"""The ontology at its namespace IRI.

https://w3id.org/cnbudget/ontology (the namespace …/ontology#) redirects to kg serve's /ontology:
a browser gets the reference of ``kg docs``, an RDF client the ontology's Turtle files as one
graph. The reference's own links are relative, so its pages live under /ontology/.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pyoxigraph as ox

from kg.build import ontology_quads
from kg.errors import KgError
from kg.resources import data_dir
from kg.web.answers import Answer, not_acceptable, rdf_bytes, text_answer
from kg.web.negotiation import GRAPH_TYPES, HTML_TYPE, RESOURCE_TYPES, negotiate
from kg.web.resource_page import RESOURCE_CSP

ONTOLOGY_PATH = "/ontology"
_DOC_TYPES = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8"}


@functools.cache  # the ontology is the package's own: it does not change while kg runs
def _ontology_bytes(format_name: str) -> bytes:
    quads = [(s, p, o, None) for s, p, o, _ in ontology_quads()]
    return rdf_bytes(quads, next(t for t in GRAPH_TYPES if t.name == format_name))


@functools.cache  # read once: the files are the package's own
def shipped_store() -> ox.Store:
    """Every Turtle file kg ships (the ontology, tiers, units, the cube's structure, the SHACL
    shapes) in one in-memory store: their terms resolve even where the served store lacks them
    (the shapes are never loaded into it)."""
    store = ox.Store()
    for path in sorted(data_dir("ontology").glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


class OntologyReference:
    """The reference's files, made once (pyLODE takes a second or two) by whichever request comes
    first; if they cannot be made, the answer saying why, also kept."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] | Answer | None = None
        self._lock = threading.Lock()

    def files(self) -> dict[str, bytes] | Answer:
        with self._lock:
            if self._files is None:
                # Imported here: rdflib and pyLODE load only when the reference is asked for.
                from kg.web.docs import render_docs

                try:
                    self._files = render_docs()
                except KgError as error:
                    self._files = text_answer(500, f"the ontology reference cannot be made here: {error}")
            return self._files

    def file_answer(self, name: str) -> Answer:
        """One file of the reference (``/ontology/{name}``)."""
        files = self.files()
        if isinstance(files, Answer):
            return files
        data = files.get(name)
        suffix = Path(name).suffix
        if data is None or suffix not in _DOC_TYPES:
            return text_answer(404, f"the ontology reference has no page {name!r}: see {ONTOLOGY_PATH}/")
        headers = (("Content-Security-Policy", RESOURCE_CSP),) if suffix == ".html" else ()
        return Answer(200, data, _DOC_TYPES[suffix], headers)

    def namespace_answer(self, path: str, query: str, accept: str | None, format_param: str | None) -> Answer:
        """``/ontology`` itself: the reference for a browser, the ontology graph for RDF clients."""
        media = negotiate(accept, RESOURCE_TYPES, format_param)
        if media is None:
            return not_acceptable(RESOURCE_TYPES)
        if media is HTML_TYPE:
            if not path.endswith("/"):
                return Answer(303, b"", headers=(("Location", ONTOLOGY_PATH + "/" + (f"?{query}" if query else "")),))
            return self.file_answer("index.html")
        return Answer(200, _ontology_bytes(media.name), media.media_type)


__all__ = ["ONTOLOGY_PATH", "OntologyReference", "shipped_store"]
