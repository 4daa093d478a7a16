"""The working-day calendar: Monday–Friday, minus the notices' days off, plus their 调休 days.

A :class:`Calendar` knows only the years whose notice it holds; asking about any other date
raises :class:`~gongkai.errors.OutsideCalendar` instead of guessing from weekdays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.errors import OutsideCalendar
from gongkai.workdays.notices import YearNotice

ONE_DAY = dt.timedelta(days=1)
# The last days of December can be set by the next year's notice (2018-12-31 was made a day off
# by the 2019 notice, 2011-12-31 a working Saturday by the 2012 one): they are known only when
# that notice is.
NEXT_NOTICE_FROM = (12, 29)
# Stepping further than this without finding the working days asked for means a pause that
# never ends; no statutory period comes near it.
MAX_STEP_DAYS = 3660


class DayKind(StrEnum):
    WORKDAY = "工作日"
    WEEKEND = "周末"
    HOLIDAY = "节假日"
    MAKEUP_WORKDAY = "调休上班"


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    kind: DayKind
    holiday: str = ""  # the break it belongs to (for HOLIDAY and MAKEUP_WORKDAY)
    # True when no notice settles the day and it was derived from the law's festivals and the
    # weekends (gongkai.workdays.provisional): 暂定.
    provisional: bool = False

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    def describe(self) -> str:
        weekday = "星期" + "一二三四五六日"[self.day.weekday()]
        extra = f"（{self.holiday}）" if self.holiday else ""
        mark = "（暂定）" if self.provisional else ""
        return f"{self.day.isoformat()} {weekday}，{self.kind.value}{extra}{mark}"


class Calendar:
    """Working days of the years whose State Council notices it holds.

    Built from :class:`YearNotice` values (see :func:`gongkai.workdays.store.load_calendar`).
    A date belongs to the calendar when its year's notice is present; 调休 days a notice sets
    in the previous December (2011-12-31 for 2012's 元旦) are honoured whenever that notice is.
    """

    def __init__(self, notices: Iterable[YearNotice]) -> None:
        self.notices: Mapping[int, YearNotice] = {n.year: n for n in notices}
        self._days: dict[dt.date, DayInfo] = {}
        ordered = sorted(self.notices.values(), key=lambda n: n.year)
        # Regular breaks first; special arrangements (no festival in the name) are later
        # decisions and win over the 调休 days set before them.
        for special in (False, True):
            for notice in ordered:
                for h in notice.holidays:
                    if bool(h.festivals) == special:
                        continue
                    for day in h.workdays:
                        self._days[day] = DayInfo(day, DayKind.MAKEUP_WORKDAY, h.name)
                    for day in h.days_off():
                        self._days[day] = DayInfo(day, DayKind.HOLIDAY, h.name)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self.notices))

    @property
    def span(self) -> tuple[int, int] | None:
        years = self.years
        return (years[0], years[-1]) if years else None

    def covers(self, day: dt.date) -> bool:
        """True when the notices settle ``day`` (its year's, and for 29–31 December the next)."""
        if day.year not in self.notices:
            return False
        return (day.month, day.day) < NEXT_NOTICE_FROM or day.year + 1 in self.notices

    def is_provisional(self, day: dt.date) -> bool:
        """True when ``day`` is answered without its notice (never, for the notices' calendar:
        it refuses such days; see :class:`gongkai.workdays.provisional.ProvisionalCalendar`)."""
        return False

    def info(self, day: dt.date) -> DayInfo:
        """What ``day`` is. Raises OutsideCalendar for a day no notice settles."""
        if not self.covers(day):
            raise OutsideCalendar(day, self.span)
        known = self._days.get(day)
        if known is not None:
            return known
        return DayInfo(day, DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY)

    def is_workday(self, day: dt.date) -> bool:
        """True on a working day. Raises OutsideCalendar for a year with no notice."""
        return self.info(day).is_workday

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day after ``day`` (not ``day`` itself)."""
        return self.add_workdays(day, 1)

    def add_workdays(
        self, start: dt.date, count: int, *, paused: Callable[[dt.date], bool] | None = None
    ) -> dt.date:
        """The ``count``-th working day after ``start``; ``start`` itself is never counted.

        Days for which ``paused`` is true do not count (a clock stopped for consultation).
        ``count`` 0 gives ``start``. Raises OutsideCalendar when the count runs into a year
        with no notice, ValueError for a negative count.
        """
        if count < 0:
            raise ValueError("count must be >= 0")
        day, counted = start, 0
        for _ in range(MAX_STEP_DAYS):
            if counted == count:
                return day
            day += ONE_DAY
            if self.is_workday(day) and not (paused and paused(day)):
                counted += 1
        raise ValueError(f"no {count} working days within {MAX_STEP_DAYS} days of {start}")

    def workdays_between(self, after: dt.date, through: dt.date) -> int:
        """Working days in the half-open span (``after``, ``through``]; 0 when empty."""
        day, count = after, 0
        while day < through:
            day += ONE_DAY
            count += self.is_workday(day)
        return count
