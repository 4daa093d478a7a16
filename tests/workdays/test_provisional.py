"""The provisional calendar: past the last notice, the law's festivals and the weekends."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.errors import OutsideCalendar
from gongkai.workdays import DayKind, load_calendar
from gongkai.workdays.deadlines import (
    ReplyFacts,
    consultation_deadline,
    correction_notice_due,
    fee_payment_due,
    reply_due,
)
from gongkai.workdays.provisional import ProvisionalCalendar, statutory_days_off

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def base():  # type: ignore[no-untyped-def]
    return load_calendar()


@pytest.fixture(scope="module")
def prov(base):  # type: ignore[no-untyped-def]
    return ProvisionalCalendar(base)


def test_2027_festivals_follow_the_law_with_lunar_dates() -> None:
    # 春节 2027 is 6 February (除夕 the 5th), 清明 5 April, 端午 9 June, 中秋 15 September.
    assert statutory_days_off(2027) == {
        D("2027-01-01"): "元旦",
        D("2027-02-05"): "春节",
        D("2027-02-06"): "春节",
        D("2027-02-07"): "春节",
        D("2027-02-08"): "春节",
        D("2027-04-05"): "清明节",
        D("2027-05-01"): "劳动节",
        D("2027-05-02"): "劳动节",
        D("2027-06-09"): "端午节",
        D("2027-09-15"): "中秋节",
        D("2027-10-01"): "国庆节",
        D("2027-10-02"): "国庆节",
        D("2027-10-03"): "国庆节",
    }


@pytest.mark.parametrize(
    ("year", "days"), [(2013, 11), (2019, 11), (2024, 11), (2025, 13), (2030, 13)]
)
def test_the_number_of_statutory_days(year: int, days: int) -> None:
    assert len(statutory_days_off(year)) == days


@pytest.mark.parametrize("year", range(2014, 2027))
def test_every_statutory_day_is_off_in_the_published_notice(base, year: int) -> None:  # type: ignore[no-untyped-def]
    """The law's days are a subset of what each notice gave (the notices add 调休, 补休)."""
    for day in statutory_days_off(year):
        assert base.info(day).kind is DayKind.HOLIDAY, day


def test_the_notices_calendar_still_refuses_2027(base) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OutsideCalendar):
        base.is_workday(D("2027-01-04"))
    with pytest.raises(OutsideCalendar):
        reply_due(base, ReplyFacts(received=D("2026-12-15")))


def test_known_days_are_answered_by_the_notices(prov) -> None:  # type: ignore[no-untyped-def]
    info = prov.info(D("2026-02-14"))  # a 调休 Saturday of the 2026 notice
    assert info.kind is DayKind.MAKEUP_WORKDAY and not info.provisional
    assert not prov.is_provisional(D("2026-12-28"))
    assert prov.is_provisional(D("2026-12-29"))  # set by the 2027 notice, not yet published


def test_unknown_days_are_marked_provisional(prov) -> None:  # type: ignore[no-untyped-def]
    assert prov.info(D("2027-02-05")).describe() == "2027-02-05 星期五，节假日（春节）（暂定）"
    assert prov.info(D("2027-01-04")).kind is DayKind.WORKDAY
    assert prov.info(D("2027-01-09")).kind is DayKind.WEEKEND


def test_a_reply_crossing_into_2027_is_provisional_with_its_reason(prov) -> None:  # type: ignore[no-untyped-def]
    deadline = reply_due(prov, ReplyFacts(received=D("2026-12-15")))
    assert deadline.due == D("2027-01-13")  # 1 January off, no 调休
    assert deadline.provisional
    assert "2027 年" in deadline.reason and "未计调休" in deadline.reason
    assert deadline.steps[-1].article == "暂定"
    assert deadline.as_json()["provisional"] is True


def test_the_spring_festival_2027_stops_the_count(prov) -> None:  # type: ignore[no-untyped-def]
    assert reply_due(prov, ReplyFacts(received=D("2027-01-25"))).due == D("2027-02-24")


def test_a_deadline_inside_the_notices_is_not_provisional(prov, base) -> None:  # type: ignore[no-untyped-def]
    facts = ReplyFacts(received=D("2026-03-02"))
    ours, theirs = reply_due(prov, facts), reply_due(base, facts)
    assert ours == theirs and not ours.provisional and ours.reason == ""


def test_the_other_clocks_are_marked_too(prov) -> None:  # type: ignore[no-untyped-def]
    assert correction_notice_due(prov, D("2026-12-24")).provisional
    assert not correction_notice_due(prov, D("2026-12-01")).provisional
    assert fee_payment_due(prov, D("2026-12-20")).provisional
    assert consultation_deadline(prov, D("2026-12-20"), agency=True).provisional


def test_years_beyond_the_law_and_tables_are_refused(prov) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OutsideCalendar):
        prov.info(D("2101-01-03"))
