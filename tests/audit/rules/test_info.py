"""The reader's remarks passed on as notes."""

from __future__ import annotations

from gongkai.audit.findings import Flag
from gongkai.audit.rules import info
from gongkai.report.model import ReportWarning
from tests.audit.builders import document


def _warn(code: str, *cells: str) -> ReportWarning:
    return ReportWarning(code=code, message=f"{code} 的说明", cells=cells)


def test_blank_cells_are_one_note_per_table() -> None:
    doc = document(
        {}, warnings=[_warn("blank_cell", "t3.new.total"), _warn("blank_cell", "t3.new.other")]
    )
    (note,) = info.blank_cells(doc)
    assert isinstance(note, Flag)
    assert note.cells == ("t3.new.total", "t3.new.other") and "2 个空白单元格" in note.message


def test_missing_cells_and_other_remarks_keep_the_readers_words() -> None:
    doc = document(
        {},
        warnings=[
            _warn("cells_missing", "t2.rules.made"),
            _warn("split_ambiguous", "t2.fee.amount"),
        ],
    )
    assert [n.message for n in info.missing_cells(doc) if isinstance(n, Flag)] == [
        "cells_missing 的说明"
    ]
    assert [n.message for n in info.reader_notes(doc) if isinstance(n, Flag)] == [
        "split_ambiguous 的说明"
    ]


def test_a_fee_in_yuan_is_a_warning_elsewhere_not_also_a_note() -> None:
    warning = _warn("unit_converted", "t2.fee.amount")
    doc = document({"t2.fee.amount": 0}, printed={"t2.fee.amount": "0元"}, warnings=[warning])
    assert list(info.unit_converted(doc)) == []
    procurement = _warn("unit_converted", "t2.procurement.amount")
    doc = document({"t2.procurement.amount": 7380.28959}, warnings=[procurement])
    assert [n.cells for n in info.unit_converted(doc)] == [("t2.procurement.amount",)]
