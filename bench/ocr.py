#!/usr/bin/env python3
"""Time to read a scanned report by OCR, and how much of its gold it gives.

    bench/ocr.py [--pages N] [--dpi D] [FILE.pdf]    (default: the WPS sample, 5 pages)

The scan is made here: the first N pages (default 5) of FILE rasterised by PDFium at D
dpi (default 150) in grey and written as an image-only PDF, as a scanner gives it. Then
one read_report of the scan, timed in this process after the OCR engine is loaded (its
loading is printed apart): wall time, CPU time of this process (the engine's threads
included; on a shared machine wall time depends on what else runs), seconds per page.
When FILE has a gold answer, the cells of the gold that the scan gives exactly, wrongly,
or not at all.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium

from gongkai.gold import gold_path, load_gold, score
from gongkai.ingest.pdf.ocr import _load_engine
from gongkai.reader import read_report

SAMPLE = _venv.CORPUS / "szfgs2024.pdf"


def rasterise(source: Path, out: Path, pages: int, dpi: int) -> int:
    doc = pdfium.PdfDocument(source)
    try:
        count = min(pages, len(doc))
        images = [
            doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(count)
        ]
    finally:
        doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="read a scanned report by OCR")
    parser.add_argument("file", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    _load_engine()
    print(f"OCR engine loaded in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / f"{args.file.stem}-scan.pdf"
        pages = rasterise(args.file, scan, args.pages, args.dpi)
        print(f"{scan.name}: {pages} pages at {args.dpi} dpi, {scan.stat().st_size / 1024:.0f} KB")
        wall, cpu = time.perf_counter(), time.process_time()
        report = read_report(scan)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"read_report: {wall:.1f} s wall, {cpu:.1f} s CPU, {wall / pages:.1f} s per page")
    gold_file = gold_path(args.file)
    if gold_file.is_file():
        result = score(report, load_gold(gold_file))
        print(
            f"gold cells: {result.exact}/{result.in_gold} exact, {len(result.wrong)} wrong, "
            f"{len(result.missed)} left out, {len(result.spurious)} spurious"
        )
        if result.wrong:
            print("  wrong: " + ", ".join(result.wrong))
    left_out = [w for w in report.warnings if w.code.startswith("ocr_")]
    print(f"OCR numbers left out with a warning: {len(left_out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
