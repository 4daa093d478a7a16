"""Who reaches which case URL: the outsider gets 404 everywhere on agency A's cases, the
supervisor reads but may not act (403), the anonymous public is sent to the login page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from gongkai_web.applications.models import Application, Attachment
from gongkai_web.applications.views import STEPS
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def attachment(case_a: Application, personas: Personas) -> Attachment:
    item = Attachment(
        application=case_a, name="申请表.pdf", size=len(PDF), content_type="application/pdf"
    )
    item.file.save("apply.pdf", ContentFile(PDF), save=True)
    return item


def case_urls(app: Application, attachment: Attachment) -> list[str]:
    return [
        reverse("applications:detail", args=[app.pk]),
        reverse("applications:attachment", args=[app.pk, attachment.pk]),
        reverse("applications:letter", args=[app.pk]),
    ]


def post_urls(app: Application) -> list[str]:
    return [reverse("applications:step", args=[app.pk, name]) for name in STEPS] + [
        reverse("applications:attach", args=[app.pk])
    ]


def test_the_outsider_gets_404_on_every_url_of_another_agencys_case(
    personas: Personas,
    case_a: Application,
    attachment: Attachment,
    as_user: Callable[[User], Client],
) -> None:
    client = as_user(personas.outsider)
    for url in case_urls(case_a, attachment):
        assert client.get(url).status_code == 404, url
    for url in post_urls(case_a):
        assert client.post(url, {"on": "2026-03-03"}).status_code == 404, url
    assert client.get(reverse("applications:step", args=[case_a.pk, "nonsense"])).status_code == 405


def test_the_outsider_does_not_find_another_agencys_case_in_lists(
    personas: Personas, case_a: Application, case_b: Application, as_user: Callable[[User], Client]
) -> None:
    client = as_user(personas.outsider)
    page = client.get(reverse("applications:list")).content.decode()
    assert case_b.reg_no in page and case_a.reg_no not in page
    forced = client.get(reverse("applications:list"), {"agency": personas.agency_a.pk, "q": "张三"})
    assert case_a.reg_no not in forced.content.decode()
    assert case_a.reg_no not in client.get(reverse("home")).content.decode()


def test_the_supervisor_reads_every_case_but_every_step_is_forbidden(
    personas: Personas,
    case_a: Application,
    case_b: Application,
    attachment: Attachment,
    as_user: Callable[[User], Client],
) -> None:
    client = as_user(personas.supervisor)
    page = client.get(reverse("applications:list")).content.decode()
    assert case_a.reg_no in page and case_b.reg_no in page
    detail = client.get(reverse("applications:detail", args=[case_a.pk]))
    assert detail.status_code == 200
    assert 'action="/cases/' not in detail.content.decode()  # no step forms, no upload
    assert (
        client.get(reverse("applications:attachment", args=[case_a.pk, attachment.pk])).status_code
        == 200
    )
    for url in post_urls(case_a):
        assert client.post(url, {"on": "2026-03-03"}).status_code == 403, url
    assert client.get(reverse("applications:intake")).status_code == 403
    case_a.refresh_from_db()
    assert case_a.events.count() == 1


def test_staff_of_the_agency_see_only_the_steps_their_role_allows(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    def steps_for(user: User) -> set[str]:
        response = as_user(user).get(reverse("applications:detail", args=[case_a.pk]))
        return {s["name"] for s in response.context["steps"]}

    assert steps_for(personas.registrar) == {"assign"}
    assert "draft" in steps_for(personas.handler) and "review" not in steps_for(personas.handler)
    assert steps_for(personas.reviewer) == set()  # nothing to review yet
    assert {"draft", "correction", "withdraw"} <= steps_for(personas.admin)
    # The reviewer may not draft: a direct POST is refused.
    response = as_user(personas.reviewer).post(
        reverse("applications:step", args=[case_a.pk, "draft"]),
        {"on": "2026-03-03", "outcome": "disclosed", "text": "予以公开"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name,args",
    [
        ("home", []),
        ("applications:list", []),
        ("applications:intake", []),
        ("annual:tables", []),
        ("annual:export", []),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client: Client, name: str, args: list[int]) -> None:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_visitors_are_sent_to_login_from_case_urls(
    client: Client, case_a: Application, attachment: Attachment
) -> None:
    for url in case_urls(case_a, attachment):
        assert client.get(url)["Location"].startswith(reverse("login")), url
    for url in post_urls(case_a):
        response = client.post(url, {"on": "2026-03-03"})
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("admin:index")).status_code == 302


def test_public_pages_need_no_login(client: Client) -> None:
    assert client.get(reverse("portal:apply")).status_code == 200
    assert client.get(reverse("portal:status")).status_code == 200
    assert client.get(reverse("login")).status_code == 200


def test_a_step_post_without_the_csrf_token_is_refused(
    personas: Personas, case_a: Application
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.handler)
    url = reverse("applications:step", args=[case_a.pk, "draft"])
    data = {"on": "2026-03-03", "outcome": "disclosed", "text": "予以公开"}
    assert client.post(url, data).status_code == 403
    client.get(reverse("applications:detail", args=[case_a.pk]))
    token = client.cookies["csrftoken"].value
    assert client.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == "in_review"


def test_the_public_form_refuses_a_post_without_the_csrf_token(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("portal:apply"), {}).status_code == 403
    assert client.post(reverse("portal:status"), {"code": "X"}).status_code == 403
