"""Chinese working days (调休 included) and the statutory deadlines counted in them."""

from gongkai.workdays.calendar import Calendar, DayInfo, DayKind
from gongkai.workdays.store import add_year, load_calendar

__all__ = ["Calendar", "DayInfo", "DayKind", "add_year", "load_calendar"]
