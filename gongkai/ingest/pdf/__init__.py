"""The PDF adapter: a published PDF report as rows of text lines and table rows.

Stages: ``triage`` (PDFium: refuse encrypted, corrupt and image-only files fast), then
per page ``read_page`` (pdfplumber: glyphs, ruled tables, lines of running text), then
``layout_rows`` numbers tables across the file and makes the layout rows.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Cell, Layout, Row, Where, text_row
from gongkai.ingest.pdf.page import Block, PageContent, TablePart, TextLine, read_page
from gongkai.ingest.pdf.tables import COVERED
from gongkai.ingest.pdf.triage import CORRUPT, ENCRYPTED, NO_TEXT, triage

__all__ = ["read_pdf"]

UNDECODABLE = "PDF 的文字无法解码（字体缺少到 Unicode 的映射），需要 OCR 或原始文档"
# A table that starts a page continues the one that ended the previous page when their
# left and right edges agree within this many points (their rules are drawn anew).
_SAME_EDGE = 6.0


def read_pdf(data: bytes, name: str) -> Layout:
    """The layout of one PDF: text lines and table rows, page by page in reading order.

    ``name`` is the file as given and goes into every ``Where``. Table numbers count the
    file's tables from 1; a table that runs on to the next page keeps its number and its
    rows their count. Text lines are numbered per page, tables aside. Pages that are
    images only are skipped and named in ``Layout.notes``.

    Raises UnreadableFile for an encrypted, corrupt or image-only (scanned) PDF, and for
    one whose text does not decode (fonts without a map to Unicode).
    """
    notes = triage(data, name)
    pages = _parse(data, name)
    glyphs = sum(p.glyphs for p in pages)
    if glyphs == 0:  # PDFium saw text that pdfminer cannot: never return an empty layout
        raise UnreadableFile(name, NO_TEXT)
    if sum(p.undecodable for p in pages) * 2 > glyphs:
        raise UnreadableFile(name, UNDECODABLE)
    return Layout(name, tuple(layout_rows(pages, name)), notes)


def _parse(data: bytes, name: str) -> list[PageContent]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return list(_read_pages(pdf.pages))
    except PdfminerException as exc:
        # pdfplumber wraps what pdfminer raises while opening the document.
        cause = exc.args[0] if exc.args else exc
        raise UnreadableFile(name, _parse_failure(cause)) from None
    except PSException as exc:  # pdfminer's base class, PDFSyntaxError and PSEOF included
        raise UnreadableFile(name, _parse_failure(exc)) from None


def _read_pages(pages: Sequence[pdfplumber.page.Page]) -> Iterator[PageContent]:
    for page in pages:
        try:
            yield read_page(page)
        finally:
            page.close()  # drop the page's parsed objects: long reports stay small


def _parse_failure(exc: object) -> str:
    return ENCRYPTED if isinstance(exc, PDFEncryptionError) else CORRUPT


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
                yield text_row(block.text, Where(file, page=page_no, line=line))
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
    for r, slots in enumerate(part.slots, start=first_row):
        yield Row(
            tuple(
                Cell(
                    slot or "",
                    Where(at.file, page=at.page, table=at.table, row=r, col=c),
                    merged=slot is COVERED,
                )
                for c, slot in enumerate(slots, start=1)
            ),
            delimited=True,
        )
