"""Word files as agencies really save them: each test takes a clean rendering of a
report and changes it the way one real kind of file differs, then reads it whole."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from gongkai.catalogue.forms import Template
from gongkai.gold import same_value
from gongkai.reader import read_report
from tests.formats.render_docx import render_docx
from tests.formats.reports import report_blocks

YEAR = 2023
AGENCY = "测试市人民政府"


def _cells() -> dict[str, int | float | None]:
    from gongkai.catalogue.forms import cell_ids

    # Values with several digits, so that runs and full-width forms matter; identities hold.
    cells: dict[str, int | float | None] = dict.fromkeys(cell_ids(Template.T2021), 0)
    cells |= {"t2.rules.made": 12, "t2.rules.in_force": 345, "t2.fee.amount": 12.5}
    for col, v in (("natural", 120), ("commercial", 34)):
        cells[f"t3.new.{col}"] = v
        cells[f"t3.disclosed.{col}"] = v
        cells[f"t3.results_total.{col}"] = v
    for row in ("new", "disclosed", "results_total"):
        cells[f"t3.{row}.total"] = 154
    cells |= {"t4.review.upheld": 11, "t4.review.pending": 2, "t4.review.total": 13}
    return cells


def _document(tmp_path: Path) -> tuple[Any, Path]:
    path = tmp_path / "clean.docx"
    render_docx(report_blocks(Template.T2021, YEAR, _cells()), path)
    return docx.Document(str(path)), tmp_path / "wild.docx"


def _assert_whole(path: Path) -> None:
    cells = _cells()
    report = read_report(path)
    assert (report.agency, report.year, report.template) == (AGENCY, YEAR, Template.T2021)
    wrong = {
        k: (v, report.cells.get(k, "absent"))
        for k, v in cells.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert set(report.cells) == set(cells)


def _number_cells(document: Any) -> list[Any]:
    return [
        cell
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if cell.text.replace(".", "").isdigit()
    ]


def test_numbers_split_across_runs_read_as_one_number(tmp_path: Path) -> None:
    document, out = _document(tmp_path)
    for cell in _number_cells(document):
        text = cell.text
        paragraph = cell.paragraphs[0]
        paragraph.clear()
        for ch in text:  # Word splits runs at every edit or spelling mark
            paragraph.add_run(ch)
    document.save(str(out))
    _assert_whole(out)


def test_full_width_digits_and_ideographic_spaces_read_as_numbers(tmp_path: Path) -> None:
    document, out = _document(tmp_path)
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")
    for cell in _number_cells(document):
        cell.text = "\u3000" + cell.text.translate(wide) + "\u3000"
    document.paragraphs[0].text = document.paragraphs[0].text.replace("2023", "２０２３")
    document.save(str(out))
    _assert_whole(out)


def test_unaccepted_tracked_changes_read_the_inserted_text_not_the_deleted(
    tmp_path: Path,
) -> None:
    document, out = _document(tmp_path)
    for cell in _number_cells(document):
        paragraph = cell.paragraphs[0]._p
        run = paragraph.find(qn("w:r"))
        deleted = etree.SubElement(paragraph, qn("w:del"))
        old = etree.SubElement(deleted, qn("w:r"))
        etree.SubElement(old, qn("w:delText")).text = "999"
        inserted = etree.SubElement(paragraph, qn("w:ins"))
        paragraph.remove(run)
        inserted.append(run)
    # A table row deleted with tracked changes is not there either.
    table = max(document.tables, key=lambda t: len(t.rows))._tbl
    kept = table.findall(qn("w:tr"))[8]
    ghost = copy.deepcopy(kept)
    tr_pr = ghost.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = etree.SubElement(ghost, qn("w:trPr"))
        ghost.remove(tr_pr)
        ghost.insert(0, tr_pr)
    etree.SubElement(tr_pr, qn("w:del"))
    for t in ghost.iter(qn("w:t")):
        t.text = "7" if t.text and t.text.isdigit() else t.text
    kept.addprevious(ghost)  # read first, were it read at all
    document.save(str(out))
    _assert_whole(out)


def test_a_table_split_in_two_by_a_page_break_continues(tmp_path: Path) -> None:
    document, out = _document(tmp_path)
    table3 = max(document.tables, key=lambda t: len(t.rows))._tbl
    rows = table3.findall(qn("w:tr"))
    second = copy.deepcopy(table3)
    for tr in second.findall(qn("w:tr")):
        second.remove(tr)
    for tr in rows[15:]:
        table3.remove(tr)
        second.append(tr)
    breaker = etree.Element(qn("w:p"))
    run = etree.SubElement(breaker, qn("w:r"))
    etree.SubElement(run, qn("w:br")).set(qn("w:type"), "page")
    table3.addnext(breaker)
    breaker.addnext(second)
    document.save(str(out))
    _assert_whole(out)


_TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">
  <w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>
  <w:p><w:r><w:t>{title}</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
  </mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>{title}</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_a_title_in_a_text_box_is_read_once(tmp_path: Path) -> None:
    document, out = _document(tmp_path)
    title = document.paragraphs[0]
    text = title.text
    assert AGENCY in text and str(YEAR) in text
    title.clear()
    title._p.append(etree.fromstring(_TEXT_BOX.format(title=text)))
    document.save(str(out))
    _assert_whole(out)
    from gongkai.reader import read_layout

    assert read_layout(out).text.count(text) == 1
