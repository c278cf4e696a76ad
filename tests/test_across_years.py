"""Many disclosures, one graph: the queries across years and departments over generated units in three
districts and two years (kg.synth in series), compared with the truth the generator wrote, both ways;
and the same rows from Oxigraph, rdflib and Virtuoso."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from test_push import GRAPH, Virtuoso, value_of_binding, value_of_term, virtuoso  # noqa: F401 (a fixture)

from kg.build import load_inputs
from kg.rdf.quads import Literal, Term
from kg.store.ingest import ingest, open_store, store_quads
from kg.store.push import push
from kg.store.query import (
    OxigraphEngine,
    QueryResult,
    RdflibEngine,
    bind,
    library,
    run_query,
    with_values,
)
from kg.store.results import render_result
from kg.synth.changes import changes_between
from kg.synth.generate import TRUTH_SUFFIX, write_corpus
from kg.vocab import unit_vocabulary

SEED = 7
YEARS = (2024, 2025)
COUNT = 12  # six units, two in each of three districts, a document a year each
QUERIES = ("target-changes", "amount-changes", "department-projects", "department-figures", "city-figures", "province-figures")


@dataclass
class Corpus:
    paths: list[Path]
    truths: list[dict[str, Any]]
    store: Path


def truths_of(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(p.with_name(p.name[: -len(".txt")] + TRUTH_SUFFIX).read_text(encoding="utf-8")) for p in paths]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("years")
    paths = write_corpus(COUNT, folder / "documents", seed=SEED, workers=1, districts=3, years=YEARS)
    report = ingest(folder / "store", paths, workers=2)
    assert report.failed == [] and len(report.loaded) == COUNT
    return Corpus(paths, truths_of(paths), folder / "store")


@pytest.fixture(scope="module")
def ox(corpus: Corpus) -> OxigraphEngine:
    return OxigraphEngine(open_store(corpus.store))


# ---- rows as values ---------------------------------------------------------------------------------


def value(term: Term | None) -> Any:
    """A cell as a value to compare: numbers as Decimal, text as str, unbound as None."""
    if term is None or isinstance(term, str):
        return term
    assert isinstance(term, Literal)
    found = value_of_term(term)
    return found[1] if found[0] == "number" else term.value


def rows(result: QueryResult) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(value(t) for t in row) for row in result.rows)


def number(text: str | int | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def series(truth: dict[str, Any]) -> dict[str, Any]:
    return truth["synth"]["series"]


def department(truth: dict[str, Any]) -> tuple[str, str, str, str]:
    """The four columns every query's rows start with, for a truth's document."""
    return series(truth)["region"], truth["unit_code"], truth["unit_name"], str(truth["year"])


def target_change_rows(truth: dict[str, Any], changes: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(*department(truth), str(changes["previous_year"]), c["code"], c["name"], c["tier2"], c["indicator"],
             c["previous_comparator"], number(c["previous_value"]), c["comparator"], number(c["value"]), c["unit"], c["change"],
             number(c["line"]))
            for c in changes["target_changes"]]


def amount_change_rows(truth: dict[str, Any], changes: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(*department(truth), str(changes["previous_year"]), c["code"], c["name"], number(c["previous_total"]),
             number(c["total"]), number(c["difference"]))
            for c in changes["amount_changes"]]


# ---- against the truth ------------------------------------------------------------------------------


def test_the_corpus_has_each_kind_of_change(corpus: Corpus) -> None:
    """So that the comparisons below compare something: lowered and raised targets, comparators,
    amounts, and the same unit codes in every district."""
    kinds = Counter(c["change"] for t in corpus.truths for c in series(t)["target_changes"])
    assert kinds["lowered"] > 5 and kinds["raised"] > 5 and kinds["comparator"] > 0
    assert sum(len(series(t)["amount_changes"]) for t in corpus.truths) > 20
    assert len({(series(t)["region"], t["unit_code"]) for t in corpus.truths}) == 6
    assert len({t["unit_code"] for t in corpus.truths}) == 2


def test_target_changes_are_the_generated_ones(corpus: Corpus, ox: OxigraphEngine) -> None:
    expected = Counter(row for t in corpus.truths for row in target_change_rows(t, series(t)))
    found = rows(run_query("target-changes", ox))
    assert found - expected == Counter() and expected - found == Counter()
    assert sum(expected.values()) > 30


def test_amount_changes_are_the_generated_ones(corpus: Corpus, ox: OxigraphEngine) -> None:
    expected = Counter(row for t in corpus.truths for row in amount_change_rows(t, series(t)))
    found = rows(run_query("amount-changes", ox))
    assert found - expected == Counter() and expected - found == Counter()


def test_changes_are_against_the_last_earlier_year_the_graph_holds(tmp_path: Path) -> None:
    """Three years of one unit: 2025 is compared with 2024, not with 2023; without 2024, with 2023."""
    paths = write_corpus(3, tmp_path, seed=SEED, workers=1, districts=1, years=(2023, 2024, 2025))
    truths = truths_of(paths)
    whole = OxigraphEngine.from_quads(load_inputs(paths).quads)
    assert rows(run_query("target-changes", whole)) == Counter(r for t in truths for r in target_change_rows(t, series(t)))
    assert rows(run_query("amount-changes", whole)) == Counter(r for t in truths for r in amount_change_rows(t, series(t)))
    gap = OxigraphEngine.from_quads(load_inputs([paths[0], paths[2]]).quads)
    skipped = changes_between(truths[0], truths[2])
    assert skipped["target_changes"] and skipped["amount_changes"]
    assert rows(run_query("target-changes", gap)) == Counter(target_change_rows(truths[2], skipped))
    assert rows(run_query("amount-changes", gap)) == Counter(amount_change_rows(truths[2], skipped))


def test_a_department_renamed_between_years_is_named_as_each_year_prints_it(tmp_path: Path) -> None:
    """The same unit (code and district) under a new name the next year: each row names the
    department as its own document prints it, once (a store's union holds both names)."""
    paths = write_corpus(2, tmp_path / "documents", seed=SEED, workers=1, districts=1, years=YEARS)
    truths = truths_of(paths)
    old = truths[1]["unit_name"]
    new = old.replace("人民政府", "")
    assert new != old and old in paths[1].read_text(encoding="utf-8")
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    truths[1]["unit_name"] = new
    report = ingest(tmp_path / "store", paths, workers=1)
    assert report.failed == [] and len(report.loaded) == 2
    engine = OxigraphEngine(open_store(tmp_path / "store"))
    assert series(truths[1])["target_changes"] and series(truths[1])["amount_changes"]
    assert rows(run_query("target-changes", engine)) == Counter(r for t in truths for r in target_change_rows(t, series(t)))
    assert rows(run_query("amount-changes", engine)) == Counter(r for t in truths for r in amount_change_rows(t, series(t)))
    assert rows(run_query("department-figures", engine)) == expected_figures(truths, "department")

    def projects(of: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
        return Counter((*department(t), p["code"], p["name"], number(p["total"]), number(p["fiscal"]), number(p["other"]), number(p["line"]))
                       for t in of for p in t["projects"])

    assert rows(run_query("department-projects", engine, {"name_or_code": truths[0]["unit_code"]})) == projects(truths)
    assert rows(run_query("department-projects", engine, {"name_or_code": old})) == projects(truths[:1])
    assert rows(run_query("department-projects", engine, {"name_or_code": new})) == projects(truths[1:])


@pytest.mark.parametrize("by", ["name", "unit code"])
def test_department_projects_are_that_department_s_in_every_year(corpus: Corpus, ox: OxigraphEngine, by: str) -> None:
    """By name, one department; by unit code, the departments of every district with that code."""
    chosen = corpus.truths[3]  # the second year of a unit
    key = "unit_name" if by == "name" else "unit_code"
    truths = [t for t in corpus.truths if t[key] == chosen[key]]
    expected = Counter((*department(t), p["code"], p["name"], number(p["total"]), number(p["fiscal"]), number(p["other"]), number(p["line"]))
                       for t in truths for p in t["projects"])
    found = rows(run_query("department-projects", ox, {"name_or_code": chosen[key]}))
    assert found - expected == Counter() and expected - found == Counter()
    assert {t["year"] for t in truths} == set(YEARS) and len({series(t)["region"] for t in truths}) == (1 if by == "name" else 3)


def figures(values: list[Decimal]) -> tuple[Any, ...]:
    return (len(values), min(values), median(values)) if values else (0, None, None)


def expected_figures(truths: list[dict[str, Any]], level: str) -> Counter[tuple[Any, ...]]:
    """Per department (city, province) and year: its departments, and the count, smallest value and
    median of its satisfaction targets and of its whole-project cost targets in 万元."""
    units = unit_vocabulary()
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for t in truths:
        region = series(t)["region"]
        key = {"department": department(t), "city": (region[:4] + "00", None, None, str(t["year"])),
               "province": (region[:2] + "0000", None, None, str(t["year"]))}[level]
        group = groups.setdefault(key, {"departments": set(), "satisfaction": [], "cost": []})
        group["departments"].add((region, t["unit_code"]))
        for indicator in (i for p in t["projects"] for i in p["indicators"] if i["value"] is not None):
            unit = units.get(indicator["unit"] or "")
            if indicator["tier1"] == "满意度指标":
                group["satisfaction"].append(Decimal(indicator["value"]))
            elif indicator["tier1"] == "成本指标" and unit is not None and unit.whole_project and unit.yuan_per_unit is not None:
                group["cost"].append(Decimal(indicator["value"]) * unit.yuan_per_unit / 10000)
    return Counter((*key, *(() if level == "department" else (len(g["departments"]),)), *figures(g["satisfaction"]), *figures(g["cost"]))
                   for key, g in groups.items())


@pytest.mark.parametrize("level", ["department", "city", "province"])
def test_figures_are_counted_from_the_truth(corpus: Corpus, ox: OxigraphEngine, level: str) -> None:
    expected = expected_figures(corpus.truths, level)
    found = rows(run_query(f"{level}-figures", ox))
    assert found - expected == Counter() and expected - found == Counter()
    assert len(expected) == {"department": COUNT, "city": 2, "province": 2}[level]
    if level == "department":  # both medians occur: of an odd count, and of an even one (the middle two's mean)
        assert {n % 2 for row in expected for n in (row[4], row[7])} == {0, 1}


# ---- the engines agree --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_units(corpus: Corpus) -> list:
    """The first unit of two districts (the same unit code in both), both years: rdflib is slow."""
    return load_inputs([p for p, t in zip(corpus.paths, corpus.truths)
                        if t["unit_code"] == "623000" and series(t)["region"] in ("110101", "110102")]).quads


@pytest.mark.parametrize("name", QUERIES)
def test_rdflib_gives_the_same_rows(first_units: list, name: str) -> None:
    params = {"name_or_code": "623000"} if name == "department-projects" else {}
    oxigraph = render_result(run_query(name, OxigraphEngine.from_quads(first_units), params), "csv")
    assert render_result(run_query(name, RdflibEngine(first_units), params), "csv") == oxigraph
    assert oxigraph.count("\r\n") > 2  # rows to compare


def test_virtuoso_gives_the_same_rows(virtuoso: Virtuoso, corpus: Corpus, ox: OxigraphEngine) -> None:  # noqa: F811
    graph = GRAPH + "/years"
    push(list(store_quads(corpus.store)), virtuoso.graph_store, graph, user="dba", password="dba")
    for name in QUERIES:
        query = library()[name]
        text = with_values(query.text, bind(query, {}))
        embedded = ox.select(text, {})
        answer = virtuoso.select(text, graph)
        assert answer["head"]["vars"] == embedded.variables, name
        expected = Counter(tuple(value_of_term(t) for t in row) for row in embedded.rows)
        got = Counter(tuple(value_of_binding(b.get(v)) for v in embedded.variables) for b in answer["results"]["bindings"])
        assert got == expected, f"{name}: only Oxigraph {list((expected - got).items())[:2]}; only Virtuoso {list((got - expected).items())[:2]}"
        assert embedded.rows, name


def test_a_target_printed_in_another_unit_the_next_year_is_a_change_of_unit(tmp_path: Path) -> None:
    """≤ 1000 万元/每项目 one year, ≤ 10000000 元/每项目 the next (a review's variant of the example): the same
    money, called "lowered" (1000 → 10000000) with the later unit only. The change is "unit": the numbers
    of two units are not compared."""
    lines = (Path(__file__).parent.parent / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8").split("\n")
    assert lines[497] == "(2026年度)" and lines[291].endswith("按照预算金额控制成本\t≤\t1000\t万元/每项目")
    later = list(lines)
    later[497] = "(2027年度)"
    later[291] = lines[291].replace("\t1000\t万元/每项目", "\t10000000\t元/每项目")
    (tmp_path / "2026.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "2027.txt").write_text("\n".join(later), encoding="utf-8")
    engine = OxigraphEngine.from_quads(load_inputs([tmp_path / "2026.txt", tmp_path / "2027.txt"]).quads)
    result = run_query("target-changes", engine)
    found = [dict(zip(result.variables, (value(t) for t in row))) for row in result.rows]
    assert [(r["indicator"], r["previous_value"], r["value"], r["unit"], r["change"], r["source_line"]) for r in found] == [
        ("按照预算金额控制成本", Decimal(1000), Decimal(10000000), "元/每项目", "unit", 292)]


@pytest.mark.parametrize("evaluated_year", ["2026", "2027"])
def test_a_self_evaluation_is_no_year_of_its_projects_series(tmp_path: Path, evaluated_year: str) -> None:
    """A 自评表 beside the budgets it reports on: its project was the budget's own node (target-changes
    printed each row of its project once per combination of the two documents' lines, amount-changes
    the same), and one printed with the next year's title was taken for that year's budget. A
    self-evaluation's project is kg:sameProjectAs the budget's and in no series: the changes are the
    budgets' alone, whatever year the 自评表 prints."""
    lines = (Path(__file__).parent.parent / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8").split("\n")
    later = list(lines)
    later[497] = "(2027年度)"
    later[291] = lines[291].replace("\t1000\t万元/每项目", "\t900\t万元/每项目")
    # the evaluated project's satisfaction target and amounts change too
    assert lines[276].startswith("11010522T000000416232-公益事业经费(体制)\t288.000000\t288.000000\t")
    assert lines[278].endswith("受益群众满意度\t≥\t95\t%")
    later[276] = lines[276].replace("\t288.000000\t288.000000\t", "\t300.000000\t300.000000\t")
    later[278] = lines[278].replace("\t95\t%", "\t98\t%")
    evaluation = (Path(__file__).parent / "data" / "self-evaluation-beijing-2026.txt").read_text(encoding="utf-8")
    (tmp_path / "2026.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "2027.txt").write_text("\n".join(later), encoding="utf-8")
    (tmp_path / "self-evaluation.txt").write_text(evaluation.replace("(2026年度)", f"({evaluated_year}年度)"), encoding="utf-8")
    budgets = [tmp_path / "2026.txt", tmp_path / "2027.txt"]
    for name, changed in (("target-changes", ["按照预算金额控制成本", "受益群众满意度"]), ("amount-changes", ["公益事业经费(体制)"])):
        alone = render_result(run_query(name, OxigraphEngine.from_quads(load_inputs(budgets).quads)), "csv")
        both = render_result(run_query(name, OxigraphEngine.from_quads(load_inputs([*budgets, tmp_path / "self-evaluation.txt"]).quads)), "csv")
        assert both == alone, name
        assert [n for n in changed if n in alone] == changed  # the 2027 budget's changes, once each


def test_activity_targets_changed_across_years_are_listed(tmp_path: Path) -> None:
    """表13's activity targets changed from one year to the next were in no change query (a review: the
    activity cost target 960 → 900 万元). The example's 2026 and a 2027 copy with 基层政权和社区建设's cost
    target (line 512) lowered to ≤ 900 万元 and 综合治理's = 24 个 (line 513) made ≥ 25: two rows, as
    target-changes names them, and the projects' changes stay target-changes' alone."""
    lines = (Path(__file__).parent.parent / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8").split("\n")
    assert lines[511].endswith("基层政权和社区建设\t成本指标经济成本指标基层党组织服务群众成本\t≤\t960\t万元\t")
    assert lines[512].endswith("综合治理\t产出指标数量指标覆盖社区数量\t=\t24\t个\t")
    later = list(lines)
    later[497] = "(2027年度)"
    later[511] = lines[511].replace("\t≤\t960\t", "\t≤\t900\t")
    later[512] = lines[512].replace("\t=\t24\t", "\t≥\t25\t")
    (tmp_path / "2026.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "2027.txt").write_text("\n".join(later), encoding="utf-8")
    quads = load_inputs([tmp_path / "2026.txt", tmp_path / "2027.txt"]).quads
    by_engine = [run_query("activity-target-changes", engine) for engine in (OxigraphEngine.from_quads(quads), RdflibEngine(quads))]
    assert render_result(by_engine[0], "csv") == render_result(by_engine[1], "csv")
    found = [dict(zip(by_engine[0].variables, (value(t) for t in row))) for row in by_engine[0].rows]
    department = ("110105", "623001", "北京市朝阳区人民政府大屯街道办事处", "2027", "2026")
    assert [tuple(r.values()) for r in found] == [
        (*department, "基层政权和社区建设", "经济成本指标", "基层党组织服务群众成本", "≤", Decimal(960), "≤", Decimal(900), "万元", "raised", 512),
        (*department, "综合治理", "数量指标", "覆盖社区数量", "=", Decimal(24), "≥", Decimal(25), "个", "comparator", 513),
    ]
    assert run_query("target-changes", OxigraphEngine.from_quads(quads)).rows == []


def test_a_project_form_beside_its_budget_is_compared_and_counted_once(tmp_path: Path) -> None:
    """A project's 绩效目标表 (tests/data/project-form-beijing-2026.txt, 社区党建经费 11010522T000000416226, its
    satisfaction target ≥92% where 表12 prints ≥ 90) loaded beside the 2026 budget: target-changes printed
    the 2027 budget's change of that project once per 2026 document (twice, identical), and a change
    from the form's 92; the figures counted its targets as the department's besides the budget's.
    Where the budget describing the same project is loaded, the form's own project stands aside."""
    lines = (Path(__file__).parent.parent / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8").split("\n")
    assert lines[273].endswith("按照预算控制成本\t≤\t3087200\t元/年")
    later = list(lines)
    later[497] = "(2027年度)"
    later[273] = lines[273].replace("\t3087200\t", "\t3000000\t")
    (tmp_path / "2026.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "2027.txt").write_text("\n".join(later), encoding="utf-8")
    budgets = [tmp_path / "2026.txt", tmp_path / "2027.txt"]
    form = Path(__file__).parent / "data" / "project-form-beijing-2026.txt"
    for name in ("target-changes", "amount-changes", "department-figures", "city-figures", "province-figures"):
        alone = render_result(run_query(name, OxigraphEngine.from_quads(load_inputs(budgets).quads)), "csv")
        both = render_result(run_query(name, OxigraphEngine.from_quads(load_inputs([*budgets, form]).quads)), "csv")
        assert both == alone, name
    changes = run_query("target-changes", OxigraphEngine.from_quads(load_inputs([*budgets, form]).quads))
    assert [(value(r[5]), value(r[12]), value(r[14])) for r in changes.rows] == [("11010522T000000416226", Decimal(3000000), "raised")]


# ---- the median at the edges of its buckets ------------------------------------------------------

EDGE_VALUES = {  # a group's cost targets in 万元, each list in no order, the medians at the buckets' edges
    "2021": ["0.001", "0.005", "0.01", "0.0099", "-3"],  # below 0.01 and negative: one bucket of their own
    "2022": ["0.01", "0.019", "0.02", "0.099", "0.1", "1", "9.99", "10"],  # an even count across sizes
    "2023": ["19.99", "19.9", "19", "20", "20", "20", "100", "1.5", "1.5"],  # ties, and one first digit
    "2024": ["5", "6", "10000000000000000", "25000000000000000", "90000000000000000", "99000000000000000000"],
    "2025": ["7"],
    "2026": ["1", "90000000000000000000", "90000000000000000000"],  # two middles whose sum passes Oxigraph's decimals
    "2027": ["13000000000000", "20000000000000"],  # 10^13 万元: past the buckets before this version
}


def edge_graph() -> str:
    """A department's budgets over five years, with kg's counts of their cost targets (the figures
    read the counts), written as TriG: one value at a time, as kg counts them."""
    lines = ["@prefix kg: <https://w3id.org/cnbudget/ontology#> .", "@prefix tier: <https://w3id.org/cnbudget/scheme/tier/> .",
             "@prefix ex: <https://example.org/> ."]
    for year, values in EDGE_VALUES.items():
        lines.append(f"ex:g{year} {{ ex:budget{year} a kg:DepartmentBudget ; kg:department ex:dept ; kg:budgetYear {year} .")
        for value, n in Counter(values).items():
            count = f"ex:count{year}-{len(lines)}"
            lines.append(f"  {count} a kg:TargetValueCount ; kg:countsTargetsOf ex:budget{year} ; kg:countedTier tier:cost ;"
                         f' kg:countedValue "{value}"^^<http://www.w3.org/2001/XMLSchema#decimal> ; kg:targetCount {n} .')
        lines.append("}")
    return "\n".join(lines) + "\n"


EDGE_FIGURES = {year: (Decimal(len(values)), min(map(Decimal, values)), median(sorted(map(Decimal, values))))
                for year, values in EDGE_VALUES.items()}


@pytest.fixture(scope="module")
def edge_quads(tmp_path_factory: pytest.TempPathFactory) -> list:
    path = tmp_path_factory.mktemp("edges") / "edges.trig"
    path.write_text(edge_graph(), encoding="utf-8")
    return load_inputs([path]).quads


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_median_is_right_at_every_bucket_edge_and_for_any_size(edge_quads: list, engine: str) -> None:
    """Values below 0.01 and negative, at the edges of sizes and digits, tied, and far beyond any real
    budget (10^16 万元 and more, whose hundredths pass a 64-bit integer): each year's count, smallest
    value and median as Python's statistics give them."""
    found = run_query("department-figures", OxigraphEngine.from_quads(edge_quads) if engine == "oxigraph" else RdflibEngine(edge_quads))
    assert {row[3].value: tuple(None if v is None else Decimal(v.value) for v in row[7:10]) for row in found.rows} == EDGE_FIGURES


def test_virtuoso_gives_the_median_at_every_bucket_edge(virtuoso: Virtuoso, edge_quads: list) -> None:  # noqa: F811
    graph = GRAPH + "/edges"
    push(edge_quads, virtuoso.graph_store, graph, user="dba", password="dba")
    query = library()["department-figures"]
    answer = virtuoso.select(with_values(query.text, bind(query, {})), graph)
    assert {b["year"]["value"]: tuple(Decimal(b[v]["value"]) if v in b else None for v in ("cost_targets", "cost_min_wan", "cost_median_wan"))
            for b in answer["results"]["bindings"]} == EDGE_FIGURES
