"""A page's number printed between a table's rows: the one rule every reader of text uses."""

from __future__ import annotations

import re
import unicodedata

# 第2页, 第2页 共3页, 共3页 第2页, - 2 -, Page 2 of 3 (spaces removed): a page's number, not a row.
PAGE_MARK = re.compile(r"第\d+页(?:[,，]?共\d+页)?|共\d+页[,，]?第\d+页|[-—–－~]\d+[-—–－~]|page\d+(?:of\d+)?", re.IGNORECASE)


def is_page_mark(text: str, *, bare_number: bool = False) -> bool:
    """Whether a line is only a page's number. A bare 23 counts only where asked (a table of tab-separated
    rows, where no value stands on a line of its own); in a form's text it may be a value wrapped onto
    its line."""
    compact = re.sub(r"[\s|]", "", unicodedata.normalize("NFKC", text))
    return bool(PAGE_MARK.fullmatch(compact) or (bare_number and re.fullmatch(r"\d{1,3}", compact)))


# A page's furniture besides its number (spaces removed): a page count (1/2), a print time, a date and time.
_FURNITURE = re.compile(r"\d+/\d+|打印(?:时间|日期).*|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?")


def is_page_furniture(text: str) -> bool:
    """Whether a line is a page's header or footer by its words: it holds a page's number (打印时间：… 第1页)
    or is a page count, a print time or a date and time."""
    compact = re.sub(r"[\s|]", "", unicodedata.normalize("NFKC", text))
    return bool(PAGE_MARK.search(compact) or _FURNITURE.fullmatch(compact))
