"""The dashboard's charts: their numbers, the tables beside them, no inline script."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai_web.accounts import charts
from gongkai_web.applications import services
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


def _reply(app, who, on: str) -> None:  # type: ignore[no-untyped-def]
    services.draft_reply(app, who, D(on), "disclosed", "", "同意公开")
    services.review(app, who, D(on), True)
    services.reply(app, who, D(on))


@pytest.fixture
def office(personas: Personas, frozen_today: dt.date) -> Personas:
    a, b, admin = personas.agency_a, personas.agency_b, personas.admin
    on_time = services.register(a, intake(arrived=D("2026-01-05")))  # due 2026-02-02
    _reply(on_time, admin, "2026-01-20")
    late = services.register(a, intake(arrived=D("2026-01-06")))
    _reply(late, admin, "2026-02-20")
    services.withdraw(
        services.register(a, intake(arrived=D("2026-02-03"))), admin, D("2026-02-04"), "撤回"
    )
    services.register(a, intake(arrived=D("2026-03-09")))  # open, 1 day old
    services.register(a, intake(arrived=D("2026-01-12")))  # open, 57 days old
    services.register(b, intake(arrived=D("2026-02-10")))  # open, agency B
    return personas


def test_the_numbers_per_agency_side_by_side(office: Personas, frozen_today: dt.date) -> None:
    a, b = office.agency_a, office.agency_b
    built = {c.key: c for c in charts.build([a, b], frozen_today)}
    per_month = built["per_month"]
    assert per_month.categories[-3:] == ["2026年1月", "2026年2月", "2026年3月"]
    series = {s["name"]: s["data"] for s in per_month.series}
    assert series[a.name][-3:] == [3, 1, 1] and series[b.name][-3:] == [0, 1, 0]
    outcomes = built["outcomes"]
    assert outcomes.categories == [a.name]  # B closed nothing
    by_group = {s["name"]: s["data"][0] for s in outcomes.series}
    assert by_group["予以公开"] == 2 and by_group["其他处理"] == 1
    rate = {s["name"]: s["data"] for s in built["on_time"].series}
    assert rate[a.name][-3:] == [100.0, 50.0, None]  # Feb: one of two in time; March: none
    ages = built["open_age"]
    assert ages.categories == [a.name, b.name]
    by_age = {s["name"]: s["data"] for s in ages.series}
    assert by_age["7天以内"] == [1, 0] and by_age["31—60天"] == [1, 0]
    assert by_age["15—30天"] == [0, 1]  # B: received 10 February


def test_charts_are_cached_and_rebuilt_the_next_day(
    office: Personas, frozen_today: dt.date
) -> None:
    first = charts.build([office.agency_a], frozen_today)
    services.register(office.agency_a, intake(arrived=D("2026-03-10")))
    assert charts.build([office.agency_a], frozen_today) == first
    cache.clear()
    assert charts.build([office.agency_a], frozen_today) != first


def test_the_dashboard_draws_them_from_data_with_tables_and_no_inline_script(
    office: Personas, as_user: Callable[[User], Client]
) -> None:
    page = as_user(office.handler).get(reverse("home")).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts, "the charts need their scripts"
    for attrs, body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        assert "src=" not in attrs or not body.strip()
    assert any("vendor/echarts/echarts.min.js" in a for a, _ in scripts)
    [data] = [body for a, body in scripts if 'id="chart-data"' in a]
    assert {c["key"] for c in json.loads(data)} == {"per_month", "outcomes", "on_time", "open_age"}
    assert page.count("<summary>数据表</summary>") == 4
    supervisor = as_user(office.supervisor).get(reverse("home")).content.decode()
    assert "全部机关" in supervisor and office.agency_b.name in supervisor
