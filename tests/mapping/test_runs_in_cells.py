"""A table row flattened into one cell of a pipe or tab table ("| 10203120001200000 |"):
split where the form's identities leave one split, never into a wrong value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.gold import same_value
from gongkai.reader import read_report
from tests.formats.reports import as_text, report_blocks, reports


def _flatten(blocks: list, t3_row: str) -> list:  # type: ignore[type-arg]
    """The blocks with table 4's values and one table-3 row run into a single cell."""
    t4 = blocks[-3]
    t4[-1] = ["".join(t4[-1])]
    for row in blocks[-5]:
        if row[0].startswith(t3_row) or (len(row) > 1 and row[1].startswith(t3_row)):
            row[3:] = ["".join(row[3:])]
    return blocks


def _cells() -> dict[str, int | float | None]:
    cells: dict[str, int | float | None] = dict.fromkeys(cell_ids(Template.T2021), 0)
    cells |= {
        "t4.review.upheld": 10, "t4.review.corrected": 2, "t4.review.pending": 3,
        "t4.review.total": 15, "t4.suit_direct.upheld": 1, "t4.suit_direct.total": 1,
        "t4.suit_after_review.pending": 2, "t4.suit_after_review.total": 2,
    }  # fmt: skip
    for row in ("new", "disclosed", "results_total"):
        cells[f"t3.{row}.natural"] = 8
        cells[f"t3.{row}.total"] = 8
    return cells


@pytest.mark.parametrize("style", ["pipe", "tab"])
def test_runs_in_one_cell_split_where_the_identities_settle_them(
    tmp_path: Path, style: str
) -> None:
    cells = _cells()
    blocks = _flatten(report_blocks(Template.T2021, 2023, cells), "一、本年新收")
    path = tmp_path / f"r-{style}.md"
    path.write_text(as_text(blocks, style), encoding="utf-8")
    assert "10203151000100022" in path.read_text(encoding="utf-8")

    report = read_report(path)

    assert {k: (v, report.cells.get(k)) for k, v in cells.items() if report.cells.get(k) != v} == {}
    assert not [w for w in report.warnings if w.code == "split_ambiguous"]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reports(), st.sampled_from(["pipe", "tab"]))
def test_a_row_run_into_one_cell_never_gives_a_wrong_value(
    tmp_path: Path, case, style: str
) -> None:  # type: ignore[no-untyped-def]
    template, year, cells = case
    blocks = _flatten(report_blocks(template, year, cells), "（一）予以公开")
    path = tmp_path / f"r-{style}.md"
    path.write_text(as_text(blocks, style), encoding="utf-8")
    report = read_report(path)
    wrong = {
        k: (cells.get(k), v)
        for k, v in report.cells.items()
        if k not in cells or not same_value(k, v, cells[k])
    }
    assert wrong == {}
    warned = {c for w in report.warnings for c in w.cells}
    assert set(cells) - set(report.cells) <= warned
