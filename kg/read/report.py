"""What `kg parse` prints: the counts, and the page-break decisions with their evidence."""

from __future__ import annotations

from kg.numbers import line_ranges
from kg.output import Rows, escape_control
from kg.records import Disclosure


def count_rows(disclosure: Disclosure) -> Rows:
    return Rows(["what", "count"], [[name, value] for name, value in disclosure.counts().items()])


def page_ranges(pages: list[int]) -> str:
    """``[9]`` → ``page 9``; ``[9, 10]`` → ``pages 9–10``."""
    return f"page {line_ranges(pages)}" if len(pages) == 1 else f"pages {line_ranges(pages)}"


def lines_on_pages(disclosure: Disclosure, lines: list[int]) -> str:
    """``278, 279, 280``, with each page's lines followed by it for a PDF: ``278, 279 (page 9), 282 (page 10)``."""
    if not disclosure.positions:
        return ", ".join(map(str, lines))
    groups: list[tuple[int | None, list[int]]] = []
    for line in lines:
        page = disclosure.page(line)
        if groups and groups[-1][0] == page:
            groups[-1][1].append(line)
        else:
            groups.append((page, [line]))
    return ", ".join(", ".join(map(str, group)) + (f" (page {page})" if page is not None else "") for page, group in groups)


def decision_rows(disclosure: Disclosure) -> Rows:
    """One row per decided line: the break, the line (and a PDF's page), the project it went to, and why."""
    pages = bool(disclosure.positions) and any(p.page is not None for p in disclosure.positions.values())
    rows = []
    for decision in disclosure.decisions:
        for line, code in sorted(decision.assignment.items()):
            about = [e.text for e in decision.evidence if e.line == line]
            where = [disclosure.page(line) or ""] if pages else []
            rows.append([" ".join(map(str, decision.page_break)), line, *where, code, str(decision.method), " | ".join(about)])
    return Rows(["page_break", "line", *(["page"] if pages else []), "project_code", "method", "evidence"], rows)


def explain_text(disclosure: Disclosure) -> str:
    """Each decision as a paragraph a person can check against the document."""
    names = {p.code: p.name for p in disclosure.projects}
    out = []
    for decision in disclosure.decisions:
        where = f"page break at line {', '.join(map(str, decision.page_break))}" if decision.page_break else "no page break"
        pages = disclosure.pages(decision.lines)
        on = f" on {page_ranges(pages)}" if pages else ""  # a PDF: where to look
        out.append(f"{where}: lines {line_ranges(list(decision.lines))}{on} ({decision.method})")
        for code in dict.fromkeys(decision.assignment.values()):
            lines = [line for line, c in sorted(decision.assignment.items()) if c == code]
            out.append(f"  → {code} {escape_control(names.get(code, ''))}: lines {lines_on_pages(disclosure, lines)}")
        if decision.runner_up is not None:
            out.append(f"  score {decision.score:g}, best other split {decision.runner_up:g} (margin {decision.margin:g})")
        out += [f"  - {escape_control(e.text)}" for e in decision.evidence]
        out.append("")
    return "\n".join(out) if out else "no page-break decisions\n"
