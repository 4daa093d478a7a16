"""Items not yet published whose 第二十六条 deadline is near or past, per agency.

A fixed number of queries for any number of agencies: one grouped count, then (only when
something is due) the first ``LISTED`` items of each agency by a window function."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from gongkai_web.accounts.dashboard import LISTED, soon_limit
from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue.models import Item, ItemStatus

UNPUBLISHED = [ItemStatus.DRAFT, ItemStatus.CONFIDENTIALITY, ItemStatus.SIGNOFF]


@dataclass
class DueBoard:
    agency: Agency
    soon: list[Item] = field(default_factory=list)
    soon_count: int = 0
    overdue: list[Item] = field(default_factory=list)
    overdue_count: int = 0


def _first_of_each(items: QuerySet[Item]) -> dict[int, list[Item]]:
    """The first LISTED of ``items`` per agency, by deadline."""
    rank = Window(RowNumber(), partition_by=F("agency_id"), order_by=[F("due"), F("id")])
    found: dict[int, list[Item]] = defaultdict(list)
    for item in items.annotate(rank=rank).filter(rank__lte=LISTED).order_by("due", "id"):
        found[item.agency_id].append(item)
    return found


def due_boards(agencies: Iterable[Agency], today: dt.date) -> list[DueBoard]:
    agencies = list(agencies)
    limit = soon_limit(today)
    waiting = Item.objects.filter(
        agency_id__in=[a.id for a in agencies], status__in=UNPUBLISHED, due__isnull=False
    )
    soon, late = Q(due__gte=today, due__lte=limit), Q(due__lt=today)
    counts = {
        row["agency_id"]: row
        for row in waiting.values("agency_id")
        .annotate(soon=Count("due", filter=soon), late=Count("due", filter=late))
        .order_by()
        if row["soon"] or row["late"]
    }
    if not counts:
        return []
    due = waiting.filter(agency_id__in=list(counts))
    soon_items, late_items = _first_of_each(due.filter(soon)), _first_of_each(due.filter(late))
    return [
        DueBoard(
            agency,
            soon_items.get(agency.id, []),
            counts[agency.id]["soon"],
            late_items.get(agency.id, []),
            counts[agency.id]["late"],
        )
        for agency in agencies
        if agency.id in counts
    ]
