"""Input hygiene on the web side (issue 9): control characters never stored, dates within
sane bounds of the case, out-of-range pages and ids 404, the fee quantity bounded."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable

import pytest
from django import forms
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import gongkai_web
from gongkai_web.applications.models import Application
from gongkai_web.input_hygiene import CleanInputMixin, without_controls
from tests.web.applications.test_handling_flow import step
from tests.web.conftest import Personas
from tests.web.portal.test_apply import form_data

pytestmark = pytest.mark.django_db


def all_forms() -> list[type]:
    for module in pkgutil.walk_packages(gongkai_web.__path__, "gongkai_web."):
        if ".migrations" not in module.name and not module.name.endswith(("wsgi", "__main__")):
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("gongkai_web.") and not sub.__name__.endswith("Mixin"):
                found.append(sub)
    return found


def test_every_form_of_the_office_cleans_its_input() -> None:
    """A new form must start with ``CleanInputMixin`` (gongkai_web/input_hygiene.py)."""
    forms_found = all_forms()
    assert len(forms_found) > 15
    assert [f.__qualname__ for f in forms_found if not issubclass(f, CleanInputMixin)] == []


def test_control_characters_are_removed_and_text_kept() -> None:
    assert without_controls("张\x00三\x1b[31m\u202e\ufeff\t李四\r\n") == "张三[31m\t李四\r\n"


def test_control_characters_from_the_public_form_never_reach_the_case(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    data = form_data(
        personas, applicant_name="赵\x00六\x07", description="本市\x1b2025年\u202e预算\x0c"
    )
    assert client.post(reverse("portal:apply"), data).status_code == 302
    app = Application.objects.get()
    assert app.applicant_name == "赵六" and app.description == "本市2025年预算"


@pytest.mark.parametrize(
    "on,message",
    [
        ("1900-01-01", "日期不能早于 2008 年 5 月 1 日"),
        ("9999-12-31", "日期不能晚于"),
        ("2026-03-01", "日期不能早于收到申请之日（2026-03-02）"),
    ],
)
def test_step_dates_are_bounded_by_the_law_today_and_the_receipt(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
    on: str,
    message: str,
) -> None:
    said = step(as_user(personas.admin), case_a, "withdraw", on=on, note="x")
    assert any(message in m for m in said), said


def test_the_fee_quantity_is_bounded_with_a_message(
    personas: Personas,
    case_a: Application,
    as_user: Callable[[User], Client],
    frozen_today: dt.date,
) -> None:
    handler = as_user(personas.handler)
    step(
        as_user(personas.registrar), case_a, "assign", on="2026-03-03", handler=personas.handler.pk
    )
    said = step(handler, case_a, "fee", on="2026-03-05", method="page", quantity=str(10**18))
    assert any("件数或页数不能超过 100000" in m for m in said), said
    said = step(handler, case_a, "fee", on="2026-03-05", method="page", quantity="9" * 5000)
    assert said and not any("已完成" in m for m in said)


def test_pages_and_ids_out_of_range_are_404(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    registrar = as_user(personas.registrar)
    url = reverse("applications:list")
    assert registrar.get(url, {"page": "4611686018427387904"}).status_code == 404
    assert registrar.get(url, {"page": "7"}).status_code == 404
    assert registrar.get(url, {"page": "abc"}).status_code == 200
    assert registrar.get("/cases/99999999999999999999999999/").status_code == 404
    assert (
        registrar.get(f"/cases/{case_a.pk}/attachments/99999999999999999999999/").status_code == 404
    )


def test_a_regional_supervisor_sees_that_agency_and_below_only(
    personas: Personas, as_user: Callable[[User], Client]
) -> None:
    from gongkai_web.accounts.access import visible_agencies
    from gongkai_web.accounts.models import Agency, Membership, Role

    city = Agency.objects.create(name="某市人民政府", short_code="SZF")
    county = Agency.objects.create(name="某县人民政府", short_code="XZF", parent=city)
    personas.agency_a.parent = county
    personas.agency_a.save()
    watcher = User.objects.create_user("watcher")
    Membership.objects.create(user=watcher, agency=city, role=Role.SUPERVISOR)
    seen = set(visible_agencies(watcher))
    assert seen == {city, county, personas.agency_a}
    assert personas.agency_b not in seen
    assert set(visible_agencies(personas.supervisor)) == set(Agency.objects.all())
