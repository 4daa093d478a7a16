"""Login, logout and the dashboard of cases due soon and overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import PASSWORD, D, Personas, intake

pytestmark = pytest.mark.django_db


def test_staff_log_in_and_out(personas: Personas) -> None:
    client = Client()
    page = client.get(reverse("login")).content.decode()
    assert "工作人员登录" in page
    wrong = client.post(reverse("login"), {"username": "handler_a", "password": "nope"})
    assert "用户名或密码不正确" in wrong.content.decode()
    right = client.post(reverse("login"), {"username": "handler_a", "password": PASSWORD})
    assert right.status_code == 302 and right["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_the_dashboard_lists_overdue_and_soon_due_cases_of_the_users_agencies(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    a = personas.agency_a
    overdue = services.register(a, intake(arrived=D("2026-01-05")))  # due 2026-02-02
    soon = services.register(a, intake(arrived=D("2026-02-06")))  # due 2026-03-12
    later = services.register(a, intake(arrived=D("2026-03-09")))  # due in April
    closed = services.register(a, intake(arrived=D("2026-01-06")))
    services.withdraw(closed, personas.handler, D("2026-01-07"), "撤回")
    other = services.register(personas.agency_b, intake(arrived=D("2026-01-05")))
    assert overdue.due < frozen_today and soon.due == D("2026-03-12")

    response = as_user(personas.handler).get(reverse("home"))
    [board] = response.context["boards"]
    assert [x.reg_no for x in board.overdue] == [overdue.reg_no] and board.overdue_count == 1
    assert [x.reg_no for x in board.soon] == [soon.reg_no] and board.soon_count == 1
    assert ("已登记", 3) in board.by_status
    page = response.content.decode()
    assert "已逾期" in page and "即将到期" in page
    assert later.reg_no not in [x.reg_no for x in board.soon + board.overdue]
    assert other.reg_no not in page

    supervisor = as_user(personas.supervisor).get(reverse("home"))
    rows = {r.agency.name: r for r in supervisor.context["overview"]}
    assert set(rows) == {a.name, personas.agency_b.name}
    assert (rows[a.name].open, rows[a.name].overdue, rows[a.name].soon) == (3, 1, 1)
    assert (rows[personas.agency_b.name].open, rows[personas.agency_b.name].overdue) == (1, 1)
    assert "各机关办理情况" in supervisor.content.decode()


def test_someone_without_an_agency_is_told_so(as_user: Callable[[User], Client]) -> None:
    page = as_user(User.objects.create_user("newcomer")).get(reverse("home")).content.decode()
    assert "尚未被分配到任何机关" in page
    assert Application.objects.count() == 0
