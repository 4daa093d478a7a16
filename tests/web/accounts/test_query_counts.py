"""The case list, the queues and the dashboard read a fixed number of queries: more cases,
more agencies or more assigned rows never add one (no N+1, no query per agency). Counting
queries can fail where a timing test could not; bench/office.py measures the speed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai_web.accounts.models import Agency
from gongkai_web.applications import services, views
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "",
    "?open=on",
    "?sort=next_deadline",
    "?sort=received",
    "?status=registered",
    "?assignee=me&open=on",
    "?assignee=none&open=on",
    "?overdue=on",
    "?q=13912345678",
]


def _queries(client: Client, url: str) -> int:
    cache.clear()  # the charts are cached: count the queries that build them too
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_cases(personas: Personas, count: int) -> None:
    """``count`` more cases in agency A, half of them held by the handler; some overdue."""
    for k in range(count):
        arrived = D("2026-01-05") + dt.timedelta(days=k % 60)
        app = services.register(personas.agency_a, intake(arrived=arrived), personas.registrar)
        if k % 2:
            services.take(app, personas.handler, D("2026-03-09"))


def _more_agencies(count: int) -> None:
    for k in range(count):
        agency = Agency.objects.create(name=f"某市第{k}局", short_code=f"X{k:02d}")
        services.register(agency, intake(arrived=D("2026-02-02")))


def _counts(personas: Personas, client: Callable[[User], Client]) -> dict[str, int]:
    pages = [("handler", personas.handler, reverse("applications:list") + q) for q in LIST_PAGES]
    pages.append(("supervisor", personas.supervisor, reverse("applications:list")))
    home = reverse("home")
    for user in (*personas.staff_a, personas.supervisor):
        pages.append((user.username, user, home))
    return {f"{who} {url}": _queries(client(user), url) for who, user, url in pages}


def test_pages_use_as_many_queries_for_many_cases_and_agencies_as_for_few(
    personas: Personas,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pages of 4: every filtered list is longer than a page (so its total is counted) and
    # every queue and board longer than it shows, with a few dozen cases.
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    _more_cases(personas, 30)
    few = _counts(personas, as_user)
    _more_cases(personas, 30)
    _more_agencies(6)
    many = _counts(personas, as_user)
    assert many == few
    assert max(few.values()) <= 40, few  # and few in themselves (the admin: five queues)
