"""Scanned PDFs read by OCR: a real report rasterised, random tables rasterised, stages."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from gongkai.errors import UnreadableFile
from gongkai.ingest.pdf import read_pdf
from gongkai.ingest.pdf.ocr import _line_glyphs, image_edges
from gongkai.ingest.pdf.tables import grids_of
from gongkai.mapping.ocr import UNSURE
from gongkai.reader import read_report
from tests.formats.render_pdf import render_pdf
from tests.formats.scan import rasterise

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SZFGS = CORPUS / "szfgs2024.pdf"


@pytest.fixture(scope="module")
def scanned_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages 3 to 5 of the WPS report (its three tables) as a scan."""
    if not SZFGS.is_file():
        pytest.skip(f"sample report not found at {SZFGS}")
    path = tmp_path_factory.mktemp("scan") / "szfgs-scan.pdf"
    rasterise(SZFGS.read_bytes(), path, pages=[2, 3, 4])
    return path


def test_a_scanned_report_gives_every_table_cell_of_its_gold(scanned_tables: Path) -> None:
    gold = json.loads(SZFGS.with_name("szfgs2024.gold.json").read_text(encoding="utf-8"))
    report = read_report(scanned_tables)
    assert report.cells == {k: v for k, v in gold["cells"].items() if v is not None}
    assert all(p.ocr is not None and 0 < p.ocr <= 1 for p in report.provenance.values())
    assert any(w.code == "reader_note" and "OCR" in w.message for w in report.warnings)


def test_without_ocr_the_scan_is_refused(scanned_tables: Path) -> None:
    with pytest.raises(UnreadableFile, match="needs OCR"):
        read_report(scanned_tables, ocr=False)


def test_a_blank_scan_says_ocr_read_nothing(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    Image.new("L", (600, 800), 255).save(path)
    with pytest.raises(UnreadableFile, match="OCR 未能识别出任何文字"):
        read_pdf(path.read_bytes(), "blank.pdf")


# Rasterise-then-OCR round trip: numbers and common labels of the form in a random grid.
WORDS = ("自然人", "商业企业", "科研机构", "总计", "予以公开", "部分公开", "不予公开", "其他")
cells = st.one_of(
    st.sampled_from(WORDS),
    st.integers(min_value=0, max_value=99_999).map(str),
    st.just(""),
)
grids = st.integers(min_value=2, max_value=4).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=2, max_size=5)
)


@settings(max_examples=4, deadline=None)
@given(grid=grids)
def test_a_rasterised_table_reads_back_or_says_it_is_unsure(grid: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "grid.pdf"
        scan = Path(tmp) / "scan.pdf"
        render_pdf(["表格如下：", grid], text)
        rasterise(text.read_bytes(), scan)
        layout = read_pdf(scan.read_bytes(), "scan.pdf")
    rows = [r for r in layout.rows if r.delimited]
    assert [len(r.cells) for r in rows] == [len(row) for row in grid]
    for row, printed in zip(rows, grid, strict=True):
        for cell, text_printed in zip(row.cells, printed, strict=True):
            assert cell.where.ocr is not None
            # Never a confident wrong value: what the engine is sure of is what was printed.
            if cell.where.ocr >= UNSURE or text_printed == "":
                assert cell.text == text_printed


def test_rules_are_found_in_a_page_image() -> None:
    image = np.full((400, 600), 255, dtype=np.uint8)
    for y in (50, 150, 250):
        image[y : y + 2, 100:501] = 0
    for x in (100, 300, 500):
        image[50:252, x : x + 2] = 0
    image[100:120, 150:160] = 0  # a character-sized blot is not a rule
    grids = grids_of(image_edges(image, scale=2.0))
    assert len(grids) == 1
    assert grids[0].shape == (2, 2)
    assert grids[0].xs[0] == pytest.approx(50.5, abs=1)


def test_characters_of_one_recognised_line_touch_unless_a_space_was_read() -> None:
    box = [[0, 0], [100, 0], [100, 20], [0, 20]]
    words = [[[x, 0], [x + 8, 0], [x + 8, 20], [x, 20]] for x in (0, 20, 40, 60)]
    glyphs = _line_glyphs(box, "3119", 0.99, words, scale=1.0)
    assert [(g.x0, g.x1) for g in glyphs[:3]] == [(0, 20), (20, 40), (40, 60)]
    assert {g.confidence for g in glyphs} == {0.99}
    glyphs = _line_glyphs(box, "31 19", 0.99, words, scale=1.0)
    assert glyphs[1].x1 == 28  # the engine's space stays a gap


def without_unicode_maps(source: Path, out: Path) -> None:
    """``source`` with its fonts' maps to Unicode removed: the text shows on paper, but
    its character codes mean nothing (as in some PDFs made by old office software)."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=source)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
    writer.write(out)


def test_a_page_whose_text_does_not_decode_is_read_by_ocr(tmp_path: Path) -> None:
    text = tmp_path / "text.pdf"
    render_pdf(
        ["淮安市人民政府2024年政府信息公开工作年度报告", [["规章", "1"], ["文件", "8"]]], text
    )
    garbled = tmp_path / "garbled.pdf"
    without_unicode_maps(text, garbled)
    with pytest.raises(UnreadableFile, match="无法解码"):
        read_pdf(garbled.read_bytes(), "garbled.pdf", ocr=False)
    layout = read_pdf(garbled.read_bytes(), "garbled.pdf")
    assert [[c.text for c in r.cells] for r in layout.rows if r.delimited] == [
        ["规章", "1"],
        ["文件", "8"],
    ]
    assert layout.rows[0].text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert "无法解码" in layout.notes[0] and "OCR" in layout.notes[0]
