"""The region's pages: the overview of a year, its tables summed, and the exports."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai_web.accounts.models import Agency
from gongkai_web.library import access
from gongkai_web.library.forms import OverviewForm
from gongkai_web.library.services import export, overview, sums


def _chosen(request: HttpRequest) -> tuple[OverviewForm, Agency, int]:
    regions = access.regions(request.user)
    form = OverviewForm(request.GET or None, regions=regions)
    data = form.cleaned_data if form.is_valid() else {}
    region = access.get_region(request.user, data.get("region"), regions)
    if region is None:
        raise Http404("您没有可查看的地区")
    latest = None
    if not (form.is_bound and data.get("year")):
        inside = access.visible_reports(request.user).filter(access.in_region(region.pk))
        latest = inside.aggregate(y=Max("year"))["y"]
    year = data.get("year") or latest or timezone.localdate().year - 1
    if not form.is_bound:
        form = OverviewForm(initial={"region": region.pk, "year": year}, regions=regions)
    return form, region, year


def _build(request: HttpRequest, page: bool = False) -> tuple[OverviewForm, overview.Overview]:
    """The overview asked for; for the ``page`` (not an export) of a region's whole tree,
    its parts with regions under them are counted by the database."""
    form, region, year = _chosen(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tree = access.parts(region)
    whole = access.may_review(request.user)
    if not whole:  # an agency's staff: their own agencies only
        own = set(access.visible_agencies(request.user).values_list("pk", flat=True))
        tree = {a: part for a, part in tree.items() if a.pk in own}
    built = overview.build(
        region,
        tree,
        year,
        timezone.localdate(),
        query=data.get("q") or "",
        hide_failed=bool(data.get("hide_failed")),
        hide_unconfirmed=bool(data.get("hide_unconfirmed")),
        by_part=page and whole,
        visible=access.visible_reports(request.user),
    )
    return form, built


def overview_page(request: HttpRequest) -> HttpResponse:
    form, built = _build(request, page=True)
    rows = list(zip(built.heatmap["agencies"], built.heatmap["grid"], strict=True))
    return render(
        request,
        "library/overview.html",
        {
            "form": form,
            "o": built,
            "query": request.GET.urlencode(),
            "heatmap_rows": rows,
            "reviewer": access.may_review(request.user),
        },
    )


def sums_page(request: HttpRequest) -> HttpResponse:
    form, region, year = _chosen(request)
    result = sums.region_sums(region, year)
    return render(
        request,
        "library/sums.html",
        {
            "form": form,
            "region": region,
            "year": year,
            "s": result,
            "query": request.GET.urlencode(),
            "reviewer": access.may_review(request.user),
        },
    )


_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_file(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in _TYPES:
        raise Http404("不支持的导出格式")
    _, built = _build(request)
    today: dt.date = timezone.localdate()
    if fmt == "docx":
        body = export.review_docx(built, today)
    elif fmt == "pdf":
        body = export.review_pdf(built, today)
    elif fmt == "xlsx":
        body = export.data_xlsx(built)
    else:
        body = export.data_csv(built)
    kind = "审核报告" if fmt in ("docx", "pdf") else "年报数据"
    name = f"{built.region.name}{built.year}年度{kind}.{fmt}"
    response = HttpResponse(body, content_type=_TYPES[fmt])
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
