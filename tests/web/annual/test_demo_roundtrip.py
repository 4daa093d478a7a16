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
from gongkai_web.accounts.models import Agency
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
    """The demo as seeded (cases, catalogue, registers). A cell the registers leave blank
    prints blank; the reader gives it as null or, in table 2, leaves it out, naming it in a
    warning — the only warnings allowed, and a report with no blank has none."""
    call_command("seed_demo", "--cases", "160", "--today", TODAY.isoformat(), stdout=io.StringIO())
    agencies = list(Agency.objects.all())
    assert len(agencies) >= 4
    complete = 0
    for agency in agencies:
        for year in YEARS:
            stem = tmp_path / f"{agency.short_code}-{year}"
            data = json.loads(
                export(agency.short_code, year, "json", stem.with_suffix(".json")).read_text()
            )
            assert (data["year"], data["template"]) == (year, "2021")
            cells = data["cells"]
            blanks = {k for k, v in cells.items() if v is None}
            complete += not blanks
            for fmt in ("docx", "pdf", "html"):
                read = read_report(
                    export(agency.short_code, year, fmt, stem.with_suffix(f".{fmt}"))
                )
                where = f"{agency.short_code} {year} {fmt}"
                assert (read.year, read.template.value) == (year, "2021"), where
                named = {c for w in read.warnings for c in w.cells}
                assert {w.code for w in read.warnings} <= {"blank_cell", "cells_missing"}, where
                assert named == blanks, where
                assert set(cells) - set(read.cells) <= {k for k in blanks if k.startswith("t2.")}
                wrong = [
                    k
                    for k, v in cells.items()
                    if k in read.cells
                    and not (
                        read.cells[k] is None if v is None else same_value(k, read.cells[k], v)
                    )
                ]
                assert wrong == [], where
    assert complete >= 2  # some demo reports have no blank at all: read back with no warning


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
