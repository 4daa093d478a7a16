"""What the applicant may see of a case: the public events and the deadlines that concern
them. A hook for the applicant's side (status page timeline, notifications): the staff's
own steps (assigning, drafting, reviewing, attachments) and notes stay inside the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai_web.applications.models import Application, CaseEvent, ClockKind, EventKind

# Events an applicant is told of (第三十、三十三条 and the fee rules oblige most of them).
PUBLIC_EVENTS = frozenset(
    {
        EventKind.REGISTERED,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.CORRECTION_LAPSED,
        EventKind.EXTENSION_APPROVED,
        EventKind.FEE_ISSUED,
        EventKind.FEE_PAID,
        EventKind.FEE_LAPSED,
        EventKind.REPLIED,
        EventKind.WITHDRAWN,
        EventKind.RETIMED,
    }
)
# The deadlines the applicant acts on or waits for.
PUBLIC_CLOCKS = frozenset({ClockKind.REPLY, ClockKind.CORRECTION, ClockKind.FEE})


def public_events(app: Application) -> QuerySet[CaseEvent]:
    """The case's public events, oldest first (their ``note`` is written for staff: show the
    event's kind and date, and the texts the letters give)."""
    return app.events.filter(kind__in=list(PUBLIC_EVENTS)).order_by("on", "at", "id")


@dataclass(frozen=True)
class PublicDeadline:
    label: str
    due: dt.date
    provisional: bool


def public_deadline(app: Application) -> PublicDeadline | None:
    """The deadline to show the applicant: their own (补正, 缴费) or the reply's; marked 暂定
    when no State Council notice covers it yet. None for a closed case."""
    if not app.is_open:
        return None
    if app.next_deadline and app.next_deadline_kind in PUBLIC_CLOCKS:
        kind = ClockKind(app.next_deadline_kind)
        return PublicDeadline(kind.label, app.next_deadline, app.provisional)
    if app.due:
        return PublicDeadline(ClockKind.REPLY.label, app.due, app.due_provisional)
    return None
