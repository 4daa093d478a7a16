"""End to end: random reports rendered into each format read back to the same cells."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.forms import Template
from gongkai.gold import same_value
from gongkai.reader import read_report
from gongkai.report.model import Report
from tests.formats.render_docx import render_docx
from tests.formats.render_html import render_html
from tests.formats.render_pdf import render_pdf
from tests.formats.reports import as_text, report_blocks, reports

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_exact(
    report: Report, template: Template, year: int, cells: dict[str, int | float]
) -> None:
    assert report.template is template
    assert report.year == year
    wrong = {
        k: (v, report.cells.get(k))
        for k, v in cells.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert set(report.cells) <= set(cells)


@SETTINGS
@given(reports(), st.sampled_from(["tab", "pipe", "spaces", "wrapped"]))
def test_text_renderings_read_back_exactly(tmp_path: Path, case, style: str) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    path = tmp_path / f"r-{style}.txt"
    path.write_text(as_text(report_blocks(template, year, cells), style), encoding="utf-8")
    assert_exact(read_report(path), template, year, cells)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports())
def test_flat_text_never_reads_a_wrong_value(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    """Run-together digits may be ambiguous: a cell is then absent and named, never wrong."""
    template, year, cells = case
    path = tmp_path / "r-flat.txt"
    path.write_text(as_text(report_blocks(template, year, cells), "flat"), encoding="utf-8")
    report = read_report(path)
    wrong = {
        k: (cells.get(k), v)
        for k, v in report.cells.items()
        if k not in cells or not same_value(k, v, cells[k])
    }
    assert wrong == {}
    warned = {c for w in report.warnings for c in w.cells}
    assert set(cells) - set(report.cells) <= warned


@SETTINGS
@given(reports())
def test_gbk_text_reads_like_utf8(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    path = tmp_path / "r-gbk.txt"
    path.write_bytes(as_text(report_blocks(template, year, cells), "tab").encode("gb18030"))
    assert_exact(read_report(path), template, year, cells)


@SETTINGS
@given(reports())
def test_html_reads_back_exactly(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    path = tmp_path / "r.html"
    render_html(report_blocks(template, year, cells), path)
    assert_exact(read_report(path), template, year, cells)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports())
def test_docx_reads_back_exactly(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    path = tmp_path / "r.docx"
    render_docx(report_blocks(template, year, cells), path)
    assert_exact(read_report(path), template, year, cells)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports())
def test_pdf_reads_back_exactly(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    path = tmp_path / "r.pdf"
    render_pdf(report_blocks(template, year, cells), path, footer='"- " counter(page) " -"')
    assert_exact(read_report(path), template, year, cells)
