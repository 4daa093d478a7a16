"""Staff intake: every 第二十九条 field, the receipt date by channel, clear messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications.models import Application
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

VALID = {
    "channel": "letter",
    "arrived": "2026-03-02",
    "confirmed": "2026-03-04",
    "applicant_type": "natural",
    "applicant_name": "王五",
    "id_document": "身份证 110101199001011237",
    "email": "wangwu@example.cn",
    "description": "某项目环境影响评价批复",
    "form_wanted": "电子文档",
    "delivery": "电子邮件",
}


def test_a_letter_is_received_on_the_day_it_was_confirmed(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    client = as_user(personas.registrar)
    page = client.get(reverse("applications:intake")).content.decode()
    for label in (
        "申请人姓名或名称",
        "身份证明",
        "所需信息的名称、文号或特征描述",
        "信息的形式要求",
        "获取信息的方式、途径",
    ):
        assert label in page
    response = client.post(reverse("applications:intake"), VALID | {"agency": personas.agency_a.pk})
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.received == dt.date(2026, 3, 4) and app.channel == "letter"
    assert app.events.get().actor == personas.registrar


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"applicant_name": ""}, "applicant_name", "请填写申请人姓名或者名称"),
        ({"id_document": ""}, "id_document", "请填写身份证明"),
        ({"description": ""}, "description", "特征性描述"),
        ({"form_wanted": ""}, "form_wanted", "形式要求"),
        ({"delivery": ""}, "delivery", "获取信息的方式、途径"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"arrived": "2026-03-11"}, "arrived", "不能晚于今天"),
        ({"confirmed": "2026-03-01"}, "confirmed", "不能早于到达日期"),
        ({"channel": "in_person"}, "confirmed", "无需确认日期"),
        ({"arrived": "3/2/2026"}, "arrived", "格式应为"),
    ],
)
def test_intake_refuses_incomplete_applications_with_a_message(
    personas: Personas,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
    change: dict[str, str],
    field: str,
    message: str,
) -> None:
    client = as_user(personas.registrar)
    response = client.post(
        reverse("applications:intake"), VALID | {"agency": personas.agency_a.pk} | change
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert not Application.objects.exists()


def test_intake_needs_a_way_to_reach_the_applicant(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    response = as_user(personas.registrar).post(
        reverse("applications:intake"), VALID | {"agency": personas.agency_a.pk, "email": ""}
    )
    assert "请至少填写一种联系方式" in response.content.decode()


def test_staff_may_not_register_for_another_agency(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    response = as_user(personas.registrar).post(
        reverse("applications:intake"), VALID | {"agency": personas.agency_b.pk}
    )
    assert "请选择您所在的机关" in response.context["form"].errors["agency"][0]
    assert not Application.objects.exists()


def test_handlers_and_reviewers_do_not_register(
    personas: Personas, as_user: Callable[[User], Client]
) -> None:
    assert as_user(personas.handler).get(reverse("applications:intake")).status_code == 403
    assert as_user(personas.admin).get(reverse("applications:intake")).status_code == 200
