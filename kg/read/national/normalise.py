"""The text made readable before the table is looked for: a mirror's pinyin readings removed,
characters spread over a cell joined, a header's headings wrapped onto the line below joined."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.read.completeness import named_lines
from kg.read.national.words import (
    HEADER_CELL,
    PINYIN,
    PINYIN_MINIMUM,
    header_kinds,
    label_key,
    split_cells,
)
from kg.records import Reading, Warning

_PINYIN_LOST = re.compile(r"(?<=\?)[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")  # ???jī): its character and '(' lost


_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def pinyin_readings(lines: Sequence[str]) -> tuple[int, int]:
    """(pinyin readings after a character, readings whose character and '(' were lost to ???) that a
    doc-sharing mirror printed inside the words (績(jī)效指標(biāo)); (0, 0) unless there are at least
    PINYIN_MINIMUM of them and most carry a tone mark (so that ``长度(m)`` is never taken for one)."""
    found = [m.group() for text in lines for m in PINYIN.finditer(text)]
    if len(found) < PINYIN_MINIMUM or sum(1 for f in found if _TONE.search(f)) * 2 < len(found):
        return 0, 0
    return len(found), sum(len(_PINYIN_LOST.findall(text)) for text in lines)


def strip_pinyin(text: str) -> str:
    return _PINYIN_LOST.sub("", PINYIN.sub("", text))


def _header_wrapped_below(lines: list[str]) -> list[Reading]:
    """A header of PDF text whose headings wrap in their narrow columns, the ends on the next line
    (年度指标 实际完成 … 偏差原因分析 / 值 值 及改进措施): the ends are joined to the headings they complete, in
    order, and their line left empty (in place), with a reading. Only where every end completes one."""
    readings: list[Reading] = []
    for n in range(len(lines) - 1):
        if "|" in lines[n] or "\t" in lines[n]:
            continue
        cells = split_cells(lines[n])
        if sum(1 for c in cells if HEADER_CELL.fullmatch(label_key(c))) < 3:
            continue
        ends = split_cells(lines[n + 1])
        if not ends or len(ends) > len(cells) or any(len(e) > 6 or HEADER_CELL.fullmatch(label_key(e)) and len(e) > 2 for e in ends):
            continue
        joined, at = list(cells), 0
        for end in ends:
            # the next heading this end completes: one cut short, or a whole one it lengthens (偏差原因分析 + 及改进措施)
            at = next((k for k in range(at, len(cells)) if HEADER_CELL.fullmatch(label_key(cells[k] + end))
                       and label_key(cells[k] + end) not in (label_key(c) for c in cells) and (not HEADER_CELL.fullmatch(label_key(cells[k]))
                       or len(header_kinds(label_key(cells[k] + end))) == 1)), -1)
            if at < 0:
                break
            joined[at] = cells[at] + end
            at += 1
        if at < 0 or any(not HEADER_CELL.fullmatch(label_key(c)) for c in joined):
            continue
        readings.append(Reading(n + 1, "header", f"lines {n + 1}–{n + 2}: the headings' ends printed on the line below "
                                f"({' '.join(ends)}) are read as part of the headings above: {' '.join(joined)}"))
        lines[n], lines[n + 1] = " ".join(joined), ""
    return readings


# Characters spread over a cell's width one space apart (项 目 名 称, a PDF's 分散对齐), not cells (two or more
# spaces apart, or tabs and pipes).
_SPREAD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff])+(?![\u4e00-\u9fff])")


# Two characters spread over a cell that are one word (产 出 / 指 标): a tier's or a label's halves.
_SPREAD_PAIRS = frozenset({"产出", "效益", "成本", "指标", "质量", "数量", "时效", "社会", "生态", "经济", "满意", "项目", "单位", "金额",
                           "年度", "目标", "名称", "部门", "资金", "预算", "其中", "其他"})


def _spread_characters(lines: list[str]) -> list[Reading]:
    """A PDF whose labels and tiers are spread over their cells' width (项 目 名 称, 产 出 / 指 标): their
    characters joined, in place, with a reading, where at least three lines print such runs (a text of
    cells one space apart prints none)."""
    def joined(match: re.Match[str]) -> str:
        word = match.group().replace(" ", "")
        return word if len(word) >= 3 or word in _SPREAD_PAIRS else match.group()  # 个 是: two cells (a unit, 是否核心指标)

    spread = [n for n, text in enumerate(lines) if "|" not in text and "\t" not in text
              and any(joined(m) != m.group() for m in _SPREAD.finditer(text))]
    if len(spread) < 3:
        return []
    for n in spread:
        lines[n] = _SPREAD.sub(joined, lines[n])
    return [Reading(spread[0] + 1, "text", f"{named_lines([n + 1 for n in spread], 8)}: characters printed one space apart (项 目 名 称) "
                    "are read as one word each")]


def normalised_lines(lines: Sequence[str]) -> tuple[list[str], list[Reading], list[Warning]]:
    """The lines as read: a mirror's pinyin readings removed (a recorded normalisation of the source,
    counted, with an example and its line), else the lines as printed; characters spread over a cell
    joined; a header's headings wrapped onto the line below joined."""
    count, lost = pinyin_readings(lines)
    if not count:
        joined = list(lines)
        return joined, [*_spread_characters(joined), *_header_wrapped_below(joined)], []
    changed = [n for n, text in enumerate(lines, start=1) if strip_pinyin(text) != text]
    first = changed[0]
    example = PINYIN.search(lines[first - 1])
    shown = lines[first - 1][max(0, example.start() - 2): example.end() + 4] if example else ""  # type: ignore[union-attr]
    said = (f"{count} pinyin readings printed inside the words by a doc-sharing mirror (line {first}: {shown!r}) are removed before "
            f"reading" + (f", and {lost} whose character and '(' the mirror lost to '???' ('???jī)')" if lost else "")
            + "; names and values are the text without them")
    shown_lines = ", ".join(map(str, changed[:8])) + (f" and {len(changed) - 8} more" if len(changed) > 8 else "")
    stripped = [strip_pinyin(t) for t in lines]
    return (stripped, [Reading(first, "pinyin", f"lines {shown_lines}: {said}"), *_header_wrapped_below(stripped)],
            [Warning(first, f"the text is normalised: {count + lost} pinyin readings removed (see the readings)")])
