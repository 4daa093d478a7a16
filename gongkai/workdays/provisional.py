"""A provisional calendar for the years whose State Council notice has not been published.

Deadlines must not stop at the last notice: an application received on 20 December runs into
January. Past the notices, :class:`ProvisionalCalendar` counts working days from what the law
itself fixes — the festival days of 《全国年节及纪念日放假办法》 (as amended by 国务院令第795号
from 2025) and the weekends — without 调休, which only the notice can set. Every date it
answers this way is marked provisional (暂定), with the reason, so a deadline computed on it
is shown as such until the notice is added and the case re-timed.

The festival dates that move (春节, 清明, 端午, 中秋) come from the ``holidays`` library
(vacanza/python-holidays: lunisolar tables and solar terms); the days off each festival grants
are data here (:data:`FESTIVAL_DAYS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from holidays import HolidayBase
from holidays.countries.china import China

from gongkai.errors import OutsideCalendar
from gongkai.workdays.calendar import Calendar, DayInfo, DayKind
from gongkai.workdays.notices import FIRST_YEAR, LAST_YEAR

# The festival anchors, by their names in ``holidays.China`` (language en_US).
NEW_YEAR = "New Year's Day"
SPRING = "Chinese New Year (Spring Festival)"
QINGMING = "Tomb-Sweeping Day"
DRAGON_BOAT = "Dragon Boat Festival"
MID_AUTUMN = "Mid-Autumn Festival"


@dataclass(frozen=True)
class FestivalDays:
    """Days off one festival grants from ``since``: offsets from its anchor date.

    ``anchor`` is a name above, or ``MM-DD`` for a fixed date.
    """

    name: str
    anchor: str
    offsets: tuple[int, ...]
    since: int = 2008
    until: int = LAST_YEAR


# 《全国年节及纪念日放假办法》: the 2007 revision (11 days, from 2008), the 2013 revision (春节
# 初一至初三 instead of 除夕至初二, from 2014), and 国务院令第795号 (13 days from 2025: 除夕 back,
# a second 劳动节 day).
FESTIVAL_DAYS: tuple[FestivalDays, ...] = (
    FestivalDays("元旦", "01-01", (0,)),
    FestivalDays("春节", SPRING, (-1, 0, 1), 2008, 2013),
    FestivalDays("春节", SPRING, (0, 1, 2), 2014, 2024),
    FestivalDays("春节", SPRING, (-1, 0, 1, 2), 2025),
    FestivalDays("清明节", QINGMING, (0,)),
    FestivalDays("劳动节", "05-01", (0,), 2008, 2024),
    FestivalDays("劳动节", "05-01", (0, 1), 2025),
    FestivalDays("端午节", DRAGON_BOAT, (0,)),
    FestivalDays("中秋节", MID_AUTUMN, (0,)),
    FestivalDays("国庆节", "10-01", (0, 1, 2)),
)

PROVISIONAL_REASON = (
    "{year} 年的国务院办公厅节假日安排通知尚未录入：按《全国年节及纪念日放假办法》规定的"
    "法定节日和周末暂定工作日，未计调休；通知录入后期限将重新计算"
)


def _anchor(year: int, anchor: str) -> dt.date:
    if anchor[:2].isdigit():
        return dt.date(year, int(anchor[:2]), int(anchor[3:]))
    return min(_library_year(year).get_named(anchor, lookup="exact"))


@cache
def _library_year(year: int) -> HolidayBase:
    return China(years=year, observed=False, language="en_US")  # type: ignore[no-untyped-call]


@cache
def statutory_days_off(year: int) -> dict[dt.date, str]:
    """The festival days off of ``year`` by the law alone (no 调休, no 补休): date → festival.

    Raises OutsideCalendar for a year outside 2008–2100 (the law's current form, and the
    range of the library's lunar tables).
    """
    if not max(2008, FIRST_YEAR) <= year <= LAST_YEAR:
        raise OutsideCalendar(dt.date(year, 1, 1), (2008, LAST_YEAR))
    days: dict[dt.date, str] = {}
    for f in FESTIVAL_DAYS:
        if f.since <= year <= f.until:
            start = _anchor(year, f.anchor)
            for offset in f.offsets:
                days.setdefault(start + dt.timedelta(days=offset), f.name)
    return days


def provisional_reason(day: dt.date) -> str:
    """Why a date is provisional, in Chinese (names the notice that is missing)."""
    year = day.year + 1 if (day.month, day.day) >= (12, 29) else day.year
    return PROVISIONAL_REASON.format(year=year)


class ProvisionalCalendar(Calendar):
    """The notices' calendar, continued past them by the law's festivals and the weekends.

    Dates the notices settle are answered as by ``base``; any other date in 2008–2100 is
    answered provisionally (:meth:`is_provisional` true, ``DayInfo.provisional`` set).
    Use it only where a deadline must be shown before the notice exists; the plain
    :class:`Calendar` keeps refusing unknown years.
    """

    def __init__(self, base: Calendar) -> None:
        # The notices' days are base's own: no need to lay them out again.
        self.notices = base.notices
        self._days = base._days
        self.base = base

    def covers(self, day: dt.date) -> bool:
        return max(2008, FIRST_YEAR) <= day.year <= LAST_YEAR

    def is_provisional(self, day: dt.date) -> bool:
        return not self.base.covers(day)

    def info(self, day: dt.date) -> DayInfo:
        if self.base.covers(day):
            return self.base.info(day)
        if not self.covers(day):
            raise OutsideCalendar(day, self.span)
        festival = statutory_days_off(day.year).get(day)
        if festival:
            return DayInfo(day, DayKind.HOLIDAY, festival, provisional=True)
        kind = DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY
        return DayInfo(day, kind, provisional=True)


def provisional_calendar(base: Calendar) -> ProvisionalCalendar:
    """``base`` continued provisionally (see :class:`ProvisionalCalendar`)."""
    return ProvisionalCalendar(base)
