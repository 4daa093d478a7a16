"""Every rule, given a report without its operands, says "cannot check": never a pass
(nothing) and never a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.rules import cross_year, identities, narrative, plausibility
from gongkai.catalogue.forms import Template
from tests.audit.builders import consistent_t3, consistent_t4, document

Check = Callable[[Document], Iterable[Outcome]]


def _without(cells: dict[str, int], *gone: str) -> dict[str, int]:
    return {k: v for k, v in cells.items() if k not in gone}


CASES: list[tuple[str, Check, Document]] = [
    (
        "t3.row_total",
        identities.t3_row_total,
        document(_without(consistent_t3(), "t3.partial.total")),
    ),
    (
        "t4.group_total",
        identities.t4_group_total,
        document(_without(consistent_t4(), "t4.suit_direct.pending")),
    ),
    (
        "t2.total_below_published",
        plausibility.published_over_total,
        document({"t2.rules.published": 1}, template=Template.T2019),
    ),
    ("t2.money_unit", plausibility.money_unit, document({"t2.rules.made": 0})),
    (
        "text.all_concluded",
        narrative.all_concluded,
        document(consistent_t4(), text="所有申请均已办结。"),
    ),
    (
        "text.reviews",
        narrative.reviews,
        document({"t4.review.total": 2}, text="行政诉讼案件7件。"),
    ),
    ("text.proactive", narrative.proactive, document({}, text="主动公开政府信息100条。")),
    ("text.fees", narrative.fees, document({}, text="本年行政事业性收费12.5万元。")),
]


@pytest.mark.parametrize(("rule", "check", "doc"), CASES, ids=[c[0] for c in CASES])
def test_missing_operands_cannot_be_checked(rule: str, check: Check, doc: Document) -> None:
    outcomes = list(check(doc))
    assert outcomes and all(isinstance(o, Skip) for o in outcomes), rule


def test_year_rules_without_last_years_operands() -> None:
    last = document({}, year=2023)
    this = document({"t2.normative.in_force": 5, "t2.rules.in_force": 0}, year=2024)
    assert all(isinstance(o, Skip) for o in cross_year.in_force(last, this))
    last_2019 = document({}, template=Template.T2019, year=2019)
    this_2019 = document({"t2.license.prev": 3}, template=Template.T2019, year=2020)
    outcomes = list(cross_year.prev_items(last_2019, this_2019))
    assert outcomes and all(isinstance(o, Skip) for o in outcomes)


def test_fees_stated_against_table_2() -> None:
    agree = document({"t2.fee.amount": 12.5}, text="本年行政事业性收费125000元。")
    assert list(narrative.fees(agree)) == []
    (flag,) = narrative.fees(document({"t2.fee.amount": 12.5}, text="本年行政事业性收费20万元。"))
    assert isinstance(flag, Flag) and flag.cells == ("t2.fee.amount",)


def test_documents_in_force_that_roll_forward_pass() -> None:
    last = document({"t2.normative.in_force": 698, "t2.rules.in_force": 2}, year=2022)
    cells = {"t2.normative.made": 77, "t2.normative.repealed": 132, "t2.normative.in_force": 643}
    cells |= {"t2.rules.made": 1, "t2.rules.repealed": 0, "t2.rules.in_force": 3}
    assert list(cross_year.in_force(last, document(cells, year=2023))) == []


def _blanked(cells: dict[str, int], *blank: str) -> dict[str, int | None]:
    return {k: (None if k in blank else v) for k, v in cells.items()}


BLANK_CASES: list[tuple[str, Check, Document]] = [
    ("t3.balance", identities.t3_balance, document(_blanked(consistent_t3(), "t3.new.natural"))),
    (
        "t3.row_total",
        identities.t3_row_total,
        document(_blanked(consistent_t3(), "t3.partial.total")),
    ),
    (
        "t4.group_total",
        identities.t4_group_total,
        document(_blanked(consistent_t4(), "t4.review.pending")),
    ),
    (
        "text.reviews",
        narrative.reviews,
        document(_blanked(consistent_t4(), "t4.review.total"), text="行政复议案件7件。"),
    ),
]


@pytest.mark.parametrize(("rule", "check", "doc"), BLANK_CASES, ids=[c[0] for c in BLANK_CASES])
def test_a_blank_operand_cannot_be_checked_and_is_never_taken_as_0(
    rule: str, check: Check, doc: Document
) -> None:
    outcomes = list(check(doc))
    skips = [o for o in outcomes if isinstance(o, Skip)]
    assert skips and not [o for o in outcomes if isinstance(o, Flag)], rule
    blank = {c for c, v in doc.report.cells.items() if v is None}
    assert any(blank & set(s.cells) for s in skips)
