"""The reader: a disclosure text file → a Disclosure of typed records (stages 1–3 together)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from kg.errors import ParseError
from kg.read.budget import parse_budget
from kg.read.national.forms import parse_national
from kg.read.overrides import load_overrides
from kg.read.source import SourceText, read_source
from kg.read.table12 import parse_table12
from kg.read.table13 import YEAR, Table13Result, parse_table13
from kg.read.tables import UNIT_CELL, Table, split_tables
from kg.records import (
    BUDGET_TABLES,
    Disclosure,
    Given,
    Layout,
    Skipped,
    TableInfo,
    Warning,
)
from kg.regions import RegionMethod, find_region

PROJECT_TABLE, ACTIVITY_TABLE = 12, 13


def parse_disclosure(
    path: str | Path, *, encoding: str | None = None, overrides: str | Path | dict[int, str] | None = None,
    region: str | None = None, given: Given = Given(),
) -> Disclosure:
    """Read one disclosure. ``overrides`` is an override file or an already loaded mapping;
    ``region`` a GB/T 2260 code that settles the document's region (see kg.regions.find_region);
    ``given`` what a form does not print (kg.records.Given: its year, its unit, its project's code)."""
    return parse_source(read_source(path, encoding), overrides=overrides, region=region, given=given)


def parse_source(
    source: SourceText, *, overrides: str | Path | dict[int, str] | None = None, region: str | None = None,
    given: Given = Given(),
) -> Disclosure:
    disclosure = _parse_lines(source, overrides=overrides, region=region, given=given)
    if source.notes:  # what the file says of itself (a CSV with no line break after its last record)
        noted = (*disclosure.warnings, *(Warning(len(source.lines), note) for note in source.notes))
        disclosure = replace(disclosure, warnings=tuple(sorted(noted, key=lambda w: (w.line or 0, w.message))))
    if source.cut is None or disclosure.cut is not None:
        return disclosure
    # The file itself ends early (a saved page cut inside a table): what it holds is read, and the
    # document is partial, as a text cut inside a table is.
    last = len(source.lines)
    warnings = tuple(sorted((*disclosure.warnings, Warning(last, source.cut)), key=lambda w: (w.line or 0, w.message)))
    return replace(disclosure, cut=source.cut, warnings=warnings)


def _parse_lines(
    source: SourceText, *, overrides: str | Path | dict[int, str] | None = None, region: str | None = None,
    given: Given = Given(),
) -> Disclosure:
    tables = split_tables(source)
    if PROJECT_TABLE not in tables and ACTIVITY_TABLE not in tables:
        # No Beijing heading: a form of the national family (its own reader says what it found, or refuses).
        if overrides:
            raise ParseError(source.path, None, "--overrides reassigns 预算表12 rows: this document has no 预算表12")
        return parse_national(source, region=region, given=given)
    last_line = len(source.lines)
    origin = ""
    if isinstance(overrides, (str, Path)):
        origin, overrides = str(overrides), load_overrides(overrides)
    warnings: list[Warning] = []
    skipped: list[Skipped] = []
    options = [f"--{name} {value}" for name, value in (("year", given.year), ("unit", given.unit), ("project", given.project)) if value is not None]
    if options:  # said, not silently dropped: a department budget prints its year, unit and codes
        warnings.append(Warning(None, f"{', '.join(options)}: what a form does not print; a department budget (预算表12/13) prints it, "
                                      "and the option is not used"))
    cut = "the file ends inside 预算表12: truncated (预算13表 is missing)"
    if ACTIVITY_TABLE not in tables:
        # 表12's pages alone (or a text cut inside 表12): what is there is read, and the document is partial
        # (refused unless --allow-partial), as a text cut inside a table is.
        warnings.append(Warning(last_line, cut))
    projects, decisions, unit = [], [], None
    if PROJECT_TABLE in tables:
        t12 = parse_table12(tables[PROJECT_TABLE], overrides or {}, origin)
        projects, decisions, unit = t12.projects, t12.decisions, t12.unit
        warnings += t12.warnings
        skipped += t12.skipped
    else:
        warnings.append(Warning(None, "no 预算表12: the disclosure lists no projects"))
    if ACTIVITY_TABLE not in tables and not projects:
        raise ParseError(source.path, last_line, cut)  # nothing read
    t13 = parse_table13(tables[ACTIVITY_TABLE]) if ACTIVITY_TABLE in tables else Table13Result()
    warnings += t13.warnings
    skipped += t13.skipped
    budget = parse_budget(tables)
    warnings += budget.warnings
    skipped += budget.skipped
    for t in tables.values():
        printed = [line.number for line in t.lines if line.text.strip()]
        if t.number not in (*BUDGET_TABLES, PROJECT_TABLE, ACTIVITY_TABLE) and printed:
            # 预算02表 收入预算汇总表, which some units print and others leave out: said, not passed over
            warnings.append(Warning(t.heading_line, f"{t.heading or f'预算{t.number:02d}表'} {t.title} (lines {t.heading_line}–{printed[-1]}) is "
                                                    "not read: kg reads 预算01表, 03–11表, 预算表12 and 预算13表; its rows are not in the graph"))
    skipped += [Skipped(line, "a page's number or furniture between the table's rows", False, text)
                for t in tables.values() for line, text in t.page_marks]
    if ACTIVITY_TABLE in tables and t13.department is None and not t13.activities:
        raise ParseError(source.path, last_line, "预算13表 has no department figures and no activity: truncated")
    unit = unit or _unit_elsewhere(source)
    year = t13.year or _year_elsewhere(source, tables)
    if unit is None:
        warnings.append(Warning(None, "no unit code (a cell like 623001-单位名称) anywhere in the document"))
    if year is None:
        warnings.append(Warning(None, "no budget year (such as “(2026年度)”) anywhere in the document"))
    # The department's name: its unit cell's, else 预算13表's 部门名称 (a disclosure with no project prints no unit cell).
    names = [name for name in (unit[1] if unit else None, t13.department.name if t13.department else None) if name]
    found = find_region([p.code for p in projects], names[0] if names else None, region)
    if found is None and len(names) > 1:
        found = find_region([], names[1])
    if found is None:
        warnings.append(Warning(None, "no region: neither the project codes nor the department's name name one; give --region"))
    elif found.alternatives and found.method == RegionMethod.DEPARTMENT_NAME:
        warnings.append(Warning(unit[2] if unit else None, f"region {found.code} chosen by name: {found.evidence}"))
    headings = ", ".join(f"{label} heading at line {tables[n].heading_line}" for n, label in ((PROJECT_TABLE, "预算表12"), (ACTIVITY_TABLE, "预算13表"))
                         if n in tables)
    return Disclosure(
        layout=Layout("beijing", f"{headings}: a Beijing-layout 部门预算 disclosure"),
        path=source.path,
        sha256=source.sha256,
        encoding=source.encoding,
        unit_code=unit[0] if unit else None,
        unit_name=unit[1] if unit else None,
        unit_line=unit[2] if unit else None,
        year=year[0] if year else None,
        year_line=year[1] if year else None,
        tables=tuple(TableInfo(t.number, t.title, t.heading_line, t.end_line) for t in sorted(tables.values(), key=lambda t: t.number)),
        projects=tuple(projects),
        department=t13.department,
        activities=tuple(t13.activities),
        decisions=tuple(decisions),
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))),
        skipped=tuple(sorted(skipped, key=lambda s: s.line)),
        budget=budget.budget,
        readings=tuple(t13.readings),
        region=found,
        cut=cut if ACTIVITY_TABLE not in tables else None,
    )


def _unit_elsewhere(source: SourceText) -> tuple[str, str, int] | None:
    for number, text in enumerate(source.lines, start=1):
        for cell in text.split("\t"):
            match = UNIT_CELL.fullmatch(cell.strip())
            if match and not re.fullmatch(r"\d+", match.group(2)):
                return match.group(1), match.group(2).strip(), number
    return None


def _year_elsewhere(source: SourceText, tables: dict[int, Table]) -> tuple[int, int] | None:
    """A table's heading's year (预算01表 …（2026年）), else the first (2026年度) of the document, else its
    first (2026年) outside a paper's title: a goal may cite another year's paper (《…工作要点（2025年）》)."""
    for table in sorted(tables.values(), key=lambda t: t.number):
        titled = YEAR.search(table.title)
        if titled:
            return int(titled.group(1)), table.heading_line
    for budget_year_only in (True, False):
        for number, text in enumerate(source.lines, start=1):
            match = YEAR.search(re.sub(r"《[^》]*》", "", text))  # not the year of a paper a goal cites
            if match and ("年度" in match.group() or not budget_year_only):
                return int(match.group(1)), number
    return None
