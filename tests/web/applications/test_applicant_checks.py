"""Input a real office receives (issue 11 point 6): ID numbers, phones, lengths, repeats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services
from gongkai_web.applications.forms import DESCRIPTION_MAX
from gongkai_web.applications.models import Application
from gongkai_web.applications.repeats import possible_repeats
from tests.web.applications.test_intake import VALID
from tests.web.conftest import Personas
from tests.web.intake import intake

pytestmark = pytest.mark.django_db


def _post(client: Client, personas: Personas, **change: str) -> str:
    data = VALID | {"agency": personas.agency_a.pk} | change
    response = client.post(reverse("applications:intake"), data)
    assert response.status_code == 200  # the form again, with the message
    assert not Application.objects.exists()  # nothing guessed, nothing saved
    return response.content.decode()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"id_document": "身份证 110101199001011230"}, "居民身份证号码校验码不对"),
        ({"id_document": "身份证 110101199002301237"}, "不是有效日期"),
        ({"id_document": "身份证 11010119900101"}, "应为 18 位，现为 14 位"),
        (
            {"applicant_type": "commercial", "id_document": "统一社会信用代码 91350100M000100Y44"},
            "统一社会信用代码校验位不对",
        ),
        ({"phone": "abc"}, "联系电话只能包含数字"),
        ({"phone": "12345"}, "联系电话应有 7 至 20 位数字，现为 5 位"),
        ({"description": "某" * (DESCRIPTION_MAX + 1)}, f"最多 {DESCRIPTION_MAX} 个字"),
        ({"applicant_name": "名" * 201}, "申请人姓名或名称最多 200 个字"),
    ],
)
def test_bad_input_gets_a_chinese_message_naming_it(
    personas: Personas,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
    change: dict[str, str],
    message: str,
) -> None:
    assert message in _post(as_user(personas.registrar), personas, **change)


@pytest.mark.parametrize("phone", ["0510-81000000", "+86 138 0000 0000", "(010)12345678转123"])
def test_ordinary_phone_numbers_pass(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date, phone: str
) -> None:
    data = VALID | {"agency": personas.agency_a.pk, "phone": phone}
    response = as_user(personas.registrar).post(reverse("applications:intake"), data)
    assert response.status_code == 302
    assert Application.objects.get().phone == phone


def test_a_similar_application_of_the_same_applicant_is_flagged_not_decided(
    personas: Personas, as_user: Callable[[User], Client], frozen_today: dt.date
) -> None:
    a = personas.agency_a
    first = services.register(a, intake(description="2025年某区老旧小区改造项目的资金分配方案"))
    again = services.register(a, intake(description="请公开2025年某区老旧小区改造项目资金分配方案"))
    other = services.register(a, intake(description="某河道整治工程的环评批复"))
    stranger = services.register(
        a,
        intake(
            id_document="身份证 110101199003077774",
            description="2025年某区老旧小区改造项目的资金分配方案",
        ),
    )
    assert [r.application for r in possible_repeats(again)] == [first]
    assert possible_repeats(other) == [] and possible_repeats(stranger) == []
    page = as_user(personas.handler).get(reverse("applications:detail", args=[again.pk]))
    text = page.content.decode()
    assert "可能是重复申请" in text
    assert reverse("applications:detail", args=[first.pk]) in text
    again.refresh_from_db()
    assert again.is_open and again.outcome == ""  # flagged only
    # another agency's case of the same person is not shown to agency A
    services.register(
        personas.agency_b, intake(description="2025年某区老旧小区改造项目的资金分配方案")
    )
    assert [r.application for r in possible_repeats(again)] == [first]
