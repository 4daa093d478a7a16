from gongkai.ingest.layout import Cell, Row, Where, text_row
from gongkai.mapping.tokens import rows_to_items

W = Where("t.txt", line=1)


def items_of(text: str) -> list[tuple[str, list[str]]]:
    return [(i.label, [v.text for v in i.values]) for i in rows_to_items((text_row(text, W),))]


def test_it_splits_a_flattened_line_into_label_value_items() -> None:
    assert items_of("规章000行政规范性文件77132470") == [
        ("规章", ["000"]),
        ("行政规范性文件", ["77132470"]),
    ]


def test_it_gives_a_glued_ordinal_back_to_the_next_label() -> None:
    assert items_of("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000") == [
        ("1.属于国家秘密", ["0000000"]),
        ("2.其他法律行政法规禁止公开", ["0000000"]),
    ]


def test_it_leaves_narrative_numbers_with_units_in_the_label() -> None:
    assert items_of("全年主动公开政府信息 373 条，2020 年") == [
        ("全年主动公开政府信息 373 条，2020 年", [])
    ]


def test_it_keeps_money_units_and_signs() -> None:
    assert items_of("政府集中采购 4 21.83 万元") == [("政府集中采购 ", ["4", "21.83 万元"])]
    assert items_of("行政处罚2648-18538") == [("行政处罚", ["2648", "-18538"])]


def test_a_delimited_row_keeps_blank_cells_after_the_first_value() -> None:
    cells = tuple(Cell(t, W) for t in ["四、结转下年度继续办理", "1", "0", "", "-"])
    (item,) = rows_to_items((Row(cells, delimited=True),))
    assert item.label == "四、结转下年度继续办理"
    assert [(v.text, v.blank) for v in item.values] == [
        ("1", False),
        ("0", False),
        ("", True),
        ("-", True),
    ]


def test_merged_cells_are_not_columns() -> None:
    cells = (Cell("予以公开", W), Cell("", W, merged=True), Cell("5", W))
    (item,) = rows_to_items((Row(cells, delimited=True),))
    assert [v.text for v in item.values] == ["5"]
