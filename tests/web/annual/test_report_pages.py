"""The annual report's pages for each persona: staff of the agency, another agency's staff,
the supervisor, the public."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.annual import drafting, publishing
from gongkai_web.annual.models import AnnualReport
from tests.web.annual.reports import fill_table2, year_2025
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


def url(name: str, p: Personas, **kw: object) -> str:
    return reverse(f"annual:{name}", kwargs={"code": p.agency_a.short_code, "year": 2025, **kw})


def test_table_2_from_the_registers_is_shown_not_typed(personas: Personas, as_user: Login) -> None:
    drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    page = as_user(personas.reviewer).get(url("report", personas)).content.decode()
    assert "表二由主动公开目录统计" in page and "保存表二" not in page


def test_the_reviewer_drafts_and_edits_from_the_page(
    personas: Personas, as_user: Login, without_registers: None
) -> None:
    year_2025(personas)
    client = as_user(personas.reviewer)
    page = client.get(url("report", personas))
    assert "根据办理记录起草" in page.content.decode()
    client.post(url("start", personas))
    report = AnnualReport.objects.get()
    page = client.get(url("report", personas)).content.decode()
    assert "主动公开目录尚未接入本平台：表二由人工填写" in page
    assert "新收政府信息公开申请3件" in page
    response = client.post(url("table2", personas), {"t2.rules.made": "x"}, follow=True)
    assert "表二填写有误" in response.content.decode()
    client.post(url("sections", personas), {"problems": "人员不足。", "other": "无。"})
    report.refresh_from_db()
    assert report.sections["problems"] == "人员不足。"
    # the reviewer may not publish
    assert client.post(url("publish", personas)).status_code == 403


def test_the_admin_publishes_and_the_public_sees_the_versions(
    personas: Personas, as_user: Login, client: Client
) -> None:
    year_2025(personas)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(report, personas.reviewer)
    admin = as_user(personas.admin)
    response = admin.post(url("publish", personas), follow=True)
    assert "年度报告已公开" in response.content.decode()
    publishing.start_correction(report, personas.admin)
    admin.post(url("sections", personas), {"problems": "补充说明。"})
    admin.post(url("publish", personas), {"change_note": "补充第五部分"})
    portal = reverse("annual:published", kwargs={"code": personas.agency_a.short_code})
    page = client.get(portal).content.decode()  # anonymous
    assert "现行版本：第 2 版" in page and "历史版本（1）" in page and "补充第五部分" in page
    year_page = client.get(reverse("annual:published_report", kwargs={"code": "KJJ", "year": 2025}))
    assert "补充说明。" in year_page.content.decode()
    old = client.get(
        reverse("annual:published_report", kwargs={"code": "KJJ", "year": 2025}) + "?version=1"
    )
    assert "已被第 2 版更正" in old.content.decode() and "补充说明。" not in old.content.decode()
    pdf = client.get(
        reverse(
            "annual:published_file", kwargs={"code": "KJJ", "year": 2025, "number": 1, "fmt": "pdf"}
        )
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    missing = reverse(
        "annual:published_file", kwargs={"code": "KJJ", "year": 2025, "number": 9, "fmt": "pdf"}
    )
    assert client.get(missing).status_code == 404


def test_another_agency_s_staff_get_404_everywhere(personas: Personas, as_user: Login) -> None:
    drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    outsider = as_user(personas.outsider)
    for name in ("report", "start", "recompute", "publish", "correct"):
        method = outsider.get if name == "report" else outsider.post
        assert method(url(name, personas)).status_code == 404, name
    assert outsider.get(url("download", personas, fmt="json")).status_code == 404
    board = outsider.get(reverse("annual:reports") + "?year=2025").content.decode()
    assert personas.agency_a.name not in board


def test_the_supervisor_reads_every_agency_but_changes_nothing(
    personas: Personas, as_user: Login
) -> None:
    drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    supervisor = as_user(personas.supervisor)
    board = supervisor.get(reverse("annual:reports") + "?year=2025").content.decode()
    assert personas.agency_a.name in board and personas.agency_b.name in board
    assert "2026年1月31日" in board
    page = supervisor.get(url("report", personas)).content.decode()
    assert "保存正文" not in page and "锁定版本" not in page
    assert supervisor.post(url("recompute", personas)).status_code == 403
    assert supervisor.get(url("download", personas, fmt="docx")).status_code == 200


def test_the_handler_reads_but_does_not_draft(personas: Personas, as_user: Login) -> None:
    handler = as_user(personas.handler)
    assert handler.get(url("report", personas)).status_code == 200
    assert handler.post(url("start", personas)).status_code == 403
    assert not AnnualReport.objects.exists()


def test_the_public_is_sent_to_log_in_for_drafts(personas: Personas, client: Client) -> None:
    response = client.get(url("report", personas))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("annual:published", kwargs={"code": "NOPE"})).status_code == 404


def test_a_bad_format_or_version_is_404(personas: Personas, as_user: Login) -> None:
    drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    reviewer = as_user(personas.reviewer)
    assert reviewer.get(url("download", personas, fmt="exe")).status_code == 404
    assert reviewer.get(url("download", personas, fmt="pdf") + "?version=x").status_code == 404


def test_an_import_from_the_page_reports_problems_in_chinese(
    personas: Personas, as_user: Login
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    reviewer = as_user(personas.reviewer)
    target = reverse("annual:import", kwargs={"code": "KJJ"})
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    page = reviewer.post(target, {"file": upload, "back_year": "2025"}, follow=True)
    assert "无法读取该文件" in page.content.decode()
    page = reviewer.post(target, {"back_year": "2025"}, follow=True)
    assert "请选择要导入的年度报告文件" in page.content.decode()


def test_the_api_lists_published_versions_only(personas: Personas, client: Client) -> None:
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(report, personas.reviewer)
    api = "/api/v1/annual/KJJ"
    assert client.get(api).json() == []  # a draft is not published
    publishing.publish(report, personas.admin)
    publishing.start_correction(report, personas.admin)
    publishing.publish(report, personas.admin, "更正表三")
    body = client.get(api).json()
    assert [(v["year"], v["version"], v["current"]) for v in body] == [
        (2025, 2, True),
        (2025, 1, False),
    ]
    assert body[0]["change_note"] == "更正表三" and body[0]["cells"]["t3.new.total"] == 0
    assert client.get("/api/v1/annual/NOPE").status_code == 404
    assert "/annual/{code}" in client.get("/api/v1/openapi.json").content.decode()


def test_a_region_supervisor_sees_the_summary_of_its_region_only(
    personas: Personas, as_user: Login
) -> None:
    from gongkai_web.accounts.models import Agency, AgencyKind, Membership, Role

    city = Agency.objects.create(name="某市人民政府", short_code="SZF", kind=AgencyKind.GOVERNMENT)
    Agency.objects.filter(pk=personas.agency_a.pk).update(parent=city)
    watcher = User.objects.create_user("region")
    Membership.objects.create(user=watcher, agency=city, role=Role.SUPERVISOR)
    client = as_user(watcher)
    board = client.get(reverse("annual:reports") + "?year=2025").content.decode()
    assert personas.agency_a.name in board and personas.agency_b.name not in board
    assert "某市人民政府及所属机关 2025 年度汇总" in board
    page = client.get(reverse("annual:summary", kwargs={"code": "SZF", "year": 2025}))
    assert "区域与各部分之和的核对" in page.content.decode()
    other = reverse("annual:summary", kwargs={"code": personas.agency_b.short_code, "year": 2025})
    assert client.get(other).status_code == 404
    docx = client.get(
        reverse("annual:summary", kwargs={"code": "SZF", "year": 2025}) + "?format=docx"
    )
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
