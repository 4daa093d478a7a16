"""Auditing many files: folders, unreadable files, parallel workers."""

from __future__ import annotations

import io
from pathlib import Path

from gongkai.audit.batch import Progress, audit_files, report_files, summary

REPORT = """2024年某市人民政府政府信息公开工作年度报告
一、总体情况
全年收到政府信息公开申请 3 件。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
"""


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in (
        "a.txt",
        "sub/b.md",
        ".hidden/c.txt",
        "answer.gold.json",
        "README.md",
        "links.tsv",
    ):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    return tmp_path


def test_folders_give_their_report_files_recursively(tmp_path: Path) -> None:
    files, missing = report_files([str(_tree(tmp_path)), str(tmp_path / "nope.txt")])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == ["a.txt", "sub/b.md"]
    assert [m.source for m in missing] == [str(tmp_path / "nope.txt")]


def test_an_unreadable_file_is_listed_and_the_others_are_audited(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    files = [str(empty), str(good), str(broken), str(good), str(good)]
    result = audit_files(files, workers=2)
    assert [a.source for a in result.audits] == [str(good)] * 3
    assert [u.source for u in result.unreadable] == [str(empty), str(broken)]
    assert all(u.reason and "\n" not in u.reason for u in result.unreadable)
    assert "无法读取 2 个文件" in summary(result, len(files))


def test_parallel_and_serial_runs_agree(tmp_path: Path) -> None:
    files = [str(tmp_path / f"r{i}.txt") for i in range(6)]
    for f in files:
        Path(f).write_text(REPORT, encoding="utf-8")
    serial = audit_files(files, workers=1)
    parallel = audit_files(files, workers=2)
    assert serial.audits == parallel.audits and parallel.workers == 2


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, shown = io.StringIO(), Terminal()
    for stream in (quiet, shown):
        bar = Progress(3, stream)
        for _ in range(3):
            bar.advance()
        bar.close()
    assert quiet.getvalue() == ""
    assert "审核 3/3" in shown.getvalue() and "100%" in shown.getvalue()
