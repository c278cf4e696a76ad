"""Just enough of a SPARQL lexer to find the keywords of an operation that would fetch from the
network (SERVICE, LOAD), and how deep its groups nest: comments, strings and IRIs are blanked
first, so a keyword or bracket inside one of them (``"SERVICE"``, ``<urn:service>``, ``# {``)
does not count."""

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


# Oxigraph's parser recurses once a level: 5,000 nested braces (10 KB of query) overflow a query
# worker's stack and end the process. No real query comes near: the library's deepest
# (province-figures) nests 24.
MAX_NESTING = 256


def nesting(code: str) -> int:
    """How deep the parser recurses for ``code`` (see code_only): its braces, parentheses and
    brackets, and a run of unary operators (!!!!x, - - -x), which nest as deep."""
    depth = deepest = 0
    for ch in code:
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth -= 1
    unary = max((len(re.sub(r"\s", "", run)) for run in re.findall(r"[!+\-^][!+\-^\s]*", code)), default=0)
    return max(deepest, unary)


def refused_operation(text: str, update: bool) -> str | None:
    """Why the query or update must not run here (it would fetch from the network, or nests too
    deep for the parser), or None."""
    code = code_only(text)
    for keyword in ("SERVICE", "LOAD") if update else ("SERVICE",):
        if re.search(rf"(?<![\w?$:.\-]){keyword}(?![\w:\-])", code, re.IGNORECASE):
            return _FORBIDDEN[keyword]
    depth = nesting(code)
    if depth > MAX_NESTING:
        return f"the query nests {depth} levels deep (braces, parentheses, brackets, unary operators); this server reads up to {MAX_NESTING}"
    return None


__all__ = ["MAX_NESTING", "code_only", "nesting", "refused_operation"]
