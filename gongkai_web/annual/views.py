"""Tables 3 and 4 of the annual report for a year and an agency (a supervisor: any or all),
laid out as the official form, and the same cells as JSON in the catalogue's ids."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.catalogue.forms import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai_web.accounts.access import is_supervisor, supervises_all, visible_agencies
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.tables import table3, table4
from gongkai_web.catalogue.table2 import table2_cells
from gongkai_web.catalogue.table2_layout import table2_rows

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
        values = [cells[f"t3.{row}.{c.id}"] for c in T3_COLUMNS]
        rows.append({"id": row, "heads": heads, "values": values})
    return rows


def tables(request: HttpRequest) -> HttpResponse:
    year, agency, agencies = _choice(request)
    ids = None if agency is None else [agency.pk]
    t3, t4 = table3(year, ids), table4(year, ids)
    t2 = table2_cells(agency, year) if year >= 2019 else None  # table 2 from the catalogue
    return render(
        request,
        "annual/tables.html",
        {
            "year": year,
            "agency": agency,
            "agencies": agencies,
            "supervisor": is_supervisor(request.user),
            "t2_rows": table2_rows(t2, year) if t2 is not None else None,
            "t3_rows": _t3_rows(t3),
            "t3_people": [c.label for c in T3_COLUMNS if c.id not in ("natural", "total")],
            "t4_columns": [c.label for c in T4_COLUMNS],
            "t4_suits": [g.label.split("／")[-1] for g in T4_GROUPS[1:]],
            "t4_values": [t4[f"t4.{g.id}.{c.id}"] for g in T4_GROUPS for c in T4_COLUMNS],
        },
    )


def export(request: HttpRequest) -> JsonResponse:
    """``{"agency": name or null for all, "year": Y, "cells": {catalogue id: count}}``."""
    year, agency, _ = _choice(request)
    ids = None if agency is None else [agency.pk]
    cells: dict[str, int | float | None] = {}
    if year >= 2019:  # table 2 from the catalogue and its registers
        cells |= table2_cells(agency, year)
    cells |= table3(year, ids) | table4(year, ids)
    response = JsonResponse(
        {"agency": agency.name if agency else None, "year": year, "cells": cells},
        json_dumps_params={"ensure_ascii": False},
    )
    name = f"annual-{year}-{agency.short_code if agency else 'all'}.json"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
