"""Every demo agency and year, exported by the command in each format, reads back through
``gongkai parse`` to exactly the cells of its JSON, with no warning; and the command's errors."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.gold import same_value
from gongkai.reader import read_report
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.annual import drafting
from tests.web.annual.reports import fill_table2

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
YEARS = (2025, 2026)


def export(code: str, year: int, fmt: str, out: Path) -> Path:
    call_command(
        "annual_report", "export", "--agency", code, "--year", str(year),
        "--format", fmt, "--out", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    return out


def test_every_demo_agency_and_year_reads_back_exactly(tmp_path: Path) -> None:
    call_command("seed_demo", "--cases", "160", "--today", TODAY.isoformat(), stdout=io.StringIO())
    agencies = list(Agency.objects.all())
    assert len(agencies) >= 4
    for agency in agencies:
        for year in YEARS:
            report = drafting.get_or_create(agency, year)
            fill_table2(report, None, value=1 if agency.kind == AgencyKind.GOVERNMENT else 3)
            stem = tmp_path / f"{agency.short_code}-{year}"
            data = json.loads(
                export(agency.short_code, year, "json", stem.with_suffix(".json")).read_text()
            )
            assert data["year"] == year and data["template"] == "2021"
            assert data["cells"]["t3.new.total"] == report.cells["t3.new.total"]
            for fmt in ("docx", "pdf", "html"):
                read = read_report(
                    export(agency.short_code, year, fmt, stem.with_suffix(f".{fmt}"))
                )
                where = f"{agency.short_code} {year} {fmt}"
                assert read.warnings == (), where
                assert (read.year, read.template.value) == (year, "2021"), where
                assert set(read.cells) == set(data["cells"]), where
                wrong = [k for k, v in data["cells"].items() if not same_value(k, read.cells[k], v)]
                assert wrong == [], where


def test_the_command_names_unknown_agencies_years_and_formats(tmp_path: Path) -> None:
    Agency.objects.create(name="某市科学技术局", short_code="KJJ")
    out = tmp_path / "x.json"
    with pytest.raises(CommandError, match="没有简称代码为“NOPE”的机关"):
        export("NOPE", 2025, "json", out)
    with pytest.raises(CommandError, match="年度应在 2019 至"):
        export("KJJ", 2015, "json", out)
    with pytest.raises(CommandError, match="不支持的格式“xls”"):
        export("KJJ", 2025, "xls", out)
    with pytest.raises(CommandError, match="不是数字"):
        call_command(
            "annual_report", "export", "--agency", "KJJ", "--year", "去年",
            "--out", str(out), stdout=io.StringIO(),
        )  # fmt: skip
    assert not out.exists()


def test_the_command_exports_the_published_version(tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    from gongkai_web.annual import publishing

    agency = Agency.objects.create(name="某市科学技术局", short_code="KJJ")
    report = drafting.get_or_create(agency, 2025)
    fill_table2(report, None)
    publishing.publish(report, User.objects.create_user("admin"))
    publishing.start_correction(report, None)
    drafting.save_sections(report, {"problems": "更正中的新文字"}, None)
    data = json.loads(export("KJJ", 2025, "json", tmp_path / "v.json").read_text())
    assert data["version"] == 1 and data["sections"]["problems"] == ""
