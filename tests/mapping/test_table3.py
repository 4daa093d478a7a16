"""Placing table-3 rows: anchors by label, gaps filled only when they fit exactly."""

from gongkai.catalogue.forms import Template, t3_row_ids
from gongkai.ingest.layout import Where, text_row
from gongkai.mapping.found import Found
from gongkai.mapping.table3 import map_table3
from gongkai.mapping.tokens import rows_to_items

W = Where("t.txt", line=1)
ROWS = t3_row_ids(Template.T2021)


def read(lines: list[str]) -> Found:
    found = Found()
    map_table3(rows_to_items(tuple(text_row(line, W) for line in lines)), Template.T2021, found)
    return found


def row(n: int) -> str:
    return " ".join([str(n), "0", "0", "0", "0", "0", str(n)])


def test_unlabelled_rows_fill_a_gap_of_exactly_their_number() -> None:
    lines = [f"{i}.label {row(i)}" for i in range(len(ROWS))]
    lines[0] = "一、本年新收政府信息公开申请数量 " + row(0)
    lines[-1] = "四、结转下年度继续办理 " + row(len(ROWS) - 1)
    found = read(lines)
    for i, r in enumerate(ROWS):
        assert found.cells[f"t3.{r}.natural"] == i


def test_a_gap_that_does_not_fit_is_left_empty_and_reported() -> None:
    found = read(["一、本年新收政府信息公开申请数量 " + row(1), row(2), "（七）总计 " + row(3)])
    assert found.cells["t3.new.natural"] == 1
    assert found.cells["t3.results_total.natural"] == 3
    assert not any(c.startswith("t3.disclosed") for c in found.cells)
    assert any(w.code == "rows_unplaced" for w in found.warnings)


def test_a_label_out_of_the_forms_order_is_not_used() -> None:
    found = read(
        [
            "（一）予以公开 " + row(1),
            "一、本年新收政府信息公开申请数量 " + row(2),
            "（二）部分公开 " + row(3),
        ]
    )
    assert found.cells["t3.disclosed.natural"] == 1
    assert found.cells["t3.partial.natural"] == 3
    assert "t3.new.natural" not in found.cells
    assert any(w.code == "row_out_of_order" for w in found.warnings)


def test_loose_text_before_a_row_names_it() -> None:
    found = read(["2.其他法律行政法规", "禁止公开", row(7)])
    assert found.cells["t3.withheld.law.total"] == 7


def test_loose_text_naming_two_rows_names_neither() -> None:
    found = read(["5.属于三类内部事务信息1.本机关不掌握相关政府信息", row(7)])
    assert found.cells == {}


def test_a_row_that_does_not_add_up_keeps_its_printed_values() -> None:
    found = read(["（一）予以公开 5 0 0 0 0 0 9"])
    assert found.cells["t3.disclosed.natural"] == 5
    assert found.cells["t3.disclosed.total"] == 9


def test_the_2019_single_other_row_in_a_2021_report_is_kept_as_printed() -> None:
    found = read(["（六）其他处理 " + row(4), "（七）总计 " + row(4)])
    assert found.cells["t3.other.natural"] == 4
    assert not any(c.startswith("t3.other.no_") for c in found.cells)
