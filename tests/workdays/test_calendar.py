"""The shipped calendar against two independent sources, date by date, and its refusals."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import holidays
import pytest

from gongkai.errors import OutsideCalendar
from gongkai.workdays import Calendar, DayKind

FIRST, LAST = dt.date(2008, 1, 1), dt.date(2026, 12, 28)


def every_day(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def test_it_holds_every_year_from_2008_to_the_latest_published(cal: Calendar) -> None:
    assert cal.years == tuple(range(2008, 2027))


def test_every_known_date_agrees_with_python_holidays(cal: Calendar) -> None:
    # vacanza/holidays: its own data from the State Council notices, 调休 as weekend_workdays.
    oracle = holidays.China(years=range(2007, 2028))
    wrong = [d for d in every_day(FIRST, LAST) if cal.is_workday(d) != oracle.is_working_day(d)]
    assert wrong == []


def test_every_known_date_agrees_with_chinesecalendar(cal: Calendar) -> None:
    wrong = [
        d for d in every_day(FIRST, LAST) if cal.is_workday(d) != chinese_calendar.is_workday(d)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("day", "kind", "holiday"),
    [
        ("2026-02-14", DayKind.MAKEUP_WORKDAY, "春节"),  # a working Saturday
        ("2026-02-16", DayKind.HOLIDAY, "春节"),
        ("2026-02-21", DayKind.HOLIDAY, "春节"),  # a Saturday inside the break
        ("2026-03-07", DayKind.WEEKEND, ""),
        ("2026-03-09", DayKind.WORKDAY, ""),
        (
            "2020-02-01",
            DayKind.HOLIDAY,
            "春节假期延长",
        ),  # was a working Saturday until the extension
        ("2020-01-19", DayKind.MAKEUP_WORKDAY, "春节"),
        ("2011-12-31", DayKind.MAKEUP_WORKDAY, "元旦"),  # set by the 2012 notice
        ("2018-12-31", DayKind.HOLIDAY, "元旦"),  # a Monday made a day off by the 2019 notice
        ("2015-09-03", DayKind.HOLIDAY, "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
        ("2023-09-29", DayKind.HOLIDAY, "中秋节、国庆节"),
    ],
)
def test_it_names_what_a_day_is(cal: Calendar, day: str, kind: DayKind, holiday: str) -> None:
    info = cal.info(dt.date.fromisoformat(day))
    assert (info.kind, info.holiday) == (kind, holiday)


@pytest.mark.parametrize("day", ["2007-12-28", "2007-06-01", "2027-01-04", "2030-05-01"])
def test_it_refuses_a_date_outside_the_known_years(cal: Calendar, day: str) -> None:
    with pytest.raises(OutsideCalendar, match="2008—2026"):
        cal.is_workday(dt.date.fromisoformat(day))


@pytest.mark.parametrize("day", ["2026-12-29", "2026-12-31"])
def test_the_last_days_of_december_wait_for_next_years_notice(cal: Calendar, day: str) -> None:
    with pytest.raises(OutsideCalendar, match="下一年的放假安排"):
        cal.is_workday(dt.date.fromisoformat(day))
    assert cal.is_workday(dt.date(2026, 12, 28))


def test_counting_into_an_unknown_year_is_refused_not_guessed(cal: Calendar) -> None:
    with pytest.raises(OutsideCalendar):
        cal.add_workdays(dt.date(2026, 12, 10), 20)


def test_add_workdays_never_counts_the_start_day(cal: Calendar) -> None:
    friday = dt.date(2026, 3, 6)
    assert cal.add_workdays(friday, 0) == friday
    assert cal.add_workdays(friday, 1) == dt.date(2026, 3, 9)
    assert cal.next_workday(dt.date(2026, 2, 13)) == dt.date(2026, 2, 14)  # the working Saturday


def test_workdays_between_is_half_open(cal: Calendar) -> None:
    assert cal.workdays_between(dt.date(2026, 3, 6), dt.date(2026, 3, 13)) == 5
    assert cal.workdays_between(dt.date(2026, 3, 13), dt.date(2026, 3, 13)) == 0


def test_an_empty_calendar_refuses_everything() -> None:
    with pytest.raises(OutsideCalendar, match="（无）"):
        Calendar([]).is_workday(dt.date(2026, 1, 5))
