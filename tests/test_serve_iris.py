"""Every IRI kg mints or declares resolves in `kg serve`: a real server on the bundled example.

The IRIs are not listed here: they are asked of the served graph (its subjects and objects under
kg's namespaces and the base, its graph names, the dataset description), of kg's Turtle files,
and sampled one per kind (the path with its codes and hashes left out), so a kind added later is
checked without a change here. Each is fetched at the path w3id.org sends it to
(https://w3id.org/cnbudget/{path} → /{path}; a hash IRI's document), and at the link the
resource pages give it.
"""

from __future__ import annotations

import contextlib
import html
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib

from kg.rdf import terms
from kg.rdf.iris import DEFAULT_BASE
from kg.resources import data_dir
from kg.web.site import KG_ROOT, Site, iris_of_path, local_path

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
# The two that answered 404 before every path under kg's root was an IRI's.
KNOWN_BROKEN = ("https://w3id.org/cnbudget/scheme/tier/output", "https://w3id.org/cnbudget/unit/Yuan")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@pytest.fixture(scope="module")
def kg_serve(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Iterator[str]:
    """`kg serve` of the example in its own process, as a user runs it (default base)."""
    with _kg_serve(tmp_path_factory.mktemp("serve"), example_path) as url:
        yield url


@contextlib.contextmanager
def _kg_serve(folder: Path, example: Path, *args: str) -> Iterator[str]:
    """`kg serve EXAMPLE ARGS` on a free port ({port} in ARGS: that port), until the block ends."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = folder / "stderr.txt"
    command = [sys.executable, "-m", "kg", "serve", str(example), "--port", str(port), "--workers", "2", "--quiet",
               *(a.replace("{port}", str(port)) for a in args)]
    with log.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 60
        while "serving on" not in log.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"kg serve did not start: {log.read_text(encoding='utf-8', errors='replace')}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)


def kind_of(iri: str, roots: tuple[str, ...]) -> str:
    """An IRI's kind: its path under a root with its codes, hashes and last segment as ``*``
    (``id/unit/*/*/*/project/*``, ``scheme/tier/*``, ``ontology#*``)."""
    if "#" in iri:  # a hash IRI: its document's terms
        return iri.split("#", 1)[0] + "#*"
    root = next(r for r in roots if iri.startswith(r))
    segments = iri[len(root):].split("/")
    kept = [s if _WORD.fullmatch(s) and i < len(segments) - 1 else ("*" if s else "") for i, s in enumerate(segments)]
    return root + "/".join(kept)


def select(http: httpx.Client, query: str) -> list[str]:
    response = http.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert response.status_code == 200, response.text
    return [next(iter(row.values()))["value"] for row in response.json()["results"]["bindings"]]


def served_iris(http: httpx.Client, base: str) -> tuple[set[str], set[str]]:
    """(subjects, other IRIs) under kg's root or the base: in the served graph, its graph names, the
    dataset description, and kg's Turtle files."""
    roots = (KG_ROOT, base)
    under = " || ".join(f'STRSTARTS(STR(?x), "{root}")' for root in roots)
    subjects = set(select(http, f"SELECT DISTINCT ?x WHERE {{ ?x ?p ?o FILTER(isIRI(?x) && ({under})) }}"))
    others = set(select(http, f"SELECT DISTINCT ?x WHERE {{ ?s ?p ?x FILTER(isIRI(?x) && ({under})) }}"))
    others |= set(select(http, "SELECT DISTINCT ?x WHERE { GRAPH ?x { ?s ?p ?o } }"))
    void = rdflib.Graph().parse(data=http.get("/.well-known/void", headers={"Accept": "text/turtle"}).text, format="turtle")
    subjects |= {str(s) for s in void.subjects() if isinstance(s, rdflib.URIRef)}
    others |= {str(o) for o in void.objects() if isinstance(o, rdflib.URIRef)}
    for path in sorted(data_dir("ontology").glob("*.ttl")):
        subjects |= {str(s) for s in rdflib.Graph().parse(path, format="turtle").subjects() if isinstance(s, rdflib.URIRef)}
    keep = {iri for iri in subjects | others if iri.startswith(roots)}
    return keep & subjects, keep - subjects


def dereferenced_path(iri: str, base: str) -> str:
    """The path a client asks for: a base IRI's under /id/, kg's own as w3id.org redirects them,
    a hash IRI's document (the fragment is never sent)."""
    document = iri.split("#", 1)[0]
    if document.startswith(base) and len(document) > len(base):
        return "/id/" + document[len(base):]
    return "/" + document[len(KG_ROOT):]


def check_resolves(http: httpx.Client, iri: str, is_subject: bool, base: str) -> list[str]:
    """What is wrong with how ``iri`` resolves (nothing: an empty list)."""
    problems: list[str] = []
    node = rdflib.URIRef(iri)
    site = Site(base, "/id/", 100_000, False)
    paths = [dereferenced_path(iri, base), local_path(iri, site)]  # where it is asked for, where pages link it
    server = str(http.base_url).rstrip("/")
    if iri.startswith(server + "/"):  # a base on this server: the IRI is a URL of it
        paths.append(iri.split("#", 1)[0][len(server):])
    for path in dict.fromkeys(paths):
        response = http.get(path, headers={"Accept": "text/turtle"})
        if response.status_code != 200 or not response.headers["content-type"].startswith("text/turtle"):
            problems.append(f"{iri}: GET {path} as Turtle gave {response.status_code} {response.headers.get('content-type')}")
            continue
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        mentioned = (node, None, None) in graph or (not is_subject and ((None, None, node) in graph or "#" in iri))
        if not mentioned:
            problems.append(f"{iri}: GET {path} gave Turtle that does not {'describe' if is_subject else 'mention'} it")
    path = dereferenced_path(iri, base)
    page = http.get(path, headers={"Accept": BROWSER_ACCEPT})
    if path == "/ontology":  # the ontology's reference (kg docs): its own test renders it
        if page.status_code != 303 or page.headers["location"] != "/ontology/":
            problems.append(f"{iri}: GET {path} from a browser gave {page.status_code}, not the reference")
    elif page.status_code != 200 or not page.headers["content-type"].startswith("text/html") or html.escape(iri.split("#")[0]) not in page.text:
        problems.append(f"{iri}: GET {path} from a browser gave {page.status_code} {page.headers.get('content-type')}")
    return problems


def check_every_kind(url: str, base: str) -> set[str]:
    """Every kind of IRI the server serves resolves; the kinds found."""
    with httpx.Client(base_url=url, timeout=60) as http:
        return _check_every_kind(http, base)


def _check_every_kind(http: httpx.Client, base: str) -> set[str]:
    subjects, others = served_iris(http, base)
    samples: dict[str, str] = {}
    for iri in sorted(subjects) + sorted(others):  # a subject, when a kind has one
        samples.setdefault(kind_of(iri, (base, KG_ROOT)), iri)
    problems = [p for iri in samples.values() for p in check_resolves(http, iri, iri in subjects, base)]
    assert not problems, "\n".join(problems)
    return set(samples)


# ---- one server, every kind ------------------------------------------------------------------


def test_every_kind_of_iri_resolves_to_turtle_and_to_a_page(kg_serve: str) -> None:
    kinds = check_every_kind(kg_serve, DEFAULT_BASE)
    # What the sample must have covered (kinds, not IRIs: the example has each of them).
    for kind in (
        DEFAULT_BASE + "unit/*/*", DEFAULT_BASE + "unit/*/*/*", DEFAULT_BASE + "unit/*/*/*/project/*", DEFAULT_BASE + "graph/*/*/*",
        DEFAULT_BASE + "source/*", DEFAULT_BASE + "unit/*/*/*/decision/*", DEFAULT_BASE + "unit/*/*/*/activity/*/link/*",
        KG_ROOT + "ontology#*", KG_ROOT + "shapes#*", KG_ROOT + "scheme/tier/*", KG_ROOT + "scheme/function/*",
        KG_ROOT + "scheme/gov-economic/*", KG_ROOT + "scheme/budget-table/*", KG_ROOT + "unit/*", KG_ROOT + "region/*",
    ):
        assert kind in kinds, f"no {kind} among {sorted(kinds)}"


@pytest.mark.parametrize("iri", KNOWN_BROKEN)
def test_the_tier_scheme_and_kgs_units_resolve(kg_serve: str, iri: str) -> None:
    path = "/" + iri[len(KG_ROOT):]
    as_turtle = httpx.get(kg_serve + path, headers={"Accept": "text/turtle"})
    assert as_turtle.status_code == 200
    graph = rdflib.Graph().parse(data=as_turtle.text, format="turtle")
    assert graph.value(rdflib.URIRef(iri), rdflib.SKOS.prefLabel) is not None or graph.value(rdflib.URIRef(iri), rdflib.RDFS.label) is not None
    assert as_turtle.headers["link"] == f'<{iri}>; rel="canonical"'
    page = httpx.get(kg_serve + path, headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<p class="iri">{iri}</p>' in page.text and "default-src 'none'" in page.headers["content-security-policy"]
    assert httpx.get(kg_serve + path, headers={"Accept": "application/ld+json"}).headers["content-type"].startswith("application/ld+json")


def test_the_shapes_document_answers_for_its_terms(kg_serve: str) -> None:
    """…/shapes#Term is answered by …/shapes: every shape, with the blank nodes of its lists."""
    shapes = rdflib.Graph().parse(data=httpx.get(kg_serve + "/shapes", headers={"Accept": "text/turtle"}).text, format="turtle")
    shipped = rdflib.Graph().parse(data_dir("ontology") / "shapes.ttl", format="turtle")
    assert len(shapes) == len(shipped) and {s for s in shapes.subjects() if isinstance(s, rdflib.URIRef)} == {
        s for s in shipped.subjects() if isinstance(s, rdflib.URIRef)}
    page = httpx.get(kg_serve + "/shapes", headers={"Accept": BROWSER_ACCEPT}).text
    term = next(str(s) for s in sorted(shipped.subjects()) if str(s).startswith(KG_ROOT + "shapes#"))
    assert "<h2>Defined here (" in page and f'title="{term}"' in page


def test_unknown_iris_are_not_found_with_a_page_saying_so(kg_serve: str) -> None:
    for path in ("/id/unit/999999", "/scheme/tier/nothing", "/unit/Nothing", "/region/999999", "/nothing"):
        response = httpx.get(kg_serve + path, headers={"Accept": "text/turtle"})
        assert response.status_code == 404 and response.text == f"nothing is known about <{KG_ROOT}{path[1:]}> here\n"
        page = httpx.get(kg_serve + path, headers={"Accept": BROWSER_ACCEPT})
        assert page.status_code == 404 and page.headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>Not found</h1>" in page.text and f"{KG_ROOT}{path[1:]}" in page.text
    hostile = httpx.get(kg_serve + '/id/<script>alert("x")</script>', headers={"Accept": BROWSER_ACCEPT})
    assert hostile.status_code == 404 and "<script" not in hostile.text and "&lt;script&gt;" in hostile.text
    assert httpx.get(kg_serve + "/resource", params={"iri": KG_ROOT + "nothing"}).status_code == 404


# ---- paths and IRIs, whatever the base ----------------------------------------------------------


@pytest.mark.parametrize("base", [DEFAULT_BASE, "http://127.0.0.1:8808/", "https://data.example.org/b/", "https://data.example.org/b#"])
def test_each_iri_has_one_path_and_the_path_stands_for_it(base: str) -> None:
    site = Site(base, "/id/", 10, False)
    minted = [base + "unit/110105/623001/2026/project/11010522T000000416226/target/output-quantity-0caee101f2", base + "indicator/cost-1"]
    for iri in [*minted, *KNOWN_BROKEN, KG_ROOT + "region/110105", KG_ROOT + "shapes", KG_ROOT + "scheme/function/_T"]:
        path = local_path(iri, site)
        assert path.startswith("/") and not path.startswith("/resource?"), iri
        assert iri in iris_of_path(path, site), (iri, path)
    for iri in minted:
        assert local_path(iri, site).startswith("/id/")  # the base's IRIs are linked under /id/
    assert local_path(KG_ROOT + "ontology#BudgetProject", site).startswith("/resource?iri=")  # no path of its own
    assert iris_of_path("/", site) == ()


def test_a_base_on_this_server_dereferences_at_its_own_path() -> None:
    site = Site("http://127.0.0.1:8808/", "/id/", 10, False)
    assert iris_of_path("/unit/110105/623001", site) == ("http://127.0.0.1:8808/unit/110105/623001", KG_ROOT + "unit/110105/623001")
    assert iris_of_path("/id/unit/110105/623001", site)[0] == "http://127.0.0.1:8808/unit/110105/623001"
    assert iris_of_path("/unit/Yuan", site)[-1] == KG_ROOT + "unit/Yuan"


def test_kg_serve_with_a_local_base_resolves_every_kind_at_the_iri_itself(tmp_path: Path, example_path: Path) -> None:
    """`kg serve --base http://127.0.0.1:PORT/`: the base's IRIs are URLs of this server."""
    with _kg_serve(tmp_path, example_path, "--base", "http://127.0.0.1:{port}/") as url, httpx.Client(base_url=url, timeout=60) as http:
        base = url + "/"
        check_every_kind(url, base)
        department = select(http, f"SELECT ?d WHERE {{ ?budget <{terms.department}> ?d }} LIMIT 1")[0]
        assert department.startswith(base)
        itself = http.get(department, headers={"Accept": "text/turtle"})  # the IRI is the URL
        assert itself.status_code == 200 and (rdflib.URIRef(department), None, None) in rdflib.Graph().parse(data=itself.text, format="turtle")
        assert http.get(department.replace(base, "/id/"), headers={"Accept": "text/turtle"}).status_code == 200  # and /id/ as before
        for iri in KNOWN_BROKEN:
            assert http.get("/" + iri[len(KG_ROOT):], headers={"Accept": "text/turtle"}).status_code == 200
