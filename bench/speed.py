#!/usr/bin/env python3
"""Speed of read_report per file format, against bare text extraction of the same file.

    bench/speed.py [--runs N] [--corpus DIR] [--cpu]

For each format: the median over N runs (default 20) of one read_report call, timed in
this process (interpreter start and imports excluded: one untimed call first), and the
median of a bare text extraction of the same file, with the ratio of the two:
  text  (*.txt, *.md)     read the bytes and decode them
  HTML  (pingtan-2023)    lxml.html parse + text_content()
  Word  (generated)       python-docx: open, every paragraph's and cell's text
  PDF   (szfgs2024)       pypdfium2: every page's text page and its whole text (the bare
                          text pass the PDF reader is measured against; target ×3 or less)
The corpus has no real filled Word report: the Word file is the national blank form
(reference/national-form-2021-blank.docx) filled with szfgs2024.gold.json's numbers.
Memory: the peak of Python allocations (tracemalloc) during one read_report, and the
process's peak resident size at the end (all formats together).
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import cast

import docx
import lxml.html
import pypdfium2
from word_sample import fill_national_form

from gongkai.cli import corpus_files, display_width, pad
from gongkai.gold import gold_path, load_gold
from gongkai.ingest.decode import decode_text
from gongkai.reader import read_report

Extract = Callable[[Path], object]


def text_baseline(path: Path) -> object:
    return decode_text(path.read_bytes(), str(path))


def html_baseline(path: Path) -> object:
    root = cast(lxml.html.HtmlElement, lxml.html.fromstring(path.read_bytes()))  # stubs: _Element
    return root.text_content()


def word_baseline(path: Path) -> object:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return texts


def pdfium_baseline(path: Path) -> object:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


@dataclass(frozen=True)
class Format:
    name: str
    files: tuple[Path, ...]
    baselines: tuple[tuple[str, Extract], ...]
    note: str = ""


# The clock: wall time by default; --cpu switches to this process's CPU time, which holds
# on a machine shared with other work (wall time there depends on the others' load).
CLOCK: Callable[[], float] = time.perf_counter


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median time (``CLOCK``) of ``work`` over ``runs`` calls, after one untimed call."""
    work()
    times = []
    for _ in range(runs):
        start = CLOCK()
        work()
        times.append(CLOCK() - start)
    return statistics.median(times)


def traced_peak(work: Callable[[], object]) -> int:
    """Peak bytes of Python allocations during one call."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def bench_format(fmt: Format, runs: int) -> None:
    """Print one line per file, then the format's median of per-file medians."""
    print(f"\n{fmt.name}" + (f"  ({fmt.note})" if fmt.note else ""))
    width = max(display_width(p.name) for p in fmt.files)
    reads: list[float] = []
    bases: dict[str, list[float]] = {name: [] for name, _ in fmt.baselines}
    peaks: list[int] = []
    for path in fmt.files:
        line = f"  {pad(path.name, width)}"
        try:
            read = median_seconds(partial(read_report, path), runs)
            peak = traced_peak(partial(read_report, path))
        except Exception as exc:  # a reader that fails is a result, not a crash of the bench
            print(f"{line}  read_report failed: {type(exc).__name__}: {exc}")
            continue
        reads.append(read)
        peaks.append(peak)
        line += f"  read_report {ms(read):>10}  peak {peak / 2**20:6.1f} MiB"
        for name, extract in fmt.baselines:
            base = median_seconds(partial(extract, path), runs)
            bases[name].append(base)
            line += f"  {name} {ms(base)} (×{read / base:.1f})"
        print(line)
    if len(fmt.files) > 1 and reads:
        read = statistics.median(reads)
        summary = f"  {pad('median per report', width)}  read_report {ms(read):>10}"
        summary += f"  peak {max(peaks) / 2**20:6.1f} MiB (max)"
        for name, times in bases.items():
            summary += f"  {name} {ms(statistics.median(times))}"
            summary += f" (×{read / statistics.median(times):.1f})"
        print(summary)


def formats(corpus: Path, word_file: Path) -> list[Format]:
    texts = tuple(p for p in corpus_files(corpus) if p.suffix in {".txt", ".md"})
    pdf_baselines = (("pypdfium2", pdfium_baseline),)
    return [
        Format("text", texts, (("read+decode", text_baseline),)),
        Format("HTML", (corpus / "pingtan-2023.html",), (("lxml", html_baseline),)),
        Format(
            "Word",
            (word_file,),
            (("python-docx", word_baseline),),
            "generated: national blank form filled with szfgs2024.gold.json",
        ),
        Format("PDF", (corpus / "szfgs2024.pdf",), pdf_baselines),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="read_report speed per format")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per file (default 20)")
    parser.add_argument("--corpus", type=Path, default=_venv.CORPUS, metavar="DIR")
    parser.add_argument("--cpu", action="store_true", help="time CPU of this process, not wall")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    corpus: Path = args.corpus
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    clock = "CPU time" if args.cpu else "wall time"
    print(f"median {clock} of {args.runs} runs per file, in process; ×: read_report / baseline")
    with tempfile.TemporaryDirectory() as tmp:
        word_file = Path(tmp) / "szfgs2024-national-form.docx"
        gold = load_gold(gold_path(corpus / "szfgs2024.pdf"))
        fill_national_form(corpus / "reference" / "national-form-2021-blank.docx", gold, word_file)
        for fmt in formats(corpus, word_file):
            bench_format(fmt, args.runs)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak resident size: {maxrss:.0f} MiB (all formats)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
