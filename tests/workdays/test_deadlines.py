"""Statutory deadlines: tables of real-calendar cases, then properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import DeadlineInputError, OutsideCalendar
from gongkai.workdays import Calendar
from gongkai.workdays.deadlines import (
    ROW_NO_CORRECTION,
    Channel,
    Consultation,
    Extension,
    FeeNotice,
    Publisher,
    ReplyFacts,
    Rules,
    annual_report_due,
    consultation_answer_due,
    correction_lapsed,
    correction_notice_due,
    fee_payment_due,
    proactive_due,
    receipt_date,
    reply_due,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        ("2026-02-10", "2026-03-16", "春节 2-15..2-23 off; Saturdays 2-14 and 2-28 worked"),
        ("2025-09-26", "2025-10-30", "国庆中秋 10-1..10-8 off; 9-28 and 10-11 worked"),
        ("2020-01-20", "2020-02-25", "2020 extension: 1-31..2-2 off, the working 2-1 cancelled"),
        ("2024-02-02", "2024-03-06", "春节 2-10..2-17; Sundays 2-4 and 2-18 worked"),
        ("2025-12-15", "2026-01-13", "year end: 元旦 2026-1-1..1-3 off, Sunday 1-4 worked"),
        ("2019-12-31", "2020-02-05", "received on the last day of a year"),
        ("2023-09-27", "2023-10-31", "中秋国庆 9-29..10-6; 10-7 and 10-8 worked"),
        ("2025-10-03", "2025-11-04", "received on a holiday: counting starts after it"),
    ],
)
def test_reply_is_due_twenty_working_days_after_receipt(
    cal: Calendar, received: str, due: str, why: str
) -> None:
    deadline = reply_due(cal, ReplyFacts(received=D(received)))
    assert deadline.due == D(due), why
    assert deadline.steps[-1].article == "第三十三条"
    assert any(s.article == "第三十三条第二款" for s in deadline.steps)


def test_the_receipt_day_is_never_counted(cal: Calendar) -> None:
    # Monday 2026-03-09: 20 working days are 3-10 .. 4-7 (清明 4-4..4-6 off).
    assert reply_due(cal, ReplyFacts(received=D("2026-03-09"))).due == D("2026-04-07")


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed", "receipt", "article"),
    [
        (Channel.IN_PERSON, "2026-03-09", None, "2026-03-09", "第三十一条第（一）项"),
        (Channel.POST, "2026-03-09", None, "2026-03-09", "第三十一条第（二）项"),
        (Channel.LETTER, "2026-03-09", "2026-03-10", "2026-03-10", "第三十一条第（二）项"),
        (Channel.ONLINE, "2026-03-07", "2026-03-09", "2026-03-09", "第三十一条第（三）项"),
        (Channel.FAX, "2026-03-07", "2026-03-09", "2026-03-09", "第三十一条第（三）项"),
        (Channel.ONLINE, "2026-03-07", None, "2026-03-07", "第三十一条第（三）项"),
        (Channel.OTHER, "2026-03-09", None, "2026-03-09", "第三十一条"),
    ],
)
def test_the_receipt_date_follows_the_channel(
    cal: Calendar,
    channel: Channel,
    arrived: str,
    confirmed: str | None,
    receipt: str,
    article: str,
) -> None:
    day, step = receipt_date(cal, channel, D(arrived), D(confirmed) if confirmed else None)
    assert (day, step.article) == (D(receipt), article)


def test_a_confirmation_before_arrival_is_refused(cal: Calendar) -> None:
    with pytest.raises(DeadlineInputError, match="早于到达日期"):
        receipt_date(cal, Channel.ONLINE, D("2026-03-09"), D("2026-03-06"))


def test_online_receipt_is_confirmed_then_counted(cal: Calendar) -> None:
    facts = ReplyFacts(received=D("2026-03-07"), channel=Channel.ONLINE, confirmed=D("2026-03-09"))
    assert reply_due(cal, facts).due == D("2026-04-07")


def test_extension_adds_up_to_twenty_working_days(cal: Calendar) -> None:
    facts = ReplyFacts(received=D("2026-03-09"), extension=Extension(20, "主任", D("2026-04-01")))
    deadline = reply_due(cal, facts)
    assert deadline.due == D("2026-05-08")  # 40 working days (劳动节 5-1..5-5 off)
    assert any("主任" in s.text for s in deadline.steps)
    shorter = reply_due(cal, ReplyFacts(received=D("2026-03-09"), extension=Extension(5)))
    assert shorter.due == cal.add_workdays(D("2026-03-09"), 25)
    assert any("审批记录未填写" in s.text for s in shorter.steps)


@pytest.mark.parametrize("days", [0, 21, -3])
def test_an_extension_beyond_the_statute_is_refused(cal: Calendar, days: int) -> None:
    with pytest.raises(DeadlineInputError, match="1—20"):
        reply_due(cal, ReplyFacts(received=D("2026-03-09"), extension=Extension(days)))


def test_a_late_approved_extension_is_pointed_out(cal: Calendar) -> None:
    facts = ReplyFacts(received=D("2026-03-09"), extension=Extension(20, "主任", D("2026-04-10")))
    assert any("届满后才批准" in s.text for s in reply_due(cal, facts).steps)


def test_correction_notice_is_due_in_seven_working_days(cal: Calendar) -> None:
    assert correction_notice_due(cal, D("2025-03-03")).due == D("2025-03-12")
    assert correction_notice_due(cal, D("2025-09-26")).due == D("2025-10-13")


def test_the_reply_period_counts_afresh_from_the_corrected_application(cal: Calendar) -> None:
    deadline = reply_due(cal, ReplyFacts(received=D("2025-03-03"), corrected=D("2025-03-20")))
    assert deadline.due == D("2025-04-18")
    assert [s.article for s in deadline.steps].count("第三十条") == 2
    with pytest.raises(DeadlineInputError, match="补正日期"):
        reply_due(cal, ReplyFacts(received=D("2025-03-20"), corrected=D("2025-03-03")))


def test_no_correction_in_time_closes_the_application() -> None:
    assert ROW_NO_CORRECTION == "other.no_correction"
    assert correction_lapsed(D("2025-03-31"), None, D("2025-04-01"))
    assert not correction_lapsed(D("2025-03-31"), None, D("2025-03-31"))
    assert not correction_lapsed(D("2025-03-31"), D("2025-03-28"), D("2025-04-01"))


def test_consultation_stops_the_clock_after_sending_through_the_answer(cal: Calendar) -> None:
    # Sent Wed 2026-03-11, answered Tue 3-17: the working days 3-12, 3-13, 3-16, 3-17 stop.
    plain = reply_due(cal, ReplyFacts(received=D("2026-03-09")))
    facts = ReplyFacts(
        received=D("2026-03-09"), consultations=(Consultation(D("2026-03-11"), D("2026-03-17")),)
    )
    deadline = reply_due(cal, facts)
    assert deadline.due == cal.add_workdays(plain.due, 4)
    assert any("停止计时 4 个工作日" in s.text for s in deadline.steps)
    assert any(s.article == "第三十二条" for s in deadline.steps)


def test_overlapping_consultations_stop_each_day_once(cal: Calendar) -> None:
    facts = ReplyFacts(
        received=D("2026-03-09"),
        consultations=(
            Consultation(D("2026-03-11"), D("2026-03-17")),
            Consultation(D("2026-03-13"), D("2026-03-18"), agency=True),
        ),
    )
    deadline = reply_due(cal, facts)
    assert deadline.due == cal.add_workdays(D("2026-04-07"), 5)
    assert any(s.article == "第三十四条" for s in deadline.steps)


def test_the_consulted_party_has_fifteen_working_days(cal: Calendar) -> None:
    assert consultation_answer_due(cal, D("2026-02-10")) == D("2026-03-09")


def test_a_late_answer_stops_the_clock_only_to_the_fifteenth_day(cal: Calendar) -> None:
    late = Consultation(D("2026-03-10"), D("2026-04-30"))
    capped = reply_due(cal, ReplyFacts(received=D("2026-03-09"), consultations=(late,)))
    unanswered = reply_due(
        cal, ReplyFacts(received=D("2026-03-09"), consultations=(Consultation(D("2026-03-10")),))
    )
    assert capped.due == unanswered.due == cal.add_workdays(D("2026-04-07"), 15)
    uncapped = reply_due(
        cal,
        ReplyFacts(received=D("2026-03-09"), consultations=(late,)),
        Rules(cap_consultation=False),
    )
    assert uncapped.due > capped.due


def test_an_answer_before_the_consultation_is_refused(cal: Calendar) -> None:
    facts = ReplyFacts(
        received=D("2026-03-09"), consultations=(Consultation(D("2026-03-11"), D("2026-03-10")),)
    )
    with pytest.raises(DeadlineInputError, match="早于发出日期"):
        reply_due(cal, facts)


def test_fee_period_stopping_the_clock_is_a_setting(cal: Calendar) -> None:
    facts = ReplyFacts(
        received=D("2026-03-09"), fees=(FeeNotice(D("2026-03-10"), D("2026-03-12")),)
    )
    stopped = reply_due(cal, facts)
    running = reply_due(cal, facts, Rules(fee_stops_clock=False))
    assert running.due == D("2026-04-07")
    assert stopped.due == cal.add_workdays(D("2026-04-07"), 2)
    assert any("不停止计时" in s.text for s in running.steps)


def test_fee_is_payable_within_twenty_working_days(cal: Calendar) -> None:
    deadline = fee_payment_due(cal, D("2026-02-10"))
    assert deadline.due == D("2026-03-16")
    assert "other.no_fee" in deadline.steps[0].text


def test_proactive_disclosure_within_twenty_working_days(cal: Calendar) -> None:
    deadline = proactive_due(cal, D("2024-02-02"))
    assert (deadline.due, deadline.steps[0].article) == (D("2024-03-06"), "第二十六条")


@pytest.mark.parametrize(
    ("publisher", "due"),
    [(Publisher.DEPARTMENT, "2026-01-31"), (Publisher.GOVERNMENT, "2026-03-31")],
)
def test_annual_report_dates(publisher: Publisher, due: str) -> None:
    deadline = annual_report_due(2025, publisher)
    assert (deadline.due, deadline.steps[0].article) == (D(due), "第四十九条")


def test_a_deadline_running_past_the_calendar_is_refused(cal: Calendar) -> None:
    with pytest.raises(OutsideCalendar, match="2026-12-29"):
        reply_due(cal, ReplyFacts(received=D("2026-12-01")))
    with pytest.raises(OutsideCalendar):
        reply_due(cal, ReplyFacts(received=D("2007-11-01")))


def test_json_shape(cal: Calendar) -> None:
    data = reply_due(cal, ReplyFacts(received=D("2026-02-10"))).as_json()
    assert data["due"] == "2026-03-16"
    assert isinstance(data["steps"], list)
    assert set(data["steps"][0]) == {"article", "text", "date"}


# ---- properties -----------------------------------------------------------------------

receipts = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2025, 10, 31))
offsets = st.integers(min_value=0, max_value=30)


@st.composite
def consultations(draw: st.DrawFn, received: dt.date) -> Consultation:
    sent = received + dt.timedelta(days=draw(offsets))
    answered = draw(st.none() | offsets.map(lambda n: sent + dt.timedelta(days=n)))
    return Consultation(sent, answered, agency=draw(st.booleans()))


@settings(max_examples=200, deadline=None)
@given(data=st.data(), received=receipts, extended=st.none() | st.integers(1, 20))
def test_a_due_date_is_a_working_day(
    cal: Calendar, data: st.DataObject, received: dt.date, extended: int | None
) -> None:
    asked = data.draw(st.lists(consultations(received), max_size=3))
    facts = ReplyFacts(
        received=received,
        consultations=tuple(asked),
        extension=Extension(extended) if extended else None,
    )
    assert cal.is_workday(reply_due(cal, facts).due)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), received=receipts)
def test_a_pause_never_makes_a_due_date_earlier(
    cal: Calendar, data: st.DataObject, received: dt.date
) -> None:
    asked = data.draw(st.lists(consultations(received), min_size=1, max_size=3))
    fee = data.draw(st.none() | offsets.map(lambda n: received + dt.timedelta(days=n)))
    plain = reply_due(cal, ReplyFacts(received=received))
    paused = reply_due(
        cal,
        ReplyFacts(
            received=received,
            consultations=tuple(asked),
            fees=(FeeNotice(fee),) if fee else (),
        ),
    )
    fewer = reply_due(cal, ReplyFacts(received=received, consultations=tuple(asked[:-1])))
    assert plain.due <= fewer.due <= paused.due


@settings(max_examples=200, deadline=None)
@given(first=receipts, gap=st.integers(min_value=0, max_value=40))
def test_counting_is_monotonic_in_the_receipt_date(cal: Calendar, first: dt.date, gap: int) -> None:
    later = first + dt.timedelta(days=gap)
    assert (
        reply_due(cal, ReplyFacts(received=first)).due
        <= reply_due(cal, ReplyFacts(received=later)).due
    )


@settings(max_examples=100, deadline=None)
@given(received=receipts)
def test_due_is_exactly_twenty_working_days_out(cal: Calendar, received: dt.date) -> None:
    due = reply_due(cal, ReplyFacts(received=received)).due
    assert cal.workdays_between(received, due) == 20
    assert cal.workdays_between(received, due - dt.timedelta(days=1)) == 19
