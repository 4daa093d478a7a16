"""Items not yet published whose 第二十六条 deadline is near or past, per agency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def due_boards(agencies: Iterable[Agency], today: dt.date) -> list[DueBoard]:
    limit = soon_limit(today)
    boards = []
    for agency in agencies:
        waiting = Item.objects.filter(
            agency=agency, status__in=UNPUBLISHED, due__isnull=False
        ).order_by("due", "id")
        soon = waiting.filter(due__gte=today, due__lte=limit)
        overdue = waiting.filter(due__lt=today)
        board = DueBoard(agency, list(soon[:LISTED]), soon.count(), list(overdue[:LISTED]))
        board.overdue_count = overdue.count()
        if board.soon_count or board.overdue_count:
            boards.append(board)
    return boards
