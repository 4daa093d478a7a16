"""Adding next year's notice: the file format, every sanity check, and the install."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.errors import CalendarDataError, OutsideCalendar
from gongkai.workdays import add_year, load_calendar
from gongkai.workdays.notices import parse_notice, statutory_days
from gongkai.workdays.store import read_notice_file, shipped_notices

# An invented arrangement for 2027 in the shape of a real notice (NOT the real 2027 notice):
# 13 statutory days net, 调休 days on weekends next to their breaks.
INVENTED_2027 = """\
year = 2027
notice = "测试用：虚构的2027年部分节假日安排"

[[holidays]]
name = "元旦"
first = 2027-01-01
last = 2027-01-03
workdays = []

[[holidays]]
name = "春节"
first = 2027-02-05
last = 2027-02-12
workdays = [2027-01-31, 2027-02-20]

[[holidays]]
name = "清明节"
first = 2027-04-03
last = 2027-04-05
workdays = []

[[holidays]]
name = "劳动节"
first = 2027-05-01
last = 2027-05-04
workdays = []

[[holidays]]
name = "端午节"
first = 2027-06-09
last = 2027-06-09
workdays = []

[[holidays]]
name = "中秋节"
first = 2027-09-15
last = 2027-09-15
workdays = []

[[holidays]]
name = "国庆节"
first = 2027-10-01
last = 2027-10-07
workdays = [2027-09-26, 2027-10-09]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(CalendarDataError) as caught:
        parse_notice(text, "2027.toml")
    return caught.value.problems


def test_a_well_formed_notice_is_read() -> None:
    notice = parse_notice(INVENTED_2027, "2027.toml")
    assert notice.year == 2027
    assert [h.name for h in notice.holidays][:2] == ["元旦", "春节"]
    assert notice.holidays[1].workdays == (dt.date(2027, 1, 31), dt.date(2027, 2, 20))


def test_every_shipped_year_passes_the_sanity_checks() -> None:
    assert [n.year for n in shipped_notices()] == list(range(2008, 2027))


def test_the_statutory_total_changes_in_2025() -> None:
    assert (statutory_days(2024), statutory_days(2025)) == (11, 13)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("workdays = [2027-01-31, 2027-02-20]", "workdays = [2027-02-01]"),
            "星期一，应为周六或周日",
        ),
        (('name = "中秋节"', 'name = "秋分"'), "缺少法定节日：中秋节"),
        (("first = 2027-04-03", "first = 2027-06-01"), "结束日期 2027-04-05 早于开始日期"),
        (("last = 2027-06-09", "last = 2027-06-19"), "法定节日净放假"),
        (("last = 2027-10-07", "last = 2027-10-30"), "超过 12 天"),
        (("first = 2027-01-01", "first = 2026-11-20"), "不在 2027 年"),
        (("first = 2027-09-15", "first = 2027-09-14"), "法定节日净放假"),
        (("workdays = [2027-09-26,", "workdays = [2027-10-02,"), "既是放假日又是调休上班日"),
        (("workdays = [2027-09-26,", "workdays = [2027-08-01,"), "离假期超过 21 天"),
        (("first = 2027-10-01", "first = 2027-09-15"), "重叠"),
        (('notice = "测试用：虚构的2027年部分节假日安排"', ""), "缺少 notice"),
        (("year = 2027", "year = 1999"), "year 应为"),
        (("first = 2027-05-01", 'first = "五月一日"'), "first 应为日期"),
        (("first = 2027-05-01", "first = 2027-05-01 [["), "不是有效的 TOML"),
    ],
)
def test_it_names_what_is_wrong_with_a_notice(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in INVENTED_2027
    found = problems_of(INVENTED_2027.replace(old, new, 1))
    assert any(expected in p for p in found), found


def test_a_special_arrangement_needs_a_note() -> None:
    extra = '\n[[holidays]]\nname = "抗震救灾"\nfirst = 2027-11-12\nlast = 2027-11-12\n'
    assert any("note" in p for p in problems_of(INVENTED_2027 + extra))
    # A special day off stands outside the statutory total, so with a note it is accepted.
    notice = parse_notice(INVENTED_2027 + extra + 'note = "国务院特别通知"\n', "2027.toml")
    assert notice.holidays[-1].note == "国务院特别通知"


def test_adding_a_year_extends_the_calendar(tmp_path: Path) -> None:
    source = tmp_path / "next.toml"
    source.write_text(INVENTED_2027, encoding="utf-8")
    store = tmp_path / "calendar"
    with pytest.raises(OutsideCalendar):
        load_calendar(store).is_workday(dt.date(2027, 2, 20))
    installed = add_year(source, store)
    assert installed == store / "2027.toml"
    cal = load_calendar(store)
    assert cal.years[-1] == 2027
    assert cal.is_workday(dt.date(2027, 2, 20))  # the invented working Saturday
    assert not cal.is_workday(dt.date(2027, 2, 8))
    assert cal.is_workday(dt.date(2026, 12, 31))  # late December is settled now


def test_adding_a_year_twice_needs_replace(tmp_path: Path) -> None:
    source = tmp_path / "2027.toml"
    source.write_text(INVENTED_2027, encoding="utf-8")
    add_year(source, tmp_path / "store")
    with pytest.raises(CalendarDataError, match="--replace"):
        add_year(source, tmp_path / "store")
    add_year(source, tmp_path / "store", replace=True)


def test_a_shipped_year_is_not_replaced_by_accident(tmp_path: Path) -> None:
    source = tmp_path / "2026.toml"
    source.write_text(
        (Path(__file__).parents[2] / "gongkai/workdays/data/2026.toml").read_text("utf-8"), "utf-8"
    )
    with pytest.raises(CalendarDataError, match="2026 年已有放假安排"):
        add_year(source, tmp_path / "store")


def test_a_bad_file_is_not_installed(tmp_path: Path) -> None:
    source = tmp_path / "2027.toml"
    source.write_text(INVENTED_2027.replace('name = "中秋节"', 'name = "秋分"'), encoding="utf-8")
    with pytest.raises(CalendarDataError):
        add_year(source, tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_a_file_named_for_another_year_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "2028.toml"
    source.write_text(INVENTED_2027, encoding="utf-8")
    with pytest.raises(CalendarDataError, match="内容却是 2027 年"):
        read_notice_file(source)


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CalendarDataError, match="无法读取"):
        read_notice_file(tmp_path / "missing.toml")
    (tmp_path / "gbk.toml").write_bytes("year = 2027 # 中".encode("gbk"))
    with pytest.raises(CalendarDataError, match="无法读取"):
        read_notice_file(tmp_path / "gbk.toml")
