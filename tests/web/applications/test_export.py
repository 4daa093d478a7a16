"""The case list's filters, sorting and search, and its exports (CSV, XLSX, JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gongkai_web.applications import services
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


def reg_nos(client: Client, **query: object) -> list[str]:
    response = client.get(reverse("applications:list"), query)
    assert response.status_code == 200
    return [a.reg_no for a in response.context["cases"]]


@pytest.fixture
def three(personas: Personas, frozen_today: dt.date) -> list[Any]:
    a, p = personas.agency_a, personas
    first = services.register(a, intake(arrived=D("2026-01-05"), phone="0510-8100 1234"))
    second = services.register(
        a, intake(arrived=D("2026-02-02"), id_document="居民身份证 11010119800101002x")
    )
    third = services.register(a, intake(arrived=D("2026-03-09")))
    services.assign(second, p.handler, p.registrar, D("2026-03-02"))
    services.withdraw(third, p.handler, D("2026-03-09"), "撤回")
    return [first, second, third]


def test_sorting_filters_and_search(
    personas: Personas, as_user: Callable[[User], Client], three: list[Any]
) -> None:
    first, second, third = three
    c = as_user(personas.handler)
    assert reg_nos(c) == [third.reg_no, second.reg_no, first.reg_no]
    assert reg_nos(c, sort="received") == [first.reg_no, second.reg_no, third.reg_no]
    assert reg_nos(c, sort="next_deadline") == [first.reg_no, second.reg_no]  # open ones
    assert reg_nos(c, sort="-reg_no") == [third.reg_no, second.reg_no, first.reg_no]
    assert reg_nos(c, received_from="2026-01-10", received_to="2026-02-28") == [second.reg_no]
    assert reg_nos(c, assignee="me") == [second.reg_no]
    assert reg_nos(c, assignee="none", open="on") == [first.reg_no]
    assert reg_nos(c, overdue="on") == [second.reg_no, first.reg_no]  # due 3 March, 2 February
    assert reg_nos(c, clock="reply", overdue="on", assignee="none") == [first.reg_no]
    assert reg_nos(c, q="11010119800101002X") == [second.reg_no]  # the ID number
    assert reg_nos(c, q="05108100 1234") == [first.reg_no]  # the phone, however typed
    assert reg_nos(c, q=third.tracking_code.lower()) == [third.reg_no]
    bad = c.get(
        reverse("applications:list"), {"received_from": "2026-03-01", "received_to": "2026-01-01"}
    )
    assert "结束日期早于开始日期" in bad.content.decode()
    assert len(bad.context["cases"]) == 1  # the impossible end is left out, not guessed


def test_the_outsider_and_the_public_get_nothing(
    personas: Personas, as_user: Callable[[User], Client], three: list[Any]
) -> None:
    url = reverse("applications:export")
    response = as_user(personas.outsider).get(url, {"format": "json"})
    assert json.loads(b"".join(response.streaming_content)) == []
    assert Client().get(url, {"format": "json"}).status_code == 302  # to the login


def test_export_json_csv_and_xlsx_of_the_filtered_list(
    personas: Personas, as_user: Callable[[User], Client], three: list[Any]
) -> None:
    first, second, _ = three
    c, url = as_user(personas.handler), reverse("applications:export")
    data = json.loads(b"".join(c.get(url, {"format": "json", "open": "on"}).streaming_content))
    assert [r["reg_no"] for r in data] == [second.reg_no, first.reg_no]
    row = data[1]
    assert {
        "reg_no",
        "status",
        "received",
        "next_deadline",
        "next_deadline_kind",
        "provisional",
    } <= set(row)
    assert row["received"] == "2026-01-05" and row["status"] == "registered"
    assert row["next_deadline"] == "2026-02-02" and row["next_deadline_kind"] == "reply"
    assert row["provisional"] is False

    text = b"".join(c.get(url, {"format": "csv", "open": "on"}).streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["登记编号", "机关", "申请人类型"] and len(rows) == 3
    assert rows[2][0] == first.reg_no and "已登记" in rows[2] and "答复期限" in rows[2]

    response = c.get(url, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "登记编号" and len(values) == 4
    assert values[3][0] == first.reg_no and values[3][4].date() == D("2026-01-05")
    assert values[1][12] == "其他处理／3.其他"  # the withdrawn case's outcome, by its label


def test_an_unknown_format_is_a_message(
    personas: Personas, as_user: Callable[[User], Client], three: list[Any]
) -> None:
    response = as_user(personas.handler).get(
        reverse("applications:export"), {"format": "pdf"}, follow=True
    )
    assert "不支持的导出格式" in response.content.decode()
