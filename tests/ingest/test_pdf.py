"""The PDF adapter: a real WPS report, made-up PDFs that must be refused, and round trips."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from gongkai.errors import UnreadableFile
from gongkai.ingest.layout import Layout, Row, Where
from gongkai.ingest.pdf import read_pdf
from gongkai.ingest.pdf.glyphs import Glyph, join_wrapped, line_text
from gongkai.ingest.pdf.page import TextLine, is_page_number
from gongkai.ingest.pdf.tables import COVERED, cells_to_grid, grid_slots
from tests.formats.render_pdf import render_pdf

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SZFGS = CORPUS / "szfgs2024.pdf"


@pytest.fixture(scope="module")
def szfgs() -> Layout:
    if not SZFGS.is_file():
        pytest.skip(f"sample report not found at {SZFGS}")
    return read_pdf(SZFGS.read_bytes(), "szfgs2024.pdf")


def table(layout: Layout, number: int) -> list[Row]:
    return [r for r in layout.rows if r.delimited and r.cells[0].where.table == number]


def texts(row: Row) -> list[str]:
    return [c.text for c in row.cells]


def row_with(rows: list[Row], label: str) -> Row:
    return next(r for r in rows if label in texts(r))


def figures(row: Row) -> list[str]:
    return [c.text for c in row.cells if c.text.isdigit()]


# --- the real report: 淮安市人民政府 2024, made with WPS ---------------------------------


def test_szfgs_table_3_rows_carry_their_seven_numbers(szfgs: Layout) -> None:
    # The file's second ruled table is the form's table 3 (section 三).
    rows = table(szfgs, 2)
    new = row_with(rows, "一、本年新收政府信息公开申请数量")
    total = row_with(rows, "（七）总计")
    assert figures(new) == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert figures(total) == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert len(new.cells) == len(total.cells) == 10


def test_szfgs_page_break_inside_table_3_loses_no_row(szfgs: Layout) -> None:
    rows = table(szfgs, 2)
    assert [r.cells[0].where.row for r in rows] == list(range(1, 29))
    assert {r.cells[0].where.page for r in rows[:16]} == {4}
    assert {r.cells[0].where.page for r in rows[16:]} == {5}
    # The last row on page 4 and the first on page 5, each once.
    assert texts(rows[15])[2:4] == ["1.本机关不掌握相关政府信息", "746"]
    assert texts(rows[16])[1:4] == ["法提供", "2.没有现成信息需要另行制作", "11"]
    items = [r.cells[2].text for r in rows if r.cells[2].text[:1].isdigit()]
    assert len(items) == len(set(items)) == 19


def test_szfgs_wrapped_labels_come_out_whole(szfgs: Layout) -> None:
    labels = {c.text for r in table(szfgs, 2) for c in r.cells}
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "三、本年度办理结果" in labels  # one character per line in the PDF
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in labels


def test_szfgs_merged_cells_appear_once_with_their_span_marked(szfgs: Layout) -> None:
    first = table(szfgs, 2)[0]
    assert texts(first)[:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "",
        "",
        "申请人情况",
    ]
    assert [c.merged for c in first.cells] == [False, True, True, False] + [True] * 6
    review = table(szfgs, 3)
    assert texts(review[2])[5:10] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert " ".join(figures(review[3])) == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"


def test_szfgs_table_running_on_to_the_next_page_keeps_its_number(szfgs: Layout) -> None:
    rows = table(szfgs, 1)
    assert texts(rows[0])[0] == "第二十条第（一）项"
    assert [r.cells[0].where.page for r in rows] == [3] * 8 + [4] * 6
    assert texts(rows[-1]) == ["行政事业性收费", "96171.6"]
    assert max(r.cells[0].where.table or 0 for r in szfgs.rows if r.delimited) == 3


def test_szfgs_text_and_tables_interleave_in_reading_order(szfgs: Layout) -> None:
    i = next(i for i, r in enumerate(szfgs.rows) if r.text == "三、收到和处理政府信息公开申请情况")
    assert not szfgs.rows[i].delimited
    assert szfgs.rows[i - 1].cells[0].where.table == 1
    assert szfgs.rows[i + 1].cells[0].where == Where("szfgs2024.pdf", page=4, table=2, row=1, col=1)
    assert szfgs.rows[0].cells[0].where == Where("szfgs2024.pdf", page=1, line=1)
    assert szfgs.rows[0].text == "淮安市人民政府"


def test_szfgs_page_number_footers_are_dropped(szfgs: Layout) -> None:
    assert not [r.text for r in szfgs.rows if "- " in r.text or r.text.strip("- ").isdigit()]
    assert szfgs.rows[-1].text == "办法》，全年收取政府信息公开信息处理费3940元。"


def test_szfgs_boxes_behind_paragraphs_are_not_tables(szfgs: Layout) -> None:
    # WPS draws invisible white boxes behind some paragraphs.
    intro = next(r for r in szfgs.rows if r.text.startswith("本报告由淮安市人民政府办公室"))
    assert not intro.delimited


# --- files that must be refused, each with a reason a user can act on ---------------------


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    render_pdf(
        ["淮安市人民政府2024年政府信息公开工作年度报告", [["规章", "1"], ["文件", "8"]]], path
    )
    return path


def refusal(data: bytes, *, ocr: bool = True) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_pdf(data, "x.pdf", ocr=ocr)
    assert caught.value.path == "x.pdf"
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_it_rejects_encrypted_pdf(text_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert "加密" in refusal(out.getvalue())


def test_it_reads_pdf_that_only_restricts_copying(text_pdf: Path) -> None:
    # An owner password alone (no password to open) is common on government sites.
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    layout = read_pdf(out.getvalue(), "x.pdf")
    assert [texts(r) for r in layout.rows if r.delimited] == [["规章", "1"], ["文件", "8"]]


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_it_rejects_truncated_pdf(keep: float) -> None:
    data = SZFGS.read_bytes() if SZFGS.is_file() else pytest.skip("no sample report")
    assert "损坏" in refusal(data[: int(len(data) * keep)])


def test_it_rejects_pdf_that_is_not_really_a_pdf() -> None:
    assert "损坏" in refusal(b"%PDF-1.7\n" + b"\x00garbage" * 100)


def test_without_ocr_it_rejects_scanned_pdf_as_needing_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    reason = refusal(path.read_bytes(), ocr=False)
    assert "no text layer: needs OCR" in reason
    assert "扫描件" in reason


def test_without_ocr_it_notes_pages_that_are_images_only(text_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    writer = PdfWriter(clone_from=text_pdf)
    writer.append(scan)
    out = io.BytesIO()
    writer.write(out)
    layout = read_pdf(out.getvalue(), "x.pdf", ocr=False)
    assert layout.rows[0].text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert len(layout.notes) == 1
    assert "第 2 页" in layout.notes[0] and "OCR" in layout.notes[0]


# --- rendered documents ---------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        '"- " counter(page) " -"',
        '"— " counter(page) " —"',
        '"第 " counter(page) " 页"',
        'counter(page) "/" counter(pages)',
    ],
)
def test_it_drops_page_number_footers(footer: str, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    render_pdf(["第一段。", "第二段。"], path, footer=footer)
    assert [r.text for r in read_pdf(path.read_bytes(), "r.pdf").rows] == ["第一段。", "第二段。"]


def test_a_table_over_three_pages_keeps_every_row_and_repeated_headers(tmp_path: Path) -> None:
    header = ["序号", "事项", "数量"]
    body = [[str(i), f"第{i}项事项", str(i * 7)] for i in range(1, 61)]
    path = tmp_path / "long.pdf"
    render_pdf(["标题", [header, *body], "结尾"], path, header_rows=1)
    layout = read_pdf(path.read_bytes(), "long.pdf")
    rows = [texts(r) for r in layout.rows if r.delimited]
    assert [r for r in rows if r != header] == body
    pages = {r.cells[0].where.page for r in layout.rows if r.delimited}
    assert len(pages) == 3
    assert rows.count(header) == 3  # WeasyPrint repeats the head on each page
    numbers = [(r.cells[0].where.table, r.cells[0].where.row) for r in layout.rows if r.delimited]
    assert numbers == [(1, n) for n in range(1, len(rows) + 1)]
    assert [r.text for r in layout.rows if not r.delimited] == ["标题", "结尾"]


# A round trip: grid -> PDF -> read_pdf -> the same grid, with labels long enough to wrap.
LABEL_CHARS = (
    "一二三四本年新收政府信息公开申请数量部分区处理的只计这情形不予其他国家秘密法律（）、，“”"
)
cells = st.one_of(
    st.text(alphabet=LABEL_CHARS, min_size=1, max_size=40),
    st.integers(min_value=0, max_value=9_999_999).map(str),
    st.just(""),
)
grids = st.integers(min_value=2, max_value=4).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=5)
)


@settings(max_examples=15, deadline=None)
@given(grid=grids)
def test_grid_survives_a_round_trip_through_pdf(grid: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.pdf"
        render_pdf(["表格如下：", grid, "表格结束。"], path)
        layout = read_pdf(path.read_bytes(), "grid.pdf")
    assert [texts(r) for r in layout.rows if r.delimited] == grid
    assert [r.text for r in layout.rows if not r.delimited] == ["表格如下：", "表格结束。"]


@st.composite
def merged_grids(draw: st.DrawFn) -> tuple[list[list[str]], tuple[int, int, int, int]]:
    """A grid with one cell spanning rows (and perhaps columns).

    Some row must draw the column lines a span hides, and some column the row lines:
    a line no cell draws is not in the PDF, so neither reader nor eye can find it.
    """
    grid = draw(grids.filter(lambda g: len(g) >= 2))
    height, width = len(grid), len(grid[0])
    r = draw(st.integers(0, height - 2))
    c = draw(st.integers(0, width - 1))
    rowspan = draw(st.integers(2, height - r))
    widest = width - c if rowspan < height else 1
    colspan = draw(st.integers(1, min(widest, width - 1)))
    return grid, (r, c, rowspan, colspan)


@settings(max_examples=15, deadline=None)
@given(case=merged_grids())
def test_merged_cell_survives_a_round_trip_through_pdf(
    case: tuple[list[list[str]], tuple[int, int, int, int]],
) -> None:
    grid, (top, left, rowspan, colspan) = case
    span = {(top + dr, left + dc) for dr in range(rowspan) for dc in range(colspan)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "merged.pdf"
        render_pdf(["表格：", grid], path, merges={1: [(top, left, rowspan, colspan)]})
        rows = [r for r in read_pdf(path.read_bytes(), "merged.pdf").rows if r.delimited]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            covered = (r, c) in span and (r, c) != (top, left)
            assert cell.merged == covered
            assert cell.text == ("" if covered else grid[r][c])
    assert len(rows) == len(grid)


# --- stages -------------------------------------------------------------------------


def glyphs(text: str, x: float = 0, size: float = 10, gap: float = 0) -> list[Glyph]:
    return [
        Glyph(ch, x + i * (size + gap), x + i * (size + gap) + size, 0, size, size)
        for i, ch in enumerate(text)
    ]


def test_letter_spaced_chinese_reads_as_one_word() -> None:
    assert line_text(glyphs("结果", gap=8), split_wide=False) == "结果"
    assert line_text(glyphs("结果", gap=8), split_wide=True) == "结果"


def test_a_column_wide_gap_in_running_text_becomes_a_space() -> None:
    line = glyphs("行政处罚") + glyphs("3985758", x=200)
    assert line_text(line, split_wide=True) == "行政处罚 3985758"
    assert line_text(glyphs("word") + glyphs("next", x=45), split_wide=False) == "word next"


def test_wrapped_cell_lines_join_without_spaces_except_between_words() -> None:
    assert join_wrapped(["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"]) == (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert join_wrapped(["3985", "758"]) == "3985758"
    assert join_wrapped(["annual", "report"]) == "annual report"


@pytest.mark.parametrize("text", ["- 3 -", "— 3 —", "第 3 页", "3/6", "第3页 共6页", "12"])
def test_page_numbers_in_the_margin_are_recognised(text: str) -> None:
    assert is_page_number(TextLine(800, 810, text), page_height=842)
    assert not is_page_number(TextLine(400, 410, text), page_height=842)


def test_page_number_pattern_leaves_text_alone() -> None:
    assert not is_page_number(TextLine(800, 810, "第 3 页的内容"), page_height=842)
    assert not is_page_number(TextLine(800, 810, "2024年"), page_height=842)


def test_a_merged_cell_takes_its_top_left_position() -> None:
    # A 2x3 grid whose top row is one cell spanning all three columns.
    boxes = [(0, 0, 30, 10), (0, 10, 10, 20), (10, 10, 20, 20), (20, 10, 30, 20)]
    grid = cells_to_grid(boxes, (0, 0, 30, 20))
    assert grid_slots(grid, {}) == (("", COVERED, COVERED), ("", "", ""))
