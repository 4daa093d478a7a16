"""Tables 3 and 4 of the annual report for a year and an agency (a supervisor: any or all),
laid out as the official form, and the same cells as JSON in the catalogue's ids."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from gongkai.catalogue.forms import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai.render import render_tables_docx
from gongkai.render.model import template_for_year
from gongkai_web.accounts.access import is_supervisor, supervises_all, visible_agencies
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.tables import table3, table4
from gongkai_web.annual.xlsx import workbook
from gongkai_web.catalogue.table2 import table2_cells
from gongkai_web.catalogue.table2_layout import table2_rows

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Headings of the grouped result rows of table 3, as printed on the 2021 form.
T3_GROUPS = {
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
RESULT_HEADING = "三、本年度办理结果"
LABELS = {r.id: r.label for r in T3_ROWS}


def _choice(request: HttpRequest) -> tuple[int, Agency | None, list[Agency]]:
    """The year and agency asked for; None means all agencies (supervisors only). 404 for an
    agency the user does not see, so another agency's figures are never revealed."""
    agencies = list(visible_agencies(request.user))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2008 <= year <= 2100:
        raise Http404("年份超出范围")
    wanted = request.GET.get("agency", "")
    if wanted in ("", "all") and supervises_all(request.user):
        return year, None, agencies
    if wanted in ("", "all"):
        if not agencies:
            raise Http404("您尚未被分配到任何机关")
        return year, agencies[0], agencies
    chosen = next((a for a in agencies if str(a.pk) == wanted), None)
    if chosen is None:
        raise Http404("没有这个机关")
    return year, chosen, agencies


def _t3_rows(cells: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of table 3 with their label cells (text, rowspan, colspan) as the form prints them."""
    ids = t3_row_ids(Template.T2021)
    results = [r for r in ids if r not in ("new", "carried_in", "carried_out")]
    rows = []
    for row in ids:
        heads: list[tuple[str, int, int]] = []
        if row == results[0]:
            heads.append((RESULT_HEADING, len(results), 1))
        group = row.split(".")[0] if "." in row else ""
        if group:
            members = [r for r in results if r.startswith(group + ".")]
            if row == members[0]:
                heads.append((T3_GROUPS[group], len(members), 1))
            heads.append((LABELS[row], 1, 1))
        elif row in results:
            heads.append((LABELS[row], 1, 2))
        else:
            heads.append((LABELS[row], 1, 3))
        values = [(cells[f"t3.{row}.{c.id}"], f"t3.{row}.{c.id}") for c in T3_COLUMNS]
        rows.append({"id": row, "heads": heads, "values": values})
    return rows


def _context(request: HttpRequest) -> dict[str, Any]:
    year, agency, agencies = _choice(request)
    ids = None if agency is None else [agency.pk]
    t3, t4 = table3(year, ids), table4(year, ids)
    today = timezone.localdate()
    t4_ids = [f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS]
    t2 = table2_cells(agency, year) if year >= 2019 else None  # table 2 from the catalogue
    return {
        "year": year,
        "agency": agency,
        "agencies": agencies,
        "supervisor": is_supervisor(request.user),
        "cells": (t2 or {}) | t3 | t4,
        "t2_rows": table2_rows(t2, year) if t2 is not None else None,
        "in_progress": year >= today.year,
        "as_of": today,
        "t3_rows": _t3_rows(t3),
        "t3_people": [c.label for c in T3_COLUMNS if c.id not in ("natural", "total")],
        "t4_columns": [c.label for c in T4_COLUMNS],
        "t4_suits": [g.label.split("／")[-1] for g in T4_GROUPS[1:]],
        "t4_values": [(t4[i], i) for i in t4_ids],
        "cases_query": f"cell_year={year}" + (f"&agency={agency.pk}" if agency else ""),
    }


def tables(request: HttpRequest) -> HttpResponse:
    return render(request, "annual/tables.html", _context(request))


def _title(c: dict[str, Any]) -> str:
    who = c["agency"].name if c["agency"] else "全部机关"
    mark = f"（截至{c['as_of']:%Y年%-m月%-d日}，年度尚未结束）" if c["in_progress"] else ""
    return f"{who}{c['year']}年政府信息公开工作年度报告 表三、表四{mark}"


def _filename(c: dict[str, Any], ext: str) -> str:
    return f"annual-{c['year']}-{c['agency'].short_code if c['agency'] else 'all'}.{ext}"


def export_docx(request: HttpRequest) -> HttpResponse:
    """Tables 2 (when the catalogue gives it), 3 and 4 as Word, in the national form's layout."""
    c = _context(request)
    content = render_tables_docx(
        template_for_year(c["year"]),
        c["cells"],
        title=_title(c),
        with_table2=c["t2_rows"] is not None,
    )
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, _filename(c, "docx"))
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Tables 3 and 4 as Excel, one sheet each, in the form's layout."""
    c = _context(request)
    content = workbook(
        _title(c),
        c["t3_rows"],
        c["t3_people"],
        c["t4_columns"],
        c["t4_suits"],
        [v for v, _ in c["t4_values"]],
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, _filename(c, "xlsx"))
    return response


def export(request: HttpRequest) -> JsonResponse:
    """``{"agency": name or null for all, "year": Y, "cells": {catalogue id: count}}``."""
    year, agency, _ = _choice(request)
    ids = None if agency is None else [agency.pk]
    cells: dict[str, int | float | None] = {}
    if year >= 2019:  # table 2 from the catalogue and its registers
        cells |= table2_cells(agency, year)
    cells |= table3(year, ids) | table4(year, ids)
    today = timezone.localdate()
    response = JsonResponse(
        {
            "agency": agency.name if agency else None,
            "year": year,
            "in_progress": year >= today.year,
            "as_of": today.isoformat(),
            "cells": cells,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    name = f"annual-{year}-{agency.short_code if agency else 'all'}.json"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
