"""Work queues by role, per agency: what each person has to do next.

- handler: 我承办的 (open cases assigned to me) and 待领取 (open cases nobody holds: a
  handler may take one);
- reviewer: 待审核 (drafts awaiting review);
- registrar: 待分办 (registered, nobody assigned yet);
- admin: 本机关已逾期 (every overdue case of the agency, on any clock);
- registrar, admin: 需要人工核对期限, shown when not empty (open cases with no next deadline: it could not be
  computed — a date outside the calendar, inconsistent facts — so no other queue, all keyed on
  the next deadline, would show them); a handler sees the same queue for their own cases.

Each queue is ordered by the next deadline and reads only indexed columns (agency, assignee,
status, next_deadline), so it stays fast with a million cases; ``count`` says how many.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from gongkai_web.accounts.models import Agency, Role
from gongkai_web.applications.clocks import EXPIRING
from gongkai_web.applications.models import Application, Status

LISTED = 10


@dataclass
class Queue:
    key: str
    title: str
    agency: Agency
    cases: list[Application]
    count: int
    empty: str
    list_query: str  # the case list's filter showing the whole queue


def overdue(cases: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """Overdue on a clock that binds: expiring clocks (补正告知, 征求意见, 延期审批) that passed
    are not the office's delay and give way at the next daily round."""
    return cases.filter(next_deadline__lt=today).exclude(next_deadline_kind__in=list(EXPIRING))


def unassigned(agency: Agency) -> QuerySet[Application]:
    """Open cases nobody holds (registered ones included: a handler may take those too).
    Open cases are those with a next deadline (closed ones have none): an index range."""
    return Application.objects.filter(
        agency=agency, assignee__isnull=True, next_deadline__isnull=False
    )


def unclocked(cases: QuerySet[Application]) -> QuerySet[Application]:
    """Open cases without a next deadline: every deadline-keyed queue misses them."""
    # "not closed" rather than "in OPEN_STATUSES" (the same cases): the very condition of the
    # partial index app_agency_unclocked, which both databases then use. Without it PostgreSQL
    # walked a million cases' app_agency_next entries with no deadline (the closed ones).
    return cases.filter(next_deadline__isnull=True).exclude(status=Status.CLOSED)


def _queue(
    key: str, title: str, agency: Agency, cases: QuerySet[Application], empty: str, query: str
) -> Queue:
    ordered = cases.select_related("assignee").order_by("next_deadline", "id")
    return Queue(key, title, agency, list(ordered[:LISTED]), cases.count(), empty, query)


def _unclocked_for(
    user: Any, base: QuerySet[Application], roles: set[str], a: str
) -> tuple[QuerySet[Application], str, str] | None:
    """需要人工核对期限 for ``roles``: the agency's for a registrar or admin, a handler's own
    (我承办的 is keyed on the deadline, so it misses them), else none."""
    if roles & {Role.REGISTRAR, Role.ADMIN}:
        return unclocked(base), "", f"{a}&unclocked=on"
    if Role.HANDLER in roles:
        return unclocked(base).filter(assignee=user), "", f"{a}&assignee=me&unclocked=on"
    return None


def queues_for(user: Any, agency: Agency, roles: set[str], today: dt.date) -> list[Queue]:
    """The queues ``user`` works from in ``agency`` given their ``roles`` there."""
    base = Application.objects.filter(agency=agency)
    a = f"agency={agency.pk}"
    found: list[Queue] = []
    if roles & {Role.HANDLER, Role.ADMIN}:
        mine = base.filter(assignee=user, next_deadline__isnull=False)
        found.append(
            _queue(
                "mine",
                "我承办的",
                agency,
                mine,
                "您目前没有承办中的申请。",
                f"{a}&assignee=me&open=on",
            )
        )
        found.append(
            _queue(
                "unassigned",
                "待领取",
                agency,
                unassigned(agency),
                "没有无人承办的申请。",
                f"{a}&assignee=none&open=on",
            )
        )
    if roles & {Role.REVIEWER, Role.ADMIN}:
        found.append(
            _queue(
                "review",
                "待审核",
                agency,
                base.filter(status=Status.IN_REVIEW),
                "没有待审核的答复。",
                f"{a}&status=in_review",
            )
        )
    if roles & {Role.REGISTRAR, Role.ADMIN}:
        found.append(
            _queue(
                "assign",
                "待分办",
                agency,
                base.filter(status=Status.REGISTERED),
                "没有待分办的申请。",
                f"{a}&status=registered",
            )
        )
    unclocked_cases = _unclocked_for(user, base, roles, a)
    if unclocked_cases is not None:
        check = _queue("check", "需要人工核对期限", agency, *unclocked_cases)
        if check.count:  # rare; an empty card every day would be noise
            found.append(check)
    if Role.ADMIN in roles:
        found.append(
            _queue(
                "overdue",
                "本机关已逾期",
                agency,
                overdue(base, today),
                "本机关没有逾期的申请。",
                f"{a}&overdue=on",
            )
        )
    return found
