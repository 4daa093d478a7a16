"""What a supervising office sees: which agencies have published their report on a year,
are late or in draft, against the statutory due dates (第四十九条); and the region's summary
(its agencies' tables summed cell by cell, checked against the region counted directly)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.catalogue.forms import Template, cell_ids, is_money
from gongkai.render import FormReport
from gongkai.render.model import CellValue, template_for_year
from gongkai.workdays.deadlines import Publisher, annual_report_due
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.annual.checks import current_version
from gongkai_web.annual.exports import form_report, of_version
from gongkai_web.annual.figures import computed_cells, in_template
from gongkai_web.annual.models import AnnualReport, Status
from gongkai_web.annual.tables import table3, table4


@dataclass(frozen=True)
class BoardRow:
    agency: Agency
    due: dt.date
    state: str  # published / correcting / draft / not_started
    label: str  # Chinese, shown as is
    late: bool
    published_on: dt.date | None
    versions: int


def due_date(agency: Agency, year: int) -> dt.date:
    publisher = (
        Publisher.GOVERNMENT if agency.kind == AgencyKind.GOVERNMENT else Publisher.DEPARTMENT
    )
    return annual_report_due(year, publisher).due


def board(agencies: Iterable[Agency], year: int, today: dt.date) -> list[BoardRow]:
    """One row per agency: where its report on ``year`` stands and whether it is late."""
    reports = {
        r.agency_id: r for r in AnnualReport.objects.filter(year=year).prefetch_related("versions")
    }
    rows = []
    for agency in agencies:
        due = due_date(agency, year)
        report = reports.get(agency.pk)
        versions = sorted(report.versions.all(), key=lambda v: v.number) if report else []
        first = versions[0].published_at.date() if versions else None
        if first is not None:
            state = "correcting" if report and report.status == Status.CORRECTING else "published"
            late = first > due
            label = f"已公开（第 {versions[-1].number} 版）" + ("，逾期公开" if late else "")
            if state == "correcting":
                label += "，更正中"
        else:
            state = "draft" if report else "not_started"
            late = today > due
            label = ("草稿" if report else "未起草") + ("，已逾期" if late else "")
        rows.append(BoardRow(agency, due, state, label, late, first, len(versions)))
    return rows


def region(root: Agency) -> list[Agency]:
    """``root`` and every agency below it in the region tree, root first."""
    out, queue = [root], [root]
    seen = {root.pk}
    while queue:
        children = list(Agency.objects.filter(parent__in=queue).order_by("name"))
        queue = [c for c in children if c.pk not in seen]
        seen.update(c.pk for c in queue)
        out += queue
    return out


@dataclass
class Part:
    agency: Agency
    source: str  # Chinese: where the figures come from
    cells: Mapping[str, CellValue]


@dataclass
class Summary:
    root: Agency
    year: int
    template: Template
    parts: list[Part]
    cells: dict[str, CellValue]
    mismatches: list[tuple[str, CellValue, int]] = field(default_factory=list)
    blanks: dict[str, list[str]] = field(default_factory=dict)

    def form(self) -> FormReport:
        name = f"{self.root.name}及所属机关汇总"
        return form_report(name, self.year, self.template.value, self.cells, {})


def part_of(agency: Agency, year: int) -> Part:
    """An agency's figures for the summary: its current published version, else its draft,
    else counted from its records now."""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    version = current_version(report) if report else None
    if version is not None:
        return Part(agency, f"已公开第 {version.number} 版", of_version(version).cells)
    if report is not None:
        return Part(agency, "草稿", report.cells)
    cells, _ = computed_cells(agency, year)
    return Part(agency, "按办理记录统计（未起草）", cells)


def _add(cid: str, values: list[CellValue]) -> CellValue:
    present = [v for v in values if v is not None]
    if not present:
        return None
    if is_money(cid):
        return float(sum((Decimal(str(v)) for v in present), Decimal(0)))
    return sum(int(v) for v in present)


def summary(root: Agency, year: int) -> Summary:
    """The region's tables: the parts' cells summed cell by cell (a blank adds nothing and
    is listed), and the check that the region counted at once from all its cases equals
    the sum of its parts in tables 3 and 4 (``mismatches``: cell, summed, counted)."""
    template = template_for_year(year)
    parts = [part_of(a, year) for a in region(root)]
    cells: dict[str, CellValue] = {}
    blanks: dict[str, list[str]] = {}
    for cid in cell_ids(template):
        values = [p.cells.get(cid) for p in parts]
        cells[cid] = _add(cid, values)
        missing = [p.agency.name for p, v in zip(parts, values, strict=True) if v is None]
        if missing and cells[cid] is not None:
            blanks[cid] = missing
    ids = [p.agency.pk for p in parts]
    counted = {**in_template(template, table3(year, ids)), **table4(year, ids)}
    mismatches = [(cid, cells.get(cid), n) for cid, n in counted.items() if cells.get(cid) != n]
    return Summary(root, year, template, parts, cells, mismatches, blanks)
