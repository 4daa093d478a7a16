"""The region's tables summed over its parts, and the check region = Σ parts: where the
region's own government published a report (many report for the whole region), each of
its cells is set against the sum of the reports under it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai_web.accounts.models import Agency
from gongkai_web.library import access
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


def _values(reports: list[Report], region: Agency, year: int) -> dict[int, dict[str, Any]]:
    fixes: dict[int, dict[str, Decimal]] = {}
    # The region's corrections of the year (a handful), not an IN list of its reports.
    corrections = Correction.objects.filter(
        access.in_region(region.pk, "report__agency_id"), report__year=year
    ).only("report_id", "cell", "value")
    for c in corrections.order_by("corrected_at", "id"):
        fixes.setdefault(c.report_id, {})[c.cell] = c.value
    return {r.pk: effective(r.cells, fixes.get(r.pk, {})) for r in reports}


def region_sums(region: Agency, year: int) -> Sums:
    done = (
        Report.objects.filter(access.in_region(region.pk), status=Status.DONE, year=year)
        .only("id", "agency_id", "cells")
        .order_by()
    )
    own: Report | None = None
    parts: list[Report] = []
    seen: set[int] = set()
    for report in done.order_by("id"):
        if report.agency_id in seen:  # one report per agency (a page and its PDF)
            continue
        seen.add(report.agency_id)
        if report.agency_id == region.pk:
            own = report
        else:
            parts.append(report)
    values = _values([*parts, *([own] if own else [])], region, year)
    rows: list[SumRow] = []
    for cell in all_cells():
        printed = [values[r.pk][cell] for r in parts if cell in values[r.pk]]
        own_value = values[own.pk].get(cell) if own else None
        if printed or own_value is not None:
            total = sum(printed)
            rows.append(
                SumRow(
                    cell,
                    label(cell),
                    own_value,
                    round(total, 4) if isinstance(total, float) else total,
                    len(printed),
                )
            )
    return Sums(rows, own, len(parts))
