"""The supervisor's board (published, late, draft, against the due dates) and the region
summary (its agencies summed cell by cell, checked against the region counted at once)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.reader import read_report
from gongkai.render import render_html
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.annual import drafting, publishing, supervision
from tests.web.annual.reports import fill_table2, year_2025
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def test_due_dates_follow_article_49(personas: Personas) -> None:
    assert supervision.due_date(personas.agency_a, 2025) == dt.date(2026, 1, 31)
    city = Agency.objects.create(name="某市人民政府", short_code="SZF", kind=AgencyKind.GOVERNMENT)
    assert supervision.due_date(city, 2025) == dt.date(2026, 3, 31)


def test_the_board_shows_published_late_and_draft(personas: Personas) -> None:
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(report, personas.reviewer)
    before_due = supervision.board(
        [personas.agency_a, personas.agency_b], 2025, dt.date(2026, 1, 10)
    )
    assert [(r.state, r.late) for r in before_due] == [("draft", False), ("not_started", False)]
    after_due = supervision.board([personas.agency_a, personas.agency_b], 2025, dt.date(2026, 2, 2))
    assert [r.label for r in after_due] == ["草稿，已逾期", "未起草，已逾期"]
    publishing.publish(report, personas.admin)  # today, after 31 January 2026
    row = supervision.board([personas.agency_a], 2025, dt.date(2026, 12, 1))[0]
    assert (row.state, row.late, row.versions) == ("published", True, 1)
    assert row.label == "已公开（第 1 版），逾期公开"


def test_the_region_sums_its_agencies_and_matches_the_cases(personas: Personas) -> None:
    city = Agency.objects.create(name="某市人民政府", short_code="SZF", kind=AgencyKind.GOVERNMENT)
    Agency.objects.filter(pk__in=[personas.agency_a.pk, personas.agency_b.pk]).update(parent=city)
    year_2025(personas)
    a = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(a, personas.reviewer, value=2)
    result = supervision.summary(city, 2025)
    assert [p.agency.name for p in result.parts] == ["某市人民政府", "某市教育局", "某市科学技术局"]
    assert [p.source for p in result.parts][1:] == ["按办理记录统计（未起草）", "草稿"]
    assert result.cells["t3.new.total"] == 4  # three of A, one of B
    assert result.mismatches == []
    assert result.cells["t2.license.decisions"] == 2  # only A has recorded decisions
    assert result.blanks["t2.license.decisions"] == ["某市人民政府", "某市教育局"]
    # a case registered after A's draft: the parts no longer add up to the region
    from gongkai_web.applications import services
    from tests.web.intake import intake

    services.register(personas.agency_a, intake(arrived=dt.date(2025, 9, 1)))
    later = supervision.summary(city, 2025)
    assert ("t3.new.total", 4, 5) in later.mismatches
    read = read_report(_write(later))
    assert read.cells["t3.new.total"] == 4


def _write(summary: supervision.Summary):  # type: ignore[no-untyped-def]
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "summary.html"
    path.write_text(render_html(summary.form()), encoding="utf-8")
    return path


def test_the_summary_command_exports_the_region(personas: Personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io
    import json

    from django.core.management import call_command

    city = Agency.objects.create(name="某市人民政府", short_code="SZF", kind=AgencyKind.GOVERNMENT)
    Agency.objects.filter(pk=personas.agency_a.pk).update(parent=city)
    year_2025(personas)
    out = tmp_path / "city.json"
    call_command(
        "annual_report", "summary", "--agency", "SZF", "--year", "2025",
        "--format", "json", "--out", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"] is True and data["agency"] == "某市人民政府及所属机关汇总"
    assert data["cells"]["t3.new.total"] == 3
    docx = tmp_path / "city.docx"
    call_command(
        "annual_report", "summary", "--agency", "SZF", "--year", "2025",
        "--format", "docx", "--out", str(docx), stdout=io.StringIO(),
    )  # fmt: skip
    assert read_report(docx).cells["t3.new.total"] == 3
