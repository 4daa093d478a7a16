"""How long reading a PDF takes against PDFium's bare text pass of the same file, by stage.

The target: ``read_pdf`` at most three times pypdfium2's text pass over all pages.
Usage: .venv/bin/python bench/pdf_baseline.py [FILE.pdf ...] (default: the WPS sample).
Prints the best and median of several runs, in milliseconds.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from gongkai.ingest.pdf import read_pdf
from gongkai.ingest.pdf.caps import checked_bytes

SAMPLE = _venv.CORPUS / "szfgs2024.pdf"
RUNS = 15


def pdfium_text(data: bytes) -> object:
    doc = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def timings(fn: Callable[[bytes], object], data: bytes) -> tuple[float, float]:
    fn(data)  # warm up: imports, font caches
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(data)
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs), statistics.median(runs)


def main(paths: list[Path]) -> None:
    for path in paths:
        data = path.read_bytes()
        doc = pdfium.PdfDocument(data)
        pages = len(doc)
        doc.close()
        print(f"{path.name}: {pages} pages, {len(data) / 1024:.0f} KB")
        base = timings(pdfium_text, data)
        cases: list[tuple[str, Callable[[bytes], object]]] = [
            ("(a) pypdfium2 text pass", pdfium_text),
            ("(b) read_pdf", lambda d: read_pdf(d, "bench.pdf", ocr=False)),
            ("    of which caps (raw bytes)", lambda d: checked_bytes(d, "bench.pdf")),
        ]
        for label, fn in cases:
            best, median = base if fn is pdfium_text else timings(fn, data)
            print(
                f"  {label:32} best {best:7.1f} ms  median {median:7.1f} ms"
                f"  = {median / base[1]:.2f} x (a)"
            )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [SAMPLE])
