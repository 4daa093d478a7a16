"""The HTML adapter: a web page (often a whole site page) to the intermediate layout.

Stages: ``declared_charset`` → ``parse_page`` → ``find_article`` → ``strip_chrome`` →
``blocks_in_order`` → rows. Real ``<table>`` markup becomes delimited rows on a
rectangular grid (``gongkai.ingest.grid``); everything else becomes running text, one
row per block element.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from gongkai.errors import UnreadableFile
from gongkai.ingest.decode import decode_with_notes
from gongkai.ingest.grid import (
    GridBudget,
    SpanCell,
    TableRows,
    clean_text,
    cut_around_nested,
    expand_spans,
    join_lines,
    pad_grid,
    table_rows,
)
from gongkai.ingest.layout import Layout, Row, Where, text_row

Block = str | TableRows

# Never content: removed with their subtree (their tail text stays).
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "select", "button", "input", "textarea", "head",
)  # fmt: skip
# Site chrome by its HTML5 element, and by the words sites use in class and id.
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_NAMES = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|banner|search|login"
    r"|qrcode|ewm|weather|friendlink|dqwz|position|location",
    re.IGNORECASE,
)
# Class and id words of the element that holds the article on government sites
# (TRS_Editor and zoom come from the TRS content system most of them run on).
_ARTICLE_NAMES = re.compile(
    r"content|article|trs_editor|zoom|detail|zhengwen|\bzw\b|xxgk_nr|maintext|text_con",
    re.IGNORECASE,
)
# Markup of a report page, site chrome included, has some thousands of tags; "<" is
# counted on the bytes, before a parse that would take about 500 bytes per element.
MAX_TAGS = 200_000
# The innermost article candidate wins if it holds this share of the best one's text.
_ARTICLE_SHARE = 0.85

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})  # fmt: skip
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# A data table's cells hold labels and figures; cells this long are running text.
_LONG_CELL_CHARS = 200
# A table with this many cells of figures holds data (inside the article or outside it).
_FIGURE_CELLS = 5

_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)"
    rb"|<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
# Control characters other than tab and line ends: never text, and lxml refuses them in
# any text it is given later (a dropped element's tail is re-set on its neighbour).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_html(data: bytes, name: str) -> Layout:
    """Read a web page. Rows come in reading order: the page title first, then the article.

    Table cells carry ``Where(table, row, col)`` (1-based; tables numbered in document
    order, nested ones included); text rows carry ``Where(line)``, the 1-based index of
    the text block. Raises UnreadableFile for undecodable bytes, markup lxml cannot
    parse, or a page with no text besides its title.
    """
    tags = data.count(b"<")
    if tags > MAX_TAGS:  # before parsing: a tree of millions of elements takes gigabytes
        raise UnreadableFile(
            name, f"网页标签过多（约 {tags} 个，上限 {MAX_TAGS} 个），不像一份年度报告"
        )
    decoded = decode_with_notes(data, name, declared_charset(data))
    text = decoded.text
    root = parse_page(text, name)
    title = page_title(root)
    body = root.find("body")
    if body is None:
        body = root
    for element in list(body.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    try:
        article = find_article(body)
        strip_chrome(article)
        blocks = blocks_in_order(article, name)
    except RecursionError:
        raise UnreadableFile(name, "网页结构嵌套过深，无法读取") from None
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]  # the article repeats the page title as its heading
    if not blocks:
        raise UnreadableFile(name, "网页没有正文内容（正文可能在附件或图片中）")
    rows = layout_rows([title, *blocks] if title else blocks, name)
    return Layout(name, tuple(rows), decoded.notes)


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names near its start (meta tag or XML declaration), if any."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def parse_page(text: str, name: str) -> HtmlElement:
    """Parse decoded markup. Raises UnreadableFile for empty or unparseable markup, and
    for markup nested deeper than libxml2 builds (256 levels): it drops what lies deeper,
    and a page read without it would lose its content without a word."""
    # lxml refuses str input that still carries an XML encoding declaration.
    text = _CONTROL_CHARS.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise UnreadableFile(name, "网页没有正文内容")
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(name, f"网页无法解析（{exc}）") from None
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise UnreadableFile(name, "网页结构嵌套过深（超过 256 层），无法完整读取")
    return root


def page_title(root: HtmlElement) -> str:
    """The page's <title>, else its first <h1>: the mapper reads agency and year here."""
    for path in ("head/title", ".//title", ".//h1"):
        found = root.find(path)
        if found is not None:
            title = clean_text(found.text_content())
            if title:
                return title
    return ""


def strip_chrome(article: HtmlElement) -> None:
    """Remove navigation, headers, footers, share buttons and the like, in place.

    An element is kept whatever its name says if it holds a table (a report's tables
    are never chrome) or most of the article's text (a wrapper with an unlucky name).
    """
    measures = measure(article, _is_chrome)
    half = measures[article].chars / 2
    doomed = [el for el in measures if el is not article]  # document order: outer first
    for el in doomed:
        if measures[el].tables == 0 and measures[el].chars <= half:
            el.drop_tree()


def _is_chrome(el: HtmlElement) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(_CHROME_NAMES.search(names))


def find_article(body: HtmlElement) -> HtmlElement:
    """The element that holds the report, or ``body`` if no element clearly does.

    Of the elements whose class or id names an article, the one with the most text is
    best; the innermost one that still holds nearly all of that text and all of its
    tables is chosen, so that the title bar and source line around it are left out.
    The whole body is kept if that element holds under half the page's text, or if a
    table of figures lies outside it (a report split over several boxes). Text is
    measured in characters other than white space.
    """
    measures = measure(body, _names_article)
    sizes = {el: m.solid for el, m in measures.items() if el is not body or _names_article(el)}
    if not sizes or max(sizes.values()) < measures[body].solid / 2:
        return body
    best = max(sizes, key=sizes.__getitem__)
    tables = measures[best].tables
    chosen = best
    for el in sizes:  # document order: a later match inside ``best`` lies deeper
        if (
            sizes[el] >= sizes[best] * _ARTICLE_SHARE
            and measures[el].tables == tables
            and best in el.iterancestors()
        ):
            chosen = el
    return body if _figures_outside(chosen, body) else chosen


def _names_article(el: HtmlElement) -> bool:
    return bool(_ARTICLE_NAMES.search(f"{el.get('class', '')} {el.get('id', '')}"))


@dataclass(frozen=True, slots=True)
class Measure:
    """An element's text length (``chars``, as text_content() gives it; ``solid``, white
    space left out) and how many tables it holds (itself included)."""

    chars: int
    solid: int
    tables: int


def measure(root: HtmlElement, wanted: Callable[[HtmlElement], bool]) -> dict[HtmlElement, Measure]:
    """Measures of ``root`` and of the elements under it that ``wanted`` picks, in
    document order, from one walk of the tree: linear however deep the nesting (asking
    each element for its text_content() costs the depth times the text)."""
    found: dict[HtmlElement, Measure] = {}
    stack: list[list[int]] = [[0, 0, 0]]
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if isinstance(el.tag, str) and (el is root or wanted(el)):
                found[el] = Measure(0, 0, 0)  # placeholder: keeps document order
            text = el.text if isinstance(el.tag, str) else None
            stack.append([len(text or ""), _solid(text), 1 if el.tag == "table" else 0])
            continue
        chars, solid, tables = stack.pop()
        if el in found:
            found[el] = Measure(chars, solid, tables)
        tail = el.tail if el is not root else None
        parent = stack[-1]
        parent[0] += chars + len(tail or "")
        parent[1] += solid + _solid(tail)
        parent[2] += tables
    return found


def _solid(text: str | None) -> int:
    return len(text) - sum(map(len, _SPACES.findall(text))) if text else 0


def _figures_outside(article: HtmlElement, body: HtmlElement) -> bool:
    """True if a table outside ``article`` (and not around it) holds many figures."""
    inside = set(article.iter("table")) | set(article.iterancestors("table"))
    for table in body.iter("table"):
        if table not in inside:
            cells = (clean_text(td.text_content()) for td in table.iter("td", "th"))
            if sum(text.isdigit() for text in cells) >= _FIGURE_CELLS:
                return True
    return False


def blocks_in_order(root: HtmlElement, name: str = "") -> list[Block]:
    """The text lines and table parts under ``root``, in document order.

    A block element or <br> ends a line; inline elements continue it. Data tables are
    numbered in the order they start. Raises UnreadableFile when the tables' spans make
    a grid past ``gongkai.ingest.grid.MAX_GRID_CELLS``.
    """
    return list(_Walker(GridBudget(name)).walk(root))


class _Walker:
    """Carries the pending line and the table count through one recursive walk."""

    def __init__(self, budget: GridBudget) -> None:
        self.line: list[str] = []
        self.tables = 0
        self.budget = budget

    def walk(self, el: HtmlElement) -> Iterator[Block]:
        yield from self._element(el, with_tail=False)
        yield from self._flush()

    def _element(self, el: HtmlElement, *, with_tail: bool = True) -> Iterator[Block]:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: tail only
            pass
        elif tag == "br":
            yield from self._flush()
        elif tag in _BLOCK_TAGS:
            yield from self._flush()
            spans = table_spans(el) if tag == "table" else []
            if spans and not is_layout_table(el, spans):
                yield from self._table(el, spans)
            else:
                yield from self._children(el)
            yield from self._flush()
        else:
            yield from self._children(el)
        if with_tail and el.tail:
            self.line.append(el.tail)

    def _children(self, el: HtmlElement) -> Iterator[Block]:
        if el.text:
            self.line.append(el.text)
        for child in el:
            yield from self._element(child)

    def _flush(self) -> Iterator[Block]:
        text = clean_text("".join(self.line))
        self.line.clear()
        if text:
            yield text

    def _table(self, table: HtmlElement, spans: list[list[SpanCell]]) -> Iterator[Block]:
        """A data table's rows, cut around the nested tables they hold.

        A nested table's tail text belongs to the outer cell's text, so it is not
        walked again.
        """
        self.tables += 1
        number = self.tables
        caption = table.find("caption")
        if caption is not None:
            yield from self._children(caption)
            yield from self._flush()
        slots = pad_grid(expand_spans(spans, self.budget), budget=self.budget)
        nested = [
            [t for td in cells_of(tr) for t in outermost_tables(td)]
            for tr in table_row_elements(table)
        ]
        yield from cut_around_nested(number, slots, nested, self.walk)


def table_row_elements(table: HtmlElement) -> list[HtmlElement]:
    """The table's own <tr>, directly or in thead/tbody/tfoot, in source order."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _ROW_GROUPS:
            rows.extend(tr for tr in child if tr.tag == "tr")
    return rows


def cells_of(tr: HtmlElement) -> list[HtmlElement]:
    return [td for td in tr if td.tag in ("td", "th")]


def outermost_tables(el: HtmlElement) -> Iterator[HtmlElement]:
    """Tables under ``el`` that are not inside another table under ``el``."""
    for child in el:
        if child.tag == "table":
            yield child
        elif isinstance(child.tag, str):
            yield from outermost_tables(child)


def table_spans(table: HtmlElement) -> list[list[SpanCell]]:
    return [[span_cell(td) for td in cells_of(tr)] for tr in table_row_elements(table)]


def is_layout_table(table: HtmlElement, spans: list[list[SpanCell]]) -> bool:
    """True for a table used to lay out a page rather than to hold figures.

    Most of its text is in long cells and few of its cells are figures, or it is one
    column wide and wraps other tables. Its content is then read as running text, its
    nested tables as tables. A long note under a table of figures keeps it a table.
    """
    cells = [cell.text for row in spans for cell in row]
    long_text = sum(len(text) for text in cells if len(text) > _LONG_CELL_CHARS)
    figures = sum(text.isdigit() for text in cells)
    if long_text > sum(map(len, cells)) / 2 and figures < _FIGURE_CELLS:
        return True
    one_column = all(len(row) <= 1 and all(c.colspan == 1 for c in row) for row in spans)
    return one_column and next(table.iterdescendants("table"), None) is not None


def span_cell(td: HtmlElement) -> SpanCell:
    return SpanCell(cell_text(td), _span(td.get("colspan"), 1), _span(td.get("rowspan"), 1))


def _span(value: str | None, default: int) -> int:
    """A span attribute as browsers read it: leading digits, anything else the default."""
    match = re.match(r"\s*(\d+)", value or "")
    return int(match.group(1)) if match else default


def cell_text(td: HtmlElement) -> str:
    """A cell's text without its nested tables.

    Inline pieces are joined with nothing between them (sites split one figure over
    several spans); lines from block elements and <br> are joined by ``join_lines``.
    """
    lines: list[str] = []
    current: list[str] = []
    for piece in _cell_pieces(td, is_cell=True):
        if piece is None:
            lines.append(clean_text("".join(current)))
            current.clear()
        else:
            current.append(piece.strip())
    lines.append(clean_text("".join(current)))
    return join_lines(lines)


def _cell_pieces(el: HtmlElement, *, is_cell: bool = False) -> Iterator[str | None]:
    """Text pieces under ``el`` in order; None where a line ends. Tables are skipped."""
    tag = el.tag
    if isinstance(tag, str) and tag != "table":
        block = tag in _BLOCK_TAGS or tag == "br"
        if block:
            yield None
        if el.text:
            yield el.text
        for child in el:
            yield from _cell_pieces(child)
        if block:
            yield None
    if el.tail and not is_cell:
        yield el.tail


def layout_rows(blocks: list[Block], name: str) -> list[Row]:
    """Rows with their positions: text blocks numbered from 1, table cells by table."""
    rows: list[Row] = []
    line = 0
    for block in blocks:
        if isinstance(block, str):
            line += 1
            rows.append(text_row(block, Where(name, line=line)))
        else:
            rows.extend(table_rows(block, name))
    return rows
