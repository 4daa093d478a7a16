"""``gongkai audit``: output, exit status, unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main


def test_json_lists_each_report_with_its_findings(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus_dir / "kewei-2024.md")
    assert main(["audit", source, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (report,) = data["reports"]
    assert (report["source"], report["agency"], report["year"]) == (
        source,
        "上海市科学技术委员会",
        2024,
    )
    finding = next(f for f in report["findings"] if f["rule"] == "text.all_concluded")
    assert finding["severity"] == "warning" and finding["cells"] == ["t3.carried_out.natural"]
    assert {"quote", "context", "where", "file", "line"} <= set(finding["evidence"][0])
    assert data["unreadable"] == []


def test_text_output_and_strict_status(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus_dir / "pingtan-2020.txt")
    assert main(["audit", source]) == 0
    out = capsys.readouterr().out
    assert "[错误] t3.results_sum" in out and "【20】" in out
    assert main(["audit", source, "--strict"]) == 3


def test_an_unreadable_file_is_one_line_on_stderr_and_status_1(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 broken")
    status = main(
        [
            "audit",
            str(bad),
            str(tmp_path / "missing.txt"),
            str(corpus_dir / "kewei-2024.md"),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert status == 1
    failed = [line for line in captured.err.splitlines() if line.startswith("gongkai: ")]
    assert len(failed) == 2 and "Traceback" not in captured.err
    assert len(json.loads(captured.out)["reports"]) == 1
    assert "汇总" in captured.err


def test_html_is_written(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "audit.html"
    assert main(["audit", str(corpus_dir / "pingtan-2023.html"), "--html", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "<mark>现行有效行政规范性文件393件</mark>" in text and "text.documents" in text


def test_usage_errors_and_empty_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path), "--jobs", "0"]) == 2
    assert main(["audit", str(tmp_path)]) == 1
    assert "没有找到报告文件" in capsys.readouterr().err
