"""The W3C SPARQL 1.1 Protocol test suite against a real `kg serve`, and the dataset rules beyond it.

tests/data/sparql11-protocol holds the suite (its README gives the source and the licence). Each test
of its manifest sends the requests the manifest describes (method, path and query string, headers,
body) to `kg serve` started as a subprocess on a free loopback port, and checks each response: the
status class, the content type, and the answer where the manifest gives one. The query tests run on
a read-only server, the update tests on one started with --allow-update; both hold the manifest's
data files as named graphs, each under its ``rdfs:label``.

Beyond the suite: a query's own FROM / FROM NAMED makes its dataset when the request names none
(SPARQL 1.1 Query §13.2), the request's default-graph-uri / named-graph-uri replace it, and relative
IRIs resolve against the endpoint's own URL.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.query import Result

from kg.web.sparql_protocol import BadRequest, names_own_dataset, with_using

SUITE = Path(__file__).resolve().parent / "data" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
MANIFEST_PATH = "/sparql/"  # where the manifest's requests go; kg serve's endpoint is /sparql
SERVER_START_S = 60.0

# The content types the manifest's mf:expectedFormat allows (its tests' names list them), and how
# rdflib reads each. RDF: RDF/XML, Turtle, N-Triples or RDFa (which kg serve does not write).
RESULT_FORMATS = {
    "application/sparql-results+xml": "xml", "application/sparql-results+json": "json",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
EXPECTED_FORMATS = {
    "boolean": {"application/sparql-results+xml", "application/sparql-results+json"},
    "tabular": set(RESULT_FORMATS),
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}
RDF_FORMATS = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    target: str  # the path and query string after the manifest's /sparql/
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]  # 2 for 2xx, …
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the local name of the test's IRI: query_post_form, bad_update_get, …
    title: str
    requests: tuple[ProtocolRequest, ...]

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def _list(graph: rdflib.Graph, head: Any) -> list[Any]:
    return list(Collection(graph, head)) if head is not None else []


def _request(graph: rdflib.Graph, node: Any) -> ProtocolRequest:
    path = str(graph.value(node, HT.absolutePath))
    assert path.startswith(MANIFEST_PATH), path
    headers = tuple((str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue))) for h in _list(graph, graph.value(node, HT.headers)))
    body = graph.value(node, HT.body)
    response = graph.value(node, HT.resp)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    expected_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        target=path[len(MANIFEST_PATH):],
        headers=headers,
        body=str(graph.value(body, CNT.chars)).encode(str(graph.value(body, CNT.characterEncoding))) if body is not None else None,
        status_classes=frozenset(int(str(s).rsplit("StatusCode", 1)[1][0]) for s in graph.objects(response, MF.expectedStatus)),
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=expected_boolean.toPython() if expected_boolean is not None else None,
    )


def read_manifest() -> tuple[list[ProtocolTest], dict[str, Path]]:
    """The manifest's tests in its order, and its data files by graph name (their ``rdfs:label``)."""
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    tests: list[ProtocolTest] = []
    graphs: dict[str, Path] = {}
    for entry in _list(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        requests = tuple(_request(graph, r) for r in _list(graph, graph.value(action, HT.requests)))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1], str(graph.value(entry, MF.name)), requests))
        for data in graph.objects(entry, UT.graphData):
            label, file = str(graph.value(data, rdflib.RDFS.label)), SUITE / str(graph.value(data, UT.graph)).rsplit("/", 1)[1]
            assert graphs.setdefault(label, file) == file, f"{label} names two files"
    return tests, graphs


TESTS, GRAPHS = read_manifest()
G1, G2, G3 = sorted(GRAPHS)  # http://kasei.us/2009/09/sparql/data/data1.rdf, …


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def suite_store(folder: Path) -> Path:
    """A store holding each of the manifest's data files as the named graph of its label."""
    store = ox.Store(str(folder))
    for label, file in GRAPHS.items():
        store.load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(label))
    store.flush()
    del store  # closed, so that the server can open it
    return folder


@contextlib.contextmanager
def kg_serve(folder: Path, *options: str) -> Iterator[str]:
    """`kg serve` of the suite's store (made in ``folder``) in its own process on a free loopback
    port; yields its URL."""
    store, log = suite_store(folder / "store"), folder / "serve.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as stderr:  # a file, not a pipe: a full pipe would stop the server
        process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), "--workers", "1", *options],
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                httpx.get(url + "/sparql", headers={"Accept": "text/turtle"}, timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(20)


@pytest.fixture(scope="module")
def query_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with kg_serve(tmp_path_factory.mktemp("protocol-read-only")) as url:
        yield url


@pytest.fixture(scope="module")
def update_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with kg_serve(tmp_path_factory.mktemp("protocol-writable"), "--allow-update") as url:
        yield url


# ---- the W3C suite --------------------------------------------------------------------------


def check_response(response: httpx.Response, expected: ProtocolRequest) -> None:
    assert response.status_code // 100 in expected.status_classes, f"{response.status_code}: {response.text}"
    if expected.expected_format is None:
        return
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    assert media_type in EXPECTED_FORMATS[expected.expected_format], media_type
    if media_type in RDF_FORMATS:
        rdflib.Graph().parse(data=response.content, format=RDF_FORMATS[media_type])  # well-formed
        return
    result = Result.parse(io.BytesIO(response.content), format=RESULT_FORMATS[media_type])
    assert result.type == ("ASK" if expected.expected_format == "boolean" else "SELECT")
    if expected.expected_boolean is not None:
        assert result.askAnswer is expected.expected_boolean


@pytest.mark.parametrize("test", [pytest.param(t, id=t.name) for t in TESTS])
def test_w3c_protocol_suite(test: ProtocolTest, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("update_server" if test.is_update else "query_server")
    for sent in test.requests:
        response = httpx.request(sent.method, f"{url}/sparql{sent.target}", headers=list(sent.headers), content=sent.body, timeout=30)
        check_response(response, sent)


def test_the_suite_has_the_twenty_query_and_fourteen_update_tests() -> None:
    assert sum(not t.is_update for t in TESTS) == 20 and sum(t.is_update for t in TESTS) == 14
    assert all(t.requests for t in TESTS)


# ---- the dataset: the query's own, the request's, or the union -----------------------------


def select(url: str, query: str, **dataset: list[str]) -> list[dict[str, str]]:
    response = httpx.get(url + "/sparql", params={"query": query, **dataset}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(response.text)["results"]["bindings"]]


def count(url: str, query: str, **dataset: list[str]) -> int:
    return int(select(url, query, **dataset)[0]["n"])


def test_a_query_without_a_dataset_clause_sees_the_union_of_all_graphs(query_server: str) -> None:
    assert count(query_server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == 3
    # FROM in a comment, a string, an IRI or a name is no dataset clause.
    assert count(query_server, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(?o != <urn:FROM> && STR(?o) != "FROM") } # FROM <urn:x>') == 3


def test_from_makes_the_default_graph_of_those_graphs_alone(query_server: str) -> None:
    assert count(query_server, f"SELECT (COUNT(*) AS ?n) FROM <{G1}> {{ ?s ?p ?o }}") == 1
    assert count(query_server, f"select (count(*) as ?n) from <{G1}> from <{G2}> {{ ?s ?p ?o }}") == 2
    assert count(query_server, "SELECT (COUNT(*) AS ?n) FROM <urn:no-such-graph> { ?s ?p ?o }") == 0
    assert select(query_server, f"SELECT ?g FROM <{G1}> {{ GRAPH ?g {{ ?s ?p ?o }} }}") == []  # and no named graphs


def test_from_named_makes_only_those_graphs_visible_to_graph(query_server: str) -> None:
    rows = select(query_server, f"SELECT DISTINCT ?g FROM NAMED <{G1}> FROM NAMED <{G3}> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert sorted(row["g"] for row in rows) == [G1, G3]
    assert count(query_server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G1}> {{ ?s ?p ?o }}") == 0  # the default graph is empty


def test_the_requests_dataset_replaces_the_querys(query_server: str) -> None:
    from_g1 = f"SELECT (COUNT(*) AS ?n) FROM <{G1}> {{ ?s ?p ?o }}"
    assert count(query_server, from_g1, **{"default-graph-uri": [G2, G3]}) == 2
    assert count(query_server, from_g1, **{"named-graph-uri": [G2]}) == 0  # a request naming only named graphs: an empty default graph
    graphs = f"SELECT DISTINCT ?g FROM NAMED <{G1}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row["g"] for row in select(query_server, graphs, **{"named-graph-uri": [G2]})] == [G2]
    assert select(query_server, graphs, **{"default-graph-uri": [G1]}) == []  # only default graphs: no named ones


def test_relative_iris_resolve_against_the_endpoint(query_server: str) -> None:
    constructed = httpx.post(query_server + "/sparql", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                             headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert constructed.status_code == 200, constructed.text
    assert constructed.text.startswith(f"<{query_server}/s> <{query_server}/p> ")
    assert select(query_server, "SELECT (<x> AS ?x) {}") == [{"x": query_server + "/x"}]
    assert select(query_server, "BASE <http://example.org/a/> SELECT (<x> AS ?x) {}") == [{"x": "http://example.org/a/x"}]  # the query's BASE first


def test_an_update_resolves_relative_iris_and_takes_the_requests_using_graphs(update_server: str) -> None:
    def update(text: str, **dataset: list[str]) -> httpx.Response:
        return httpx.post(update_server + "/sparql", params=dataset, content=text.encode(), headers={"Content-Type": "application/sparql-update"})

    assert update(f"DROP ALL ; INSERT DATA {{ GRAPH <{G1}> {{ <urn:a> <urn:p> 1 }} GRAPH <{G2}> {{ <urn:b> <urn:p> 2 }} }}").status_code == 204
    copy = "INSERT { GRAPH <urn:copy> { ?s <copied> ?o } } WHERE { ?s ?p ?o } ; DELETE WHERE { GRAPH <urn:none> { ?s ?p ?o } }"
    assert update(copy, **{"using-graph-uri": [G2]}).status_code == 204
    assert select(update_server, "SELECT ?s ?p { GRAPH <urn:copy> { ?s ?p ?o } }") == [{"s": "urn:b", "p": update_server + "/copied"}]
    conflict = update("WITH <urn:copy> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", **{"using-named-graph-uri": [G1]})
    assert conflict.status_code == 400 and "WITH" in conflict.text


def test_using_clauses_go_into_each_operation_with_a_where_clause() -> None:
    update = 'INSERT DATA { <a> <b> "WHERE" } ; DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { { SELECT * WHERE { ?s ?p ?o } } } ; DELETE WHERE { ?s ?p ?o }'
    rewritten = with_using(update, ("urn:g1",), ("urn:g2",))
    assert rewritten == update.replace("} WHERE { {", "} USING <urn:g1> USING NAMED <urn:g2> WHERE { {")
    assert with_using(update, (), ()) == update
    for own in ("USING <urn:x> WHERE", "using named <urn:x> WHERE"):
        with pytest.raises(BadRequest, match="give its dataset in one place"):
            with_using(f"INSERT {{ ?s ?p 1 }} {own} {{ ?s ?p ?o }}", ("urn:g1",), ())
    assert names_own_dataset("ASK FROM NAMED <g> {}") and not names_own_dataset("ASK { ?from <urn:from> 'FROM', :from }")


def test_each_dataset_parameter_belongs_to_its_operation(query_server: str) -> None:
    query = httpx.get(query_server + "/sparql", params={"query": "ASK {}", "using-graph-uri": G1})
    assert query.status_code == 400 and "default-graph-uri" in query.text
    update = httpx.post(query_server + "/sparql", data={"update": "CLEAR ALL", "default-graph-uri": G1})
    assert update.status_code == 400 and "using-graph-uri" in update.text
    utf16 = httpx.post(query_server + "/sparql", content="ASK {}".encode("utf-16"), headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert utf16.status_code == 415 and "UTF-8" in utf16.text
