"""The ``gongkai audit`` command.

    gongkai audit FILE_OR_DIR... [--json] [--html OUT] [--strict] [--jobs N]
                  [--timeout SECONDS] [--max-memory MIB]

Folders are searched recursively for report files (PDF, Word, HTML, text, markdown).
Reports of one agency are compared year against year. Findings go to stdout (text, or
JSON with --json); a progress bar (on a terminal), one line per file that could not be
read, and a summary go to stderr. --html also writes a page for a person to read.
Each file is read in a worker process under a time limit (--timeout, default 120 s, at
most 86400) and a memory limit (--max-memory, default 2048 MiB, 128 to 1048576); a file
that exceeds them is one line like any unreadable file, and the others carry on.

Exit status: 0 every file was read and audited, whatever it was found to contain; 1 a
file could not be read or the page not written; 2 usage error; 3 with --strict, every
file read but some report has an ``error`` finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.audit.batch import BatchResult, Progress, audit_files, report_files, summary
from gongkai.audit.findings import Evidence, Severity
from gongkai.audit.html import SEVERITY_NAMES, render_html
from gongkai.audit.run import ReportAudit
from gongkai.audit.workers import (
    DEFAULT_MEMORY_MIB,
    DEFAULT_SECONDS,
    MAX_MEMORY_MIB,
    MAX_SECONDS,
    MIN_MEMORY_MIB,
    Limits,
    WorkerStartFailed,
)
from gongkai.paths import shown, shown_json

PROG = "gongkai"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ERRORS = 0, 1, 2, 3
_QUOTE_AROUND = 24  # characters of context either side of a quote in text output


MAX_JOBS = 256


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"进程数应为 1 至 {MAX_JOBS} 的整数：{text}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= MAX_SECONDS:  # NaN fails too
        raise argparse.ArgumentTypeError(f"时限应为 0 至 {MAX_SECONDS:g} 秒之间的数：{text}")
    return value


def _memory(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not MIN_MEMORY_MIB <= value <= MAX_MEMORY_MIB:
        raise argparse.ArgumentTypeError(
            f"内存上限应为 {MIN_MEMORY_MIB} 至 {MAX_MEMORY_MIB} 之间的整数（MiB）：{text}"
        )
    return value


def add_parser(subparsers: Any) -> None:
    """Register ``audit`` on the main parser's sub-commands."""
    audit = subparsers.add_parser("audit", help="审核报告：表内关系、正文与表格、前后年度、合理性")
    audit.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="报告文件或目录")
    audit.add_argument("--json", action="store_true", help="输出 JSON")
    audit.add_argument("--html", metavar="OUT", help="另写一份网页版审核结果")
    audit.add_argument("--strict", action="store_true", help="发现“错误”时以状态 3 退出")
    audit.add_argument("--jobs", type=_jobs, metavar="N", help="并行进程数（默认：全部核心）")
    audit.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_SECONDS,
        metavar="SECONDS",
        help=f"每个文件的读取时限（秒，默认 {DEFAULT_SECONDS:g}）",
    )
    audit.add_argument(
        "--max-memory",
        type=_memory,
        default=DEFAULT_MEMORY_MIB,
        metavar="MIB",
        help=f"每个读取进程的内存上限（MiB，默认 {DEFAULT_MEMORY_MIB}）",
    )
    audit.add_argument(
        "--no-ocr", action="store_true", help="不对扫描件做 OCR：扫描件报告为无法读取"
    )


def _say_failed(path: str, reason: str) -> None:
    print(f"{PROG}: {shown(path)}: {shown(' '.join(reason.split()))}", file=sys.stderr)


def _excerpt(evidence: Evidence) -> str:
    """The quote in 【】 with a little of its context."""
    start, quote, context = evidence.start, evidence.quote, evidence.context
    if start < 0 or context[start : start + len(quote)] != quote:
        return f"【{quote}】"
    before = context[max(0, start - _QUOTE_AROUND) : start]
    after = context[start + len(quote) : start + len(quote) + _QUOTE_AROUND]
    return " ".join(f"{before}【{quote}】{after}".split())


def render_text(audit: ReportAudit) -> str:
    """One report's findings as readable Chinese text."""
    year = audit.year if audit.year is not None else "未识别"
    counts = "，".join(f"{SEVERITY_NAMES[s]} {audit.count(s)} 项" for s in Severity)
    lines = [
        f"文件：{audit.source}　机关：{audit.agency or '未识别'}　年度：{year}",
        f"  {counts}；未能核对 {len(audit.not_checked)} 项",
    ]
    for finding in audit.findings:
        lines.append(f"  [{SEVERITY_NAMES[finding.severity]}] {finding.rule}　{finding.message}")
        for e in finding.evidence:
            where = e.location() if e.file == audit.source else f"{e.file} {e.location()}"
            lines.append(f"      {where}：{_excerpt(e)}")
    return "\n".join(lines)


def _json(result: BatchResult) -> dict[str, Any]:
    return {
        "reports": [a.to_json_dict() for a in result.audits],
        "unreadable": [{"source": u.source, "reason": u.reason} for u in result.unreadable],
    }


def _write_html(path: str, result: BatchResult) -> bool:
    try:
        page = shown(render_html(result.audits, result.unreadable))
        Path(path).write_text(page, encoding="utf-8")
    except OSError as exc:
        _say_failed(path, f"无法写入网页：{exc.strerror or exc}")
        return False
    return True


def run(args: argparse.Namespace) -> int:
    """Run ``gongkai audit``; returns the exit status (see the module docstring)."""
    files, missing = report_files(args.paths)  # folders it cannot enter are in missing
    for problem in missing:
        _say_failed(problem.source, problem.reason)
    if not files:
        if not missing:
            print(f"{PROG}: 没有找到报告文件（{'、'.join(args.paths)}）", file=sys.stderr)
        return EXIT_FAILED
    limits = Limits(seconds=args.timeout, memory_mib=args.max_memory)
    try:
        result = audit_files(
            files,
            workers=args.jobs,
            progress=Progress(len(files)),
            limits=limits,
            ocr=not args.no_ocr,
        )
    except WorkerStartFailed as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for failed in result.unreadable:
        _say_failed(failed.source, failed.reason)
    if args.json:
        # always valid UTF-8: undecodable file-name bytes as \xNN (gongkai.paths)
        print(json.dumps(shown_json(_json(result)), ensure_ascii=False, indent=1))
    else:
        print(shown("\n\n".join(render_text(a) for a in result.audits)))
    written = _write_html(args.html, result) if args.html else True
    if len(files) + len(missing) > 1:
        print(summary(result, len(files) + len(missing)), file=sys.stderr)
    if missing or result.unreadable or not written:
        return EXIT_FAILED
    if args.strict and result.count(Severity.ERROR):
        return EXIT_ERRORS
    return EXIT_OK
