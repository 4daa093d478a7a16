"""The PDF adapter: a published PDF report as rows of text lines and table rows.

Stages: ``caps`` (limits checked on the raw bytes: zip bombs, object counts, junk after
``%%EOF``), then PDFium opens the file (``triage``: encrypted and corrupt files refused),
then per page ``chars`` (the text layer's characters with their boxes) and ``ruling``
(the rules drawn by path objects) go through ``page_content`` (ruled tables and lines of
running text); pages that are images only go through ``ocr`` into the same form. Last,
``layout_rows`` numbers tables across the file and makes the layout rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Cell, Layout, Row, Where, text_row
from gongkai.ingest.pdf.caps import (
    DEFAULT_LIMITS,
    PAGE_TOO_BIG,
    TOO_MANY_PAGES,
    Deadline,
    PdfLimits,
    checked_bytes,
)
from gongkai.ingest.pdf.chars import page_text
from gongkai.ingest.pdf.page import Block, PageContent, TablePart, TextLine, page_content
from gongkai.ingest.pdf.ruling import page_edges
from gongkai.ingest.pdf.tables import COVERED
from gongkai.ingest.pdf.triage import (
    NO_PAGES,
    NO_TEXT,
    SCANNED,
    SCANNED_EMPTY,
    has_image,
    image_page_notes,
    open_document,
)

__all__ = ["PdfLimits", "read_pdf"]

UNDECODABLE = "PDF 的文字无法解码（字体缺少到 Unicode 的映射），需要 OCR 或原始文档"
OCR_NOTE = (
    "第 {pages} 页没有文字层（扫描件），已用 OCR 识别：表三、表四的数字已按表格勾稽关系核对，"
    "不符或识别把握不足的未记录；表二没有勾稽关系可核对，请对照原件"
)
GARBLED_NOTE = (
    "第 {pages} 页的文字无法解码（字体缺少到 Unicode 的映射），已改用 OCR 识别页面图像："
    "表三、表四的数字已按表格勾稽关系核对，表二请对照原件"
)
# A table that starts a page continues the one that ended the previous page when their
# left and right edges agree within this many points (their rules are drawn anew).
_SAME_EDGE = 6.0

Progress = Callable[[int, int], None]  # OCR: pages done, pages to do


def read_pdf(
    data: bytes,
    name: str,
    *,
    ocr: bool = True,
    limits: PdfLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> Layout:
    """The layout of one PDF: text lines and table rows, page by page in reading order.

    ``name`` is the file as given and goes into every ``Where``. Table numbers count the
    file's tables from 1; a table that runs on to the next page keeps its number and its
    rows their count. Text lines are numbered per page, tables aside. Pages that are
    images only (scans), and pages whose text does not decode (fonts without a map to
    Unicode: the characters show on paper but their codes mean nothing), are read by
    OCR when ``ocr`` is true (their ``Where.ocr`` holds the engine's confidence;
    ``progress`` hears of each page); otherwise scans are skipped and named in
    ``Layout.notes``.

    Raises UnreadableFile for an encrypted or corrupt PDF, one beyond ``limits``, one
    whose text does not decode (fonts without a map to Unicode), and an image-only
    (scanned) PDF when ``ocr`` is false or OCR reads nothing.
    """
    data = checked_bytes(data, name, limits)
    doc = open_document(data, name)
    try:
        pages, scans = _text_layer(doc, name, limits)
        garbled = [i for i, p in enumerate(pages) if p is not None and _garbled(p)]
        notes: tuple[str, ...] = ()
        if (scans or garbled) and ocr:
            from gongkai.ingest.pdf.ocr import ocr_pages  # the engine loads only for scans

            for index, content in ocr_pages(doc, sorted(scans + garbled), name, limits, progress):
                pages[index] = content
            if scans:
                notes += (OCR_NOTE.format(pages="、".join(str(i + 1) for i in scans)),)
            if garbled:
                notes += (GARBLED_NOTE.format(pages="、".join(str(i + 1) for i in garbled)),)
        elif scans:
            notes = image_page_notes([i + 1 for i in scans])
    finally:
        doc.close()
    read = [p for p in pages if p is not None]
    glyphs = sum(p.glyphs for p in read)
    if glyphs == 0:
        raise UnreadableFile(name, _nothing_read(scans, ocr))
    if sum(p.undecodable for p in read) * 2 > glyphs:
        raise UnreadableFile(name, UNDECODABLE)
    empty = PageContent((), 0, 0)
    return Layout(name, tuple(layout_rows([p or empty for p in pages], name)), notes)


def _garbled(page: PageContent) -> bool:
    return page.undecodable * 2 > page.glyphs


def _nothing_read(scans: Sequence[int], ocr: bool) -> str:
    if not scans:
        return NO_TEXT
    return SCANNED_EMPTY if ocr else SCANNED


def _text_layer(
    doc: pdfium.PdfDocument, name: str, limits: PdfLimits
) -> tuple[list[PageContent | None], list[int]]:
    """Each page's content from its text layer (None: no text), and the 0-based indices
    of the pages that are images without text."""
    count = len(doc)
    if count == 0:
        raise UnreadableFile(name, NO_PAGES)
    if count > limits.max_pages:
        raise UnreadableFile(name, TOO_MANY_PAGES.format(pages=count, limit=limits.max_pages))
    deadline = Deadline(limits.seconds, name)
    pages: list[PageContent | None] = []
    scans: list[int] = []
    for index in range(count):
        deadline.check()
        page = doc[index]
        try:
            content = _read_page(page, name, index + 1, limits)
            if content is None and has_image(page):
                scans.append(index)
            pages.append(content)
        finally:
            page.close()
    return pages, scans


def _read_page(
    page: pdfium.PdfPage, name: str, number: int, limits: PdfLimits
) -> PageContent | None:
    objects = pdfium_c.FPDFPage_CountObjects(page.raw)
    limit = max(limits.max_chars_per_page, limits.max_segments_per_page)
    if objects > limit:
        raise UnreadableFile(name, PAGE_TOO_BIG.format(page=number, limit=limit))
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() > limits.max_chars_per_page:
            raise UnreadableFile(
                name, PAGE_TOO_BIG.format(page=number, limit=limits.max_chars_per_page)
            )
        text = page_text(textpage, height)
    finally:
        textpage.close()
    if not text.glyphs:
        return None
    edges = page_edges(
        page, height, name=name, number=number, max_segments=limits.max_segments_per_page
    )
    return page_content(text.glyphs, edges, height, undecodable=text.undecodable)


def layout_rows(pages: Sequence[PageContent], file: str) -> Iterator[Row]:
    """Rows of the whole file: text rows with page and line, table rows with page, table,
    row and column."""
    table = 0
    next_row = 1
    last: Block | None = None
    for page_no, page in enumerate(pages, start=1):
        line = 0
        for i, block in enumerate(page.blocks):
            if isinstance(block, TextLine):
                line += 1
                where = Where(file, page=page_no, line=line, ocr=block.confidence)
                yield text_row(block.text, where)
                continue
            if not (i == 0 and _continues(last, block)):
                table += 1
                next_row = 1
            yield from table_rows(block, Where(file, page=page_no, table=table), next_row)
            next_row += len(block.slots)
        last = page.blocks[-1] if page.blocks else None


def _continues(previous: Block | None, part: TablePart) -> bool:
    return (
        isinstance(previous, TablePart)
        and abs(previous.x0 - part.x0) <= _SAME_EDGE
        and abs(previous.x1 - part.x1) <= _SAME_EDGE
    )


def table_rows(part: TablePart, at: Where, first_row: int) -> Iterator[Row]:
    """Delimited rows of one table part; covered positions become merged empty cells."""
    sure = part.confidence
    for i, slots in enumerate(part.slots):
        r = first_row + i
        yield Row(
            tuple(
                Cell(
                    slot or "",
                    Where(
                        at.file,
                        page=at.page,
                        table=at.table,
                        row=r,
                        col=c + 1,
                        ocr=None if sure is None else sure.get((i, c), 1.0),
                    ),
                    merged=slot is COVERED,
                )
                for c, slot in enumerate(slots)
            ),
            delimited=True,
        )
