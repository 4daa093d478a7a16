from gongkai.ingest.text import lines_to_rows, read_text


def texts(rows) -> list[tuple[bool, list[str]]]:  # type: ignore[no-untyped-def]
    return [(r.delimited, [c.text for c in r.cells]) for r in rows]


def test_it_drops_page_markers_inside_tables() -> None:
    lines = ["规章 0 0 0", "- 3 -", "— 4 —", "第 5 页", "第6页 共9页", "7/9", "规范性文件 1 1 1"]
    assert texts(lines_to_rows(lines, "t.txt")) == [
        (False, ["规章 0 0 0"]),
        (False, ["规范性文件 1 1 1"]),
    ]


def test_pipe_rows_keep_their_cells_and_markdown_rules_go() -> None:
    lines = ["| 信息内容 | 本年制发件数 |", "|---|---|", "| 规章 |  |"]
    assert texts(lines_to_rows(lines, "t.md")) == [
        (True, ["信息内容", "本年制发件数"]),
        (True, ["规章", ""]),
    ]


def test_tab_rows_keep_empty_cells() -> None:
    assert texts(lines_to_rows(["\t自然人\t\t总计"], "t.txt")) == [
        (True, ["", "自然人", "", "总计"])
    ]


def test_markdown_headings_become_plain_text() -> None:
    assert texts(lines_to_rows(["### 第二十条第（一）项"], "t.md")) == [
        (False, ["第二十条第（一）项"])
    ]


def test_every_row_knows_its_line_number() -> None:
    layout = read_text("标题\n\n规章 0 0 0\n".encode(), "t.txt")
    assert [r.cells[0].where.line for r in layout.rows] == [1, 3]


def test_it_reads_utf8_with_a_byte_order_mark() -> None:
    layout = read_text("\ufeff规章 1 2 3".encode(), "t.txt")
    assert layout.rows[0].cells[0].text == "规章 1 2 3"
