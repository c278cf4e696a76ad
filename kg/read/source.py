"""Stage 1: bytes on disk → lines of text, with the encoding found and a digest for provenance."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ParseError

# Tried in this order when no encoding is forced. UTF-8 first (with or without a BOM), then
# GB18030, the superset of GBK/GB2312 that Chinese government PDFs are most often extracted to.
AUTO_ENCODINGS = ("utf-8-sig", "gb18030")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceText:
    """A decoded disclosure: ``lines[0]`` is line 1, as an editor numbers it."""

    path: str
    lines: tuple[str, ...]
    encoding: str
    sha256: str

    def line(self, number: int) -> str:
        return self.lines[number - 1]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding used)`` or raise a ParseError naming the line."""
    if not data.strip():
        raise ParseError(path, 1, "the file is empty: expected a budget disclosure as text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError(path, _line_of_offset(data, nul), "binary data (a NUL byte): not a text file")
    tried = (encoding,) if encoding else AUTO_ENCODINGS
    first_error: UnicodeDecodeError | None = None
    for candidate in tried:
        try:
            return data.decode(candidate), candidate
        except LookupError as error:
            raise ParseError(path, None, f"unknown encoding {candidate!r}") from error
        except UnicodeDecodeError as error:
            first_error = first_error or error
    assert first_error is not None
    line = _line_of_offset(data, first_error.start)
    names = " or ".join(tried)
    hint = "" if encoding else "; if you know the encoding, name it with --encoding"
    raise ParseError(path, line, f"not valid {names} text (byte 0x{data[first_error.start]:02x}){hint}")


def split_lines(text: str) -> tuple[str, ...]:
    """Split on LF, CRLF or CR alone; a final line break does not start an empty line."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(path, None, f"cannot read the file: {error.strerror or error}") from error
    return source_from_bytes(data, str(path), encoding)


def source_from_bytes(data: bytes, path: str = "<input>", encoding: str | None = None) -> SourceText:
    text, used = decode(data, path, encoding)
    lines = split_lines(text)
    return SourceText(path=path, lines=lines, encoding=used, sha256=text_digest(lines))


def text_digest(lines: Sequence[str]) -> str:
    """The document's identity: SHA-256 of its decoded text with line ends normalised (LF after
    every line), so the same disclosure in UTF-8 or GB18030, with CRLF or LF, is one document."""
    return hashlib.sha256("".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()
