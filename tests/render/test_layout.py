"""The rendered tables have the national form's merged headers, cell for cell."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.errors import RenderError
from gongkai.render import FormReport, render_docx, render_tables_docx
from gongkai.render.layout import tables
from gongkai.render.model import show, template_for_year

BLANK = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "reference"
BLANK_2021 = BLANK / "national-form-2021-blank.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _shape(table: object) -> list[list[tuple[int, str, str]]]:
    """Per row, each w:tc as (gridSpan, vMerge state, header text): the merge structure.
    Figures are left out (the blank form has none); spaces are dropped."""
    rows = []
    for tr in table._tbl.iter(f"{W}tr"):  # type: ignore[attr-defined]
        cells = []
        for tc in tr.iter(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            state = "" if vmerge is None else (vmerge.get(f"{W}val") or "continue")
            text = "".join(t.text or "" for t in tc.iter(f"{W}t")).replace("　", "").strip()
            cells.append((int(span.get(f"{W}val")) if span is not None else 1, state, text))
        rows.append(cells)
    return rows


def _headers_only(shape: list[list[tuple[int, str, str]]]) -> list[list[tuple[int, str, str]]]:
    return [
        [(s, v, "" if t.lstrip("-").replace(".", "").isdigit() else t) for s, v, t in r]
        for r in shape
    ]


@pytest.mark.skipif(not BLANK_2021.exists(), reason="the blank national form is not checked out")
def test_the_2021_tables_merge_exactly_as_the_blank_national_form() -> None:
    blank = docx.Document(str(BLANK_2021)).tables
    cells = {cid: 7 for cid in cell_ids(Template.T2021)}
    report = FormReport("某市人民政府", 2024, Template.T2021, cells)
    ours = docx.Document(io.BytesIO(render_docx(report))).tables
    assert len(ours) == len(blank) == 3
    for mine, theirs in zip(ours, blank, strict=True):
        assert _headers_only(_shape(mine)) == _headers_only(_shape(theirs))


def test_the_2019_table_2_has_five_article_blocks_and_the_single_other_row() -> None:
    t2, t3, _ = tables(Template.T2019, {})
    headings = [c.text for c in t2.cells if c.colspan == 4]
    assert headings == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    fee_header = [c for c in t2.cells if c.text == "本年增/减"][-1]
    assert fee_header.colspan == 2
    other = next(c for c in t3.cells if c.text == "（六）其他处理")
    assert (other.colspan, other.rowspan) == (2, 1)
    assert t3.rows == 3 + 23


def test_every_cell_of_each_form_is_placed_once() -> None:
    for template in (Template.T2019, Template.T2021):
        placed = [c.cell_id for t in tables(template, {}) for c in t.cells if c.cell_id]
        assert placed == list(cell_ids(template))


def test_blank_and_money_cells_print_as_the_form_wants() -> None:
    assert show("t3.new.total", None) == ""
    assert show("t2.fee.amount", 12.0) == "12"
    assert show("t2.fee.amount", 0.35) == "0.35"
    assert show("t2.fee.amount", 0.0) == "0"
    assert show("t2.license.delta", -3) == "-3"
    t2, _, _ = tables(Template.T2021, {"t2.rules.made": None, "t2.rules.repealed": 0})
    texts = {c.cell_id: c.text for c in t2.cells if c.cell_id}
    assert texts["t2.rules.made"] == "" and texts["t2.rules.repealed"] == "0"


def test_tables_3_and_4_alone_are_the_form_s_tables() -> None:
    data = render_tables_docx(Template.T2021, {"t3.new.natural": 4}, title="某局年度报告表格")
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 2
    assert document.tables[0].cell(3, 3).text == "4"
    assert document.paragraphs[0].text == "某局年度报告表格"


@pytest.mark.parametrize("template", [Template.T2019, Template.T2021])
def test_the_counted_tables_with_table_2_read_back_cell_for_cell(
    template: Template, tmp_path: Path
) -> None:
    from gongkai.reader import read_report

    ids = cell_ids(template)
    cells = {
        c: (i * 7 % 1000 if c.startswith(("t3.", "t4.")) else i % 50) for i, c in enumerate(ids)
    }
    year = 2020 if template is Template.T2019 else 2025
    data = render_tables_docx(
        template, cells, title=f"某市某局{year}年政府信息公开工作年度报告", with_table2=True
    )
    path = tmp_path / "tables.docx"
    path.write_bytes(data)
    assert len(docx.Document(io.BytesIO(data)).tables) == 3
    report = read_report(path)
    assert report.year == year and report.template == template.value
    assert {c: report.cells.get(c) for c in ids} == cells


def test_it_refuses_cells_the_form_does_not_have_and_legacy_years() -> None:
    with pytest.raises(RenderError, match="没有这些单元格"):
        FormReport("某局", 2021, Template.T2021, {"t2.procurement.items": 1})
    with pytest.raises(RenderError, match="没有统一表格"):
        FormReport("某局", 2018, Template.LEGACY)


@pytest.mark.parametrize(
    ("year", "template"),
    [
        (2018, Template.LEGACY),
        (2019, Template.T2019),
        (2020, Template.T2019),
        (2021, Template.T2021),
    ],
)
def test_the_form_follows_the_report_year(year: int, template: Template) -> None:
    assert template_for_year(year) is template
