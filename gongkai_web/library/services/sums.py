"""The region's tables summed over its parts, and the check region = Σ parts: where the
region's own government published a report (many report for the whole region), each of
its cells is set against the sum of the reports under it.

A province has thousands of reports of a few hundred cells each: the database sums the
values read (one aggregate over the reports' JSON), and the corrections (a handful) are
then applied to the totals here, each replacing the value read that it corrects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Min

from gongkai_web.accounts.access import SUBTREE, subtree_ids_sql
from gongkai_web.accounts.models import Agency
from gongkai_web.library.models import Correction, Report, Status
from gongkai_web.library.services.tables import all_cells, effective, label


@dataclass(frozen=True)
class SumRow:
    cell: str
    label: str
    own: Any  # the region's own report's value, None when it has none
    parts: int | float
    reporting: int  # reports under the region that printed this cell

    @property
    def differs(self) -> bool:
        return self.own is not None and abs(float(self.own) - float(self.parts)) > 1e-6


@dataclass(frozen=True)
class Sums:
    rows: list[SumRow]
    own: Report | None
    parts: int


# The parts' reports: one per agency under the region (the first collected: a page and
# its PDF are one report), processed, of the year; their numeric cells summed by id.
_CHOSEN = """, chosen AS (
    SELECT MIN(r.id) AS id FROM library_report r
    WHERE r.status = %s AND r.year = %s AND r.agency_id IN (SELECT id FROM sub)
    GROUP BY r.agency_id
)"""
_SUM = {
    "sqlite": """SELECT j.key, SUM(j.value), COUNT(*) FROM chosen c
        JOIN library_report r ON r.id = c.id, json_each(r.cells) j
        WHERE j.type IN ('integer', 'real') GROUP BY j.key""",
    "postgresql": """SELECT j.key, SUM((j.value #>> '{}')::numeric), COUNT(*) FROM chosen c
        JOIN library_report r ON r.id = c.id, jsonb_each(r.cells) j
        WHERE jsonb_typeof(j.value) = 'number' GROUP BY j.key""",
}


def _number(value: Any) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value  # type: ignore[no-any-return]


def _read_totals(region: Agency, year: int) -> dict[str, tuple[int | float, int]]:
    """Per cell id: the sum of the values read in the parts' reports, and how many."""
    sql = SUBTREE + _CHOSEN + _SUM[connection.vendor]
    params = (region.pk, region.pk, region.pk, Status.DONE.value, year)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: (_number(total), n) for key, total, n in cursor.fetchall()}


def _chosen(region: Agency, year: int) -> Any:
    return Report.objects.filter(
        agency_id__in=subtree_ids_sql(region.pk), status=Status.DONE, year=year
    )


def _corrected(
    region: Agency, year: int, totals: dict[str, tuple[int | float, int]]
) -> dict[str, tuple[int | float, int]]:
    """``totals`` with the corrections of the parts' reports applied (the latest counts)."""
    fixes: dict[int, dict[str, Decimal]] = {}
    corrections = Correction.objects.filter(
        report__agency_id__in=subtree_ids_sql(region.pk),
        report__status=Status.DONE,
        report__year=year,
    ).only("report_id", "cell", "value")
    for c in corrections.order_by("corrected_at", "id"):
        fixes.setdefault(c.report_id, {})[c.cell] = c.value
    if not fixes:
        return totals
    reports = Report.objects.filter(pk__in=fixes).only("id", "agency_id", "cells")
    firsts = set(
        _chosen(region, year)
        .filter(agency_id__in=reports.values("agency_id"))
        .values("agency_id")
        .annotate(first=Min("id"))
        .values_list("first", flat=True)
    )
    out = dict(totals)
    for report in reports:
        if report.pk not in firsts:  # a second file of the agency: not summed
            continue
        fixed = effective(report.cells, fixes[report.pk])
        for cell in fixes[report.pk]:
            total, n = out.get(cell, (0, 0))
            read = report.cells.get(cell)
            if isinstance(read, int | float) and not isinstance(read, bool):
                out[cell] = (total - read + fixed[cell], n)
            else:
                out[cell] = (total + fixed[cell], n + 1)
    return out


def _own(region: Agency, year: int) -> tuple[Report | None, dict[str, Any]]:
    own = (
        Report.objects.filter(agency_id=region.pk, status=Status.DONE, year=year)
        .only("id", "agency_id", "cells")
        .order_by("id")
        .first()
    )
    if own is None:
        return None, {}
    fixes = {
        c.cell: c.value
        for c in Correction.objects.filter(report=own).order_by("corrected_at", "id")
    }
    return own, effective(own.cells, fixes)


def region_sums(region: Agency, year: int) -> Sums:
    totals = _corrected(region, year, _read_totals(region, year))
    own, own_values = _own(region, year)
    parts = _chosen(region, year).values("agency_id").distinct().count()
    rows: list[SumRow] = []
    for cell in all_cells():
        total, reporting = totals.get(cell, (0, 0))
        own_value = own_values.get(cell)
        if reporting or own_value is not None:
            rows.append(
                SumRow(
                    cell,
                    label(cell),
                    own_value,
                    round(total, 4) if isinstance(total, float) else total,
                    reporting,
                )
            )
    return Sums(rows, own, parts)
