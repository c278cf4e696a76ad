"""Every number a disclosure prints is parsed here, and only here.

The PDF extraction prints amounts as ``1,000.000000`` (thousands separators), ``29. 778000``
(a stray space after the decimal point), ``3,384700`` (a decimal comma, 表03), and sometimes
full-width digits (``９５``). The value is kept exactly as printed: ``Decimal("308.720000")``
keeps its six places, so a consumer can tell the printed precision. Line numbers are quoted as
ranges here too (``333–336, 338``), for the readers' evidence and the reports alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

# Thousands separators are groups of exactly three digits; a comma followed by any other number of
# digits (and no point) is a decimal comma: ``3,384700`` is 3.3847, ``1,000`` is one thousand, and
# ``1,250,400000`` (an amount past a thousand with the same damage: six places, as the tables print
# them) 1250.4; ``1,000,1500`` is two numbers, not one.
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"([+-]?\d+),(\d{1,2}|\d{4,})|([+-]?\d{1,3}(?:,\d{3})+),(\d{6})")
# A space (or several) right after the decimal point, or around a thousands comma; or before either,
# after a digit (29 .778000, 1 ,000.000000: the extraction split the number there).
_SPACE_IN_NUMBER = re.compile(r"(?<=[\d,.])\s+(?=\d)|(?<=\d)\s+(?=[.,]\d)")


def normalise_number_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, stray inner spaces removed, outer ones stripped."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _SPACE_IN_NUMBER.sub("", text)


def parse_decimal(text: str) -> Decimal | None:
    """The number printed in ``text``, or None when the cell does not hold exactly one number."""
    cleaned = normalise_number_text(text)
    if not cleaned:
        return None
    if _PLAIN.fullmatch(cleaned):
        return Decimal(cleaned)
    if _THOUSANDS.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", ""))
    match = _DECIMAL_COMMA.fullmatch(cleaned)
    if match:
        whole, fraction = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return Decimal(f"{whole.replace(',', '')}.{fraction}")
    return None


def sum_present(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the amounts printed; None when none is (a blank cell is no zero)."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def plain(value: Decimal) -> str:
    """A decimal as people write it: no exponent, no trailing fractional zeros (``1000``, ``29.78``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def agrees_at_printed_precision(target: Decimal, amount: Decimal) -> bool:
    """True when ``amount`` rounded to the places ``target`` was printed with equals ``target``.

    A cost target of 365.4 agrees with an amount of 365.4001, and 12.38 with 12.3754.
    """
    places = max(0, -target.as_tuple().exponent) if isinstance(target.as_tuple().exponent, int) else 0
    return amount.quantize(Decimal(1).scaleb(-places)) == target.quantize(Decimal(1).scaleb(-places))


def line_ranges(lines: list[int]) -> str:
    """``[333, 334, 335, 336, 338]`` → ``333–336, 338``: line numbers as a reader or a report quotes them."""
    runs: list[list[int]] = []
    for line in sorted(lines):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
