"""kg viz as a library: the networkx model of the example, and the HTML page drawn from it."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from builders import QUANTITY, SATISFACTION, cost, disclosure, project, row

from kg.analyse.analysis import analyse
from kg.build import Built, load_inputs, ontology_quads
from kg.network.graph import (
    ACTIVITY,
    DEPARTMENT,
    INDICATOR,
    PROJECT,
    TIER1,
    TIER2,
    FocusError,
    department_graph,
    network_graph,
    overview_graph,
)
from kg.rdf import terms
from kg.rdf.mapping import disclosure_quads
from kg.rdf.namespaces import LABEL, RDF_TYPE
from kg.rdf.quads import Literal, Quad
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure
from kg.web.viz import (
    DEFAULT_MAX_NODES,
    MAX_NODES_HELP,
    VIS_DIR,
    layout_hints,
    render_graph,
    render_page,
    tooltip,
    write_page,
)

HOSTILE_PROJECT = "<img src=x onerror=alert(1)>"
HOSTILE_UNIT = "<script>window.kgPwned=1</script>大屯"


@pytest.fixture(scope="module")
def built(example_path: Path) -> Built:
    return load_inputs([example_path])


@pytest.fixture(scope="module")
def graph(built: Built) -> nx.MultiDiGraph:
    return network_graph(built.quads)


@pytest.fixture(scope="module")
def page(built: Built) -> str:
    return render_page(built.quads)


def kinds(graph: nx.MultiDiGraph, kind: str) -> dict[str, dict]:
    return {n: a for n, a in graph.nodes(data=True) if a["kind"] == kind}


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the page carries its data in a JSON script element"
    return json.loads(match.group(1))


def hostile_disclosure() -> Disclosure:
    """A small disclosure whose department and project names are markup."""
    text = f"x\t623001-{HOSTILE_UNIT}\n" + disclosure([
        project("11010522T000000000001", HOSTILE_PROJECT, "10.000000\t10.000000\t", "目标<b>粗体</b>&amp;", QUANTITY),
        row(SATISFACTION),
        row(cost("10")),
    ])
    return parse_source(source_from_bytes(text.encode(), "hostile.txt"))


def hostile_quads() -> list[Quad]:
    return list(ontology_quads()) + list(disclosure_quads(hostile_disclosure(), analyse(hostile_disclosure())))


def corpus_quads(example: Disclosure, copies: int) -> list[Quad]:
    """Copies of the example under different unit codes: a corpus of ``copies`` departments."""
    quads = list(ontology_quads())
    for number in range(copies):
        copy = dataclasses.replace(example, unit_code=f"6230{number:02d}", unit_name=f"示例街道{number:02d}", sha256=f"{number:064x}")
        quads += disclosure_quads(copy, analyse(copy))
    return quads


# ---- the model ---------------------------------------------------------------------------------


def test_the_model_holds_every_department_activity_project_and_indicator(graph: nx.MultiDiGraph, example: Disclosure) -> None:
    counts = Counter(a["kind"] for _, a in graph.nodes(data=True))
    assert counts[DEPARTMENT] == 1
    assert counts[PROJECT] == len(example.projects) == 36
    assert counts[ACTIVITY] == len(example.activities) == 4
    assert counts[INDICATOR] == example.project_indicators + example.activity_indicators == 239
    indicators = [i for owner in (*example.projects, *example.activities) for i in owner.indicators]
    assert counts[TIER2] == len({i.tier2 for i in indicators}) == 8
    assert counts[TIER1] == len({i.tier1 for i in indicators}) == 4


def test_edges_say_which_relation_they_stand_for(graph: nx.MultiDiGraph, built: Built) -> None:
    ontology_label = {s: o.value for s, p, o, _ in built.quads if p == LABEL and isinstance(o, Literal) and o.lang == "zh"}
    relations = Counter(a["relation"] for _, _, a in graph.edges(data=True))
    assert relations[terms.hasProject] == 36
    assert relations[terms.hasActivity] == 4
    assert relations[terms.hasIndicator] == 239
    assert relations[terms.tier] == 239
    for _, _, attrs in graph.edges(data=True):
        if attrs["relation"] in ontology_label:
            assert attrs["label"] == ontology_label[attrs["relation"]]
    department = next(iter(kinds(graph, DEPARTMENT)))
    for node, attrs in kinds(graph, INDICATOR).items():
        (owner,) = graph.predecessors(node)
        assert owner == attrs["owner"] and graph.nodes[owner]["kind"] in (PROJECT, ACTIVITY)
        assert list(graph.predecessors(owner)) == [department]
        assert list(graph.successors(node)) == [attrs["tier2"]]
        assert list(graph.successors(attrs["tier2"])) == [attrs["tier1"]]


def test_targets_are_attributes_of_the_indicators_as_the_document_prints_them(graph: nx.MultiDiGraph, example: Disclosure) -> None:
    by_line = {(a["line"], a["label"]): a for a in kinds(graph, INDICATOR).values()}
    assert len(by_line) == 239
    tier_label = {n: a["label"] for n, a in graph.nodes(data=True) if a["kind"] in (TIER1, TIER2)}
    for owner in (*example.projects, *example.activities):
        for indicator in owner.indicators:
            attrs = by_line[(indicator.line, indicator.name)]
            assert attrs["comparator"] == indicator.comparator
            assert attrs["value"] == indicator.value
            assert attrs["target_text"] == indicator.value_text
            assert attrs["unit_text"] == indicator.unit
            assert (tier_label[attrs["tier1"]], tier_label[attrs["tier2"]]) == (indicator.tier1, indicator.tier2)
            assert graph.nodes[attrs["owner"]]["label"] == owner.name


def test_projects_carry_code_amount_and_source_line(graph: nx.MultiDiGraph, example: Disclosure) -> None:
    projects = {a["code"]: a for a in kinds(graph, PROJECT).values()}
    for p in example.projects:
        assert (projects[p.code]["label"], projects[p.code]["amount"], projects[p.code]["line"]) == (p.name, p.total, p.line)
    (department,) = kinds(graph, DEPARTMENT).values()
    assert (department["code"], department["label"], department["years"]) == ("623001", example.unit_name, ["2026"])
    assert department["amount"] == sum(p.total for p in example.projects if p.total is not None)


def test_an_indicator_tooltip_names_tiers_comparator_value_unit_owner_and_source_line(graph: nx.MultiDiGraph, example: Disclosure) -> None:
    project_record = example.projects[0]
    indicator = next(i for i in project_record.indicators if i.value is not None and i.unit)
    node = next(n for n, a in kinds(graph, INDICATOR).items() if a["line"] == indicator.line and a["label"] == indicator.name)
    text = tooltip(graph, node)
    assert text.splitlines()[0] == indicator.name
    for part in (indicator.tier1, indicator.tier2, indicator.comparator, indicator.unit, project_record.name, project_record.code,
                 f"第 {indicator.line} 行", "000_c335fd1cef659d43.txt"):
        assert part in text
    assert f"：{indicator.comparator} {indicator.value_text} {indicator.unit}\n" in text


def test_focus_on_a_project_code_keeps_the_project_its_indicators_its_tiers_and_its_department(built: Built, example: Disclosure) -> None:
    chosen = example.projects[5]
    focused = network_graph(built.quads, focus=chosen.code)
    counts = Counter(a["kind"] for _, a in focused.nodes(data=True))
    assert counts[PROJECT] == 1 and counts[DEPARTMENT] == 1 and counts[ACTIVITY] == 0
    assert counts[INDICATOR] == len(chosen.indicators)
    assert counts[TIER2] == len({i.tier2 for i in chosen.indicators})
    assert counts[TIER1] == len({i.tier1 for i in chosen.indicators})
    assert network_graph(built.quads, focus=chosen.name).nodes == focused.nodes


def test_focus_on_an_activity_name_and_on_the_department_code(built: Built, example: Disclosure, graph: nx.MultiDiGraph) -> None:
    activity = example.activities[2]
    focused = network_graph(built.quads, focus=activity.name)
    assert Counter(a["kind"] for _, a in focused.nodes(data=True))[INDICATOR] == len(activity.indicators)
    assert [a["label"] for _, a in focused.nodes(data=True) if a["kind"] == ACTIVITY] == [activity.name]
    assert network_graph(built.quads, focus="623001").number_of_nodes() == graph.number_of_nodes()


def test_a_focus_that_matches_nothing_is_a_clear_one_line_error(built: Built) -> None:
    with pytest.raises(FocusError) as error:
        network_graph(built.quads, focus="垃圾")
    message = str(error.value)
    assert "\n" not in message and "'垃圾'" in message
    assert "垃圾分类工作经费" in message  # names containing the text are suggested
    with pytest.raises(FocusError):
        network_graph(built.quads, focus="99999999T000000000000")


def test_layout_hints_place_every_node_with_the_tier_concepts_in_a_column_on_the_right(graph: nx.MultiDiGraph) -> None:
    positions = layout_hints(graph)
    assert positions.keys() == set(graph.nodes)
    tier_xs = [positions[n][0] for n, a in graph.nodes(data=True) if a["kind"] in (TIER1, TIER2)]
    other_xs = [positions[n][0] for n, a in graph.nodes(data=True) if a["kind"] not in (TIER1, TIER2)]
    assert min(tier_xs) > max(other_xs)
    assert len(set(positions.values())) == len(positions)  # no two nodes start on top of each other


# ---- the page ----------------------------------------------------------------------------------


def test_the_page_draws_exactly_the_nodes_and_edges_of_the_graph(page: str, graph: nx.MultiDiGraph) -> None:
    data = page_data(page)
    assert data["initial"] == "all" and list(data["views"]) == ["all"]
    view = data["views"]["all"]
    assert len(view["nodes"]) == graph.number_of_nodes() == 292
    assert len(view["edges"]) == graph.number_of_edges()
    assert len({n["id"] for n in view["nodes"]}) == len(view["nodes"])
    assert Counter(n["kind"] for n in view["nodes"]) == Counter(a["kind"] for _, a in graph.nodes(data=True))
    assert Counter(e["rel"] for e in view["edges"])["hasIndicator"] == 239
    projects = [n for n in view["nodes"] if n["kind"] == PROJECT]
    assert all(n["value"] > 0 for n in projects)  # sized by amount


class _Resources(HTMLParser):
    """Every tag and attribute of a page, to find anything that would load from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_page_is_self_contained_and_loads_nothing_from_the_network(page: str) -> None:
    parser = _Resources()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert "link" not in tags and "iframe" not in tags and "img" not in tags
    for tag, attrs in parser.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            assert name not in attrs, f"<{tag} {name}=…> would load something"
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    assert "sourceMappingURL" not in page
    meta = {attrs.get("http-equiv"): attrs.get("content") for tag, attrs in parser.tags if tag == "meta"}
    assert "default-src 'none'" in meta["Content-Security-Policy"]
    assert '<meta charset="utf-8">' in page


def test_the_csp_allows_exactly_the_inline_scripts_of_the_page(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1).replace("&#39;", "'")
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2 and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts} == allowed


def test_the_vendored_vis_network_is_the_release_its_readme_names() -> None:
    readme = (VIS_DIR / "README.md").read_text(encoding="utf-8")
    assert "9.1.2" in readme and "Apache" in readme and "MIT" in readme
    for name in ("vis-network.min.js", "vis-network.min.css"):
        digest = hashlib.sha256((VIS_DIR / name).read_bytes()).hexdigest()
        assert f"`{name}`" in readme and digest in readme, f"{name} differs from the release the README describes"
    assert "@version 9.1.2" in (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")[:400]
    assert (VIS_DIR / "LICENSE-MIT").is_file() and (VIS_DIR / "LICENSE-APACHE-2.0").is_file()


def test_text_from_the_document_never_reaches_the_page_as_markup() -> None:
    html = render_page(hostile_quads())
    for markup in (HOSTILE_PROJECT, "<script>window.kgPwned", "<b>粗体</b>"):
        assert markup not in html
    parser = _Resources()
    parser.feed(html)
    assert [tag for tag, _ in parser.tags].count("script") == 3  # the data and the two scripts of the page
    assert "img" not in [tag for tag, _ in parser.tags]
    # The heading shows the department's name as text …
    assert "<h1 id=\"title\">&lt;script&gt;window.kgPwned=1&lt;/script&gt;大屯</h1>" in html
    # … and the data keeps the names exactly, to be shown with textContent and plain-text tooltips.
    names = {n["name"] for n in page_data(html)["views"]["all"]["nodes"]}
    assert {HOSTILE_PROJECT, HOSTILE_UNIT} <= names


def test_write_page_writes_utf8_atomically_and_says_what_it_drew(tmp_path: Path, built: Built, graph: nx.MultiDiGraph) -> None:
    path = tmp_path / "out" / "graph.html"
    summary = write_page(built.quads, path)
    assert summary.path == path and not summary.overview
    assert (summary.nodes, summary.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (summary.graph_nodes, summary.departments) == (graph.number_of_nodes(), 1)
    text = path.read_bytes().decode("utf-8")
    assert "北京市朝阳区人民政府大屯街道办事处".encode() in path.read_bytes()
    assert text == render_page(built.quads)  # the same input gives the same bytes
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]  # no temporary file left


def test_a_focused_page_draws_only_the_focus(built: Built, example: Disclosure) -> None:
    chosen = example.projects[0]
    data = page_data(render_page(built.quads, focus=chosen.code))
    nodes = data["views"]["all"]["nodes"]
    assert [n["name"] for n in nodes if n["kind"] == PROJECT] == [chosen.name]
    assert len(nodes) == network_graph(built.quads, focus=chosen.code).number_of_nodes()


def test_above_the_node_limit_the_page_starts_with_an_overview_and_one_view_per_department(example: Disclosure) -> None:
    quads = corpus_quads(example, 4)
    graph = network_graph(quads)
    assert graph.number_of_nodes() == 4 * 280 + 12  # the tier concepts are shared
    html, summary = render_graph(graph, max_nodes=1000)
    data = page_data(html)
    assert summary.overview and data["initial"] == "overview"
    overview = overview_graph(graph)
    assert (summary.nodes, summary.edges) == (overview.number_of_nodes(), overview.number_of_edges())
    assert Counter(a["kind"] for _, a in overview.nodes(data=True)) == {DEPARTMENT: 4, ACTIVITY: 16, TIER1: 4}
    assert len(data["views"]["overview"]["nodes"]) == 4 + 16 + 4
    counts = [e for e in data["views"]["overview"]["edges"] if e["rel"] == "count"]
    assert sorted(int(e["label"]) for e in counts) == sorted([120, 40, 39, 40] * 4)  # indicators per 一级 tier
    departments = [n for n, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT]
    assert len(data["departments"]) == 4 and len(data["views"]) == 5
    for entry in data["departments"]:
        dept = next(d for d in departments if graph.nodes[d]["label"] == entry["label"])
        assert len(data["views"][entry["id"]]["nodes"]) == department_graph(graph, dept).number_of_nodes() == 292
    # Under the limit, the same corpus is drawn whole.
    _, whole = render_graph(graph, max_nodes=graph.number_of_nodes())
    assert not whole.overview and whole.nodes == graph.number_of_nodes()


def test_the_node_limit_is_stated_for_the_help_text() -> None:
    assert f"[default: {DEFAULT_MAX_NODES}]" in MAX_NODES_HELP and "overview" in MAX_NODES_HELP


def test_the_tier_concepts_come_from_the_ontology_whatever_the_data(built: Built) -> None:
    """A graph without data still knows every tier concept, for the legend and the statistics."""
    graph = network_graph(ontology_quads())
    assert graph.number_of_nodes() == 0
    levels = Counter(t["level"] for t in graph.graph["tiers"].values())
    quads = built.quads
    typed = Counter(o for _, p, o, _ in quads if p == RDF_TYPE and o in (terms.TierOneConcept, terms.TierTwoConcept))
    assert (levels[1], levels[2]) == (typed[terms.TierOneConcept], typed[terms.TierTwoConcept])
