"""Random reports in both forms, rendered by gongkai.render, read back to exactly the cells."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.forms import Template
from gongkai.gold import same_value
from gongkai.reader import read_report
from gongkai.render import FormReport, Section, render_docx, render_html, render_pdf
from tests.formats.reports import reports
from tests.test_roundtrip import assert_exact

Case = tuple[Template, int, dict[str, int | float]]


def _report(case: Case) -> FormReport:
    template, year, cells = case
    return FormReport(
        "测试市人民政府",
        year,
        template,
        cells,
        {
            Section.OVERVIEW: f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》。",
            Section.PROBLEMS: "工作仍有不足。\n下一步将继续改进。",
            Section.OTHER: "本年度未收取信息处理费。",
        },
        issuer="测试市人民政府办公室",
        issued="2025年1月20日",
    )


def _read_back(path: Path, case: Case) -> None:
    template, year, cells = case
    report = read_report(path)
    assert_exact(report, template, year, cells)
    assert report.warnings == ()
    assert report.agency == "测试市人民政府"


def _settings(n: int) -> settings:
    return settings(
        max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )


@_settings(10)
@given(reports())
def test_html_reads_back_exactly(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "r.html"
    path.write_text(render_html(_report(case)), encoding="utf-8")
    _read_back(path, case)


@_settings(6)
@given(reports())
def test_docx_reads_back_exactly(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(render_docx(_report(case)))
    _read_back(path, case)


@_settings(3)
@given(reports())
def test_pdf_reads_back_exactly(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(_report(case)))
    _read_back(path, case)


def test_pdf_embeds_every_font(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(FormReport("某局", 2024, Template.T2021, {"t3.new.total": 1})))
    try:
        listing = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    # columns: name type encoding emb sub uni object-id; "emb" is the fourth from the end
    assert all(line.split()[-5] == "yes" for line in fonts), listing


@_settings(8)
@given(reports(), st.data())
def test_blank_cells_are_printed_blank_and_never_read_as_a_value(
    tmp_path: Path, case: Case, data: st.DataObject
) -> None:
    """A cell left None prints blank: the reader gives it as null (tables 3 and 4) or, where
    it cannot place a blank (table 2), leaves it out — never as 0 or another value."""
    template, year, cells = case
    blanks = set(data.draw(st.lists(st.sampled_from(sorted(cells)), max_size=6)))
    given_cells: dict[str, int | float | None] = {
        k: (None if k in blanks else v) for k, v in cells.items()
    }
    report = FormReport("测试市人民政府", year, template, given_cells)
    for name, rendered in (("html", render_html(report).encode()), ("docx", render_docx(report))):
        path = tmp_path / f"r.{name}"
        path.write_bytes(rendered)
        read = read_report(path)
        for cid, value in given_cells.items():
            if value is None:
                assert read.cells.get(cid) is None, (name, cid)
                assert cid in read.cells or cid.startswith("t2."), (name, cid)
            else:
                assert same_value(cid, read.cells[cid], value), (name, cid)
