"""`kg serve` over real HTTP: uvicorn on a free 127.0.0.1 port, serving the example.

SPARQL 1.1 Protocol (GET, POST form, POST direct), the W3C result formats byte for byte as `kg
query` prints them, graphs in four RDF formats, content negotiation, refusals (403 update, 406,
400, 413, 415, 422 rows, 503 time limit), the service description, the dataset description,
resolvable IRIs (HTML escaped, Turtle, JSON-LD) and the editor page's assets.
"""

from __future__ import annotations

import http.client
import inspect
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from helpers import assert_isomorphic, graph_of

from kg.build import load_inputs
from kg.rdf import terms
from kg.rdf.dataset import DatasetOptions
from kg.rdf.iris import DEFAULT_BASE
from kg.rdf.namespaces import LABEL, RDF_TYPE
from kg.rdf.quads import Literal, Quad, from_oxigraph
from kg.store.query import OxigraphEngine, bind, library, run_query, with_values
from kg.store.results import render_result
from kg.web.serve import (
    DEFAULT_HOST,
    DEFAULT_MAX_ROWS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT_S,
    GRAPH_TYPES,
    SOLUTION_TYPES,
    Site,
    create_app,
    iri_of_path,
    local_path,
    negotiate,
    refused_operation,
    serve,
    serve_in_thread,
)
from kg.web.sparql_lexer import MAX_NESTING, code_only, nesting

UNIT = DEFAULT_BASE + "unit/110105/623001"
HOSTILE = DEFAULT_BASE + "test/hostile"
HOSTILE_TEXT = '<script>alert("x")</script> & \'q\' <b>'
OTHER_GRAPH = DEFAULT_BASE + "graph/110105/623001/2025"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module")
def served_quads(example_path: Path) -> tuple[list[Quad], list[Quad]]:
    """The example with its dataset description, a hostile label, and the department in a second graph."""
    built = load_inputs([example_path])
    everything = built.with_metadata(DatasetOptions(base=DEFAULT_BASE))
    description = everything[len(built.quads):]
    extra: list[Quad] = [
        (HOSTILE, LABEL, Literal(HOSTILE_TEXT), "urn:test"),
        (HOSTILE, terms.department, UNIT, "urn:test"),
    ]
    # A department is described in the graph of each of its documents (here: a 2025 one too).
    extra += [(s, p, o, OTHER_GRAPH) for s, p, o, g in built.quads if s == UNIT]
    return everything + extra, description


@pytest.fixture(scope="module")
def server(served_quads: tuple[list[Quad], list[Quad]]) -> Iterator[str]:
    quads, description = served_quads
    app = create_app(quads, description=description, timeout_s=30, max_rows=5000, workers=2)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def engine(served_quads: tuple[list[Quad], list[Quad]]) -> OxigraphEngine:
    return OxigraphEngine.from_quads(served_quads[0])


def satisfaction_text() -> str:
    query = library()["satisfaction-at-least"]
    return with_values(query.text, bind(query, {}))


def turtle(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


# ---- SPARQL 1.1 Protocol and result formats --------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_answers_in_each_w3c_format_with_the_bytes_kg_query_prints(server: str, engine: OxigraphEngine, fmt: str) -> None:
    media = next(t for t in SOLUTION_TYPES if t.name == fmt)
    expected = render_result(run_query("satisfaction-at-least", engine), fmt).encode("utf-8")
    response = httpx.get(server + "/sparql", params={"query": satisfaction_text()}, headers={"Accept": media.media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media.media_type
    assert response.headers["vary"] == "Accept"
    assert response.content == expected
    if fmt == "json":
        assert len(json.loads(response.text)["results"]["bindings"]) == 31


def test_get_post_form_and_post_direct_give_the_same_answer(server: str) -> None:
    text = satisfaction_text()
    accept = {"Accept": "application/sparql-results+json"}
    by_get = httpx.get(server + "/sparql", params={"query": text}, headers=accept)
    by_form = httpx.post(server + "/sparql", data={"query": text}, headers=accept)
    by_body = httpx.post(server + "/sparql", content=text.encode(), headers={**accept, "Content-Type": "application/sparql-query"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.content == by_form.content == by_body.content


def test_ask_answers_a_boolean(server: str) -> None:
    yes = httpx.get(server + "/sparql", params={"query": f"ASK {{ <{UNIT}> ?p ?o }}"})
    assert yes.headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(yes.text) == {"head": {}, "boolean": True}
    no = httpx.get(server + "/sparql", params={"query": "ASK { <urn:nothing> ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>false</boolean>" in no.text


CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a <{terms.BudgetProject}> ; ?p ?o }}"


@pytest.mark.parametrize("media", [t.media_type for t in GRAPH_TYPES])
def test_construct_answers_in_each_rdf_format(server: str, engine: OxigraphEngine, media: str) -> None:
    # Oxigraph keeps numbers as values ("308.720000" comes back as "308.72"): expect what it gives.
    triples = engine.store.query(CONSTRUCT, use_default_graph_as_union=True)
    expected = graph_of(from_oxigraph(ox.Quad(t.subject, t.predicate, t.object) for t in triples))
    assert len(expected) > 100
    response = httpx.get(server + "/sparql", params={"query": CONSTRUCT}, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media]
    assert_isomorphic(expected, rdflib.Graph().parse(data=response.content, format=rdflib_format))


def test_describe_gives_each_triple_once_though_two_graphs_hold_it(server: str, served_quads: tuple[list[Quad], list[Quad]]) -> None:
    response = httpx.get(server + "/sparql", params={"query": f"DESCRIBE <{UNIT}>"}, headers={"Accept": "application/n-triples"})
    lines = [line for line in response.text.splitlines() if line.strip()]
    in_two_graphs = {q[:3] for q in served_quads[0] if q[0] == UNIT and q[3] == OTHER_GRAPH}
    assert len(in_two_graphs) == 4  # type, label, unit code, region
    assert len(lines) == len(set(lines)) == len({q[:3] for q in served_quads[0] if q[0] == UNIT})


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/tab-separated-values;q=1, */*;q=0.1", "text/tab-separated-values"),
])
def test_content_negotiation_follows_quality_and_specificity(server: str, accept: str, expected: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": accept})
    assert response.headers["content-type"].split(";")[0] == expected


def test_a_format_parameter_overrides_the_accept_header(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": CONSTRUCT, "format": "ntriples"}, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("application/n-triples")


def test_negotiation_rules() -> None:
    assert negotiate(None, SOLUTION_TYPES).name == "json"
    assert negotiate("text/html", SOLUTION_TYPES) is None
    assert negotiate("application/xml;q=0.2, text/csv;q=0.1", SOLUTION_TYPES).name == "xml"
    assert negotiate("text/csv;q=0, */*", SOLUTION_TYPES).name == "json"  # q=0: never CSV
    assert negotiate("text/csv;q=0, text/*", SOLUTION_TYPES).name == "tsv"
    assert negotiate("*/*", GRAPH_TYPES, "jsonld").name == "json-ld"


def test_the_dataset_in_the_request_limits_the_default_graph(server: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only_test = httpx.get(server + "/sparql", params={"query": count, "default-graph-uri": "urn:test"})
    assert json.loads(only_test.text)["results"]["bindings"][0]["n"]["value"] == "2"
    bad = httpx.get(server + "/sparql", params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


# ---- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["form", "direct", "get"])
def test_updates_are_refused_on_a_read_only_server(server: str, how: str) -> None:
    update = f'INSERT DATA {{ <{UNIT}> <{LABEL}> "changed" }}'
    if how == "form":
        response = httpx.post(server + "/sparql", data={"update": update})
    elif how == "direct":
        response = httpx.post(server + "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        response = httpx.get(server + "/sparql", params={"update": update})
    assert response.status_code == 403
    assert "read-only" in response.text
    after = httpx.get(server + "/sparql", params={"query": 'ASK { ?s ?p "changed" }'})
    assert json.loads(after.text)["boolean"] is False


def test_errors_are_one_clear_line_each(server: str) -> None:
    syntax = httpx.get(server + "/sparql", params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert syntax.status_code == 400 and syntax.text.startswith("SPARQL syntax error") and syntax.text.count("\n") == 1
    assert httpx.post(server + "/sparql", data={"other": "x"}).status_code == 400
    both = httpx.post(server + "/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert both.status_code == 400 and "one query" in both.text
    wrong_type = httpx.post(server + "/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    not_acceptable = httpx.get(server + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert not_acceptable.status_code == 406 and "application/sparql-results+json" in not_acceptable.text


def test_a_result_larger_than_the_row_limit_is_refused(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 422
    assert "more than 5000 rows" in response.text and "LIMIT" in response.text
    graph = httpx.get(server + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert graph.status_code == 422 and "more than 5000 triples" in graph.text
    assert httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5000"}).status_code == 200


def test_a_request_larger_than_the_limit_is_refused(server: str) -> None:
    padding = "#" + "x" * 1_100_000 + "\n"
    response = httpx.post(server + "/sparql", content=(padding + "ASK {}").encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_federated_queries_are_refused_so_nothing_is_fetched(server: str) -> None:
    response = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 400 and "SERVICE" in response.text
    assert refused_operation('SELECT ?service WHERE { ?s <urn:service> "SERVICE" } # SERVICE', update=False) is None
    assert refused_operation("LOAD <http://example.org/x>", update=True) is not None


def test_a_get_longer_than_http_reads_by_default_is_answered_by_the_server(server: str) -> None:
    """h11 cut a request line past 16 KB with a bare 400; the server's own limit (1 MB) answers.
    (http.client: httpx will not build a URL this long.)"""
    def get(query: str) -> tuple[int, str]:
        parts = urllib.parse.urlsplit(server)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/csv"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")

    names = " ".join(f'"{n}"' for n in range(15_000))  # 110 KB of query
    status, text = get(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?name {{ {names} }} }}")
    assert (status, text) == (200, "n\r\n15000\r\n")
    status, text = get("ASK {} #" + "x" * 1_000_000)  # past the server's 1 MB
    assert status == 414 and "POST the query" in text


def test_a_query_nested_past_the_parsers_depth_is_refused_and_no_worker_dies(server: str) -> None:
    deep = "SELECT * WHERE {" + "{" * 5000 + "?s ?p ?o" + "}" * 5000 + "} LIMIT 1"  # ended a worker (10 KB)
    response = httpx.post(server + "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert response.text.strip() == "the query nests 5001 levels deep (braces, parentheses, brackets, unary operators); this server reads up to 256"
    unary = httpx.post(server + "/sparql", content="SELECT * WHERE { BIND(" + "!" * 10000 + "true AS ?x) }",
                       headers={"Content-Type": "application/sparql-query"})  # as deep for the parser: a worker died
    assert unary.status_code == 400 and "10000 levels deep" in unary.text
    assert refused_operation('SELECT * WHERE { ?s ?p "' + "{" * 5000 + '" }', update=False) is None  # inside a string
    deepest = max(nesting(code_only(query.text)) for query in library().values())
    assert deepest <= MAX_NESTING, "every library query is read"


def test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on(served_quads: tuple[list[Quad], list[Quad]]) -> None:
    app = create_app(served_quads[0][:2000], timeout_s=1.0, workers=1)
    pool = app.state.kg.pool
    with serve_in_thread(app) as url:
        before = pool.pids
        started = time.monotonic()
        slow = httpx.get(url + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}, timeout=60)
        took = time.monotonic() - started
        assert slow.status_code == 503 and "time limit of 1 s" in slow.text
        assert took < 10
        assert pool.replaced == 1 and pool.pids != before  # the worker running it was ended
        quick = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        assert quick.status_code == 200 and json.loads(quick.text)["boolean"] is True


def test_updates_run_when_allowed_and_only_from_the_same_site(served_quads: tuple[list[Quad], list[Quad]]) -> None:
    app = create_app(served_quads[0][:100], allow_update=True)
    with serve_in_thread(app) as url:
        update = 'INSERT DATA { <urn:a> <urn:b> "added" }'
        foreign = httpx.post(url + "/sparql", data={"update": update}, headers={"Origin": "https://elsewhere.example"})
        assert foreign.status_code == 403
        done = httpx.post(url + "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update", "Origin": url})
        assert done.status_code == 204
        found = httpx.get(url + "/sparql", params={"query": 'ASK { <urn:a> <urn:b> "added" }'})
        assert json.loads(found.text)["boolean"] is True
        description = turtle(httpx.get(url + "/sparql", headers={"Accept": "text/turtle"}).text)
        assert (None, SD.supportedLanguage, SD.SPARQL11Update) in description


# ---- descriptions ---------------------------------------------------------------------------


def test_the_service_description_is_served_at_the_endpoint(server: str) -> None:
    response = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = turtle(response.text)
    endpoint = rdflib.URIRef(server + "/sparql")
    assert (endpoint, rdflib.RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    assert (endpoint, SD.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in graph


def test_the_dataset_description_is_at_the_well_known_path(server: str, served_quads: tuple[list[Quad], list[Quad]]) -> None:
    response = httpx.get(server + "/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = turtle(response.text)
    dataset = rdflib.URIRef(UNIT + "/2026/dataset")
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph and (dataset, rdflib.RDF.type, VOID.Dataset) in graph
    assert (dataset, VOID.sparqlEndpoint, rdflib.URIRef(server + "/sparql")) in graph
    assert all(triple in graph for triple in graph_of(served_quads[1]))  # kg build's description, all of it
    as_jsonld = httpx.get(server + "/.well-known/void", headers={"Accept": "application/ld+json"})
    assert_isomorphic(graph, rdflib.Graph().parse(data=as_jsonld.text, format="json-ld"))


ONTOLOGY_GRAPH = "https://w3id.org/cnbudget/ontology"  # the graph kg keeps its ontology in


def test_a_store_without_a_description_gets_one_made_from_it(served_quads: tuple[list[Quad], list[Quad]]) -> None:
    data = [q for q in served_quads[0] if q[3] is not None]  # without kg build's description
    app = create_app(data)
    with serve_in_thread(app) as url:
        graph = turtle(httpx.get(url + "/.well-known/void").text)
    dataset = rdflib.URIRef(UNIT + "/2026/dataset")  # the IRI kg build gives it
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in graph
    triples = int(graph.value(dataset, VOID.triples))
    assert triples == len({q[:3] for q in data if q[3] != ONTOLOGY_GRAPH})  # the data, as kg build counts it
    assert (dataset, VOID.uriSpace, rdflib.Literal(DEFAULT_BASE)) in graph


def test_a_turtle_files_triples_are_queried_as_kg_query_reads_them(example_path: Path) -> None:
    """A Turtle file has no graphs, and the library reads a row's triples inside GRAPH ?g: served,
    its triples are one named graph, as `kg query --data out.ttl` reads them (before, every
    document column was blank and indicators found no row)."""
    triples = [(s, p, o, None) for s, p, o, _ in load_inputs([example_path]).quads]
    app = create_app(triples)
    with serve_in_thread(app) as url:
        answer = httpx.post(url + "/sparql", data={"query": with_values(library()["indicators"].text, {})},
                            headers={"Accept": "text/csv"})
    rows = answer.text.splitlines()
    expected = render_result(run_query("indicators", OxigraphEngine.from_quads(triples)), "csv").splitlines()
    assert len(rows) == 216 and rows == expected
    assert rows[1].startswith("110105,623001,北京市朝阳区人民政府大屯街道办事处,2026,")


# ---- resolvable IRIs ------------------------------------------------------------------------


def test_a_minted_iri_resolves_to_an_html_page_with_links_to_its_neighbours(server: str) -> None:
    response = httpx.get(server + "/id/unit/110105/623001", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "北京市朝阳区人民政府大屯街道办事处" in page
    assert 'href="/id/unit/110105/623001/2026"' in page  # the budget that refers to it, on this server
    assert page.count(">623001<") == 1  # its unit code, once though two graphs hold it
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_text_on_resource_pages_is_escaped(server: str) -> None:
    page = httpx.get(server + "/id/test/hostile", headers={"Accept": "text/html"}).text
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; &lt;b&gt;" in page


def test_a_minted_iri_resolves_to_turtle_and_json_ld(server: str, served_quads: tuple[list[Quad], list[Quad]]) -> None:
    project = next(s for s, p, o, _ in served_quads[0] if p == RDF_TYPE and o == terms.BudgetProject)
    path = local_path(project, Site(DEFAULT_BASE, "/id/", 10, False))
    assert path.startswith("/id/unit/110105/623001/2026/project/")
    as_turtle = httpx.get(server + path, headers={"Accept": "text/turtle"})
    assert as_turtle.status_code == 200
    graph = turtle(as_turtle.text)
    expected = {(rdflib.URIRef(s), rdflib.URIRef(p)) for s, p, o, _ in served_quads[0] if s == project}
    assert {(s, p) for s, p, _ in graph.triples((rdflib.URIRef(project), None, None))} == expected
    as_jsonld = httpx.get(server + path, headers={"Accept": "application/ld+json"})
    assert_isomorphic(graph, rdflib.Graph().parse(data=as_jsonld.text, format="json-ld"))
    assert httpx.get(server + path).headers["content-type"].startswith("text/turtle")  # curl's */*


def test_unknown_iris_are_not_found_and_other_iris_resolve_by_query(server: str) -> None:
    assert httpx.get(server + "/id/unit/999999").status_code == 404
    ontology_class = httpx.get(server + "/resource", params={"iri": terms.BudgetProject}, headers={"Accept": "text/html"})
    assert ontology_class.status_code == 200 and "项目" in ontology_class.text


def test_paths_and_iris_map_both_ways() -> None:
    site = Site(DEFAULT_BASE, "/id/", 10, False)
    iri = DEFAULT_BASE + "unit/110105/623001/2026/project/11010522T000000416226"
    assert local_path(iri, site) == "/id/unit/110105/623001/2026/project/11010522T000000416226"
    assert iri_of_path(local_path(iri, site), site) == iri
    assert local_path("https://w3id.org/cnbudget/ontology#Project", site).startswith("/resource?iri=https%3A")


# ---- the editor page ------------------------------------------------------------------------


def test_the_editor_page_loads_yasgui_from_this_server_with_the_library_as_examples(server: str) -> None:
    response = httpx.get(server + "/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    for query in library().values():
        assert query.title.replace("&", "&amp;") in page
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/yasgui/yasgui.min.js" in references and "/yasgui/yasgui.min.css" in references
    assert all((ref.startswith("/") and not ref.startswith("//")) or ref.startswith("data:") for ref in references)  # nothing from elsewhere
    for asset, kind in (("/yasgui/yasgui.min.js", "javascript"), ("/yasgui/yasgui.min.css", "text/css"), ("/editor.js", "javascript"), ("/editor.css", "text/css")):
        loaded = httpx.get(server + asset)
        assert loaded.status_code == 200 and kind in loaded.headers["content-type"]
    examples = json.loads(re.search(r'<script type="application/json" id="kg-examples">(.*?)</script>', page, re.S).group(1))
    assert {e["name"] for e in examples} == set(library())


def test_the_server_binds_to_loopback_unless_told_otherwise(served_quads: tuple[list[Quad], list[Quad]]) -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == DEFAULT_HOST
    assert inspect.signature(serve_in_thread).parameters["host"].default == DEFAULT_HOST
    with serve_in_thread(create_app(served_quads[0][:10], workers=1)) as url:
        assert url.startswith("http://127.0.0.1:")


def test_kg_serve_has_the_library_defaults() -> None:
    """The CLI spells its defaults out (it does not import the server to start); they must stay the library's."""
    from kg.cli import serve as serve_command

    defaults = {param.name: param.default for param in serve_command.params}
    assert (defaults["host"], defaults["port"], defaults["timeout_s"], defaults["max_rows"]) == (DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT_S, DEFAULT_MAX_ROWS)
    assert inspect.signature(create_app).parameters["timeout_s"].default == DEFAULT_TIMEOUT_S


def _kg_serve(tmp_path: Path, *args: str, port: int | None = None) -> tuple[subprocess.Popen[bytes], int]:
    """`kg serve` of a small disclosure in its own process, on ``port`` or a free one; stdout and stderr piped."""
    from builders import QUANTITY, disclosure, project

    document = tmp_path / "small.txt"
    document.write_text(disclosure([project("11010522T000000416226", "项目", "10.000000\t10.000000\t", "目标。", QUANTITY)]), encoding="utf-8")
    if port is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    command = [sys.executable, "-m", "kg", "serve", str(document), "--port", str(port), "--workers", "1", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE), port


def _stderr_line(process: subprocess.Popen[bytes], containing: str, timeout: float = 60) -> str:
    """The first stderr line holding ``containing`` (the lines before it are the reader's warnings)."""
    found: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for raw in process.stderr:
            if containing in raw.decode():
                found.append(raw.decode())
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found else ""


@pytest.mark.parametrize("quiet", [False, True])
def test_kg_serve_says_serving_once_the_port_answers_and_quiet_hides_the_access_log(tmp_path: Path, quiet: bool) -> None:
    process, port = _kg_serve(tmp_path, *(["--quiet"] if quiet else []))
    try:
        line = _stderr_line(process, "serving on")
        assert line == f"serving on http://127.0.0.1:{port}/ (SPARQL at /sparql, editor at /); Ctrl-C stops\n"
        with socket.create_connection(("127.0.0.1", port), timeout=5):  # bound before it said so: no wait, no retry
            pass
        assert httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
    finally:
        process.terminate()
        stdout, _ = process.communicate(timeout=30)
    access = [line for line in stdout.decode().splitlines() if "GET /sparql" in line]
    assert (access == []) if quiet else len(access) == 1


def test_kg_serve_on_a_taken_port_fails_without_saying_it_serves(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process, _ = _kg_serve(tmp_path, port=taken.getsockname()[1])
        _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "serving on" not in stderr.decode() and "address already in use" in stderr.decode()


# ---- the ontology at its namespace IRI ------------------------------------------------------


def test_the_ontology_namespace_serves_the_reference_to_browsers_and_rdf_to_clients(server: str) -> None:
    """/ontology stands for https://w3id.org/cnbudget/ontology: the reference of kg docs for a
    browser (a fragment such as #BudgetProject lands on the term), the ontology graph otherwise."""
    from kg.build import ontology_quads
    from kg.web.docs import render_docs

    browser = httpx.get(server + "/ontology", headers={"Accept": BROWSER_ACCEPT}, follow_redirects=True)
    assert browser.status_code == 200 and str(browser.url) == server + "/ontology/"
    assert browser.headers["content-type"] == "text/html; charset=utf-8"
    docs = render_docs()
    assert browser.content == docs["index.html"]  # kg's own page is deterministic
    assert 'id="BudgetProject"' in browser.text and 'id="hasTarget"' in browser.text
    assert "default-src 'none'" in browser.headers["content-security-policy"]
    for name in ("kg.ttl", "tiers.ttl", "units.ttl", "shapes.ttl"):  # the reference's own links
        assert f'href="{name}"' in browser.text
        page = httpx.get(f"{server}/ontology/{name}")
        assert page.status_code == 200 and page.content == docs[name]
        assert page.headers["content-type"] == "text/turtle; charset=utf-8"
    pylode = httpx.get(server + "/ontology/ontology.html")  # pyLODE orders some lists differently each run
    assert 'href="ontology.html"' in browser.text and pylode.status_code == 200
    assert 'id="BudgetProject"' in pylode.text and len(pylode.content) == len(docs["ontology.html"])
    for name in ("nothing.html", "docs.py", "__init__.py", "%2e%2e", "..%2Fsparql"):  # only the reference's own files
        assert httpx.get(f"{server}/ontology/{name}").status_code == 404

    expected = graph_of([(s, p, o, None) for s, p, o, _ in ontology_quads()])
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("*/*", "turtle")):
        response = httpx.get(server + "/ontology", headers={"Accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept if accept != "*/*" else "text/turtle")
        assert_isomorphic(rdflib.Graph().parse(data=response.text, format=fmt), expected)
    assert httpx.get(server + "/ontology", headers={"Accept": "image/png"}).status_code == 406
    redirect = httpx.get(server + "/ontology?format=html")
    assert redirect.status_code == 303 and redirect.headers["location"] == "/ontology/?format=html"


def test_kg_serve_of_input_files_describes_them_as_kg_build_does(tmp_path: Path, example_path: Path) -> None:
    """The command itself, in its own process: /.well-known/void holds kg build's DCAT/VoID
    description of the input (licence, title, distributions), not one guessed from the store."""
    import socket
    import subprocess
    import sys

    from click.testing import CliRunner

    from kg.cli import cli

    built = tmp_path / "example.ttl"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(built)]).exit_code == 0
    written = turtle(built.read_text(encoding="utf-8"))
    dataset = rdflib.URIRef(UNIT + "/2026/dataset")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(example_path), "--port", str(port), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/.well-known/void", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read().decode() if process.stderr else ""
                time.sleep(0.2)
        served = turtle(response.text)
        for predicate in (rdflib.DCTERMS.title, rdflib.DCTERMS.description, VOID.triples, rdflib.PROV.wasGeneratedBy):
            assert set(served.objects(dataset, predicate)) == set(written.objects(dataset, predicate)) != set()
        for predicate in (rdflib.DCTERMS.license, rdflib.DCTERMS.publisher):  # kg build gives neither unless told
            assert served.value(dataset, predicate) is None and written.value(dataset, predicate) is None
        assert (dataset, VOID.sparqlEndpoint, rdflib.URIRef(f"http://127.0.0.1:{port}/sparql")) in served
    finally:
        process.terminate()
        process.wait(20)


def test_kg_serve_of_a_built_file_adds_no_second_description(tmp_path: Path, example_path: Path) -> None:
    """A file kg build wrote holds its own description; kg serve makes one only for disclosure texts."""
    from click.testing import CliRunner

    from kg.cli import cli, served_inputs
    from kg.rdf.iris import DEFAULT_BASE

    built = tmp_path / "example.ttl"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(built)]).exit_code == 0
    _, description = served_inputs((built,), DEFAULT_BASE, None, None)
    assert description is None
    _, description = served_inputs((example_path,), DEFAULT_BASE, None, None)
    assert description and any(p == str(VOID.triples) for _, p, _, _ in description)
