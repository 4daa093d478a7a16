"""Ruling lines from PDFium's path objects: inside form XObjects, and white ones left out."""

from __future__ import annotations

from gongkai.ingest.pdf import read_pdf
from tests.formats.hostile_pdf import A4, pdf, stream

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def grid_content(stroke: bytes) -> bytes:
    """A 2x2 table of rules at x 0/100/200, y 0/30/60, figures 1-4 in its cells."""
    rules = b"".join(b"0 %d m 200 %d l " % (y, y) for y in (0, 30, 60))
    rules += b"".join(b"%d 0 m %d 60 l " % (x, x) for x in (0, 100, 200))
    text = b"BT /F1 10 Tf 40 40 Td (1) Tj 100 0 Td (2) Tj -100 -30 Td (3) Tj 100 0 Td (4) Tj ET"
    return stroke + b" " + rules + b"S " + text


def page_pdf(content: bytes, form: bytes | None = None) -> bytes:
    resources = b"/Font << /F1 5 0 R >>" + (b" /XObject << /Fm1 6 0 R >>" if form else b"")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox "
        + A4
        + b" /Contents 4 0 R /Resources << "
        + resources
        + b" >> >>",
        stream(content),
        FONT,
    ]
    if form:
        objects.append(
            stream(
                form,
                b"/Type /XObject /Subtype /Form /BBox [0 0 300 100] "
                b"/Resources << /Font << /F1 5 0 R >> >>",
            )
        )
    return pdf(objects)


def table_rows(data: bytes) -> list[list[str]]:
    layout = read_pdf(data, "t.pdf")
    return [[c.text for c in r.cells] for r in layout.rows if r.delimited]


def test_a_table_drawn_on_the_page_is_found() -> None:
    data = page_pdf(b"q 1 0 0 1 100 500 cm " + grid_content(b"0 G") + b" Q")
    assert table_rows(data) == [["1", "2"], ["3", "4"]]


def test_a_table_drawn_inside_a_form_xobject_is_found_where_the_form_is_placed() -> None:
    data = page_pdf(b"q 1 0 0 1 100 500 cm /Fm1 Do Q", form=grid_content(b"0 G"))
    assert table_rows(data) == [["1", "2"], ["3", "4"]]


def test_white_rules_are_not_a_table() -> None:
    data = page_pdf(b"q 1 0 0 1 100 500 cm " + grid_content(b"1 1 1 RG") + b" Q")
    assert table_rows(data) == []
