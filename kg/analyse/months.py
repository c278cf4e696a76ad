"""时效指标 targets printed in 月: a month of the budget year (a deadline) or a number of months.

Documents print 月 for both. A 时效指标 (timeliness) target "≤ N 月" with N a whole number from 1 to 12
sets a deadline: month N of the budget year. "及时开展慰问 ≤ 2 月" is "by February" (the Spring
Festival visits), "节日前及时发放 ≤ 8 月" is "by August" (八一), "≤ 12 月" is "within the year". 个月
is always a duration, and so is every other 月: another tier, another comparator, a number above 12
or with decimals, or a document without its budget year (no month to name). Reading a target as a
deadline is a decision, recorded with its evidence as the reader records page-break decisions; an
override (``{line: MonthReading}``) settles a line the other way.

The rule needs the tier, the printed row and the budget year, so it runs on the whole disclosure,
after reading and before mapping; mapping only writes each deadline (kg:deadline) in place of the
duration unit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kg.records import DecisionMethod, Disclosure, Indicator, RowEvidence
from kg.vocab import tier_vocabulary

MONTH = "月"  # the printed unit that names a month of the year or a number of months; 个月 is only the latter
AT_MOST = "≤"
TIMELINESS = "output-timeliness"  # the 时效指标 concept of tiers.ttl, by its slug
MONTHS_IN_YEAR = 12


class MonthReading(StrEnum):
    DEADLINE = "deadline"  # by month N of the budget year
    DURATION = "duration"  # N months (unit:MO)


@dataclass(frozen=True)
class MonthDecision:
    """How one row printed in 月 is read, and why."""

    line: int
    reading: MonthReading
    deadline: str | None  # the month as xsd:gYearMonth writes it ("2026-02"), for a deadline
    evidence: RowEvidence


def _rows(d: Disclosure) -> Iterator[Indicator]:
    for project in d.projects:
        yield from project.indicators
    for activity in d.activities:
        yield from activity.indicators


def _month_of_year(ind: Indicator) -> int | None:
    """N of a 时效指标 "≤ N 月" with N a whole number from 1 to 12; None for any other row."""
    tier = tier_vocabulary().tier2.get(ind.tier2)
    value = ind.value
    if ind.unit != MONTH or tier is None or tier.slug != TIMELINESS or ind.comparator != AT_MOST or value is None:
        return None
    if value != value.to_integral_value() or not Decimal(1) <= value <= MONTHS_IN_YEAR:
        return None
    return int(value)


def _what(ind: Indicator) -> str:
    return f"{ind.tier2} “{ind.name}” {ind.comparator} {ind.value_text} {ind.unit}"


def month_decisions(d: Disclosure, overrides: Mapping[int, MonthReading] | None = None) -> tuple[MonthDecision, ...]:
    """The rows printed in 月 that are read as deadlines, and every row an override settles."""
    overrides = overrides or {}
    decisions: list[MonthDecision] = []
    for ind in _rows(d):
        if ind.unit != MONTH:
            continue
        month = _month_of_year(ind)
        forced = overrides.get(ind.line)
        if forced is not None:
            if forced == MonthReading.DEADLINE and (month is None or d.year is None):
                text = (f"line {ind.line} ({_what(ind)}) → duration: the override file asks for a deadline, but only a "
                        f"时效指标 ≤ N 月 with N from 1 to 12 in a document with its budget year names a month")
                decisions.append(MonthDecision(ind.line, MonthReading.DURATION, None, RowEvidence(ind.line, DecisionMethod.OVERRIDE, text)))
                continue
            deadline = f"{d.year:04d}-{month:02d}" if forced == MonthReading.DEADLINE and d.year and month else None
            text = f"line {ind.line} ({_what(ind)}) → {deadline or forced}: set by the override file"
            decisions.append(MonthDecision(ind.line, forced, deadline, RowEvidence(ind.line, DecisionMethod.OVERRIDE, text)))
        elif month is not None and d.year is not None:
            deadline = f"{d.year:04d}-{month:02d}"
            text = (f"line {ind.line} ({_what(ind)}) → deadline {deadline}: a 时效指标 at most N 月 with N from 1 to 12 "
                    f"is month N of the budget year {d.year}, not N months")
            decisions.append(MonthDecision(ind.line, MonthReading.DEADLINE, deadline, RowEvidence(ind.line, DecisionMethod.AUTOMATIC, text)))
    return tuple(decisions)


def deadlines(decisions: tuple[MonthDecision, ...]) -> dict[int, str]:
    """``{source line: "2026-02"}`` of the rows read as deadlines, for mapping."""
    return {m.line: m.deadline for m in decisions if m.reading == MonthReading.DEADLINE and m.deadline}
