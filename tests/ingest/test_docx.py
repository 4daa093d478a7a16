from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings

from gongkai.errors import UnreadableFile
from gongkai.ingest.docx import read_docx
from gongkai.ingest.layout import Layout, Row
from tests.formats.render_docx import render_docx
from tests.formats.render_html import Block, Merge, documents, expected_cells, read_back

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Table 3 of the 2021 form, each row's own label as the form prints it in the row's last
# label cell (the group headings 三、本年度办理结果 and （三）不予公开… sit in merged cells
# to its left). Order and wording: shared/spec/cells.md.
T3_LABELS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def tables(layout: Layout) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {}
    for row in layout.rows:
        if row.delimited and row.cells[0].where.table is not None:
            found.setdefault(row.cells[0].where.table, []).append(row)
    return found


def save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def national_form(corpus_dir: Path) -> Layout:
    path = corpus_dir / "reference" / "national-form-2021-blank.docx"
    return read_docx(path.read_bytes(), path.name)


# ---- The national form --------------------------------------------------------------


def test_national_form_tables_are_rectangular(national_form: Layout) -> None:
    found = tables(national_form)

    assert sorted(found) == [1, 2, 3]
    shapes = {n: (len(rows), {len(r.cells) for r in rows}) for n, rows in found.items()}
    assert shapes == {1: (14, {4}), 2: (28, {10}), 3: (4, {15})}


def test_national_form_table_3_has_the_25_row_labels_in_order(national_form: Layout) -> None:
    rows = tables(national_form)[2][3:]
    labels = [next(c.text for c in reversed(r.cells[:3]) if c.text) for r in rows]

    assert labels == T3_LABELS_2021
    assert all(c.text == "" and not c.merged for r in rows for c in r.cells[3:])


def test_national_form_merged_header_appears_once(national_form: Layout) -> None:
    header = tables(national_form)[2][1].cells

    assert [c.text for c in header].count("法人或其他组织") == 1
    at = [c.text for c in header].index("法人或其他组织")
    assert at == 4
    assert [c.merged for c in header[at + 1 : at + 5]] == [True] * 4
    assert (header[9].text, header[9].merged) == ("总计", False)
    # The top-left note spans three columns and three rows: it is read once.
    corner = [r.cells[:3] for r in tables(national_form)[2][:3]]
    assert corner[0][0].text.startswith("（本列数据的勾稽关系为：")
    assert all(c.merged for row in corner for c in row if c is not corner[0][0])


def test_national_form_reads_paragraphs_and_tables_in_order(national_form: Layout) -> None:
    outline: list[str] = []
    for row in national_form.rows:
        item = f"table {row.cells[0].where.table}" if row.delimited else row.text
        if not outline or outline[-1] != item:
            outline.append(item)

    assert outline == [
        "政府信息公开工作年度报告格式模板",
        "一、总体情况",
        "（文字描述）",
        "二、主动公开政府信息情况",
        "table 1",
        "三、收到和处理政府信息公开申请情况",
        "table 2",
        "四、政府信息公开行政复议、行政诉讼情况",
        "table 3",
        "五、存在的主要问题及改进情况",
        "（文字描述）",
        "六、其他需要报告的事项",
        "（文字描述，收取信息处理费情况在此处报告。）",
    ]
    assert national_form.rows[0].cells[0].where.line == 2  # paragraph 1 is empty


# ---- Cells and paragraphs -----------------------------------------------------------


def test_it_joins_the_paragraphs_of_a_cell_without_spaces() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "结果"
    cell.add_paragraph("纠正")
    document.tables[0].cell(0, 1).text = "\u3000\u3000"

    layout = read_docx(save(document), "t.docx")

    assert [(c.text, c.merged) for c in layout.rows[0].cells] == [("结果纠正", False), ("", False)]


def test_it_reads_a_nested_table_after_the_row_that_holds_it() -> None:
    document = docx.Document()
    outer = document.add_table(rows=3, cols=2)
    for r in range(3):
        outer.cell(r, 0).text = f"外{r + 1}"
        outer.cell(r, 1).text = str(r + 1)
    inner = outer.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内"
    inner.cell(0, 1).text = "9"

    layout = read_docx(save(document), "t.docx")

    assert [(r.cells[0].where.table, r.cells[0].where.row, r.text) for r in layout.rows] == [
        (1, 1, "外1 1"),
        (1, 2, "外2 2"),
        (2, 1, "内 9"),
        (1, 3, "外3 3"),
    ]


def test_a_tab_separated_paragraph_is_a_delimited_row() -> None:
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.add_paragraph("\t行政许可\t\t2629\t")

    rows = read_docx(save(document), "t.docx").rows

    assert [(r.delimited, [c.text for c in r.cells]) for r in rows] == [
        (False, ["一、总体情况"]),
        (True, ["行政许可", "2629"]),
    ]
    assert rows[1].cells[1].where.line == 2
    assert rows[1].cells[1].where.col == 2


def test_it_reads_text_in_hyperlinks_and_joins_soft_line_breaks() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("平潭综合实验区")
    paragraph.add_run().add_break()
    paragraph.add_run("2023年度报告")
    link = paragraph._p.makeelement(f"{W}hyperlink")
    link.append(paragraph.add_run("（全文）")._r)
    paragraph._p.append(link)

    rows = read_docx(save(document), "t.docx").rows

    assert [r.text for r in rows] == ["平潭综合实验区2023年度报告（全文）"]


# ---- Errors -------------------------------------------------------------------------


def test_it_rejects_a_corrupt_docx(corpus_dir: Path) -> None:
    data = (corpus_dir / "reference" / "national-form-2021-blank.docx").read_bytes()

    with pytest.raises(UnreadableFile) as caught:
        read_docx(data[: len(data) // 2], "broken.docx")

    assert "损坏" in caught.value.reason
    assert caught.value.path == "broken.docx"


def test_it_rejects_a_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/readme.txt", "not a document")

    with pytest.raises(UnreadableFile) as caught:
        read_docx(buffer.getvalue(), "other.docx")

    assert "不是 Word" in caught.value.reason


def test_it_rejects_damaged_document_xml(tmp_path: Path) -> None:
    source = io.BytesIO(save(docx.Document()))
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            new.writestr(item, content)

    with pytest.raises(UnreadableFile) as caught:
        read_docx(target.getvalue(), "half.docx")

    assert "损坏" in caught.value.reason


# ---- Round trip ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(documents())
def test_rendered_documents_read_back_to_the_same_grid(
    tmp_path_factory: pytest.TempPathFactory,
    document: tuple[list[Block], dict[int, list[Merge]]],
) -> None:
    blocks, merges = document
    path = tmp_path_factory.mktemp("docx") / "doc.docx"
    render_docx(blocks, path, merges=merges)

    layout = read_docx(path.read_bytes(), str(path))

    expected = [
        b if isinstance(b, str) else expected_cells(b, merges[i]) for i, b in enumerate(blocks)
    ]
    assert read_back(layout) == expected


def test_it_leaves_out_deleted_text_and_blank_paragraphs() -> None:
    document = docx.Document()
    document.add_paragraph("\u3000\u3000 ")
    paragraph = document.add_paragraph("收到申请")
    deleted = paragraph._p.makeelement(f"{W}del")
    run = paragraph.add_run()._r
    text = run.makeelement(f"{W}delText")
    text.text = "100"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    paragraph.add_run("81件")

    rows = read_docx(save(document), "t.docx").rows

    assert [(r.text, r.cells[0].where.line) for r in rows] == [("收到申请81件", 2)]
