"""A target's printed value — its comparator, number and unit — and the folding every reader matches
labels in (NFKC and Simplified characters, position for position): one home for both, so that 表12's
reader and the other provinces' forms read ``≥95%``, ``不低于90``, ``3000人次`` and ``95%以上`` alike."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from kg.numbers import parse_decimal
from kg.vocab import simplified

# ---- folding: matching in Simplified, NFKC form, position for position ------------------------------


# Invisible format characters a copy or an export leaves inside cells (zero-width space, joiners,
# direction marks and overrides, the word joiner, a BOM inside the text, a soft hyphen): they split a
# value (≤\u200b2650元) from what it matches and print nothing. Folded to a space, which every pattern
# allows where they stand; the printed text keeps them (and is escaped wherever shown).
_FORMAT_CHARACTERS = {point: " " for point in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF, 0x00AD)}


def fold(text: str) -> str:
    """``text`` in NFKC and Simplified characters, of the same length, so that a match in the folded
    text is the same span of the printed one (names are kept as printed, matched folded)."""
    chars = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        chars.append(n if len(n) == 1 else ch)
    nfkc = "".join(chars).translate(_FORMAT_CHARACTERS)
    simple = simplified(nfkc)
    if len(simple) == len(nfkc):
        return simple
    return "".join(c if len(c := simplified(ch)) == 1 else ch for ch in nfkc)


# ---- values: comparator, number, unit -----------------------------------------------------------

CMP = r"(?:>=|<=|=>|=<|≥|≤|≧|≦|>|<|=)"
COMPARATOR_SYMBOLS = {">=": "≥", "=>": "≥", "≧": "≥", "<=": "≤", "=<": "≤", "≦": "≤"}
WORD_COMPARATORS = (("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("大于或等于", "≥"), ("大于等于", "≥"), ("至少", "≥"),
                    ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"), ("不大于", "≤"), ("小于或等于", "≤"), ("小于等于", "≤"),
                    ("至多", "≤"), ("大于", ">"), ("高于", ">"), ("超过", ">"), ("小于", "<"), ("低于", "<"), ("达到", "≥"),
                    ("等于", "="))
COMPARATOR_WORDS = frozenset(word for word, _ in WORD_COMPARATORS)
SUFFIX_COMPARATORS = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤", "内": "≤"}
UNIT_CHARS = ("个人次户元万亿千百十米平方公里吨天月年日周期间批门项所家座条套台辆册本份篇场课时分件张处名位倍度比株亩头只盏块栋床小工作²³㎡㎞"
              "起例钟斤克立季学班宗眼口顷瓦升秒轮届站根盒包袋箱瓶支片枚幅部趟遍级层岗顿桶罐粒剂微毫笔生μµ"
              "村乡镇社区县市校车羽艘棵尾幢对企业卷画页集节段架兆版单组票堂种类馆")  # 个村, 车次, 家企业, 万卷, 万画幅, 页, 集, 兆瓦, 种, 类, 万元/馆
# A unit with its alternative in brackets: 万头（只）, 台（套）, 人（次）, 个县（市、区）.
_UNIT_WITH_ALTERNATIVE = rf"[{UNIT_CHARS}]{{1,4}}[(（][{UNIT_CHARS}、]{{1,6}}[)）]"
# [23]: m², km³ as NFKC folds them; 大类, 大项 and …/半年 spelled out, as 大 and 半 alone are no unit's (1年半, 2个半月, 1大半)
# 万元/每项目, 元/每人: a denominator spelled with 每 (Beijing's 表12 prints 万元/每项目 in its own cell; a form
# glues it to the number).
_UNIT_RE = rf"(?:%|‰|‱|大[类项]|[{UNIT_CHARS}]{{1,3}}/半年|[{UNIT_CHARS}]{{1,3}}/每(?:项目|[{UNIT_CHARS}]{{1,3}})|[{UNIT_CHARS}A-Za-z/*·.]{{1,8}}[23]?)"
# A 度量单位 cell: a unit, with its alternative in brackets (台（套）), or 个百分点.
MEASURE_UNIT_CELL = rf"(?:{_UNIT_WITH_ALTERNATIVE}|{_UNIT_RE}|个?百分点)"
_VALUE_PATTERN = re.compile(rf"^(?P<cmp>{CMP})?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?:(?P<unit>{_UNIT_WITH_ALTERNATIVE}|个?百分点|个?等级?|{_UNIT_RE})|[(（](?P<bracketed>{_UNIT_RE})[)）])?\s*"
                            r"(?P<suf>及以上|及以下|以上|以下|以内|内)?$")
# Printed beside a value and meaning nothing more: "（含）" (inclusive, which ≥ already says), a
# closing full stop or semicolon.
_INCLUSIVE = re.compile(r"[(（]\s*含\s*[)）]")
_TRAILING_PUNCTUATION = re.compile(r"[;；。,，、]+$")


# A note in brackets after a whole value (≥95%（全年平均）, ≥90% (第三方测评)): words only, no digit, no unit of its own.
_NOTE_AFTER = re.compile(r"(?<![/／])\s*[(（](?P<note>[^()（）\d/／·*]{2,20})[)）]$")  # not a unit's denominator (元/（人·月）)


@dataclass(frozen=True)
class Value:
    comparator: str | None  # None: a number printed without one
    value: Decimal | None  # None: qualitative
    text: str  # as printed
    unit: str | None  # as printed
    note: str | None = None  # words in brackets after the value and its unit, kept in the printed text only


def read_value(text: str) -> Value:
    """A target or actual cell: ``≥95%``, ``>=530元/人*月``, ``95%以上``, ``8个``, ``100``; any other text
    is qualitative (``显著改善``, ``2021年全年``, ``12月底到位``)."""
    printed = text.strip()
    as_folded = fold(printed)
    folded = _TRAILING_PUNCTUATION.sub("", _INCLUSIVE.sub("", as_folded)).strip()
    if (bracketed := re.fullmatch(r"【\s*(.*?)\s*】", folded)) is not None:
        folded = bracketed.group(1)  # 【≥62%】: a template's brackets around the value
    printed_clean = printed if folded == as_folded else folded  # the unit is read where the positions are
    body, word_cmp = folded, None
    for word, symbol in WORD_COMPARATORS:
        if body.startswith(word):
            body, word_cmp = body[len(word):], symbol
            break
    currency = re.match(r"[¥￥]\s*", body)  # ¥2,460,000.00, as a spreadsheet's currency format shows it: 元
    if currency:
        body = body[currency.end():]
    offset = len(folded) - len(body)
    match = _VALUE_PATTERN.match(body)
    note = None
    if match is None and (after := _NOTE_AFTER.search(body)) is not None:
        before = _VALUE_PATTERN.match(body[: after.start()])
        # a value with its unit, then the note; not a rate's base (≥1次（每年）, 2元（人均）: the unit would change)
        if before is not None and (before["unit"] or before["bracketed"]) and not re.match(r"\s*(?:每|人均|户均|年均|月均|日均)", after["note"]):
            match, note = before, after["note"].strip()
    if match is None:
        return Value(None, None, printed, None)
    number = parse_decimal(match["num"])
    if number is None:
        return Value(None, None, printed, None)
    if re.fullmatch(r"(?:19|20)\d\d", match["num"]) and (match["unit"] or "").startswith("年"):
        # 2024年 (项目完成年度), 2024年度, ≤2024年以内, 2023年内: a year, a date, not a number of years
        return Value(None, None, printed, None)
    if re.match(r"[/／]\d", match["unit"] or ""):
        return Value(None, None, printed, None)  # 1/3, 2/3: a fraction, no number kg reads (its "unit" no unit)
    comparator = word_cmp or (COMPARATOR_SYMBOLS.get(match["cmp"], match["cmp"]) if match["cmp"] else None)
    if match["suf"]:
        comparator = comparator or SUFFIX_COMPARATORS[match["suf"]]
    group = "unit" if match["unit"] else "bracketed" if match["bracketed"] else None
    unit = printed_clean[offset + match.start(group): offset + match.end(group)] if group else None
    if currency and unit is None:
        unit = currency.group().strip()
    return Value(comparator, number, printed, unit, note)


def comparator_of_word(text: str) -> str | None:
    """The symbol a comparator printed as a word means (不低于 ≥, 不高于 ≤, 等于 =), or None."""
    return dict(WORD_COMPARATORS).get(fold(text).strip())
