"""The annual report's pages: the board of agencies and years, the draft (recompute, edit,
check, acknowledge, publish, correct), downloads, historical imports, the region summary.
Thin: each view checks access, calls one service and redirects with a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS, Template
from gongkai.errors import GongkaiError
from gongkai.render import Section
from gongkai.render.html import table_html
from gongkai.render.layout import tables
from gongkai_web.accounts.access import is_supervisor, visible_agencies
from gongkai_web.annual import checks, drafting, exports, history, publishing, supervision
from gongkai_web.annual.access import get_agency, may, require
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.models import AnnualReport, HistoricalReport, Table2Source


def _year(request: HttpRequest) -> int:
    default = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("year") or default)
    except ValueError:
        year = default
    return year if drafting.FIRST_YEAR <= year <= default + 1 else default


def board(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    agencies = list(visible_agencies(request.user))
    rows = supervision.board(agencies, year, timezone.localdate())
    regions = [a for a in agencies if a.children.exists()] if is_supervisor(request.user) else []
    years = range(timezone.localdate().year, drafting.FIRST_YEAR - 1, -1)
    return render(
        request,
        "annual/board.html",
        {"year": year, "years": years, "rows": rows, "regions": regions},
    )


def _report(request: HttpRequest, code: str, year: int) -> tuple[Any, AnnualReport | None]:
    agency = get_agency(request.user, code)
    if not drafting.FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("没有这个年度")
    return agency, AnnualReport.objects.filter(agency=agency, year=year).first()


def _t2_inputs(report: AnnualReport) -> list[dict[str, Any]]:
    template = Template(report.template)
    return [
        {
            "label": row.label,
            "cells": [
                (f"t2.{row.id}.{c.id}", c.label, report.cells.get(f"t2.{row.id}.{c.id}"))
                for c in T2_COLUMNS[(template, row.id)]
            ],
        }
        for row in T2_ROWS
        if template in row.templates
    ]


def _last_year(report: AnnualReport) -> dict[str, str]:
    earlier = AnnualReport.objects.filter(agency=report.agency, year=report.year - 1).first()
    version = checks.current_version(earlier) if earlier else None
    if version is not None:
        return dict(version.sections)
    imported = HistoricalReport.objects.filter(agency=report.agency, year=report.year - 1).first()
    return dict(imported.sections) if imported else {}


def report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency, draft = _report(request, code, year)
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "report": draft,
        "due": supervision.due_date(agency, year),
        "may_draft": may(request.user, agency, "draft"),
        "may_publish": may(request.user, agency, "publish"),
        "history": HistoricalReport.objects.filter(agency=agency).order_by("-year"),
    }
    if draft is not None:
        form = exports.of_draft(draft)
        t2, t3, t4 = tables(form.template, form.cells)
        result = checks.check(draft)
        context |= {
            "sections": {s.value: draft.sections.get(s.value, "") for s in Section},
            "last_year": _last_year(draft),
            "fee_statement": form.sections.get(Section.OTHER, "").split("\n")[0],
            "manual_t2": draft.table2_source == Table2Source.MANUAL,
            "t2_inputs": _t2_inputs(draft),
            "t2": mark_safe(table_html(t2)),
            "t3": mark_safe(table_html(t3)),
            "t4": mark_safe(table_html(t4)),
            "result": result,
            "versions": draft.versions.order_by("-number"),
            "overview_stale": draft.sections.get("overview", "") != draft.overview_generated,
        }
    return render(request, "annual/report.html", context)


def _act(request: HttpRequest, code: str, year: int, action: str) -> tuple[Any, AnnualReport]:
    agency, draft = _report(request, code, year)
    require(request.user, agency, action)
    if draft is None:
        raise Http404("尚未起草")
    return agency, draft


def _back(code: str, year: int, anchor: str = "") -> HttpResponse:
    response = redirect("annual:report", code=code, year=year)
    response["Location"] += anchor
    return response


def _run(request: HttpRequest, done: str, work: Any) -> None:
    try:
        work()
    except AnnualError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


@require_POST
def start(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency, _ = _report(request, code, year)
    require(request.user, agency, "draft")
    _run(
        request,
        "已根据办理记录生成草稿",
        lambda: drafting.get_or_create(agency, year, request.user),
    )
    return _back(code, year)


@require_POST
def recompute(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "draft")
    _run(request, "已按最新记录重新计算", lambda: drafting.recompute(draft, request.user))
    return _back(code, year, "#changes")


@require_POST
def save_sections(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "draft")
    texts = {s.value: request.POST[s.value] for s in drafting.EDITABLE if s.value in request.POST}
    _run(request, "正文已保存", lambda: drafting.save_sections(draft, texts, request.user))
    return _back(code, year, "#sections")


@require_POST
def adopt_overview(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "draft")
    _run(request, "已采用新生成的总体情况", lambda: drafting.adopt_overview(draft, request.user))
    return _back(code, year, "#sections")


@require_POST
def save_table2(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "draft")
    _run(request, "表二已保存", lambda: drafting.save_table2(draft, request.POST, request.user))
    return _back(code, year, "#table2")


@require_POST
def acknowledge(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "draft")
    key, reason = request.POST.get("key", ""), request.POST.get("reason", "")
    _run(request, "已确认该提示", lambda: checks.acknowledge(draft, key, reason, request.user))
    return _back(code, year, "#checks")


@require_POST
def publish(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "publish")
    note = request.POST.get("change_note", "")
    _run(request, "年度报告已公开", lambda: publishing.publish(draft, request.user, note))
    return _back(code, year, "#versions")


@require_POST
def correct(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _, draft = _act(request, code, year, "publish")
    _run(
        request,
        "已开始更正：修改后重新检查并公开",
        lambda: publishing.start_correction(draft, request.user),
    )
    return _back(code, year)


def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    """The draft (or, with ``?version=N``, a published version) as a file."""
    _, draft = _report(request, code, year)
    if draft is None:
        raise Http404("尚未起草")
    try:
        chosen = exports.parse_format(fmt)
    except AnnualError as exc:
        raise Http404(str(exc)) from exc
    number = request.GET.get("version", "")
    version = None
    if number:
        version = draft.versions.filter(number=number if number.isdigit() else -1).first()
        if version is None:
            raise Http404("没有这个版本")
    try:
        if version is not None:
            data = exports.render(exports.of_version(version), chosen, version=version.number)
        else:
            data = exports.render(exports.of_draft(draft), chosen, version=None)
    except GongkaiError as exc:  # e.g. no PDF engine installed: say so, never a 500
        messages.error(request, f"无法生成文件：{exc}")
        return _back(code, year, "#downloads")
    suffix = f"-v{version.number}" if version is not None else "-draft"
    name = exports.filename(code, year, chosen, suffix)
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[chosen])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def import_history(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency(request.user, code)
    require(request.user, agency, "draft")
    upload = request.FILES.get("file")
    back = request.POST.get("back_year", "")
    year_text = request.POST.get("year", "").strip()
    if upload is None:
        messages.error(request, "请选择要导入的年度报告文件")
    elif year_text and not year_text.isdigit():
        messages.error(request, f"年度“{year_text[:10]}”不是数字")
    else:
        given = int(year_text) if year_text else None
        data = upload.read(history.MAX_BYTES + 1)
        _run(
            request,
            f"已导入 {upload.name}",
            lambda: history.import_report(agency, data, upload.name or "", request.user, given),
        )
    if back.isdigit():
        return _back(code, int(back), "#history")
    return redirect("annual:reports")


def summary(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_agency(request.user, code)
    if not is_supervisor(request.user) and not may(request.user, agency, "draft"):
        raise Http404("没有这个汇总")
    try:
        drafting.check_year(year)
    except AnnualError as exc:
        raise Http404(str(exc)) from exc
    result = supervision.summary(agency, year)
    form = result.form()
    t2, t3, t4 = tables(form.template, form.cells)
    fmt = request.GET.get("format", "")
    if fmt:
        try:
            chosen = exports.parse_format(fmt)
        except AnnualError as exc:
            raise Http404(str(exc)) from exc
        response = HttpResponse(
            exports.render(form, chosen, summary=True), content_type=exports.CONTENT_TYPES[chosen]
        )
        name = exports.filename(code, year, chosen, "-summary")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "annual/summary.html",
        {
            "agency": agency,
            "year": year,
            "summary": result,
            "t2": mark_safe(table_html(t2)),
            "t3": mark_safe(table_html(t3)),
            "t4": mark_safe(table_html(t4)),
        },
    )
