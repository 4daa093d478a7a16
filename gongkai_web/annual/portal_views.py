"""The portal's copy of the published reports: no login; only locked versions are shown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from gongkai.render.html import report_body
from gongkai_web.accounts.models import Agency
from gongkai_web.annual import exports
from gongkai_web.annual.models import Version
from gongkai_web.annual.styles import report_css as report_css_text


@login_not_required
def report_css(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(report_css_text(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=3600"
    return response


@login_not_required
def published(request: HttpRequest, code: str) -> HttpResponse:
    """An agency's published annual reports: per year the current version and its history."""
    agency = get_object_or_404(Agency, short_code=code)
    versions = Version.objects.filter(report__agency=agency).select_related("report")
    years: dict[int, list[Version]] = {}
    for v in versions.order_by("-report__year", "-number"):
        years.setdefault(v.report.year, []).append(v)
    return render(request, "annual/published.html", {"agency": agency, "years": years})


def _version(code: str, year: int, number: int | None) -> Version:
    versions = Version.objects.filter(report__agency__short_code=code, report__year=year)
    version = (
        versions.filter(number=number).first()
        if number is not None
        else versions.order_by("-number").first()
    )
    if version is None:
        raise Http404("没有这个已公开的年度报告")
    return version


@login_not_required
def published_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """One year's report on the portal: the current version, or ``?version=N``."""
    number = request.GET.get("version", "")
    version = _version(code, year, int(number) if number.isdigit() else None)
    others = Version.objects.filter(report=version.report).order_by("-number")
    return render(
        request,
        "annual/published_report.html",
        {
            "version": version,
            "others": others,
            "code": code,
            "year": year,
            "current": others[0],
            "body": mark_safe(report_body(exports.of_version(version))),
        },
    )


@login_not_required
def published_file(
    request: HttpRequest, code: str, year: int, number: int, fmt: str
) -> HttpResponse:
    version = _version(code, year, number)
    try:
        chosen = exports.parse_format(fmt)
    except Exception as exc:
        raise Http404(str(exc)) from exc
    data = exports.render(exports.of_version(version), chosen, version=version.number)
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[chosen])
    name = exports.filename(code, year, chosen, f"-v{version.number}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
