"""Values that can be printed but cannot be right."""

from __future__ import annotations

import pytest

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import plausibility
from gongkai.catalogue.forms import Template
from tests.audit.builders import document


@pytest.mark.parametrize(
    ("agency", "flagged"),
    [
        ("朝阳市科学技术局", True),
        ("上海市发展和改革委员会", True),
        ("沭阳县人民政府", True),
        ("淮安市人民政府", False),
        ("上海市人民政府办公厅", False),
        ("平潭综合实验区", False),
    ],
)
def test_only_governments_that_may_make_rules_report_making_them(
    agency: str, flagged: bool
) -> None:
    doc = document(
        {"t2.rules.made": 1, "t2.rules.repealed": 0, "t2.rules.in_force": 3}, agency=agency
    )
    outcomes = list(plausibility.rules_by_department(doc))
    assert [o.cells for o in outcomes if isinstance(o, Flag)] == (
        [("t2.rules.made",)] if flagged else []
    )


def test_a_department_reporting_no_rules_passes() -> None:
    assert (
        list(plausibility.rules_by_department(document({"t2.rules.made": 0}, agency="某市教育局")))
        == []
    )


def test_an_unknown_agency_cannot_be_checked_for_rules() -> None:
    (outcome,) = plausibility.rules_by_department(document({"t2.rules.made": 2}, agency=None))
    assert isinstance(outcome, Skip)


def test_documents_made_but_not_published_2019_form() -> None:
    cells = {
        "t2.normative.made": 42,
        "t2.normative.published": 16,
        "t2.rules.made": 0,
        "t2.rules.published": 0,
    }
    outcomes = list(plausibility.documents_unpublished(document(cells, template=Template.T2019)))
    (flag,) = [o for o in outcomes if isinstance(o, Flag)]
    assert flag.cells == ("t2.normative.made", "t2.normative.published")
    assert "42" in flag.message and "16" in flag.message and "26" in flag.message


def test_documents_published_as_made_pass_and_missing_ones_cannot_be_checked() -> None:
    cells = {"t2.normative.made": 5, "t2.normative.published": 5}
    outcomes = list(plausibility.documents_unpublished(document(cells, template=Template.T2019)))
    assert [type(o) for o in outcomes] == [Skip]  # 规章 not printed
    assert outcomes[0].cells == ("t2.rules.made", "t2.rules.published")


def test_the_2021_form_has_no_published_column_to_check() -> None:
    assert list(plausibility.documents_unpublished(document({"t2.normative.made": 9}))) == []


def test_a_total_below_the_years_new_documents() -> None:
    cells = {
        "t2.rules.published": 3,
        "t2.rules.total": 1,
        "t2.normative.published": 1,
        "t2.normative.total": 9,
    }
    outcomes = list(plausibility.published_over_total(document(cells, template=Template.T2019)))
    assert [o.cells for o in outcomes if isinstance(o, Flag)] == [
        ("t2.rules.total", "t2.rules.published")
    ]


@pytest.mark.parametrize(
    ("printed", "flagged"), [("0元", True), ("12500元", True), ("1.25万元", False), ("1.25", False)]
)
def test_a_fee_printed_in_yuan_is_in_the_wrong_unit(printed: str, flagged: bool) -> None:
    doc = document({"t2.fee.amount": 1.25}, printed={"t2.fee.amount": printed})
    outcomes = list(plausibility.money_unit(doc))
    assert bool(outcomes) == flagged
    if flagged:
        assert isinstance(outcomes[0], Flag) and f"“{printed}”" in outcomes[0].message
        assert outcomes[0].evidence[0].quote == printed
