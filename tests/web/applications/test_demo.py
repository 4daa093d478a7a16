"""The demo office (seed_demo) and the retime command."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications import demo
from gongkai_web.applications.demo_data import DEMO_PASSWORD, demo_users
from gongkai_web.applications.models import (
    Application,
    CaseEvent,
    EventKind,
    FeeNotice,
    Proceeding,
    Status,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def seeded() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--cases", "300", "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


def test_seed_demo_prints_logins_that_work(seeded: str) -> None:
    assert f"密码均为 {DEMO_PASSWORD}" in seeded
    for person in demo_users():
        assert person.username in seeded
        assert (
            authenticate(
                RequestFactory().post("/login/"), username=person.username, password=DEMO_PASSWORD
            )
            is not None
        )
    assert Membership.objects.filter(role=Role.SUPERVISOR, agency__isnull=True).count() == 1
    # the office's own agencies (the library's demo region adds agencies without staff)
    staffed = Agency.objects.filter(memberships__isnull=False).distinct()
    assert staffed.filter(kind="government").count() == 1
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_the_demo_year_has_every_kind_of_step_and_open_cases(seeded: str) -> None:
    kinds = set(CaseEvent.objects.values_list("kind", flat=True))
    # the services close a case by its last step (replied, withdrawn, lapsed), never "closed"
    wanted = set(EventKind.values) - {EventKind.RETIMED, EventKind.ATTACHMENT, EventKind.CLOSED}
    assert wanted <= kinds, wanted - kinds
    assert FeeNotice.objects.filter(paid__isnull=False).exists()
    results = set(Proceeding.objects.values_list("kind", "result"))
    assert {("review", "pending"), ("review", "upheld"), ("suit_direct", "upheld")} <= results
    opened = Application.objects.exclude(status=Status.CLOSED)
    assert opened.filter(due__lt=TODAY).exists(), "some open cases are overdue"
    assert opened.filter(due__gte=TODAY, due__lte=TODAY + dt.timedelta(days=10)).exists()
    years = {d.year for d in Application.objects.values_list("received", flat=True)}
    assert years == {2025, 2026}
    assert Application.objects.filter(received__gt=TODAY).count() == 0
    natural = Application.objects.filter(applicant_type="natural").count()
    assert natural > 0.7 * Application.objects.count()  # mostly 自然人, as in real reports


def test_seed_demo_refuses_a_database_that_has_cases(seeded: str) -> None:
    with pytest.raises(CommandError, match="已有申请"):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_same_seed_plans_the_same_year() -> None:
    first = demo.plan_cases(random.Random(5), 200, TODAY)
    assert first == demo.plan_cases(random.Random(5), 200, TODAY)
    assert first != demo.plan_cases(random.Random(6), 200, TODAY)


def test_retime_reports_the_cases_whose_due_date_changed(seeded: str) -> None:
    out = io.StringIO()
    call_command("retime", stdout=out)
    assert "0 件" in out.getvalue()
    stale = Application.objects.filter(status=Status.HANDLING, due__isnull=False).first()
    assert stale is not None
    Application.objects.filter(pk=stale.pk).update(due=dt.date(2026, 1, 1))
    out = io.StringIO()
    call_command("retime", stdout=out)
    assert "1 件" in out.getvalue()
    stale.refresh_from_db()
    assert stale.due != dt.date(2026, 1, 1)
    assert stale.events.filter(kind=EventKind.RETIMED).exists()


def test_the_demo_mails_none_of_its_made_up_applicants(
    mailoutbox: list[object], django_capture_on_commit_callbacks: Any
) -> None:
    """Not while its cases are told, nor for the lapses its daily round applies."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--today", "2026-12-01", stdout=io.StringIO())  # as served
    assert Application.objects.exclude(email="").exists()
    assert mailoutbox == []
