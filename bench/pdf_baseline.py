"""How long reading a PDF takes against bare text extraction of the same file.

The target: ``read_pdf`` at most twice pdfplumber's ``extract_text`` over all pages.
Usage: .venv/bin/python bench/pdf_baseline.py [FILE.pdf ...] (default: the WPS sample).
Prints the best and median of several runs, in milliseconds.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from gongkai.ingest.pdf import read_pdf
from gongkai.ingest.pdf.triage import triage

SAMPLE = _venv.CORPUS / "szfgs2024.pdf"
RUNS = 7


def plumber_text(data: bytes) -> object:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def pdfium_text(data: bytes) -> object:
    doc = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_bounded() for page in doc]
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
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        print(f"{path.name}: {pages} pages, {len(data) / 1024:.0f} KB")
        base = timings(plumber_text, data)
        cases: list[tuple[str, Callable[[bytes], object]]] = [
            ("(a) pdfplumber extract_text", plumber_text),
            ("(b) pypdfium2 text", pdfium_text),
            ("(c) read_pdf", lambda d: read_pdf(d, "bench.pdf")),
            ("    of which triage (pypdfium2)", lambda d: triage(d, "bench.pdf")),
        ]
        for label, fn in cases:
            best, median = base if fn is plumber_text else timings(fn, data)
            print(
                f"  {label:32} best {best:7.1f} ms  median {median:7.1f} ms"
                f"  = {median / base[1]:.2f} x (a)"
            )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [SAMPLE])
