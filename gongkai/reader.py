"""Reading one file into a Report: pick the adapter, then map its layout to the model.

The façade above ``ingest`` (adapters, one per format) and ``mapping`` (layout → report):
it imports both, and neither imports it."""

from __future__ import annotations

from pathlib import Path

from gongkai.ingest.layout import Layout
from gongkai.ingest.sniff import Format, detect_format, load_bytes
from gongkai.mapping.report import layout_to_report
from gongkai.report.model import Report


def read_layout(path: str | Path) -> Layout:
    """The intermediate layout of one file. Raises UnreadableFile."""
    p = Path(path)
    data = load_bytes(p)
    fmt = detect_format(data, p)
    name = str(path)
    if fmt is Format.PDF:
        from gongkai.ingest.pdf import read_pdf

        return read_pdf(data, name)
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


def read_report(path: str | Path) -> Report:
    """Read one published annual report. Raises UnreadableFile with a one-line reason."""
    return layout_to_report(read_layout(path))


def read_document(path: str | Path) -> tuple[Layout, Report]:
    """The layout of one file and the report mapped from it, reading the file once (for
    checks that need the document's text as well as its cells). Raises UnreadableFile."""
    layout = read_layout(path)
    return layout, layout_to_report(layout)
