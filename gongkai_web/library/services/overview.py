"""The overview of a region and year: who published on time, late or not at all, and the
audit's errors and warnings by agency and rule (the heatmap)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from gongkai.audit.registry import RULES
from gongkai.workdays.deadlines import Publisher, annual_report_due
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.library.models import Finding, Match, Report, Status, Verdict

RULE_TITLES = {rule.id: rule.title for rule in RULES}
_PREFERENCE = {Match.CONFIRMED: 0, Match.AUTO: 1, Match.UNSURE: 2, Match.UNMATCHED: 3}


class State:
    ON_TIME = "按时公开"
    LATE = "逾期公开"
    DATE_UNKNOWN = "已公开（发布日期待核）"
    FAILED = "读取失败"
    PENDING = "处理中"
    MISSING = "未公开"
    NOT_DUE = "未到期"


@dataclass
class Row:
    agency: Agency
    due: dt.date
    state: str
    report: Report | None = None
    days_late: int = 0
    unsure: bool = False

    @property
    def css(self) -> str:
        return {
            State.ON_TIME: "ok",
            State.LATE: "late",
            State.MISSING: "missing",
            State.FAILED: "missing",
        }.get(self.state, "pending")


@dataclass
class Overview:
    region: Agency
    year: int
    rows: list[Row]
    counts: dict[str, int]
    heatmap: dict[str, Any]
    unmatched: int


def due_date(agency: Agency, year: int) -> dt.date:
    publisher = (
        Publisher.GOVERNMENT if agency.kind == AgencyKind.GOVERNMENT else Publisher.DEPARTMENT
    )
    return annual_report_due(year, publisher).due


def _state(report: Report | None, due: dt.date, today: dt.date) -> tuple[str, int]:
    if report is None:
        return (State.MISSING if today > due else State.NOT_DUE), 0
    if report.status == Status.FAILED:
        return State.FAILED, 0
    if report.status != Status.DONE:
        return State.PENDING, 0
    if report.published_on is not None:
        late = (report.published_on - due).days
        return (State.LATE, late) if late > 0 else (State.ON_TIME, 0)
    # Collected by the due date means it was published by then; collected after, the
    # publication date is not known and is not guessed.
    collected = report.collected_at.date()
    return (State.ON_TIME, 0) if collected <= due else (State.DATE_UNKNOWN, 0)


def _best(reports: list[Report]) -> Report | None:
    def rank(r: Report) -> tuple[int, int, int]:
        return (0 if r.status == Status.DONE else 1, _PREFERENCE.get(Match(r.match), 4), r.pk)

    return min(reports, key=rank) if reports else None


def build(
    region: Agency,
    agencies: list[Agency],
    year: int,
    today: dt.date,
    *,
    query: str = "",
    hide_failed: bool = False,
    hide_unconfirmed: bool = False,
) -> Overview:
    if query:
        agencies = [a for a in agencies if query.strip() in a.name]
    ids = [a.pk for a in agencies]
    fields = (
        "id",
        "agency_id",
        "status",
        "match",
        "published_on",
        "collected_at",
        "errors",
        "warnings_count",
        "filename",
        "year",
    )
    reports = Report.objects.filter(year=year, agency_id__in=ids).only(*fields)
    if hide_unconfirmed:
        reports = reports.exclude(match__in=[Match.UNSURE, Match.UNMATCHED])
    by_agency: dict[int, list[Report]] = {}
    for r in reports:
        by_agency.setdefault(r.agency_id, []).append(r)
    rows: list[Row] = []
    for agency in agencies:
        report = _best(by_agency.get(agency.pk, []))
        due = due_date(agency, year)
        state, late = _state(report, due, today)
        if hide_failed and state == State.FAILED:
            continue
        unsure = report is not None and report.match in (Match.UNSURE, Match.UNMATCHED)
        rows.append(Row(agency, due, state, report, late, unsure))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    shown = [row.report.pk for row in rows if row.report is not None]
    unmatched = Report.objects.filter(year=year, agency__isnull=True).count()
    return Overview(region, year, rows, counts, heatmap(rows, shown), unmatched)


def heatmap(rows: list[Row], report_ids: list[int]) -> dict[str, Any]:
    """Errors and warnings (not dismissed) by agency and rule, for ECharts and a table."""
    counted = (
        Finding.objects.filter(report_id__in=report_ids, severity__in=["error", "warning"])
        .exclude(verdict=Verdict.DISMISSED)
        .values("report_id", "rule")
        .annotate(n=Count("id"))
    )
    by_report = {row.report.pk: row.agency.name for row in rows if row.report is not None}
    cells: dict[tuple[str, str], int] = {}
    for item in counted:
        key = (by_report[item["report_id"]], item["rule"])
        cells[key] = cells.get(key, 0) + item["n"]
    agencies = sorted({a for a, _ in cells})
    rules = sorted({r for _, r in cells})
    data = [[rules.index(r), agencies.index(a), n] for (a, r), n in cells.items()]
    return {
        "agencies": agencies,
        "rules": rules,
        "titles": [RULE_TITLES.get(r, r) for r in rules],
        "data": data,
        "max": max((n for _, _, n in data), default=0),
        "grid": [[cells.get((a, r), 0) for r in rules] for a in agencies],
    }
