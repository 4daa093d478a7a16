"""A realistic demo office: agencies, staff for every role, and about two years of cases.

Every case is built only through ``services``, step by step on its own dates, so the events,
due dates and audit entries are the real ones. Steps whose date would fall after ``today``
are not taken: recent cases stay open, some due soon, some (left lying) overdue. The same
seed and the same ``today`` give the same histories (tracking codes are random).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.errors import OutsideCalendar
from gongkai.workdays.deadlines import fee_payment_due
from gongkai_web.accounts.models import Agency, Membership
from gongkai_web.applications import notify, services
from gongkai_web.applications.demo_data import (
    AGENCIES,
    APPLICANT_WEIGHTS,
    BY_EVENTS,
    CHANNEL_WEIGHTS,
    COMPANIES,
    DEMO_PASSWORD,
    GIVEN,
    GROUNDS,
    OUTCOME_WEIGHTS,
    PLACES,
    REVIEW_RETURN_NOTES,
    SURNAMES,
    DemoAgency,
    DemoUser,
    demo_users,
)
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application, Proceeding, Status
from gongkai_web.applications.timing import office_calendar

FORCED = [*OUTCOME_WEIGHTS, *sorted(BY_EVENTS)]  # every table 3 result row, once a year


class _Beyond(Exception):
    """The next step's date is after today (or past the calendar): the case stays as it is."""


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Staff:
    registrar: Any
    handlers: list[Any]
    reviewer: Any


@dataclass
class Office:
    agencies: dict[str, Agency]
    staff: dict[str, Staff]
    users: list[DemoUser]
    counts: Counter[str] = field(default_factory=Counter)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def demo_org_code(n: int) -> str:
    """A well-formed 统一社会信用代码 (GB 32100 check character) for the n-th demo agency:
    机关 (11), the demo city's area code, a made-up organisation number."""
    body = f"11320800{n:02d}46{n:03d}57"[:17]
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def make_office() -> Office:
    """The agencies and people (idempotent: existing ones are kept, passwords reset)."""
    agencies: dict[str, Agency] = {}
    for a in AGENCIES:
        agencies[a.code], _ = Agency.objects.update_or_create(
            short_code=a.code,
            defaults=dict(
                name=a.name,
                kind=a.kind,
                review_body=a.review_body,
                court=a.court,
                address=f"示范市人民路{len(agencies) * 12 + 1}号",
                phone=f"0510-8{len(agencies) + 1}00000{len(agencies)}",
                org_code=demo_org_code(len(agencies)),
                postcode="223001",
                office_hours="工作日 上午 9:00—12:00，下午 13:30—17:30",
                parent=agencies.get(AGENCIES[0].code) if a.kind == "department" else None,
            ),
        )
    people = demo_users()
    by_name: dict[str, Any] = {}
    for p in people:
        user, _ = User.objects.get_or_create(username=p.username)
        user.first_name = p.name
        user.set_password(DEMO_PASSWORD)
        user.save()
        by_name[p.username] = user
        for role in p.roles:
            agency = agencies[p.agency] if p.agency else None
            Membership.objects.get_or_create(user=user, agency=agency, role=role)
    staff = {
        code: Staff(
            by_name[f"{code.lower()}-registrar"],
            [by_name[f"{code.lower()}-handler"], by_name[f"{code.lower()}-handler2"]],
            by_name[f"{code.lower()}-reviewer"],
        )
        for code in agencies
    }
    return Office(agencies, staff, list(people))


@dataclass(frozen=True)
class Plan:
    """What will happen to one case (decided up front, so the story reads top to bottom)."""

    arrived: dt.date
    agency: DemoAgency
    outcome: str
    correction: str  # "", "received", "lapsed", "waiting"
    consultation: bool
    extension: bool
    fee: str  # "", "paid", "lapsed"
    withdraw: bool
    stuck: bool  # the handler leaves it lying (overdue once its due date passes)
    returned: bool  # the reviewer sends the draft back once
    proceeding: float  # a draw: under the thresholds in _proceedings there is one


def plan_cases(rng: random.Random, count: int, today: dt.date) -> list[Plan]:
    """``count`` cases arriving from 1 January of last year to yesterday, oldest first."""
    start = dt.date(today.year - 1, 1, 1)
    span = (today - start).days
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    forced: dict[int, str] = {}
    for year in (today.year - 1, today.year):
        settled = [
            i
            for i, d in enumerate(days)
            if d.year == year and d <= today - dt.timedelta(days=100) and i not in forced
        ]
        step = max(1, len(settled) // len(FORCED))
        for k, row in enumerate(FORCED):
            if k * step < len(settled):
                forced[settled[k * step]] = row
    # Every third case of three to ten weeks ago lies untouched: open, due soon or overdue.
    lying = [i for i, d in enumerate(days) if 18 <= (today - d).days <= 70 and i not in forced]
    forced |= dict.fromkeys(lying[::3], "stuck")
    return [_plan(rng, d, forced.get(i), today) for i, d in enumerate(days)]


def _plan(rng: random.Random, arrived: dt.date, forced: str | None, today: dt.date) -> Plan:
    agency = rng.choices(AGENCIES, weights=[a.weight for a in AGENCIES])[0]
    stuck = forced == "stuck"
    forced = None if stuck else forced
    outcome = forced or _pick(rng, OUTCOME_WEIGHTS)
    r = rng.random()
    correction = ""
    if forced == "other.no_correction" or (not forced and r < 0.02):
        correction = "lapsed"
    elif outcome == "unavailable.unclear" or (not forced and r < 0.06):
        correction = "received"
    elif not forced and r < 0.065:
        correction = "waiting"
    fee = ""
    if forced == "other.no_fee" or (not forced and rng.random() < 0.012):
        fee = "lapsed"
    elif not forced and rng.random() < 0.03:
        fee = "paid"
    return Plan(
        arrived=arrived,
        agency=agency,
        outcome=outcome,
        correction=correction,
        consultation=outcome in {"withheld.third_party", "partial"} and rng.random() < 0.5,
        extension=rng.random() < 0.06,
        fee=fee if outcome in {"disclosed", "partial", "other.no_fee"} else "",
        withdraw=forced == "other.other" or (not forced and rng.random() < 0.03),
        stuck=stuck,
        returned=rng.random() < 0.08,
        proceeding=rng.random(),
    )


def _applicant(rng: random.Random, kind: str) -> dict[str, str]:
    person = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
    digits = "".join(rng.choices("0123456789", k=10))
    if kind == "natural":
        return {"applicant_name": person, "id_document": f"居民身份证 3202{digits}1234"}
    org = {
        "commercial": f"示范市{rng.choice(PLACES)}{rng.choice(COMPANIES)}",
        "research": f"示范大学{rng.choice(('法学院', '公共管理学院', '城市规划研究所'))}",
        "nonprofit": f"示范市{rng.choice(('绿色家园环保协会', '消费者权益保护促进会'))}",
        "legal": f"示范{rng.choice(PLACES)}律师事务所",
        "other": f"示范市{rng.choice(PLACES)}社区居民委员会",
    }[kind]
    return {"applicant_name": org, "id_document": f"统一社会信用代码 91320{digits}X"}


class _Story:
    """One case told step by step, each step on a working day after the last."""

    def __init__(self, rng: random.Random, office: Office, plan: Plan, today: dt.date) -> None:
        self.rng, self.plan, self.today = rng, plan, today
        self.cal = office_calendar()
        self.agency = office.agencies[plan.agency.code]
        self.staff = office.staff[plan.agency.code]
        self.handler = rng.choice(self.staff.handlers)
        self.counts = office.counts
        self.day = plan.arrived
        self.app: Application | None = None

    def after(self, lo: int, hi: int) -> dt.date:
        """Move on ``lo``..``hi`` working days; _Beyond when that is after today."""
        try:
            day = self.cal.add_workdays(self.day, self.rng.randint(lo, hi))
        except OutsideCalendar:
            raise _Beyond from None
        if day > self.today:
            raise _Beyond
        self.day = day
        return day

    def tell(self) -> Application | None:
        try:
            self._intake()
            self._handle()
        except _Beyond:
            pass
        return self.app

    def _intake(self) -> None:
        rng, plan = self.rng, self.plan
        channel = _pick(rng, CHANNEL_WEIGHTS)
        arrived = plan.arrived
        if channel in {"in_person", "post"} and not self.cal.is_workday(arrived):
            arrived = self.cal.next_workday(arrived)
        confirmed = None
        if channel in {"online", "letter", "fax", "other"}:
            confirmed = arrived if self.cal.is_workday(arrived) else self.cal.next_workday(arrived)
        if max(arrived, confirmed or arrived) > self.today:
            raise _Beyond
        kind = _pick(rng, APPLICANT_WEIGHTS)
        topic = rng.choice(plan.agency.topics).format(
            y=arrived.year - rng.choice((0, 1, 1, 2)), place=rng.choice(PLACES)
        )
        online = channel in {"online", "fax", "other"}
        data: dict[str, Any] = dict(
            applicant_type=kind,
            **_applicant(rng, kind),
            phone=f"139{rng.randrange(10**8):08d}",
            email=f"user{rng.randrange(10**5)}@example.cn" if online else "",
            address=f"示范市{rng.choice(PLACES)}路{rng.randint(1, 300)}号",
            description=topic,
            form_wanted=rng.choice(("电子文档", "纸质", "电子文档", "光盘")),
            delivery=rng.choice(("电子邮件", "邮寄", "自行领取", "网上获取")),
            channel=channel,
            arrived=arrived,
            confirmed=confirmed,
        )
        self.app = services.register(self.agency, data, self.staff.registrar)
        self.day = self.app.received
        self.counts["cases"] += 1

    def _handle(self) -> None:
        app, plan, staff = self.app, self.plan, self.staff
        assert app is not None
        services.assign(app, self.handler, staff.registrar, self.after(0, 1))
        if plan.withdraw:
            services.withdraw(app, None, self.after(2, 12), "申请人来电撤回申请")
            self.counts["withdrawn"] += 1
            return
        if plan.correction and not self._correction():
            return
        if plan.consultation:
            self._consult()
        if plan.fee and not self._fee():
            return
        if plan.extension:
            services.approve_extension(
                app, self.handler, self.after(12, 17), self.rng.choice((10, 15, 20)), "办公室主任"
            )
            self.counts["extensions"] += 1
        self._reply()
        self._proceedings()

    def _correction(self) -> bool:
        """告知补正; False when the case ends (lapsed) or waits there."""
        app = self.app
        assert app is not None
        on = self.after(1, 5)
        respond_by = self.cal.add_workdays(on, 15)
        services.request_correction(app, self.handler, on, respond_by, "请明确所需信息的名称或文号")
        self.counts["corrections"] += 1
        if self.plan.correction == "waiting":
            return False
        if self.plan.correction == "lapsed":
            self.day = respond_by
            services.lapse_correction(app, self.handler, self.after(1, 3))
            return False
        services.receive_correction(app, self.staff.registrar, self.after(3, 12))
        return True

    def _consult(self) -> None:
        app = self.app
        assert app is not None
        other_agency = self.rng.random() < 0.3
        party = "示范市财政局" if other_agency else f"示范市{self.rng.choice(PLACES)}置业有限公司"
        consultation = services.send_consultation(
            app, self.handler, self.after(2, 6), party, agency=other_agency
        )
        self.counts["consultations"] += 1
        opinion = self.rng.choice(("不同意公开，涉及商业秘密", "同意公开", "部分内容不同意公开"))
        services.answer_consultation(consultation, self.handler, self.after(4, 14), opinion)

    def _fee(self) -> bool:
        app = self.app
        assert app is not None
        method = self.rng.choice(("item", "page"))
        amount = Decimal(
            self.rng.choice((100, 100, 200, 300))
            if method == "item"
            else 10 * self.rng.randint(12, 40)
        )
        fee = services.issue_fee(app, self.handler, self.after(3, 8), method, amount)
        self.counts["fees"] += 1
        if self.plan.fee == "paid":
            services.pay_fee(fee, self.staff.registrar, self.after(2, 12))
            return True
        self.day = fee_payment_due(self.cal, fee.served).due
        services.lapse_fee(fee, self.handler, self.after(1, 3))
        return False

    def _reply(self) -> None:
        app, plan = self.app, self.plan
        assert app is not None
        if plan.stuck:
            return  # left lying: open, and overdue once its due date passes
        slow = self.rng.random() < 0.04  # replied late: overdue in the history
        outcome = plan.outcome if plan.outcome in GROUNDS else "disclosed"
        grounds, text = (
            GROUNDS[outcome],
            f"经审查，现答复如下：{GROUNDS[outcome] or '予以公开，详见附件'}",
        )
        services.draft_reply(
            app, self.handler, self.after(*((22, 30) if slow else (4, 13))), outcome, grounds, text
        )
        if plan.returned:
            note = self.rng.choice(REVIEW_RETURN_NOTES)
            services.review(app, self.staff.reviewer, self.after(1, 2), False, note)
            services.draft_reply(app, self.handler, self.after(1, 3), outcome, grounds, text)
            self.counts["returned"] += 1
        services.review(app, self.staff.reviewer, self.after(0, 2), True)
        services.reply(app, self.handler, self.after(0, 2))
        self.counts["replied"] += 1

    def _proceedings(self) -> None:
        """Some refusals are challenged: 复议, then perhaps a suit; or a suit directly."""
        app, draw = self.app, self.plan.proceeding
        assert app is not None
        if app.closed_on is None:
            return
        refused = app.outcome != "disclosed"
        if draw < (0.16 if refused else 0.01):
            review = self._file("review", 15, 55, app.agency.review_body)
            if review and self._decide(review, 40, 75) == "upheld" and draw < 0.06:
                self._file("suit_after_review", 8, 14, app.agency.court, review, review.decided_on)
        elif draw < (0.22 if refused else 0.012):
            self._file("suit_direct", 20, 160, app.agency.court)

    def _file(
        self,
        kind: str,
        lo: int,
        hi: int,
        body: str,
        review: Proceeding | None = None,
        since: dt.date | None = None,
    ) -> Proceeding | None:
        app = self.app
        assert app is not None and app.closed_on is not None
        filed = (since or app.closed_on) + dt.timedelta(days=self.rng.randint(lo, hi))
        if filed > self.today:
            return None
        proceeding = services.add_proceeding(app, None, kind, filed, body, review_of=review)
        self.counts[kind] += 1
        if kind != "review":
            self._decide(proceeding, 60, 200)
        return proceeding

    def _decide(self, proceeding: Proceeding, lo: int, hi: int) -> str:
        decided = proceeding.filed_on + dt.timedelta(days=self.rng.randint(lo, hi))
        if decided > self.today:
            self.counts["pending"] += 1
            return "pending"
        result = _pick(self.rng, {"upheld": 70, "corrected": 18, "other": 12})
        services.decide_proceeding(proceeding, None, result, decided)
        return result


@transaction.atomic
def seed(count: int = 600, seed: int = 2025, today: dt.date | None = None) -> Office:
    """Create the demo office and ``count`` cases; returns the office with what was done."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rng = random.Random(seed)
    office = make_office()
    with notify.muted():  # made-up applicants: no mail (nor letters rendered for it)
        for plan in plan_cases(rng, count, today):
            try:
                _Story(rng, office, plan, today).tell()
            except CaseError as exc:  # a plan the rules refuse is a bug in this module
                raise CaseError(f"演示数据：{plan.arrived} {plan.outcome}：{exc}") from exc
        from gongkai_web.applications import daily

        daily.run(today)  # the lapses the office's daily round would have applied by today
    office.counts["open"] = Application.objects.exclude(status=Status.CLOSED).count()
    return office


def logins_text() -> str:
    """The demo logins, one line each, for ``seed_demo`` and ``gongkai serve`` to print."""
    agencies = {a.code: a.name for a in AGENCIES}
    roles = {"registrar": "登记", "handler": "承办", "reviewer": "审核", "admin": "机关管理员"}
    roles["supervisor"] = "监督（只读，全部机关）"
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}）："]
    for p in demo_users():
        where = agencies[p.agency] if p.agency else "全部机关"
        what = "、".join(roles[r] for r in p.roles)
        lines.append(f"  {p.username:<16} {p.name}　{where}　{what}")
    return "\n".join(lines)
