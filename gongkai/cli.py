"""The ``gongkai`` command: read annual reports and show what was read.

    gongkai parse FILE... [--json]   read reports, print tables (or JSON)
    gongkai schema                    print the JSON Schema of a report
    gongkai corpus [DIR]              read every sample report, compare with the gold answers
    gongkai deadline --received DATE ...   the reply deadline in working days (see workdays/cli.py)
    gongkai calendar add|day|years    the working-day calendar
    gongkai serve [--host H] [--port P] [--no-demo] [--dev]   the disclosure office (gongkai_web)
    gongkai init [--agency N --code C --admin L --password-file F]   set up a real office

Messages are Chinese; one unreadable file is one line on stderr, never a traceback.
Exit status: 0 all files read, 1 some file failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NoReturn, TypeVar

from gongkai import office_cli
from gongkai.audit import cli as audit_cli
from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    t3_row_ids,
)
from gongkai.errors import UnreadableFile
from gongkai.gold import Gold, Score, gold_path, is_gold_file, load_gold, score
from gongkai.paths import shown, shown_json
from gongkai.reader import read_report
from gongkai.report.model import CellEntry, CellValue, Report, json_schema_text
from gongkai.workdays import cli as workdays_cli

PROG = "gongkai"
ABSENT = "—"
BLANK = "空白"  # a cell the report prints blank (null): not 0, not absent
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# ---- reading one file, never raising ------------------------------------------------


def _say_failed(path: str, reason: str) -> None:
    """The one stderr line for a file that failed."""
    one_line = " ".join(reason.split())
    print(f"{PROG}: {shown(path)}: {shown(one_line)}", file=sys.stderr)


def _internal_error(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"内部错误：{type(exc).__name__}" + (f": {text}" if text else "")


T = TypeVar("T")


def _attempt(path: str, work: Callable[[], T]) -> T | None:
    """Run ``work`` for one file; on any failure print its one line and give None."""
    try:
        return work()
    except UnreadableFile as exc:
        _say_failed(path, exc.reason)
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug in a reader must not take down the other files
        _say_failed(path, _internal_error(exc))
    return None


# ---- the readable table ---------------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns, on the left if ``right``."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def format_value(value: CellValue | None) -> str:
    """A count as printed; an amount in 万元 without trailing zeros; 空白 for a blank cell."""
    if value is None:
        return BLANK
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass(slots=True)
class _Block:
    """A header row and the rows under it; a row with no cell ids is a heading line."""

    header: tuple[str, ...]
    rows: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


LABEL_WIDTH = 32  # display columns kept of a row label; the 2021 其他处理 labels run to 80
TEMPLATE_NAMES = {
    Template.T2019: "2019 年版表格",
    Template.T2021: "2021 年版表格",
    Template.LEGACY: "旧版（2019 年以前，无统一表格）",
}
_T3_RESULTS = "三、本年度办理结果"
_T3_GROUPS = {
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}


def _t2_blocks(template: Template) -> list[_Block]:
    """Rows sharing the same columns go under one header, as on the form."""
    blocks: list[_Block] = []
    for spec in T2_ROWS:
        if template not in spec.templates:
            continue
        columns = T2_COLUMNS[(template, spec.id)]
        header = ("信息内容", *(c.label for c in columns))
        if not blocks or blocks[-1].header != header:
            blocks.append(_Block(header))
        blocks[-1].rows.append((spec.label, tuple(f"t2.{spec.id}.{c.id}" for c in columns)))
    return blocks


def _t3_block(template: Template, single_other: bool | None) -> _Block:
    labels = {r.id: r.label for r in T3_ROWS}
    block = _Block(("", *(c.label for c in T3_COLUMNS)))
    group: str | None = None
    in_results = False
    for row_id in t3_row_ids(template, single_other=single_other):
        if row_id == "disclosed":
            block.rows.append((_T3_RESULTS, ()))
            in_results = True
        head, dot, _ = row_id.partition(".")
        if dot and head != group:
            block.rows.append(("  " + _T3_GROUPS[head], ()))
        group = head if dot else None
        indent = "    " if dot else "  " if in_results else ""
        ids = tuple(f"t3.{row_id}.{c.id}" for c in T3_COLUMNS)
        block.rows.append((indent + labels[row_id], ids))
        if row_id == "results_total":
            in_results = False
    return block


def _t4_block() -> _Block:
    block = _Block(("", *(c.label for c in T4_COLUMNS)))
    for g in T4_GROUPS:
        block.rows.append((g.label, tuple(f"t4.{g.id}.{c.id}" for c in T4_COLUMNS)))
    return block


def _single_other(cells: dict[str, CellEntry]) -> bool | None:
    """Which 其他处理 rows the report printed; None when its cells don't say."""
    single = any(f"t3.other.{c.id}" in cells for c in T3_COLUMNS)
    split = any(k.startswith(("t3.other.no_correction.", "t3.other.no_fee.")) for k in cells)
    split = split or any(k.startswith("t3.other.other.") for k in cells)
    if single != split:
        return single
    return None


def _grid(block: _Block, cells: dict[str, CellEntry]) -> list[str]:
    """The block's rows with the label column left-aligned and value columns right-aligned."""
    lines: list[list[str]] = [list(block.header)]
    for label, ids in block.rows:
        values = [format_value(cells[i]) if i in cells else ABSENT for i in ids]
        lines.append([_truncate(label, LABEL_WIDTH), *values])
    ncols = max(len(line) for line in lines)
    widths = [max(display_width(line[i]) for line in lines if i < len(line)) for i in range(ncols)]
    out = []
    for line in lines:
        parts = [pad(text, widths[i], right=i > 0) for i, text in enumerate(line)]
        out.append("  " + "  ".join(parts).rstrip())
    return out


def render_report(path: str, report: Report) -> str:
    """The report as readable Chinese text: header, tables 2-4 in the form's order, warnings."""
    year = str(report.year) if report.year is not None else "未识别"
    lines = [
        f"文件：{path}　机关：{report.agency or '未识别'}　年度：{year}"
        f"　格式：{TEMPLATE_NAMES[report.template]}"
    ]
    shown: set[str] = set()
    if report.template is Template.LEGACY:
        lines.append("  （本报告没有统一的统计表）")
    else:
        tables = [
            ("表二　主动公开政府信息情况", _t2_blocks(report.template)),
            (
                "表三　收到和处理政府信息公开申请情况",
                [_t3_block(report.template, _single_other(report.cells))],
            ),
            ("表四　政府信息公开行政复议、行政诉讼情况", [_t4_block()]),
        ]
        for title, blocks in tables:
            lines += ["", title]
            for block in blocks:
                lines += _grid(block, report.cells)
                shown.update(i for _, ids in block.rows for i in ids)
    extra = [k for k in report.cells if k not in shown]
    if extra:
        lines += ["", "表外单元格（不属于本格式）："]
        lines += [f"  {k} = {format_value(report.cells[k])}" for k in extra]
    lines += ["", "提示：" + ("" if report.warnings else "无")]
    for w in report.warnings:
        where = f"（{'、'.join(w.cells)}）" if w.cells else ""
        lines.append(f"  [{w.code}] {w.message}{where}")
    return "\n".join(lines)


# ---- commands -------------------------------------------------------------------------


def _print_json(value: object) -> None:
    """JSON on stdout, always valid UTF-8 (undecodable file-name bytes as ``\\xNN``)."""
    print(json.dumps(shown_json(value), ensure_ascii=False, indent=1))


def cmd_parse(files: Sequence[str], as_json: bool, ocr: bool = True) -> int:
    failed = False
    collected: list[object] = []
    for path in files:
        read = partial(read_report, path) if ocr else partial(read_report, path, ocr=False)
        report = _attempt(path, read)
        if report is not None and as_json:
            collected.append(report.to_json_dict())
            continue
        text = _attempt(path, partial(render_report, path, report)) if report is not None else None
        if text is None:
            failed = True
            continue
        print(shown(text), end="\n\n" if len(files) > 1 else "\n")
    if as_json and len(files) > 1:
        _print_json(collected)
    elif as_json and collected:
        _print_json(collected[0])
    return EXIT_FAILED if failed else EXIT_OK


def cmd_schema() -> int:
    sys.stdout.write(json_schema_text())
    return EXIT_OK


def default_corpus() -> Path | None:
    """``../shared/corpus`` beside the repository: from the current directory, else from
    where this package lives (a source checkout). None when neither exists."""
    checkout = Path(__file__).resolve().parent.parent
    for base in (Path.cwd(), checkout):
        candidate = base.parent / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return None


def corpus_files(folder: Path) -> list[Path]:
    """The reports in a folder: every file but gold answers, JSON and READMEs."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and not is_gold_file(p)
        and p.suffix.lower() != ".json"
        and not p.name.lower().startswith("readme")
    )


def _check(ok: bool) -> str:
    return "对" if ok else "错"


def summary_line(report: Report | None, result: Score | None) -> str:
    """One file's result: cells read and, with a gold, how many match."""
    if report is None:
        return "无法读取（原因见上方错误信息）"
    blank = sum(v is None for v in report.cells.values())
    line = f"读出 {len(report.cells)} 格" + (f"（其中空白 {blank} 格）" if blank else "")
    if result is None:
        return line + "；无标准答案"
    line += (
        f"；与标准答案一致 {result.exact}/{result.in_gold}，"
        f"值不同 {len(result.wrong)}，多读 {len(result.spurious)}"
    )
    if result.undetermined:
        settled = result.undetermined - len(result.unwarned)
        line += f"，无法确定的 {result.undetermined} 格已留空并提示 {settled} 格"
    return line + (
        f"；机关{_check(result.agency_ok)}，"
        f"年度{_check(result.year_ok)}，格式{_check(result.template_ok)}"
    )


def cmd_corpus(folder: str | None) -> int:
    root = Path(folder) if folder is not None else default_corpus()
    if root is None:
        print(
            f"{PROG}: 找不到样本报告目录 ../shared/corpus，请指定：{PROG} corpus DIR",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not root.is_dir():
        _say_failed(str(root), "目录不存在")
        return EXIT_FAILED
    failed = False
    summary: list[tuple[str, str]] = []
    for path in corpus_files(root):
        name = str(path)
        report = _attempt(name, partial(read_report, path))
        text = _attempt(name, partial(render_report, name, report)) if report is not None else None
        if text is not None:
            print(text, end="\n\n")
        gold: Gold | None = None
        if gold_path(path).is_file():
            gold = _attempt(str(gold_path(path)), partial(load_gold, gold_path(path)))
            failed = failed or gold is None
        failed = failed or text is None
        result = score(report, gold) if report is not None and gold is not None else None
        summary.append((path.name, summary_line(report, result)))
    print("汇总：")
    width = max((display_width(n) for n, _ in summary), default=0)
    for name, line in summary:
        print(f"  {pad(name, width)}  {line}")
    return EXIT_FAILED if failed else EXIT_OK


# ---- argument parsing -----------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{PROG}: 用法错误：{message}（{PROG} --help 查看用法）\n")


NO_OCR_HELP = "不对扫描件（没有文字层的 PDF 页面）做 OCR：扫描件报告为无法读取"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="读取政府信息公开工作年度报告（PDF、Word、网页、文本）。"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    parse = commands.add_parser("parse", help="读取报告，打印表格或 JSON")
    parse.add_argument("files", nargs="+", metavar="FILE", help="报告文件")
    parse.add_argument("--json", action="store_true", help="输出 JSON（多个文件时为列表）")
    parse.add_argument("--no-ocr", action="store_true", help=NO_OCR_HELP)
    commands.add_parser("schema", help="打印报告的 JSON Schema")
    corpus = commands.add_parser("corpus", help="读取样本报告目录，并与标准答案比对")
    corpus.add_argument("folder", nargs="?", metavar="DIR", help="默认：../shared/corpus")
    workdays_cli.add_parsers(commands)
    audit_cli.add_parser(commands)
    office_cli.add_parsers(commands)
    return parser


def _stop_quietly_on_closed_pipe() -> int:
    """Whoever read our output went away (``| head``): stop without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 a file failed, 2 usage error)."""
    parser = build_parser()
    for stream in (sys.stdout, sys.stderr):
        # the last net for text no UTF-8 output can carry (see gongkai.paths)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        # argparse stops filling FILE... at the first option (``parse a --json b``), and its
        # parse_intermixed_args does not work with sub-commands: take the rest by hand.
        args, rest = parser.parse_known_args(argv)
        unknown = [r for r in rest if r.startswith("-")] if args.command == "parse" else rest
        if unknown:
            parser.error(f"无法识别的参数：{' '.join(unknown)}")
        if rest:
            args.files += rest
    except SystemExit as exc:  # argparse exits for --help (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command == "parse":
            return cmd_parse(args.files, args.json, ocr=not args.no_ocr)
        if args.command == "schema":
            return cmd_schema()
        if args.command == "deadline":
            return workdays_cli.cmd_deadline(args)
        if args.command == "calendar":
            return workdays_cli.cmd_calendar(args)
        if args.command in office_cli.COMMANDS:
            return office_cli.run(args)
        if args.command == "audit":
            return audit_cli.run(args)
        return cmd_corpus(args.folder)
    except BrokenPipeError:
        return _stop_quietly_on_closed_pipe()
    except KeyboardInterrupt:
        print(f"{PROG}: 已中断", file=sys.stderr)
        return 130
