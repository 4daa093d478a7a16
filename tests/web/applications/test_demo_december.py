"""Done when: on the demo started on any date in December, every open case shows a next
deadline (暂定 where it must be) and appears in the right queue."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications.models import Application, Status
from gongkai_web.applications.timing import office_calendar

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["2026-12-01", "2026-12-24"])
def test_every_open_case_has_a_deadline_and_a_queue(day: str) -> None:
    moment = dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        call_command("seed_demo", "--cases", "100", "--today", day, stdout=io.StringIO())
        cases = list(Application.objects.exclude(status=Status.CLOSED))
        assert cases
        cal = office_calendar()
        for app in cases:
            assert app.next_deadline is not None, app.reg_no
            # the applicant's 补正 period is a date the office gave, never 暂定
            computed = app.next_deadline_kind != "correction"
            assert app.provisional == (computed and cal.is_provisional(app.next_deadline)), (
                app.reg_no,
                app.next_deadline_kind,
            )
        seen: set[str] = set()
        for agency in Agency.objects.all():
            for membership in Membership.objects.filter(agency=agency).exclude(
                role=Role.SUPERVISOR
            ):
                seen |= _queued(membership.user)
        assert {a.reg_no for a in cases} <= seen
        for app in cases:  # the reply deadline too: 暂定 exactly when past the notices
            if app.due is not None:
                assert app.due_provisional == cal.is_provisional(app.due), app.reg_no


def _queued(user: User) -> set[str]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    found: set[str] = set()
    for queue in response.context["queues"]:
        page = client.get(
            reverse("applications:list")
            + "?"
            + queue.list_query.replace("assignee=me", f"assignee={user.pk}")
        )
        found |= {a.reg_no for a in page.context["cases"]}
    return found
