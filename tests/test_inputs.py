"""Inputs from many sources: each is read correctly or refused with one line naming file and line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.errors import ParseError
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure


@pytest.fixture(scope="module")
def text(example_path) -> str:
    return example_path.read_text(encoding="utf-8")


def read(text: str, encoding: str = "utf-8") -> Disclosure:
    return parse_source(source_from_bytes(text.encode(encoding), "x.txt"))


def indicator(d: Disclosure, line: int):
    return next(i for p in d.projects for i in p.indicators if i.line == line)


def test_full_width_digits_and_punctuation(text: str) -> None:
    d = read(text.replace("≥\t95\t%", "≥\t９５\t％").replace("1,000.000000", "１，０００．００００００"))
    assert (indicator(d, 279).value, indicator(d, 279).unit) == (Decimal(95), "％")
    assert next(p for p in d.projects if p.code.endswith("6304")).total == Decimal(1000)


def test_full_width_percent_is_the_percent_unit(text: str) -> None:
    from kg.analyse.analysis import analyse
    from kg.rdf import terms
    from kg.rdf.mapping import disclosure_quads

    d = read(text.replace("≥\t95\t%", "≥\t９５\t％"))
    units = {o for s, p, o, _ in disclosure_quads(d, analyse(d)) if p == terms.unit}
    assert "http://qudt.org/vocab/unit/PERCENT" in units


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2002", " "])
def test_odd_whitespace_around_cells(text: str, space: str) -> None:
    d = read(text.replace("\t95\t%", f"\t{space}95{space}\t{space}%"))
    assert d.project_indicators == 215
    assert indicator(d, 279).value == Decimal(95)


@pytest.mark.parametrize("end", ["\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_and_line_ends_read_the_same(text: str, end: str, encoding: str) -> None:
    d = read(text.replace("\n", end), encoding)
    assert (len(d.projects), d.project_indicators, d.activity_indicators) == (36, 215, 24)
    assert [p.lines for p in d.projects] == [p.lines for p in read(text).projects]


def test_tabs_replaced_by_spaces_are_refused(text: str) -> None:
    lines = text.split("\n")
    spaced = "\n".join(line.replace("\t", "    ") if 264 < number < 496 else line for number, line in enumerate(lines, 1))
    with pytest.raises(ParseError, match=r"^x.txt:268: 预算表12 separates its cells with spaces, not tabs"):
        read(spaced)


def test_a_huge_junk_line_is_reported_not_joined(text: str) -> None:
    lines = text.split("\n")
    d = read("\n".join(lines[:300] + ["x" * 10_000_000] + lines[300:]))
    assert d.project_indicators == 215
    assert [(s.line, s.carries_data) for s in d.skipped if s.carries_data] == [(301, True)]
    assert all(len(p.name) < 100 and "xxx" not in p.goal for p in d.projects)


def test_text_on_a_page_with_its_projects_own_text_is_not_joined(text: str) -> None:
    lines = text.split("\n")
    d = read("\n".join(lines[:298] + ["\t\t\t\t额外的目标文字"] + lines[298:]))
    project = next(p for p in d.projects if p.code.endswith("4670"))
    assert "额外的目标文字" not in project.goal and 299 not in project.lines
    assert any(w.line == 299 and "not joined" in w.message for w in d.warnings)


def test_a_table_heading_with_no_rows(text: str) -> None:
    lines = text.split("\n")
    d = read("\n".join(lines[:265] + lines[494:]))
    assert d.projects == ()
    assert any("预算表12 lists no project" in w.message for w in d.warnings)


def test_indicator_rows_with_missing_cells_are_reported(text: str) -> None:
    d = read(text.replace("≥\t95\t%\n", "≥\t\t%\n", 1))
    assert d.project_indicators == 214
    (skip,) = [s for s in d.skipped if s.carries_data]
    assert skip.line == 279 and "no value right after its comparator" in skip.reason
