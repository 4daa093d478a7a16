from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from gongkai.catalogue import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai.errors import UnreadableFile
from gongkai.ingest.html import read_html
from gongkai.ingest.layout import Layout, Row
from tests.formats.render_html import (
    Block,
    CellStyle,
    Merge,
    documents,
    expected_cells,
    read_back,
    render_html,
)


def page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def table(layout: Layout, number: int) -> list[Row]:
    return [r for r in layout.rows if r.delimited and r.cells[0].where.table == number]


def texts(rows: list[Row]) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in rows]


def table_holding(layout: Layout, word: str) -> list[Row]:
    numbers = {c.where.table for r in layout.rows if r.delimited for c in r.cells if word in c.text}
    assert len(numbers) == 1, numbers
    number = numbers.pop()
    assert number is not None
    return table(layout, number)


@pytest.fixture
def pingtan(corpus_dir: Path) -> tuple[Layout, dict[str, float]]:
    layout = read_html((corpus_dir / "pingtan-2023.html").read_bytes(), "pingtan-2023.html")
    gold = json.loads((corpus_dir / "pingtan-2023.gold.json").read_text(encoding="utf-8"))
    return layout, gold["cells"]


# ---- The real page ------------------------------------------------------------------


def test_pingtan_table_3_rows_are_a_label_and_seven_numbers(
    pingtan: tuple[Layout, dict[str, float]],
) -> None:
    layout, gold = pingtan
    rows = table_holding(layout, "申请人情况")
    data = [r for r in rows if all(c.text.isdigit() for c in r.cells[-7:])]

    assert len({len(r.cells) for r in rows}) == 1  # rectangular
    assert len(data) == 25
    for row in data:
        labels = [c.text for c in row.cells[:-7] if c.text]
        assert labels and not any(text.isdigit() for text in labels)
    expected = [[gold[f"t3.{r}.{c.id}"] for c in T3_COLUMNS] for r in t3_row_ids(Template.T2021)]
    assert [[int(c.text) for c in row.cells[-7:]] for row in data] == expected
    assert [c.text for c in data[0].cells[:3]] == ["一、本年新收政府信息公开申请数量", "", ""]
    assert [c.merged for c in data[0].cells[:3]] == [False, True, True]


def test_pingtan_table_4_values_are_all_there(pingtan: tuple[Layout, dict[str, float]]) -> None:
    layout, gold = pingtan
    rows = table_holding(layout, "复议后起诉")

    expected = [str(gold[f"t4.{g.id}.{c.id}"]) for g in T4_GROUPS for c in T4_COLUMNS]
    assert [c.text for c in rows[-1].cells] == expected
    # 结果<br/>纠正 reads as one word; the group headings sit over their five columns.
    assert [c.text for c in rows[2].cells[5:10]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert [c.text for c in rows[1].cells][5:11] == [
        "未经复议直接起诉",
        "",
        "",
        "",
        "",
        "复议后起诉",
    ]


def test_pingtan_keeps_the_title_first_and_drops_the_site_chrome(
    pingtan: tuple[Layout, dict[str, float]],
) -> None:
    layout, _ = pingtan
    first = layout.rows[0]

    assert not first.delimited
    assert first.text.startswith("平潭综合实验区2023年度政府信息公开工作年度报告")
    assert first.cells[0].where.line == 1
    assert "当前位置" not in layout.text  # breadcrumb
    assert "省人大" not in layout.text  # a link in the site header
    assert "网站链接" not in layout.text and "请输入" not in layout.text
    assert layout.rows[-1].text == "2023年，无收取信息处理费情况。"


def test_pingtan_cells_say_where_they_are(pingtan: tuple[Layout, dict[str, float]]) -> None:
    layout, _ = pingtan
    rows = table_holding(layout, "申请人情况")
    cell = rows[3].cells[3]

    assert cell.text == "80"
    assert (cell.where.file, cell.where.row, cell.where.col) == ("pingtan-2023.html", 4, 4)
    assert cell.where.line is None


# ---- Tables -------------------------------------------------------------------------


def test_it_expands_rowspan_and_colspan_into_a_rectangle() -> None:
    layout = read_html(
        page(
            "<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>"
            "<tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>"
        ),
        "t.html",
    )
    rows = table(layout, 1)

    assert texts(rows) == [["甲", "乙", ""], ["", "1", "2"], ["3", "", ""]]
    assert [[c.merged for c in r.cells] for r in rows] == [
        [False, False, True],
        [True, False, False],
        [False, False, False],
    ]
    assert all(r.delimited for r in rows)


def test_it_joins_a_figure_split_over_spans() -> None:
    layout = read_html(
        page(
            "<table><tr><td><span>2</span><span>0</span></td>"
            "<td>\n <p>\n  <font>1</font>\n  <b>5</b>\n </p>\n</td></tr></table>"
        ),
        "t.html",
    )

    assert texts(table(layout, 1)) == [["20", "15"]]


def test_it_joins_lines_of_a_cell_without_spaces_between_chinese() -> None:
    layout = read_html(
        page(
            "<table><tr><td><p>结果</p><p>纠正</p></td><td>尚未<br/>审结</td>"
            "<td>&nbsp;&nbsp;7&nbsp;</td><td>&#12288;</td></tr></table>"
        ),
        "t.html",
    )

    assert texts(table(layout, 1)) == [["结果纠正", "尚未审结", "7", ""]]


def test_it_reads_nested_tables_as_rows_of_their_own_in_document_order() -> None:
    layout = read_html(
        page(
            "<table><tr><td>外一</td><td>1</td></tr>"
            "<tr><td>外二<table><tr><td>内</td><td>2</td></tr></table></td><td>3</td></tr>"
            "<tr><td>外三</td><td>4</td></tr></table>"
        ),
        "t.html",
    )

    assert [(r.cells[0].where.table, r.cells[0].where.row, r.text) for r in layout.rows] == [
        (1, 1, "外一 1"),
        (1, 2, "外二 3"),
        (2, 1, "内 2"),
        (1, 3, "外三 4"),
    ]


def test_it_reads_a_page_layout_table_as_running_text() -> None:
    long = "本年度政府信息公开工作总体情况良好。" * 20
    layout = read_html(
        page(
            f"<table><tr><td><p>{long}</p><table><tr><td>规章</td><td>0</td></tr></table>"
            "</td></tr></table>"
        ),
        "t.html",
    )

    assert [(r.delimited, r.text) for r in layout.rows] == [(False, long), (True, "规章 0")]
    assert layout.rows[1].cells[0].where.table == 1


# ---- Text, title, chrome ------------------------------------------------------------


def test_text_blocks_become_numbered_rows_between_tables() -> None:
    layout = read_html(
        page(
            "<h1>某某局2023年政府信息公开工作年度报告</h1><div>一、总体情况<br>第二行</div>"
            "<table><tr><td>规章</td></tr></table><ul><li>甲</li><li>乙 <b>丙</b></li></ul>"
        ),
        "t.html",
    )

    assert [(r.delimited, r.text, r.cells[0].where.line) for r in layout.rows] == [
        (False, "某某局2023年政府信息公开工作年度报告", 1),
        (False, "一、总体情况", 2),
        (False, "第二行", 3),
        (True, "规章", None),
        (False, "甲", 4),
        (False, "乙丙", 5),
    ]


def test_it_keeps_the_title_and_the_article_and_drops_chrome() -> None:
    layout = read_html(
        page(
            '<div class="top-nav"><a>首页</a><a>政务公开</a></div><nav>导航</nav>'
            '<div id="breadcrumb">当前位置：首页</div><script>var x = "脚本";</script>'
            '<div class="main"><div class="sidebar">相关文章</div>'
            '<div id="zoom"><p>正文第一段，写得足够长以便成为正文。</p>'
            "<table><tr><td>规章</td><td>0</td></tr></table></div>"
            '<div class="share">分享到</div></div><footer>版权所有</footer>',
            head="<title>某某区2023年度政府信息公开工作年度报告</title>",
        ),
        "t.html",
    )

    assert [r.text for r in layout.rows] == [
        "某某区2023年度政府信息公开工作年度报告",
        "正文第一段，写得足够长以便成为正文。",
        "规章 0",
    ]


def test_it_keeps_a_table_inside_an_element_named_like_chrome() -> None:
    layout = read_html(page('<div class="menu"><table><tr><td>规章</td></tr></table></div>'), "t")

    assert [r.text for r in layout.rows] == ["规章"]


# ---- Bytes and errors ---------------------------------------------------------------


def test_it_decodes_a_gb2312_page_that_uses_gbk_only_characters() -> None:
    # 镕 and 堃 are in GBK but not in GB2312: a strict GB2312 decoder loses them.
    data = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><p>朱镕基、王堃同志</p></body></html>"
    ).encode("gb18030")

    assert read_html(data, "t.html").rows[0].text == "朱镕基、王堃同志"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", page('<script>document.write("x")</script>'), page("", "<title>标题</title>")],
    ids=["empty", "blank", "script only", "title only"],
)
def test_it_rejects_a_page_without_text(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_html(data, "t.html")

    assert "网页没有正文内容" in caught.value.reason
    assert "\n" not in caught.value.reason


def test_it_rejects_binary_bytes() -> None:
    with pytest.raises(UnreadableFile):
        read_html(b"\x00\x01\x02" * 100, "t.html")


# ---- Round trip ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(documents())
@pytest.mark.parametrize("style", ["plain", "p", "spans"])
def test_rendered_pages_read_back_to_the_same_grid(
    tmp_path_factory: pytest.TempPathFactory,
    style: CellStyle,
    document: tuple[list[Block], dict[int, list[Merge]]],
) -> None:
    blocks, merges = document
    path = tmp_path_factory.mktemp("html") / "doc.html"
    render_html(blocks, path, merges=merges, cell_style=style)

    layout = read_html(path.read_bytes(), str(path))

    expected = [
        b if isinstance(b, str) else expected_cells(b, merges[i]) for i, b in enumerate(blocks)
    ]
    assert read_back(layout) == expected


def test_it_keeps_the_whole_page_when_figures_lie_outside_the_article_box() -> None:
    figures = "".join(f"<tr><td>{i}</td><td>{i * 2}</td><td>{i * 3}</td></tr>" for i in range(5))
    layout = read_html(
        page(
            '<div class="article_content"><p>一、总体情况。本年度工作总体情况的一段较长文字，'
            "说明主动公开与依申请公开的情况。</p></div>"
            f'<div class="box"><table>{figures}</table></div>'
        ),
        "t.html",
    )

    assert layout.rows[0].text.startswith("一、总体情况")
    assert [r.text for r in layout.rows if r.delimited][-1] == "4 8 12"


def test_it_reads_an_xhtml_page_that_declares_its_encoding_in_the_xml_declaration() -> None:
    data = (
        '<?xml version="1.0" encoding="gbk"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>镕基</p></body></html>'
    ).encode("gbk")

    assert read_html(data, "t.xhtml").rows[0].text == "镕基"


def test_a_long_note_in_a_table_of_figures_keeps_the_table() -> None:
    note = "注：本表数据统计时间为2023年1月1日至12月31日，" * 12
    rows = "".join(f"<tr><td>行{i}</td><td>{i}</td></tr>" for i in range(8))
    layout = read_html(page(f"<table>{rows}<tr><td colspan=2>{note}</td></tr></table>"), "t")

    assert all(r.delimited for r in layout.rows)
    assert texts(table(layout, 1))[-1] == [note.strip(), ""]
