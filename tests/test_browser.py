"""The kg viz page in headless Chromium with the network cut off: it must work where users open it.

Debian's chromium and chromium-driver (scripts/install-browser.sh) are driven through Selenium,
pointed at /usr/bin so that nothing tries to download a browser or a driver. Under CI (CI=true)
a missing browser fails the run; elsewhere these tests are skipped with the reason.

Screenshots land in tests/artifacts/ (git-ignored), for a person to look at.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import QUANTITY, SATISFACTION, cost, disclosure, project, row

from kg.analyse.analysis import analyse
from kg.build import Built, load_inputs, ontology_quads
from kg.network.graph import INDICATOR, network_graph
from kg.rdf.mapping import disclosure_quads
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure
from kg.store.query import OxigraphEngine, run_query
from kg.web.viz import write_page

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
HOSTILE_PROJECT = "<img src=x onerror=alert(1)>"
HOSTILE_UNIT = "<script>window.kgPwned=1</script>大屯"
SETTLE_SECONDS = 90  # two slow cores, shared with other test runs


def _browser_or_skip() -> Any:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        from selenium import webdriver
    except ImportError:
        webdriver = None
        missing.append("the selenium package")
    if missing:
        reason = f"headless Chromium is not available ({', '.join(missing)} missing): run scripts/install-browser.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return webdriver


class Browser:
    """One headless Chromium, offline, with its console and network logs gathered as it goes."""

    def __init__(self) -> None:
        webdriver = _browser_or_skip()
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in (
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--window-size=1600,1000",
        ):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        )
        self.console: list[dict] = []
        self.requests: list[str] = []

    def drain_logs(self) -> None:
        self.console += self.driver.get_log("browser")
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])

    def errors(self) -> list[dict]:
        self.drain_logs()
        return [entry for entry in self.console if entry["level"] == "SEVERE"]

    def remote_requests(self) -> list[str]:
        self.drain_logs()
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]

    def open(self, path: Path) -> None:
        self.driver.get(path.as_uri())
        self.wait_until_settled()

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def wait_until_settled(self) -> None:
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline:
            if self.js("return !!(window.kgView && window.kgView.settled)"):
                return
            time.sleep(0.2)
        raise AssertionError(f"the layout did not settle within {SETTLE_SECONDS} s; console: {self.errors()}")

    def visible(self) -> list[dict]:
        return self.js("return kgView.nodes.get({filter: function (n) { return !n.hidden; }})"
                       ".map(function (n) { return {id: n.id, kind: n.kind, name: n.name, code: n.code || null}; })")

    def choose(self, select_id: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.driver.find_element("id", select_id)).select_by_value(value)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.driver.save_screenshot(str(path))
        return path

    def quit(self) -> None:
        self.driver.quit()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    browser = Browser()
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def built(example_path: Path) -> Built:
    return load_inputs([example_path])


@pytest.fixture(scope="module")
def example_page(browser: Browser, built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    write_page(built.quads, path)
    browser.open(path)
    browser.screenshot("viz-example.png")
    return path


@pytest.fixture
def page(browser: Browser, example_page: Path) -> Iterator[Browser]:
    """The example page with no search, no filter and every kind shown; no console error after."""
    if browser.driver.current_url != example_page.as_uri():
        browser.open(example_page)
    browser.driver.find_element("id", "reset").click()
    browser.js("document.querySelectorAll('#legend input[type=checkbox]').forEach(function (c) {"
               " if (!c.checked) c.click(); });")
    yield browser
    assert browser.errors() == []


def test_the_page_opens_offline_draws_everything_and_stops_its_physics(page: Browser, built: Built) -> None:
    graph = network_graph(built.quads)
    assert page.js("return kgView.nodes.length") == graph.number_of_nodes() == 292
    assert page.js("return kgView.edges.length") == graph.number_of_edges()
    assert page.js("return Object.keys(kgView.network.body.nodes).length") == graph.number_of_nodes()
    assert len(page.visible()) == graph.number_of_nodes()
    assert page.js("return kgView.settled && kgView.network.physics.physicsEnabled === false")
    assert page.errors() == []
    assert page.remote_requests() == []
    assert "布局已稳定" in page.driver.find_element("id", "status").text
    assert page.driver.title.startswith("北京市朝阳区人民政府大屯街道办事处")


def test_the_legend_names_every_kind_and_hides_one_when_unticked(page: Browser, example: Disclosure) -> None:
    legend = page.driver.find_element("id", "legend").text
    for label in ("部门（单位）", "部门活动", "预算项目", "一级指标", "二级指标", "绩效指标"):
        assert label in legend
    page.driver.find_element("css selector", "#legend input[data-kind=indicator]").click()
    shown = Counter(n["kind"] for n in page.visible())
    assert shown[INDICATOR] == 0 and sum(shown.values()) == 292 - 239


def test_search_by_name_shows_the_matches_and_their_neighbours(page: Browser) -> None:
    page.driver.find_element("id", "search").send_keys("垃圾分类")
    visible = page.visible()
    assert 0 < len(visible) < 292
    assert "垃圾分类工作经费" in {n["name"] for n in visible}
    results = [li.text for li in page.driver.find_elements("css selector", "#results li")]
    assert any("垃圾分类工作经费" in text for text in results)


def test_search_by_project_code_shows_the_project_its_indicators_and_its_department(page: Browser, example: Disclosure) -> None:
    chosen = example.projects[7]
    page.driver.find_element("id", "search").send_keys(chosen.code)
    kinds = Counter(n["kind"] for n in page.visible())
    assert kinds == {"project": 1, "department": 1, INDICATOR: len(chosen.indicators)}
    page.driver.find_element("css selector", "#results li").click()  # details of the match
    assert page.driver.find_element("id", "info-title").text == chosen.name
    assert chosen.code in page.driver.find_element("id", "info").text


def test_the_satisfaction_preset_shows_what_the_stored_query_finds(page: Browser, built: Built) -> None:
    found = run_query("satisfaction-at-least", OxigraphEngine.from_quads(built.quads), {"threshold": "95"})
    page.driver.find_element("id", "preset-satisfaction").click()
    visible = page.visible()
    assert sum(1 for n in visible if n["kind"] == INDICATOR) == len(found.rows) > 0
    assert 0 < len(visible) < 292
    page.screenshot("viz-example-satisfaction.png")


def test_filters_by_comparator_and_by_project(page: Browser, example: Disclosure) -> None:
    page.choose("comparator", "定性")
    qualitative = sum(1 for o in (*example.projects, *example.activities) for i in o.indicators if i.comparator == "定性")
    assert sum(1 for n in page.visible() if n["kind"] == INDICATOR) == qualitative == 60
    page.driver.find_element("id", "reset").click()
    chosen = example.projects[3]
    value = page.js("var code = arguments[0]; return kgView.nodes.get({filter: function (n) { return n.code === code; }})[0].id", chosen.code)
    page.choose("owner", value)
    kinds = Counter(n["kind"] for n in page.visible())
    assert kinds["project"] == 1 and kinds[INDICATOR] == len(chosen.indicators) and kinds["department"] == 1
    assert kinds["tier2"] == len({i.tier2 for i in chosen.indicators}) and kinds["activity"] == 0


def hostile_page(directory: Path) -> Path:
    text = f"x\t623001-{HOSTILE_UNIT}\n" + disclosure([
        project("11010522T000000000001", HOSTILE_PROJECT, "10.000000\t10.000000\t", "目标<b>粗体</b>", QUANTITY),
        row(SATISFACTION),
        row(cost("10")),
    ])
    hostile = parse_source(source_from_bytes(text.encode(), "hostile.txt"))
    path = directory / "hostile.html"
    write_page(list(ontology_quads()) + list(disclosure_quads(hostile, analyse(hostile))), path)
    return path


def test_markup_in_the_document_stays_text_and_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    browser.open(hostile_page(tmp_path))
    with pytest.raises(NoAlertPresentException):
        _ = browser.driver.switch_to.alert.text
    assert browser.js("return window.kgPwned === undefined && document.querySelectorAll('img, #panel script').length === 0")
    assert browser.driver.find_element("id", "title").text == HOSTILE_UNIT
    options = [o.text for o in browser.driver.find_elements("css selector", "#owner option")]
    assert any(HOSTILE_PROJECT in text for text in options)
    # The tooltip vis-network shows when the pointer rests on the project: plain text.
    point = browser.js(
        "var n = kgView.nodes.get({filter: function (n) { return n.kind === 'project'; }})[0];"
        "var p = kgView.network.getPositions([n.id])[n.id]; return kgView.network.canvasToDOM(p);"
    )
    canvas = browser.driver.find_element("css selector", "#network canvas")
    size = canvas.size
    ActionChains(browser.driver).move_to_element_with_offset(canvas, int(point["x"] - size["width"] / 2), int(point["y"] - size["height"] / 2)).perform()
    deadline = time.monotonic() + 10
    tooltip = ""
    while time.monotonic() < deadline and HOSTILE_PROJECT not in tooltip:
        time.sleep(0.2)
        tooltip = browser.js("var t = document.querySelector('div.vis-tooltip'); return t ? t.textContent : ''")
    assert HOSTILE_PROJECT in tooltip
    # innerText turns the tooltip's newlines into <br>; nothing else may become an element.
    assert set(browser.js("return Array.prototype.map.call(document.querySelector('div.vis-tooltip').children,"
                          " function (c) { return c.tagName; })")) <= {"BR"}
    # Search, results list and details panel show the name as text.
    browser.driver.find_element("id", "search").send_keys("<img")
    (result,) = browser.driver.find_elements("css selector", "#results li")
    assert result.text.endswith(HOSTILE_PROJECT)
    result.click()
    assert browser.driver.find_element("id", "info-title").text == HOSTILE_PROJECT
    assert "目标<b>粗体</b>" in browser.driver.find_element("id", "info").text
    with pytest.raises(NoAlertPresentException):
        _ = browser.driver.switch_to.alert.text
    assert browser.js("return window.kgPwned === undefined && document.querySelectorAll('img').length === 0")
    browser.screenshot("viz-hostile.png")
    assert browser.errors() == []
    assert browser.remote_requests() == []


def test_a_corpus_above_the_node_limit_opens_on_its_regions_and_drills_into_a_department(
    browser: Browser, example_path: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from test_viz import CODE_OF_PLACE, by_place, expected_figures, write_corpus

    built = load_inputs(write_corpus(tmp_path / "corpus", example_path))
    expected = {key: expected_figures(d) for key, d in by_place(built.disclosures).items()}
    path = tmp_path / "corpus.html"
    summary = write_page(built.quads, path, max_nodes=500)
    assert summary.overview
    browser.open(path)
    # The map of the latest year: regions, and the departments in them with their figures.
    assert (browser.js("return kgView.view"), browser.js("return kgView.year")) == ("overview-2026", "2026")
    assert "超过每页上限 500" in browser.driver.find_element("id", "banner").text

    def shown() -> list[dict]:
        return browser.js("return kgView.nodes.get({filter: function (n) { return !n.hidden; }})"
                          ".map(function (n) { return {id: n.id, kind: n.kind, name: n.name, code: n.code || null, place: n.place || null,"
                          " fig: n.fig, label: n.label, title: n.title, open: n.open || null}; })")

    def departments(year: str) -> dict[tuple[str, str], dict]:
        found = {(n["place"], n["code"]): n for n in shown() if n["kind"] == "department"}
        for (place, code), node in found.items():
            want = expected[(CODE_OF_PLACE[place], code, year)]
            assert node["fig"] == want.as_dict()
            assert f"{want.projects} 项目 · {want.indicators} 指标" in node["label"] and f"\n满意度指标：{want.satisfaction}\n" in node["title"]
        return found

    nodes = shown()
    assert len(nodes) == summary.nodes and {n["kind"] for n in nodes} == {"region", "department"}
    assert sorted(n["name"] for n in nodes if n["kind"] == "region") == ["北京市", "朝阳区", "海淀区"]
    assert sorted(departments("2026")) == [("北京市朝阳区", "623001"), ("北京市海淀区", "623001"), ("北京市海淀区", "623009")]
    beijing = next(n for n in nodes if n["name"] == "北京市")
    assert beijing["fig"]["departments"] == 3 and beijing["fig"]["projects"] == sum(f.projects for k, f in expected.items() if k[2] == "2026")
    browser.screenshot("viz-overview.png")

    # Another year: other departments, other figures; the department list follows.
    browser.choose("year", "2025")
    browser.wait_until_settled()
    assert (browser.js("return kgView.view"), browser.js("return kgView.year")) == ("overview-2025", "2025")
    assert sorted(departments("2025")) == [("北京市东城区", "500001"), ("北京市朝阳区", "623001"), ("吉林省长春市朝阳区", "700001")]
    assert "吉林省" in {n["name"] for n in shown()}
    options = browser.js("return Array.prototype.map.call(document.querySelectorAll('#department option'), function (o) { return o.text; })")
    assert len(options) == 4 and options[0].startswith("总览：2025 年")
    browser.screenshot("viz-overview-2025.png")

    # Clicking a department shows its figures and opens its projects, activities and indicators of that year.
    chaoyang = departments("2025")[("北京市朝阳区", "623001")]
    point = browser.js("var p = kgView.network.getPositions([arguments[0]])[arguments[0]]; return kgView.network.canvasToDOM(p);", chaoyang["id"])
    canvas = browser.driver.find_element("css selector", "#network canvas")
    ActionChains(browser.driver).move_to_element_with_offset(
        canvas, int(point["x"] - canvas.size["width"] / 2), int(point["y"] - canvas.size["height"] / 2)
    ).click().perform()
    assert browser.driver.find_element("id", "info-title").text == chaoyang["name"]
    assert "审核发现（错误）：2" in browser.driver.find_element("id", "info").text
    browser.driver.find_element("css selector", "#info-actions button").click()
    browser.wait_until_settled()
    assert browser.js("return kgView.view") == chaoyang["open"]
    record = by_place(built.disclosures)[("110105", "623001", "2025")]
    kinds = Counter(n["kind"] for n in shown())
    assert (kinds["department"], kinds["project"], kinds["activity"], kinds[INDICATOR]) == (
        1, len(record.projects), len(record.activities), expected_figures(record).indicators)
    assert kinds["tier1"] == 4  # the department's view keeps the tier concepts
    assert "2025 年" in browser.driver.find_element("id", "banner").text
    browser.screenshot("viz-department.png")

    # The same department in another year, then back to that year's map.
    browser.choose("year", "2026")
    browser.wait_until_settled()
    assert browser.js("return kgView.view") != chaoyang["open"] and browser.js("return kgView.year") == "2026"
    department = next(n for n in shown() if n["kind"] == "department")
    assert (department["id"], "预算年度：2026\n" in department["title"]) == (chaoyang["id"], True)
    browser.choose("department", "")
    browser.wait_until_settled()
    assert browser.js("return kgView.view") == "overview-2026"
    assert browser.errors() == []
    assert browser.remote_requests() == []
