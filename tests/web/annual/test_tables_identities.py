"""Tables 3 and 4 satisfy every identity of the form, for every year, by construction.

On random histories built through the services (intake dates, outcomes and closures across
year boundaries, corrections and fees that lapse, withdrawals, review and suits decided or
pending) and on the demo office: per column 一 + 二 = （七）总计 + 四; （七）总计 = the sum of
the result rows; the 总计 column = the sum of the six applicant columns; each table 4 total =
the sum of its four results. Tables per agency add up to the table for all agencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.workdays.deadlines import fee_payment_due
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.tables import COLUMNS, RESULT_ROWS, table3, table4
from gongkai_web.applications import demo, services
from gongkai_web.applications.models import Application, ProceedingKind
from gongkai_web.applications.timing import calendar

D = dt.date.fromisoformat
YEARS = (2023, 2024, 2025, 2026, 2027)
FIRST, LAST = D("2023-11-01"), D("2026-06-30")  # intake span; every step stays in the calendar
ENDINGS = ["reply", "reply", "reply", "withdraw", "correction_lapse", "fee_lapse", "open"]
ENDINGS.append("awaiting_correction")  # reply is likelier: the weights of the draw
DRAFTED = [o for o in RESULT_ROWS if o not in {"other.no_correction", "other.no_fee"}]
RESULTS = ("upheld", "corrected", "other")


def assert_identities(year: int, agency_ids: list[int] | None = None) -> None:
    t3, t4 = table3(year, agency_ids), table4(year, agency_ids)
    for col in [*COLUMNS, "total"]:
        cell = {row: t3[f"t3.{row}.{col}"] for row in ("new", "carried_in", *RESULT_ROWS)}
        cell |= {row: t3[f"t3.{row}.{col}"] for row in ("results_total", "carried_out")}
        opened, ended = (
            cell["new"] + cell["carried_in"],
            cell["results_total"] + cell["carried_out"],
        )
        assert opened == ended, (year, col)
        assert cell["results_total"] == sum(cell[r] for r in RESULT_ROWS), (year, col)
    for row in ("new", "carried_in", *RESULT_ROWS, "results_total", "carried_out"):
        assert t3[f"t3.{row}.total"] == sum(t3[f"t3.{row}.{c}"] for c in COLUMNS), (year, row)
    for kind in ProceedingKind.values:
        parts = sum(t4[f"t4.{kind}.{r}"] for r in (*RESULTS, "pending"))
        assert t4[f"t4.{kind}.total"] == parts, (year, kind)
    assert all(v >= 0 for v in (*t3.values(), *t4.values()))


def assert_additive(year: int, agency_ids: list[int]) -> None:
    """The table for all agencies is the cell-by-cell sum of the tables per agency."""
    for table in (table3, table4):
        whole = table(year)
        parts = [table(year, [a]) for a in agency_ids]
        assert whole == {k: sum(p[k] for p in parts) for k in whole}


# ---- random histories ------------------------------------------------------------------


@dataclass(frozen=True)
class Proc:
    kind: str  # review | suit_direct; a review may lead to a suit after review
    after: int  # days from closure to filing
    takes: int | None  # days to decision; None: pending
    result: str
    suit: bool  # for a review: a suit after it, pending


@dataclass(frozen=True)
class Case:
    agency: int
    applicant: str
    arrived: dt.date
    ending: str  # reply | withdraw | correction_lapse | fee_lapse | open | awaiting_correction
    outcome: str
    delay: int  # days from receipt (or from the lapse date) to the closing step
    proceeding: Proc | None


procs = st.builds(
    Proc,
    kind=st.sampled_from(["review", "suit_direct"]),
    after=st.integers(0, 120),
    takes=st.none() | st.integers(0, 250),
    result=st.sampled_from(RESULTS),
    suit=st.booleans(),
)
# Days around New Year, where a case received or closed one day either side changes a year.
around_new_year = st.builds(
    lambda year, shift: dt.date(year, 12, 31) + dt.timedelta(days=shift),
    st.sampled_from([2023, 2024, 2025]),
    st.integers(-3, 3),
)
cases = st.builds(
    Case,
    agency=st.integers(0, 1),
    applicant=st.sampled_from(COLUMNS),
    arrived=st.dates(FIRST, LAST) | around_new_year,
    ending=st.sampled_from(ENDINGS),
    outcome=st.sampled_from(DRAFTED),
    delay=st.integers(0, 150) | st.integers(0, 3),
    proceeding=st.none() | procs,
)


def _intake(case: Case) -> dict[str, Any]:
    return dict(
        applicant_type=case.applicant,
        applicant_name="申请人",
        id_document="身份证 110101199001011237",
        description="某项政府信息",
        form_wanted="电子文档",
        delivery="电子邮件",
        channel="in_person",
        arrived=case.arrived,
    )


def _close(app: Application, case: Case, clerk: User) -> None:
    start = app.received
    on = start + dt.timedelta(days=case.delay)
    if case.ending == "reply":
        grounds = "" if case.outcome == "disclosed" else "依据《条例》有关规定"
        services.draft_reply(app, clerk, on, case.outcome, grounds, "答复")
        services.review(app, clerk, on, True)
        services.reply(app, clerk, on)
    elif case.ending == "withdraw":
        services.withdraw(app, clerk, on, "撤回")
    elif case.ending in {"correction_lapse", "awaiting_correction"}:
        respond_by = start + dt.timedelta(days=15)
        services.request_correction(app, clerk, start, respond_by, "请补正")
        if case.ending == "correction_lapse":
            services.lapse_correction(app, clerk, respond_by + dt.timedelta(days=1 + case.delay))
    elif case.ending == "fee_lapse":
        fee = services.issue_fee(app, clerk, start, "item", Decimal(100))
        due = fee_payment_due(calendar(), start).due
        services.lapse_fee(fee, clerk, due + dt.timedelta(days=1 + case.delay))


def _challenge(app: Application, proc: Proc, clerk: User) -> None:
    assert app.closed_on is not None
    filed = app.closed_on + dt.timedelta(days=proc.after)
    first = services.add_proceeding(app, clerk, proc.kind, filed, "复议机关或法院")
    if proc.takes is None:
        return
    decided = filed + dt.timedelta(days=proc.takes)
    services.decide_proceeding(first, clerk, proc.result, decided)
    if proc.kind == "review" and proc.suit:
        services.add_proceeding(
            app, clerk, "suit_after_review", decided + dt.timedelta(days=10), "法院", first
        )


def build(history: list[Case]) -> list[int]:
    clerk = User.objects.create_user("clerk")
    agencies = [
        Agency.objects.create(name="甲市人民政府", short_code="JSZF", kind="government"),
        Agency.objects.create(name="甲市教育局", short_code="JJYJ"),
    ]
    for case in history:
        app = services.register(agencies[case.agency], _intake(case), clerk)
        services.assign(app, clerk, clerk, app.received)
        if case.ending != "open":
            _close(app, case, clerk)
        if case.proceeding and app.closed_on is not None:
            _challenge(app, case.proceeding, clerk)
    return [a.id for a in agencies]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(cases, min_size=1, max_size=25))
def test_random_histories_satisfy_every_identity_in_every_year(history: list[Case]) -> None:
    with transaction.atomic():
        agency_ids = build(history)
        received = [a.received for a in Application.objects.all()]
        for year in YEARS:
            assert_identities(year)
            for agency_id in agency_ids:
                assert_identities(year, [agency_id])
            assert_additive(year, agency_ids)
            new = table3(year)["t3.new.total"]
            assert new == sum(1 for r in received if r.year == year)
        transaction.set_rollback(True)  # each example starts from an empty office


@pytest.mark.django_db
def test_a_long_case_is_carried_through_a_year_and_closed_in_the_next() -> None:
    history = [
        Case(0, "natural", D("2024-12-20"), "reply", "partial", 400, None),
        Case(0, "legal", D("2024-03-01"), "withdraw", "disclosed", 10, None),
    ]
    build(history)
    t24, t25, t26 = table3(2024), table3(2025), table3(2026)
    assert (t24["t3.new.total"], t24["t3.carried_out.natural"]) == (2, 1)
    assert t25["t3.carried_in.natural"] == 1 and t25["t3.carried_out.natural"] == 1
    assert t25["t3.results_total.total"] == 0
    assert t26["t3.carried_in.natural"] == 1 and t26["t3.partial.natural"] == 1
    for year in (2024, 2025, 2026):
        assert_identities(year)


@pytest.mark.django_db
def test_the_demo_office_satisfies_every_identity() -> None:
    demo.seed(count=250, seed=7, today=D("2026-11-20"))
    ids = list(Agency.objects.values_list("id", flat=True))
    assert len(ids) == 4
    for year in (2025, 2026):
        assert_identities(year)
        for agency_id in ids:
            assert_identities(year, [agency_id])
        assert_additive(year, ids)
        t3 = table3(year)
        missing = [r for r in RESULT_ROWS if t3[f"t3.{r}.total"] == 0]
        assert not missing, f"{year} 年演示数据缺少结果行：{missing}"
