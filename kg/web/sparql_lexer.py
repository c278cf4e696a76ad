"""Just enough of a SPARQL lexer to find the keywords of an operation that would fetch from the
network (SERVICE, LOAD): comments, strings and IRIs are blanked first, so a keyword inside one of
them (``"SERVICE"``, ``<urn:service>``, ``# LOAD``) does not count."""

from __future__ import annotations

import re

_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_FORBIDDEN = {
    "SERVICE": "federated queries (SERVICE) are not allowed: this server fetches nothing from the network",
    "LOAD": "LOAD is not allowed: this server fetches nothing from the network",
}


def code_only(text: str) -> str:
    """The SPARQL text with comments, strings and IRIs blanked, so keywords can be looked for."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            out.append(" ")
            continue
        if ch in "\"'":
            delimiter = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(delimiter)
            while j < n and not text.startswith(delimiter, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(delimiter)
            out.append(" ")
            continue
        if ch == "<":
            match = _IRIREF.match(text, i)
            if match:
                i = match.end()
                out.append(" ")
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def refused_operation(text: str, update: bool) -> str | None:
    """Why the query or update must not run here (it would fetch from the network), or None."""
    code = code_only(text)
    for keyword in ("SERVICE", "LOAD") if update else ("SERVICE",):
        if re.search(rf"(?<![\w?$:.\-]){keyword}(?![\w:\-])", code, re.IGNORECASE):
            return _FORBIDDEN[keyword]
    return None


__all__ = ["code_only", "refused_operation"]
