"""Reading one untrusted file with bounded time and memory.

Each read runs in a child process forked from the worker (cheap: the readers are already
imported), with an address-space limit; the parent waits at most the time limit and kills
the child after it. A file that crashes, hangs or exhausts memory comes back as a one-line
Chinese reason, like any file the reader refuses; the worker itself is never at risk."""

from __future__ import annotations

import gc
import multiprocessing
import resource
import tempfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

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


def read_file(path: str, source: str) -> Read | Failed:
    """Read and audit one file in this process. Never raises."""
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
    warm_up()
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
