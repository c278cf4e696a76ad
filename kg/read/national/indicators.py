"""A read row as a kg.records.Indicator: tiers, comparator, value and unit, weight and score, and a
self-evaluation's result, each reading that could be wrong with its evidence (the same reading of
many rows said once, with their lines)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from kg.numbers import parse_decimal, plain
from kg.read.completeness import named_lines
from kg.read.national.header import Header
from kg.read.national.rows import Found, Row, actual_left_blank, assign
from kg.read.national.words import (
    DIRECTION,
    MONTH_DAY,
    NOT_SCORED,
    NUMBER,
    QUANTITATIVE,
    RANGE_NATURE,
    UNIT_ONLY,
    Cell,
    Col,
    label_key,
    tier1_of,
    tier2_of,
    value_shaped,
)
from kg.read.values import (
    CMP,
    COMPARATOR_SYMBOLS,
    COMPARATOR_WORDS,
    SUFFIX_COMPARATORS,
    WORD_COMPARATORS,
    Value,
    fold,
    read_value,
)
from kg.records import (
    QUALITATIVE,
    Indicator,
    IndicatorResult,
    Reading,
    Skipped,
    Warning,
)
from kg.vocab import Tier, tier_vocabulary, unit_of

# A name ending in its unit, bracketed: 项目总成本（万元）, 主推技术到位率（%）.
_UNIT_IN_NAME = re.compile(r"[(（【]\s*([^()（）【】\s]{1,8})\s*[)）】]$")  # 管理人数（人）, 补助标准【元/人·年】


DEFAULT_COMPARATOR = "default comparator"  # the topic of a reading that a value printing no comparator is read as =


def default_comparator_reading(line: int, printed: str, number: Decimal | None = None) -> Reading:
    """That a value printing no comparator (8个, 100%) is read as =: said of many rows, grouped once."""
    return Reading(line, DEFAULT_COMPARATOR, f"line {line}: {printed!r} prints no comparator: read as ={'' if number is None else f' {number}'}")


def _printed_comparator(folded: str) -> str:
    """A 指标性质/指标方向 cell's comparator: a symbol (>= as ≥) or a word (大于等于, 不低于, 等于)."""
    return COMPARATOR_SYMBOLS.get(folded) or dict(WORD_COMPARATORS).get(folded) or folded


# A template's placeholder left in a name (引进亿元以上工业项目(≥**个), 项目总成本(≤**万元)): the bound its value is.
_BOUND_PLACEHOLDER = re.compile(r"[(（]\s*(?P<cmp>≥|≤|>|<|=)\s*[*＊]+")


def _comparator_of_placeholder(row: Row, line: int, printed: str, found: Found) -> str | None:
    """The comparator a value printing none takes from its name's placeholder (≥**%), with a reading; or None."""
    placeholder = _BOUND_PLACEHOLDER.search(fold(row.name.text))
    if placeholder is None:
        return None
    found.readings.append(Reading(line, "comparator", f"line {line}: {printed!r} prints no comparator; the placeholder in its "
                                  f"name {row.name.text.strip()!r} says {placeholder['cmp']}"))
    return placeholder["cmp"]


def _bound_meets(bound: str, at: Decimal, comparator: str, target: Decimal | None) -> bool:
    """Whether an actual printed as a bound (≥ 96, ≤ 30) meets its target whatever figure it stands for: a floor at
    or above a floor target's, a ceiling at or below a ceiling target's."""
    if target is None:
        return False
    if bound in ("≥", ">") and comparator in ("≥", ">"):
        return at > target if comparator == ">" and bound == "≥" else at >= target
    if bound in ("≤", "<") and comparator in ("≤", "<"):
        return at < target if comparator == "<" and bound == "≤" else at <= target
    return False


def _bare_number(text: str) -> bool:
    """A number printed with no unit, comparator or words (15, 36000): a value, a 分值 or a 得分 alike."""
    return NUMBER.match(fold(text).strip()) is not None


def _unitless(text: str) -> bool:
    """A target that is a number with no unit (36000, ≥21000, 不少于3000): its actual may print none either."""
    value = read_value(text)
    return value.value is not None and value.unit is None


_NUMBER_THEN_WORDS = re.compile(r"\s*\d[\d,]*(?:\.\d+)?\s*[\u4e00-\u9fff]")


# What begins with a number and is no count: a date, a year, a month, a time of day, a period (2024年, 3月底, 1-2月, 5年内),
# a building's or a document's number (2号楼主体结构封顶).
_NOT_A_COUNT = rf"(?:\d+\s*号|(?:19|20)\d\d\s*(?:年|[.．/-]\d)|{MONTH_DAY}|\d{{1,2}}\s*[-—~至]\s*\d{{1,2}}\s*月|\d+\s*(?:个)?(?:工作日|日|天|周|月|年|季度|小时|分钟))"


# Words a 备注 prints that bound the target (98.00% | 不低于); not 低于, 超过, 达到, which a self-evaluation's
# 备注 says of its result.
_BOUND_WORDS = frozenset({"不低于", "不少于", "不小于", "大于或等于", "大于等于", "至少", "不高于", "不超过", "不多于", "不大于",
                          "小于或等于", "小于等于", "至多"})


def infer_tier2(row: Row, value: Value) -> tuple[Tier, str]:
    """The 二级 of a row printed without one, by its 一级 and the words of its name and value."""
    vocab = tier_vocabulary()
    name = fold(row.name.text)
    t1 = row.tier1
    if t1 is not None and t1.iri == vocab.cost.iri:
        return vocab.tier2["经济成本指标"], "under 成本指标 the template's 二级 is 经济成本指标"
    if "满意" in name or (t1 is not None and t1.iri == vocab.satisfaction.iri):
        return vocab.tier2["服务对象满意度指标"], "a satisfaction indicator" + (" (满意 in its name)" if "满意" in name else "")
    if t1 is not None and t1.iri == vocab.effect.iri:
        for words, label in (("经济|收入|增收|产值", "经济效益指标"), ("生态|环境|绿化|污染", "生态效益指标"), ("持续|长效|长期", "可持续影响指标")):
            if re.search(words, name):
                return vocab.tier2[label], f"under 效益指标, its name has {re.search(words, name).group()}"  # type: ignore[union-attr]
        return vocab.tier2["社会效益指标"], "under 效益指标, the template's most common 二级"
    if t1 is None and re.search("成本|费用", name) and value.unit and "元" in value.unit:
        return vocab.tier2["经济成本指标"], f"its name has {re.search('成本|费用', name).group()} and its unit is money"  # type: ignore[union-attr]
    timely = re.search("及时|时限|时间|进度|时效|按时|完成时", name)
    if timely:
        return vocab.tier2["时效指标"], f"its name has {timely.group()}"
    if t1 is None and value.value is None:
        return vocab.tier2["社会效益指标"], "a qualitative target with no tier printed"
    if name.endswith("率") or (value.unit or "").strip() in ("%", "％"):
        return vocab.tier2["质量指标"], "a rate" + (" (%)" if value.unit else " (…率)")
    return vocab.tier2["数量指标"], "a count" + (f" ({value.unit})" if value.unit else "")


def read_indicator(row: Row, header: Header, found: Found, weighted: bool = True) -> Indicator | None:
    filled = [c for c in row.cells if c.text]
    at = header.after.index(Col.TARGET) if Col.TARGET in header.after else -1
    if weighted and not row.positional and len(filled) == 1 and at >= 0 and header.after[at + 1: at + 2] == [Col.WEIGHT] and at == 0 \
            and NUMBER.match(fold(filled[0].text).strip()) and Decimal(fold(filled[0].text).strip().replace(",", "")) <= 30:
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: one bare number ({filled[0].text.strip()}) where a value and its "
                                     "权重 stand: the value left blank or the 权重 left out cannot be told apart", True, row.name.text))
        return None
    if row.target_blank:
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: this year's value is blank; the value beside it is the other "
                                     f"column's ({header.columns[[k for k, _ in header.columns].index(Col.PRIOR)][1]}), not its target",
                                     True, row.name.text))
        return None
    # a row read by position keeps its blank last-year cell in its place: only a row of filled cells drops the column
    columns, leftover = assign(row.cells, [c for c in header.after if not (row.prior_blank and not row.positional and c == Col.PRIOR)],
                               row.positional)
    text_col = header.after[-1] if header.after else None
    filled = [c for c in row.cells if c.text]
    if leftover and not row.positional and text_col in (Col.REASON, Col.TEXT) and (said := columns.get(text_col)) is not None \
            and filled.index(leftover[0]) > 0 and filled[filled.index(leftover[0]) - 1] is said \
            and not any(value_shaped(c.text) or tier1_of(c.text) or tier2_of(c.text) for c in leftover):
        # 雨季道路 中断影响清运 under 偏差原因 (words split at spaces): the last column's text has a space in it
        found.readings.append(Reading(said.line, "text", f"line {said.line}: {' '.join(c.text for c in (said, *leftover))!r} after "
                                      f"the row's last column are one {text_col.value} with spaces in it"))
        columns[text_col] = Cell(" ".join(c.text for c in (said, *leftover)), said.line)
        leftover = []
    sign = columns.get(Col.TARGET)
    if sign is not None and leftover and (re.fullmatch(CMP, fold(sign.text).strip()) or fold(sign.text).strip() in COMPARATOR_WORDS) \
            and NUMBER.match(fold(leftover[0].text).strip()):
        # ≥ | 320 | 公里 under one 指标值 heading merged over three cells: one value typed in three
        rest = fold(leftover[1].text).strip() if len(leftover) > 1 else ""
        # its unit (公里), or the rest of a value in words the number begins (2023 | 年12月底前)
        unit = leftover[1:2] if rest and not NUMBER.match(rest) and (UNIT_ONLY.match(rest) or (
            len(rest) <= 10 and re.match(r"[\u4e00-\u9fff]", rest) and not value_shaped(rest))) else []
        parts = [sign, leftover[0], *unit]
        columns[Col.TARGET] = Cell("".join(c.text.strip() for c in parts), sign.line)
        found.readings.append(Reading(sign.line, "value", f"line {sign.line}: {' | '.join(c.text.strip() for c in parts)!r}, the "
                                      "comparator, the number and the unit in cells of their own: one value"))
        leftover = leftover[len(parts) - 1:]
    misplaced = next((c for c in leftover if tier1_of(c.text) is not None or (tier2_of(c.text) is not None and label_key(c.text).endswith("指标"))), None)
    if misplaced is not None and not row.positional:
        # 森林防火能力提升 | 1200 | … | 产出指标 | 数量指标 | …: tiers after what the header calls the name and the
        # value, the row printing columns the header does not name (a project's name and amount): not an indicator
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the tier label {misplaced.text.strip()!r} comes after the "
                                     "cells read as its value: the row prints columns the header does not name; not read", True,
                                     row.name.text))
        return None
    if not row.positional and Col.SCORE in header.after and Col.SCORE not in columns and Col.ACTUAL in columns and Col.WEIGHT in columns \
            and Col.TARGET in columns and not leftover and _bare_number(columns[Col.ACTUAL].text) and _unitless(columns[Col.TARGET].text):
        # 36000 15 12 under 年度指标值 实际完成值 分值 得分: three numbers for four columns, none with a unit — the blank
        # one may be the 实际完成值 as well as the 得分; the target is the first, the rest is not read at a guess
        found.warnings.append(Warning(row.name.line, f"{row.name.text.strip()!r}: after the target {columns[Col.TARGET].text.strip()!r} "
                                      f"only {columns[Col.ACTUAL].text.strip()!r} and {columns[Col.WEIGHT].text.strip()!r}, bare numbers, "
                                      "for 实际完成值, 分值 and 得分: which is blank cannot be told; the result is not read"))
        for col in (Col.ACTUAL, Col.WEIGHT):
            del columns[col]
    if not row.positional and Col.ACTUAL in header.after and Col.ACTUAL not in columns and Col.WEIGHT in columns \
            and actual_left_blank([c for c in row.cells if c.text], [c for c in header.after if c != Col.PRIOR]):
        found.readings.append(Reading(row.name.line, "position", f"line {row.name.line}: after the target only "
                                      f"{columns[Col.WEIGHT].text} and {columns[Col.SCORE].text}, bare numbers: read as 分值 and 得分, "
                                      "the 实际完成值 left blank (a blank cell leaves no text)"))
    target = columns.get(Col.TARGET)
    if target is None:
        grades = columns.get(Col.GRADES)
        target = grades
    if target is None:
        # 指标1:, ……: a template's empty row
        template = re.fullmatch(r"指标\s*\d+\s*[:：]?|[.…·。]{2,}", fold(row.name.text).strip()) is not None
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: no target value where the header puts it"
                                     + (" (an empty row of the template)" if template else ""), not template, row.name.text))
        return None
    if (re.search(r"\*\*", target.text) and not re.search(r"\d", target.text)) or re.fullmatch(r"\s*[.…·。]{2,}\s*", target.text):
        # ≥**%: the template's placeholder left where the target belongs
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the template's placeholder {target.text.strip()!r} where its "
                                     "target belongs: no target printed", True, row.name.text))
        return None
    if re.fullmatch(r"指标\s*\d+\s*[:：]?", fold(row.name.text).strip()):
        found.warnings.append(Warning(row.name.line, f"{row.name.text.strip()!r}, the template's placeholder, names the indicator of "
                                      f"{target.text.strip()!r}: its name was not filled in"))
    nature = columns.get(Col.NATURE)
    value = read_value(target.text)
    value_line = target.line
    if value.note is not None:
        found.readings.append(Reading(target.line, "value", f"line {target.line}: {target.text.strip()!r}: the target is "
                                      f"{value.comparator or '='} {plain(value.value) if value.value is not None else ''}{value.unit or ''}; "
                                      f"the words in brackets after it ({value.note}) are a note, kept in the printed text"))
    dated = re.fullmatch(r"\s*(?:19|20)\d{2}[.．](?:0?[1-9]|1[0-2])\s*", target.text)
    if dated and value.value is not None and row.tier2 is not None and row.tier2.label == "时效指标":
        # 2024.06 under a 时效指标 is a month of a year (a deadline), not the number 2024.06
        found.readings.append(Reading(target.line, "value", f"line {target.line}: {target.text.strip()!r} under 时效指标 read as a "
                                      "year and month (定性), not a number"))
        value = replace(value, value=None, comparator=None, unit=None)
    if value.value is None and UNIT_ONLY.match(fold(target.text).strip()) and not row.positional:
        # 人, %: a unit alone where the value stands — the row's cells do not line up with the header's columns
        # (a value typed with a space beside a 指标属性 column, say): not read at a guess
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the cell under the value's column is a unit alone "
                                     f"({target.text.strip()!r}): the row's cells do not line up with the header; not read", True,
                                     row.name.text))
        return None
    if nature is not None and fold(nature.text).strip() == QUALITATIVE or value.value is None:
        comparator, number = QUALITATIVE, None
        if value.value is None and re.match(rf"\s*(?:{CMP}|{'|'.join(COMPARATOR_WORDS)})\s*\d", fold(target.text)) \
                and not re.search(MONTH_DAY, fold(target.text)):
            # ≥1:1.2, ≥3.5分贝: a bound on a number whose form or unit kg does not read
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} prints a comparator and a number kg cannot read "
                                          "(a range, a ratio, an unknown unit): kept as 定性 text, its bound not queryable"))
        elif value.value is None and re.fullmatch(r"\s*(?:\S*\d[\d,.]*\S*\s+)+\S*\d[\d,.]*\S*\s*", fold(target.text)):
            # 100 95: two indicators typed as two paragraphs of one cell (a Word table), or two values of a row
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} holds several values in one cell (two indicators "
                                          "typed in one row?): kept as 定性 text, not read as a number"))
        elif value.value is None and re.match(r"\s*[?？�]+\s*\d", fold(target.text)):
            # ?9200人: a comparator a mirror's encoding turned into ? (≥, ≤): which it was is not printed
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} begins with an unreadable sign before its number (a "
                                          "comparator lost to the page's encoding?): kept as 定性 text, its number not queryable"))
        elif value.value is None and _NUMBER_THEN_WORDS.match(fold(target.text)) and not re.match(_NOT_A_COUNT, fold(target.text).strip()):
            # 34大项, 100余家: a number before words kg knows as no unit — a count the query cannot compare
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} begins with a number kg reads no unit after: "
                                          "kept as 定性 text, its number not queryable"))
        said = fold(nature.text).strip() if nature is not None else ""
        if said in RANGE_NATURE:
            found.readings.append(Reading(nature.line, "value", f"line {nature.line}: {said} beside {target.text.strip()!r}: a range, "  # type: ignore[union-attr]
                                          "kept as 定性 text (with the unit its 度量单位 cell prints)"))
        elif said not in ("", QUALITATIVE, QUANTITATIVE):
            # 不低于 | 上年水平: a bound on a target in words, which the model keeps only as a number's comparator
            found.readings.append(Reading(nature.line, "comparator", f"line {nature.line}: {nature.text.strip()!r} beside a target "  # type: ignore[union-attr]
                                          f"in words ({target.text.strip()!r}): read as 定性, the bound said here only"))
    else:
        comparator, number = value.comparator, value.value
        if comparator is None and nature is not None and fold(nature.text).strip() in DIRECTION:
            comparator = DIRECTION[fold(nature.text).strip()]
            found.readings.append(Reading(nature.line, "comparator", f"line {nature.line}: 指标方向 {nature.text.strip()!r} read as "
                                          f"{comparator} {number} ({'the higher' if comparator == '≥' else 'the lower'} the better)"))
        elif comparator is None and nature is not None and fold(nature.text).strip() != QUANTITATIVE:
            comparator = _printed_comparator(fold(nature.text).strip())
        elif comparator in ("≥", ">", "≤", "<") and nature is not None and fold(nature.text).strip() in DIRECTION \
                and DIRECTION[fold(nature.text).strip()] != {">": "≥", "<": "≤"}.get(comparator, comparator):
            found.warnings.append(Warning(nature.line, f"指标方向 {nature.text.strip()!r} and the printed sign of {target.text.strip()!r} "
                                          "disagree: the sign is kept"))
        if comparator is None:
            comparator = _comparator_of_placeholder(row, target.line, target.text, found)
        remark = columns.get(Col.TEXT)
        if comparator is None and remark is not None and Col.ACTUAL not in header.after \
                and (fold(remark.text).strip() in ("≥", "≤", ">=", "<=", "≧", "≦") or fold(remark.text).strip() in _BOUND_WORDS):
            # 98.00% | 不低于 under 备注 (a WPS or Excel form putting the direction in a column of its own)
            comparator = _printed_comparator(fold(remark.text).strip())
            found.readings.append(Reading(remark.line, "comparator", f"line {remark.line}: {remark.text.strip()!r} beside "
                                          f"{target.text.strip()!r}, which prints no comparator: read as {comparator} {number}"))
        if comparator is None:
            comparator = "="
            found.readings.append(default_comparator_reading(target.line, target.text, number))
    unit = value.unit if comparator != QUALITATIVE else None
    unit_cell = columns.get(Col.UNIT)
    if unit is None and comparator != QUALITATIVE:  # a number printed without its unit: where else it is
        if unit_cell is not None:
            unit = unit_cell.text
        elif Col.UNIT in header.after:
            pass  # the row leaves its 度量单位 blank
        elif (named := _UNIT_IN_NAME.search(fold(row.name.text))) is not None and unit_of(named.group(1)) is not None \
                and not (named.group(1) == "年" and re.fullmatch(r"(?:19|20)\d\d", fold(target.text).strip())):
            # a unit kg knows: not a placeholder ((≥**人)), an index ((PQI)) or a qualifier ((年度), (本级))
            unit = row.name.text[named.start(1): named.end(1)]
            found.readings.append(Reading(target.line, "unit", f"line {target.line}: {target.text!r} prints no unit; its name "
                                          f"{row.name.text!r} says {unit}"))
        elif header.target_unit is not None:
            unit = header.target_unit
            found.readings.append(Reading(target.line, "unit", f"line {target.line}: {target.text!r} prints no unit; its column's "
                                          f"heading says {header.target_unit}"))
        else:
            # A table with no 度量单位 column printing a row's unit in the cell after its number (280 | 人次):
            # that cell is the unit, not the next column's text.
            after = row.cells[row.cells.index(target) + 1:] if target in row.cells else []
            following = next((c for c in after if c.text), None)
            if following is not None and UNIT_ONLY.match(fold(following.text)) and not NUMBER.match(fold(following.text)) \
                    and re.search(r"[%‰‱A-Za-z\u4e00-\u9fff]", fold(following.text)):  # not a "/" or "-" a form prints in an empty cell
                unit = following.text
                columns = {col: cell for col, cell in columns.items() if cell is not following}
                found.readings.append(Reading(following.line, "unit", f"line {following.line}: {target.text!r} prints no unit; the "
                                              f"cell after it, {following.text!r}, is its unit"))
    tier2 = row.tier2
    if tier2 is None:
        tier2, why = infer_tier2(row, value)
        printed = f" under {row.tier1_printed}" if row.tier1_printed else ""
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: no 二级 printed{printed} for {row.name.text!r}: read as {tier2.label} ({why})"))
    elif row.tier2_printed and label_key(row.tier2_printed) != tier2.label:
        why = "a 一级 label printed in the 二级 place" if row.tier2_from_tier1 else "a variant of the template's label"
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: 二级 {row.tier2_printed!r} read as {tier2.label} ({why})"))
    vocab = tier_vocabulary()
    tier1 = row.tier1 if row.tier1 is not None else vocab.get(tier2.broader) if tier2.broader else None
    if row.tier2_from_tier1 and tier1 is not None and tier2.broader and tier1.iri != tier2.broader:
        # 产出指标 | 成本指标 (an older template's 成本 under 产出): the 二级 is the framework's 经济成本指标, and its
        # 一级 成本指标, as where the 一级 is printed once above it (merged) and 成本指标 reads as a 一级.
        tier1 = vocab.get(tier2.broader)
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: under {row.tier1_printed or tier1}, "
                                      f"{row.tier2_printed!r} is the framework's 一级 {tier1.label if tier1 else ''}"))
    result = None
    actual = columns.get(Col.ACTUAL)
    score = columns.get(Col.SCORE)
    reason = columns.get(Col.REASON)
    if actual is None and Col.ACTUAL in header.after and (score is not None or reason is not None):
        # 实际完成值 left blank, with a 得分 or a 偏差原因 (数据未统计): a result all the same, its actual
        # not printed, so that the score and the reason are not lost with it.
        actual = Cell("", (score or reason).line)  # type: ignore[union-attr]
        found.readings.append(Reading(actual.line, "result", f"line {actual.line}: {row.name.text!r} prints no 实际完成值 but a "
                                      f"{'得分' if score is not None else '偏差原因'}: a result without an actual"))
    if actual is not None:
        got = read_value(actual.text)
        if got.value is not None and got.comparator not in (None, "=") and not _bound_meets(got.comparator, got.value, comparator, number):
            # <95% against ≥95%, 低于10% against 不低于10%: an actual stated as a bound that does not show the target met is
            # no figure to set against it (read as the bound, it counted as met); kept as printed, not compared. (≥95%
            # against ≥95% meets it whatever the figure: kept.)
            found.warnings.append(Warning(actual.line, f"{row.name.text!r}: the actual {actual.text.strip()!r} is a bound "
                                                       f"({got.comparator}), not a figure: kept as printed, not compared with the target"))
            got = replace(got, value=None)
        if got.value is not None and got.unit is None and (unit_cell is None or not unit_cell.text.strip()) \
                and unit in ("%", "％") and number is not None and number > 1 and 0 < got.value <= 1:
            # 0.96 against ≥95%: a fraction (96%) or a figure on another scale; read as 0.96%, it was "missed"
            found.warnings.append(Warning(actual.line, f"{row.name.text!r}: the actual {actual.text.strip()!r} prints no unit "
                                                       f"against a target in % ({target.text.strip()}): a fraction, or a "
                                                       "figure of another scale: kept as printed, not compared"))
            got = replace(got, value=None)
        if got.value is not None and got.unit is None and unit_cell is not None and unit_cell.text.strip():
            got = replace(got, unit=unit_cell.text.strip())  # 126 under 实际完成值, 场 under the row's 度量单位
        result = IndicatorResult(
            value=got.value, value_text=actual.text, line=actual.line,
            score=parse_decimal(fold(score.text).rstrip("分")) if score is not None and not NOT_SCORED.fullmatch(fold(score.text).strip()) else None,
            deviation_reason=reason.text if reason is not None and not NOT_SCORED.fullmatch(fold(reason.text).strip()) else None,
            unit=got.unit,  # (a dash under 偏差原因: none given)
        )
    if leftover and not row.positional:
        found.warnings.append(Warning(row.name.line, f"cells not read after the row of {row.name.text!r}: {' | '.join(c.text for c in leftover)}"))
    cells = tuple(c.text for c in (row.name, *row.cells))
    printed = target.text
    if nature is not None and fold(nature.text).strip() in RANGE_NATURE and unit_cell is not None and unit_cell.text.strip():
        printed = f"{target.text.strip()}{unit_cell.text.strip()}"  # 区间 | 90-95 | %: the range with its unit, 90-95%
    return Indicator(
        tier1=tier1.label if tier1 is not None else "", tier2=tier2.label, name=row.name.text, comparator=comparator,
        value=number, value_text=printed, unit=unit,
        line=row.name.line, cells=cells, result=result, value_line=value_line if value_line != row.name.line else None,
    )


def _weight_and_score(weight: str, score: str) -> tuple[str, str]:
    """A 分值 and its 得分 glued (1010): the split the pattern took if it can be one (the 分值 at most
    100, the 得分 at most the 分值), else the one that can, digits shared evenly first (10 and 10,
    not 101 and 0); as taken when no split can be."""
    def fits(w: str, s: str) -> bool:
        return bool(w) and bool(s) and not (len(s) > 1 and s.startswith("0")) and Decimal(w) <= 100 and Decimal(s) <= Decimal(w)
    if "." in weight + score or fits(weight, score):
        return weight, score
    digits = weight + score
    splits = sorted((abs(2 * n - len(digits)), digits[:n], digits[n:]) for n in range(1, len(digits)) if n <= 3 and len(digits) - n <= 3)
    return next(((w, s) for _, w, s in splits if fits(w, s)), (weight, score))


def glued_indicator(row: Row, match: re.Match[str], printed: str, line: int, header: Header, found: Found,
                     score_widths: Counter[int]) -> Indicator | None:
    groups = match.groupdict()
    target = "td" if groups.get("td") else "t"
    t_start, t_end = match.span(target)
    number_text = printed[t_start:t_end]
    cmp_text = groups.get("cmp")
    unit = printed[match.start("tu"): match.end("tu")] if groups.get("tu") else None
    suffix = groups.get("suf")
    weight = groups.get("w") if "w" in groups else None
    if target == "t" and weight is not None and not unit and not suffix and match.end("t") == match.start("w"):
        digits = groups["t"] + groups["w"]
        width = score_widths.most_common(1)[0][0] if score_widths else None
        if width is not None and len(digits) > width and len(digits[-width:]) > 1 and digits[-width:].startswith("0"):
            # 18605 among scores of 2 digits: 05 is no score as printed (a 5 is printed 5): which split cannot be told
            found.skipped.append(Skipped(line, f"{digits!r}: a target and a score glued; the other rows' scores have {width} digits but "
                                         f"{digits[-width:]!r} is none, and another width cannot be told: not read", True, printed.strip()))
            return None
        if width is None or len(digits) <= width:
            found.skipped.append(Skipped(line, f"{digits!r}: a target and a score glued with nothing between them, and no other row shows the score's width", True, printed.strip()))
            return None
        number_text = printed[t_start: t_start + len(digits) - width]
        found.readings.append(Reading(line, "split", f"line {line}: {digits!r} is a target glued to its score: read as {number_text} and score {digits[-width:]} (the other rows' scores have {width} digits)"))
    name = row.name.text
    if Col.TEXT in header.after[: header.after.index(Col.TARGET)]:
        explained = re.search(r"达到\S{0,4}值$", fold(name))
        if explained:
            name = name[: explained.start()]
    value_end = (match.end("suf") if suffix else match.end("tu") if unit else t_start + len(number_text))
    value_start = match.start("cmp") if cmp_text else t_start
    value_text = printed[value_start:value_end]
    comparator = (COMPARATOR_SYMBOLS.get(cmp_text) or dict(WORD_COMPARATORS).get(cmp_text, cmp_text)) if cmp_text else (SUFFIX_COMPARATORS[suffix] if suffix else None)
    if target == "td":
        comparator = QUALITATIVE  # a date, as read_value reads it in a cell of its own
    elif comparator is None:
        comparator = _comparator_of_placeholder(row, line, value_text, found)
        if comparator is None:
            comparator = "="
            found.readings.append(default_comparator_reading(line, value_text))
    tier2 = row.tier2
    value = Value(comparator, None if target == "td" else parse_decimal(number_text), value_text, unit)
    if tier2 is None:
        tier2, why = infer_tier2(replace(row, name=Cell(name, line)), value)
        found.readings.append(Reading(line, "tier", f"line {line}: no 二级 printed for {name!r}: read as {tier2.label} ({why})"))
    elif row.tier2_printed and label_key(row.tier2_printed) != tier2.label:
        found.readings.append(Reading(line, "tier", f"line {line}: 二级 {row.tier2_printed!r} read as {tier2.label} (a variant of the template's label)"))
    tier1 = row.tier1 if row.tier1 is not None else tier_vocabulary().get(tier2.broader) if tier2.broader else None
    result = None
    score = groups.get("s")
    if score and groups.get("w"):
        weight, score = _weight_and_score(groups["w"], score)
        if weight != groups["w"]:
            found.readings.append(Reading(line, "split", f"line {line}: {groups['w'] + groups['s']!r} is a 分值 glued to its 得分: read as "
                                          f"{weight} and {score} (a 分值 is at most 100 and a 得分 at most its 分值)"))
    if groups.get("aw") is not None or groups.get("ad") is not None:
        words = "aw" if groups.get("aw") is not None else "ad"
        result = IndicatorResult(value=None, value_text=printed[match.start(words): match.end(words)], line=line,
                                 score=parse_decimal(score) if score else None, unit=None)
    elif groups.get("a") is not None:
        a_start, a_end = match.span("a")
        a_unit_end = match.end("au") if groups.get("au") else a_end
        result = IndicatorResult(
            value=parse_decimal(groups["a"]), value_text=printed[a_start:a_unit_end], line=line,
            score=parse_decimal(score) if score else None,
            unit=printed[match.start("au"): match.end("au")] if groups.get("au") else None,
        )
    return Indicator(tier1.label if tier1 else "", tier2.label, name, comparator, value.value, value_text, unit, line,
                     (printed[match.start(): match.end()],), result)


def grouped_readings(readings: list[Reading]) -> list[Reading]:
    """The same reading of many rows said once, with their lines (no comparator printed; the same
    variant of a tier label)."""
    def lines_of(rs: list[Reading]) -> str:
        return named_lines(sorted({r.line for r in rs if r.line is not None}), 12)

    groups: dict[tuple[str, str], list[Reading]] = {}
    for r in readings:
        text = _NO_COMPARATOR if r.topic == DEFAULT_COMPARATOR else re.sub(r"^line \d+: ", "", r.text)
        groups.setdefault((r.topic, text), []).append(r)
    return [Reading(rs[0].line, topic, f"{lines_of(rs)}: {text}") if len(rs) > 1 or topic == DEFAULT_COMPARATOR else rs[0]
            for (topic, text), rs in groups.items()]


_NO_COMPARATOR = "the value prints no comparator (such as 8个, 100%): read as ="
