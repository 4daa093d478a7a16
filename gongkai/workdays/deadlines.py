"""Statutory deadlines of the 政府信息公开条例 (2019), counted in working days.

Pure functions: each takes the :class:`Calendar` and the dates of the case, never the clock or
settings, and returns the due date with the steps that led to it, each citing its article.
Counting (issue rule, common practice): the day of the triggering event is not counted; the
period ends on its last working day. A date the calendar does not cover raises
:class:`~gongkai.errors.OutsideCalendar`; contradictory facts raise
:class:`~gongkai.errors.DeadlineInputError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.errors import DeadlineInputError
from gongkai.workdays.calendar import Calendar
from gongkai.workdays.provisional import provisional_reason

REPLY_DAYS = 20  # 第三十三条第二款
MAX_EXTENSION_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_DAYS = 7  # 第三十条
CONSULTATION_DAYS = 15  # 第三十二条 (third party), 第三十四条 (other agency)
FEE_PAYMENT_DAYS = 20  # 《政府信息公开信息处理费管理办法》, restated in provincial notices
PROACTIVE_DAYS = 20  # 第二十六条

# The table 3 rows a case closes in when the applicant lets a period lapse (2021 form).
ROW_NO_CORRECTION = "other.no_correction"
ROW_NO_FEE = "other.no_fee"


class Channel(StrEnum):
    """How the application arrived (第三十一条)."""

    IN_PERSON = "in_person"  # 当面提交
    POST = "post"  # 邮寄，需签收（挂号信、EMS、快递）
    LETTER = "letter"  # 平常信函等无需签收的邮寄
    ONLINE = "online"  # 互联网渠道（网上申请、电子邮件）
    FAX = "fax"  # 政府信息公开工作机构的传真
    OTHER = "other"  # 其他（如口头提出、代为填写）


CHANNEL_NAMES = {
    Channel.IN_PERSON: "当面提交",
    Channel.POST: "邮寄（需签收）",
    Channel.LETTER: "平常信函（无需签收）",
    Channel.ONLINE: "互联网渠道",
    Channel.FAX: "传真",
    Channel.OTHER: "其他方式",
}


class Publisher(StrEnum):
    """Who publishes an annual report (第四十九条)."""

    DEPARTMENT = "department"  # 县级以上人民政府部门
    GOVERNMENT = "government"  # 县级以上地方人民政府


@dataclass(frozen=True)
class Step:
    """One line of the explanation: what was counted, under which article, to which date."""

    article: str
    text: str
    date: dt.date | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "article": self.article,
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(frozen=True)
class Deadline:
    """A due date with its steps. ``provisional``: counted on the provisional calendar (no
    notice yet for a day it spans), ``reason`` says so in Chinese; empty otherwise."""

    due: dt.date
    steps: tuple[Step, ...]
    provisional: bool = False
    reason: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "reason": self.reason,
            "steps": [s.as_json() for s in self.steps],
        }


def deadline_on(cal: Calendar, due: dt.date, steps: Sequence[Step]) -> Deadline:
    """A Deadline for ``due``, marked provisional (with a step giving the reason) when the
    calendar answered a day up to ``due`` without its notice. The days counted run from a
    settled start to ``due``, so ``due`` itself decides."""
    if not cal.is_provisional(due):
        return Deadline(due, tuple(steps))
    reason = provisional_reason(due)
    return Deadline(due, (*steps, Step("暂定", reason, due)), provisional=True, reason=reason)


@dataclass(frozen=True)
class Extension:
    """An extension of the reply period, approved by the head of the disclosure office."""

    days: int = MAX_EXTENSION_DAYS
    approved_by: str = ""
    approved_on: dt.date | None = None


@dataclass(frozen=True)
class Consultation:
    """A consultation sent on ``sent``; ``answered`` None while no answer has come."""

    sent: dt.date
    answered: dt.date | None = None
    agency: bool = False  # True: another agency (第三十四条); False: a third party (第三十二条)


@dataclass(frozen=True)
class FeeNotice:
    """A fee notice served on ``served``; ``paid`` None while unpaid."""

    served: dt.date
    paid: dt.date | None = None


@dataclass(frozen=True)
class Rules:
    """Choices the regulation leaves open; each is a documented setting of the office.

    ``fee_stops_clock``: the days from a fee notice to payment (or to the end of the payment
    period) do not count towards the reply period. The 条例 is silent; most agencies treat it
    so (regulations.md §3), hence the default.
    ``cap_consultation``: a consultation stops the clock at most until the consulted party's
    15 working days run out (第三十二、三十四条: after that the agency decides on its own), even
    if the answer comes later.
    """

    fee_stops_clock: bool = True
    cap_consultation: bool = True


@dataclass(frozen=True)
class _Pause:
    after: dt.date  # the clock stops for the days after this one ...
    through: dt.date  # ... up to and including this one


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def receipt_date(
    cal: Calendar, channel: Channel, arrived: dt.date, confirmed: dt.date | None = None
) -> tuple[dt.date, Step]:
    """The date of receipt under 第三十一条, and the step saying why.

    ``arrived``: the day the application was handed over, signed for, or came in.
    ``confirmed``: for ordinary letters, online and fax, the day the office and the applicant
    confirmed it; None when not recorded, in which case the arrival day is used (the earliest
    possible, so the due date is never later than the statute's).
    """
    cal.info(arrived)  # refuse a date outside the calendar early
    name = CHANNEL_NAMES[channel]
    if channel is Channel.IN_PERSON:
        return arrived, Step("第三十一条第（一）项", f"{name}：以提交之日为收到申请之日", arrived)
    if channel is Channel.POST:
        return arrived, Step("第三十一条第（二）项", f"{name}：以签收之日为收到申请之日", arrived)
    article = "第三十一条第（二）项" if channel is Channel.LETTER else "第三十一条第（三）项"
    if channel is Channel.OTHER:
        article = "第三十一条"
    if confirmed is None:
        return arrived, Step(
            article, f"{name}：以确认之日为收到申请之日；未记录确认日期，按到达之日计算", arrived
        )
    if confirmed < arrived:
        raise DeadlineInputError(f"确认日期 {confirmed} 早于到达日期 {arrived}")
    cal.info(confirmed)
    return confirmed, Step(article, f"{name}：以双方确认之日为收到申请之日", confirmed)


def correction_notice_due(cal: Calendar, received: dt.date) -> Deadline:
    """The 补正 notice must go out within 7 working days of receipt (第三十条)."""
    due = cal.add_workdays(received, CORRECTION_NOTICE_DAYS)
    return deadline_on(
        cal,
        due,
        (
            Step(
                "第三十条",
                f"申请内容不明确的，应自收到申请之日起 {CORRECTION_NOTICE_DAYS} 个工作日内一次性告知补正",
                due,
            ),
        ),
    )


def consultation_answer_due(cal: Calendar, sent: dt.date) -> dt.date:
    """The consulted party's last day: 15 working days after ``sent`` (第三十二、三十四条)."""
    return cal.add_workdays(sent, CONSULTATION_DAYS)


def consultation_deadline(cal: Calendar, sent: dt.date, agency: bool = False) -> Deadline:
    """:func:`consultation_answer_due` with its step (and 暂定 mark when provisional)."""
    due = consultation_answer_due(cal, sent)
    who, article = ("其他机关", "第三十四条") if agency else ("第三方", "第三十二条")
    text = f"被征求意见的{who}应自收到征求意见书之日起 {CONSULTATION_DAYS} 个工作日内提出意见"
    return deadline_on(cal, due, (Step(article, text, due),))


def fee_payment_due(cal: Calendar, served: dt.date) -> Deadline:
    """The applicant pays within 20 working days of the day after the notice is served."""
    due = cal.add_workdays(served, FEE_PAYMENT_DAYS)
    return deadline_on(
        cal,
        due,
        (
            Step(
                "《政府信息公开信息处理费管理办法》",
                f"申请人应在收到收费通知次日起 {FEE_PAYMENT_DAYS} 个工作日内缴纳，"
                f"逾期未缴纳的视为放弃申请（计入表三 {ROW_NO_FEE}）",
                due,
            ),
        ),
    )


def proactive_due(cal: Calendar, formed: dt.date) -> Deadline:
    """Proactive disclosure: within 20 working days of forming or changing (第二十六条)."""
    due = cal.add_workdays(formed, PROACTIVE_DAYS)
    text = f"属于主动公开范围的政府信息，应自形成或者变更之日起 {PROACTIVE_DAYS} 个工作日内公开"
    return Deadline(due, (Step("第二十六条", text, due),))


def annual_report_due(year: int, publisher: Publisher) -> Deadline:
    """The annual report on ``year``: departments by 31 January, governments by 31 March.

    Calendar dates, not working days (第四十九条), so no calendar is needed.
    """
    if publisher is Publisher.DEPARTMENT:
        due = dt.date(year + 1, 1, 31)
        text = "县级以上人民政府部门应于每年1月31日前公布本部门上一年度年度报告"
    else:
        due = dt.date(year + 1, 3, 31)
        text = "县级以上地方人民政府应于每年3月31日前公布本级政府上一年度年度报告"
    return Deadline(due, (Step("第四十九条", text, due),))


def correction_lapsed(respond_by: dt.date, corrected: dt.date | None, today: dt.date) -> bool:
    """True when the 补正 period given has passed with no correction (第三十条).

    The application is then not processed further and closes in table 3 row
    ``other.no_correction`` (:data:`ROW_NO_CORRECTION`).
    """
    return corrected is None and today > respond_by


@dataclass(frozen=True)
class ReplyFacts:
    """What happened to one application, as far as the reply period is concerned."""

    received: dt.date
    channel: Channel = Channel.IN_PERSON
    confirmed: dt.date | None = None
    corrected: dt.date | None = None
    extension: Extension | None = None
    consultations: Sequence[Consultation] = field(default_factory=tuple)
    fees: Sequence[FeeNotice] = field(default_factory=tuple)


def reply_due(cal: Calendar, facts: ReplyFacts, rules: Rules = Rules()) -> Deadline:
    """The reply deadline of an application (第三十三条), with every step explained.

    20 working days after receipt (or after receipt of the corrected application, 第三十条),
    plus the extension approved, with the clock stopped while a third party or another
    agency is consulted (第三十三条第三款) and, by the ``rules`` setting, while a fee notice
    awaits payment. Raises OutsideCalendar, DeadlineInputError.
    """
    received, receipt_step = receipt_date(cal, facts.channel, facts.received, facts.confirmed)
    steps = [receipt_step]
    start = received
    if facts.corrected is not None:
        if facts.corrected < received:
            raise DeadlineInputError(f"补正日期 {facts.corrected} 早于收到申请日期 {received}")
        start = facts.corrected
        notice = correction_notice_due(cal, received)
        steps.append(Step("第三十条", f"补正告知应不晚于{_fmt(notice.due)}发出", notice.due))
        steps.append(Step("第三十条", "答复期限自收到补正申请之日起重新计算", start))
    days = REPLY_DAYS
    plain = "（未计停止计时）" if facts.consultations or facts.fees else ""
    steps.append(
        Step(
            "第三十三条第二款",
            f"自{_fmt(start)}的次日起算 {days} 个工作日{plain}",
            cal.add_workdays(start, days),
        )
    )
    pauses = _pauses(cal, facts, rules, steps)
    stopped = _stopped(pauses)
    if facts.extension is not None:
        original = cal.add_workdays(start, days, paused=stopped)
        days += _extension_days(facts.extension, original, steps)
    due = cal.add_workdays(start, days, paused=stopped)
    if pauses:
        held = cal.workdays_between(start, due) - days
        steps.append(Step("第三十三条第三款", f"期间共停止计时 {held} 个工作日", None))
    steps.append(Step("第三十三条", f"答复期限届满：{cal.info(due).describe()}", due))
    return deadline_on(cal, due, steps)


def _stopped(pauses: Sequence[_Pause]) -> Callable[[dt.date], bool]:
    def paused(day: dt.date) -> bool:
        return any(p.after < day <= p.through for p in pauses)

    return paused


def _extension_days(ext: Extension, original_due: dt.date, steps: list[Step]) -> int:
    if not 1 <= ext.days <= MAX_EXTENSION_DAYS:
        raise DeadlineInputError(f"延长答复期限为 1—{MAX_EXTENSION_DAYS} 个工作日，实为 {ext.days}")
    record = "、".join(
        part for part in (ext.approved_by, _fmt(ext.approved_on) if ext.approved_on else "") if part
    )
    steps.append(
        Step(
            "第三十三条第二款",
            f"经政府信息公开工作机构负责人同意延长 {ext.days} 个工作日"
            f"（{record or '审批记录未填写'}），并告知申请人",
            None,
        )
    )
    if ext.approved_on is not None and ext.approved_on > original_due:
        steps.append(
            Step(
                "第三十三条第二款",
                f"注意：延期在原答复期限（{_fmt(original_due)}）届满后才批准",
                ext.approved_on,
            )
        )
    return ext.days


def _pauses(cal: Calendar, facts: ReplyFacts, rules: Rules, steps: list[Step]) -> list[_Pause]:
    pauses = [
        _consultation_pause(cal, c, rules, steps)
        for c in sorted(facts.consultations, key=lambda c: c.sent)
    ]
    for fee in sorted(facts.fees, key=lambda f: f.served):
        pause = _fee_pause(cal, fee, rules, steps)
        if pause is not None:
            pauses.append(pause)
    return pauses


def _consultation_pause(cal: Calendar, c: Consultation, rules: Rules, steps: list[Step]) -> _Pause:
    article = "第三十四条" if c.agency else "第三十二条"
    who = "其他机关" if c.agency else "第三方"
    if c.answered is not None and c.answered < c.sent:
        raise DeadlineInputError(f"征求意见答复日期 {c.answered} 早于发出日期 {c.sent}")
    limit = consultation_answer_due(cal, c.sent)
    steps.append(
        Step(
            article,
            f"{_fmt(c.sent)}书面征求{who}意见，应在 {CONSULTATION_DAYS} 个工作日内答复",
            limit,
        )
    )
    if c.answered is None:
        text = f"{who}尚未答复：停止计时至答复期限届满（{_fmt(limit)}）"
        through = limit
    elif c.answered > limit and rules.cap_consultation:
        text = f"{who}{_fmt(c.answered)}逾期答复：停止计时只到答复期限届满（{_fmt(limit)}）"
        through = limit
    else:
        text = f"{who}{_fmt(c.answered)}答复：{_fmt(c.sent)}之后至答复之日止停止计时"
        through = c.answered
    steps.append(Step("第三十三条第三款", text, through))
    return _Pause(c.sent, through)


def _fee_pause(cal: Calendar, fee: FeeNotice, rules: Rules, steps: list[Step]) -> _Pause | None:
    if fee.paid is not None and fee.paid < fee.served:
        raise DeadlineInputError(f"缴费日期 {fee.paid} 早于收费通知送达日期 {fee.served}")
    payment = fee_payment_due(cal, fee.served)
    steps += [s for s in payment.steps if s.article != "暂定"]  # said once, at the end
    if fee.paid is None:
        through, text = payment.due, "尚未缴费：逾期未缴纳的视为放弃申请"
    elif fee.paid > payment.due:
        through, text = payment.due, f"{_fmt(fee.paid)}缴费，已超过缴费期限"
    else:
        through, text = fee.paid, f"{_fmt(fee.paid)}缴费"
    if not rules.fee_stops_clock:
        steps.append(Step("收费设置", f"{text}；按本机关设置，缴费期间不停止计时", None))
        return None
    steps.append(Step("收费设置", f"{text}；按本机关设置，收费通知至缴费期间停止计时", through))
    return _Pause(fee.served, through)
