"""The demo catalogue: two years of items through the services, so table 2 is real."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import demo
from gongkai_web.catalogue import demo as catalogue_demo
from gongkai_web.catalogue.board import due_boards
from gongkai_web.catalogue.models import Item, ItemEvent, Letter
from gongkai_web.catalogue.table2 import table2_cells

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def test_the_demo_catalogue_makes_table2_real() -> None:
    office = demo.make_office()
    counts = catalogue_demo.seed(office.agencies, 2025, TODAY)
    assert 2000 < counts["items"] < 5000 and counts["repealed"] > 0
    assert ItemEvent.objects.count() >= counts["items"]  # every item has its history
    cells = table2_cells(None, 2025)
    assert cells["t2.normative.made"] > 0 and cells["t2.rules.made"] == 1
    assert cells["t2.license.decisions"] > 0 and cells["t2.fee.amount"] > 0
    assert cells["t2.normative.in_force"] == (
        table2_cells(None, 2024)["t2.normative.in_force"]
        + cells["t2.normative.made"]
        - cells["t2.normative.repealed"]
    )
    assert Item.objects.filter(interprets__isnull=False).exists()
    assert Letter.objects.filter(published=True).exists()
    boards = due_boards(office.agencies.values(), TODAY)
    assert any(b.overdue_count for b in boards) and any(b.soon_count for b in boards)
    titles = list(
        Item.objects.filter(agency=office.agencies["ZRJ"]).values_list("title", flat=True)
    )
    assert len(set(titles)) > 0.95 * len(titles)  # few repeated titles, as on a real site
