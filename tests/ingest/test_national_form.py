"""The national 2021 form as offices receive it (Word, merged header cells), filled in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.gold import load_gold, same_value
from gongkai.reader import read_report

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("gold_name", ["szfgs2024.gold.json", "shuyang-2025.gold.json"])
def test_the_filled_national_word_form_reads_back_whole(tmp_path: Path, gold_name: str) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from word_sample import fill_national_form
    finally:
        sys.path.remove(str(BENCH))
    gold = load_gold(CORPUS / gold_name)
    out = tmp_path / "filled.docx"
    fill_national_form(CORPUS / "reference" / "national-form-2021-blank.docx", gold, out)

    report = read_report(out)

    assert report.template.value == "2021"
    wrong = {
        k: (v, report.cells.get(k))
        for k, v in gold.cells.items()
        if k not in report.cells or not same_value(k, report.cells[k], v)
    }
    assert wrong == {}
    assert set(report.cells) == set(gold.cells)
    assert all(p.table is not None and p.row is not None for p in report.provenance.values())


def test_the_blank_national_form_reads_as_every_cell_printed_blank(tmp_path: Path) -> None:
    """The empty form prints every cell of tables 2 and 3 blank: null, never 0; its
    table 4 has no row of cells at all, so those cells are missing, not blank."""
    report = read_report(CORPUS / "reference" / "national-form-2021-blank.docx")
    expected = [c for c in cell_ids(Template.T2021) if not c.startswith("t4.")]
    assert report.cells == dict.fromkeys(expected)
    blank = {c for w in report.warnings if w.code == "blank_cell" for c in w.cells}
    assert blank == set(expected)
    missing = {c for w in report.warnings if w.code == "cells_missing" for c in w.cells}
    assert {"t4.review.total", "t4.suit_direct.upheld"} <= missing
