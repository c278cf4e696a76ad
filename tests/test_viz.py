"""kg viz as a library: the networkx model of the example, and the HTML page drawn from it; a
corpus of several districts and years drawn as a map, from files and from a store."""

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
from builders import (
    QUALITY,
    QUANTITY,
    SATISFACTION,
    TABLE_13,
    TIMELY,
    cost,
    disclosure,
    project,
    row,
)

from kg.analyse.analysis import analyse
from kg.analyse.audit import ERROR
from kg.build import Built, load_inputs, ontology_quads
from kg.network.corpus import REGION, Figures, budget_figures, budget_years, map_graph
from kg.network.graph import (
    ACTIVITY,
    DEPARTMENT,
    INDICATOR,
    PROJECT,
    TIER1,
    TIER2,
    FocusError,
    budget_graphs,
    department_graph,
    network_graph,
)
from kg.network.store import store_graph
from kg.rdf import terms
from kg.rdf.mapping import disclosure_quads
from kg.rdf.namespaces import LABEL, RDF_TYPE
from kg.rdf.quads import Literal, Quad
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure
from kg.store.ingest import ingest, open_store, store_quads
from kg.web.viz import (
    DEFAULT_MAX_NODES,
    MAX_NODES_HELP,
    VIS_DIR,
    layout_hints,
    render_graph,
    render_page,
    tooltip,
    write_page,
    write_store_page,
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


# ---- a corpus of several districts and years -----------------------------------------------------
# The example as published by other units, in other years and districts (its unit code, its year and
# the first six digits of its project codes, which give its region, rewritten), and small documents
# whose figures differ. 朝阳区 is a district of Beijing and one of 长春市 (吉林省): two regions.
EXAMPLE_UNIT = "北京市朝阳区人民政府大屯街道办事处"


def example_variant(text: str, region: str, unit: str, year: int, name: str = EXAMPLE_UNIT) -> str:
    return text.replace("623001-", f"{unit}-").replace("(2026年度)", f"({year}年度)").replace("110105", region).replace(EXAMPLE_UNIT, name)


def small_document(region: str, unit: str, year: int, name: str, projects: list[list[str]]) -> str:
    """A disclosure of the given projects, each a list of indicator cells, and the small 表13."""
    rows = []
    for number, (first, *rest) in enumerate(projects):
        rows.append(project(f"{region}{22 + number}T{number:012d}", f"{name}项目{number}", "10.000000\t10.000000\t", "目标", first))
        rows += [row(cells) for cells in rest]
    return f"x\t{unit}-{name}\n" + disclosure(rows, TABLE_13.replace("(2026年度)", f"({year}年度)"))


def write_corpus(folder: Path, example_path: Path) -> list[Path]:
    """Six documents: 2025 in 北京市东城区, 北京市朝阳区 and 长春市朝阳区; 2026 in 北京市朝阳区 and two
    in 北京市海淀区 (one with the unit code 623001, as the 朝阳区 unit: another department)."""
    text = example_path.read_text(encoding="utf-8")
    documents = {
        "chaoyang-2025": example_variant(text, "110105", "623001", 2025),
        "chaoyang-2026": example_variant(text, "110105", "623001", 2026),
        "haidian-2026": example_variant(text, "110108", "623001", 2026, "北京市海淀区示例街道办事处"),
        "changchun-2025": example_variant(text, "220104", "700001", 2025, "长春市朝阳区示例街道办事处"),
        "haidian-small-2026": small_document("110108", "623009", 2026, "海淀区小单位", [[QUANTITY, SATISFACTION, cost("10")], [QUALITY, SATISFACTION], [TIMELY]]),
        "dongcheng-small-2025": small_document("110101", "500001", 2025, "东城区小单位", [[QUANTITY, SATISFACTION, SATISFACTION]]),
    }
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, document in documents.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(document, encoding="utf-8")
    return paths


def expected_figures(disclosure: Disclosure) -> Figures:
    """A document's figures counted in its parsed records and its audit, not in the graph."""
    indicators = [i for owner in (*disclosure.projects, *disclosure.activities) for i in owner.indicators]
    return Figures(
        departments=1, projects=len(disclosure.projects), activities=len(disclosure.activities), indicators=len(indicators),
        satisfaction=sum(i.tier1 == "满意度指标" for i in indicators), cost=sum(i.tier1 == "成本指标" for i in indicators),
        errors=sum(f.severity == ERROR for f in analyse(disclosure).findings),
    )


@pytest.fixture(scope="module")
def corpus_paths(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), example_path)


@pytest.fixture(scope="module")
def corpus(corpus_paths: list[Path]) -> Built:
    return load_inputs(corpus_paths)


@pytest.fixture(scope="module")
def corpus_graph(corpus: Built) -> nx.MultiDiGraph:
    return network_graph(corpus.quads)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus_paths: list[Path]) -> Path:
    store_dir = tmp_path_factory.mktemp("store") / "store"
    report = ingest(store_dir, corpus_paths, workers=1)
    assert len(report.loaded) == len(corpus_paths) and report.failed == []
    return store_dir


@pytest.fixture(scope="module")
def corpus_page(corpus_graph: nx.MultiDiGraph) -> dict:
    html, summary = render_graph(corpus_graph, max_nodes=500)
    assert summary.overview and summary.years == 2 and summary.departments == 5
    return page_data(html)


def by_place(disclosures: list[Disclosure]) -> dict[tuple[str, str, str], Disclosure]:
    return {(d.region.code, d.unit_code, str(d.year)): d for d in disclosures if d.region and d.unit_code}


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
    assert relations[terms.hasTarget] == 239
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
    assert Counter(e["rel"] for e in view["edges"])["hasTarget"] == 239
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


def test_a_corpus_above_the_node_limit_opens_on_the_map_of_its_latest_year(corpus_graph: nx.MultiDiGraph, corpus_page: dict) -> None:
    data = corpus_page
    corpus = data["corpus"]
    assert corpus["years"] == ["2025", "2026"] and corpus["year"] == "2026"
    assert data["initial"] == corpus["overviews"]["2026"] and data["views"][data["initial"]]["map"]
    views = {year: data["views"][key] for year, key in corpus["overviews"].items()}
    for view in views.values():
        # Regions and departments only: no project, no indicator, no tier concept on the map.
        assert {n["kind"] for n in view["nodes"]} == {REGION, DEPARTMENT}
        assert {e["rel"] for e in view["edges"]} == {"within", "region"}
    names = {year: sorted(n["name"] for n in view["nodes"] if n["kind"] == REGION) for year, view in views.items()}
    # 北京市's 市辖区 says nothing and is left out; the two 朝阳区 are two regions.
    assert names["2025"] == sorted(["北京市", "东城区", "朝阳区", "吉林省", "长春市", "朝阳区"])
    assert names["2026"] == sorted(["北京市", "朝阳区", "海淀区"])
    departments = {year: sorted((n["place"], n["code"]) for n in view["nodes"] if n["kind"] == DEPARTMENT) for year, view in views.items()}
    assert departments == {
        "2025": [("北京市东城区", "500001"), ("北京市朝阳区", "623001"), ("吉林省长春市朝阳区", "700001")],
        "2026": [("北京市朝阳区", "623001"), ("北京市海淀区", "623001"), ("北京市海淀区", "623009")],
    }
    # Each department points at its region, each region at the one above it.
    view = views["2026"]
    byid = {n["id"]: n for n in view["nodes"]}
    ups = {byid[e["from"]]["name"]: byid[e["to"]]["name"] for e in view["edges"] if byid[e["from"]]["kind"] == REGION}
    assert ups == {"朝阳区": "北京市", "海淀区": "北京市"}
    assert Counter(byid[e["to"]]["name"] for e in view["edges"] if e["rel"] == "region") == {"海淀区": 2, "朝阳区": 1}


def test_the_figures_on_the_map_are_those_of_the_documents(corpus: Built, corpus_page: dict) -> None:
    """Every department's figures, in its label, its tooltip and its data, equal the counts of its
    document's parsed records; a region's are the sums over its departments."""
    expected = {key: expected_figures(d) for key, d in by_place(corpus.disclosures).items()}
    assert len(expected) == 6 and len({f.projects for f in expected.values()}) > 1
    regions_seen = 0
    for year, key in corpus_page["corpus"]["overviews"].items():
        nodes = corpus_page["views"][key]["nodes"]
        for node in nodes:
            if node["kind"] == DEPARTMENT:
                want = expected[(CODE_OF_PLACE[node["place"]], node["code"], year)]
                counts = ""
            else:
                regions_seen += 1
                want = sum((f for (code, _, y), f in expected.items() if y == year and code.startswith(region_prefix(node["code"]))), Figures())
                counts = f"{want.departments} 部门 · "
            assert node["fig"] == want.as_dict(), node["name"]
            counts += f"{want.projects} 项目 · {want.indicators} 指标" + (f" · {want.errors} 错误" if want.errors else "")
            assert node["label"].split("\n")[1] == counts
            for caption, value in (("预算项目", want.projects), ("绩效指标值", want.indicators), ("满意度指标", want.satisfaction),
                                   ("成本指标", want.cost), ("审核发现（错误）", want.errors)):
                assert f"\n{caption}：{value}\n" in node["title"] + "\n"
            assert f"预算年度：{year}" in node["title"]
    assert regions_seen == 6 + 3


CODE_OF_PLACE = {"北京市东城区": "110101", "北京市朝阳区": "110105", "北京市海淀区": "110108", "吉林省长春市朝阳区": "220104"}


def region_prefix(code: str) -> str:
    """The codes under a region: 110000 (a province) holds 11xxxx, 220100 (a city) 2201xx."""
    return code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code


def test_a_department_on_the_map_opens_into_its_projects_of_that_year(corpus: Built, corpus_graph: nx.MultiDiGraph, corpus_page: dict) -> None:
    data = corpus_page
    budgets = {b["id"]: b for b in data["corpus"]["budgets"]}
    assert sorted((b["year"], b["code"]) for b in budgets.values()) == sorted(
        [("2025", "500001"), ("2025", "623001"), ("2025", "700001"), ("2026", "623001"), ("2026", "623001"), ("2026", "623009")]
    )
    records = by_place(corpus.disclosures)
    for year, key in data["corpus"]["overviews"].items():
        for node in data["views"][key]["nodes"]:
            if node["kind"] != DEPARTMENT:
                continue
            opened = data["views"][node["open"]]
            assert opened["year"] == year and budgets[node["open"]]["dept"] == node["id"]
            record = records[(CODE_OF_PLACE[node["place"]], node["code"], year)]
            kinds = Counter(n["kind"] for n in opened["nodes"])
            assert kinds[DEPARTMENT] == 1 and kinds[PROJECT] == len(record.projects) and kinds[ACTIVITY] == len(record.activities)
            assert kinds[INDICATOR] == expected_figures(record).indicators and kinds[TIER1] > 0  # the tiers are in the department's view
            assert sorted(n["code"] for n in opened["nodes"] if n["kind"] == PROJECT) == sorted(p.code for p in record.projects)
            department = next(n for n in opened["nodes"] if n["kind"] == DEPARTMENT)
            assert f"预算年度：{year}\n" in department["title"] and f"预算项目：{len(record.projects)}\n" in department["title"]
    # 北京市朝阳区's 623001: one department, a view of each of its two years.
    chaoyang = [b for b in budgets.values() if b["code"] == "623001" and b["place"] == "北京市朝阳区"]
    assert sorted(b["year"] for b in chaoyang) == ["2025", "2026"] and len({b["dept"] for b in chaoyang}) == 1
    assert [len(data["views"][b]["nodes"]) for b in budgets] == [v.number_of_nodes() for _, _, v in budget_graphs(corpus_graph)]


def test_the_map_model_counts_per_budget_and_year(corpus: Built, corpus_graph: nx.MultiDiGraph) -> None:
    assert budget_years(corpus_graph) == ["2025", "2026"]
    figures = budget_figures(corpus_graph)
    expected = {key: expected_figures(d) for key, d in by_place(corpus.disclosures).items()}
    assert sorted(figures.values(), key=repr) == sorted(expected.values(), key=repr)
    for year in ("2025", "2026"):
        year_map = map_graph(corpus_graph, year, figures)
        total = sum((f for (_, _, y), f in expected.items() if y == year), Figures())
        tops = [a for n, a in year_map.nodes(data=True) if a["kind"] == REGION and year_map.out_degree(n) == 0]
        assert sum((a["figures"] for a in tops), Figures()) == total
    # A department of two years: one node of the model, a view for each year.
    chaoyang = next(n for n, a in corpus_graph.nodes(data=True) if a["kind"] == DEPARTMENT and a.get("region", "").endswith("/110105"))
    assert [e["year"] for e in corpus_graph.nodes[chaoyang]["budgets"]] == ["2025", "2026"]
    whole = department_graph(corpus_graph, chaoyang)
    per_year = [department_graph(corpus_graph, chaoyang, e["budget"]) for e in corpus_graph.nodes[chaoyang]["budgets"]]
    projects = [Counter(a["kind"] for _, a in g.nodes(data=True))[PROJECT] for g in (whole, *per_year)]
    assert projects == [72, 36, 36]


def test_a_store_gives_the_model_of_every_quad_from_a_few_queries(corpus_store: Path) -> None:
    """kg.network.store reads only what the model needs, and gets the same model, node for node."""
    from_queries = store_graph(open_store(corpus_store))
    from_quads = network_graph(store_quads(corpus_store))
    assert list(from_queries.nodes) == list(from_quads.nodes)
    assert all(from_queries.nodes[n] == from_quads.nodes[n] for n in from_quads.nodes)
    assert list(from_queries.edges(keys=True, data=True)) == list(from_quads.edges(keys=True, data=True))
    assert from_queries.graph == from_quads.graph


def test_the_page_of_a_store_shows_the_figures_of_the_page_of_its_files(corpus_store: Path, corpus_page: dict, tmp_path: Path) -> None:
    summary = write_store_page(corpus_store, tmp_path / "store.html", max_nodes=500)
    assert summary.overview and (summary.years, summary.departments) == (2, 5)
    data = page_data((tmp_path / "store.html").read_text(encoding="utf-8"))

    def figures(page: dict) -> list:
        return sorted((year, n["kind"], n.get("place"), n["name"], json.dumps(n["fig"])) for year, key in page["corpus"]["overviews"].items()
                      for n in page["views"][key]["nodes"])

    assert figures(data) == figures(corpus_page)
    assert sorted(len(v["nodes"]) for v in data["views"].values()) == sorted(len(v["nodes"]) for v in corpus_page["views"].values())


def test_names_on_the_map_stay_text() -> None:
    html, summary = render_graph(network_graph(hostile_quads()), max_nodes=5)
    assert summary.overview
    for markup in (HOSTILE_PROJECT, "<script>window.kgPwned", "<b>粗体</b>"):
        assert markup not in html
    data = page_data(html)
    (department,) = [n for n in data["views"][data["initial"]]["nodes"] if n["kind"] == DEPARTMENT]
    assert department["name"] == HOSTILE_UNIT and department["title"].startswith(HOSTILE_UNIT + "\n")


def test_a_single_document_above_the_limit_is_a_map_of_one_department(graph: nx.MultiDiGraph, example: Disclosure) -> None:
    html, summary = render_graph(graph, max_nodes=10)
    data = page_data(html)
    assert summary.overview and (summary.nodes, summary.edges) == (3, 2)  # 北京市 → 朝阳区 → the department
    (department,) = [n for n in data["views"][data["initial"]]["nodes"] if n["kind"] == DEPARTMENT]
    assert department["fig"] == expected_figures(example).as_dict() == {
        "departments": 1, "projects": 36, "activities": 4, "indicators": 239, "satisfaction": 40, "cost": 39, "errors": 2,
    }
    assert len(data["views"][department["open"]]["nodes"]) == graph.number_of_nodes() == 292
    # Under the limit, the same graph is drawn whole, as it always was.
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


def test_a_self_evaluations_project_is_drawn_to_the_budgets_it_is(example_path: Path, tmp_path: Path) -> None:
    """A self-evaluation's project is a node of its own (kg:sameProjectAs the budget's): the network drew
    it as a second 公益事业经费(体制) with no edge to the budget's. From the files and from a store alike."""
    evaluation = Path(__file__).parent / "data" / "self-evaluation-beijing-2026.txt"
    quads = load_inputs([example_path, evaluation]).quads
    graph = network_graph(quads)
    same = [(u, v) for u, v, key in graph.edges(keys=True) if key == terms.sameProjectAs]
    assert len(same) == 1 and graph.nodes[same[0][1]]["code"] == graph.nodes[same[0][0]]["code"] == "11010522T000000416232"
    assert "/self-evaluation/" in same[0][0] and "/self-evaluation/" not in same[0][1]
    store = tmp_path / "store"
    ingest(store, [example_path, evaluation])
    from_store = store_graph(open_store(store))
    assert [(u, v) for u, v, key in from_store.edges(keys=True) if key == terms.sameProjectAs] == same
    # Its details say whose it is: 〔预算项目 · 绩效自评表〕 (the ontology's labels), the budget's 〔预算项目〕 alone.
    for model in (graph, from_store):
        assert [tooltip(model, node).splitlines()[1] for node in same[0]] == ["〔预算项目 · 绩效自评表〕", "〔预算项目〕"]


def test_a_target_tells_what_a_self_evaluation_reports_against_it(example_path: Path, tmp_path: Path) -> None:
    """kg viz showed no results: a self-evaluation's target now tells the value it reports, the score and
    the reason given for the shortfall (tests/data/self-evaluation-beijing-2026.txt, line 10: 受益群众满意度
    ≥95%, 实际完成值 93%, 得分 8, 部分居民对活动时间安排不满意), from the files and from a store alike. Its
    target, printed in one cell with its comparator and unit, is shown once (it read "≥ ≥95% %")."""
    evaluation = Path(__file__).parent / "data" / "self-evaluation-beijing-2026.txt"
    graph = network_graph(load_inputs([example_path, evaluation]).quads)
    store = tmp_path / "store"
    ingest(store, [example_path, evaluation])
    from_store = store_graph(open_store(store))
    for model in (graph, from_store):
        (reported,) = [n for n, a in kinds(model, INDICATOR).items() if a["label"] == "受益群众满意度" and a["source"] == evaluation.name]
        lines = tooltip(model, reported).splitlines()
        assert {"指标值：≥95%", "绩效指标完成值：93%", "得分：8", "偏差原因：部分居民对活动时间安排不满意"} <= set(lines)
        # The budget's targets report nothing: no result line where there is no result.
        planned = [n for n, a in kinds(model, INDICATOR).items() if a["source"] == example_path.name]
        assert planned and not any(line.startswith(("绩效指标完成值", "得分", "偏差原因")) for n in planned for line in tooltip(model, n).splitlines())
    assert all(from_store.nodes[n] == graph.nodes[n] for n in graph.nodes)


def test_a_linked_self_evaluation_adds_nothing_to_its_departments_figures(example_path: Path) -> None:
    """The self-evaluation of 公益事业经费(体制) restates a budget project: the department's figures stay
    the budget's (36 projects, 239 targets; it said 37, 244 and 288 万元 more), and kg stats neither counts
    its targets as another project's nor prints a target printed whole twice (≥ ≥95% %)."""
    from kg.network.stats import shared_indicator_texts, shared_indicators

    evaluation = Path(__file__).parent / "data" / "self-evaluation-beijing-2026.txt"
    alone, both = (network_graph(load_inputs(paths).quads) for paths in ([example_path], [example_path, evaluation]))
    (budget_only,) = kinds(alone, DEPARTMENT).values()
    (with_evaluation,) = kinds(both, DEPARTMENT).values()
    counted = ("projects", "activities", "indicators", "amount")
    assert [with_evaluation[k] for k in counted] == [budget_only[k] for k in counted] and budget_only["projects"] == 36
    assert "11010522T000000416232、11010522T000000416232" not in str(shared_indicator_texts(both).rows)
    assert not any("≥ ≥" in str(row) or "≤ ≤" in str(row) for row in shared_indicators(both).rows)
