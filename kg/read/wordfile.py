"""Stage 1 for Word documents: a .docx → the lines the text path reads.

Departments publish their 绩效目标表 as Word attachments as often as PDFs. A .docx is read into
the lines a copy of it gives (kg.read.cells): each paragraph outside tables a line (its tabs kept,
its line breaks new lines), each table a row a line with its cells by tab, a merged cell
(``w:gridSpan`` across, ``w:vMerge`` down) on its first row and column with its other places blank,
a table inside a cell read as a table of its own after the text before it. Deleted revisions,
hidden text (``w:vanish``) and field codes are not what the document shows, so they are not read.

Each line keeps where it is in the document (kg.records.Position): its table and row, or for text
outside tables its paragraph. The XML is read with the standard library (the parts are small; its
parser refuses entity expansion bombs).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from kg.errors import ParseError
from kg.read.cells import cell_text, line_of_cells, span
from kg.records import Position

_TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_W = "{" + _TRANSITIONAL.decode() + "}"
_DOCUMENT = "word/document.xml"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Inside a paragraph, what is no text of it: revisions deleted, field codes, properties, and objects
# floating over it (drawings, text boxes, OLE objects; mc:AlternateContent holds a text box twice).
_NOT_TEXT = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}pPr", f"{_W}rPr", f"{_W}tbl",
                       f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{_MC}AlternateContent"})
_MAX_DOCUMENT = 256 * 1024 * 1024  # a zip bomb's document part is refused before it is unpacked


@dataclass(frozen=True)
class WordLayout:
    """A Word document's SourceText.layout: where each line came from. ``origins[0]`` is line 1's
    (table, row) for a table row, or (None, paragraph) for text outside tables."""

    origins: tuple[tuple[int | None, int], ...]
    kind: str = "docx"

    def places(self) -> dict[int, Position]:
        """Line → its table and row, or its paragraph (kg.records.Position), for the Disclosure's ``positions``."""
        return {line: (Position(table=table, row=at) if table is not None else Position(paragraph=at))
                for line, (table, at) in enumerate(self.origins, start=1)}


def is_word_document(data: bytes) -> bool:
    """A .docx by its content: a zip archive holding word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return _DOCUMENT in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return False


def word_lines(data: bytes, path: str = "<input>") -> tuple[tuple[str, ...], WordLayout]:
    """A .docx's bytes → the lines the text readers read and where each came from.

    Raises ParseError naming the file for a damaged document or one with no text."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if archive.getinfo(_DOCUMENT).file_size > _MAX_DOCUMENT:
            raise ParseError(path, None, f"the Word document's text unpacks to {archive.getinfo(_DOCUMENT).file_size:,} bytes "
                                         f"(more than {_MAX_DOCUMENT:,}): not read")
        # ISO 29500 Strict names the same elements in another namespace: read as the common (transitional) one
        root = ElementTree.fromstring(archive.read(_DOCUMENT).replace(_STRICT, _TRANSITIONAL))
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError, ElementTree.ParseError, zlib.error) as error:
        raise ParseError(path, None, f"a damaged .docx document: {type(error).__name__}: {error}") from error
    except (NotImplementedError, RuntimeError) as error:  # a compression method zipfile lacks, an encrypted entry
        raise ParseError(path, None, f"a .docx document kg cannot unpack: {error}") from error
    body = root.find(f"{_W}body")
    reader = _Reader()
    if body is not None:
        try:
            reader.blocks(body)
        except RecursionError as error:  # content controls or tables nested beyond any document's need
            raise ParseError(path, None, "the Word document nests its tables or content controls too deep to read") from error
    if not reader.lines:
        raise ParseError(path, None, "the Word document shows no text")
    return tuple(reader.lines), WordLayout(tuple(reader.places))


class _Reader:
    """Walks the body in order: a line a paragraph, a line a table row."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[tuple[int | None, int]] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: ElementTree.Element) -> None:
        for child in parent:
            if child.tag == f"{_W}p":
                self.paragraphs += 1
                for text in _paragraph_text(child).split("\n"):
                    if text.strip():
                        self.lines.append(text.strip(" "))
                        self.places.append((None, self.paragraphs))
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
                self.blocks(child)  # content controls and inserted revisions hold blocks

    def table(self, table: ElementTree.Element) -> None:
        """A table a row a line: each cell in its grid columns (gridBefore, gridSpan), a vMerge
        continuation blank; a table inside a cell read after this one's row, as a table of its own."""
        self.tables += 1
        number = self.tables
        inner: list[ElementTree.Element] = []
        for at, row in enumerate(_rows(table), start=1):
            cells: list[str] = []
            properties = row.find(f"{_W}trPr")
            if properties is not None and (before := properties.find(f"{_W}gridBefore")) is not None:
                cells += [""] * span(before.get(f"{_W}val"), default=0, minimum=0)
            for cell in _cells(row):
                width = 1
                merged = False
                cell_properties = cell.find(f"{_W}tcPr")
                if cell_properties is not None:
                    if (grid := cell_properties.find(f"{_W}gridSpan")) is not None:
                        width = span(grid.get(f"{_W}val"))
                    vmerge = cell_properties.find(f"{_W}vMerge")
                    merged = vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart"
                texts = []
                for block in cell:
                    if block.tag == f"{_W}p":
                        texts.append(_paragraph_text(block))
                    elif block.tag == f"{_W}tbl":
                        inner.append(block)
                    elif block.tag in (f"{_W}sdt", f"{_W}customXml"):
                        texts += [_paragraph_text(p) for p in block.iter(f"{_W}p")]
                cells.append("" if merged else cell_text("\n".join(texts)))
                cells += [""] * (width - 1)
            line = line_of_cells(cells)
            if line.strip():
                self.lines.append(line)
                self.places.append((number, at))
            for nested in inner:
                self.table(nested)
            inner = []


_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")  # content controls and custom XML around rows or cells


def _children(parent: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """``parent``'s children of ``tag`` (w:tr of a table, w:tc of a row), those inside wrappers too."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _rows(table: ElementTree.Element) -> Iterator[ElementTree.Element]:
    return _children(table, f"{_W}tr")


def _cells(row: ElementTree.Element) -> Iterator[ElementTree.Element]:
    return _children(row, f"{_W}tc")


def _hidden(run: ElementTree.Element) -> bool:
    """A run that is no text of the form: hidden (``w:vanish``), or struck through (``w:strike``,
    ``w:dstrike``: an old value left beside its correction, 400 struck before 420); ``w:val="0"`` or
    ``false`` turns each off."""
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    for tag in ("vanish", "strike", "dstrike"):
        flag = properties.find(f"{_W}{tag}")
        if flag is not None and flag.get(f"{_W}val", "true").lower() not in ("0", "false", "off"):
            return True
    return False


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """A paragraph's shown text: its runs' text, tabs, breaks and symbols; not deleted revisions,
    hidden runs, field codes, or text boxes and drawings floating over it (a stamp's 单位盖章 is
    no part of the cell; Word also stores each text box twice, for old readers)."""
    out: list[str] = []

    def walk(element: ElementTree.Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _NOT_TEXT:
                continue
            if tag == f"{_W}r" and _hidden(child):
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}sym":  # Insert › Symbol: a character of a symbol font (F0B3, ≥ in Symbol: kg.read.source maps it)
                code = child.get(f"{_W}char", "")
                if re.fullmatch(r"[0-9A-Fa-f]{1,5}", code) and not 0xD800 <= int(code, 16) <= 0xDFFF and int(code, 16) <= 0x10FFFF:
                    out.append(chr(int(code, 16)))
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(out)


__all__ = ["WordLayout", "is_word_document", "word_lines"]
