"""The library's pages and API by persona: an agency sees only its own reports and
findings, the supervisor the region; decisions and corrections are recorded beside what
was read; the year comparison, the overview, the sums and the exports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from gongkai_web.library.models import Correction, Decision, Finding, Report, Verdict
from tests.web.library.conftest import Library, needs_corpus

pytestmark = needs_corpus


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_an_agency_sees_only_its_own_reports_and_findings(
    library: Library, processed: dict[str, Report]
) -> None:
    kewei, office = processed["kewei-2024.md"], processed["shanghai-office-2025.md"]
    staff = client_for(library.kewei_staff)
    assert staff.get(f"/library/reports/{kewei.pk}/").status_code == 200
    assert staff.get(f"/library/reports/{office.pk}/").status_code == 404
    assert staff.get(f"/api/v1/library/reports/{office.pk}").status_code == 404
    listed = staff.get("/api/v1/library/reports").json()
    assert {r["agency"] for r in listed} == {"上海市科学技术委员会"}
    # staff may read but not decide
    finding = kewei.findings.first()
    assert finding is not None
    r = staff.post(f"/library/findings/{finding.pk}/decide/", {"verdict": "confirmed"})
    assert r.status_code == 403


def test_the_supervisor_sees_the_region_and_the_public_nothing(
    library: Library, processed: dict[str, Report]
) -> None:
    sup = client_for(library.supervisor)
    listed = sup.get(f"/api/v1/library/reports?region={library.region.pk}&year=2024").json()
    assert [r["filename"] for r in listed] == ["kewei-2024.md"]
    assert Client().get("/api/v1/library/reports").status_code == 401
    bad = sup.get("/api/v1/library/reports?year=二〇二四")
    assert bad.status_code == 400 and "参数 year 应为年度" in bad.json()["detail"]
    assert sup.get("/api/v1/library/reports?region=999999").status_code == 404
    assert Client().get("/library/overview/").status_code == 302
    spec = sup.get("/api/v1/openapi.json").json()
    assert "/api/v1/library/reports/{report_id}" in spec["paths"]


def test_a_finding_is_dismissed_with_a_reason_and_the_decision_is_kept(
    library: Library, processed: dict[str, Report]
) -> None:
    report = processed["kewei-2024.md"]
    finding = report.findings.first()
    assert finding is not None
    sup = client_for(library.supervisor)
    refused = sup.post(
        f"/library/findings/{finding.pk}/decide/",
        {"verdict": "dismissed", "reason": ""},
        follow=True,
    )
    assert "驳回须写明理由" in refused.content.decode()
    sup.post(f"/library/findings/{finding.pk}/decide/", {"verdict": "confirmed"})
    sup.post(
        f"/library/findings/{finding.pk}/decide/",
        {"verdict": "dismissed", "reason": "表格另有说明"},
    )
    finding.refresh_from_db()
    assert finding.verdict == Verdict.DISMISSED
    assert [d.verdict for d in Decision.objects.filter(finding=finding)] == [
        "confirmed",
        "dismissed",
    ]
    detail = sup.get(f"/api/v1/library/reports/{report.pk}").json()
    got = next(f for f in detail["findings"] if f["id"] == finding.pk)
    assert got["verdict"] == "dismissed" and got["decisions"][1]["reason"] == "表格另有说明"
    assert detail["provenance"] and detail["cells"]


def test_a_text_cell_shows_the_row_it_was_printed_in(
    library: Library, processed: dict[str, Report]
) -> None:
    report = processed["kewei-2024.md"]
    cell = "t3.new.total"
    where = report.provenance[cell]
    page = (
        client_for(library.supervisor)
        .get(f"/library/reports/{report.pk}/cells/{cell}/")
        .content.decode()
    )
    assert "所在行" in page and f"<mark>{where['text']}</mark>" in page
    assert where["row_text"][where["at"] : where["at"] + len(where["text"])] == where["text"]


def test_a_correction_is_kept_beside_the_value_read(
    library: Library, processed: dict[str, Report]
) -> None:
    report = processed["kewei-2024.md"]
    cell = next(iter(report.cells))
    sup = client_for(library.supervisor)
    sup.post(
        f"/library/reports/{report.pk}/correct/",
        {"cell": cell, "value": "12345", "reason": "原文为 12345"},
    )
    bad = sup.post(
        f"/library/reports/{report.pk}/correct/",
        {"cell": "t9.nothing", "value": "1", "reason": "x"},
        follow=True,
    )
    assert "没有单元格 t9.nothing" in bad.content.decode()
    report.refresh_from_db()
    assert Correction.objects.get(report=report).value == 12345
    assert report.cells[cell] != 12345  # the value read is never overwritten
    page = sup.get(f"/library/reports/{report.pk}/").content.decode()
    assert "更正：12345" in page


def test_the_year_comparison_shows_cells_sections_and_the_copied_text(
    library: Library, processed: dict[str, Report]
) -> None:
    later = processed["kewei-2024.md"]
    page = (
        client_for(library.supervisor).get(f"/library/reports/{later.pk}/compare/").content.decode()
    )
    assert "2023 与 2024 年度报告比较" in page and "重复率" in page
    assert Finding.objects.filter(report=later, year_rule=True, rule="year.copied_text").exists()


def test_the_overview_shows_who_published_and_the_heatmap_data(
    library: Library, processed: dict[str, Report]
) -> None:
    sup = client_for(library.supervisor)
    page = sup.get(f"/library/overview/?region={library.region.pk}&year=2024").content.decode()
    assert "上海市科学技术委员会" in page and "未公开" in page  # the office has no 2024 report
    assert 'id="heatmap-data"' in page and "<script>" not in page.replace(
        '<script id="heatmap-data" type="application/json">', ""
    )
    searched = sup.get(
        f"/library/overview/?region={library.region.pk}&year=2024&q=办公厅"
    ).content.decode()
    assert "上海市人民政府办公厅" in searched and "kewei-2024.md" not in searched
    sums = sup.get(f"/library/overview/sums/?region={library.region.pk}&year=2024").content.decode()
    assert "t3.new.total" in sums


def test_the_exports_open_in_their_formats(library: Library, processed: dict[str, Report]) -> None:
    from docx import Document
    from openpyxl import load_workbook

    finding = processed["kewei-2024.md"].findings.first()
    assert finding is not None
    Finding.objects.filter(pk=finding.pk).update(verdict=Verdict.CONFIRMED)
    sup = client_for(library.supervisor)
    q = f"?region={library.region.pk}&year=2024"
    word = Document(io.BytesIO(sup.get(f"/library/overview/export.docx{q}").content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "上海市科学技术委员会" in text and finding.message in text
    pdf = sup.get(f"/library/overview/export.pdf{q}").content
    assert pdf.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(sup.get(f"/library/overview/export.xlsx{q}").content))
    header = [c.value for c in book["年报数据"][1]]
    assert header[:2] == ["agency", "year"] and "t3.new.total" in header
    csv_text = sup.get(f"/library/overview/export.csv{q}").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("agency,year,file")
    assert sup.get(f"/library/overview/export.exe{q}").status_code == 404


@pytest.mark.parametrize("cell", ["t3.new.natural"])
def test_a_pdf_cell_shows_its_page_with_the_value_boxed(
    library: Library, django_capture_on_commit_callbacks: Any, cell: str
) -> None:
    from tests.web.library.conftest import corpus_bytes, upload

    with django_capture_on_commit_callbacks(execute=True):
        upload(library.supervisor, ("szfgs2024.pdf", corpus_bytes("szfgs2024.pdf")))
    report = Report.objects.get()
    assert report.match == "unmatched"  # 淮安市人民政府 is not in this region's tree
    sup = client_for(library.supervisor)
    page = sup.get(f"/library/reports/{report.pk}/cells/{cell}/").content.decode()
    assert "第 4 页" in page and "3001" in page
    png = sup.get(f"/library/reports/{report.pk}/cells/{cell}/page.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    sup.post(f"/library/reports/{report.pk}/match/", {"agency": library.region.pk, "year": 2024})
    report.refresh_from_db()
    assert report.agency == library.region and report.match == "confirmed"


def test_a_region_with_regions_under_it_is_shown_by_part(
    library: Library, processed: dict[str, Report]
) -> None:
    from gongkai_web.accounts.models import Agency, AgencyKind

    district = Agency.objects.create(
        name="上海市浦东新区人民政府",
        short_code="PD",
        kind=AgencyKind.GOVERNMENT,
        parent=library.region,
    )
    Agency.objects.create(name="上海市浦东新区科学技术委员会", short_code="PDKW", parent=district)
    sup = client_for(library.supervisor)
    page = sup.get(f"/library/overview/?region={library.region.pk}&year=2024").content.decode()
    assert "各地区" in page and f"?region={district.pk}&amp;year=2024" in page
    assert "上海市浦东新区科学技术委员会" not in page  # counted in its district's line
    found = sup.get(
        f"/library/overview/?region={library.region.pk}&year=2024&q=浦东新区科学"
    ).content.decode()
    assert "上海市浦东新区科学技术委员会" in found


def test_a_bad_year_or_region_on_the_overview_is_named_in_chinese(library: Library) -> None:
    page = client_for(library.supervisor).get("/library/overview/?year=abc&region=999999")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'class="field has-error"' in text
    assert "输入整数" in text and "选择一个有效的选项" in text
