"""Every statutory clock of a case, and the next deadline among them.

A case runs on several clocks at once (条例 第三十、三十二至三十四条; 信息处理费管理办法):

- ``reply``: the reply period (20 working days, extended, stopped while consulting or
  awaiting a fee); binding — past it the case is overdue.
- ``correction_notice``: the office must ask for 补正 within 7 working days of receipt; it
  expires (the office may no longer ask) rather than falling overdue.
- ``correction``: the period the office gave the applicant to correct; its lapse closes the
  case in table 3's 其他处理 row (:func:`gongkai_web.applications.lapses.apply_lapses`).
- ``consultation``: each consulted party's 15 working days; expires (the office decides alone).
- ``fee``: 20 working days to pay; its lapse closes the case (逾期未缴费).
- ``extension``: an extension must be approved before the reply period runs out; expires.

The next deadline is the earliest clock that still binds today; it is stored on the case
(``next_deadline``, ``next_deadline_kind``, ``provisional``) so lists and queues need no
computation. Dates past the last State Council notice come from the provisional calendar
and are marked 暂定 with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.workdays.calendar import Calendar
from gongkai.workdays.deadlines import (
    Deadline,
    consultation_deadline,
    correction_notice_due,
    fee_payment_due,
)
from gongkai_web.applications.models import Application, ClockKind, EventKind, Status

# Clocks that stop mattering once passed (nobody is overdue on them).
EXPIRING = {ClockKind.CORRECTION_NOTICE, ClockKind.CONSULTATION, ClockKind.EXTENSION}
# The applicant's clocks: past them the case is closed by the lapse, not overdue for the office.
LAPSING = {ClockKind.CORRECTION, ClockKind.FEE}
EARLY = {Status.REGISTERED, Status.HANDLING}
REPLY_RUNS = {
    Status.REGISTERED,
    Status.HANDLING,
    Status.CONSULTING,
    Status.AWAITING_FEE,
    Status.IN_REVIEW,
    Status.APPROVED,
}


@dataclass(frozen=True)
class Clock:
    kind: ClockKind
    due: dt.date
    provisional: bool = False
    reason: str = ""  # why the date is provisional
    note: str = ""  # which consultation, which fee notice

    @property
    def label(self) -> str:
        return ClockKind(self.kind).label

    def binds(self, today: dt.date) -> bool:
        """True while this clock can still be the next deadline (expiring clocks drop out)."""
        return not (self.kind in EXPIRING and self.due < today)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "label": self.label,
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "reason": self.reason,
            "note": self.note,
        }


def _clock(kind: ClockKind, d: Deadline, note: str = "") -> Clock:
    return Clock(kind, d.due, d.provisional, d.reason, note)


def clocks_of(app: Application, cal: Calendar, reply: Deadline | None) -> list[Clock]:
    """The clocks running on ``app`` (open cases; none for a closed one), earliest first.

    ``reply`` is the reply deadline already computed (None while it has not started).
    Raises OutsideCalendar / DeadlineInputError as the deadline functions do.
    """
    if app.status == Status.CLOSED:
        return []
    found: list[Clock] = []
    if app.status in EARLY and app.corrected is None and not _correction_asked(app):
        found.append(_clock(ClockKind.CORRECTION_NOTICE, correction_notice_due(cal, app.received)))
    if app.status == Status.AWAITING_CORRECTION and app.correction_due is not None:
        found.append(Clock(ClockKind.CORRECTION, app.correction_due, note="申请人应在此日前补正"))
    if app.pk and app.status == Status.CONSULTING:
        for c in app.consultations.all():
            if c.answered is None:
                d = consultation_deadline(cal, c.sent, agency=c.agency)
                found.append(_clock(ClockKind.CONSULTATION, d, c.party))
    if app.pk and app.status == Status.AWAITING_FEE:
        for f in app.fees.all():
            if f.paid is None:
                found.append(
                    _clock(ClockKind.FEE, fee_payment_due(cal, f.served), f"{f.amount} 元")
                )
    if reply is not None and app.status in REPLY_RUNS:
        if not app.extension_days:
            found.append(_clock(ClockKind.EXTENSION, reply, "如需延期，应在答复期限届满前批准"))
        found.append(_clock(ClockKind.REPLY, reply))
    order = list(ClockKind)
    return sorted(found, key=lambda c: (c.due, c.kind in EXPIRING, order.index(c.kind)))


def _correction_asked(app: Application) -> bool:
    return bool(app.pk) and app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()


def next_clock(clocks: list[Clock], today: dt.date) -> Clock | None:
    """The earliest clock still binding on ``today`` (a reply clock wins a tie)."""
    binding = [c for c in clocks if c.binds(today)]
    return binding[0] if binding else None
