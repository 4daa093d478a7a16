"""Tables 3 and 4 on a page in the form's layout, and as JSON in catalogue ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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
    assert [v for v, _ in rows["partial"]["values"]] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["partial"]["values"][0][1] == "t3.partial.natural"  # each number links its cases
    assert response.context["t4_values"][0] == (1, "t4.review.upheld")  # 行政复议 · 结果维持
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
    cells = {
        k: v
        for k, v in client.get(reverse("annual:export"), {"year": 2025}).json()["cells"].items()
        if k.startswith(("t3.", "t4."))
    }
    assert cells["t3.new.legal"] == 1 and cells["t3.carried_out.legal"] == 1
    assert client.get(reverse("annual:tables"), {"year": 1900}).status_code == 404
    assert client.get(reverse("annual:tables"), {"year": "abc"}).status_code == 200
    assert dt.date.today().year >= 2026


def _cases(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [a.reg_no for a in response.context["cases"]]


def test_each_number_links_to_the_cases_it_counts(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    import re

    client = as_user(personas.reviewer)
    page = client.get(reverse("annual:tables"), {"year": 2026}).content.decode()
    links = {
        cell: url.replace("&amp;", "&")
        for url, cell in re.findall(r'href="(/cases/\?[^"]*cell=([a-z0-9_.]+))"', page)
    }
    assert len(links) == 25 * 7 + 15
    partial, carried = history["partial"].reg_no, history["carried"].reg_no
    assert _cases(client, links["t3.partial.natural"]) == [partial]
    assert _cases(client, links["t3.carried_in.total"]) == [carried]
    assert _cases(client, links["t3.carried_out.legal"]) == [carried]
    assert set(_cases(client, links["t3.new.total"])) == {partial}
    assert _cases(client, links["t4.review.upheld"]) == [partial]
    assert _cases(client, links["t4.suit_after_review.pending"]) == [partial]
    assert _cases(client, links["t4.suit_direct.total"]) == []
    bad = client.get(reverse("applications:list"), {"cell": "t9.x.y", "cell_year": 2026})
    assert "年度报表中没有" in bad.content.decode()


def test_a_year_in_progress_is_marked(
    personas: Personas, history: dict[str, Application], as_user: Callable[[User], Client]
) -> None:
    import time_machine

    client = as_user(personas.reviewer)
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        now = client.get(reverse("annual:tables"), {"year": 2026}).content.decode()
        json_now = client.get(reverse("annual:export"), {"year": 2026}).json()
        done = client.get(reverse("annual:tables"), {"year": 2025}).content.decode()
    assert "2026 年度尚未结束" in now and json_now["in_progress"] is True
    assert "年度尚未结束" not in done


def test_tables_3_and_4_as_word_and_excel(
    personas: Personas,
    history: dict[str, Application],
    as_user: Callable[[User], Client],
    tmp_path: Any,
) -> None:
    import io

    from openpyxl import load_workbook

    from gongkai.reader import read_report

    client = as_user(personas.reviewer)
    cells = {
        k: v
        for k, v in client.get(reverse("annual:export"), {"year": 2025}).json()["cells"].items()
        if k.startswith(("t3.", "t4."))
    }
    word = client.get(reverse("annual:export_docx"), {"year": 2025})
    assert word["Content-Type"].endswith("wordprocessingml.document")
    path = tmp_path / "t34.docx"
    path.write_bytes(word.content)
    report = read_report(path)  # gongkai's own reader finds every cell where the form has it
    assert {c: report.cells[c] for c in cells} == cells and report.year == 2025

    excel = client.get(reverse("annual:export_xlsx"), {"year": 2026})
    book = load_workbook(io.BytesIO(excel.content))
    t3, t4 = book["表三"], book["表四"]
    assert "年度尚未结束" in t3["A1"].value or dt.date.today().year > 2026
    [partial] = [
        r[3:10]
        for r in t3.iter_rows(min_row=6, values_only=True)
        if str(r[1] or "").startswith("（二）部分公开")
    ]
    assert partial == (1, 0, 0, 0, 0, 0, 1)
    assert [c.value for c in t4[6]][:5] == [1, 0, 0, 0, 1]
    assert "A3:E3" in {str(m) for m in t4.merged_cells.ranges}  # 行政复议 over five columns
