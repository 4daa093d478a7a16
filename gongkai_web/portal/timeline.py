"""What the applicant sees of a case's history: the public events, in Chinese, as data.

Only these kinds are shown, and only the notes written for the applicant (what a 补正 must
supply); internal notes — consultations, reviews, drafts — stay inside the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai_web.applications.models import Application, CaseEvent, EventKind

# kind → (title shown to the applicant, whether the event's note is meant for the applicant)
PUBLIC_EVENTS: dict[str, tuple[str, bool]] = {
    EventKind.REGISTERED: ("收到申请", False),
    EventKind.CORRECTION_REQUESTED: ("告知补正", True),
    EventKind.CORRECTION_RECEIVED: ("收到补正", False),
    EventKind.CORRECTION_LAPSED: ("逾期未补正，不再处理", False),
    EventKind.EXTENSION_APPROVED: ("延长答复期限", False),
    EventKind.FEE_ISSUED: ("发出收费通知", False),
    EventKind.REPLIED: ("已答复", False),
    EventKind.WITHDRAWN: ("申请人撤回申请", False),
}


@dataclass(frozen=True)
class Entry:
    on: dt.date
    title: str
    detail: str


def public_entry(event: CaseEvent) -> Entry | None:
    """The applicant's view of one event; None for an internal one."""
    shown = PUBLIC_EVENTS.get(event.kind)
    if shown is None:
        return None
    title, note_is_public = shown
    detail = f"需要补正的事项：{event.note}" if note_is_public and event.note else ""
    if event.kind == EventKind.CORRECTION_REQUESTED and event.application.correction_due:
        detail += f"（补正期限：{event.application.correction_due:%Y-%m-%d}）"
    restarted = event.kind in (EventKind.EXTENSION_APPROVED, EventKind.CORRECTION_RECEIVED)
    if restarted and event.due_after:
        detail = f"答复期限：{event.due_after:%Y-%m-%d}"
    return Entry(event.on, title, detail)


def timeline(app: Application) -> list[Entry]:
    """The public events of ``app``, oldest first."""
    events = app.events.filter(kind__in=list(PUBLIC_EVENTS)).select_related("application")
    return [e for e in (public_entry(ev) for ev in events) if e is not None]
