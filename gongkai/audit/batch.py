"""Auditing many files: read and audit each on all cores, then compare years.

Reading is the slow part (PDFs above all), so each worker process reads a file and runs
the single-report rules; the year-against-year rules need every report of an agency and
run once all files are read. A file that cannot be read is recorded with its reason and
does not stop the others. Workers run under a time and a memory limit per file
(``gongkai.audit.workers``): a file that exceeds them is one such record.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from gongkai.audit.document import Document, read_for_audit
from gongkai.audit.findings import Severity
from gongkai.audit.rules.cross_year import compared
from gongkai.audit.run import ReportAudit, audit_document, audit_years
from gongkai.audit.workers import LimitedPool, Limits
from gongkai.errors import UnreadableFile
from gongkai.ingest.sniff import os_reason

# The files of a folder that are audited: what the readers read. Answers (*.json), notes
# and hidden files are left out; a file named on the command line is always audited.
REPORT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".docx",
        ".doc",
        ".wps",
        ".html",
        ".htm",
        ".shtml",
        ".xhtml",
        ".txt",
        ".md",
        ".markdown",
        ".text",
    }
)
# Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM = 4


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be audited, and why (one line, Chinese)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Audits in the order the files were given; files that could not be read."""

    audits: tuple[ReportAudit, ...]
    unreadable: tuple[Unreadable, ...]
    seconds: float
    workers: int

    def count(self, severity: Severity) -> int:
        return sum(a.count(severity) for a in self.audits)


def report_files(paths: Iterable[str]) -> tuple[list[str], list[Unreadable]]:
    """The files to audit: each file given, and the report files under each folder given
    (recursively, sorted). A path that does not exist, and a folder (or subfolder) that
    cannot be entered, are returned as unreadable."""
    files: list[str] = []
    problems: list[Unreadable] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found, unreachable = _folder_files(path)
            files += found
            problems += unreachable
        elif path.exists():
            files.append(given)
        else:
            problems.append(Unreadable(given, "文件或目录不存在"))
    return files, problems


def _folder_files(root: Path) -> tuple[list[str], list[Unreadable]]:
    """Report files under ``root``, sorted; subfolders that could not be listed."""
    found: list[Path] = []
    unreachable: list[Unreadable] = []

    def cannot_enter(error: OSError) -> None:
        unreachable.append(Unreadable(str(error.filename), f"无法进入目录（{os_reason(error)}）"))

    for folder, subfolders, names in os.walk(root, onerror=cannot_enter):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found += (here / name for name in names)
    files = [str(p) for p in sorted(found) if _is_report_file(p, root)]
    return files, sorted(unreachable, key=lambda u: u.source)


def _is_report_file(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    if any(part.startswith(".") for part in parts) or not path.is_file():
        return False
    name = path.name.lower()
    return path.suffix.lower() in REPORT_SUFFIXES and not name.startswith("readme")


def _internal_error(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"内部错误：{type(exc).__name__}" + (f": {text}" if text else "")


Read = tuple[Document, ReportAudit] | Unreadable


def read_and_audit(path: str, ocr: bool = True) -> Read:
    """Read one file and run the single-report rules; never raises (runs in a worker).
    The document comes back narrowed to what comparing years needs. ``ocr``: read
    scanned PDF pages by OCR."""
    try:
        doc = read_for_audit(path, ocr=ocr)
        return doc.narrowed(compared), audit_document(doc)
    except UnreadableFile as exc:
        return Unreadable(path, exc.reason)
    except MemoryError:  # the worker's memory limit: reported as such by the pool
        raise
    except Exception as exc:  # a reader bug in one file must not stop the batch
        return Unreadable(path, _internal_error(exc))


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# How workers start (see gongkai.audit.workers), and what the fork server imports first.
# Tests that patch the reader in this process use "fork", so that the workers see it.
START_METHOD = "forkserver"
_PRELOAD = ("gongkai.audit.batch",)


def _read_all(
    files: Sequence[str], workers: int, limits: Limits, ocr: bool = True
) -> Iterator[Read]:
    task = partial(read_and_audit, ocr=ocr)
    pool: LimitedPool[Read] = LimitedPool(
        task, Unreadable, workers, limits, start_method=START_METHOD, preload=_PRELOAD
    )
    yield from pool.map(files)


def audit_files(
    files: Sequence[str],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
    ocr: bool = True,
) -> BatchResult:
    """Audit the files on ``workers`` processes (default: every core), each file under
    ``limits`` (default: 60 s and 1024 MiB), then compare each report with its agency's
    report of the year before."""
    started = time.perf_counter()
    count = workers or available_cores()
    if len(files) < _PARALLEL_FROM:
        count = 1
    docs: list[Document] = []
    audits: list[ReportAudit] = []
    unreadable: list[Unreadable] = []
    for result in _read_all(files, count, limits or Limits(), ocr):
        if isinstance(result, Unreadable):
            unreadable.append(result)
        else:
            docs.append(result[0])
            audits.append(result[1])
        if progress is not None:
            progress.advance()
    years = audit_years(docs)
    merged = tuple(a.adding(f, n) for a, (f, n) in zip(audits, years, strict=True))
    if progress is not None:
        progress.close()
    return BatchResult(merged, tuple(unreadable), time.perf_counter() - started, count)


class Progress:
    """A one-line progress bar on a terminal ("审核 120/1000 [###-------] 12%"); silent
    when the stream is not a terminal (a log, a pipe)."""

    WIDTH = 30
    EVERY = 0.1  # seconds between redraws

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.shown = self.stream.isatty() and total > 1
        self._drawn = 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.shown and (now - self._drawn >= self.EVERY or self.done == self.total):
            self._drawn = now
            filled = self.WIDTH * self.done // max(1, self.total)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            share = self.done / max(1, self.total)
            self.stream.write(f"\r审核 {self.done}/{self.total} [{bar}] {share:.0%}")
            self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def summary(result: BatchResult, given: int) -> str:
    """One paragraph of Chinese: files, findings by weight, unreadable files, time."""
    with_errors = sum(1 for a in result.audits if a.count(Severity.ERROR))
    lines = [
        f"汇总：共 {given} 个文件，审核 {len(result.audits)} 份报告，"
        f"用时 {result.seconds:.1f} 秒（{result.workers} 个进程）",
        f"  错误 {result.count(Severity.ERROR)} 项（{with_errors} 份报告），"
        f"警告 {result.count(Severity.WARNING)} 项，提示 {result.count(Severity.INFO)} 项",
    ]
    if result.unreadable:
        lines.append(f"  无法读取 {len(result.unreadable)} 个文件（原因见上方各行）")
    return "\n".join(lines)
