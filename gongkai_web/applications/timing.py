"""The working-day calendar for the office, and re-timing cases with it.

The calendar is loaded once per process and reloaded when a year is added (the files' names
and modification times are its version), so ``gongkai calendar add`` followed by
``manage.py retime`` re-times every open case.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings

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
from gongkai.workdays.store import added_dir
from gongkai_web.applications.models import Application, Status

_lock = threading.Lock()
_cached: tuple[tuple[tuple[str, float], ...], Calendar] | None = None


def _version() -> tuple[tuple[str, float], ...]:
    folder = added_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.toml")))


def calendar() -> Calendar:
    """The current calendar (shipped years plus the administrator's)."""
    global _cached
    version = _version()
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, load_calendar())
        return _cached[1]


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
    """The deadline with its steps, or None when it cannot be computed (see timing_error)."""
    try:
        return reply_due(calendar(), facts_for(app), rules())
    except (OutsideCalendar, DeadlineInputError):
        return None


def retime(app: Application) -> bool:
    """Recompute ``due`` (and ``timing_error``) in place; True if either changed.

    While a correction is awaited the reply period has not started (第三十条): no due date.
    A closed case keeps the due date it had.
    """
    if app.status == Status.CLOSED:
        return False
    due: dt.date | None = None
    error = ""
    if app.status != Status.AWAITING_CORRECTION:
        try:
            due = reply_due(calendar(), facts_for(app), rules()).due
        except (OutsideCalendar, DeadlineInputError) as exc:
            error = str(exc)[:300]
    changed = (due, error) != (app.due, app.timing_error)
    app.due, app.timing_error = due, error
    return changed
