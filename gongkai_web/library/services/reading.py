"""Reading one untrusted file with bounded time and memory.

Each queue worker keeps one reading child, forked from it (the readers already imported)
and running the audit's worker loop (``gongkai.audit.workers``) under an address-space
limit; the worker waits at most the time limit for each file and kills the child after it.
``LimitedPool`` there serves one batch of paths; the library's queue hands a worker one
file per task, so the child is kept across tasks instead. A file that crashes, hangs or
exhausts memory comes back as a one-line Chinese reason, like any file the reader
refuses; the worker itself is never at risk."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import tempfile
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path, PurePath

from gongkai.audit import workers
from gongkai.audit.document import Document, build_document
from gongkai.audit.rules.cross_year import compared
from gongkai.audit.run import ReportAudit, audit_document
from gongkai.audit.sections import headings
from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Layout
from gongkai.mapping.report import layout_to_report
from gongkai.reader import read_layout
from gongkai.report.model import Report

# Characters of a section's text kept for comparing years (a section runs to a few thousand).
SECTION_CHARS = 20_000


@dataclass(frozen=True)
class Read:
    """What one file gave: the report, its single-report audit, the narrowed document the
    year rules need, and the running text of each of the six sections (0: before the first)."""

    report: Report
    audit: ReportAudit
    document: Document
    sections: dict[int, str]
    # Each cell's printed row (or line) around the value, and where the value starts in it.
    contexts: dict[str, tuple[str, int]]


@dataclass(frozen=True)
class Failed:
    reason: str


def section_texts(layout: Layout) -> dict[int, str]:
    """The running text under each statutory section heading, tables left out."""
    texts: dict[int, list[str]] = {}
    current = 0
    for row in layout.rows:
        if row.delimited:
            continue
        for heading in headings([row]):
            if heading.section is not None:
                current = heading.section
        texts.setdefault(current, []).append(row.text)
    return {n: "\n".join(parts)[:SECTION_CHARS] for n, parts in texts.items()}


_warm = False


def warm_up() -> None:
    """Import every reader and fill the audit's caches in this process once, so that each
    forked child starts with them (a child's own imports and caches die with it)."""
    global _warm
    if _warm:
        return
    import gongkai.ingest.docx
    import gongkai.ingest.html
    import gongkai.ingest.pdf
    import gongkai.ingest.text  # noqa: F401
    from gongkai.audit.rules import copied

    copied._form_wording()
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.txt"
        sample.write_text(_sample_report(), encoding="utf-8")
        read_file(str(sample), "sample.txt")  # fills the mapper's and rules' caches
    # Objects alive now are never collected in the children: sparing the collector their
    # pages keeps each forked child from copying the parent's heap (a quarter faster).
    gc.freeze()
    _warm = True


def _sample_report() -> str:
    """A small made-up report in the 2021 form (every row of tables 3 and 4, zeros)."""
    from gongkai.catalogue.forms import T3_ROWS, T4_GROUPS

    lines = ["示例市示例局2024年政府信息公开工作年度报告", "一、总体情况", "本年度工作如下。"]
    lines += ["二、主动公开政府信息情况", "规章 0 0 0", "规范性文件 0 0 0"]
    lines += ["三、收到和处理政府信息公开申请情况"]
    lines += [f"{row.label} 0 0 0 0 0 0 0" for row in T3_ROWS]
    lines += ["四、政府信息公开行政复议、行政诉讼情况"]
    lines += [f"{group.label} 0 0 0 0 0" for group in T4_GROUPS]
    lines += ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"


# Characters of a cell's row kept on each side of the value.
_AROUND = 60


def _around(context: str, start: int, length: int) -> tuple[str, int]:
    if start < 0:
        return context[: 2 * _AROUND], -1
    lo = max(0, start - _AROUND)
    return context[lo : start + length + _AROUND], start - lo


def read_file(path: str, source: str) -> Read | Failed:
    """Read and audit one file in this process. Never raises."""
    try:
        layout = read_layout(path)
        report = layout_to_report(layout).model_copy(update={"source": source})
        doc = build_document(layout, report)
        contexts = {
            cell: _around(e.context, e.start, len(e.quote)) for cell, e in doc.evidence.items()
        }
        narrowed = doc.narrowed(compared)
        return Read(report, audit_document(doc), narrowed, section_texts(layout), contexts)
    except UnreadableFile as exc:
        return Failed(exc.reason)
    except MemoryError:
        return Failed("读取时内存超出上限，文件过大或已损坏")
    except Exception as exc:  # a reader bug on one file must not stop the batch
        text = " ".join(str(exc).split())[:200]
        return Failed(f"内部错误：{type(exc).__name__}" + (f": {text}" if text else ""))


_MEMORY = "读取时内存超出上限，文件过大或已损坏"


def _read_path(path: str) -> Read | Failed:
    return read_file(path, PurePath(path).name)  # the parent puts the upload's name in


def _serve(memory_mb: int, conn: Connection, parents: Connection) -> None:
    """The reading child: the audit's worker loop (``gongkai.audit.workers``: files one
    after another under the address-space limit). It first drops the queue worker's signal
    handlers (a worker's graceful shutdown would keep it alive) and the worker's end of the
    pipe (so that it sees the end when the worker dies)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    parents.close()
    # Nor any other descriptor of the worker's (its database socket, a test's browser
    # pipes): the child keeps only its own pipe and the standard streams.
    keep = conn.fileno()
    os.closerange(3, keep)
    os.closerange(keep + 1, 65536)
    workers._serve(
        conn, _read_path, workers.Limits(seconds=None, memory_mib=memory_mb), announce=False
    )


class Reader:
    """A child process that reads files one after another, forked once (not per file:
    a fork costs more than reading a text report). After a timeout or a crash the child is
    killed and the next file gets a new one; after ``MAX_FILES`` files too, so that
    whatever a reader leaks is bounded."""

    MAX_FILES = 500

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.child: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.files = 0

    def _start(self) -> tuple[multiprocessing.process.BaseProcess, Connection]:
        warm_up()
        _close_database_connections()
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        child = context.Process(target=_serve, args=(self.memory_mb, theirs, mine), daemon=True)
        child.start()
        theirs.close()
        self.child, self.conn, self.files = child, mine, 0
        return child, mine

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.child is not None:
            self.child.kill()
            self.child.join(5)
        self.child = self.conn = None

    def read(self, path: str, source: str, seconds: float) -> Read | Failed:
        if self.child is None or not self.child.is_alive() or self.files >= self.MAX_FILES:
            self.stop()
            child, conn = self._start()
        else:
            child, conn = self.child, self.conn  # type: ignore[assignment]
        self.files += 1
        try:
            conn.send((self.files, path))
            if not conn.poll(seconds):
                self.stop()
                return Failed(f"读取超时（超过 {seconds:g} 秒），文件过大或结构异常")
            _, result = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            child.join(5)
            code = child.exitcode
            self.stop()
            return Failed(
                f"读取进程异常退出（退出码 {code}），可能超出内存上限 {self.memory_mb} MB"
            )
        if isinstance(result, workers.OutOfMemory):
            self.stop()  # a child that ran out of memory is not trusted with the next file
            return Failed(_MEMORY)
        if isinstance(result, Read):
            return replace(result, report=result.report.model_copy(update={"source": source}))
        return result  # type: ignore[no-any-return]


def _close_database_connections() -> None:
    """A forked child must not share the worker's database connection (its socket would
    outlive the worker's session); closed here, it reconnects on the next query. Inside a
    transaction (tests running tasks immediately) it is left open: the child never uses it."""
    from django.conf import settings
    from django.db import connections

    if not settings.configured:
        return
    opened = connections.all(initialized_only=True)
    if not any(c.in_atomic_block for c in opened):
        connections.close_all()


_readers: dict[int, Reader] = {}


def read_bounded(path: str | Path, source: str, *, seconds: float, memory_mb: int) -> Read | Failed:
    """Read one file in a child process limited to ``seconds`` and ``memory_mb``."""
    reader = _readers.get(memory_mb)
    if reader is None:
        reader = _readers[memory_mb] = Reader(memory_mb)
    return reader.read(str(path), source, seconds)


def stop_readers() -> None:
    """Stop the reading children of this process (tests, and a worker shutting down)."""
    for reader in _readers.values():
        reader.stop()
    _readers.clear()
