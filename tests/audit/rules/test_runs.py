"""Values a cell could have, from digits the reader could not split."""

from __future__ import annotations

from pathlib import Path

from gongkai.audit.document import Document
from gongkai.audit.rules.runs import possible_values, printed_run
from gongkai.reader import read_report
from gongkai.report.model import ReportWarning
from tests.audit.builders import document

CELLS = ("t2.penalty.prev", "t2.penalty.delta", "t2.penalty.decisions")


def _doc(run: str, cells: tuple[str, ...] = CELLS) -> Document:
    warning = ReportWarning(
        code="split_ambiguous",
        message="数字连写，无法唯一拆分（…），该行未记录",  # the run is not read from here
        cells=cells,
        digits=run,
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


def test_a_warning_without_the_structured_run_gives_no_values() -> None:
    """The run is taken from the warning's field, never parsed out of its message."""
    warning = ReportWarning(
        code="split_ambiguous",
        message="“1205”数字连写，无法唯一拆分为 3 栏（…），该行未记录",
        cells=CELLS,
    )
    doc = document({}, warnings=[warning])
    assert printed_run(doc.report, "t2.penalty.prev") is None


def test_the_reader_puts_the_run_in_its_warning(tmp_path: Path) -> None:
    path = tmp_path / "flat.txt"
    path.write_text(
        "某市人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "信息内容本年制发件数本年废止件数现行有效件数\n规范性文件7777166\n",
        encoding="utf-8",
    )
    report = read_report(path)
    (warning,) = [w for w in report.warnings if w.code == "split_ambiguous"]
    assert warning.digits == "7777166"
    assert warning.cells == ("t2.normative.made", "t2.normative.repealed", "t2.normative.in_force")
    assert possible_values(report, "t2.normative.in_force") >= {166, 7166}
