"""Staff pages with personas: staff of another agency get 404, a supervisor reads but cannot
act (403), the drafter cannot sign, each step goes through the page and its service."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from gongkai_web.catalogue import services
from gongkai_web.catalogue.models import Item, ItemStatus
from tests.web.catalogue.conftest import category, draft_data
from tests.web.conftest import Personas


def test_review_flow_through_the_pages(
    cat: Personas, as_user: Callable[..., Client], frozen_today: object
) -> None:
    handler = as_user(cat.handler)
    form = {
        "agency": cat.agency_a.pk,
        "title": "关于公布2026年科技计划立项项目的公告",
        "issuing_body": cat.agency_a.name,
        "formed_on": "2026-03-02",
        "category": category(cat.agency_a).pk,
        "genre": "announcement",
        "doc_class": "ordinary",
        "disclosure": "proactive",
        "channels": ["wechat"],
    }
    response = handler.post("/catalogue/new/", form)
    item = Item.objects.get()
    assert response.status_code == 302 and item.status == ItemStatus.DRAFT
    handler.post(f"/catalogue/{item.pk}/steps/submit/")
    assert handler.post(f"/catalogue/{item.pk}/steps/clear/").status_code == 403
    reviewer, admin = as_user(cat.reviewer), as_user(cat.admin)
    reviewer.post(f"/catalogue/{item.pk}/steps/clear/", {"note": "不涉密"})
    reviewer.post(f"/catalogue/{item.pk}/steps/sign/", {"note": "同意"})
    page = reviewer.post(f"/catalogue/{item.pk}/steps/sign/", follow=True)
    assert "同一人不能审签" in page.content.decode()
    admin.post(f"/catalogue/{item.pk}/steps/sign/")
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.published_on.isoformat() == "2026-03-10"
    detail = admin.get(f"/catalogue/{item.pk}/").content.decode()
    assert "保密审查通过" in detail and "第 2 级" in detail


def test_send_back_needs_a_reason_shown_in_chinese(
    cat: Personas, as_user: Callable[..., Client]
) -> None:
    item = services.create_item(cat.agency_a, draft_data(cat.agency_a), cat.handler)
    services.submit(item, cat.handler)
    page = as_user(cat.reviewer).post(f"/catalogue/{item.pk}/steps/send_back/", follow=True)
    assert "请写明理由" in page.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.CONFIDENTIALITY


def test_another_agency_gets_404_and_a_supervisor_only_reads(
    cat: Personas, as_user: Callable[..., Client], publish: Callable[..., Item]
) -> None:
    item = publish()
    outsider, supervisor = as_user(cat.outsider), as_user(cat.supervisor)
    assert outsider.get(f"/catalogue/{item.pk}/").status_code == 404
    assert (
        outsider.post(f"/catalogue/{item.pk}/steps/withdraw/", {"reason": "x"}).status_code == 404
    )
    assert item.title not in outsider.get("/catalogue/").content.decode()
    assert supervisor.get(f"/catalogue/{item.pk}/").status_code == 200
    assert (
        supervisor.post(f"/catalogue/{item.pk}/steps/withdraw/", {"reason": "x"}).status_code == 403
    )
    assert supervisor.get("/catalogue/new/").status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


def test_registers_page_saves_months_and_shows_table2(
    cat: Personas, as_user: Callable[..., Client]
) -> None:
    admin = as_user(cat.admin)
    months = {"form": "months", "agency": cat.agency_a.pk, "year": 2025, "kind": "license"}
    admin.post("/catalogue/registers/", months | {"m1": "3", "m2": "4"})
    page = admin.get(f"/catalogue/registers/?agency={cat.agency_a.pk}&year=2025").content.decode()
    assert 'data-row="license"' in page and ">7<" in page
    from gongkai_web.applications.models import AuditEntry

    logged = AuditEntry.objects.get(action="register", actor=cat.admin)
    assert logged.changes["months"] == {"1": [None, "3"], "2": [None, "4"]}
    bad = admin.post("/catalogue/registers/", months | {"m3": "三"}, follow=True)
    assert "决定数量应为整数" in bad.content.decode()
    supervisor = as_user(cat.supervisor)
    assert supervisor.post("/catalogue/registers/", months | {"m1": "9"}).status_code == 403


def test_dashboard_lists_overdue_items(
    cat: Personas, as_user: Callable[..., Client], frozen_today: object
) -> None:
    late = draft_data(
        cat.agency_a,
        title="早已形成尚未公开的通知",
        formed_on=__import__("datetime").date(2026, 1, 5),
    )
    services.create_item(cat.agency_a, late, cat.handler)
    home = as_user(cat.handler).get("/").content.decode()
    assert "早已形成尚未公开的通知" in home and "已逾期未公开" in home
    assert "早已形成" not in as_user(cat.outsider).get("/").content.decode()


def test_only_the_admin_changes_settings(cat: Personas, as_user: Callable[..., Client]) -> None:
    url = f"/catalogue/settings/{cat.agency_a.pk}/"
    form = {"index_scheme": "code_year_seq", "signoff_levels": "3", "guide_note": "周六不办公"}
    assert as_user(cat.reviewer).post(url, form).status_code == 403
    assert as_user(cat.outsider).get(url).status_code == 404
    assert as_user(cat.admin).post(url, form).status_code == 302
    saved = services.settings_for(cat.agency_a)
    assert (saved.index_scheme, saved.signoff_levels) == ("code_year_seq", 3)
    assert "周六不办公" in Client().get(f"/open/{cat.agency_a.short_code}/guide/").content.decode()
