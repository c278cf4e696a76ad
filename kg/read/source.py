"""Stage 1: bytes on disk → lines of text, with the encoding found and a digest for provenance."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ParseError
from kg.read.delimited import delimited_lines, delimiter_of
from kg.read.pdf import extract_pdf
from kg.read.spreadsheet import is_workbook, workbook_lines
from kg.read.webpage import MHTML, declared_encoding, html_part, page_kind, page_lines
from kg.read.wordfile import is_word_document, word_lines

# Tried in this order when no encoding is forced. UTF-8 first (with or without a BOM), then
# GB18030, the superset of GBK/GB2312 that Chinese government PDFs are most often extracted to.
AUTO_ENCODINGS = ("utf-8-sig", "gb18030")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceText:
    """A decoded disclosure: ``lines[0]`` is line 1, as an editor numbers it."""

    path: str
    lines: tuple[str, ...]
    encoding: str  # "pdf" for lines read from a PDF's tables
    sha256: str
    layout: Any = None  # a PDF's kg.read.pdf.PdfLayout: the page and row of each line, its merged cells
    cut: str | None = None  # why the file ends before its content does (a saved page cut inside a table)
    notes: tuple[str, ...] = ()  # what the file's form says that the reader should hear (said as warnings at its last line)
    unterminated: bool = False  # text whose last line has no line break after it (a copy may have been cut there)

    def line(self, number: int) -> str:
        return self.lines[number - 1]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding used)`` or raise a ParseError naming the line."""
    if not data.strip():
        raise ParseError(path, 1, "the file is empty: expected a budget disclosure as text")
    if data.startswith(b"\x1f\x8b"):
        raise ParseError(path, None, "a gzip-compressed file: decompress it (gunzip) and read that")
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
    if first_error.encoding.startswith("utf-8") and first_error.reason == "unexpected end of data":
        # UTF-8 to its last bytes, which begin a character they do not finish: the file was cut.
        cut = " ".join(f"0x{b:02x}" for b in data[first_error.start:])
        raise ParseError(path, line, f"the file ends inside a UTF-8 character ({cut}): truncated")
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
    """Text, or a PDF, a Word document, a workbook, a saved web page or a CSV file (each told by its
    content, not its name), as the lines the readers take."""
    data, encoding = _from_utf16(data, path, encoding)
    source = _document_source(data, path, encoding)
    if source is not None:
        return source
    text, used = decode(data, path, encoding)
    text = unify_ideographs(text)
    source = _csv_source(text, path, used)
    if source is not None:
        return source
    lines = split_lines(text)
    return SourceText(path=path, lines=lines, encoding=used, sha256=text_digest(lines), unterminated=not text.endswith(("\n", "\r")))


def _document_source(data: bytes, path: str, encoding: str | None) -> SourceText | None:
    """A file that is no plain text, read into lines by its kind's reader; None for plain text. The one
    place the kinds are told apart, for `kg parse` and `kg extract` alike (a CSV, which is text, is told
    once decoded: :func:`_csv_source`)."""
    if data.lstrip()[:5] == b"{\\rtf":
        raise ParseError(path, None, "an RTF document: kg reads .docx; save it as .docx (or PDF) and read that")
    if is_pdf(data):
        return pdf_source(data, path)
    if is_word_document(data):  # .docx (a zip holding word/document.xml), read by its paragraphs and tables
        return word_source(data, path)
    if is_workbook(data):  # .xlsx (zip) or .xls (OLE2), read by its cells into the same lines
        return workbook_source(data, path)
    if page_kind(data) is not None:  # a saved web page (.html, .mhtml), read by its tables into the same lines
        return page_source(data, path, encoding)
    return None


# The Symbol font's signs a target may be typed in (its code → the Unicode sign), as Word's Insert ›
# Symbol and old WPS files store them: U+F000 plus the code.
_SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0x3E: ">", 0x3C: "<", 0x3D: "=", 0xB9: "≠", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xBB: "≈", 0xB0: "°"}


def _from_utf16(data: bytes, path: str, encoding: str | None) -> tuple[bytes, str | None]:
    """A text or page saved as UTF-16 with its byte order mark (Notepad's "Unicode", some exports), as
    UTF-8 bytes, so that it is told apart and read like any other; other bytes as they are."""
    if encoding is not None and not encoding.lower().replace("-", "").startswith("utf16"):
        return data, encoding
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data, encoding
    try:
        return data.decode("utf-16").encode("utf-8"), "utf-8"  # (a page's charset=utf-16 then says nothing more)
    except UnicodeDecodeError as error:
        raise ParseError(path, None, f"not valid UTF-16 text (its byte order mark says so) at byte {error.start}") from error


@cache
def _ideograph_table() -> dict[int, str]:
    """Kangxi radicals (U+2F00–U+2FDF), CJK radicals supplement (U+2E80–U+2EFF) and CJK
    compatibility ideographs → the unified ideograph each stands for; and the signs of the Symbol
    font, which Word and WPS files and some PDFs carry in the private use area (U+F0B3 for ≥)."""
    ranges = (range(0x2E80, 0x2F00), range(0x2F00, 0x2FE0), range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))
    table = {0xF000 + code: sign for code, sign in _SYMBOL_FONT.items()}
    for block in ranges:
        for point in block:
            char = chr(point)
            unified = unicodedata.normalize("NFKC", char)
            if unified != char and len(unified) == 1 and "CJK UNIFIED IDEOGRAPH" in unicodedata.name(unified, ""):
                table[point] = unified
    return table


def unify_ideographs(text: str) -> str:
    """``⾦额`` → ``金额``: fonts embedded as Type 3 and some PDF producers map CJK glyphs to
    Kangxi radicals or compatibility ideographs, which look the same but match nothing; and U+F0B3 →
    ``≥``, the Symbol font's sign as Word files carry it. Only those are mapped: full NFKC would also
    rewrite the full-width punctuation （）：， the readers rely on."""
    if text.isascii():
        return text
    return text.translate(_ideograph_table())


def text_digest(lines: Sequence[str]) -> str:
    """The document's identity: SHA-256 of its decoded text with line ends normalised (LF after
    every line), so the same disclosure in UTF-8 or GB18030, with CRLF or LF, is one document."""
    return hashlib.sha256("".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()


# ---- PDFs: told by their content, read by kg.read.pdf ----------------------------------------------

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: the %PDF- header, which the format allows within the first 1024 bytes."""
    return PDF_MAGIC in data[:1024]


def pdf_source(data: bytes, path: str = "<input>") -> SourceText:
    """A PDF as the lines the readers take: the tables as tab-separated text (kg.read.pdf), the
    document identified by the digest of that text, so a PDF and `kg extract`'s output of it are
    one document; ``layout`` keeps each line's page and row and the merged cells."""
    extract = extract_pdf(data, path)
    lines = tuple(unify_ideographs(line) for line in extract.lines)
    return SourceText(path=path, lines=lines, encoding="pdf", sha256=text_digest(lines), layout=extract.layout, notes=extract.layout.notes)


def workbook_source(data: bytes, path: str = "<input>") -> SourceText:
    """A workbook (.xlsx, .xls) as the lines the readers take (kg.read.spreadsheet): one row a line,
    cells by tab, a merged cell's text on its first row, numbers as their format shows them; the
    document identified by the digest of those lines, as a PDF is; ``layout`` (a WorkbookLayout)
    keeps each line's sheet and row."""
    lines, layout = workbook_lines(data, path)
    lines = tuple(unify_ideographs(line) for line in lines)
    return SourceText(path=path, lines=lines, encoding=layout.kind, sha256=text_digest(lines), layout=layout, notes=layout.notes)


def word_source(data: bytes, path: str = "<input>") -> SourceText:
    """A Word document (.docx) as the lines the readers take (kg.read.wordfile): a paragraph a line,
    a table's rows a line each with cells by tab and merged cells as a workbook's; identified by the
    digest of those lines; ``layout`` keeps each line's table and row, or paragraph."""
    lines, layout = word_lines(data, path)
    lines = tuple(unify_ideographs(line) for line in lines)
    return SourceText(path=path, lines=lines, encoding=layout.kind, sha256=text_digest(lines), layout=layout)


def page_source(data: bytes, path: str = "<input>", encoding: str | None = None) -> SourceText:
    """A saved web page (.html, or the page inside a browser's .mhtml) as the lines the readers take
    (kg.read.webpage): text blocks a line each, a table's rows a line each with cells by tab; decoded
    by the encoding given, else a BOM's or its <meta>'s (a wrong declaration, as pages have one,
    falls back to UTF-8 or GB18030 like text); ``layout`` keeps the HTML line of each line."""
    kind = page_kind(data)
    charset = None
    if kind == MHTML:
        data, charset = html_part(data, path)  # the part's header's charset, a declaration like a <meta>'s
    declared = declared_encoding(data, charset)
    if encoding is None and not data.startswith(b"\xef\xbb\xbf") and declared is not None and declared != "utf-8":
        # Valid UTF-8 with Chinese in it is UTF-8 whatever the page declares (a page re-saved keeps its old
        # <meta>; GB18030 would decode the same bytes, wrongly); else the declaration, else the text's rule.
        try:
            markup = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                markup = data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                markup = decode(data, path)[0]
    else:
        markup = decode(data, path, encoding)[0]
    lines, layout = page_lines(unify_ideographs(markup), kind or "html", path)
    cut = "the page ends inside a table (its </table> is missing): cut off, its last row may be incomplete" if layout.cut else None
    return SourceText(path=path, lines=lines, encoding=layout.kind, sha256=text_digest(lines), layout=layout, cut=cut)


def _csv_source(text: str, path: str, encoding: str) -> SourceText | None:
    """A CSV file's decoded text (kg.read.delimited) as the lines the readers take: a record a line,
    cells by tab; identified by the digest of those lines, as a workbook is; ``layout`` keeps the line
    of the file each record starts at. None for text that is no CSV."""
    delimiter = delimiter_of(text)
    if delimiter is None:
        return None
    lines, layout = delimited_lines(text, path, delimiter)
    cut = "the CSV file ends inside its last record (no line break after it, fewer cells than the record before): cut off, its last row may be incomplete" \
        if layout.cut else None
    # (every writer ends a record with a line break: without one, the last record may be cut inside its last cell)
    notes = ("the CSV file has no line break after its last record: if it was cut off there, that row's last cell may be "
             "incomplete",) if not layout.cut and not text.endswith(("\n", "\r")) and len(lines) > 1 else ()
    return SourceText(path=path, lines=lines, encoding=encoding, sha256=text_digest(lines), layout=layout, cut=cut, notes=notes)


def extract_text(item: str | Path | bytes, path: str = "<stdin>") -> str:
    """`kg extract`: a PDF's tables (or a workbook's sheets, a Word document's or a web page's tables) as the text the text path reads, one row
    a line, cells by tab, a blank line at each page break; the lines every record of the document
    names. ``item`` is a file or the bytes read from standard input."""
    if isinstance(item, bytes):
        data = item
    else:
        path = str(item)
        try:
            data = Path(item).read_bytes()
        except OSError as error:
            raise ParseError(path, None, f"cannot read the file: {error.strerror or error}") from error
    data, encoding = _from_utf16(data, path, None)
    source = _document_source(data, path, encoding)
    if source is None:
        text, used = decode(data, path, encoding)
        source = _csv_source(unify_ideographs(text), path, used)
    if source is None:
        raise ParseError(path, None, "neither a PDF, a workbook, a Word document, a web page nor a CSV file: kg extract reads those; "
                                     "kg reads a text file as it is")
    return "".join(line + "\n" for line in source.lines)
