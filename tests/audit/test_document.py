"""Evidence of a cell: its printed value in the row it was printed in."""

from __future__ import annotations

from gongkai.audit.document import cell_evidence
from gongkai.ingest.layout import Cell, Row, Where
from gongkai.report.model import Provenance


def test_a_value_in_a_drawn_table_is_found_in_its_column() -> None:
    w = Where("a.html", table=1, row=4)
    row = Row(
        tuple(
            Cell(t, Where("a.html", table=1, row=4, col=i))
            for i, t in enumerate(["行政规范性文件", "77", "132", "470"], 1)
        ),
        True,
    )
    prov = Provenance(file="a.html", table=1, row=4, col=4, text="470")
    e = cell_evidence("t2.normative.in_force", prov, row)
    assert e.context == "行政规范性文件 77 132 470" and e.context[e.start :] == "470"
    assert e.location() == "表 1 第 4 行 第 4 列" and w.table == 1


def test_a_value_in_a_flattened_line_is_shown_after_its_row_label() -> None:
    line = (
        "前文提到（七）总计一词。" * 20
        + "（六）其他处理4 0 0 0 0 0 4（七）总计20 0 00 0 121四、结转下年度继续办理"
    )
    row = Row((Cell(line, Where("a.txt", line=10)),), False)
    prov = Provenance(file="a.txt", line=10, text="20")
    e = cell_evidence("t3.results_total.natural", prov, row)
    assert e.context.startswith("（七）总计20") and e.context[e.start : e.start + 2] == "20"


def test_a_cell_without_its_row_quotes_the_value_alone() -> None:
    e = cell_evidence("t3.new.total", Provenance(file="a.txt", line=3, text="34"), None)
    assert (e.quote, e.context, e.start, e.line) == ("34", "34", 0, 3)
