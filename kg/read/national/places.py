"""Where and when a form is from: its region from the place names it prints, its year from its title,
a label or a date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kg.read.values import fold
from kg.records import Reading
from kg.regions import RegionFinding, RegionMethod, regions

_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)$")


@cache
def _region_names() -> list[tuple[str, str, bool]]:
    """(name, code, full) for every region: its full name, and the name without its 省/市/县/区."""
    out = []
    for region in regions().by_code.values():
        if region.name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        out.append((region.name, region.code, True))
        if region.name.endswith("自治州") and len(region.name) > 5:  # 甘孜藏族自治州 is 甘孜州 in everyday use
            out.append((region.name[:2] + "州", region.code, True))
        short = _SUFFIX.sub("", region.name)
        if len(short) >= 2 and short != region.name:
            out.append((short, region.code, False))
    return out


def place_region(texts: Sequence[tuple[int, str]], where: str = "the page") -> RegionFinding | None:
    """The region the page names: the most specific region named (its full name, or its short name
    beside its city's or province's), preferring those whose higher regions are named too."""
    folded = [(line, fold(text)) for line, text in texts]
    fulls = sorted({name for name, _, full in _region_names() if full and any(name in text for _, text in folded)}, key=len, reverse=True)
    named: dict[str, tuple[str, int, bool]] = {}
    for name, code, full in _region_names():
        for line, text in folded:
            if not full:  # a short name inside a longer full name (甘孜 in 甘孜藏族自治州) names nothing of its own
                for longer in fulls:
                    if name in longer and name != longer:
                        text = text.replace(longer, "\0" * len(longer))
            if name in text:
                if code not in named or (full and not named[code][2]):
                    named[code] = (name, line, full)
                break
    table = regions()

    def support(code: str) -> int:
        return sum(1 for r in table.chain(code) if r.code in named)

    fits = [code for code, (name, _, full) in named.items()
            if (full and (len(name) >= 3 or support(code) >= 2)) or (not full and support(code) >= 2)]
    if not fits:
        return None
    level = {"county": 0, "city": 1, "province": 2}
    best = max(support(c) for c in fits)
    top = sorted((c for c in fits if support(c) == best), key=lambda c: (level[str(table.get(c).level)], c))  # type: ignore[union-attr]
    chosen = top[0]
    others = tuple(c for c in top[1:] if level[str(table.get(c).level)] == level[str(table.get(chosen).level)])  # type: ignore[union-attr]
    if others:
        # Places of one higher region named side by side (the seven cities a provincial fund serves):
        # the page is that region's, when it names it in full, not one of its places'.
        shared = [r.code for r in table.chain(chosen)[1:] if all(r.code in {x.code for x in table.chain(c)} for c in others)]
        parent = next((c for c in shared if c in named and named[c][2]), None)
        if parent is not None:
            pname, pline, _ = named[parent]
            places = "、".join(named[c][0] for c in (chosen, *others))
            return RegionFinding(parent, RegionMethod.DEPARTMENT_NAME, f"{where} names {len(others) + 1} places of {table.full_name(parent)} "
                                 f"({places}) and {pname} itself (line {pline}): read as {table.full_name(parent)}", ())
    name, line, _ = named[chosen]
    evidence = f"{where} names {name} (line {line}): {table.full_name(chosen)}"
    if others:
        evidence += "; it fits " + "、".join(f"{c} {table.full_name(c)}" for c in others) + " as well: give --region to choose"
    return RegionFinding(chosen, RegionMethod.DEPARTMENT_NAME, evidence, others)


def short_places(unit_name: str) -> list[str]:
    """The two-character county (攸县, 嵩县) a unit's name begins with, as '攸县 (430223 湖南省株洲市攸县)': too
    short to be taken for the page's region without its city or province named, and worth saying so."""
    table = regions()
    folded = fold(unit_name).strip()
    return list(dict.fromkeys(f"{name} ({code} {table.full_name(code)})" for name, code, full in _region_names()
                              if full and len(name) == 2 and name.endswith("县") and folded.startswith(name)))


_YEAR_PRINTED = re.compile(r"[(（]\s*(20\d{2})\s*年度?\s*[)）]")


# 年度：2024, 预算年度：2024年; 项目年度 | 2024 (a cell of its own beside the label, as a workbook or a page prints it)
_YEAR_LABEL = re.compile(r"(?<![上下本前去今明])(?<!立项)(?<!开始)(?<!结束)(?<!起始)(?<!完成)(?<!实施)(?<!截止)(?<!竣工)(?<!开工)(?:预算|项目|绩效)?年度(?:\s*[:：]\s*(20\d{2})(?!\d)|[ ]*[\t|][ ]*(20\d{2})(?:年度?)?[ ]*(?=$|[\t|]))")


_YEAR_TITLE = re.compile(r"(20\d{2})\s*年度")


_YEAR_DATE = re.compile(r"(20\d{2})\s*年")


# A year naming what follows it (定西市安定区2020年农村危房改造项目): the year of a project or a report, before a
# date on the page (评价工作组于2021年4月…: when the evaluation was done); not 年底, 年内, 年前, 年末 (dates too)
_YEAR_NAMING = re.compile(r"(20\d{2})\s*年(?![底内前末初中度])(?=[\u4e00-\u9fff])")


_YEAR_AMOUNT = re.compile(r"(20\d{2})\s*年(?:度)?(?:金额|预算金额|资金需求)")  # 资金需求 | 2021年金额: the year the money is for


_FILED = re.compile(r"(?:填报|填表|编制|打印|发布)?日期\W{0,3}$")  # 填报日期：2023年9月26日: when the form was filled in


# A project's period over several years (项目期限 2023年1月至2025年12月): neither end is the budget year (a
# period within one year, 2024年1月-2024年12月, is that year).
_PERIOD_AFTER = re.compile(r"[^至到\-—–~～]{0,8}[至到\-—–~～]\s*(20\d{2})")


_PERIOD_BEFORE = re.compile(r"(20\d{2})[^至到\-—–~～]{0,8}[至到\-—–~～]\s*$")


def _in_a_period(folded: str, match: re.Match[str]) -> bool:
    """Whether a date is an end of a period of several years (2023年1月至2025年12月)."""
    other = _PERIOD_BEFORE.search(folded[: match.start()]) or _PERIOD_AFTER.match(folded, match.end())
    return other is not None and other.group(1) != match.group(1)


def find_year(lines: Sequence[str], header_line: int) -> tuple[int, int, Reading | None] | None:
    """The budget year: ``(2021年度)`` as the form prints it, else ``2019年度`` in the text before the
    table, else a date on the page (``2023年12月前``), each with its line; the last two are readings."""
    head = list(enumerate(lines[:header_line], start=1))
    for number, text in head:
        match = _YEAR_PRINTED.search(fold(text)) or _YEAR_LABEL.search(fold(text))
        if match:
            return int(match.group(1) or match.group(2)), number, None
    for pattern, what in ((_YEAR_TITLE, "the text before the table says"), (_YEAR_AMOUNT, "the amount's column is headed"),
                          (_YEAR_NAMING, "a name on the page says"), (_YEAR_DATE, "a date on the page says")):
        for number, text in list(enumerate(lines, start=1)):
            folded = fold(text)
            # A form's filing date is not its year (a budget is filed the year before).
            match = next((m for m in pattern.finditer(folded) if not _FILED.search(folded[: m.start()])
                          and not (pattern is _YEAR_DATE and _in_a_period(folded, m))), None)
            if match:
                year = int(match.group(1))
                return year, number, Reading(number, "year", f"line {number}: the form prints no (年度); {what} {match.group()!r}: read as budget year {year}")
    return None
