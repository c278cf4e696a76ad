"""Indicator rows, shared by 表12 and 表13: tiers, comparator, target value and unit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.numbers import parse_decimal
from kg.read.values import (
    COMPARATOR_SYMBOLS,
    SUFFIX_COMPARATORS,
    comparator_of_word,
    fold,
    read_value,
)
from kg.records import COMPARATORS, QUALITATIVE, Indicator
from kg.vocab import Tier, tier_vocabulary


class RowShapeError(ValueError):
    """The cells do not have the shape of an indicator row; the message says what is wrong."""


def normalise_comparator(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", text).strip()  # (＞, ＝ as > and =)
    text = COMPARATOR_SYMBOLS.get(text, text)
    return text if text in COMPARATORS else None


@dataclass(frozen=True)
class TierMatch:
    tier1: Tier
    tier2: Tier


def match_tier_cells(tier1_text: str, tier2_text: str) -> TierMatch | None:
    """The tiers of a 一级 and a 二级 cell; a 二级 printed without its 指标 (数量, 社会效益) is the 一级's own
    二级 of that name (the caller says so where it reads one)."""
    vocab = tier_vocabulary()
    tier1 = vocab.tier1.get(tier1_text)
    tier2 = vocab.tier2.get(tier2_text)
    if tier1 is not None and tier2 is None and tier2_text and not tier2_text.endswith("指标"):
        tier2 = vocab.tier2.get(tier2_text + "指标")
        if tier2 is not None and tier2.broader != tier1.iri:
            tier2 = None
    if tier1 is None or tier2 is None:
        return None
    return TierMatch(tier1, tier2)


def split_glued_tiers(text: str) -> tuple[TierMatch, str] | None:
    """表13 glues the tiers into one cell: ``产出指标数量指标辖区党支部数量``.

    Split by the vocabulary, not by position: the longest 一级 label that starts the cell, then
    the longest 二级 label that follows it; the rest is the 三级 name.
    """
    vocab = tier_vocabulary()
    for label1 in sorted(vocab.tier1, key=len, reverse=True):
        if not text.startswith(label1):
            continue
        rest = text[len(label1) :]
        for label2 in sorted(vocab.tier2, key=len, reverse=True):
            if rest.startswith(label2):
                match = match_tier_cells(label1, label2)
                assert match is not None
                return match, rest[len(label2) :].strip()
        return None
    return None


# %以上, 人次及以上, 小时以内, 及以上 alone: a unit cell ending in a bound's word (kg.read.values's)
_UNIT_BOUND = re.compile(r"(\S*?)\s*(" + "|".join(sorted(SUFFIX_COMPARATORS, key=len, reverse=True)) + ")")
_STRICT = {"≥": ">", "≤": "<"}  # a bound in words agrees with its comparator, or with the strict one


def parse_target(
    tier1: str, tier2: str, name: str, comparator_text: str, rest: tuple[str, ...], line: int, cells: tuple[str, ...]
) -> Indicator:
    """The indicator from its tier labels, name, comparator cell and the cells after it.

    Quantitative rows are ``value, unit``; a 定性 row's text sits either right after 定性 or one
    cell further to the right (the extraction shifts it), and has no unit.
    """
    comparator = normalise_comparator(comparator_text) or comparator_of_word(comparator_text)  # ≥, or 不低于
    if comparator is None:
        raise RowShapeError(f"{comparator_text!r} is not a comparator (≥ ≤ = > < 定性)")
    if not name:
        raise RowShapeError("the 三级 indicator name is empty")
    filled = [(i, c) for i, c in enumerate(rest) if c]
    if comparator == QUALITATIVE:
        if len(filled) != 1 or filled[0][0] > 1:
            raise RowShapeError(f"a 定性 target needs one text cell after 定性, found {len(filled)}")
        return Indicator(tier1, tier2, name, comparator, None, filled[0][1], None, line, cells)
    if not filled or filled[0][0] != 0:
        raise RowShapeError("a quantitative target has no value right after its comparator")
    if len(filled) > 2 or (len(filled) == 2 and filled[1][0] != 1):
        raise RowShapeError("unexpected cells after the target's value and unit")
    value_text = filled[0][1]
    unit = filled[1][1] if len(filled) == 2 else None
    if unit is not None and (bound := _UNIT_BOUND.fullmatch(unit)) is not None:
        # ≥ | 90 | %以上: the unit cell repeats the bound in words, which must agree with the comparator cell
        said = SUFFIX_COMPARATORS[bound.group(2)]
        if comparator not in (said, _STRICT[said]):
            raise RowShapeError(f"the unit cell {unit!r} says {bound.group(2)}, its comparator cell {comparator}")
        unit = bound.group(1) or None
    value = parse_decimal(value_text)
    if value is None:
        # The value printed with its unit or bound (3000人次, 95%以上, a percentage a spreadsheet formats): read
        # as other forms are, where what it prints agrees with the comparator and unit cells beside it.
        printed = read_value(value_text)
        if printed.value is None:
            raise RowShapeError(f"the target value {value_text!r} is not a number")
        if printed.comparator is not None and printed.comparator != comparator:
            raise RowShapeError(f"the target value {value_text!r} says {printed.comparator}, its comparator cell {comparator}")
        if printed.unit is not None and unit is not None and fold(printed.unit) != fold(unit):
            raise RowShapeError(f"the target value {value_text!r} prints the unit {printed.unit}, its unit cell {unit}")
        value, unit = printed.value, unit or printed.unit
    return Indicator(tier1, tier2, name, comparator, value, value_text, unit, line, cells)


# Spaces the extraction put into names; kept between two Latin letters or digits only.
_INNER_SPACE = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """Remove the spaces the extraction inserted: ``民生家园建设 经费`` → ``民生家园建设经费``, ``20 26年`` →
    ``2026年``; a space between Latin words stays."""

    def keep_latin(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin and not (before.isdigit() and after.isdigit()) else ""  # 20 26年: one number, wrapped

    return _INNER_SPACE.sub(keep_latin, text.strip())
