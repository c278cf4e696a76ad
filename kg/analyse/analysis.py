"""Everything kg infers from one document's records, computed once, before any RDF exists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.analyse.audit import Finding, audit
from kg.analyse.funding import FunctionLinks, function_links
from kg.analyse.trace import Review, Trace, trace
from kg.records import Disclosure


@dataclass(frozen=True)
class Analysis:
    """The audit's findings, the 表06 → 表12 function links and the activity → project trace."""

    findings: tuple[Finding, ...]
    links: FunctionLinks
    trace: Trace | None  # None when the document has no activities or no projects


def analyse(disclosure: Disclosure, reviews: Sequence[Review] = ()) -> Analysis:
    """``reviews`` (kg.analyse.trace.load_reviews) confirm or reject the inferred activity→project links."""
    links = function_links(disclosure)
    traced = trace(disclosure, reviews, links=links) if disclosure.activities and disclosure.projects else None
    return Analysis(tuple(audit(disclosure)), links, traced)
