"""The publication deadlines board: per agency, the items due soon and overdue, with their
counts, from a fixed number of queries however many agencies are shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai_web.accounts.dashboard import LISTED, soon_limit
from gongkai_web.catalogue import services
from gongkai_web.catalogue.board import UNPUBLISHED, due_boards
from gongkai_web.catalogue.models import Item
from tests.web.catalogue.conftest import draft_data
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def _draft(agency: object, due: dt.date, actor: object) -> Item:
    item = services.create_item(agency, draft_data(agency), actor)  # type: ignore[arg-type]
    Item.objects.filter(pk=item.pk).update(due=due)
    return item


def _expected(agency: object) -> tuple[list[int], int, list[int], int]:
    """The board worked out item by item, as plainly as possible."""
    limit = soon_limit(TODAY)
    waiting = sorted(
        (i.due, i.pk)
        for i in Item.objects.filter(agency=agency)
        if i.status in UNPUBLISHED and i.due is not None
    )
    soon = [pk for due, pk in waiting if TODAY <= due <= limit]
    late = [pk for due, pk in waiting if due < TODAY]
    return soon[:LISTED], len(soon), late[:LISTED], len(late)


def test_each_agency_shows_its_first_items_and_counts_from_three_queries(
    cat: Personas,
) -> None:
    a, b = cat.agency_a, cat.agency_b
    for k in range(LISTED + 3):  # more overdue than shown, in no particular order
        _draft(a, TODAY - dt.timedelta(days=(k * 7) % 30 + 1), cat.handler)
    for k in range(2):
        _draft(a, TODAY + dt.timedelta(days=k), cat.handler)
    _draft(a, TODAY + dt.timedelta(days=60), cat.handler)  # neither soon nor overdue
    _draft(b, TODAY - dt.timedelta(days=3), cat.outsider)
    with CaptureQueriesContext(connection) as ctx:
        boards = due_boards([a, b], TODAY)
    assert len(ctx.captured_queries) == 3
    assert [board.agency for board in boards] == [a, b]
    for board in boards:
        got = (
            [i.pk for i in board.soon],
            board.soon_count,
            [i.pk for i in board.overdue],
            board.overdue_count,
        )
        assert got == _expected(board.agency)
    assert boards[0].overdue_count == LISTED + 3 and len(boards[0].overdue) == LISTED


def test_nothing_due_is_one_query_and_no_board(cat: Personas) -> None:
    _draft(cat.agency_a, TODAY + dt.timedelta(days=60), cat.handler)
    with CaptureQueriesContext(connection) as ctx:
        assert due_boards([cat.agency_a, cat.agency_b], TODAY) == []
    assert len(ctx.captured_queries) == 1
