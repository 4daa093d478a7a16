"""The status page: progress by tracking code, nothing private, no hints for guessing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def test_the_status_page_shows_progress_without_private_details(
    personas: Personas, case_a: Application, client: Client
) -> None:
    case_a.email = "zhangsan@example.cn"
    case_a.address = "某市某区某路8号"
    case_a.save()
    response = client.post(reverse("portal:status"), {"code": case_a.tracking_code.lower()})
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (case_a.reg_no, personas.agency_a.name, "2026-03-02", "已登记", str(case_a.due)):
        assert shown in page
    for private in (
        "张三",
        "110101199001011237",
        "13800000000",
        "zhangsan@",
        "某路8号",
        "行政许可决定",
    ):
        assert private not in page


def test_a_replied_case_shows_the_reply_date_and_outcome(
    personas: Personas, case_a: Application, client: Client
) -> None:
    admin, on = personas.admin, dt.date(2026, 3, 5)
    services.draft_reply(case_a, admin, on, "unavailable.not_held", "经检索不掌握", "告知")
    services.review(case_a, admin, on, True)
    services.reply(case_a, admin, on)
    page = client.post(reverse("portal:status"), {"code": case_a.tracking_code}).content.decode()
    assert "已答复" in page and "2026-03-05" in page and "本机关不掌握相关政府信息" in page


@pytest.mark.parametrize("code", ["ABCDEFGHJKLM", "x", "' OR 1=1 --"])
def test_an_unknown_code_gets_one_plain_message(
    personas: Personas, case_a: Application, client: Client, code: str
) -> None:
    response = client.post(reverse("portal:status"), {"code": code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "未找到与该查询码对应的申请" in page and case_a.reg_no not in page


def test_an_empty_code_is_asked_for(client: Client) -> None:
    assert "请输入查询码" in client.post(reverse("portal:status"), {"code": ""}).content.decode()
