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
from tests.formats.render_html import Block, render_html
from tests.formats.render_pdf import render_pdf
from tests.formats.reports import as_text, report_blocks, reports, reports_with_blanks

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


# ---- blank cells --------------------------------------------------------------------


def _render_with_blanks(blocks: list[Block], fmt: str, path: Path) -> Path:
    """One rendering whose blank cells stay empty cells: &nbsp; in a web page (as
    editors write an empty cell), an empty Word cell, an empty tab or pipe field."""
    if fmt == "html":
        render_html(blocks, path.with_suffix(".html"))
        page = path.with_suffix(".html").read_text(encoding="utf-8")
        path.with_suffix(".html").write_text(
            page.replace("<td></td>", "<td>&nbsp;</td>"), encoding="utf-8"
        )
        return path.with_suffix(".html")
    if fmt == "docx":
        render_docx(blocks, path.with_suffix(".docx"))
        return path.with_suffix(".docx")
    path = path.with_suffix(".txt")
    path.write_text(as_text(blocks, fmt), encoding="utf-8")
    return path


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports_with_blanks(), st.sampled_from(["html", "docx", "tab", "pipe"]))
def test_blank_cells_read_back_as_null_in_every_format(tmp_path: Path, case, fmt: str) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    blocks = report_blocks(template, year, cells)
    report = read_report(_render_with_blanks(blocks, fmt, tmp_path / "blanks"))

    assert report.template is template and report.year == year
    blank = {k for k, v in cells.items() if v is None}
    noted = {c for w in report.warnings if w.code == "blank_cell" for c in w.cells}
    warned = {c for w in report.warnings for c in w.cells}
    if fmt == "pipe":
        # Markdown converters pad rows with empty cells at their end, so a pipe row's
        # trailing empty cells are not read as blank; a row with blanks in front as well
        # cannot be aligned. Such cells are absent and named, never given a value.
        gone = {k for k in cells if k not in report.cells}
        assert gone <= warned
        blank -= gone
    else:
        assert set(report.cells) == set(cells)
    assert {k: report.cells[k] for k in blank} == dict.fromkeys(blank)
    assert blank <= noted
    wrong = {
        k: (cells[k], v)
        for k, v in report.cells.items()
        if k not in cells or not same_value(k, v, cells[k])
    }
    assert wrong == {}
