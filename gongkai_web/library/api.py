"""The library's API: reports of a region and year, and one report's cells, provenance and
findings with decisions. Logged-in users only (session): 401 without a login, 404 for a
report or region the user may not see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai_web.library import access
from gongkai_web.library.models import Report

PREFIX = "/library"
router = Router(tags=["年报库"])


class ReportItem(Schema):
    id: int
    agency: str | None
    agency_id: int | None
    agency_read: str
    year: int | None
    match: str
    status: str
    reason: str
    filename: str
    template: str
    errors: int
    warnings: int
    published_on: dt.date | None


class DecisionOut(Schema):
    verdict: str
    reason: str
    by: str
    at: dt.datetime


class FindingOut(Schema):
    id: int
    rule: str
    severity: str
    cells: list[str]
    message: str
    evidence: list[dict[str, Any]]
    year_rule: bool
    verdict: str
    decisions: list[DecisionOut]


class CorrectionOut(Schema):
    cell: str
    value: float
    reason: str
    by: str
    at: dt.datetime


class ReportDetail(ReportItem):
    cells: dict[str, int | float]
    provenance: dict[str, dict[str, Any]]
    corrections: list[CorrectionOut]
    findings: list[FindingOut]


def _user(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise HttpError(401, "请先登录")
    return user


def _number(text: str | None, name: str, meaning: str) -> int | None:
    """A query parameter that must be a whole number; a Chinese 400 otherwise."""
    if text is None or text == "":
        return None
    if not text.isdigit() or len(text) > 12:
        raise HttpError(400, f"参数 {name} 应为{meaning}（正整数），收到：{text[:20]}")
    return int(text)


def _item(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "agency": r.agency.name if r.agency else None,
        "agency_id": r.agency_id,
        "agency_read": r.agency_read,
        "year": r.year,
        "match": r.match,
        "status": r.status,
        "reason": r.reason,
        "filename": r.filename,
        "template": r.template,
        "errors": r.errors,
        "warnings": r.warnings_count,
        "published_on": r.published_on,
    }


@router.get("/reports", response=list[ReportItem], summary="某地区某年度的年报")
def reports(
    request: HttpRequest, region: str | None = None, year: str | None = None
) -> list[dict[str, Any]]:
    """``region``: an agency id (the region's whole subtree); ``year``: the report year."""
    user = _user(request)
    region_id, year_number = _number(region, "region", "地区编号"), _number(year, "year", "年度")
    found = (
        access.visible_reports(user)
        .select_related("agency")
        .defer("cells", "provenance", "document", "sections", "warnings", "not_checked")
    )
    if region_id is not None:
        try:
            place = access.get_region(user, region_id)
        except Http404 as exc:
            raise HttpError(404, "没有这个地区") from exc
        assert place is not None
        found = found.filter(access.in_region(place.pk))
    if year_number is not None:
        found = found.filter(year=year_number)
    return [_item(r) for r in found.order_by("agency__name", "id")[:10_000]]


@router.get(
    "/reports/{report_id}", response=ReportDetail, summary="一份年报：单元格、出处、审核发现与结论"
)
def report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    user = _user(request)
    r = access.visible_reports(user).select_related("agency").filter(pk=report_id).first()
    if r is None:
        raise HttpError(404, "没有这份年报")
    findings = []
    for f in r.findings.prefetch_related("decisions__decided_by"):
        findings.append(
            {
                "id": f.pk,
                "rule": f.rule,
                "severity": f.severity,
                "cells": f.cells,
                "message": f.message,
                "evidence": f.evidence,
                "year_rule": f.year_rule,
                "verdict": f.verdict,
                "decisions": [
                    {
                        "verdict": d.verdict,
                        "reason": d.reason,
                        "by": d.decided_by.username,
                        "at": d.decided_at,
                    }
                    for d in f.decisions.all()
                ],
            }
        )
    corrections = [
        {
            "cell": c.cell,
            "value": float(c.value),
            "reason": c.reason,
            "by": c.corrected_by.username,
            "at": c.corrected_at,
        }
        for c in r.corrections.select_related("corrected_by")
    ]
    return {
        **_item(r),
        "cells": r.cells,
        "provenance": r.provenance,
        "corrections": corrections,
        "findings": findings,
    }
