"""The report as a Word file (python-docx), in the national form's layout.

GB/T 9704 page set-up: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title
二号小标宋 centred, headings 三号黑体, body 三号仿宋 with a two-character indent, page numbers
"— N —" at the foot. Tables keep the form's merged headers (w:gridSpan and w:vMerge, as
python-docx merges them) and column proportions, scaled to the 156 mm text width.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from gongkai.catalogue.forms import Template
from gongkai.render.layout import FormTable, Kind, table2, table3, table4, tables
from gongkai.render.model import (
    BODY_PT,
    SECTION_TITLES,
    TABLE_PT,
    TITLE_PT,
    CellValue,
    Fonts,
    FormReport,
    Section,
)

TEXT_WIDTH_TWIPS = 8844  # 156 mm
_TABLE_OF = {Section.PROACTIVE: 0, Section.APPLICATIONS: 1, Section.REVIEWS: 2}


def _set_font(run_or_style: Any, family: str, size: float) -> None:
    """Name ``family`` for Latin and East Asian text alike (Word picks the font by script)."""
    run_or_style.font.name = family
    run_or_style.font.size = Pt(size)
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)


def _new_document(fonts: Fonts) -> Any:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    normal = document.styles["Normal"]
    _set_font(normal, fonts.body[0], BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28.9)  # 22 lines on the 225 mm 版心
    _page_numbers(section, fonts)
    return document


def _page_numbers(section: Any, fonts: Fonts) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run("— "), fonts.table[0], 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _set_font(paragraph.add_run(" —"), fonts.table[0], 14)


def _paragraph(document: Any, text: str, family: str, size: float, **how: Any) -> None:
    paragraph = document.add_paragraph()
    if how.get("center"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif how.get("right"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _set_font(paragraph.add_run(text), family, size)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _cell_margins(grid: Any) -> None:
    """The form's narrow cell margins (0.1 cm left and right, none above and below), so two
    characters fit the 15 columns of table 4 as they do on the blank form."""
    tblpr = grid._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", 57), ("bottom", 0), ("right", 57)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(width))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)


def add_table(document: Any, table: FormTable, fonts: Fonts) -> None:
    """Draw ``table`` with its merges, widths scaled to the text width, and borders."""
    width = len(table.widths)
    grid = document.add_table(rows=table.rows, cols=width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cell_margins(grid)
    total = sum(table.widths)
    twips = [Twips(w * TEXT_WIDTH_TWIPS // total) for w in table.widths]
    for column, w in zip(grid.columns, twips, strict=True):
        column.width = w
    # Every cell once, before merging: python-docx's table.cell() walks the whole table on
    # each call (2 s for the three tables); a region's anchor and far corner stay valid
    # while regions do not overlap.
    cells = grid._cells
    for index, cell in enumerate(cells):
        cell.width = twips[index % width]
    for index in range(table.header_rows):
        _repeat_header(grid.rows[index])
    for placed in table.cells:
        cell = cells[placed.row * width + placed.col]
        if placed.rowspan > 1 or placed.colspan > 1:
            end = (placed.row + placed.rowspan - 1) * width + placed.col + placed.colspan - 1
            cell = cell.merge(cells[end])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing = 1.0
        label = placed.kind is Kind.HEAD and table.name == "table3" and placed.col in (1, 2)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if label else WD_ALIGN_PARAGRAPH.CENTER
        # table 2 is short: keep it on one page, as the form prints it
        paragraph.paragraph_format.keep_with_next = (
            table.name == "table2" and placed.row + placed.rowspan < table.rows
        )
        if placed.text:
            _set_font(paragraph.add_run(placed.text), fonts.table[0], TABLE_PT)


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(report: FormReport, fonts: Fonts | None = None) -> bytes:
    """The whole report (title, six sections, tables 2–4, signature) as .docx bytes."""
    fonts = fonts or Fonts()
    document = _new_document(fonts)
    _paragraph(document, report.title, fonts.title[0], TITLE_PT, center=True)
    drawn = tables(report.template, report.cells)
    for section, heading in SECTION_TITLES.items():
        _paragraph(document, heading, fonts.heading[0], BODY_PT)
        for text in report.paragraphs(section):
            _paragraph(document, text, fonts.body[0], BODY_PT)
        if section in _TABLE_OF:
            add_table(document, drawn[_TABLE_OF[section]], fonts)
    for line in (report.issuer, report.issued):
        if line:
            _paragraph(document, line, fonts.body[0], BODY_PT, right=True)
    return _save(document)


def render_tables_docx(
    template: Template,
    cells: Mapping[str, CellValue],
    *,
    title: str = "",
    fonts: Fonts | None = None,
    with_table2: bool = False,
) -> bytes:
    """Just tables 3 and 4 (and table 2 first when ``with_table2``), headed by their section
    titles, under ``title`` if given, as .docx bytes: for offices that paste the counted tables
    into a report of their own. A cell not in ``cells`` or ``None`` is printed blank."""
    fonts = fonts or Fonts()
    document = _new_document(fonts)
    if title:
        _paragraph(document, title, fonts.title[0], TITLE_PT, center=True)
    if with_table2:
        _paragraph(document, SECTION_TITLES[Section.PROACTIVE], fonts.heading[0], BODY_PT)
        add_table(document, table2(template, cells), fonts)
    _paragraph(document, SECTION_TITLES[Section.APPLICATIONS], fonts.heading[0], BODY_PT)
    add_table(document, table3(template, cells), fonts)
    _paragraph(document, SECTION_TITLES[Section.REVIEWS], fonts.heading[0], BODY_PT)
    add_table(document, table4(cells), fonts)
    return _save(document)
