"""The synthetic corpus (kg.synth.generate): 500 generated documents read by the reader and compared with their truth."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KgError
from kg.numbers import agrees_at_printed_precision, parse_decimal
from kg.read.source import source_from_bytes
from kg.read.tables import Table, split_tables
from kg.read.text import parse_disclosure
from kg.records import Disclosure, to_jsonable
from kg.synth.changes import changes_between
from kg.synth.generate import (
    ACTIVITY_FIELDS,
    INDICATOR_FIELDS,
    PROJECT_FIELDS,
    TRUTH_FIELDS,
    TRUTH_SUFFIX,
    Series,
    generate,
    generate_in_series,
    parse_years,
    reader_view,
    truth_view,
    write_corpus,
)
from kg.vocab import unit_vocabulary

SEED = 2026
COUNT = 500


@dataclass
class Read:
    """One generated document: its text and truth, and what the reader made of it."""

    path: Path
    text: str
    truth: dict[str, Any]
    view: dict[str, Any]
    decisions: list[tuple[str | None, str | None, dict[int, str]]]  # before, after, assignment
    skipped_with_data: list[str]


def read(path: Path) -> Read:
    disclosure = parse_disclosure(path)
    truth = json.loads(path.with_name(path.name[: -len(".txt")] + TRUTH_SUFFIX).read_text(encoding="utf-8"))
    return Read(
        path=path,
        text=path.read_text(encoding="utf-8"),
        truth=truth,
        view=reader_view(disclosure),
        decisions=[(d.before, d.after, d.assignment) for d in disclosure.decisions],
        skipped_with_data=[f"{s.line}: {s.reason}" for s in disclosure.skipped if s.carries_data],
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Read]:
    """Written by two processes and read by two (the CI machine has two cores)."""
    paths = write_corpus(COUNT, tmp_path_factory.mktemp("synth"), seed=SEED, workers=2)
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(read, paths, chunksize=25))


def test_reader_view_is_to_jsonable_restricted_to_the_truth_fields(example: Disclosure) -> None:
    full = to_jsonable(example)
    expected = {key: full[key] for key in TRUTH_FIELDS}
    expected["projects"] = [
        {k: [{f: i[f] for f in INDICATOR_FIELDS} for i in p[k]] if k == "indicators" else p[k] for k in PROJECT_FIELDS}
        for p in full["projects"]
    ]
    expected["activities"] = [
        {k: [{f: i[f] for f in INDICATOR_FIELDS} for i in a[k]] if k == "indicators" else a[k] for k in ACTIVITY_FIELDS}
        for a in full["activities"]
    ]
    assert reader_view(example) == expected
    assert expected["projects"][0]["total"] == "308.720000" and expected["department"]["total"] == "18985.336217"


def first_difference(expected: Any, found: Any, where: str = "") -> str | None:
    """Where two JSON values first differ, for a readable failure."""
    if type(expected) is not type(found):
        return f"{where}: truth {expected!r}, reader {found!r}"
    if isinstance(expected, dict):
        for key in expected.keys() | found.keys():
            if key not in expected or key not in found:
                return f"{where}.{key}: only in {'the reader' if key in found else 'the truth'}"
            diff = first_difference(expected[key], found[key], f"{where}.{key}")
            if diff:
                return diff
        return None
    if isinstance(expected, list):
        for i, (x, y) in enumerate(zip(expected, found)):
            diff = first_difference(x, y, f"{where}[{i}]")
            if diff:
                return diff
        return None if len(expected) == len(found) else f"{where}: {len(expected)} items in the truth, {len(found)} read"
    return None if expected == found else f"{where}: truth {expected!r}, reader {found!r}"


def test_the_reader_returns_the_truth_of_every_document(corpus: list[Read]) -> None:
    """Every project, amount, goal and indicator (with its line), the department block and activities."""
    assert len(corpus) == COUNT
    wrong = [f"{r.path.name}{first_difference(truth_view(r.truth), r.view)}" for r in corpus if truth_view(r.truth) != r.view]
    assert wrong == [], f"{len(wrong)} documents differ from their truth, first: {wrong[:3]}"


def test_every_line_carrying_data_is_read(corpus: list[Read]) -> None:
    unread = [f"{r.path.name}:{s}" for r in corpus for s in r.skipped_with_data]
    assert unread == []


def test_page_break_decisions_are_all_correct_and_go_both_ways(corpus: list[Read]) -> None:
    """Each row the reader had to place at a page break went to the project the truth gives it."""
    to_before = to_after = 0
    wrong = []
    for r in corpus:
        owner = {i["line"]: p["code"] for p in r.truth["projects"] for i in p["indicators"]}
        for before, after, assignment in r.decisions:
            for line, code in assignment.items():
                if line in owner and owner[line] != code:
                    wrong.append(f"{r.path.name}:{line} → {code}, truth {owner[line]}")
                to_before += code == before and line in owner
                to_after += code == after and before is not None and line in owner
    assert wrong == []
    assert to_before > 1000 and to_after > 500


# Minimum counts over the 500 documents; the generator's rates give several times as many.
DAMAGE_MINIMUM = {
    "code_inner_space": 1000, "name_inner_spaces": 1000, "name_tail_after_break": 50, "name_and_goal_tail_after_break": 50,
    "goal_tail_after_break": 100, "goal_head_on_indicator_row": 100, "goal_head_on_own_row": 100,
    "rows_after_break_to_previous": 500, "rows_before_break_to_next": 500, "break_between_projects": 100,
    "amount_thousands": 100, "amount_space_after_point": 100, "decimal_comma_table03": 50, "qualitative_shifted": 1000,
    "other_funded": 100, "mixed_funding": 100, "total_only": 50, "two_quantity": 500, "missing_kind": 500,
    "second_effect_or_cost": 200, "cost_disagrees": 200, "cost_per_unit": 200, "cost_WanYuanPerProject": 1000,
    "cost_YuanPerYear": 1000, "unit_cell_in_table12": 200, "lead_jitter": 200, "table13_page_break": COUNT,
    "table03_basic_in_project_column": 500,
    "table13_glued_tiers": COUNT * 15,
}


def test_every_kind_of_damage_occurs(corpus: list[Read]) -> None:
    counts: Counter[str] = Counter()
    for r in corpus:
        counts.update(r.truth["synth"]["damage"])
    assert {k: counts[k] for k in DAMAGE_MINIMUM if counts[k] < DAMAGE_MINIMUM[k]} == {}
    moved = sum(len(r.truth["synth"]["table03_basic_in_project_column"]) for r in corpus)
    assert moved == counts["table03_basic_in_project_column"]
    # Leading empty cells change from page to page of 表12 in most documents.
    assert sum(r.truth["synth"]["damage"].get("distinct_leads_table12", 0) >= 2 for r in corpus) > COUNT * 0.8


def test_the_damage_is_in_the_text(corpus: list[Read]) -> None:
    """The bookkeeping matches what is printed, counted from the text alone."""
    text = "\n".join(r.text for r in corpus)
    code_with_space = re.compile(r"^(?:[^\t]*\t)?\d{8}T\d*\s\d[\d\s]*-", re.M)
    assert len(code_with_space.findall(text)) == sum(r.truth["synth"]["damage"].get("code_inner_space", 0) for r in corpus)
    assert len(re.findall(r"\t\d{1,3}\. \d{6}\t", text)) > 100  # 29. 778000
    assert len(re.findall(r"\t\d{1,3}(?:,\d{3})+\.\d{6}\t", text)) > 1000  # 1,000.000000
    assert len(re.findall(r"\t\d{1,3},\d{6}\t", text)) > 50  # 3,384700 in 表03
    assert len(re.findall(r"\t定性\t\t[^\t\n]+", text)) > 500  # 定性 text one cell to the right
    assert len(re.findall(r"\t(?:产出指标(?:数量|质量|时效)|效益指标\w+效益|满意度指标服务对象满意度)指标", text)) > COUNT * 10
    heading = re.findall(r"^预算(?:\d\d表|表12) ", text, re.M)
    assert len(heading) == COUNT * 12  # 01, 03–11, 表12 and 13, as the example has them


def test_generation_is_deterministic_and_each_document_stands_alone(corpus: list[Read]) -> None:
    for r in corpus[:20] + corpus[-5:]:
        index = r.truth["synth"]["index"]
        text, truth = generate(SEED, index)
        assert text == r.text and truth == r.truth  # written by a worker process, regenerated alone here
    assert generate(SEED, 7) == generate(SEED, 7)
    assert generate(SEED, 7)[0] != generate(SEED + 1, 7)[0]


def test_the_bytes_do_not_depend_on_the_process(corpus: list[Read]) -> None:
    """Another interpreter with another hash seed writes the same documents."""
    code = (
        "import hashlib, sys; from kg.synth.generate import generate\n"
        f"print(' '.join(hashlib.sha256(generate({SEED}, i)[0].encode()).hexdigest() for i in range(3)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out == [hashlib.sha256(r.text.encode()).hexdigest() for r in corpus[:3]]


def test_corpus_file_names(corpus: list[Read], tmp_path: Path) -> None:
    for index, r in enumerate(corpus):
        assert r.path.name == f"{index:05d}_{r.truth['unit_code']}_{r.truth['year']}.txt"
        assert 2019 <= r.truth["year"] <= 2027 and re.fullmatch(r"\d{6}", r.truth["unit_code"])
    assert len({r.truth["unit_code"] for r in corpus}) > COUNT * 0.9
    written = write_corpus(3, tmp_path, seed=SEED, workers=1)
    assert [p.name for p in written] == [r.path.name for r in corpus[:3]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in written] + [p.name[:-4] + TRUTH_SUFFIX for p in written]
    )
    assert [p.read_bytes() for p in written] == [r.path.read_bytes() for r in corpus[:3]]


def test_documents_have_the_shape_of_real_disclosures(corpus: list[Read]) -> None:
    """Project and indicator counts, tiers, comparators and units as the brief and the template set them."""
    printed_units = set(unit_vocabulary())
    comparators: Counter[str] = Counter()
    units: Counter[str | None] = Counter()
    for r in corpus:
        projects, activities = r.truth["projects"], r.truth["activities"]
        assert 20 <= len(projects) <= 50 and 3 <= len(activities) <= 6
        assert all(5 <= len(p["indicators"]) <= 8 for p in projects)
        assert all(5 <= len(a["indicators"]) <= 7 for a in activities)
        assert all(re.fullmatch(r"\d{8}T\d{12}", p["code"]) for p in projects)
        for indicator in [i for p in projects for i in p["indicators"]] + [i for a in activities for i in a["indicators"]]:
            comparators[indicator["comparator"]] += 1
            units[indicator["unit"]] += 1
            assert (indicator["value"] is None) == (indicator["comparator"] == "定性") == (indicator["unit"] is None)
    assert set(comparators) == {"≥", "≤", "=", "定性"}
    assert set(units) - {None} <= printed_units
    assert len(set(units)) > 20  # most of units.ttl's printed forms are used


def test_sizes_are_like_the_example(corpus: list[Read]) -> None:
    sizes = sorted(len(r.text.encode()) for r in corpus)
    assert 30_000 <= sizes[len(sizes) // 2] <= 70_000
    assert sizes[0] > 20_000 and sizes[-1] < 90_000


def test_cost_targets_agree_with_the_amount_unless_marked_as_an_error(corpus: list[Read]) -> None:
    assert cost_targets_checked(corpus) > COUNT * 20


def cost_targets_checked(corpus: list[Read]) -> int:
    """How many whole-project cost targets were checked: each agrees with its project's amount unless
    the truth marks it as an error."""
    units = unit_vocabulary()
    checked = 0
    for r in corpus:
        marked = {e["code"] for e in r.truth["synth"]["errors"] if e["kind"].startswith("cost target")}
        for project in r.truth["projects"]:
            for indicator in project["indicators"]:
                unit = units.get(indicator["unit"] or "")
                if indicator["tier1"] != "成本指标" or unit is None or not unit.whole_project:
                    continue
                assert unit.yuan_per_unit is not None
                cost = Decimal(indicator["value"]) * unit.yuan_per_unit / Decimal(10000)
                agrees = agrees_at_printed_precision(cost, Decimal(project["total"]))
                assert agrees != (project["code"] in marked), (r.path.name, project["code"], indicator["value_text"])
                checked += 1
    return checked


# ---- tables 01, 03–11 add up (the layout another reader will parse) -------------------------


def amounts(table: Table, column: int, label_column: int | None = None) -> dict[str, Decimal]:
    """Label → amount of the rows of a table, for the rows whose label cell is filled."""
    found = {}
    for line in table.lines:
        cells = line.cells
        if len(cells) > column and label_column is not None and cells[label_column]:
            value = parse_decimal(cells[column]) if cells[column] else Decimal(0)
            if value is not None:
                found[cells[label_column]] = value
    return found


def column_sum(table: Table, column: int, skip: str = "合 计") -> Decimal:
    return sum(
        (parse_decimal(line.cells[column]) or Decimal(0) for line in table.lines
         if len(line.cells) > column and skip not in line.cells and not line.blank),
        Decimal(0),
    )


def total_row(table: Table, column: int) -> Decimal:
    (line,) = [line for line in table.lines if "合 计" in line.cells]
    return parse_decimal(line.cells[column]) or Decimal(0)


def test_the_budget_tables_add_up(corpus: list[Read]) -> None:
    assert budget_tables_checked(corpus) > COUNT * 0.9


def budget_tables_checked(corpus: list[Read]) -> int:
    """How many documents without a deliberate error in their tables were checked: their tables add up."""
    checked = 0
    for r in corpus:
        errors = {e["kind"] for e in r.truth["synth"]["errors"]}
        if any(not kind.startswith("cost target") and "财政资金" not in kind for kind in errors):
            continue
        tables = split_tables(source_from_bytes(r.text.encode(), r.path.name))
        block = r.truth["department"]
        total, fiscal = Decimal(block["total"]), Decimal(block["fiscal_total"])
        t01 = tables[1]
        left, right = amounts(t01, 1, 0), amounts(t01, 3, 2)
        assert left["收入总计"] == right["支出总计"] == total
        assert left["一、一般公共预算拨款收入"] == fiscal
        assert left["九、其他收入"] == Decimal(block["other_total"] or 0)
        assert sum(v for k, v in right.items() if "、" in k) == total
        t03 = tables[3]
        assert total_row(t03, 3) == column_sum(t03, 3) == total
        assert total_row(t03, 4) + total_row(t03, 5) == total
        t05 = tables[5]
        assert amounts(t05, 1, 0)["收入总计"] == fiscal
        assert sum(v for k, v in amounts(t05, 3, 2).items() if "、" in k) == fiscal
        t06 = tables[6]
        assert total_row(t06, 3) == column_sum(t06, 3) == fiscal
        assert total_row(t06, 7) == Decimal(block["fiscal_project"])
        t07 = tables[7]
        assert total_row(t07, 2) == column_sum(t07, 2) == Decimal(block["fiscal_basic"])
        assert total_row(t07, 3) + total_row(t07, 4) == Decimal(block["fiscal_basic"])
        assert total_row(tables[4], 1) == column_sum(tables[4], 1)
        (t10,) = [line.cells for line in tables[10].lines if line.cells and parse_decimal(line.cells[0]) is not None]
        assert parse_decimal(t10[0]) == sum((parse_decimal(c) or Decimal(0) for c in (t10[1], t10[2], t10[3])), Decimal(0))
        t11 = tables[11]
        assert total_row(t11, 4) == column_sum(t11, 4)
        # 表12: the projects' 财政资金 and 其他资金 are the department's project money.
        projects = r.truth["projects"]
        fiscal_projects = sum(Decimal(p["fiscal"] or (p["total"] if not p["other"] else 0)) for p in projects)
        other_projects = sum(Decimal(p["other"] or 0) for p in projects)
        assert fiscal_projects == Decimal(block["fiscal_project"])
        assert other_projects == Decimal(block["other_total"] or 0) - Decimal(block["other_basic"] or 0)
        assert fiscal == Decimal(block["fiscal_basic"]) + Decimal(block["fiscal_project"])
        assert total == fiscal + Decimal(block["other_total"] or 0)
        checked += 1
    return checked


# ---- a corpus in series: the same units in three districts over three years -----------------

SERIES = Series(districts=3, years=(2023, 2024, 2025))
SERIES_COUNT = 36  # 12 units, 4 in each district


@pytest.fixture(scope="module")
def series_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Read]:
    paths = write_corpus(SERIES_COUNT, tmp_path_factory.mktemp("series"), seed=SEED, workers=2,
                         districts=SERIES.districts, years=SERIES.years)
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(read, paths, chunksize=6))


def units_of(corpus: list[Read]) -> dict[int, list[Read]]:
    """Each unit's documents, year by year."""
    found: dict[int, list[Read]] = {}
    for r in corpus:
        found.setdefault(r.truth["synth"]["series"]["unit"], []).append(r)
    return {unit: sorted(docs, key=lambda r: r.truth["year"]) for unit, docs in found.items()}


def test_documents_in_series_read_back_to_their_truth(series_corpus: list[Read]) -> None:
    wrong = [f"{r.path.name}{first_difference(truth_view(r.truth), r.view)}" for r in series_corpus if truth_view(r.truth) != r.view]
    assert wrong == []
    assert [s for r in series_corpus for s in r.skipped_with_data] == []
    assert cost_targets_checked(series_corpus) > SERIES_COUNT * 20
    assert budget_tables_checked(series_corpus) > SERIES_COUNT * 0.8


def test_each_unit_has_a_document_a_year_in_its_district(series_corpus: list[Read]) -> None:
    units = units_of(series_corpus)
    assert sorted(units) == list(range(12))
    districts = ("110101", "110102", "110105")
    for unit, docs in units.items():
        region = districts[unit % 3]
        assert [r.truth["year"] for r in docs] == list(SERIES.years)
        assert {(r.truth["unit_code"], r.truth["unit_name"], r.truth["synth"]["series"]["region"]) for r in docs} == {
            (str(623000 + unit // 3), docs[0].truth["unit_name"], region)}
        assert all(p["code"].startswith(region) for r in docs for p in r.truth["projects"])
        assert all(parse_disclosure(r.path).region.code == region for r in docs[:1])  # the reader's region
    # Unit codes are assigned per district: the k-th unit of every district has the same code.
    assert len({r.truth["unit_code"] for r in series_corpus}) == 4
    # Within a district, units have their own names and codes, and never share a project code.
    for region in districts:
        docs = [r for r in series_corpus if r.truth["synth"]["series"]["region"] == region and r.truth["year"] == 2024]
        assert len({r.truth["unit_name"] for r in docs}) == len({r.truth["unit_code"] for r in docs}) == 4
        codes = [p["code"] for r in docs for p in r.truth["projects"]]
        assert len(codes) == len(set(codes))


def test_the_recorded_changes_are_those_between_consecutive_truths(series_corpus: list[Read]) -> None:
    kinds: Counter[str] = Counter()
    for docs in units_of(series_corpus).values():
        assert docs[0].truth["synth"]["series"]["previous_year"] is None
        for before, after in pairwise(docs):
            recorded = dict(after.truth["synth"]["series"])
            assert {k: recorded[k] for k in ("region", "unit", "years")} == {
                "region": before.truth["synth"]["series"]["region"], "unit": recorded["unit"], "years": list(SERIES.years)}
            assert {k: v for k, v in recorded.items() if k not in ("region", "unit", "years")} == changes_between(before.truth, after.truth)
            kinds.update(c["change"] for c in recorded["target_changes"])
            kinds.update(["amount"] * len(recorded["amount_changes"]) + ["dropped"] * len(recorded["dropped"])
                         + ["added"] * len(recorded["added"]))
            kept = {p["code"] for p in after.truth["projects"]} - set(recorded["added"])
            assert kept <= {p["code"] for p in before.truth["projects"]}
    # Every kind of change occurs (24 pairs of years, 20–50 projects each).
    assert {k: kinds[k] for k in ("lowered", "raised", "value", "comparator", "amount", "dropped", "added") if kinds[k] < 5} == {}


def test_a_document_in_series_stands_alone_and_does_not_depend_on_the_process(series_corpus: list[Read], tmp_path: Path) -> None:
    for r in series_corpus[:4] + series_corpus[-3:]:
        text, truth = generate_in_series(SEED, r.truth["synth"]["index"], SERIES)
        assert text == r.text and truth == r.truth
    written = write_corpus(5, tmp_path, seed=SEED, workers=1, districts=3, years=SERIES.years)
    assert [p.read_bytes() for p in written] == [r.path.read_bytes() for r in series_corpus[:5]]
    # Five documents of three years a unit: the second unit has only its first two years.
    assert [(int(p.name.split("_")[1]), int(p.name[-8:-4])) for p in written] == [
        (623000, 2023), (623000, 2024), (623000, 2025), (623000, 2023), (623000, 2024)]
    assert generate_in_series(SEED, 0, SERIES) != generate_in_series(SEED + 1, 0, SERIES)
    assert generate(SEED, 0)[0] != generate_in_series(SEED, 0, SERIES)[0]


@pytest.mark.parametrize(
    "districts, years, message",
    [(0, (2024,), "0 districts: give 1 to 16"), (17, (2024,), "17 districts"), (1, (), "give one or more"),
     (1, (2025, 2024), "in increasing order"), (1, (2024, 2024), "different years"), (1, (1999,), "2000–2099")],
)
def test_series_options_are_checked(districts: int, years: tuple[int, ...], message: str, tmp_path: Path) -> None:
    with pytest.raises(KgError, match=message):
        write_corpus(2, tmp_path, districts=districts, years=years)
    assert list(tmp_path.iterdir()) == []


def test_years_are_read_as_a_range_or_a_list() -> None:
    assert parse_years("2023-2025") == (2023, 2024, 2025)
    assert parse_years("2025,2024") == parse_years("2024 2025") == (2024, 2025)
    for bad in ("2024-", "twenty", "2025-2023", ""):
        with pytest.raises(KgError):
            parse_years(bad)
