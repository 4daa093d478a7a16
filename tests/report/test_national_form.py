"""The national form's tables filled as Word, read back by gongkai's own reader."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.reader import read_report
from gongkai.report.national_form import render_docx

T34 = [c for c in cell_ids(Template.T2021) if c.startswith(("t3.", "t4."))]


def test_tables_3_and_4_read_back_cell_for_cell(tmp_path: Path) -> None:
    cells = {c: i * 7 % 1000 for i, c in enumerate(T34)}
    path = tmp_path / "t34.docx"
    path.write_bytes(render_docx(cells, "某市某局2025年政府信息公开工作年度报告（表三、表四）"))
    report = read_report(path)
    assert report.year == 2025 and report.template == "2021"
    assert {c: report.cells[c] for c in T34} == cells


def test_only_the_parts_asked_for_are_kept_under_the_title(tmp_path: Path) -> None:
    document = docx.Document(
        __import__("io").BytesIO(render_docx({"t3.new.natural": 5}, "标题", parts=["t3"]))
    )
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts == ["标题", "三、收到和处理政府信息公开申请情况"]
    [table] = document.tables
    assert len(table.rows) == 28 and table.rows[3].cells[3].text == "5"
    assert table.rows[3].cells[4].text == ""  # a cell not given stays blank, never 0


def test_an_unknown_part_is_refused() -> None:
    with pytest.raises(ValueError):
        render_docx({}, "x", parts=["t9"])
