"""One year's State Council holiday notice (国务院办公厅关于部分节假日安排的通知) as data.

Each year is a small TOML file::

    year = 2026
    notice = "国务院办公厅关于2026年部分节假日安排的通知"

    [[holidays]]
    name = "春节"
    first = 2026-02-15          # first day off
    last = 2026-02-23           # last day off (every day in between is off)
    workdays = [2026-02-14, 2026-02-28]   # weekend days made working days (调休上班)

A block that is not one of the statutory festivals (the 2015 anniversary, the 2020 Spring
Festival extension) must say why in ``note``; such a special arrangement is a later decision and
wins over the 调休 working days of the regular breaks (the 2020 extension cancelled the
working Saturday 1 February). :func:`parse_notice` checks the file for the
mistakes a person typing next year's notice makes and names every one of them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gongkai.errors import CalendarDataError

# The statutory festivals of 《全国年节及纪念日放假办法》 (since 2008 all seven).
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
# Statutory days off for all citizens: 11 under the 2007 revision, 13 from 2025 (国务院令第795号:
# 农历除夕 and a second 劳动节 day).
STATUTORY_DAYS = ((2008, 11), (2025, 13))
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_BLOCK_DAYS = 12  # the longest break ever set (2020 春节 with its extension) is 10
MAKEUP_REACH_DAYS = 21  # a 调休 working day lies within three weeks of its break


@dataclass(frozen=True)
class Holiday:
    """One break of a notice: ``first``..``last`` off, ``workdays`` weekend days worked."""

    name: str
    first: dt.date
    last: dt.date
    workdays: tuple[dt.date, ...] = ()
    note: str = ""

    def days_off(self) -> Iterator[dt.date]:
        day = self.first
        while day <= self.last:
            yield day
            day += dt.timedelta(days=1)

    @property
    def festivals(self) -> tuple[str, ...]:
        """The statutory festivals this break covers ("中秋节、国庆节" covers two)."""
        return tuple(part for part in self.name.split("、") if part in FESTIVALS)


@dataclass(frozen=True)
class YearNotice:
    """The working-day arrangement one notice sets for ``year``."""

    year: int
    notice: str
    holidays: tuple[Holiday, ...]


def statutory_days(year: int) -> int:
    """Days off the 放假办法 grants all citizens in ``year`` (from 2008)."""
    return max(days for since, days in STATUTORY_DAYS if since <= year)


def parse_notice(text: str, source: str) -> YearNotice:
    """Read and check one year's notice file.

    ``source`` names the file in messages. Raises :class:`CalendarDataError` listing every
    problem: a malformed file, a date outside the year, a 调休 day that is not a weekend
    day, overlapping breaks, a festival missing, a total that does not match the law.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarDataError(source, [f"不是有效的 TOML：{exc}"]) from None
    problems: list[str] = []
    notice = _structure(raw, problems)
    if notice is not None:
        problems += _sanity(notice)
    if problems or notice is None:
        raise CalendarDataError(source, problems)
    return notice


def _structure(raw: dict[str, Any], problems: list[str]) -> YearNotice | None:
    year, name = raw.get("year"), raw.get("notice")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(f"year 应为 {FIRST_YEAR}—{LAST_YEAR} 之间的整数，实为 {year!r}")
        return None
    if not isinstance(name, str) or not name.strip():
        problems.append("缺少 notice（通知名称，如“国务院办公厅关于2027年部分节假日安排的通知”）")
    blocks = raw.get("holidays")
    if not isinstance(blocks, list) or not blocks:
        problems.append("缺少 [[holidays]]（每个假期一节）")
        return None
    holidays = [h for i, b in enumerate(blocks, 1) if (h := _holiday(i, b, problems))]
    return YearNotice(year, str(name or ""), tuple(sorted(holidays, key=lambda h: h.first)))


def _holiday(index: int, block: Any, problems: list[str]) -> Holiday | None:
    where = f"第 {index} 个假期"
    if not isinstance(block, dict):
        problems.append(f"{where}：应为一节 [[holidays]]")
        return None
    name, first, last = block.get("name"), block.get("first"), block.get("last")
    workdays, note = block.get("workdays", []), block.get("note", "")
    bad = [
        f"{key} 应为日期（如 2027-01-01），实为 {value!r}"
        for key, value in (("first", first), ("last", last))
        if not _is_date(value)
    ]
    if not isinstance(name, str) or not name.strip():
        bad.append("缺少 name（假期名称）")
    if not isinstance(workdays, list) or not all(_is_date(w) for w in workdays):
        bad.append(f"workdays 应为日期列表，实为 {workdays!r}")
    if not isinstance(note, str):
        bad.append("note 应为文字")
    if bad or not isinstance(first, dt.date) or not isinstance(last, dt.date):
        problems += [f"{where}：{b}" for b in bad]
        return None
    return Holiday(str(name).strip(), first, last, tuple(sorted(workdays)), str(note).strip())


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _sanity(notice: YearNotice) -> list[str]:
    """Everything a correct notice satisfies; one message per violation."""
    problems: list[str] = []
    year, seen_off, seen_work = notice.year, set[dt.date](), set[dt.date]()
    for h in notice.holidays:
        problems += [f"{h.name}：{p}" for p in _check_block(h, year)]
        overlap = sorted(seen_off.intersection(h.days_off()))
        if overlap:
            problems.append(f"{h.name}：放假日期与其他假期重叠（{overlap[0]}）")
        seen_off.update(h.days_off())
        twice = sorted(seen_work.intersection(h.workdays))
        if twice:
            problems.append(f"{h.name}：调休上班日期重复（{twice[0]}）")
        seen_work.update(h.workdays)
    special_off = {d for h in notice.holidays if not h.festivals for d in h.days_off()}
    clash = sorted((seen_off - special_off) & seen_work)
    if clash:
        problems.append(f"{clash[0]} 既是放假日又是调休上班日")
    covered = {f for h in notice.holidays for f in h.festivals}
    missing = [f for f in FESTIVALS if f not in covered]
    if missing:
        problems.append("缺少法定节日：" + "、".join(missing))
    if not problems:
        problems += _check_total(notice)
    return problems


def _check_block(h: Holiday, year: int) -> list[str]:
    problems = []
    if h.last < h.first:
        problems.append(f"结束日期 {h.last} 早于开始日期 {h.first}")
    elif (h.last - h.first).days + 1 > MAX_BLOCK_DAYS:
        problems.append(f"连续放假 {(h.last - h.first).days + 1} 天，超过 {MAX_BLOCK_DAYS} 天")
    if h.last.year != year or h.first < dt.date(year - 1, 12, 1):
        problems.append(f"放假日期 {h.first}—{h.last} 不在 {year} 年")
    if not h.festivals and not h.note:
        problems.append(
            "不是法定节日名称（" + "、".join(FESTIVALS) + "）；特别安排请在 note 中说明依据"
        )
    for day in h.workdays:
        if day.weekday() < 5:
            problems.append(f"调休上班日 {day} 是星期{'一二三四五'[day.weekday()]}，应为周六或周日")
        if (
            abs((day - h.first).days) > MAKEUP_REACH_DAYS
            and abs((day - h.last).days) > MAKEUP_REACH_DAYS
        ):
            problems.append(f"调休上班日 {day} 离假期超过 {MAKEUP_REACH_DAYS} 天")
    return problems


def _check_total(notice: YearNotice) -> list[str]:
    """Weekdays off minus weekend days worked = the statutory days (补休 included)."""
    regular = [h for h in notice.holidays if h.festivals]
    net = sum(1 for h in regular for d in h.days_off() if d.weekday() < 5)
    net -= sum(len(h.workdays) for h in regular)
    expected = statutory_days(notice.year)
    if net == expected:
        return []
    return [
        f"法定节日净放假 {net} 个工作日（放假的周一至周五减调休上班日），"
        f"而《全国年节及纪念日放假办法》规定 {expected} 天"
    ]
