"""行政复议 and 行政诉讼 recorded on a case through the pages, and their results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services
from gongkai_web.applications.models import Application, Proceeding
from tests.web.conftest import Personas, intake

pytestmark = pytest.mark.django_db


def post(client: Client, app: Application, name: str, **data: object) -> list[str]:
    url = reverse("applications:step", args=[app.pk, name])
    response = client.post(url, data, follow=True)
    return [str(m) for m in response.context["messages"]]


def test_a_review_then_a_suit_after_it_then_the_decisions(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    admin = personas.admin
    services.draft_reply(
        case_a, admin, dt.date(2026, 3, 3), "withheld.secret", "属于国家秘密", "不予公开"
    )
    services.review(case_a, admin, dt.date(2026, 3, 4), True)
    services.reply(case_a, admin, dt.date(2026, 3, 5))
    handler = as_user(personas.handler)
    post(handler, case_a, "proceeding", kind="review", filed_on="2026-04-01", body="某市人民政府")
    review = Proceeding.objects.get()
    shown = post(handler, case_a, "proceeding", kind="suit_after_review", filed_on="2026-06-01")
    assert any("复议后起诉应选择所依据的行政复议" in m for m in shown)
    post(
        handler,
        case_a,
        "proceeding",
        kind="suit_after_review",
        filed_on="2026-06-01",
        body="某区人民法院",
        review=review.pk,
    )
    suit = Proceeding.objects.get(kind="suit_after_review")
    assert suit.review == review

    page = handler.get(reverse("applications:detail", args=[case_a.pk]))
    assert {s["object"] for s in page.context["steps"] if s["name"] == "decide"} == {review, suit}
    shown = post(handler, case_a, "decide", proceeding=review.pk, result="upheld", on="2026-03-01")
    assert any("审结日期早于受理日期" in m for m in shown)
    post(handler, case_a, "decide", proceeding=review.pk, result="corrected", on="2026-05-20")
    review.refresh_from_db()
    assert review.result == "corrected" and review.decided_on == dt.date(2026, 5, 20)
    assert case_a.events.filter(kind="proceeding").count() == 3


def test_a_proceeding_of_another_case_is_not_found(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    other = services.register(personas.agency_a, intake(applicant_name="另一申请人"))
    proceeding = services.add_proceeding(other, personas.admin, "review", dt.date(2026, 4, 1))
    response = as_user(personas.handler).post(
        reverse("applications:step", args=[case_a.pk, "decide"]),
        {"proceeding": proceeding.pk, "result": "upheld", "on": "2026-05-01"},
    )
    assert response.status_code == 404
