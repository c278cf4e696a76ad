"""Stage 3 for PDFs: the text path's reading of a PDF's extract, with 预算表12's page breaks
settled by the PDF's geometry (kg.read.pdf's merged project cells) where it can tell."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.errors import OverrideError
from kg.read.overrides import load_overrides
from kg.read.pdf import MergedCell, PdfLayout
from kg.read.source import SourceText
from kg.read.text import parse_source
from kg.records import Decision, DecisionMethod, Disclosure, Given, Notice, RowEvidence


def parse_pdf_source(
    source: SourceText, *, overrides: str | Path | dict[int, str] | None = None, region: str | None = None,
    given: Given = Given(),
) -> Disclosure:
    """Read a PDF's extract as the text path does, then let geometry settle 预算表12's page breaks.

    Where the merged 项目名称 cells say which project a row is in and the text path chose another,
    the row is reassigned (an override file still wins); every page-break decision the text path
    made is given the geometry's evidence, so `--explain` shows why."""
    layout = source.layout
    assert isinstance(layout, PdfLayout)
    origin = ""
    assigned: dict[int, str] = {}  # the override file's rows and projects
    if isinstance(overrides, (str, Path)):
        origin, assigned = str(overrides), load_overrides(overrides)
    elif overrides:
        assigned = dict(overrides)
    first = parse_source(source, overrides=overrides, region=region, given=given)
    owners = {line: cell for line, cell in layout.owners().items() if cell.code}
    text_owner = {line: p.code for p in first.projects for line in p.lines}
    forced: dict[int, str] = {
        line: cell.code for line, cell in owners.items()
        if cell.code and line in text_owner and text_owner[line] != cell.code and line not in assigned
    }
    disclosure = first
    if forced:
        try:
            disclosure = parse_source(source, overrides={**forced, **assigned}, region=region, given=given)
        except OverrideError:
            disclosure, forced = first, {}  # geometry named a row the text path does not read as a 表12 row
    decisions = tuple(_with_geometry(d, owners, forced, assigned, origin) for d in disclosure.decisions)
    # The text's scores found little evidence for a decision the ruling lines settle row by row: no doubt is left to report.
    settled = {d.lines[0] for d in disclosure.decisions if all(line in owners for line in d.lines)}
    warnings = tuple(w for w in disclosure.warnings if not (w.line in settled and w.kind is Notice.WEAK_PAGE_BREAK))
    return replace(disclosure, decisions=decisions, warnings=warnings, positions=layout.positions())  # every line's page and row


def _geometry_sentence(line: int, cell: MergedCell) -> str:
    pages = cell.pages
    where = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"
    crossing = f" ({'; '.join(cell.crossings)})" if cell.crossings else ""
    return f"the PDF draws line {line} inside the merged 项目名称 cell of {cell.code} ({where}){crossing}"


def _with_geometry(decision: Decision, owners: dict[int, MergedCell], forced: dict[int, str], given: dict[int, str], origin: str) -> Decision:
    """A decision with the PDF's evidence: each row the geometry places says where; rows the
    geometry moved say the text alone had pointed elsewhere; the user's overrides stay as they are."""
    evidence = []
    changed = False
    for row in decision.evidence:
        cell = owners.get(row.line)
        if row.line in given:
            if origin and row.method == DecisionMethod.OVERRIDE and "override file " in row.text and origin not in row.text:
                row = replace(row, text=row.text.replace("override file ", f"override file {origin}", 1))
            evidence.append(row)
            continue
        if row.line in forced and row.method == DecisionMethod.OVERRIDE:
            continue  # the text path's note for a row kg itself reassigned from the geometry
        if cell is None or cell.code is None:
            evidence.append(row)
            continue
        changed = True
        sentence = _geometry_sentence(row.line, cell)
        if row.line in forced:
            evidence.append(RowEvidence(row.line, DecisionMethod.AUTOMATIC, f"line {row.line} → {cell.code}: {sentence}; the text alone had pointed elsewhere"))
        else:
            evidence.append(RowEvidence(row.line, DecisionMethod.AUTOMATIC, f"{row.text}; {sentence}"))
    if not changed:
        return decision
    method = DecisionMethod.OVERRIDE if any(line in given for line in decision.assignment) else DecisionMethod.AUTOMATIC
    return replace(decision, evidence=tuple(evidence), method=method)
