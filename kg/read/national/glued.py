"""The ``glued`` shape: no separator at all, rows found by the shape of their values (``>=2个0个0%``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.read.national.header import Header
from kg.read.national.rows import Found, Row, Tiers, strip_tiers
from kg.read.national.words import (
    ACTUAL_WORDS,
    MONTH_DAY,
    Cell,
    Col,
    is_stop,
    page_mark,
    tier2_of,
    tier_labels,
)
from kg.read.values import CMP, UNIT_CHARS, WORD_COMPARATORS, fold
from kg.records import Skipped

_GLUED_WORD_CMP = "|".join(word for word, _ in WORD_COMPARATORS if word != "达到")


_DATE = rf"\d{{4}}年{MONTH_DAY}"


_GLUED_COL = {
    Col.TARGET: rf"(?:(?:{CMP})?(?P<td>{_DATE})|(?P<cmp>{CMP}|{_GLUED_WORD_CMP})?(?P<t>\d+(?:\.\d+)?)(?P<tu>%|‰|[{UNIT_CHARS}/*·]{{1,6}}?)?(?P<suf>及以上|及以下|以上|以下|以内)?)",
    # An actual in words (已完成, 达到): a few fixed words, so that a name's own words are not taken for one.
    Col.ACTUAL: rf"(?:(?P<a>\d+(?:\.\d+)?)(?P<au>%|‰|[{UNIT_CHARS}/*·]{{1,6}}?)?|(?P<ad>{_DATE})|(?P<aw>{ACTUAL_WORDS}))",
    Col.RATE: r"(?P<r>\d+(?:\.\d+)?%)",
    # A 分值 or 得分 is at most 100: 158260平方米 after ≥8000平方米 is 15 and 8260平方米, not 158 and 260.
    Col.WEIGHT: r"(?P<w>100|\d{1,2}(?:\.\d+)?)",
    Col.SCORE: r"(?P<s>100|\d{1,2}(?:\.\d+)?)",
}


_OTHER_TIER = re.compile(r"^[\u4e00-\u9fff]{2,4}指标")


_NAME = r"(?P<name>[^,，。;；:：!！?？]{1,60}?)"


def _glued_pattern(after: Sequence[Col], whole_line: bool) -> re.Pattern[str] | None:
    parts = []
    if any(after.count(col) > 1 for col in _GLUED_COL):
        return None  # a header naming a value column twice: no row shape to read glued values by
    for col in after:
        if col in _GLUED_COL:
            parts.append(_GLUED_COL[col])
        elif col == Col.GRADES:
            return None
    if Col.TARGET not in after:
        return None
    return re.compile(_NAME + "".join(parts) + ("$" if whole_line else ""))


def glued_rows(lines: Sequence[str], header: Header, found_rows: Found) -> list[tuple[Row, re.Match[str], str, int]]:
    """Rows without separators: each line after the header (and the rest of the header's line) is
    read as rows whose values end them (``…数量>=2个0个0%``)."""
    tiers = Tiers()
    out: list[tuple[Row, re.Match[str], str, int]] = []
    segments: list[tuple[int, str, int]] = []
    if header.rest.strip():
        segments.append((header.end_line, header.rest, header.rest_offset))
    segments += [(n, lines[n - 1], 0) for n in range(header.end_line + 1, len(lines) + 1) if lines[n - 1].strip()]
    for number, printed, offset in segments:
        whole = offset == 0
        pattern = _glued_pattern(header.after, whole_line=whole)
        if pattern is None:
            found_rows.skipped.append(Skipped(number, "glued values under a header kg has no row shape for (优/良/中/差 grades, or a column "
                                              "named twice): kg cannot tell the cells apart", True, printed.strip()))
            continue
        folded = fold(printed)
        at = 0
        if whole and is_stop(printed):
            break
        if whole and (page := page_mark(number, printed)) is not None:
            found_rows.skipped.append(page)
            continue
        read_any = False
        while at < len(folded):
            start = at + strip_tiers(folded[at:], tiers, printed[at:])
            rest = folded[start:]
            if whole and _OTHER_TIER.match(rest) and tier2_of(_OTHER_TIER.match(rest).group()) is None:  # type: ignore[union-attr]
                label = _OTHER_TIER.match(rest).group()  # type: ignore[union-attr]
                found_rows.skipped.append(Skipped(number, f"{label} is not a tier of the national framework and the row prints no target value: not an indicator", False, printed.strip()))
                at = len(folded)
                read_any = True
                break
            match = pattern.match(folded, start)
            if match is None:
                break
            groups = match.groupdict()
            bare_target = groups.get("t") and not (groups.get("tu") or groups.get("suf"))
            if (bare_target and groups.get("a") and match.end("t") == match.start("a")) \
                    or (groups.get("a") and not groups.get("au") and groups.get("r") and match.end("a") == match.start("r")):
                # …明顯提升明顯提升100% (one number cut into a target 1, an actual 0 and a rate 0%), 數量28次35125%
                # (35 | 125% or 351 | 25%?): digits glued with nothing between them, nothing tells where one ends
                found_rows.skipped.append(Skipped(number, f"{printed[match.start(): match.end()]!r}: digits glued with nothing between "
                                                  f"them ({', '.join(groups[g] for g in ('t', 'a', 'r') if groups.get(g))}): its target, actual and rate "
                                                  "cannot be told apart", True, printed.strip()))
                at = match.end()
                read_any = True
                continue
            name = Cell(printed[match.start("name"): match.end("name")].strip(), number)
            out.append((tiers.row(name, []), match, printed, number))
            read_any = True
            at = match.end()
        remainder = folded[at:].strip()
        if whole and remainder and not read_any:
            if is_stop(printed) or not re.search(r"\d", remainder):
                break
            found_rows.skipped.append(Skipped(number, "a row of no known shape: no target value found where the header's columns put it", True, printed.strip()))
        elif remainder and any(remainder.startswith(label) for label in tier_labels()):
            found_rows.skipped.append(Skipped(number, f"a row kg cannot read after the last one read: {printed[at:at + 30]!r}…", True, printed.strip()))
    return out
