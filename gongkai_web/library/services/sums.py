"""The region's tables summed over its parts, and the check region = Σ parts: where the
region's own government published a report (many report for the whole region), each of
its cells is set against the sum of the reports under it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai_web.accounts.models import Agency
from gongkai_web.library.access import Node
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


def _values(reports: list[Report]) -> dict[int, dict[str, Any]]:
    fixes: dict[int, dict[str, Decimal]] = {}
    for c in Correction.objects.filter(report__in=reports).order_by("corrected_at", "id"):
        fixes.setdefault(c.report_id, {})[c.cell] = c.value
    return {r.pk: effective(r.cells, fixes.get(r.pk, {})) for r in reports}


def region_sums(region: Agency, agencies: list[Node], year: int) -> Sums:
    done = Report.objects.filter(
        status=Status.DONE, year=year, agency_id__in=[a.pk for a in agencies]
    ).only("id", "agency_id", "cells")
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
    values = _values([*parts, *([own] if own else [])])
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
