"""The working-day calendar for the office, and re-timing cases with it.

The calendar is loaded once per process and reloaded when a year is added (the files' names
and modification times are its version), so ``gongkai calendar add`` followed by
``python -m gongkai_web retime`` re-times every open case. Cases are timed on the
provisional calendar (gongkai.workdays.provisional): past the last notice a deadline is
still given, marked 暂定 (``due_provisional``, ``provisional``), never left blank.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.utils import timezone

from gongkai.errors import DeadlineInputError, OutsideCalendar
from gongkai.workdays import Calendar, load_calendar
from gongkai.workdays.deadlines import (
    Channel,
    Deadline,
    Extension,
    ReplyFacts,
    Rules,
    reply_due,
)
from gongkai.workdays.deadlines import (
    Consultation as ConsultationFacts,
)
from gongkai.workdays.deadlines import (
    FeeNotice as FeeFacts,
)
from gongkai.workdays.provisional import ProvisionalCalendar
from gongkai.workdays.store import added_dir
from gongkai_web.applications.clocks import Clock, clocks_of, next_clock
from gongkai_web.applications.models import Application, Status

_lock = threading.Lock()
_cached: tuple[tuple[tuple[str, float], ...], Calendar, ProvisionalCalendar] | None = None


def _version() -> tuple[tuple[str, float], ...]:
    folder = added_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.toml")))


def _load() -> tuple[Calendar, ProvisionalCalendar]:
    global _cached
    version = _version()
    with _lock:
        if _cached is None or _cached[0] != version:
            base = load_calendar()
            _cached = (version, base, ProvisionalCalendar(base))
        return _cached[1], _cached[2]


def calendar() -> Calendar:
    """The current calendar (shipped years plus the administrator's): notices only."""
    return _load()[0]


def office_calendar() -> ProvisionalCalendar:
    """The calendar cases are timed on: the notices, continued provisionally past them."""
    return _load()[1]


def last_notice_year() -> int | None:
    span = calendar().span
    return span[1] if span else None


def rules() -> Rules:
    return Rules(fee_stops_clock=settings.FEE_STOPS_CLOCK)


def facts_for(app: Application) -> ReplyFacts:
    extension = None
    if app.extension_days:
        extension = Extension(
            app.extension_days, app.extension_approved_by, app.extension_approved_on
        )
    return ReplyFacts(
        received=app.arrived,
        channel=Channel(app.channel),
        confirmed=app.confirmed,
        corrected=app.corrected,
        extension=extension,
        consultations=tuple(
            ConsultationFacts(c.sent, c.answered, agency=c.agency) for c in app.consultations.all()
        )
        if app.pk
        else (),
        fees=tuple(FeeFacts(f.served, f.paid) for f in app.fees.all()) if app.pk else (),
    )


def explain(app: Application) -> Deadline | None:
    """The reply deadline with its steps, or None when it cannot be computed (timing_error)."""
    try:
        return reply_due(office_calendar(), facts_for(app), rules())
    except (OutsideCalendar, DeadlineInputError):
        return None


def clocks(app: Application) -> tuple[list[Clock], str]:
    """Every clock running on the case (earliest first), and the error when one cannot be
    counted (Chinese; the clocks found before it are still given)."""
    cal = office_calendar()
    reply = None
    try:
        if app.status not in (Status.AWAITING_CORRECTION, Status.CLOSED):
            reply = reply_due(cal, facts_for(app), rules())
        return clocks_of(app, cal, reply), ""
    except (OutsideCalendar, DeadlineInputError) as exc:
        return [], str(exc)[:300]


TIMED_FIELDS = ["due", "due_provisional", "timing_error", "next_deadline"]
TIMED_FIELDS += ["next_deadline_kind", "provisional"]


def retime(app: Application, today: dt.date | None = None) -> bool:
    """Recompute the reply deadline and the next deadline in place; True if any changed.

    While a correction is awaited the reply period has not started (第三十条): ``due`` is
    None and the next deadline is the applicant's 补正 period. A closed case keeps the reply
    deadline it had and has no next deadline. ``today`` (default: the local date) decides
    which expiring clocks still count.
    """
    before = [getattr(app, f) for f in TIMED_FIELDS]
    if app.status == Status.CLOSED:
        app.next_deadline, app.next_deadline_kind, app.provisional = None, "", False
        return before != [getattr(app, f) for f in TIMED_FIELDS]
    today = today or timezone.localdate()
    found, error = clocks(app)
    reply = next((c for c in found if c.kind == "reply"), None)
    app.due = reply.due if reply else None
    app.due_provisional = bool(reply and reply.provisional)
    app.timing_error = error
    chosen = next_clock(found, today)
    app.next_deadline = chosen.due if chosen else None
    app.next_deadline_kind = str(chosen.kind) if chosen else ""
    app.provisional = bool(chosen and chosen.provisional)
    return before != [getattr(app, f) for f in TIMED_FIELDS]
