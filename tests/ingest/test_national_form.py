"""The national 2021 form as offices receive it (Word, merged header cells), filled in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


def test_the_blank_national_form_reads_as_a_report_with_no_cells(tmp_path: Path) -> None:
    report = read_report(CORPUS / "reference" / "national-form-2021-blank.docx")
    assert report.cells == {}
    missing = {c for w in report.warnings if w.code == "cells_missing" for c in w.cells}
    assert {"t3.new.total", "t4.review.total", "t2.rules.made"} <= missing
