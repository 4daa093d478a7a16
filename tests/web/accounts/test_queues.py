"""Work queues by role on the dashboard; taking a case; a colleague's case needs the admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


def queues(client: Client) -> dict[str, list[str]]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {q.key: [a.reg_no for a in q.cases] for q in response.context["queues"]}


def counts(client: Client) -> dict[str, int]:
    return {q.key: q.count for q in client.get(reverse("home")).context["queues"]}


def test_each_role_sees_its_own_queues(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    a, p = personas.agency_a, personas
    new = services.register(a, intake(), p.registrar)
    mine = services.register(a, intake(arrived=D("2026-03-03")), p.registrar)
    services.assign(mine, p.handler, p.registrar, D("2026-03-03"))
    drafted = services.register(a, intake(arrived=D("2026-03-04")), p.registrar)
    services.assign(drafted, p.handler, p.registrar, D("2026-03-04"))
    services.draft_reply(drafted, p.handler, D("2026-03-05"), "disclosed", "", "同意公开")
    late = services.register(a, intake(arrived=D("2026-01-05")), p.registrar)  # due 2 Feb
    services.register(p.agency_b, intake(), p.outsider)

    assert queues(as_user(p.handler)) == {
        "mine": [mine.reg_no, drafted.reg_no],
        "unassigned": [late.reg_no, new.reg_no],
    }
    assert queues(as_user(p.reviewer)) == {"review": [drafted.reg_no]}
    assert queues(as_user(p.registrar)) == {"assign": [late.reg_no, new.reg_no]}
    admin = queues(as_user(p.admin))
    assert admin["overdue"] == [late.reg_no]
    assert set(admin) == {"mine", "unassigned", "review", "assign", "overdue"}
    assert queues(as_user(p.supervisor)) == {}  # read-only: no queues, the boards instead
    page = as_user(p.registrar).get(reverse("home")).content.decode()
    assert "待分办" in page and "我承办的" not in page


def test_a_handler_takes_an_unassigned_case(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    app = services.register(personas.agency_a, intake())
    handler = as_user(personas.handler)
    page = handler.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "领取（由我承办）" in page
    handler.post(reverse("applications:step", args=[app.pk, "take"]), {"on": "2026-03-10"})
    app.refresh_from_db()
    assert app.assignee == personas.handler and app.status == "handling"
    assert "handler_a" in app.events.last().note  # the name (the personas' name is the login)
    assert counts(handler)["mine"] == 1 and counts(handler)["unassigned"] == 0


def test_a_colleagues_case_needs_the_admin_role(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    colleague = User.objects.create_user("handler_a2", first_name="二", last_name="王")
    personas.agency_a.memberships.create(user=colleague, role="handler")
    app = services.register(personas.agency_a, intake())
    services.assign(app, colleague, personas.registrar, D("2026-03-03"))
    url = reverse("applications:step", args=[app.pk, "withdraw"])
    handler = as_user(personas.handler)
    page = handler.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "王二" in page and "handler_a2" not in page  # people by name
    assert "申请人撤回" not in page and "领取（由我承办）" not in page
    assert handler.post(url, {"on": "2026-03-09", "note": "x"}).status_code == 403
    assert Application.objects.get(pk=app.pk).is_open
    as_user(personas.admin).post(url, {"on": "2026-03-09", "note": "申请人来电撤回"})
    assert not Application.objects.get(pk=app.pk).is_open


def test_an_open_case_whose_deadline_cannot_be_computed_waits_in_a_queue_with_the_reason(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    """A case carried over from an old register, received before the calendar begins: the
    daily round cannot time it, so every deadline-keyed queue would miss it."""
    from gongkai_web.applications import daily

    p = personas
    timed = services.register(p.agency_a, intake(), p.registrar)
    legacy = services.register(p.agency_a, intake(arrived=D("2026-03-03")), p.registrar)
    services.assign(legacy, p.handler, p.registrar, D("2026-03-03"))
    Application.objects.filter(pk=legacy.pk).update(
        arrived=D("2001-03-05"), received=D("2001-03-05"), next_deadline=None
    )
    daily.run(frozen_today)
    legacy.refresh_from_db()
    assert legacy.is_open and legacy.next_deadline is None and "工作日历" in legacy.timing_error

    for person in (p.registrar, p.admin):
        assert queues(as_user(person))["check"] == [legacy.reg_no]
        page = as_user(person).get(reverse("home")).content.decode()
        assert "需要人工核对期限" in page and "2001-03-05 不在工作日历范围内" in page
    assert queues(as_user(p.handler))["check"] == [legacy.reg_no]  # their own case
    colleague = User.objects.create_user("handler-b", first_name="另一承办员")
    Membership.objects.create(user=colleague, agency=p.agency_a, role=Role.HANDLER)
    assert "check" not in queues(as_user(colleague))  # not theirs
    assert "check" not in queues(as_user(p.reviewer))
    assert "check" not in queues(as_user(p.outsider))  # another agency's case
    listed = as_user(p.registrar).get(
        reverse("applications:list"), {"agency": p.agency_a.pk, "unclocked": "on"}
    )
    assert [a.reg_no for a in listed.context["cases"]] == [legacy.reg_no]
    assert timed.reg_no not in listed.content.decode()
    assert "需人工核对期限" in listed.content.decode()


def test_no_check_queue_when_every_open_case_is_timed(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    services.register(personas.agency_a, intake(), personas.registrar)
    assert "check" not in queues(as_user(personas.admin))
