"""What the home page shows: per agency, open cases by status, due soon and overdue on any
clock (the stored next deadline), the person's work queues, and the 暂定 banner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from gongkai.errors import OutsideCalendar
from gongkai_web.accounts.models import Agency
from gongkai_web.accounts.queues import overdue as overdue_cases
from gongkai_web.applications.models import OPEN_STATUSES, Application, Status
from gongkai_web.applications.timing import last_notice_year, office_calendar

SOON_WORKDAYS = 5
LISTED = 10  # cases listed per agency and kind; the count says how many there are


@dataclass
class AgencyBoard:
    agency: Agency
    by_status: list[tuple[str, int]] = field(default_factory=list)
    soon: list[Application] = field(default_factory=list)
    soon_count: int = 0
    overdue: list[Application] = field(default_factory=list)
    overdue_count: int = 0


def soon_limit(today: dt.date) -> dt.date:
    """The last day counted as "due soon": 5 working days after today (provisional past the
    last notice; calendar days beyond the provisional calendar, so the page never fails)."""
    try:
        return office_calendar().add_workdays(today, SOON_WORKDAYS)
    except (OutsideCalendar, ValueError):
        return today + dt.timedelta(days=7)


def boards(agencies: Iterable[Agency], today: dt.date) -> list[AgencyBoard]:
    agencies = list(agencies)
    ids = [a.id for a in agencies]
    open_cases = Application.objects.filter(agency_id__in=ids, status__in=OPEN_STATUSES)
    counts: dict[int, dict[str, int]] = {}
    for row in open_cases.values("agency_id", "status").annotate(n=Count("id")):
        counts.setdefault(row["agency_id"], {})[row["status"]] = row["n"]
    limit = soon_limit(today)
    totals = {row.agency.id: row for row in overview(agencies, today)}  # one grouped count
    labels = dict(Status.choices)
    result = []
    for agency in agencies:  # the first few of each: a short range of app_agency_next
        mine = Application.objects.filter(agency=agency).order_by("next_deadline", "id")
        soon = mine.filter(next_deadline__gte=today, next_deadline__lte=limit)
        overdue = overdue_cases(mine, today)
        result.append(
            AgencyBoard(
                agency=agency,
                by_status=[(labels[s], counts.get(agency.id, {}).get(s, 0)) for s in OPEN_STATUSES],
                soon=list(soon[:LISTED]),
                soon_count=totals[agency.id].soon,
                overdue=list(overdue[:LISTED]),
                overdue_count=totals[agency.id].overdue,
            )
        )
    return result


@dataclass(frozen=True)
class Banner:
    """Shown to administrators until next year's notice is added."""

    missing_year: int
    provisional_cases: int


def provisional_banner(agency_ids: list[int], today: dt.date) -> Banner | None:
    """A banner when open cases carry 暂定 deadlines, or when next year's notice is due
    (from November) and not yet added; None otherwise."""
    from gongkai_web.applications.services import provisional_count

    last = last_notice_year() or 0
    count = provisional_count(agency_ids)
    wanted = today.year + 1 if today.month >= 11 else today.year
    if count == 0 and last >= wanted:
        return None
    return Banner(max(last + 1, today.year), count)


@dataclass(frozen=True)
class AgencyRow:
    """One agency in the supervisor's overview."""

    agency: Agency
    open: int
    overdue: int
    soon: int
    provisional: int


def overview(agencies: Iterable[Agency], today: dt.date) -> list[AgencyRow]:
    """Per agency: open cases, overdue and due soon on any clock, 暂定 deadlines — one
    grouped pass over the open cases (the next-deadline index), for any number of agencies."""
    from django.db.models import Q

    from gongkai_web.applications.clocks import EXPIRING

    agencies = list(agencies)
    limit = soon_limit(today)
    late = Q(next_deadline__lt=today) & ~Q(next_deadline_kind__in=list(EXPIRING))
    rows = {
        r["agency_id"]: r
        for r in Application.objects.filter(
            agency_id__in=[a.id for a in agencies], next_deadline__isnull=False
        )
        .values("agency_id")
        # Count the next deadline (never NULL here), not the id: every column read is then
        # in app_agency_next, an index-only scan (PostgreSQL read the heap for the ids).
        .annotate(
            n=Count("next_deadline"),
            late=Count("next_deadline", filter=late),
            soon=Count(
                "next_deadline", filter=Q(next_deadline__gte=today, next_deadline__lte=limit)
            ),
            prov=Count("next_deadline", filter=Q(provisional=True)),
        )
        .order_by()
    }
    empty = {"n": 0, "late": 0, "soon": 0, "prov": 0}
    return [
        AgencyRow(a, r["n"], r["late"], r["soon"], r["prov"])
        for a in agencies
        for r in [rows.get(a.id, empty)]
    ]
