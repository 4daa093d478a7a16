"""A person's work on a report: decisions on findings, corrections of misread cells, and
confirming or correcting its agency and year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from gongkai.catalogue.forms import all_cell_ids
from gongkai_web.accounts.models import Agency
from gongkai_web.library.errors import LibraryError
from gongkai_web.library.models import Correction, Decision, Finding, Match, Report, Status
from gongkai_web.library.services.processing import compare_years


def decide(finding: Finding, verdict: str, reason: str, user: Any) -> Decision:
    with transaction.atomic():
        decision = Decision.objects.create(
            finding=finding, verdict=verdict, reason=reason.strip(), decided_by=user
        )
        Finding.objects.filter(pk=finding.pk).update(verdict=verdict)
    return decision


def correct(report: Report, cell: str, value: Decimal, reason: str, user: Any) -> Correction:
    if cell not in all_cell_ids():
        raise LibraryError(f"没有单元格 {cell}（见单元格编号表）")
    return Correction.objects.create(
        report=report, cell=cell, value=value, reason=reason.strip(), corrected_by=user
    )


def corrections(report: Report) -> dict[str, Correction]:
    """The latest correction of each corrected cell."""
    latest: dict[str, Correction] = {}
    for c in report.corrections.select_related("corrected_by").order_by("corrected_at", "id"):
        latest[c.cell] = c
    return latest


def confirm_match(report: Report, agency: Agency, year: int, published_on: dt.date | None) -> None:
    """A person sets the report's agency and year (and publication date)."""
    if report.status != Status.DONE:
        raise LibraryError("文件尚未读取成功，不能确认机关和年度")
    before = (report.agency_id, report.year)
    report.agency, report.year, report.match = agency, year, Match.CONFIRMED
    report.published_on = published_on
    report.save(update_fields=["agency", "year", "match", "published_on"])
    if before != (agency.pk, year):
        compare_years(report)
