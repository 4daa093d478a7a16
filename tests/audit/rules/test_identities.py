"""The form's identities: a report that keeps them gets no error; breaking one cell gives
exactly the errors of the identities that cell is in; a missing operand is "cannot check"."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import given, settings

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import identities
from gongkai.audit.run import audit_document
from gongkai.catalogue.forms import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from tests.audit.builders import APPLICANTS, consistent_t3, consistent_t4, document

IDENTITY_RULES = {"t3.balance", "t3.results_sum", "t3.row_total", "t4.group_total"}


def errors(
    cells: dict[str, int], template: Template = Template.T2021
) -> list[tuple[str, tuple[str, ...]]]:
    audit = audit_document(document(cells, template=template))
    return [(f.rule, f.cells) for f in audit.findings if f.severity.value == "error"]


def test_a_consistent_report_has_no_error() -> None:
    for template in (Template.T2019, Template.T2021):
        assert errors(consistent_t3(template) | consistent_t4(), template) == []


def test_it_reports_the_review_total_printed_zero_with_parts_summing_to_eleven() -> None:
    cells = consistent_t4() | {
        "t4.review.upheld": 10,
        "t4.review.corrected": 1,
        "t4.review.other": 0,
        "t4.review.pending": 0,
        "t4.review.total": 0,
    }
    (outcome,) = identities.t4_group_total(document(cells))
    assert isinstance(outcome, Flag)
    assert outcome.cells[0] == "t4.review.total"
    assert "总计印为 0" in outcome.message and "= 11" in outcome.message
    assert [e.cell for e in outcome.evidence][:1] == ["t4.review.total"]


def test_a_missing_operand_is_cannot_check_never_a_pass_or_a_fail() -> None:
    cells = consistent_t3()
    del cells["t3.carried_out.total"]
    cells["t3.new.total"] += 5  # would break the balance, were the column checkable
    outcomes = list(identities.t3_balance(document(cells)))
    skipped = [o for o in outcomes if isinstance(o, Skip)]
    assert [o.cells for o in skipped] == [("t3.carried_out.total",)]
    assert not any(isinstance(o, Flag) for o in outcomes)


def test_a_table_not_read_is_reported_once() -> None:
    outcomes = list(identities.t3_results_sum(document(consistent_t4())))
    assert len(outcomes) == 1 and isinstance(outcomes[0], Skip)


def test_the_2019_single_other_row_counts_in_a_2021_report() -> None:
    cells = consistent_t3(Template.T2019)  # 2019 rows, printed in a 2021-era report
    assert errors(cells, Template.T2021) == []


def test_negative_counts_are_errors_except_the_yearly_change() -> None:
    cells = {"t2.license.delta": -3, "t3.new.natural": -1}
    outcomes = list(identities.negative_counts(document(cells, template=Template.T2019)))
    assert [o.cells for o in outcomes if isinstance(o, Flag)] == [("t3.new.natural",)]


def _identities_of(cell: str, template: Template) -> set[str]:
    table, _, rest = cell.partition(".")
    row, _, _ = rest.rpartition(".")
    if table == "t4":
        return {"t4.group_total"}
    rules = {"t3.row_total"}
    if row in ("new", "carried_in", "results_total", "carried_out"):
        rules.add("t3.balance")
    rows = t3_row_ids(template)
    if row in rows[rows.index("disclosed") : rows.index("results_total") + 1]:
        rules.add("t3.results_sum")
    return rules


_T3_2021 = [f"t3.{r}.{c.id}" for r in t3_row_ids(Template.T2021) for c in T3_COLUMNS]
_T4 = [f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS]


@settings(max_examples=150, deadline=None)
@given(cell=st.sampled_from(_T3_2021 + _T4), delta=st.integers(1, 50), scale=st.integers(0, 30))
def test_breaking_one_cell_gives_exactly_that_cells_identities(
    cell: str, delta: int, scale: int
) -> None:
    cells = consistent_t3(Template.T2021, scale) | consistent_t4()
    cells[cell] += delta
    found = errors(cells)
    assert sorted(rule for rule, _ in found) == sorted(_identities_of(cell, Template.T2021))
    assert all(cell in named for _, named in found)


@st.composite
def _balanced(draw: st.DrawFn) -> dict[str, int]:
    """Any table 3 and 4 that keep the identities, from random parts."""
    rows = t3_row_ids(Template.T2021)
    results = rows[rows.index("disclosed") : rows.index("results_total")]
    cells: dict[str, int] = {}
    for col in APPLICANTS:
        for row in results:
            cells[f"t3.{row}.{col}"] = draw(st.integers(0, 500))
        handled = sum(cells[f"t3.{row}.{col}"] for row in results)
        cells[f"t3.results_total.{col}"] = handled
        cells[f"t3.carried_out.{col}"] = out = draw(st.integers(0, 100))
        cells[f"t3.carried_in.{col}"] = into = draw(st.integers(0, handled + out))
        cells[f"t3.new.{col}"] = handled + out - into
    for row in rows:
        cells[f"t3.{row}.total"] = sum(cells[f"t3.{row}.{c}"] for c in APPLICANTS)
    for group in T4_GROUPS:
        parts = [draw(st.integers(0, 400)) for _ in range(4)]
        for col, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            cells[f"t4.{group.id}.{col}"] = value
        cells[f"t4.{group.id}.total"] = sum(parts)
    return cells


@settings(max_examples=100, deadline=None)
@given(cells=_balanced())
def test_any_report_that_keeps_the_identities_gets_no_error(cells: dict[str, int]) -> None:
    assert errors(cells) == []
