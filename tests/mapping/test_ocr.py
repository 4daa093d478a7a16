"""What a report keeps of the numbers OCR read: confirmed, unsure, contradicted."""

from __future__ import annotations

from gongkai.catalogue.forms import Template
from gongkai.mapping.ocr import UNSURE, keep_trusted
from gongkai.report.model import CellValue, Provenance, Report

GROUP = ("upheld", "corrected", "other", "pending", "total")


def report(values: dict[str, CellValue], sure: dict[str, float | None]) -> Report:
    return Report(
        source="scan.pdf",
        template=Template.T2021,
        cells=values,
        provenance={
            k: Provenance(file="scan.pdf", page=5, text=str(v), ocr=sure.get(k, 0.99))
            for k, v in values.items()
        },
    )


def t4_review(*numbers: int) -> dict[str, CellValue]:
    return {f"t4.review.{c}": n for c, n in zip(GROUP, numbers, strict=True)}


def test_a_group_that_adds_up_is_kept_even_where_the_engine_was_unsure() -> None:
    cells = t4_review(72, 64, 178, 37, 351)
    kept = keep_trusted(report(cells, {"t4.review.pending": UNSURE - 0.2}))
    assert kept.cells == cells
    assert not kept.warnings


def test_a_group_that_does_not_add_up_loses_its_ocr_numbers_with_a_warning() -> None:
    cells = t4_review(72, 64, 178, 37, 31)  # "351" read as "31"
    kept = keep_trusted(report(cells, {}))
    assert kept.cells == {}
    assert {w.code for w in kept.warnings} == {"ocr_contradicted"}
    assert "t4.review.total" in {c for w in kept.warnings for c in w.cells}
    assert "“31”" in next(w.message for w in kept.warnings if "t4.review.total" in w.cells)


def test_a_number_in_no_identity_is_kept_only_when_the_engine_was_sure() -> None:
    cells: dict[str, CellValue] = {"t2.rules.made": 1, "t2.rules.repealed": 0}
    kept = keep_trusted(report(cells, {"t2.rules.repealed": 0.5}))
    assert kept.cells == {"t2.rules.made": 1}
    assert [w.code for w in kept.warnings] == ["ocr_unsure"]
    assert "0.50" in kept.warnings[0].message


def test_numbers_from_a_text_layer_are_left_alone() -> None:
    cells = t4_review(72, 64, 178, 37, 31)
    plain = report(cells, dict.fromkeys(cells))
    assert keep_trusted(plain) is plain
