"""kg/web's templates and the modules around them: escaping, the resource page, request checks."""

from __future__ import annotations

import ast
import html
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from markupsafe import escape as markupsafe_escape

from kg.rdf.iris import DEFAULT_BASE
from kg.rdf.namespaces import LABEL, XSD
from kg.web.rendering import (
    TEMPLATE_DIR,
    network_page_templates,
    page_templates,
    script_json,
)
from kg.web.resource_page import ResourcePage
from kg.web.site import Site
from kg.web.sparql_protocol import BadRequest, operation_of

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
HOSTILE = '<script>alert("x")</script> & \'q\''


def test_every_template_compiles() -> None:
    names = page_templates().list_templates()
    assert {"editor.html", "resource.html", "ontology_reference.html", "network.html"} <= set(names)
    for name in names:
        page_templates().get_template(name)
    assert {p.name for p in TEMPLATE_DIR.iterdir()} == set(names)


def test_pages_escape_as_they_always_did() -> None:
    """kg serve's and kg docs's pages: html.escape's entities; the network page: markupsafe's."""
    assert page_templates().get_template("editor.html").render(title=HOSTILE, examples=[], update_allowed=False, default_query="").count(html.escape(HOSTILE)) == 2
    assert page_templates().from_string("{{ text }}").render(text=HOSTILE) == html.escape(HOSTILE, quote=True)
    assert network_page_templates().from_string("{{ text }}").render(text=HOSTILE) == str(markupsafe_escape(HOSTILE))


def test_script_and_style_templates_are_not_escaped() -> None:
    script = page_templates().get_template("editor.js").render()
    assert '"use strict"' in script and "&quot;" not in script


def test_json_in_a_script_element_cannot_close_it() -> None:
    data = {"text": "</script><!-- & \u2028", "n": 1}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data
    assert str(script_json([1, 2], compact=True)) == "[1,2]" and str(script_json([1, 2])) == "[1, 2]"


def resource_store() -> ox.Store:
    store = ox.Store()
    thing, other = ox.NamedNode(DEFAULT_BASE + "thing"), ox.NamedNode(DEFAULT_BASE + "other")
    store.add(ox.Quad(thing, ox.NamedNode(LABEL), ox.Literal(HOSTILE + "\nline two", language="zh")))
    store.add(ox.Quad(thing, ox.NamedNode(DEFAULT_BASE + "count"), ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))))
    store.add(ox.Quad(thing, ox.NamedNode(DEFAULT_BASE + "refers"), other))
    return store


def page_of(store: ox.Store, iri: str, page_url: str = "/id/x?a=1&format=html") -> str:
    site = Site(DEFAULT_BASE, "/id/", 100, False)
    node = ox.NamedNode(iri)
    outgoing = [q.triple for q in store.quads_for_pattern(node, None, None, None)]
    incoming = [q.triple for q in store.quads_for_pattern(None, None, node, None)]
    return ResourcePage(store, site, iri, outgoing, incoming, False, page_url).render()


def test_a_resource_page_escapes_the_data_and_breaks_its_lines() -> None:
    page = page_of(resource_store(), DEFAULT_BASE + "thing")
    assert "<script" not in page
    assert f"<title>{html.escape(HOSTILE)}\nline two</title>" in page
    assert f"{html.escape(HOSTILE)}<br>line two <small>@zh</small>" in page
    assert "3 <small>xsd:integer</small>" in page
    assert '<a href="/id/other" title="https://w3id.org/cnbudget/id/other">' in page
    assert '<a href="/id/x?a=1&amp;format=turtle">Turtle</a>' in page  # its own URL, format= replaced


def test_a_resource_only_referred_to_keeps_an_empty_table_of_statements() -> None:
    page = page_of(resource_store(), DEFAULT_BASE + "other")
    assert "<h2>Statements (0)</h2>\n<table><thead><tr><th>property</th><th>value</th></tr></thead><tbody>\n\n</tbody></table>" in page
    assert "<h2>Referred to by (1)</h2>" in page


@pytest.mark.parametrize("graph", ["not an iri", "urn:", "http://x/<y>", "http://x/%zz", "http://x/a#b#c"])
def test_a_dataset_iri_must_be_an_absolute_iri(graph: str) -> None:
    with pytest.raises(BadRequest, match="not an absolute IRI"):
        operation_of([("query", "ASK {}"), ("default-graph-uri", graph)])
    assert operation_of([("query", "ASK {}"), ("named-graph-uri", "urn:test")]).named_graphs == ("urn:test",)


def imports_of(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_network_model_needs_nothing_of_the_web_pages() -> None:
    offenders = {path.name: sorted(m for m in imports_of(path) if m.startswith("kg.web")) for path in (PACKAGE / "network").glob("*.py")}
    assert all(not found for found in offenders.values()), offenders


def module_file(module: str) -> Path:
    return PACKAGE.parent / (module.replace(".", "/") + ".py")


def test_query_workers_import_no_web_framework() -> None:
    """Each worker process imports kg.web.worker_pool (spawn): it must stay free of Starlette."""
    seen: set[str] = set()
    todo = ["kg.web.worker_pool"]
    while todo:
        module = todo.pop()
        if module not in seen and module_file(module).is_file():
            seen.add(module)
            todo += [m for m in imports_of(module_file(module)) if m.startswith("kg.")]
    imported = set().union(*(imports_of(module_file(m)) for m in seen))
    assert "kg.web.jobs" in seen and "kg.web.app" not in seen
    assert not [m for m in imported if m.startswith(("starlette", "uvicorn"))]
