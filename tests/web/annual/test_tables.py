"""Tables 3 and 4 on a page in the form's layout, and as JSON in catalogue ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai.catalogue.forms import Template, cell_ids
from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import D, Personas, intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(personas: Personas) -> dict[str, Application]:
    a, b, admin = personas.agency_a, personas.agency_b, personas.admin
    carried = services.register(a, intake(arrived=D("2025-12-15"), applicant_type="legal"))
    partial = services.register(a, intake())
    services.draft_reply(partial, admin, D("2026-03-03"), "partial", "涉及个人隐私", "部分公开")
    services.review(partial, admin, D("2026-03-04"), True)
    services.reply(partial, admin, D("2026-03-05"))
    review = services.add_proceeding(partial, admin, "review", D("2026-04-01"), "某市人民政府")
    services.decide_proceeding(review, admin, "upheld", D("2026-06-01"))
    services.add_proceeding(
        partial, admin, "suit_after_review", D("2026-06-10"), "某区法院", review
    )
    services.register(b, intake())
    return {"carried": carried, "partial": partial}


def test_the_json_export_is_in_catalogue_ids(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    client = as_user(personas.handler)
    data = client.get(reverse("annual:export"), {"year": 2026}).json()
    assert data["agency"] == personas.agency_a.name and data["year"] == 2026
    cells = data["cells"]
    # table 2 comes from the catalogue and its registers (nothing entered here: blank counts)
    assert set(cells) == set(cell_ids(Template.T2021))
    assert cells["t2.normative.made"] == 0 and cells["t2.license.decisions"] is None
    assert cells["t3.new.natural"] == 1 and cells["t3.carried_in.legal"] == 1
    assert cells["t3.partial.natural"] == 1 and cells["t3.carried_out.legal"] == 1
    assert cells["t4.review.upheld"] == 1 and cells["t4.suit_after_review.pending"] == 1
    assert cells["t3.new.total"] + cells["t3.carried_in.total"] == (
        cells["t3.results_total.total"] + cells["t3.carried_out.total"]
    )


def test_the_page_follows_the_official_layout(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    response = as_user(personas.reviewer).get(reverse("annual:tables"), {"year": 2026})
    page = response.content.decode()
    for label in (
        "申请人情况",
        "法人或其他组织",
        "三、本年度办理结果",
        "（三）不予公开",
        "8.属于行政查询事项",
        "（七）总计",
        "四、结转下年度继续办理",
        "行政复议",
        "复议后起诉",
        "尚未审结",
    ):
        assert label in page, label
    rows = {r["id"]: r for r in response.context["t3_rows"]}
    assert rows["disclosed"]["heads"] == [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2)]
    assert rows["withheld.secret"]["heads"][0] == ("（三）不予公开", 8, 1)
    assert rows["partial"]["values"] == [1, 0, 0, 0, 0, 0, 1]
    assert response.context["t4_values"][0] == 1  # 行政复议 · 结果维持
    assert len(response.context["t4_values"]) == 15


def test_staff_see_only_their_agency_the_supervisor_any_or_all(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    url = reverse("annual:export")
    b = personas.agency_b.pk
    assert as_user(personas.handler).get(url, {"year": 2026, "agency": b}).status_code == 404
    assert as_user(personas.handler).get(reverse("annual:tables"), {"agency": b}).status_code == 404
    supervisor = as_user(personas.supervisor)
    every = supervisor.get(url, {"year": 2026}).json()
    assert every["agency"] is None and every["cells"]["t3.new.total"] == 2
    only_b = supervisor.get(url, {"year": 2026, "agency": b}).json()
    assert only_b["agency"] == personas.agency_b.name and only_b["cells"]["t3.new.total"] == 1
    assert (
        supervisor.get(reverse("annual:tables"), {"year": "2026", "agency": "all"}).status_code
        == 200
    )


def test_a_year_is_chosen_and_out_of_range_years_are_not_found(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    client = as_user(personas.handler)
    cells = client.get(reverse("annual:export"), {"year": 2025}).json()["cells"]
    assert cells["t3.new.legal"] == 1 and cells["t3.carried_out.legal"] == 1
    assert client.get(reverse("annual:tables"), {"year": 1900}).status_code == 404
    assert client.get(reverse("annual:tables"), {"year": "abc"}).status_code == 200
    assert dt.date.today().year >= 2026
