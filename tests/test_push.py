"""`kg push` against a real Virtuoso, and its retry and count checks against a scripted store.

The Virtuoso tests start Debian's virtuoso-opensource-7 (scripts/install-virtuoso.sh) as a
throwaway server of their own: a fresh database in a temporary folder, its SQL and HTTP ports
free ports on 127.0.0.1, dba/dba, stopped at the end. With CI=true a missing Virtuoso fails the
tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.build import load_inputs
from kg.rdf.quads import BlankNode, Literal, Quad, Term
from kg.store.ingest import ingest, store_quads
from kg.store.push import PushCountMismatch, PushError, default_query_endpoint, push
from kg.store.query import OxigraphEngine, bind, library, with_values

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
GRAPH = "https://example.org/kg/test"
NUMERIC = {"integer", "decimal", "int", "long", "short", "byte", "double", "float",
           "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run these tests: .ci/run installs it with scripts/install-virtuoso.sh)")
    pytest.skip(f"{reason}: run scripts/install-virtuoso.sh")


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The system ini with every file in ``folder`` and both ports on 127.0.0.1."""
    config = configparser.RawConfigParser(strict=False, inline_comment_prefixes=(";",), interpolation=None)
    config.optionxform = str  # type: ignore[assignment,method-assign]  # Virtuoso's keys are case-sensitive
    config.read_string(SYSTEM_INI.read_text(encoding="utf-8"))
    database = config["Database"]
    for key, name in (("DatabaseFile", "virtuoso.db"), ("ErrorLogFile", "virtuoso.log"), ("LockFile", "virtuoso.lck"),
                      ("TransactionFile", "virtuoso.trx"), ("xa_persistent_file", "virtuoso.pxa")):
        database[key] = str(folder / name)
    config["TempDatabase"]["DatabaseFile"] = str(folder / "virtuoso-temp.db")
    config["TempDatabase"]["TransactionFile"] = str(folder / "virtuoso-temp.trx")
    config["Parameters"]["ServerPort"] = f"127.0.0.1:{sql_port}"
    config["Parameters"]["DirsAllowed"] = f"., {folder}, /usr/share/virtuoso-opensource-7/vad"
    config["Parameters"]["NumberOfBuffers"] = "20000"
    config["Parameters"]["MaxDirtyBuffers"] = "15000"
    config["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    config["SPARQL"]["ResultSetMaxRows"] = "1000000"
    # No time limits: Virtuoso would refuse a query on a bad estimate of its cost (it guessed
    # 41054 s for the department summary of one document), or cut its result short ("anytime").
    config.remove_option("SPARQL", "MaxQueryCostEstimationTime")
    config.remove_option("SPARQL", "MaxQueryExecutionTime")
    path = folder / "virtuoso.ini"
    with path.open("w", encoding="utf-8") as out:
        config.write(out)
    return path


class Virtuoso:
    def __init__(self, http_port: int) -> None:
        self.url = f"http://127.0.0.1:{http_port}"
        self.sparql = self.url + "/sparql"
        self.graph_store = self.url + "/sparql-graph-crud-auth"

    def select(self, query: str, default_graph: str | None = GRAPH) -> dict[str, Any]:
        data = {"query": query}
        if default_graph:
            data["default-graph-uri"] = default_graph
        response = httpx.post(self.sparql, data=data, headers={"Accept": "application/sparql-results+json"}, timeout=120)
        assert response.status_code == 200, response.text
        return json.loads(response.text)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    binary = shutil.which("virtuoso-t")
    if binary is None or not SYSTEM_INI.exists():
        missing("Virtuoso (virtuoso-t, virtuoso-opensource-7) is not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = virtuoso_ini(folder, sql_port, http_port)
    log = (folder / "console.txt").open("wb")
    process = subprocess.Popen([str(binary), "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    server = Virtuoso(http_port)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"virtuoso-t stopped (exit {process.returncode}): {(folder / 'console.txt').read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("virtuoso-t did not answer on its HTTP port within 180 s")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()  # Virtuoso checkpoints and stops on SIGTERM
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


@pytest.fixture(scope="module")
def example_quads(example_path: Path) -> list[Quad]:
    return load_inputs([example_path]).quads


def distinct_triples(quads: list[Quad]) -> int:
    return len({q[:3] for q in quads})


# ---- comparing rows by value ----------------------------------------------------------------


def value_of_term(term: Term | None) -> tuple | None:
    """A result cell as a value: numbers as numbers, text exactly (with its language), IRIs as is."""
    if term is None:
        return None
    if isinstance(term, str):
        return ("iri", term)
    if isinstance(term, BlankNode):
        return ("blank",)
    assert isinstance(term, Literal)
    if term.datatype and term.datatype.rsplit("#", 1)[-1] in NUMERIC:
        return ("number", Decimal(term.value))
    return ("text", term.value, (term.lang or "").lower())


def value_of_binding(binding: dict[str, str] | None) -> tuple | None:
    if binding is None:
        return None
    if binding["type"] == "uri":
        return ("iri", binding["value"])
    if binding["type"] == "bnode":
        return ("blank",)
    datatype = binding.get("datatype", "")
    if datatype.rsplit("#", 1)[-1] in NUMERIC:
        return ("number", Decimal(binding["value"]))
    return ("text", binding["value"], binding.get("xml:lang", "").lower())


def test_value_comparison_is_by_value_not_lexical_form() -> None:
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    assert value_of_term(Literal("95.50", decimal)) == value_of_binding({"type": "typed-literal", "datatype": decimal, "value": "95.5"})
    assert value_of_term(Literal("95", decimal)) != value_of_binding({"type": "typed-literal", "datatype": decimal, "value": "95.01"})
    assert value_of_term(Literal("满意度", lang="zh")) != value_of_binding({"type": "literal", "value": "满意度 ", "xml:lang": "zh"})


# ---- against Virtuoso -----------------------------------------------------------------------


def test_push_fills_the_graph_in_chunks_and_a_second_push_replaces_it(virtuoso: Virtuoso, example_quads: list[Quad]) -> None:
    seen: list[tuple[int, int]] = []
    expected = distinct_triples(example_quads)
    report = push(example_quads, virtuoso.graph_store, GRAPH, user="dba", password="dba", chunk_triples=expected // 4 + 1,  # four chunks
                  progress=lambda done, total: seen.append((done, total)))
    assert report.triples == report.in_store == expected
    assert report.chunks == 4 and report.retries == 0
    assert seen[0] == (0, expected) and seen[-1] == (expected, expected)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    blank = virtuoso.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }} }}", None)
    assert int(blank["results"]["bindings"][0]["n"]["value"]) == len({q[:3] for q in example_quads if isinstance(q[0], BlankNode) or isinstance(q[2], BlankNode)}) > 0

    again = push(example_quads, virtuoso.graph_store, GRAPH, user="dba", password="dba", chunk_triples=expected // 4 + 1)
    assert again.in_store == expected  # replaced, not added to (blank nodes included)

    smaller = [q for q in example_quads if q[3] != "https://w3id.org/cnbudget/ontology"]
    replaced = push(smaller, virtuoso.graph_store, GRAPH + "/smaller", user="dba", password="dba")
    assert replaced.in_store == distinct_triples(smaller)
    push(example_quads, virtuoso.graph_store, GRAPH + "/smaller", user="dba", password="dba")
    shrunk = push(smaller, virtuoso.graph_store, GRAPH + "/smaller", user="dba", password="dba", chunk_triples=3000)
    assert shrunk.in_store == distinct_triples(smaller)


def pushed_graphs(virtuoso: Virtuoso) -> set[str]:
    """The graphs the tests pushed to (GRAPH and the graphs named after it)."""
    answer = virtuoso.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{GRAPH}')) }}", None)
    return {b["g"]["value"] for b in answer["results"]["bindings"]}


def test_library_queries_give_the_same_rows_in_virtuoso(virtuoso: Virtuoso, example_quads: list[Quad]) -> None:
    push(example_quads, virtuoso.graph_store, GRAPH, user="dba", password="dba")
    engine = OxigraphEngine.from_quads(example_quads)
    compared = 0
    for name, query in library().items():
        text = with_values(query.text, bind(query, {}))
        embedded = engine.select(text, {})
        answer = virtuoso.select(text)
        assert answer["head"]["vars"] == embedded.variables, name
        expected = Counter(tuple(value_of_term(t) for t in row) for row in embedded.rows)
        got = Counter(tuple(value_of_binding(b.get(v)) for v in embedded.variables) for b in answer["results"]["bindings"])
        if name == "documents":
            # kg push writes a document's triples into the --graph given, so Virtuoso's graph column
            # names the graphs the tests pushed the example to (one row each), not its graph in kg.
            column = embedded.variables.index("graph")
            assert {row[column][1] for row in got} <= pushed_graphs(virtuoso), got
            expected, got = (Counter({row[:column] + row[column + 1:] for row in rows}) for rows in (expected, got))
        assert got == expected, f"{name}: only embedded {list((expected - got).items())[:3]}; only Virtuoso {list((got - expected).items())[:3]}"
        compared += bool(embedded.rows)
    assert compared >= 10  # the library's queries have rows on the example


def test_satisfaction_targets_read_the_same_text_and_numbers(virtuoso: Virtuoso, example_quads: list[Quad]) -> None:
    push(example_quads, virtuoso.graph_store, GRAPH, user="dba", password="dba")
    query = library()["satisfaction-at-least"]
    text = with_values(query.text, bind(query, {"threshold": "95"}))
    rows = virtuoso.select(text)["results"]["bindings"]
    assert len(rows) == 31
    names = {r["indicator"]["value"] for r in rows}
    assert "受益群众满意度" in names  # Chinese text arrives exactly
    assert all(Decimal(r["value"]["value"]) >= 95 for r in rows)


def test_a_store_folder_is_pushed_once_per_triple(virtuoso: Virtuoso, tmp_path: Path, example_path: Path) -> None:
    ingest(tmp_path / "store", [example_path], workers=1)
    report = push(tmp_path / "store", virtuoso.graph_store, GRAPH + "/store", user="dba", password="dba", chunk_triples=4000)
    distinct = len({q[:3] for q in store_quads(tmp_path / "store")})  # the store repeats none across its graphs
    assert report.in_store == report.triples == distinct > 8000
    assert report.chunks == -(-distinct // 4000)


def test_a_wrong_password_fails_with_the_stores_answer(virtuoso: Virtuoso, example_quads: list[Quad]) -> None:
    with pytest.raises(PushError, match=r"HTTP 401.*check --user and --password"):
        push(example_quads[:10], virtuoso.graph_store, GRAPH + "/denied", user="dba", password="not-the-password")


# ---- retries and checks, against a scripted store -------------------------------------------


class ScriptedStore:
    """A Graph Store endpoint that answers from a script, recording each request."""

    def __init__(self, failures: list[int | type[Exception]], count: int | None = None) -> None:
        self.failures = list(failures)
        self.count = count
        self.requests: list[tuple[str, int]] = []
        self.triples = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method in ("PUT", "POST") and self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, int):
                return httpx.Response(failure, text="scripted failure")
            raise failure("scripted", request=request)  # type: ignore[call-arg]
        if request.method == "PUT":
            self.triples = 0
        if request.method in ("PUT", "POST"):
            lines = request.content.decode("utf-8").count("\n")
            self.requests.append((request.method, lines))
            self.triples += lines
            return httpx.Response(201 if request.method == "PUT" else 200)
        if request.method == "GET":
            count = self.triples if self.count is None else self.count
            return httpx.Response(200, json={"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": str(count)}}]}})
        return httpx.Response(405)


def scripted_push(store: ScriptedStore, quads: list[Quad], **options: Any) -> Any:
    return push(quads, "http://store.test/graph-store", GRAPH, transport=httpx.MockTransport(store), sleep=lambda s: None, **options)


def test_transient_failures_are_retried(example_quads: list[Quad]) -> None:
    store = ScriptedStore([503, httpx.ConnectError, 502, httpx.ReadTimeout])
    report = scripted_push(store, example_quads, chunk_triples=distinct_triples(example_quads) // 2 + 1)  # two chunks
    assert report.retries == 4 and report.in_store == distinct_triples(example_quads)
    assert [method for method, _ in store.requests] == ["PUT", "POST"]


def test_a_refusal_is_not_retried(example_quads: list[Quad]) -> None:
    store = ScriptedStore([400])
    with pytest.raises(PushError, match="HTTP 400 Bad Request: scripted failure"):
        scripted_push(store, example_quads)
    assert store.requests == [] and store.failures == []


def test_a_store_that_keeps_failing_is_given_up(example_quads: list[Quad]) -> None:
    store = ScriptedStore([503] * 10)
    with pytest.raises(PushError, match=r"gave up after 3 attempts; the last: HTTP 503"):
        scripted_push(store, example_quads, attempts=3)


def test_a_count_that_differs_fails_with_the_report(example_quads: list[Quad]) -> None:
    store = ScriptedStore([], count=12)
    with pytest.raises(PushCountMismatch) as caught:
        scripted_push(store, example_quads)
    assert caught.value.report.in_store == 12 and caught.value.report.triples == distinct_triples(example_quads)
    assert "holds 12 triples" in str(caught.value)


def test_blank_node_triples_travel_together_in_the_first_chunk(example_quads: list[Quad]) -> None:
    store = ScriptedStore([])
    blank = len({q[:3] for q in example_quads if isinstance(q[0], BlankNode) or isinstance(q[2], BlankNode)})
    scripted_push(store, example_quads, chunk_triples=10)
    assert store.requests[0] == ("PUT", blank) and all(lines <= 10 for _, lines in store.requests[1:])


def test_bad_arguments_are_refused_before_anything_is_sent(example_quads: list[Quad]) -> None:
    with pytest.raises(PushError, match="--graph"):
        push(example_quads, "http://store.test/x", "not an iri")
    with pytest.raises(PushError, match="--endpoint"):
        push(example_quads, "ftp://store.test/x", GRAPH)
    assert default_query_endpoint("http://127.0.0.1:8890/sparql-graph-crud-auth") == "http://127.0.0.1:8890/sparql"
    assert default_query_endpoint("http://localhost:3030/ds/data") == "http://localhost:3030/ds/sparql"


def test_the_push_command_takes_the_library_options(virtuoso: Virtuoso, example_path: Path) -> None:
    """--chunk, --auth and --query-endpoint reach the library; a basic-auth attempt on Virtuoso's
    digest-only endpoint fails with one line and a non-zero exit."""
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    args = ["push", str(example_path), "--endpoint", virtuoso.graph_store, "--user", "dba"]
    ok = runner.invoke(cli, [*args, "--graph", GRAPH + "/cli", "--chunk", "2000", "--auth", "digest",
                             "--query-endpoint", virtuoso.sparql], env={"KG_PUSH_PASSWORD": "dba"})
    assert ok.exit_code == 0, ok.output
    sent = int(re.search(r"pushed (\d+) triples", ok.output).group(1))
    chunks = int(re.search(r"in (\d+) chunk", ok.output).group(1))
    assert chunks == -(-sent // 2000) and ok.output.rstrip().endswith(f"the store holds {sent}")
    elsewhere = runner.invoke(cli, [*args, "--graph", GRAPH + "/elsewhere", "--query-endpoint", virtuoso.sparql + "-nothing-here"],
                              env={"KG_PUSH_PASSWORD": "dba"})
    assert elsewhere.exit_code == 1 and "sparql-nothing-here" in elsewhere.output  # the count is asked where told
    basic = runner.invoke(cli, [*args, "--graph", GRAPH + "/basic", "--auth", "basic"], env={"KG_PUSH_PASSWORD": "dba"})
    assert basic.exit_code == 1 and basic.output.startswith("Error: ") and "HTTP 401" in basic.output
    assert len(basic.output.strip().splitlines()) == 1
