"""Handling an application, step by step. Views call these; each step is one transaction that
records a CaseEvent, re-times the case with the working-day calendar and writes the audit log.

Every function raises CaseError (Chinese message) for a step the case's state does not allow.
Permissions are checked by the caller (``gongkai_web.accounts.access``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongkai.errors import DeadlineInputError, FeeInputError, OutsideCalendar
from gongkai.fees import Fee, per_item_total, per_page_fee
from gongkai.workdays.deadlines import (
    MAX_EXTENSION_DAYS,
    ROW_NO_CORRECTION,
    ROW_NO_FEE,
    Channel,
    fee_payment_due,
    receipt_date,
)
from gongkai_web.accounts.models import Agency
from gongkai_web.applications import audit, conflicts, notify
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import (
    OUTCOMES,
    Application,
    CaseEvent,
    Consultation,
    EventKind,
    FeeNotice,
    Proceeding,
    ProceedingKind,
    ProceedingResult,
    RegistrationCounter,
    Status,
)
from gongkai_web.applications.timing import TIMED_FIELDS, office_calendar, retime

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
OUTCOME_IDS = {o for o, _ in OUTCOMES}
WITHDRAWN_OUTCOME = "other.other"
# Steps allowed in each state (the state machine of the handling).
HANDLING = {Status.REGISTERED, Status.HANDLING, Status.CONSULTING, Status.AWAITING_FEE}


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))


def _highest_reg_no(agency: Agency, year: int) -> int:
    """The highest number already given (cases registered before the counter existed)."""
    prefix = f"{agency.short_code}-{year}-"
    numbers = Application.objects.filter(agency=agency, reg_no__startswith=prefix).values_list(
        "reg_no", flat=True
    )
    return max(
        (int(n.rsplit("-", 1)[1]) for n in numbers if n.rsplit("-", 1)[1].isdigit()), default=0
    )


def _next_reg_no(agency: Agency, year: int) -> str:
    """The next registration number, from the agency-and-year counter taken under a row lock.

    Must run inside the registering transaction: the lock is held until it commits, so the
    number is never given twice and never skipped by a rolled-back submission.
    """
    counter = (
        RegistrationCounter.objects.select_for_update().filter(agency=agency, year=year).first()
    )
    if counter is None:
        # Two first submissions of a year may both get here: the unique constraint lets one
        # create the row; the other fails and is retried by ``conflicts.retrying``.
        counter = RegistrationCounter.objects.create(
            agency=agency, year=year, last=_highest_reg_no(agency, year)
        )
        counter = RegistrationCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{agency.short_code}-{year}-{counter.last:05d}"


def _require(app: Application, allowed: set[str], what: str) -> None:
    if app.status not in allowed:
        raise CaseError(f"申请 {app.reg_no} 当前状态为“{app.get_status_display()}”，不能{what}")


def _step(
    app: Application,
    kind: str,
    actor: Any,
    on: dt.date,
    note: str = "",
    change: Callable[[], None] | None = None,
) -> CaseEvent:
    """Apply ``change`` to the case, re-time it, save, record the event and the audit entry."""
    before = audit.snapshot(app)
    if change is not None:
        change()
    retime(app)
    app.save()
    event = CaseEvent.objects.create(
        application=app,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        on=on,
        note=note,
        due_after=app.due,
    )
    audit.log(actor, app.agency, app, kind, audit.diff(before, audit.snapshot(app)))
    notify.public_event(app, event)
    return event


def register(agency: Agency, data: dict[str, Any], actor: Any = None) -> Application:
    """Register an application; ``data`` holds the model's intake fields.

    The receipt date follows 第三十一条 from channel, arrival and confirmation. Raises
    CaseError for a date the calendar does not cover or a confirmation before arrival, and
    ``conflicts.Busy`` when the database stayed busy through every retry (nothing saved).
    """
    return conflicts.retrying(lambda: _register(agency, data, actor))


@transaction.atomic
def _register(agency: Agency, data: dict[str, Any], actor: Any = None) -> Application:
    channel = Channel(data["channel"])
    try:
        received, _ = receipt_date(
            office_calendar(), channel, data["arrived"], data.get("confirmed")
        )
    except (OutsideCalendar, DeadlineInputError) as exc:
        raise CaseError(str(exc)) from None
    app = Application(agency=agency, received=received, **data)
    app.reg_no = _next_reg_no(agency, received.year)
    app.tracking_code = new_tracking_code()
    retime(app)
    app.save()
    event = CaseEvent.objects.create(
        application=app,
        kind=EventKind.REGISTERED,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        on=received,
        note=f"通过{app.get_channel_display()}收到",
        due_after=app.due,
    )
    audit.log(actor, agency, app, "created", audit.snapshot(app))
    notify.public_event(app, event)
    return app


@transaction.atomic
def assign(app: Application, handler: Any, actor: Any, on: dt.date) -> None:
    _require(app, HANDLING | {Status.IN_REVIEW}, "分办")

    def change() -> None:
        app.assignee = handler
        if app.status == Status.REGISTERED:
            app.status = Status.HANDLING

    _step(app, EventKind.ASSIGNED, actor, on, f"承办人：{_name(handler)}", change)


@transaction.atomic
def take(app: Application, handler: Any, on: dt.date) -> None:
    """A handler takes an unassigned case for themself (领取)."""
    _require(app, HANDLING | {Status.IN_REVIEW}, "领取")
    if app.assignee_id is not None:
        raise CaseError(f"申请 {app.reg_no} 已有承办人，不能领取")

    def change() -> None:
        app.assignee = handler
        if app.status == Status.REGISTERED:
            app.status = Status.HANDLING

    _step(app, EventKind.ASSIGNED, handler, on, f"承办人：{_name(handler)}（自行领取）", change)


def _name(user: Any) -> str:
    from gongkai_web.accounts.templatetags.people import display_name

    return display_name(user)


@transaction.atomic
def request_correction(
    app: Application, actor: Any, on: dt.date, respond_by: dt.date, note: str
) -> None:
    """告知补正 (第三十条): once, within 7 working days of receipt."""
    _require(app, {Status.REGISTERED, Status.HANDLING}, "告知补正")
    if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
        raise CaseError("补正应一次性告知（第三十条），本申请已告知过补正")
    if respond_by <= on:
        raise CaseError("补正期限应晚于告知日期")

    def change() -> None:
        app.status = Status.AWAITING_CORRECTION
        app.correction_due = respond_by

    _step(app, EventKind.CORRECTION_REQUESTED, actor, on, note, change)


@transaction.atomic
def receive_correction(app: Application, actor: Any, on: dt.date, note: str = "") -> None:
    """The corrected application arrived: the reply period counts afresh from ``on``.

    ``note``: what the applicant sent, when it came online (kept in the event)."""
    _require(app, {Status.AWAITING_CORRECTION}, "登记补正")
    if on < app.received:
        raise CaseError("收到补正的日期早于收到申请的日期")

    def change() -> None:
        app.corrected = on
        app.status = Status.HANDLING

    _step(
        app,
        EventKind.CORRECTION_RECEIVED,
        actor,
        on,
        f"{note}；答复期限自收到补正之日起重新计算（第三十条）"
        if note
        else "答复期限自收到补正之日起重新计算（第三十条）",
        change,
    )


AUTO_NOTE = "；每日检查发现期限已届满，系统自动办结"


@transaction.atomic
def lapse_correction(app: Application, actor: Any, on: dt.date, auto: bool = False) -> None:
    """No correction in time: not processed further, table 3 row other.no_correction.
    ``auto``: applied by the daily round (applications/daily.py), which the note says."""
    _require(app, {Status.AWAITING_CORRECTION}, "按逾期未补正办结")
    if app.correction_due is None or on <= app.correction_due:
        raise CaseError(f"补正期限（{app.correction_due}）尚未届满")
    _close(
        app,
        actor,
        on,
        ROW_NO_CORRECTION,
        f"申请人无正当理由逾期不补正，视为放弃申请（第三十条）；补正期限为{app.correction_due}"
        + (AUTO_NOTE if auto else ""),
        EventKind.CORRECTION_LAPSED,
    )


@transaction.atomic
def send_consultation(
    app: Application, actor: Any, on: dt.date, party: str, agency: bool = False
) -> Consultation:
    _require(app, HANDLING, "征求意见")
    consultation = Consultation.objects.create(application=app, party=party, agency=agency, sent=on)

    def change() -> None:
        app.status = Status.CONSULTING

    article = "第三十四条" if agency else "第三十二条"
    _step(app, EventKind.CONSULTATION_SENT, actor, on, f"书面征求{party}意见（{article}）", change)
    return consultation


@transaction.atomic
def answer_consultation(consultation: Consultation, actor: Any, on: dt.date, opinion: str) -> None:
    app = consultation.application
    if consultation.answered is not None:
        raise CaseError("该征求意见已登记答复")
    if on < consultation.sent:
        raise CaseError("答复日期早于征求意见发出日期")
    consultation.answered, consultation.opinion = on, opinion
    consultation.save()

    def change() -> None:
        if not app.consultations.filter(answered__isnull=True).exists():
            app.status = Status.HANDLING

    _step(
        app, EventKind.CONSULTATION_ANSWERED, actor, on, f"{consultation.party}：{opinion}", change
    )


@transaction.atomic
def approve_extension(app: Application, actor: Any, on: dt.date, days: int, approver: str) -> None:
    """延期 (第三十三条第二款): once, at most 20 working days, by the office's head."""
    _require(app, HANDLING | {Status.IN_REVIEW}, "延期")
    if app.extension_days:
        raise CaseError("本申请已延期一次")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise CaseError(f"延长期限应为 1—{MAX_EXTENSION_DAYS} 个工作日")
    if not approver.strip():
        raise CaseError("延期须经政府信息公开工作机构负责人同意：请填写批准人")

    def change() -> None:
        app.extension_days, app.extension_approved_by, app.extension_approved_on = (
            days,
            approver,
            on,
        )

    _step(
        app,
        EventKind.EXTENSION_APPROVED,
        actor,
        on,
        f"延长 {days} 个工作日，批准人：{approver}",
        change,
    )


@transaction.atomic
def issue_fee(
    app: Application, actor: Any, on: dt.date, method: str, amount: Decimal, working: str = ""
) -> FeeNotice:
    _require(app, HANDLING, "发出收费通知")
    if amount <= 0:
        raise CaseError("收费金额应大于 0")
    fee = FeeNotice.objects.create(application=app, method=method, amount=amount, served=on)

    def change() -> None:
        app.status, app.fee_method = Status.AWAITING_FEE, method

    note = f"{fee.get_method_display()} {amount} 元" + (f"（{working}）" if working else "")
    _step(app, EventKind.FEE_ISSUED, actor, on, note, change)
    return fee


def compute_fee(app: Application, method: str, quantity: int) -> Fee:
    """The fee the 信息处理费 rules set (国办函〔2020〕109号), with its working.

    按件 (``item``): ``quantity`` is how many items this application counts as (一事一申请); the
    applicant's earlier applications to this agency in the same calendar month (same 身份证明)
    come first in the progression. 按量 (``page``): ``quantity`` is the number of pages.
    Raises CaseError for a bad quantity or when the rules charge nothing.
    """
    try:
        if method == "item":
            earlier = (
                Application.objects.filter(
                    agency=app.agency,
                    id_document=app.id_document,
                    received__year=app.received.year,
                    received__month=app.received.month,
                )
                .filter(Q(received__lt=app.received) | Q(received=app.received, id__lt=app.id))
                .count()
            )
            fee = per_item_total(earlier, quantity)
        elif method == "page":
            fee = per_page_fee(quantity)
        else:
            raise CaseError(f"未知的计收方式：{method}")
    except FeeInputError as exc:
        raise CaseError(str(exc)) from None
    if fee.amount <= 0:
        raise CaseError("按《政府信息公开信息处理费管理办法》不收费：" + "；".join(fee.steps))
    return fee


@transaction.atomic
def issue_fee_by_rule(
    app: Application, actor: Any, on: dt.date, method: str, quantity: int
) -> FeeNotice:
    """Issue a fee notice for the amount the rules set (see :func:`compute_fee`)."""
    fee = compute_fee(app, method, quantity)
    return issue_fee(app, actor, on, method, fee.amount, working="；".join(fee.steps))


@transaction.atomic
def pay_fee(fee: FeeNotice, actor: Any, on: dt.date) -> None:
    app = fee.application
    _require(app, {Status.AWAITING_FEE}, "登记缴费")
    if on < fee.served:
        raise CaseError("缴费日期早于收费通知送达日期")
    fee.paid = on
    fee.save()

    def change() -> None:
        app.status = Status.HANDLING

    _step(app, EventKind.FEE_PAID, actor, on, f"已缴 {fee.amount} 元", change)


@transaction.atomic
def lapse_fee(fee: FeeNotice, actor: Any, on: dt.date, auto: bool = False) -> None:
    """Not paid within 20 working days: deemed abandoned, table 3 row other.no_fee."""
    app = fee.application
    _require(app, {Status.AWAITING_FEE}, "按逾期未缴费办结")
    due = fee_payment_due(office_calendar(), fee.served).due
    if on <= due:
        raise CaseError(f"缴费期限（{due}）尚未届满")
    _close(
        app,
        actor,
        on,
        ROW_NO_FEE,
        f"申请人逾期未按收费通知缴纳费用，视为放弃申请；缴费期限为{due}"
        + (AUTO_NOTE if auto else ""),
        EventKind.FEE_LAPSED,
    )


@transaction.atomic
def draft_reply(
    app: Application, actor: Any, on: dt.date, outcome: str, grounds: str, text: str
) -> None:
    _require(app, HANDLING - {Status.AWAITING_FEE, Status.CONSULTING}, "拟定答复")
    if outcome not in OUTCOME_IDS:
        raise CaseError(f"未知的办理结果：{outcome}")
    if outcome != "disclosed" and not grounds.strip():
        raise CaseError("除予以公开外，答复应说明理由和依据")

    def change() -> None:
        app.outcome, app.grounds, app.reply_text, app.status = (
            outcome,
            grounds,
            text,
            Status.IN_REVIEW,
        )

    _step(app, EventKind.REPLY_DRAFTED, actor, on, dict(OUTCOMES)[outcome], change)


@transaction.atomic
def review(app: Application, actor: Any, on: dt.date, approve: bool, note: str = "") -> None:
    _require(app, {Status.IN_REVIEW}, "审核")
    if not approve and not note.strip():
        raise CaseError("退回时请说明理由")

    def change() -> None:
        app.status = Status.APPROVED if approve else Status.HANDLING

    kind = EventKind.REVIEW_APPROVED if approve else EventKind.REVIEW_RETURNED
    _step(app, kind, actor, on, note, change)


@transaction.atomic
def reply(app: Application, actor: Any, on: dt.date) -> None:
    """Send the approved reply: the case is concluded (办结) on that day."""
    _require(app, {Status.APPROVED}, "答复")
    if on < app.received:
        raise CaseError("答复日期早于收到申请日期")
    app.replied_on = on
    _close(app, actor, on, app.outcome, "已答复申请人", EventKind.REPLIED)


@transaction.atomic
def withdraw(app: Application, actor: Any, on: dt.date, note: str) -> None:
    """The applicant withdrew: closed under 其他处理／其他, never deleted."""
    if not app.is_open:
        raise CaseError("申请已办结")
    _close(app, actor, on, WITHDRAWN_OUTCOME, note or "申请人撤回申请", EventKind.WITHDRAWN)


def _close(app: Application, actor: Any, on: dt.date, outcome: str, note: str, kind: str) -> None:
    if on < app.received:
        raise CaseError("办结日期早于收到申请日期")

    def change() -> None:
        app.outcome, app.closed_on, app.status = outcome, on, Status.CLOSED
        if not app.grounds:
            app.grounds = note

    _step(app, kind, actor, on, note, change)


@transaction.atomic
def add_proceeding(
    app: Application,
    actor: Any,
    kind: str,
    filed_on: dt.date,
    body: str = "",
    review_of: Proceeding | None = None,
) -> Proceeding:
    if kind == ProceedingKind.SUIT_AFTER_REVIEW and review_of is None:
        raise CaseError("复议后起诉应关联所依据的行政复议")
    if filed_on < app.received:
        raise CaseError("受理日期早于申请日期")
    proceeding = Proceeding.objects.create(
        application=app, kind=kind, filed_on=filed_on, body=body, review=review_of
    )
    CaseEvent.objects.create(
        application=app,
        kind=EventKind.PROCEEDING,
        actor=actor,
        on=filed_on,
        note=f"{proceeding.get_kind_display()}：{body}",
        due_after=app.due,
    )
    audit.log(actor, app.agency, proceeding, "created", audit.snapshot(proceeding))
    return proceeding


@transaction.atomic
def decide_proceeding(proceeding: Proceeding, actor: Any, result: str, on: dt.date) -> None:
    if result == ProceedingResult.PENDING:
        raise CaseError("请选择审结结果")
    if on < proceeding.filed_on:
        raise CaseError("审结日期早于受理日期")
    before = audit.snapshot(proceeding)
    proceeding.result, proceeding.decided_on = result, on
    proceeding.save()
    app = proceeding.application
    CaseEvent.objects.create(
        application=app,
        kind=EventKind.PROCEEDING,
        actor=actor,
        on=on,
        note=f"{proceeding.get_kind_display()}审结：{proceeding.get_result_display()}",
        due_after=app.due,
    )
    audit.log(
        actor, app.agency, proceeding, "decided", audit.diff(before, audit.snapshot(proceeding))
    )


def _timing_text(app: Application) -> str:
    def mark(day: dt.date | None, provisional: bool) -> str:
        return f"{day or '—'}{'（暂定）' if provisional and day else ''}"

    kind = app.get_next_deadline_kind_display() if app.next_deadline_kind else "下一期限"
    return (
        f"答复期限 {mark(app.due, app.due_provisional)}，"
        f"{kind} {mark(app.next_deadline, app.provisional)}"
    )


def retime_open(actor: Any = None, today: dt.date | None = None) -> int:
    """Re-time every open case (after the calendar changed); returns how many changed.

    Each change of a deadline or of its 暂定 mark is recorded as a RETIMED event."""
    today = today or dt.date.today()
    changed = 0
    for app in (
        Application.objects.exclude(status=Status.CLOSED)
        .prefetch_related("consultations", "fees")
        .iterator(chunk_size=500)
    ):
        old = _timing_text(app)
        old_fields = (app.due, app.due_provisional, app.next_deadline, app.provisional)
        if not retime(app, today):
            continue
        with transaction.atomic():
            app.save(update_fields=[*TIMED_FIELDS, "updated_at"])
            if old_fields == (app.due, app.due_provisional, app.next_deadline, app.provisional):
                continue  # only which clock comes next changed: not worth an event
            CaseEvent.objects.create(
                application=app,
                kind=EventKind.RETIMED,
                actor=actor,
                on=today,
                note=f"工作日历变更：{old} → {_timing_text(app)}",
                due_after=app.due,
            )
            audit.log(
                actor,
                app.agency,
                app,
                "retimed",
                {"due": [str(old_fields[0]), str(app.due)], "timing": [old, _timing_text(app)]},
            )
        changed += 1
    return changed


def provisional_count(agency_ids: list[int] | None = None) -> int:
    """Open cases whose next deadline or reply deadline is provisional (暂定).

    Two counts, each on its own index; ``__in=[True]`` rather than ``=True`` because Django
    writes the latter as a bare boolean on SQLite, which no index serves."""
    cases = Application.objects.filter(next_deadline__isnull=False)
    if agency_ids is not None:
        cases = cases.filter(agency_id__in=agency_ids)
    return (
        cases.filter(provisional__in=[True]).count()
        + cases.filter(due_provisional__in=[True], provisional__in=[False]).count()
    )
