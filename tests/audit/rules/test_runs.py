"""Values a cell could have, from digits the reader could not split."""

from __future__ import annotations

from gongkai.audit.document import Document
from gongkai.audit.rules.runs import possible_values, printed_run
from gongkai.report.model import ReportWarning
from tests.audit.builders import document

CELLS = ("t2.penalty.prev", "t2.penalty.delta", "t2.penalty.decisions")


def _doc(run: str, cells: tuple[str, ...] = CELLS) -> Document:
    warning = ReportWarning(
        code="split_ambiguous",
        message=f"“{run}”数字连写，无法唯一拆分为 {len(cells)} 栏（…），该行未记录",
        cells=cells,
    )
    return document({}, warnings=[warning])


def test_every_split_without_leading_zeros_is_a_possible_value() -> None:
    doc = _doc("1205")
    assert printed_run(doc.report, "t2.penalty.decisions") == ("1205", 2, 3)
    # 1|20|5 and 12|0|5; never a piece "05"
    assert possible_values(doc.report, "t2.penalty.decisions") == frozenset({5})
    assert possible_values(doc.report, "t2.penalty.prev") == frozenset({1, 12})


def test_the_sign_stays_on_its_token() -> None:
    doc = _doc("2648 -18538")
    values = possible_values(doc.report, "t2.penalty.delta")
    assert values is not None and -18 in values and 18 not in values


def test_a_cell_left_out_for_another_reason_has_no_possible_values() -> None:
    assert possible_values(document({}).report, "t2.penalty.prev") is None
