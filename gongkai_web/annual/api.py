"""The published annual reports as JSON under ``/api/v1/annual/``: locked versions only,
cells in the catalogue's ids (``../shared/spec/cells.md``)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai_web.accounts.models import Agency
from gongkai_web.annual.models import Version

PREFIX = "/annual"
router = Router(tags=["政府信息公开工作年度报告"])


class VersionOut(Schema):
    agency: str
    agency_code: str
    year: int
    template: str
    version: int
    current: bool
    published_at: dt.datetime
    change_note: str
    url: str
    cells: dict[str, int | float | None]
    sections: dict[str, str]


@router.get("/{code}", response=list[VersionOut], summary="某机关已公开的年度报告（各版本）")
def published(request: HttpRequest, code: str) -> list[dict[str, object]]:
    agency = Agency.objects.filter(short_code=code).first()
    if agency is None:
        raise HttpError(404, f"没有简称代码为“{code}”的机关")
    versions = list(
        Version.objects.filter(report__agency=agency)
        .select_related("report")
        .order_by("-report__year", "-number")
    )
    latest: dict[int, int] = {}
    for v in versions:
        latest.setdefault(v.report.year, v.number)
    return [
        {
            "agency": v.agency_name,
            "agency_code": code,
            "year": v.report.year,
            "template": v.template,
            "version": v.number,
            "current": latest[v.report.year] == v.number,
            "published_at": v.published_at,
            "change_note": v.change_note,
            "url": reverse("annual:published_report", kwargs={"code": code, "year": v.report.year})
            + f"?version={v.number}",
            "cells": v.cells,
            "sections": v.sections,
        }
        for v in versions
    ]
