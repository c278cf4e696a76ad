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
