"""Everything kg infers from one document's records, computed once, before any RDF exists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.analyse.audit import Finding, audit
from kg.analyse.funding import FunctionLinks, function_links
from kg.analyse.months import MonthDecision, MonthReading, month_decisions
from kg.analyse.trace import Review, Trace, trace
from kg.records import Disclosure


@dataclass(frozen=True)
class Analysis:
    """The audit's findings, the 表06 → 表12 function links, the activity → project trace and how
    targets printed in 月 are read (deadlines in the budget year, kg.analyse.months)."""

    findings: tuple[Finding, ...]
    links: FunctionLinks
    trace: Trace | None  # None when the document has no activities or no projects
    months: tuple[MonthDecision, ...] = ()


def analyse(
    disclosure: Disclosure, reviews: Sequence[Review] = (), month_overrides: Mapping[int, MonthReading] | None = None,
) -> Analysis:
    """``reviews`` (kg.analyse.trace.load_reviews) confirm or reject the inferred activity→project links;
    ``month_overrides`` settle how a row printed in 月 is read, by its source line."""
    links = function_links(disclosure)
    traced = trace(disclosure, reviews, links=links) if disclosure.activities and disclosure.projects else None
    return Analysis(tuple(audit(disclosure)), links, traced, month_decisions(disclosure, month_overrides))
