"""What `kg parse` prints: the counts, and the page-break decisions with their evidence."""

from __future__ import annotations

from kg.output import Rows, escape_control
from kg.records import Disclosure


def count_rows(disclosure: Disclosure) -> Rows:
    return Rows(["what", "count"], [[name, value] for name, value in disclosure.counts().items()])


def line_ranges(lines: list[int]) -> str:
    """``[333, 334, 335, 336, 338]`` → ``333–336, 338``."""
    runs: list[list[int]] = []
    for line in sorted(lines):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def decision_rows(disclosure: Disclosure) -> Rows:
    """One row per decided line: the break, the line, the project it went to, and why."""
    rows = []
    for decision in disclosure.decisions:
        for line, code in sorted(decision.assignment.items()):
            about = [e.text for e in decision.evidence if e.line == line]
            rows.append([" ".join(map(str, decision.page_break)), line, code, str(decision.method), " | ".join(about)])
    return Rows(["page_break", "line", "project_code", "method", "evidence"], rows)


def explain_text(disclosure: Disclosure) -> str:
    """Each decision as a paragraph a person can check against the document."""
    names = {p.code: p.name for p in disclosure.projects}
    out = []
    for decision in disclosure.decisions:
        where = f"page break at line {', '.join(map(str, decision.page_break))}" if decision.page_break else "no page break"
        out.append(f"{where}: lines {line_ranges(list(decision.lines))} ({decision.method})")
        for code in dict.fromkeys(decision.assignment.values()):
            lines = [line for line, c in sorted(decision.assignment.items()) if c == code]
            out.append(f"  → {code} {escape_control(names.get(code, ''))}: lines {', '.join(map(str, lines))}")
        if decision.runner_up is not None:
            out.append(f"  score {decision.score:g}, best other split {decision.runner_up:g} (margin {decision.margin:g})")
        out += [f"  - {escape_control(e.text)}" for e in decision.evidence]
        out.append("")
    return "\n".join(out) if out else "no page-break decisions\n"
