"""kg stats on the example: the figures are checked against the parsed records, read another way."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kg.build import load_inputs, ontology_quads
from kg.network.stats import (
    COMPONENTS,
    COUNTS,
    NO_TARGET,
    RELATIONS,
    SHARED_INDICATORS,
    SHARED_TEXTS,
    TIERS,
    graph_stats,
    model_stats,
)
from kg.network.store import store_graph
from kg.output import Rows, render
from kg.rdf import terms
from kg.rdf.namespaces import LABEL, RDF_TYPE
from kg.rdf.quads import Literal, Quad, zh
from kg.records import Disclosure
from kg.store.ingest import ingest, open_store


@pytest.fixture(scope="module")
def stats(example_path: Path) -> dict[str, Rows]:
    return graph_stats(load_inputs([example_path]).quads)


def as_dicts(rows: Rows) -> list[dict]:
    return [dict(zip(rows.columns, row)) for row in rows.rows]


def test_sections_come_in_the_order_the_cli_prints_them(stats: dict[str, Rows]) -> None:
    assert list(stats) == [COUNTS, RELATIONS, TIERS, COMPONENTS, SHARED_TEXTS, SHARED_INDICATORS, NO_TARGET]
    for rows in stats.values():
        for fmt in ("table", "csv", "json"):
            render(rows, fmt)


def test_counts_by_kind(stats: dict[str, Rows], example: Disclosure) -> None:
    counts = {row["kind"]: row["nodes"] for row in as_dicts(stats[COUNTS])}
    assert counts == {"department": 1, "activity": 4, "project": 36, "tier1": 4, "tier2": 8, "indicator": 239}
    assert counts["indicator"] == example.project_indicators + example.activity_indicators
    assert {row["label"] for row in as_dicts(stats[COUNTS])} >= {"预算项目", "绩效指标值", "一级指标", "二级指标"}


def test_edges_by_relation(stats: dict[str, Rows]) -> None:
    edges = {row["relation"]: row["edges"] for row in as_dicts(stats[RELATIONS])}
    assert edges == {"包含项目": 36, "包含活动": 4, "绩效指标值": 239, "二级指标": 239, "一级指标": 8}


def test_tier_degrees_equal_the_indicators_the_records_file_under_each_tier(stats: dict[str, Rows], example: Disclosure) -> None:
    per_tier: dict[str, Counter] = defaultdict(Counter)  # tier label → kind of owner → owners
    indicators: Counter = Counter()
    for kind, owners in (("projects", example.projects), ("activities", example.activities)):
        for owner in owners:
            for tier in {i.tier1 for i in owner.indicators} | {i.tier2 for i in owner.indicators}:
                per_tier[tier][kind] += 1
            for indicator in owner.indicators:
                indicators[indicator.tier1] += 1
                indicators[indicator.tier2] += 1
    rows = as_dicts(stats[TIERS])
    assert len(rows) == 15  # every tier of the ontology, used or not
    for row in rows:
        assert row["indicators"] == indicators[row["tier"]], row
        assert (row["projects"], row["activities"]) == (per_tier[row["tier"]]["projects"], per_tier[row["tier"]]["activities"]), row
    by_tier = {row["tier"]: row for row in rows}
    assert by_tier["产出指标"]["indicators"] == 120 and by_tier["满意度指标"]["indicators"] == 40
    assert by_tier["服务对象满意度指标"]["projects"] == 36  # every project has a satisfaction target
    assert by_tier["生态效益指标"]["indicators"] == 0
    assert sum(r["indicators"] for r in rows if r["level"] == "二级指标") == 239


def test_the_example_is_one_connected_component(stats: dict[str, Rows]) -> None:
    (component,) = as_dicts(stats[COMPONENTS])
    assert component == {
        "component": 1, "nodes": 280, "departments": 1, "activities": 4, "projects": 36, "indicators": 239,
        "department": "北京市朝阳区人民政府大屯街道办事处",
    }


def test_a_project_no_department_holds_is_a_component_of_its_own(example_path: Path) -> None:
    quads: list[Quad] = list(load_inputs([example_path]).quads)
    orphan = "https://example.org/project/orphan"
    quads += [(orphan, RDF_TYPE, terms.BudgetProject, None), (orphan, LABEL, zh("无主项目"), None)]
    rows = as_dicts(graph_stats(quads)[COMPONENTS])
    assert [(r["nodes"], r["departments"], r["projects"]) for r in rows] == [(280, 1, 36), (1, 0, 1)]


def test_identical_indicator_texts_shared_by_projects(stats: dict[str, Rows], example: Disclosure) -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for p in example.projects:
        for i in p.indicators:
            text = " ".join(x for x in (i.name, i.comparator, i.value_text, i.unit) if x)
            expected[text].add(p.code)
    shared = {text: codes for text, codes in expected.items() if len(codes) > 1}
    rows = as_dicts(stats[SHARED_TEXTS])
    assert {r["indicator"]: set(r["project codes"].split("、")) for r in rows} == shared
    assert all(r["projects"] == len(shared[r["indicator"]]) for r in rows)
    top = rows[0]
    assert (top["indicator"], top["tier"], top["projects"]) == ("受益对象满意度 ≥ 95 %", "服务对象满意度指标", 21)
    assert [r["projects"] for r in rows] == sorted((r["projects"] for r in rows), reverse=True)


def test_indicators_several_projects_measure(stats: dict[str, Rows]) -> None:
    """受益对象满意度 is printed on 23 rows of 表12 (lines 324 … 493), each in another project: 21 set
    ≥ 95 %, two (lines 345 and 351) ≥ 90 %. One indicator, however the targets differ."""
    rows = as_dicts(stats[SHARED_INDICATORS])
    top = rows[0]
    assert (top["indicator"], top["tier"], top["projects"], top["targets"], top["targets set"]) == (
        "受益对象满意度", "服务对象满意度指标", 23, 23, "≥ 95 % ×21; ≥ 90 % ×2")
    assert all(r["projects"] >= 2 for r in rows)
    assert [r["projects"] for r in rows] == sorted((r["projects"] for r in rows), reverse=True)


def test_indicators_without_a_target_value(stats: dict[str, Rows], example: Disclosure) -> None:
    rows = as_dicts(stats[NO_TARGET])
    missing = [(owner, i) for owner in (*example.projects, *example.activities) for i in owner.indicators if i.value is None]
    assert len(rows) == len(missing) == 60
    assert {(r["owner"], r["indicator"], r["line"]) for r in rows} == {(o.name, i.name, i.line) for o, i in missing}
    assert {r["comparator"] for r in rows} == {"定性"}  # in the example only qualitative targets lack a value
    assert all(r["target text"] for r in rows)


def test_a_quantitative_indicator_without_a_value_is_listed_first() -> None:
    """Read from RDF, an indicator may say ≥ but carry no value: that is the gap to look at."""
    ontology = list(ontology_quads())
    at_least = next(s for s, p, o, _ in ontology if p == "http://www.w3.org/2004/02/skos/core#notation" and o == Literal("≥"))
    dept, budget, proj = "https://example.org/d", "https://example.org/d/2026", "https://example.org/d/2026/p"
    tier2 = terms.TIER + "output-quantity"
    quads: list[Quad] = ontology + [
        (dept, RDF_TYPE, terms.Department, None), (budget, RDF_TYPE, terms.DepartmentBudget, None),
        (budget, terms.department, dept, None), (budget, terms.hasProject, proj, None),
        (proj, RDF_TYPE, terms.BudgetProject, None), (proj, terms.projectCode, Literal("P1"), None), (proj, LABEL, zh("项目"), None),
    ]
    for number, (comparator, value) in enumerate(((terms.Qualitative, None), (at_least, None), (at_least, "3"))):
        ind = f"{proj}/indicator/{number}"
        quads += [
            (proj, terms.hasTarget, ind, None), (ind, RDF_TYPE, terms.PerformanceTarget, None),
            (ind, LABEL, zh(f"指标{number}"), None), (ind, terms.tier, tier2, None), (ind, terms.comparator, comparator, None),
            (ind, terms.targetText, Literal(value or "文字目标"), None), (ind, terms.sourceLine, Literal(str(10 + number)), None),
        ]
        if value:
            quads.append((ind, terms.targetValue, Literal(value, "http://www.w3.org/2001/XMLSchema#decimal"), None))
    rows = as_dicts(graph_stats(quads)[NO_TARGET])
    assert [(r["indicator"], r["comparator"], r["owner code"]) for r in rows] == [("指标1", "≥", "P1"), ("指标0", "定性", "P1")]


def test_a_store_gives_the_statistics_of_its_quads_from_a_few_queries(tmp_path: Path, example_path: Path, stats: dict[str, Rows]) -> None:
    """kg.network.store's model of a store has the statistics of every quad of the store."""
    ingest(tmp_path / "store", [example_path], workers=1)
    from_store = model_stats(store_graph(open_store(tmp_path / "store")))
    assert {heading: rows.rows for heading, rows in from_store.items()} == {heading: rows.rows for heading, rows in stats.items()}
