"""The Word adapter: a .docx file to the intermediate layout.

python-docx opens the package; the body is then walked as XML, because the grid a
merged cell covers is stated there directly (w:gridSpan, w:vMerge, w:gridBefore),
where python-docx's cell API repeats one cell object at every position it covers.
Stages: ``open_document`` → ``blocks_in_order`` (paragraphs and table parts in
document order) → rows.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from gongkai.errors import UnreadableFile
from gongkai.ingest.grid import (
    COVERED,
    MAX_COLSPAN,
    GridBudget,
    Slot,
    TableRows,
    clean_text,
    cut_around_nested,
    join_lines,
    pad_grid,
    table_rows,
)
from gongkai.ingest.layout import MAX_ROWS, Cell, Layout, Row, Where, check_size, text_row

Element = etree._Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
# Containers that hold block content without changing it: content controls, custom XML.
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})
# Run content as text; everything else in a run (drawings, fields' codes) is not text.
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n",
             f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": ""}  # fmt: skip
# Runs in text boxes belong to the drawing, not to the paragraph that anchors it;
# deleted runs are not text; a fallback repeats the content its choice already holds.
_PARAGRAPH_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom"
    " or ancestor::mc:Fallback)]",
    namespaces={
        "w": _W[1:-1],
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    },
)
# The same for a paragraph of a (top-level) text box: its runs are inside one box.
_BOXED_RUNS = etree.XPath(
    ".//w:r[count(ancestor::w:txbxContent) = 1 and not(ancestor::w:del"
    " or ancestor::w:moveFrom or ancestor::mc:Fallback)]",
    namespaces={
        "w": _W[1:-1],
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    },
)


# Caps on the package, checked in its central directory before anything is unpacked.
# zipfile never inflates a member past the size its directory entry declares (it stops,
# and the CRC check then fails), so these declared sizes bound the memory used.
MAX_MEMBERS = 10_000
MAX_XML_BYTES = 16 * 1024 * 1024  # one XML part unpacked; real document.xml: < 5 MB
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all parts together, images included
MAX_RATIO = 100  # unpacked / packed, for parts over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
DAMAGED = "文件已损坏："


# The paragraphs of the text boxes anchored in a paragraph (not those of a text box
# inside another one, nor the fallback copy of a box that its mc:Choice already holds).
_TEXT_BOX_PARAGRAPHS = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback) and count(ancestor::w:txbxContent) = 0]/w:p",
    namespaces={
        "w": _W[1:-1],
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    },
)


def _deleted_row(tr: Element) -> bool:
    """A table row deleted with tracked changes not yet accepted: no longer in the text."""
    return tr.find(f"{_W}trPr/{_W}del") is not None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: its 1-based index among body paragraphs, and its text."""

    index: int
    text: str


Block = Paragraph | TableRows


def read_docx(data: bytes, name: str) -> Layout:
    """Read a Word document's body: paragraphs and tables in document order.

    Headers, footers, footnotes and text boxes are not read. Text rows carry
    ``Where(line)`` = the paragraph's 1-based index among body paragraphs (empty ones
    counted); table cells carry ``Where(table, row, col)``, 1-based, tables numbered in
    document order with nested tables included. A paragraph with tabs inside its text
    is a delimited row, one cell per tab-separated part. Raises UnreadableFile for a
    damaged file or a package that is not a Word document.
    """
    body = open_document(data, name)
    rows: list[Row] = []
    for block in blocks_in_order(body, name):
        if isinstance(block, TableRows):
            rows.extend(table_rows(block, name))
        elif (row := paragraph_row(block, name)) is not None:
            rows.append(row)
    return Layout(name, tuple(rows))


def open_document(data: bytes, name: str) -> Element:
    """The document's w:body. Raises UnreadableFile for damaged or non-Word packages,
    and for packages past the caps above (zip bombs)."""
    try:
        check_package(zipfile.ZipFile(io.BytesIO(data)), name)
        document = docx.Document(io.BytesIO(data))
        body: Element = document.element.body
    except (zipfile.BadZipFile, zlib.error, EOFError, PackageNotFoundError, NotImplementedError):
        raise UnreadableFile(
            name, DAMAGED + "Word（.docx）压缩包不完整或已损坏（ZIP 目录或数据有误）"
        ) from None
    except etree.XMLSyntaxError as exc:
        where = f"（第 {exc.lineno} 行）" if exc.lineno else ""
        raise UnreadableFile(name, DAMAGED + f"Word 文档内容（XML）无法解析{where}") from None
    except (KeyError, ValueError, AttributeError, TypeError):
        # A ZIP without Word's parts, or another Office format (.xlsx, .pptx, .docm).
        raise UnreadableFile(name, "这是 ZIP 压缩包，但不是 Word（.docx）文档") from None
    return body


def check_package(package: zipfile.ZipFile, name: str) -> None:
    """Refuse a package whose central directory declares too many members, too large a
    part, or a compression ratio no document has. Raises UnreadableFile."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile(name, f"Word 文档包含 {len(members)} 个部件，超过上限 {MAX_MEMBERS}")
    total = 0
    for info in members:
        size, packed = info.file_size, max(info.compress_size, 1)
        total += size
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if (xml and size > MAX_XML_BYTES) or total > MAX_UNPACKED_BYTES:
            raise UnreadableFile(
                name, f"Word 文档解压后过大（{info.filename} 等超过上限），可能是恶意构造的压缩包"
            )
        if size > RATIO_FROM and size / packed > MAX_RATIO:
            raise UnreadableFile(
                name,
                f"Word 文档的部件 {info.filename} 压缩比异常（{size // packed}:1），"
                "可能是恶意构造的压缩包",
            )


def blocks_in_order(body: Element, name: str = "") -> list[Block]:
    """Body paragraphs and table parts in document order, tables numbered as they start.
    Raises UnreadableFile when the tables' spans make a grid past MAX_GRID_CELLS."""
    return list(_Walker(GridBudget(name)).body(body))


class _Walker:
    """Carries the paragraph and table counts through one walk of the body."""

    def __init__(self, budget: GridBudget) -> None:
        self.paragraphs = 0
        self.tables = 0
        self.budget = budget

    def body(self, container: Element) -> Iterator[Block]:
        for el in _children(container, (P, TBL)):
            if el.tag == P:
                for boxed in cast(list[Element], _TEXT_BOX_PARAGRAPHS(el)):
                    # A title set in a text box: read where its box is anchored.
                    self.paragraphs += 1
                    yield Paragraph(self.paragraphs, paragraph_text(boxed, _BOXED_RUNS))
                self.paragraphs += 1
                if self.paragraphs > MAX_ROWS:  # blank ones too: before more are made
                    check_size(self.budget.name, rows=self.paragraphs, chars=0)
                yield Paragraph(self.paragraphs, paragraph_text(el))
            else:
                yield from self.table(el)

    def table(self, tbl: Element) -> Iterator[Block]:
        """A table's rows, cut around the nested tables its cells hold."""
        self.tables += 1
        number = self.tables
        trs = [tr for tr in _children(tbl, (TR,)) if not _deleted_row(tr)]
        rows = [row_slots(tr, r > 0, self.budget) for r, tr in enumerate(trs)]
        slots = pad_grid(rows, min(grid_width(tbl), MAX_COLSPAN), self.budget)
        nested = [[t for tc in _children(tr, (TC,)) for t in _children(tc, (TBL,))] for tr in trs]
        yield from cut_around_nested(number, slots, nested, self.table)


def _children(el: Element, tags: tuple[str, ...]) -> Iterator[Element]:
    """Children with one of ``tags``, looking through content controls and custom XML."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def grid_width(tbl: Element) -> int:
    """The number of grid columns the table declares (0 if it declares none)."""
    grid = tbl.find(f"{_W}tblGrid")
    return 0 if grid is None else len(grid.findall(f"{_W}gridCol"))


def row_slots(tr: Element, has_row_above: bool, budget: GridBudget | None = None) -> list[Slot]:
    """One table row on the grid: a cell's text at its first column, COVERED after it.

    A cell that continues a merge (w:vMerge, or w:hMerge of old files, without
    "restart") covers all its columns; with nothing above or to its left to continue,
    it is read as a cell. Columns skipped by w:gridBefore are empty cells. Spans are
    clamped to MAX_COLSPAN and counted in ``budget`` (UnreadableFile past it).
    """
    budget = budget or GridBudget("")
    before = min(max(_row_property(tr, "gridBefore"), 0), MAX_COLSPAN)
    budget.take(before)
    slots: list[Slot] = [""] * before
    for tc in _children(tr, (TC,)):
        span = min(max(_cell_property(tc, "gridSpan"), 1), MAX_COLSPAN)
        budget.take(span)
        if (has_row_above and _continues(tc, "vMerge")) or (slots and _continues(tc, "hMerge")):
            slots.extend([COVERED] * span)
        else:
            slots.append(cell_text(tc))
            slots.extend([COVERED] * (span - 1))
    return slots


def _continues(tc: Element, merge: str) -> bool:
    """True if the cell continues a merge of kind ``merge`` (vMerge or hMerge)."""
    mark = tc.find(f"{_W}tcPr/{_W}{merge}")
    return mark is not None and mark.get(f"{_W}val", "continue") == "continue"


def _row_property(tr: Element, name: str) -> int:
    return _int_val(tr.find(f"{_W}trPr/{_W}{name}"))


def _cell_property(tc: Element, name: str) -> int:
    return _int_val(tc.find(f"{_W}tcPr/{_W}{name}"), default=1)


def _int_val(el: Element | None, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{_W}val", default))
    except ValueError:
        return default


def cell_text(tc: Element) -> str:
    """A cell's own paragraphs (not those of tables nested in it), joined as one text."""
    return join_lines(clean_text(paragraph_text(p)) for p in _children(tc, (P,)))


def paragraph_text(p: Element, runs_of: etree.XPath = _PARAGRAPH_RUNS) -> str:
    """The paragraph's text as typed: tabs and line breaks kept, deleted text left out.

    Runs inside hyperlinks, insertions, fields and content controls are included.
    Automatic list numbering ("一、" from a numbering style) is not text in the file.
    """
    runs = cast(list[Element], runs_of(p))  # an XPath of elements only
    return "".join(run_text(r) for r in runs)


def run_text(r: Element) -> str:
    pieces = []
    for child in r:
        if child.tag in _RUN_TEXT:
            piece = _RUN_TEXT[child.tag]
            pieces.append((child.text or "") if piece is None else piece)
    return "".join(pieces)


def paragraph_row(paragraph: Paragraph, name: str) -> Row | None:
    """A text row, a delimited row if tabs separate parts of the text, None if blank.

    Line breaks inside the paragraph are joined by ``join_lines``: a title broken over
    two lines stays one title.
    """
    parts = [clean_text(part) for part in paragraph.text.split("\t")]
    parts = [part for part in parts if part]
    if not parts:
        return None
    if len(parts) == 1:
        text = join_lines(clean_text(line) for line in paragraph.text.split("\n"))
        return text_row(text, Where(name, line=paragraph.index))
    cells = tuple(
        Cell(part, Where(name, line=paragraph.index, col=c))
        for c, part in enumerate(parts, start=1)
    )
    return Row(cells, delimited=True)
