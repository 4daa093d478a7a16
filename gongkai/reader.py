"""Reading one file into a Report: pick the adapter, then map its layout to the model.

The façade above ``ingest`` (adapters, one per format) and ``mapping`` (layout → report):
it imports both, and neither imports it."""

from __future__ import annotations

from pathlib import Path

from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Layout, check_layout
from gongkai.ingest.sniff import Format, detect_format, load_bytes
from gongkai.mapping.ocr import keep_trusted
from gongkai.mapping.report import layout_to_report
from gongkai.report.model import Report

# Plain Python errors a PDF library may raise on a damaged object, besides its own.
_DAMAGED_PDF_ERRORS = (TypeError, KeyError, ValueError, AttributeError, IndexError, AssertionError)


def read_layout(path: str | Path, *, ocr: bool = True) -> Layout:
    """The intermediate layout of one file, within the size bounds of
    ``gongkai.ingest.layout`` (MAX_ROWS, MAX_TEXT_CHARS). ``ocr``: read scanned PDF pages
    by OCR (else a scanned PDF is refused). Raises UnreadableFile."""
    return check_layout(_adapter_layout(path, ocr))


def _adapter_layout(path: str | Path, ocr: bool) -> Layout:
    p = Path(path)
    data = load_bytes(p)
    fmt = detect_format(data, p)
    name = str(path)
    if fmt is Format.PDF:
        from pypdfium2 import PdfiumError

        from gongkai.ingest.pdf import read_pdf

        try:
            return read_pdf(data, name, ocr=ocr)
        except (PdfiumError, *_DAMAGED_PDF_ERRORS) as exc:
            # PDFium fails to load a damaged page; a damaged object can also surface as a
            # plain Python error (a page without a MediaBox, a dictionary where a number belongs).
            raise UnreadableFile(
                name, f"文件已损坏：PDF 的内部结构有误（{type(exc).__name__}），无法读取"
            ) from None
    if fmt is Format.DOCX:
        from gongkai.ingest.docx import read_docx

        return read_docx(data, name)
    if fmt is Format.DOC:
        from gongkai.ingest.docx import read_docx
        from gongkai.ingest.oldword import doc_to_docx

        return read_docx(doc_to_docx(data, name), name)
    if fmt is Format.HTML:
        from gongkai.ingest.html import read_html

        return read_html(data, name)
    from gongkai.ingest.text import read_text

    return read_text(data, name)


def read_report(path: str | Path, *, ocr: bool = True) -> Report:
    """Read one published annual report. ``ocr``: read scanned PDF pages by OCR (else a
    scanned PDF is refused). Raises UnreadableFile with a one-line reason."""
    return keep_trusted(layout_to_report(read_layout(path, ocr=ocr)))


def read_document(path: str | Path, *, ocr: bool = True) -> tuple[Layout, Report]:
    """The layout of one file and the report mapped from it, reading the file once (for
    checks that need the document's text as well as its cells). Raises UnreadableFile."""
    layout = read_layout(path, ocr=ocr)
    return layout, keep_trusted(layout_to_report(layout))
