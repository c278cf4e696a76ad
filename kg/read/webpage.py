"""Stage 1 for saved web pages: an .html page (or a browser's single-file .mhtml) → the lines the
text path reads.

Provinces publish their 绩效目标表 as web pages; what a user holds is the page saved from the
browser. The page is read into the lines a copy of it gives (kg.read.cells): the text outside
tables a line a block (a paragraph, a heading, a line break), each data table a row a line with its
cells by tab, a merged cell (colspan, rowspan) on its first row and column with its other places
blank. A table that holds other tables is the page's layout, not data: its cells are read as
blocks and the tables inside them as tables. Scripts, styles, forms' option lists, elements
hidden with ``display:none`` and deleted revisions (<del>, struck text) are not what the page
shows, so they are not read. A page whose file ends inside a table (its </table> missing: a
download cut off) says so, for the document to be read as cut.

The text readers then read those lines, so a page gives the records its copied text gives, and
its identity is the digest of those lines. Each line keeps the line of the HTML where its row or
text starts (kg.records.Position), so a record can be found in the page's source.

The parser is the standard library's html.parser with the end tags a page may leave out (</td>,
</tr>, </p>, </li>) closed as browsers close them.
"""

from __future__ import annotations

import bisect
import email
import email.policy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from kg.errors import ParseError
from kg.read.cells import cell_text, line_of_cells, span
from kg.records import Position

HTML, MHTML = "html", "mhtml"

_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>/]", re.IGNORECASE | re.DOTALL)
# A fragment of a page saved as it is (<table>…, <div>…): a page only where most lines hold markup, as a
# text copied with a tag left on its first line (<p>附件2</p>, then rows of tabs) does not.
_FRAGMENT_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:title|table|div|p|script|link|style|base)[\s>/]", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"<[/!]?[a-zA-Z][^<>]*>")
_MARKED_SECTION = re.compile(r"<!\[[^\]<>]*\]>")
_MHTML_START = re.compile(rb"\s*(?:(?:[\w-]+:|[ \t])[^\n]*\n)*?mime-version:", re.IGNORECASE)  # headers, folded ones too
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
# Pages declare the older Chinese encodings; GB18030 decodes all of them.
_LATIN = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"}
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030", "x-euc-cn", "csgb2312"}

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
# What the page does not show as text.
# del, s, strike: text a tracked change deleted (a Word page keeps it, struck through), not the form's.
_UNSHOWN = frozenset({"head", "script", "style", "noscript", "template", "select", "textarea", "object", "svg", "iframe", "button",
                      "del", "s", "strike"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "ul", "caption", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "body", "html",
})
# A start tag that closes an open <p> (as browsers do).
_CLOSES_P = _BLOCKS - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "li", "dd", "dt"}
_SECTIONS = ("thead", "tbody", "tfoot")
# Not there (display:none: a cell so styled takes no column), or there but its text not shown or struck
# through (visibility:hidden; an old value left beside its correction: <span style="text-decoration:
# line-through">80</span>89元): a cell so styled keeps its place, blank.
_REMOVED = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_INVISIBLE = re.compile(r"visibility\s*:\s*hidden|text-decoration(?:-line)?\s*:[^;]*line-through", re.IGNORECASE)
# A page's own stylesheet hiding a class (``.hide{display:none}``): the one CSS rule read, as such
# elements (drafts, internal numbers, print-only copies) are common and the page does not show them.
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CLASS_SELECTOR = re.compile(r"^\s*(?:[a-z0-9]*)\.([\w-]+)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f]+")  # the whitespace HTML collapses (not NBSP, not U+3000)
_MAX_COLUMNS = 5000  # a row wider is no form (hostile colspans would make lines of millions of tabs)
_MAX_DEPTH = 200  # nesting kept (the walk over elements recurses; 10,000 unclosed <div>s must not overflow it)


@dataclass(frozen=True)
class PageLayout:
    """A web page's SourceText.layout: ``lines[0]`` (line 1) starts at HTML line ``html_lines[0]``."""

    kind: str  # html or mhtml
    html_lines: tuple[int, ...]
    cut: bool = False  # the file ends inside a table: what follows its last line is missing

    def places(self) -> dict[int, Position]:
        """Line → the line of the HTML it starts at (kg.records.Position), for the Disclosure's ``positions``."""
        return {line: Position(line=at) for line, at in enumerate(self.html_lines, start=1)}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Element | _Text] = field(default_factory=list)


@dataclass
class _Text:
    text: str
    line: int


# ---- entry points ------------------------------------------------------------------------------


def page_kind(data: bytes) -> str | None:
    """``html`` or ``mhtml`` when ``data`` starts like a saved web page, else None."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _MHTML_START.match(head) and re.search(rb"multipart/related", head, re.IGNORECASE):
        return MHTML
    if _HTML_START.match(head):
        return HTML
    if _FRAGMENT_START.match(head):
        lines = [line for line in data[:65536].splitlines()[:200] if line.strip()]
        if sum(1 for line in lines if _TAG.search(line)) * 2 >= len(lines):
            return HTML
    return None


def page_lines(markup: str, kind: str = HTML, path: str = "<input>") -> tuple[tuple[str, ...], PageLayout]:
    """A saved page's decoded HTML → the lines the text readers read and the HTML line each starts
    at (kg.read.source.page_source decodes the bytes, as :func:`html_part` and
    :func:`declared_encoding` say). Raises ParseError naming the file for a page that shows no text."""
    lines: list[str] = []
    starts: list[int] = []
    builder = _TreeBuilder()
    try:
        # <![if mso]> … <![endif]>: Word's conditional markers, which the standard parser cannot take
        builder.feed(_MARKED_SECTION.sub("", markup))
        builder.close()
    except AssertionError as error:  # html.parser asserts on markup it cannot read
        raise ParseError(path, None, f"the web page's markup cannot be read ({error or 'a malformed declaration'})") from error
    for text, line in _Renderer(builder.root, path).lines():
        lines.append(text)
        starts.append(line)
    if not lines:
        if _has(builder.root, "frameset") or _has(builder.root, "frame"):
            raise ParseError(path, None, "a frameset: the page's tables are in the files its frames show (an Excel export's "
                                         "…_files/sheet001.htm …): read those")
        raise ParseError(path, None, "the web page shows no text (nothing outside its scripts, styles and hidden parts)")
    # Cut off: the file ends inside a table and has no end of page (a saved page always closes <body>/<html>;
    # a complete page missing only its </table> does not count)
    cut = any(element.tag == "table" for element in builder.stack) and not re.search(r"</(?:body|html)\s*>", markup[-4096:], re.IGNORECASE)
    return tuple(lines), PageLayout(kind, tuple(starts), cut)


# ---- bytes → markup ------------------------------------------------------------------------------


def html_part(data: bytes, path: str) -> tuple[bytes, str | None]:
    """The page inside a browser's single-file archive (.mhtml, .mht): its first text/html part
    and the charset its header names."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    raise ParseError(path, None, "a web archive (.mhtml) without an HTML page inside")


def declared_encoding(data: bytes, charset: str | None = None) -> str | None:
    """The encoding a page declares, in ``charset`` (an .mhtml part's header) or its <meta>: GB2312 and
    GBK as GB18030, which decodes both; None for none, or for a Latin one no Chinese page is in."""
    declared = _META_CHARSET.search(data[:8192])
    if charset is None and declared is None:
        return None
    name = (charset or declared.group(1).decode("ascii", "replace")).lower().strip()  # type: ignore[union-attr]
    if name in _LATIN:
        return None  # a template's default (no Chinese page is in it; every byte decodes, to mojibake): decide by the bytes
    return "gb18030" if name in _GB else name


# ---- markup → elements ---------------------------------------------------------------------------


class _TreeBuilder(HTMLParser):
    """Elements with the line each starts at; the end tags a page leaves out closed as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, 1)
        self.stack: list[_Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        if tag in ("td", "th") and self._open("tr", stop_at=("table",)) is None and self._open("table") is not None:
            self.handle_starttag("tr", [])  # <table><td>…: the row a browser supplies
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in _VOID and (len(self.stack) < _MAX_DEPTH or (tag in ("table", "tr", "td", "th") and len(self.stack) < _MAX_DEPTH + 40)):
            self.stack.append(element)  # (past the depth no page needs, elements hold no children: their text goes on)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is read as <br> by browsers
            self.handle_starttag("br", [])
            return
        # A written end tag closes the innermost element of its name, never past a cell or a table it is in
        # (</div> in a cell closes the cell's div, not a div around the table).
        limit = ("table",) if tag in ("td", "th", "tr", *_SECTIONS, "caption") else () if tag == "table" else ("td", "th", "table", "caption")
        at = self._open(tag, stop_at=limit, innermost=True)
        if at is not None:
            del self.stack[at:]

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(_Text(data, self.getpos()[0]))

    def _open(self, tag: str | tuple[str, ...], stop_at: tuple[str, ...] = (), innermost: bool = False) -> int | None:
        """Where the open ``tag`` is on the stack above the innermost ``stop_at`` element: the outermost
        such (a new <tr> closes the row, not only the cell open in it), or the innermost (an end tag)."""
        tags = (tag,) if isinstance(tag, str) else tag
        found = None
        for at in range(len(self.stack) - 1, 0, -1):
            if self.stack[at].tag in tags:
                found = at
                if innermost:
                    return found
            elif self.stack[at].tag in stop_at:
                break
        return found

    def _close_implied(self, tag: str) -> None:
        closes: tuple[str, ...] = ()
        if tag in ("td", "th"):
            closes = ("td", "th")
        elif tag == "tr":
            closes = ("tr", "td", "th")
        elif tag in _SECTIONS:
            closes = (*_SECTIONS, "tr", "td", "th", "caption")
        elif tag == "li":
            closes = ("li",)
        elif tag in ("dd", "dt"):
            closes = ("dd", "dt")
        elif tag == "option":
            closes = ("option",)
        if closes:
            stop = ("table",) if tag not in ("li", "dd", "dt", "option") else ("ul", "ol", "dl", "select", "table")
            at = self._open(closes, stop_at=stop)
            if at is not None:
                del self.stack[at:]
        if tag in _CLOSES_P or tag in ("li", "dd", "dt"):
            at = self._open("p", stop_at=("td", "th", "table", "li", "div"))
            if at is not None:
                del self.stack[at:]


# ---- elements → lines ----------------------------------------------------------------------------


def _hidden_classes(root: _Element) -> tuple[frozenset[str], frozenset[str]]:
    """The classes the page's <style> blocks hide with a plain class selector (``.hide``, ``td.x``):
    those not laid out (display:none), and those laid out but not shown (visibility:hidden) or struck
    through (an Excel export's rich text, ``.font7{text-decoration:line-through}``)."""
    removed: set[str] = set()
    invisible: set[str] = set()

    def walk(element: _Element) -> None:
        for child in element.children:
            if isinstance(child, _Element):
                if child.tag == "style":
                    css = re.sub(r"/\*.*?\*/", "", "".join(t.text for t in child.children if isinstance(t, _Text)), flags=re.DOTALL)
                    for rule in css.split("}"):  # selectors { declarations }, split without backtracking
                        selectors, _, body = rule.partition("{")
                        into = removed if _REMOVED.search(body) else invisible if _INVISIBLE.search(body) else None
                        if into is not None:
                            for selector in selectors.split(","):
                                if (plain := _CLASS_SELECTOR.match(selector)) is not None:
                                    into.add(plain.group(1))
                walk(child)

    walk(root)
    return frozenset(removed), frozenset(invisible)


def _present(element: _Element, removed: frozenset[str] = frozenset()) -> bool:
    """Whether the page lays the element out at all (a table cell so takes its column)."""
    if element.tag in _UNSHOWN or "hidden" in element.attrs or _REMOVED.search(element.attrs.get("style", "")):
        return False
    return not removed or not removed.intersection(element.attrs.get("class", "").split())


def _shown(element: _Element, removed: frozenset[str] = frozenset(), invisible: frozenset[str] = frozenset()) -> bool:
    """Whether the element's text is shown: laid out, not invisible, not struck through."""
    if not _present(element, removed) or _INVISIBLE.search(element.attrs.get("style", "")):
        return False
    return not invisible or not invisible.intersection(element.attrs.get("class", "").split())


def _has(element: _Element, tag: str) -> bool:
    """Whether an element of ``tag`` is anywhere inside ``element``."""
    return any(isinstance(c, _Element) and (c.tag == tag or _has(c, tag)) for c in element.children)


def _rows(table: _Element, shown: Callable[[_Element], bool], visible: bool = True) -> Iterator[tuple[_Element, bool]]:
    """A table's rows in order, each with whether it is shown: its own and its sections' (not those
    of tables inside it). Hidden rows are kept in the grid, as their cells take places a rowspan
    above counts (an Excel export hides rows so)."""
    for child in table.children:
        if isinstance(child, _Element):
            if child.tag == "tr":
                yield child, visible and shown(child)
            elif child.tag not in ("td", "th", "table", "caption"):
                # its sections (thead, tbody, tfoot), and an element between a table and its rows (<table><font><tr>…,
                # <form>, <div>, an unclosed <colgroup>), which browsers move out of the table, leaving the rows in it
                yield from _rows(child, shown, visible and shown(child))


def _cells_of(row: _Element) -> Iterator[_Element]:
    """A row's cells in order, those inside an element between the row and its cells (<tr><font><td>) too."""
    for child in row.children:
        if isinstance(child, _Element):
            if child.tag in ("td", "th"):
                yield child
            elif child.tag not in ("tr", "table", *_SECTIONS):
                yield from _cells_of(child)


class _Renderer:
    """Walks the elements in order, giving a line for each block of text and each table row."""

    def __init__(self, root: _Element, path: str = "<input>") -> None:
        self.root, self.path = root, path
        removed, invisible = _hidden_classes(root)
        self.shown: Callable[[_Element], bool] = lambda element: _shown(element, removed, invisible)
        self.present: Callable[[_Element], bool] = lambda element: _present(element, removed)
        self.out: list[tuple[str, int]] = []
        self.pending: list[_Text] = []

    def lines(self) -> list[tuple[str, int]]:
        self._walk(self.root)
        self._flush()
        return self.out

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(t.text for t in self.pending)).strip(" ")
        if text.strip():
            self.out.append((cell_text(text), self.pending[0].line))
        self.pending = []

    def _walk(self, element: _Element) -> None:
        for child in element.children:
            if isinstance(child, _Text):
                self.pending.append(child)
            elif not self.shown(child):
                continue
            elif child.tag == "br":
                self._flush()
            elif child.tag == "table":
                self._flush()
                self._table(child)
            elif child.tag in ("pre", "plaintext", "listing", "xmp"):
                self._flush()
                self._preformatted(child)
            elif child.tag in _BLOCKS:
                self._flush()
                self._walk(child)
                self._flush()
            else:
                self._walk(child)

    def _preformatted(self, element: _Element) -> None:
        """Text a page shows as it is (<pre>): a line a line, its tabs kept (a form posted as the text of
        its cells, tab-separated)."""
        texts: list[_Text] = []

        def gather(node: _Element) -> None:
            for child in node.children:
                if isinstance(child, _Text):
                    texts.append(child)
                elif self.shown(child):
                    if child.tag == "br":
                        texts.append(_Text("\n", child.line))
                    gather(child)

        gather(element)
        line = texts[0].line if texts else element.line
        text = "".join(t.text for t in texts)
        if text.startswith("\n"):
            text, line = text[1:], line + 1  # the line break right after <pre> is not shown
        for offset, piece in enumerate(text.split("\n")):
            piece = piece.replace("\r", "").rstrip()
            if piece.strip():
                self.out.append((piece.strip(" "), line + offset))

    def _table(self, table: _Element) -> None:
        captions = [c for c in table.children if isinstance(c, _Element) and c.tag == "caption" and self.shown(c)]
        for caption in captions:
            self._walk(caption)
            self._flush()
        if _has(table, "table"):  # the page's layout: cells are blocks, the tables in them tables
            for row, visible in _rows(table, self.shown):
                for cell in _cells_of(row) if visible else ():
                    if self.shown(cell):
                        self._walk(cell)
                        self._flush()
            return
        self._grid(table)

    def _grid(self, table: _Element) -> None:
        """A data table, a row a line: each cell in the first free column of its row (the columns
        taken by a rowspan above skipped), its text there and blanks in the rest of its span."""
        rows = list(_rows(table, self.shown))
        taken: dict[int, list[tuple[int, int]]] = {}  # a row's columns taken by cells, as [start, end) spans, sorted

        def free(r: int, column: int) -> int:
            """The first column from ``column`` that no cell of row ``r`` (or a rowspan above) takes."""
            for start, end in taken.get(r, ()):
                if start <= column < end:
                    column = end
            return column

        for r, (row, visible) in enumerate(rows):
            cells: dict[int, str] = {}
            column = 0
            for cell in _cells_of(row):
                if not self.present(cell):
                    continue  # (display:none: no column; visibility:hidden or struck through: its place, blank)
                column = free(r, column)
                if column >= _MAX_COLUMNS:
                    raise ParseError(self.path, row.line, f"a table row wider than {_MAX_COLUMNS:,} columns (its cells' colspans): not a form")
                rowspan = min(span(cell.attrs.get("rowspan"), minimum=0) or len(rows), len(rows) - r)  # rowspan=0: to the table's end
                colspan = span(cell.attrs.get("colspan"))
                cells[column] = _cell_text(cell, self.shown) if self.shown(cell) else ""
                for dr in range(rowspan):
                    bisect.insort(taken.setdefault(r + dr, []), (column, column + colspan))
                column += colspan
            width = max(cells, default=-1) + 1
            line = line_of_cells([cells.get(n, "") for n in range(width)])
            if visible and line.strip():
                self.out.append((line, row.line))


def _cell_text(cell: _Element, shown: Callable[[_Element], bool]) -> str:
    """A cell's text on one line: its breaks (<br>, paragraphs inside it) joined as a workbook's
    line breaks are (kg.read.cells.cell_text)."""
    parts: list[str] = []

    def walk(element: _Element) -> None:
        for child in element.children:
            if isinstance(child, _Text):
                parts.append(_SPACES.sub(" ", child.text))
            elif not shown(child):
                continue
            elif child.tag == "br" or child.tag in _BLOCKS:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(cell)
    return cell_text("\n".join(line.strip(" ") for line in "".join(parts).split("\n")))


__all__ = ["HTML", "MHTML", "PageLayout", "declared_encoding", "html_part", "page_kind", "page_lines"]
