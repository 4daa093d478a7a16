"""The public online form: no login, 第二十九条 contents, clear messages, a rate limit."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse

from gongkai_web.applications.models import Application, EventKind
from gongkai_web.portal import humancheck
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def form_data(personas: Personas, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "agency": personas.agency_a.pk,
        "applicant_type": "research",
        "applicant_name": "某大学法学院",
        "id_document": "统一社会信用代码 12100000400000000W",
        "phone": "010-12345678",
        "description": "2025年政府信息公开工作年度报告所依据的统计表",
        "form_wanted": "电子文档",
        "delivery": "电子邮件",
        "started": humancheck.token(time.time() - 60),  # the form was shown a minute ago
    }
    data.update(over)
    return data


def test_the_public_applies_online_and_gets_a_number_and_tracking_code(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    page = client.get(reverse("portal:apply")).content.decode()
    assert personas.agency_a.name in page and "科研机构" in page
    response = client.post(reverse("portal:apply"), form_data(personas), follow=True)
    app = Application.objects.get()
    assert app.channel == "online" and app.arrived == frozen_today and app.confirmed is None
    assert app.applicant_type == "research" and app.agency == personas.agency_a
    event = app.events.get()
    assert event.kind == EventKind.REGISTERED and event.actor is None
    shown = response.content.decode()
    assert app.reg_no in shown and app.tracking_code in shown


def test_a_fresh_visitor_has_nothing_to_see_on_the_done_page(client: Client) -> None:
    assert client.get(reverse("portal:submitted"))["Location"] == reverse("portal:apply")


@pytest.mark.parametrize(
    "change,message",
    [
        ({"applicant_name": ""}, "请填写申请人姓名或者名称"),
        ({"id_document": ""}, "请填写身份证明"),
        ({"description": ""}, "特征性描述"),
        ({"form_wanted": "", "delivery": ""}, "形式要求"),
        ({"phone": ""}, "请至少填写一种联系方式"),
        ({"agency": ""}, "请选择受理申请的机关"),
        ({"agency": "999"}, "请从列表中选择机关"),
        ({"applicant_type": "alien"}, "选择一个有效的选项"),
    ],
)
def test_incomplete_applications_are_refused_with_a_clear_message(
    personas: Personas, client: Client, change: dict[str, str], message: str
) -> None:
    response = client.post(reverse("portal:apply"), form_data(personas, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_submissions_are_limited_per_address_and_hour(
    personas: Personas, client: Client, settings: object, frozen_today: dt.date
) -> None:
    settings.PUBLIC_FORM_RATE = 2  # type: ignore[attr-defined]
    url = reverse("portal:apply")
    assert client.post(url, form_data(personas)).status_code == 302
    assert (
        client.post(url, form_data(personas, applicant_name="")).status_code == 200
    )  # not counted
    assert (
        client.post(url, form_data(personas, id_document="身份证 110101199003077774")).status_code
        == 302
    )
    refused = client.post(url, form_data(personas, id_document="身份证 110101199003071110"))
    assert refused.status_code == 429
    assert (
        "提交过于频繁" in refused.content.decode()
        and "每小时最多提交 2 份" in refused.content.decode()
    )
    assert Application.objects.count() == 2
    other = client.post(url, form_data(personas), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302  # another address has its own count
