"""Scanned PDFs for the OCR tests, made at test time: a PDF's pages rasterised by PDFium
into grey images and written back as an image-only PDF (Pillow), as a scanner would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium

DPI = 150


def rasterise(source: bytes, out: Path, *, pages: Sequence[int] | None = None) -> None:
    """Write ``out``: the (0-based) ``pages`` of the PDF ``source`` (all when None) as
    images at ``DPI``, with no text layer."""
    doc = pdfium.PdfDocument(source)
    try:
        wanted = range(len(doc)) if pages is None else pages
        images = [
            doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for i in wanted
        ]
    finally:
        doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=DPI)
