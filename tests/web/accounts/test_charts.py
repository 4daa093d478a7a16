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


def test_grouped_counts_match_the_cases_one_by_one(
    personas: Personas, frozen_today: dt.date
) -> None:
    """Ages on each bucket's edge, outcomes with sub-codes, one closed late: the charts'
    filtered counts agree with the rules applied case by case."""
    from gongkai_web.applications.models import OUTCOMES, Application

    a = personas.agency_a
    for days in (0, 7, 8, 14, 15, 30, 31, 60, 61, 200):
        services.register(a, intake(arrived=frozen_today - dt.timedelta(days=days)))
    codes = [code for code, _ in OUTCOMES][:: max(1, len(OUTCOMES) // 9)]
    for k, code in enumerate(codes):
        app = services.register(a, intake(arrived=D("2026-01-05") + dt.timedelta(days=k)))
        closed = app.received + dt.timedelta(days=40 if k % 3 == 0 else 5)
        Application.objects.filter(pk=app.pk).update(
            status="closed", outcome=code, closed_on=closed, replied_on=closed,
            next_deadline=None, next_deadline_kind="",
        )  # fmt: skip
    built = {c.key: c for c in charts.build([a], frozen_today)}
    cases = list(Application.objects.filter(agency=a))
    ages: dict[str, int] = {}
    for app in cases:
        if app.next_deadline is not None:
            days = (frozen_today - app.received).days
            label = next(lbl for lim, lbl in charts.AGE_BUCKETS if lim is None or days <= lim)
            ages[label] = ages.get(label, 0) + 1
    assert {s["name"]: s["data"][0] for s in built["open_age"].series if s["data"][0]} == ages
    groups: dict[str, int] = {}
    for app in cases:
        if app.closed_on is not None:
            group = charts.OUTCOME_GROUPS.get(app.outcome.split(".")[0], "其他处理")
            groups[group] = groups.get(group, 0) + 1
    outcomes = {s["name"]: s["data"][0] for s in built["outcomes"].series if s["data"][0]}
    assert outcomes == groups and len(groups) >= 4
    done: dict[str, list[int]] = {}  # month label: [closed, of them late]
    for app in cases:
        if app.closed_on is not None:
            month = done.setdefault(f"{app.closed_on.year}年{app.closed_on.month}月", [0, 0])
            month[0] += 1
            month[1] += bool(app.due and app.closed_on > app.due)
    rate = dict(zip(built["on_time"].categories, built["on_time"].series[0]["data"], strict=True))
    assert {m: v for m, v in rate.items() if v is not None} == {
        m: round(100 * (n - late) / n, 1) for m, (n, late) in done.items()
    }
    assert sum(late for _, late in done.values()) > 0
