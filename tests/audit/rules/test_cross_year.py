"""A report against the same agency's report of the year before."""

from __future__ import annotations

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import cross_year
from gongkai.catalogue.forms import Template
from tests.audit.builders import consistent_t3, document


def test_carried_over_matches_carried_in() -> None:
    last = document(consistent_t3(), year=2023, source="2023.txt")
    this = document(consistent_t3(), year=2024)
    # consistent_t3 carries out 2 and in 1 per applicant column: every column differs
    flags = [o for o in cross_year.carry_over(last, this) if isinstance(o, Flag)]
    assert len(flags) == 7
    assert flags[0].cells == ("t3.carried_in.natural", "t3.carried_out.natural")
    assert [e.file for e in flags[0].evidence] == ["hand-made.txt", "2023.txt"]
    fixed = dict(consistent_t3())
    fixed.update(
        {k.replace("carried_out", "carried_in"): v for k, v in fixed.items() if "carried_out" in k}
    )
    matched = document(fixed, year=2024)
    assert [o for o in cross_year.carry_over(last, matched) if isinstance(o, Flag)] == []


def test_carry_over_cannot_be_checked_without_last_years_table() -> None:
    last = document({}, year=2023)
    (skip,) = cross_year.carry_over(last, document(consistent_t3()))
    assert isinstance(skip, Skip)


def test_documents_in_force_roll_forward_on_the_2021_form() -> None:
    last = document({"t2.normative.in_force": 698, "t2.rules.in_force": 0}, year=2022)
    cells = {
        "t2.normative.made": 77,
        "t2.normative.repealed": 132,
        "t2.normative.in_force": 470,
        "t2.rules.made": 0,
        "t2.rules.repealed": 0,
        "t2.rules.in_force": 0,
    }
    (flag,) = cross_year.in_force(last, document(cells, year=2023))
    assert isinstance(flag, Flag) and flag.cells[0] == "t2.normative.in_force"
    assert "643" in flag.message and "470" in flag.message


def test_in_force_against_a_2019_form_cannot_be_checked() -> None:
    last = document({"t2.normative.total": 5}, template=Template.T2019, year=2020)
    (skip,) = cross_year.in_force(last, document({"t2.normative.in_force": 5}, year=2021))
    assert isinstance(skip, Skip)


def test_items_counted_last_year_carry_into_this_years_prev() -> None:
    last = document(
        {"t2.license.prev": 396, "t2.license.delta": 10}, template=Template.T2019, year=2019
    )
    good = document({"t2.license.prev": 406}, template=Template.T2019, year=2020)
    bad = document({"t2.license.prev": 396}, template=Template.T2019, year=2020)
    assert [o for o in cross_year.prev_items(last, good) if isinstance(o, Flag)] == []
    flags = [o for o in cross_year.prev_items(last, bad) if isinstance(o, Flag)]
    assert [f.cells for f in flags] == [("t2.license.prev",)]
