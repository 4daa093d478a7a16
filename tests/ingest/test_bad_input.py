"""Every kind of bad input gets one clear reason naming the problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import UnreadableFile
from gongkai.reader import read_report


def reason_for(path: Path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    assert caught.value.path == str(path)
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_it_rejects_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert reason_for(path) == "空文件"


def test_it_rejects_a_file_of_white_space(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\t\n", encoding="utf-8")
    assert "没有文字内容" in reason_for(path)


def test_it_rejects_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(bytes(range(256)) * 40)
    assert "二进制" in reason_for(path)


def test_it_rejects_a_document_that_is_not_an_annual_report(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("红烧肉的做法\n五花肉 500 克，冰糖 30 克，生抽 2 勺。\n", encoding="utf-8")
    assert "不是政府信息公开工作年度报告" in reason_for(path)


def test_it_rejects_a_file_over_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    assert "文件过大" in reason_for(path)


def test_it_names_an_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Rapport annuel - café, résumé, été à Genève.\n".encode("latin-1"))
    assert "编码无法识别" in reason_for(path)


def test_it_reads_gbk_text(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    text = "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n本年度无依申请公开。\n"
    path.write_bytes(text.encode("gbk"))
    report = read_report(path)
    assert report.year == 2022
    assert report.agency == "某县人民政府"


def test_it_rejects_a_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EO")
    assert "损坏" in reason_for(path)


def test_it_rejects_a_missing_file(tmp_path: Path) -> None:
    assert reason_for(tmp_path / "nope.txt") == "文件不存在"


def test_it_rejects_a_directory(tmp_path: Path) -> None:
    assert "目录" in reason_for(tmp_path)


def test_it_rejects_a_zip_that_is_not_word(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")
    assert "ZIP" in reason_for(path)


def test_it_rejects_an_office_file_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "不是 Word 文档" in reason_for(path)


def test_a_report_without_tables_from_2019_on_names_the_missing_cells(tmp_path: Path) -> None:
    path = tmp_path / "no-tables.txt"
    path.write_text(
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息 12 条。\n",
        encoding="utf-8",
    )
    report = read_report(path)
    assert report.cells == {}
    missing = {c for w in report.warnings if w.code == "cells_missing" for c in w.cells}
    assert "t3.new.total" in missing and "t4.review.total" in missing
