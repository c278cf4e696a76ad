"""Check that every value the reader returned can be found on the source line it names.

The fuzzing contract: whatever the damage, the reader either raises its own error or returns records
whose every value traces to its line — never a value it made up or took from the wrong line.
"""

from __future__ import annotations

import re

from kg.numbers import normalise_number_text
from kg.read.source import SourceText
from kg.records import Disclosure


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def untraceable_values(disclosure: Disclosure, source: SourceText) -> list[str]:
    """Descriptions of values not found on the line they claim to come from (empty when all trace)."""
    problems = []
    count = len(source.lines)

    def line_text(number: int) -> str | None:
        return source.lines[number - 1] if 1 <= number <= count else None

    def check(number: int | None, needle: str, what: str) -> None:
        if number is None:
            return
        text = line_text(number)
        if text is None:
            problems.append(f"{what}: line {number} does not exist")
        elif _compact(needle) not in _compact(text) and _compact(normalise_number_text(needle)) not in _compact(normalise_number_text(text)):
            problems.append(f"{what}: {needle!r} is not on line {number}")

    indicators = [(i, "12") for p in disclosure.projects for i in p.indicators]
    indicators += [(i, "13") for a in disclosure.activities for i in a.indicators]
    for indicator, _ in indicators:
        check(indicator.line, indicator.name, "indicator name")
        check(indicator.line, indicator.value_text, "indicator value")
        if indicator.unit:
            check(indicator.line, indicator.unit, "indicator unit")
    for project in disclosure.projects:
        check(project.line, project.code, "project code")
        for number in project.lines:
            if line_text(number) is None:
                problems.append(f"project {project.code}: line {number} does not exist")
    return problems
