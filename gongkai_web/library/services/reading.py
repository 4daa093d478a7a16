"""Reading one untrusted file with bounded time and memory.

Each read runs in a child process forked from the worker (cheap: the readers are already
imported), with an address-space limit; the parent waits at most the time limit and kills
the child after it. A file that crashes, hangs or exhausts memory comes back as a one-line
Chinese reason, like any file the reader refuses; the worker itself is never at risk."""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from gongkai.audit.document import Document, build_document
from gongkai.audit.rules.cross_year import compared
from gongkai.audit.run import ReportAudit, audit_document
from gongkai.audit.sections import headings
from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Layout
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


def read_file(path: str, source: str) -> Read | Failed:
    """Read and audit one file in this process. Never raises."""
    from gongkai.mapping.report import layout_to_report
    from gongkai.reader import read_layout

    try:
        layout = read_layout(path)
        report = layout_to_report(layout).model_copy(update={"source": source})
        doc = build_document(layout, report)
        return Read(report, audit_document(doc), doc.narrowed(compared), section_texts(layout))
    except UnreadableFile as exc:
        return Failed(exc.reason)
    except MemoryError:
        return Failed("读取时内存超出上限，文件过大或已损坏")
    except Exception as exc:  # a reader bug on one file must not stop the batch
        text = " ".join(str(exc).split())[:200]
        return Failed(f"内部错误：{type(exc).__name__}" + (f": {text}" if text else ""))


def _child(path: str, source: str, memory_mb: int, conn: Connection) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(read_file(path, source))
    except MemoryError:
        conn.send(Failed("读取时内存超出上限，文件过大或已损坏"))
    finally:
        conn.close()


def read_bounded(path: str | Path, source: str, *, seconds: float, memory_mb: int) -> Read | Failed:
    """Read one file in a child process limited to ``seconds`` and ``memory_mb``."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(path), source, memory_mb, sender))
    child.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            try:
                return receiver.recv()  # type: ignore[no-any-return]
            except EOFError:
                pass
        else:
            child.kill()
            return Failed(f"读取超时（超过 {seconds:g} 秒），文件过大或结构异常")
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    return Failed(f"读取进程异常退出（退出码 {child.exitcode}），可能超出内存上限 {memory_mb} MB")
