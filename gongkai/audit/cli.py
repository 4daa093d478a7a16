"""The ``gongkai audit`` command.

    gongkai audit FILE_OR_DIR... [--json] [--html OUT] [--strict] [--jobs N]

Folders are searched recursively for report files (PDF, Word, HTML, text, markdown).
Reports of one agency are compared year against year. Findings go to stdout (text, or
JSON with --json); a progress bar (on a terminal), one line per file that could not be
read, and a summary go to stderr. --html also writes a page for a person to read.

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

PROG = "gongkai"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ERRORS = 0, 1, 2, 3
_QUOTE_AROUND = 24  # characters of context either side of a quote in text output


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"进程数应为正整数：{text}")
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
        "--no-ocr", action="store_true", help="不对扫描件做 OCR：扫描件报告为无法读取"
    )


def _say_failed(path: str, reason: str) -> None:
    print(f"{PROG}: {path}: {' '.join(reason.split())}", file=sys.stderr)


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
        Path(path).write_text(render_html(result.audits, result.unreadable), encoding="utf-8")
    except OSError as exc:
        _say_failed(path, f"无法写入网页：{exc.strerror or exc}")
        return False
    return True


def run(args: argparse.Namespace) -> int:
    """Run ``gongkai audit``; returns the exit status (see the module docstring)."""
    files, missing = report_files(args.paths)
    for problem in missing:
        _say_failed(problem.source, problem.reason)
    if not files:
        if not missing:
            print(f"{PROG}: 没有找到报告文件（{'、'.join(args.paths)}）", file=sys.stderr)
        return EXIT_FAILED
    result = audit_files(
        files, workers=args.jobs, progress=Progress(len(files)), ocr=not args.no_ocr
    )
    for failed in result.unreadable:
        _say_failed(failed.source, failed.reason)
    if args.json:
        print(json.dumps(_json(result), ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(render_text(a) for a in result.audits))
    written = _write_html(args.html, result) if args.html else True
    if len(files) + len(missing) > 1:
        print(summary(result, len(files) + len(missing)), file=sys.stderr)
    if missing or result.unreadable or not written:
        return EXIT_FAILED
    if args.strict and result.count(Severity.ERROR):
        return EXIT_ERRORS
    return EXIT_OK
