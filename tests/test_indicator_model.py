"""Indicator, target, result: what is measured is one node shared by every document; each printed
row is a target of its project or activity; a self-evaluation's figures are the target's result."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from builders import QUANTITY, SATISFACTION, disclosure, project, row

from kg.analyse.analysis import analyse
from kg.build import ontology_quads
from kg.rdf import terms as kg
from kg.rdf.mapping import disclosure_quads
from kg.rdf.namespaces import LABEL, RDF_TYPE
from kg.rdf.validate import validate_quads
from kg.read.text import parse_disclosure
from kg.records import Disclosure, IndicatorResult
from kg.vocab import normalised_name

BASE = "https://example.org/id/"


def quads_of(d: Disclosure) -> list:
    return list(disclosure_quads(d, analyse(d), BASE))


def objects(quads: list, subject: str, predicate: str) -> list:
    return [o for s, p, o, _ in quads if s == subject and p == predicate]


def targets(quads: list) -> list[str]:
    return [s for s, p, o, _ in quads if p == RDF_TYPE and o == kg.PerformanceTarget]


def parse_text(tmp_path: Path, text: str) -> Disclosure:
    path = tmp_path / "d.txt"
    path.write_text("623001-测试街道办事处\n" + text, encoding="utf-8")
    return parse_disclosure(path)


def test_the_example_s_27_beneficiary_satisfaction_targets_measure_one_indicator(example: Disclosure) -> None:
    """The example prints 受益对象满意度 on 27 rows (≥ 90 or 95, in %): one thing measured, 27 targets."""
    quads = quads_of(example)
    named = [t for t in targets(quads) if objects(quads, t, LABEL)[0].value == "受益对象满意度"]
    assert len(named) == 27
    measured = {objects(quads, t, kg.forIndicator)[0] for t in named}
    assert len(measured) == 1
    (indicator,) = measured
    assert [o.value for o in objects(quads, indicator, LABEL)] == ["受益对象满意度"]
    assert objects(quads, indicator, kg.unit) == ["http://qudt.org/vocab/unit/PERCENT"]
    # Every target points to exactly one indicator, and there are fewer indicators than targets.
    assert all(len(objects(quads, t, kg.forIndicator)) == 1 for t in targets(quads))
    indicators = {s for s, p, o, _ in quads if p == RDF_TYPE and o == kg.PerformanceIndicator}
    assert len(targets(quads)) == 239 and len(indicators) < 239


def test_names_printed_differently_are_one_indicator_and_keep_their_printed_names(tmp_path: Path) -> None:
    """Whitespace, full-width forms and Traditional characters do not make another indicator; a
    different unit does."""
    traditional = SATISFACTION.replace("受益对象满意度", "受益對象 滿意度")
    other_unit = SATISFACTION.replace("\t%", "\t分")
    full_width = SATISFACTION.replace("\t%", "\t％")
    d = parse_text(tmp_path, disclosure([
        project("11010522T000000000001", "甲项目", "1.000000\t1.000000\t", "目标", SATISFACTION),
        row(traditional), row(full_width), row(other_unit), row(QUANTITY),
    ]))
    quads = quads_of(d)
    by_row = {objects(quads, t, kg.sourceLine)[0].value: t for t in targets(quads) if "/project/" in t}
    lines = sorted(by_row, key=int)
    plain, trad, wide, points, quantity = (objects(quads, by_row[line], kg.forIndicator)[0] for line in lines)
    assert plain == trad == wide
    assert len({plain, points, quantity}) == 3
    assert objects(quads, by_row[lines[1]], LABEL)[0].value == "受益對象 滿意度"  # printed as printed
    assert normalised_name("受益對象 滿意度") == "受益对象满意度"


def test_the_same_indicator_has_the_same_iri_in_every_document(example: Disclosure, tmp_path: Path) -> None:
    other = parse_text(tmp_path, disclosure([project("11010522T000000000001", "甲项目", "1.000000\t1.000000\t", "目标", SATISFACTION)]))
    mine = quads_of(other)
    (target,) = [t for t in targets(mine) if "/project/" in t]
    theirs = quads_of(example)
    assert objects(mine, target, kg.forIndicator)[0] in {o for _, p, o, _ in theirs if p == kg.forIndicator}


def test_a_reported_result_is_the_target_s_result_and_conforms(tmp_path: Path) -> None:
    d = parse_text(tmp_path, disclosure([project("11010522T000000000001", "甲项目", "1.000000\t1.000000\t", "目标", SATISFACTION)]))
    p = d.projects[0]
    result = IndicatorResult(value=Decimal("93"), value_text="93%", line=p.indicators[0].line, score=Decimal("8"),
                             deviation_reason="部分居民未参与调查")
    d = replace(d, projects=(replace(p, indicators=(replace(p.indicators[0], result=result),)),))
    quads = quads_of(d)
    (target,) = [t for t in targets(quads) if "/project/" in t]
    (node,) = objects(quads, target, kg.hasResult)
    assert objects(quads, node, RDF_TYPE) == [kg.PerformanceResult]
    assert [o.value for o in objects(quads, node, kg.actualValue)] == ["93"]
    assert [o.value for o in objects(quads, node, kg.actualText)] == ["93%"]
    assert [o.value for o in objects(quads, node, kg.deviationReason)] == ["部分居民未参与调查"]
    report = validate_quads([*quads, *ontology_quads()])
    assert report.conforms, report.violations


@pytest.mark.parametrize("broken", ["no indicator", "two indicators"])
def test_a_target_measures_exactly_one_indicator(example_quads_small: list, broken: str) -> None:
    quads = example_quads_small
    target = next(s for s, p, o, _ in quads if p == kg.forIndicator)
    if broken == "no indicator":
        quads = [q for q in quads if not (q[0] == target and q[1] == kg.forIndicator)]
    else:
        other = next(o for s, p, o, _ in quads if p == kg.forIndicator and s != target and o != objects(quads, target, kg.forIndicator)[0])
        quads = [*quads, (target, kg.forIndicator, other, quads[0][3])]
    report = validate_quads([*quads, *ontology_quads()])
    assert not report.conforms
    assert {(v.focus, v.path) for v in report.violations} == {(target, "kg:forIndicator")}


@pytest.fixture
def example_quads_small(tmp_path: Path) -> list:
    return quads_of(parse_text(tmp_path, disclosure([
        project("11010522T000000000001", "甲项目", "1.000000\t1.000000\t", "目标", SATISFACTION), row(QUANTITY)])))


def test_indicator_targets_lists_the_targets_of_every_document_however_printed(example_path: Path, tmp_path: Path) -> None:
    from kg.build import load_inputs
    from kg.store.query import OxigraphEngine, RdflibEngine, run_query
    from kg.store.results import render_result

    other = tmp_path / "other.txt"
    traditional = SATISFACTION.replace("受益对象满意度", "受益對象 滿意度")
    other.write_text("623009-测试街道办事处\n" + disclosure([project("11010822T000000000001", "乙项目", "1.000000\t1.000000\t", "目标", traditional)]),
                     encoding="utf-8")
    quads = load_inputs([example_path, other]).quads
    for engine in (OxigraphEngine.from_quads(quads), RdflibEngine(quads)):
        result = run_query("indicator-targets", engine, {"name": "受益对象满意度"})
        rows = [dict(zip(result.variables, r)) for r in (line.split(",") for line in render_result(result, "csv").splitlines()[1:])]
        # The example's 27, the other's project (printed in Traditional) and its 表13 activity (builders.TABLE_13).
        assert len(rows) == 27 + 2 and len({r["indicator"] for r in rows}) == 1
        assert [(r["region"], r["unit_code"], r["kind"], r["printed_name"], r["value"]) for r in rows if r["unit_code"] == "623009"] == [
            ("110108", "623009", "project", "受益對象 滿意度", "95"), ("110108", "623009", "activity", "受益对象满意度", "90")]


def test_a_deadline_and_a_duration_are_different_indicators(tmp_path: Path) -> None:
    """≤ 12 月 of a 时效指标 is "within the budget year" (kg:deadline); ≤ 12 个月 is a number of months:
    the same name measures two different things, and only the duration has the unit."""
    from builders import TIMELY

    d = parse_text(tmp_path, disclosure([
        project("11010522T000000000001", "甲项目", "1.000000\t1.000000\t", "目标", TIMELY), row(TIMELY.replace("\t月", "\t个月"))]))
    quads = quads_of(d)
    by_line = {int(objects(quads, t, kg.sourceLine)[0].value): t for t in targets(quads) if "/project/" in t}
    deadline, duration = (by_line[line] for line in sorted(by_line))
    assert [o.value for o in objects(quads, deadline, kg.deadline)] == ["2026-12"]
    measured = [objects(quads, t, kg.forIndicator)[0] for t in (deadline, duration)]
    assert measured[0] != measured[1]
    assert objects(quads, measured[0], kg.unit) == [] and objects(quads, measured[0], kg.unitText) == []
    assert objects(quads, measured[1], kg.unit) == ["http://qudt.org/vocab/unit/MO"]
