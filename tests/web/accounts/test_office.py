"""Setting up an office through the pages (issue 9): the agency admin keeps the agency's
settings and its staff; a supervisor keeps the agencies of the region; nobody else may."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai.identifiers import uscc_check_char
from gongkai_web.accounts.access import visible_agencies
from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications.models import AuditEntry
from tests.web.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
GOOD_CODE = "11320800MB0000000"
GOOD_CODE += uscc_check_char(GOOD_CODE)


def settings_url(p: Personas) -> str:
    return reverse("office-agency", args=[p.agency_a.pk])


def test_an_agency_admin_keeps_the_agency_settings(personas: Personas, as_user: Login) -> None:
    admin = as_user(personas.admin)
    assert admin.get(reverse("office"))["Location"] == settings_url(personas)
    data = {
        "address": "某市人民路 1 号",
        "postcode": "223001",
        "phone": "0517-1234567",
        "email": "gk@example.cn",
        "website": "https://kjj.example.cn",
        "office_hours": "工作日 9:00—17:00",
        "org_code": GOOD_CODE.lower(),
        "review_body": "某市人民政府",
        "court": "某市某区人民法院",
    }
    assert admin.post(settings_url(personas), data).status_code == 302
    agency = Agency.objects.get(pk=personas.agency_a.pk)
    assert agency.org_code == GOOD_CODE and agency.court == "某市某区人民法院"
    assert AuditEntry.objects.filter(action="agency_changed", actor=personas.admin).exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"org_code": GOOD_CODE[:17] + ("0" if GOOD_CODE[17] != "0" else "1")}, "校验位不对"),
        ({"org_code": "123"}, "应为 18 位"),
        ({"postcode": "22300"}, "6 位数字"),
        ({"email": "not-mail"}, "电子邮箱格式不正确"),
    ],
)
def test_bad_settings_are_refused_with_a_chinese_message(
    personas: Personas, as_user: Login, change: dict[str, str], message: str
) -> None:
    response = as_user(personas.admin).post(settings_url(personas), change)
    assert response.status_code == 200 and message in response.content.decode()


def test_only_the_admin_or_a_supervisor_reaches_the_settings(
    personas: Personas, as_user: Login, client: Client
) -> None:
    for person in (personas.registrar, personas.handler, personas.reviewer):
        assert as_user(person).get(settings_url(personas)).status_code == 403
    assert as_user(personas.outsider).get(settings_url(personas)).status_code == 404
    assert client.get(settings_url(personas)).status_code == 302  # to the login page
    assert as_user(personas.supervisor).get(settings_url(personas)).status_code == 200


def test_the_admin_creates_staff_who_can_log_in_with_their_roles(
    personas: Personas, as_user: Login
) -> None:
    admin = as_user(personas.admin)
    url = reverse("office-staff-new", args=[personas.agency_a.pk])
    data = {"username": "wang.wu", "name": "王五", "password": PASSWORD, "roles": ["handler"]}
    assert admin.post(url, data).status_code == 302
    person = User.objects.get(username="wang.wu")
    assert person.first_name == "王五"
    assert list(Membership.objects.filter(user=person).values_list("role", flat=True)) == [
        "handler"
    ]
    fresh = Client()
    assert (
        fresh.post(reverse("login"), {"username": "wang.wu", "password": PASSWORD}).status_code
        == 302
    )
    taken = admin.post(url, data | {"username": "WANG.WU"})
    assert "这个登录名已被使用" in taken.content.decode()
    weak = admin.post(url, data | {"username": "zhao", "password": "123"})
    assert weak.status_code == 200 and "密码" in weak.content.decode()


def test_roles_change_and_staff_are_deactivated_never_deleted(
    personas: Personas, as_user: Login
) -> None:
    admin = as_user(personas.admin)
    url = reverse("office-staff", args=[personas.agency_a.pk, personas.handler.pk])
    data = {"name": "承办甲", "roles": ["handler", "reviewer"], "active": "on"}
    assert admin.post(url, data).status_code == 302
    roles = set(Membership.objects.filter(user=personas.handler).values_list("role", flat=True))
    assert roles == {"handler", "reviewer"}
    assert admin.post(url, {"name": "承办甲", "roles": ["handler"]}).status_code == 302
    handler = User.objects.get(pk=personas.handler.pk)
    assert not handler.is_active and handler.first_name == "承办甲"
    assert (
        Client().post(reverse("login"), {"username": "handler_a", "password": PASSWORD}).status_code
        != 302
    )


def test_an_admin_cannot_lock_themselves_out(personas: Personas, as_user: Login) -> None:
    admin = as_user(personas.admin)
    url = reverse("office-staff", args=[personas.agency_a.pk, personas.admin.pk])
    refused = admin.post(url, {"name": "管理员", "roles": ["handler"], "active": "on"})
    assert "不能停用自己或取消自己的管理员岗位" in refused.content.decode()
    assert Membership.objects.filter(user=personas.admin, role=Role.ADMIN).exists()


def test_the_admin_resets_a_password(personas: Personas, as_user: Login) -> None:
    admin = as_user(personas.admin)
    url = reverse("office-staff-password", args=[personas.agency_a.pk, personas.registrar.pk])
    assert admin.post(url, {"password": "a-brand-new-secret-9"}).status_code == 302
    assert User.objects.get(pk=personas.registrar.pk).check_password("a-brand-new-secret-9")
    assert AuditEntry.objects.filter(action="password_reset").count() == 1


def test_an_admin_cannot_touch_another_agencys_people_or_a_supervisor(
    personas: Personas, as_user: Login
) -> None:
    admin = as_user(personas.admin)
    other = reverse("office-staff", args=[personas.agency_a.pk, personas.outsider.pk])
    assert admin.get(other).status_code == 404
    Membership.objects.create(user=personas.supervisor, agency=personas.agency_a, role=Role.HANDLER)
    boss = reverse("office-staff-password", args=[personas.agency_a.pk, personas.supervisor.pk])
    assert admin.post(boss, {"password": "taking-over-123"}).status_code in (403, 404)
    assert User.objects.get(pk=personas.supervisor.pk).check_password(PASSWORD)


def test_a_supervisor_builds_the_region_tree(personas: Personas, as_user: Login) -> None:
    supervisor = as_user(personas.supervisor)
    new = reverse("office-agency-new")
    data = {"name": "某市人民政府", "short_code": "szf", "kind": "government", "parent": ""}
    assert supervisor.post(new, data).status_code == 302
    city = Agency.objects.get(short_code="SZF")
    edit = reverse("office-agency-edit", args=[personas.agency_a.pk])
    moved = {"name": personas.agency_a.name, "short_code": "KJJ", "kind": "department"}
    assert supervisor.post(edit, moved | {"parent": city.pk}).status_code == 302
    assert Agency.objects.get(pk=personas.agency_a.pk).parent == city
    # never under itself or its own subtree
    loop = supervisor.post(
        reverse("office-agency-edit", args=[city.pk]),
        data | {"short_code": "SZF", "parent": personas.agency_a.pk},
    )
    assert loop.status_code == 200 and Agency.objects.get(pk=city.pk).parent is None
    page = supervisor.get(reverse("office-agencies")).content.decode()
    assert page.index("某市人民政府") < page.index(personas.agency_a.name)


def test_a_regional_supervisor_manages_only_the_region(personas: Personas, as_user: Login) -> None:
    city = Agency.objects.create(name="某市人民政府", short_code="SZF")
    personas.agency_a.parent = city
    personas.agency_a.save()
    watcher = User.objects.create_user("watcher", password=PASSWORD)
    Membership.objects.create(user=watcher, agency=city, role=Role.SUPERVISOR)
    client = as_user(watcher)
    assert set(visible_agencies(watcher)) == {city, personas.agency_a}
    assert client.get(reverse("office-agency-edit", args=[personas.agency_a.pk])).status_code == 200
    assert client.get(reverse("office-agency-edit", args=[personas.agency_b.pk])).status_code == 404
    page = client.get(reverse("office-agency-new")).content.decode()
    assert personas.agency_b.name not in page and city.name in page


def test_menus_offer_only_what_the_role_may_use(personas: Personas, as_user: Login) -> None:
    def menu(client: Client) -> str:
        return client.get(reverse("home")).content.decode().split("</nav>")[0]

    assert "机关设置与人员" in menu(as_user(personas.admin))
    assert "机关与区域" not in menu(as_user(personas.admin))
    assert "机关与区域" in menu(as_user(personas.supervisor))
    handler = menu(as_user(personas.handler))
    assert "机关设置与人员" not in handler and "登记申请" not in handler
    assert "登记申请" in menu(as_user(personas.registrar))
    assert "登记申请" not in menu(as_user(personas.supervisor))
