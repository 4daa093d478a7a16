"""Bounded work: spans, packed sizes, lines and characters past their caps are refused
with one Chinese line naming the bound, before the work they would cost is done."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from gongkai.errors import UnreadableFile
from gongkai.ingest import docx as word
from gongkai.ingest.grid import MAX_COLSPAN, MAX_GRID_CELLS, GridBudget, SpanCell, expand_spans
from gongkai.ingest.layout import MAX_ROWS, MAX_TEXT_CHARS, Where, text_row
from gongkai.mapping.tokens import text_items
from gongkai.reader import read_layout, read_report

TITLE = "某县人民政府2024年政府信息公开工作年度报告"


def reason_for(path: Path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    assert "\n" not in caught.value.reason
    return caught.value.reason


def _docx(change: Callable[[bytes], bytes] = lambda xml: xml) -> bytes:
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = "规章" if c == 0 else str(r + c)
    out = io.BytesIO()
    document.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data)
            package.writestr(info.filename, data)
    return rewritten.getvalue()


def _span_first_cell(span: int) -> Callable[[bytes], bytes]:
    mark = b'<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span

    def change(xml: bytes) -> bytes:
        return xml.replace(b"<w:tc><w:tcPr>", b"<w:tc>" + mark + b"<w:tcPr>", 1)

    return change


def test_a_huge_grid_span_is_clamped_and_the_report_read(tmp_path: Path) -> None:
    path = tmp_path / "span.docx"
    path.write_bytes(_docx(_span_first_cell(2**31 - 1)))
    layout = read_layout(path)
    widths = {len(row.cells) for row in layout.rows if row.delimited}
    assert max(widths) <= MAX_COLSPAN + 3


def test_many_wide_spans_are_refused_before_they_are_laid_out(tmp_path: Path) -> None:
    def widen_every_row(xml: bytes) -> bytes:
        row = b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr>'
        return xml.replace(b"</w:tbl>", row * 400 + b"</w:tbl>", 1)

    path = tmp_path / "spans.docx"
    path.write_bytes(_docx(widen_every_row))
    assert f"超过 {MAX_GRID_CELLS} 格" in reason_for(path)


def test_a_docx_zip_bomb_is_refused_from_its_central_directory(tmp_path: Path) -> None:
    def pad(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + b" " * (word.MAX_XML_BYTES + 1), 1)

    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx(pad))
    assert path.stat().st_size < 200_000
    reason = reason_for(path)
    assert "解压后过大" in reason and "word/document.xml" in reason


def test_a_part_packed_past_the_ratio_is_refused(tmp_path: Path) -> None:
    def pad(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + b" " * (2 * word.RATIO_FROM), 1)

    path = tmp_path / "ratio.docx"
    path.write_bytes(_docx(pad))
    assert "压缩比异常" in reason_for(path)


def test_a_member_that_inflates_past_its_declared_size_is_damaged(tmp_path: Path) -> None:
    data = bytearray(_docx())
    # The central directory entry of document.xml: its uncompressed size is at offset 24,
    # its name at 46. Declared smaller, zipfile stops there and the CRC check fails.
    start = data.find(b"PK\x01\x02")
    while data[start + 46 : start + 46 + 17] != b"word/document.xml":
        start = data.find(b"PK\x01\x02", start + 4)
        assert start > 0
    data[start + 24 : start + 28] = (100).to_bytes(4, "little")
    path = tmp_path / "lying.docx"
    path.write_bytes(bytes(data))
    assert reason_for(path).startswith("文件已损坏：")


def test_expanding_spans_takes_from_the_budget_before_laying_out() -> None:
    budget = GridBudget("page.html", limit=50)
    rows = [[SpanCell("1", colspan=10, rowspan=10)], *([[]] * 9)]
    with pytest.raises(UnreadableFile) as caught:
        expand_spans(rows, budget)
    assert "超过 50 格" in caught.value.reason


def test_html_with_a_huge_colspan_on_many_rows_is_refused(tmp_path: Path) -> None:
    rows = '<tr><td colspan="1000" rowspan="65534">1</td></tr>' * 300
    path = tmp_path / "spans.html"
    path.write_text(f"<html><title>{TITLE}</title><body><table>{rows}</table></body></html>")
    assert f"超过 {MAX_GRID_CELLS} 格" in reason_for(path)


def test_text_past_the_line_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text(TITLE + "\n" + "规章 1 2 3\n" * (MAX_ROWS + 1), encoding="utf-8")
    assert f"上限 {MAX_ROWS} 行" in reason_for(path)


def test_text_past_the_character_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(TITLE + "\n" + "规" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    assert f"上限 {MAX_TEXT_CHARS} 字符" in reason_for(path)


def test_running_text_numbers_keep_their_units_and_ordinals_far_into_a_line() -> None:
    # the unit and ordinal checks look at the text after each number in place: the tail of
    # a long line reads as it does alone
    tail = "共 12 件，其他 7 2.其他 5"

    def read(text: str) -> list[tuple[str, list[str]]]:
        items = text_items(text_row(text, Where("x.txt", line=1)))
        return [(i.label.strip(), [t.text for t in i.values]) for i in items]

    alone = read("规章 1 2 3 " + tail)
    assert read("规章 1 2 3 " * 500 + tail)[-len(alone) + 1 :] == alone[1:]
    assert "12 件" in alone[1][0]


def test_html_nested_past_the_parser_depth_is_refused_not_emptied(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    depth = 300
    body = "<div>" * depth + "政府信息公开 1 2 3" + "</div>" * depth
    path.write_text(f"<html><title>{TITLE}</title><body>{body}</body></html>")
    assert "嵌套过深" in reason_for(path)


def test_nested_article_boxes_are_measured_once_and_the_innermost_chosen() -> None:
    from gongkai.ingest.html import find_article, measure, parse_page, strip_chrome

    depth = 200
    page = (
        f"<html><title>{TITLE}</title><body><div class='nav'>首页 导航</div>"
        + "<div class='content'>" * depth
        + "<div class='share'>分享到</div><p>政府信息公开 规章 1 2 3</p><table><tr><td>1</td></tr></table>"
        + "</div>" * depth
        + "</body></html>"
    )
    body = parse_page(page, "deep.html").find("body")
    assert body is not None
    measures = measure(body, lambda el: el.get("class") == "content")
    assert len(measures) == depth + 1 and measures[body].tables == 1
    article = find_article(body)
    assert article.get("class") == "content" and next(article.iterancestors()).get("class")
    assert article.find("div") is not None and article.find("div").get("class") == "share"
    strip_chrome(article)
    assert "分享到" not in article.text_content() and "规章 1 2 3" in article.text_content()


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("| --- | :---: |", True),
        ("---|---", True),
        (" |----| ", True),
        ("--- x", False),
        ("| --- | x |", False),
        ("---" + " " * 100_000 + "x", False),  # once 10 s per 20,000 spaces
        ("|---" * 100_000 + "x", False),
    ],
)
def test_markdown_rules_are_told_from_other_lines(line: str, rule: bool) -> None:
    from gongkai.ingest.text import _is_md_rule

    assert _is_md_rule(line) is rule


def test_a_page_of_too_many_tags_is_refused_before_parsing(tmp_path: Path) -> None:
    from gongkai.ingest.html import MAX_TAGS

    path = tmp_path / "tags.html"
    path.write_text(
        f"<html><title>{TITLE}</title><body>" + "<p>1</p>" * (MAX_TAGS // 2) + "</body>"
    )
    assert f"上限 {MAX_TAGS} 个" in reason_for(path)


def test_a_word_file_of_too_many_paragraphs_is_refused_while_walking(tmp_path: Path) -> None:
    def fill(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * (MAX_ROWS + 1), 1)

    path = tmp_path / "paragraphs.docx"
    path.write_bytes(_docx(fill))
    assert f"上限 {MAX_ROWS} 行" in reason_for(path)
