"""The characters of a page's text layer, with their boxes, from PDFium's text page.

PDFium parses the content stream in C; here each character costs one call for its box
(the text itself comes in one call per page). The box is PDFium's "loose" box: the
font's ascent to descent, as wide as the advance, so that characters of one line share
a top and bottom whatever their shape ("一" is as tall as "国").
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.ingest.pdf.glyphs import Glyph, ordinary

# Whether a page's text decodes is judged on this many of its characters (a call each).
_SAMPLE = 200


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's glyphs (blanks dropped, doubled characters once) and how many of them
    have no map to Unicode in their font (estimated from the first ``_SAMPLE``)."""

    glyphs: list[Glyph]
    undecodable: int


def page_text(textpage: pdfium.PdfTextPage, height: float) -> PageText:
    """The glyphs of one text page; ``height`` (points) turns PDF's upward y into the
    downward y of ``Glyph``.

    Blanks go because spacing is decided from gaps, and so do the characters PDFium
    adds itself (line ends). Some producers fake bold type by drawing each character
    twice a fraction of a point apart: the copy is dropped.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return PageText([], 0)
    text = textpage.get_text_range(0, count)
    per_char = len(text) == count  # else: characters beyond the BMP, read one by one
    rect = pdfium_c.FS_RECTF()
    box = pdfium_c.FPDFText_GetLooseCharBox
    unmapped = pdfium_c.FPDFText_HasUnicodeMapError
    rect_ref = ctypes.byref(rect)
    seen: set[tuple[str, int, int]] = set()
    glyphs: list[Glyph] = []
    checked = unmapped_seen = 0
    for i in range(count):
        ch = text[i] if per_char else chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32)
        if ch.isspace() or ch == "\x00" or not box(raw, i, rect_ref):
            continue
        if "\u2e80" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff":
            ch = ordinary(ch)
        left, top, bottom = rect.left, height - rect.top, height - rect.bottom
        key = (ch, int(left), int(top))
        if key in seen:
            continue
        seen.add(key)
        if checked < _SAMPLE:
            checked += 1
            unmapped_seen += unmapped(raw, i) == 1
        glyphs.append(Glyph(ch, left, rect.right, top, bottom, (bottom - top) or 1.0))
    undecodable = round(unmapped_seen * len(glyphs) / checked) if checked else 0
    return PageText(glyphs, undecodable)
