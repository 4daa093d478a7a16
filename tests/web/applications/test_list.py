"""The case list: filters, search, sorting, pages with the total count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services, views
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


def reg_nos(client: Client, **query: object) -> list[str]:
    response = client.get(reverse("applications:list"), query)
    assert response.status_code == 200
    return [a.reg_no for a in response.context["cases"]]


def test_filters_and_search(personas: Personas, as_user: Callable[[User], Client]) -> None:
    a = personas.agency_a
    first = services.register(a, intake(applicant_name="甲公司", applicant_type="commercial"))
    second = services.register(a, intake(applicant_name="乙", description="道路规划图"))
    old = services.register(a, intake(arrived=D("2025-06-02")))
    client = as_user(personas.handler)
    assert reg_nos(client) == [second.reg_no, first.reg_no, old.reg_no]  # newest first
    assert reg_nos(client, applicant_type="commercial") == [first.reg_no]
    assert reg_nos(client, q="规划") == [second.reg_no]
    assert reg_nos(client, q="甲公司") == [first.reg_no]
    assert reg_nos(client, q=old.reg_no) == [old.reg_no]
    assert reg_nos(client, year=2025) == [old.reg_no]
    assert reg_nos(client, status="closed") == []
    assert reg_nos(client, status="registered", year=2026) == [second.reg_no, first.reg_no]
    assert reg_nos(client, year="bad") == [second.reg_no, first.reg_no, old.reg_no]  # ignored


def test_pages_of_fifty_with_the_total(
    personas: Personas, as_user: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(5):
        services.register(personas.agency_a, intake())
    client = as_user(personas.handler)
    first = client.get(reverse("applications:list"))
    assert first.context["has_next"] and len(first.context["cases"]) == 2
    assert first.context["total"] == 5 and first.context["pages"] == 3
    assert "共 <strong>5</strong> 件" in first.content.decode()
    last = client.get(reverse("applications:list"), {"page": 3})
    assert not last.context["has_next"] and len(last.context["cases"]) == 1
    assert "上一页" in last.content.decode()


def test_a_very_long_list_counts_up_to_the_cap(
    personas: Personas, as_user: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for _ in range(5):
        services.register(personas.agency_a, intake())
    client = as_user(personas.handler)
    first = client.get(reverse("applications:list"))
    assert first.context["capped"] and first.context["total"] == 3
    assert "共 <strong>3</strong> 件以上" in first.content.decode()
    last = client.get(reverse("applications:list"), {"page": 3})
    assert not last.context["has_next"] and len(last.context["cases"]) == 1
