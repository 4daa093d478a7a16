"""The library's pages: thin views over ``services``; reports reached through ``access``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai_web.library import access
from gongkai_web.library.errors import LibraryError
from gongkai_web.library.forms import CorrectionForm, DecisionForm, MatchForm, UploadForm
from gongkai_web.library.models import Batch, Finding, Match, Report, Status
from gongkai_web.library.services import collect, compare, matching, review, tables
from gongkai_web.library.services.overview import RULE_TITLES


def _reviewer(request: HttpRequest) -> None:
    if not access.may_review(request.user):
        raise PermissionDenied("只有监督（政务公开办）人员可以进行此操作")


def progress(batch: Batch) -> dict[str, int]:
    ids = batch.uploads.values("report_id")
    counts = dict(Report.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("id")))
    total = sum(counts.values())
    finished = counts.get(Status.DONE, 0) + counts.get(Status.FAILED, 0)
    return {
        "total": total,
        "finished": finished,
        "done": counts.get(Status.DONE, 0),
        "failed": counts.get(Status.FAILED, 0),
        "percent": round(100 * finished / total) if total else 100,
    }


def home(request: HttpRequest) -> HttpResponse:
    batches = list(Batch.objects.all()[:20]) if access.may_review(request.user) else []
    for b in batches:
        b.progress = progress(b)  # type: ignore[attr-defined]
    form = UploadForm()
    return render(
        request,
        "library/home.html",
        {"batches": batches, "form": form, "reviewer": access.may_review(request.user)},
    )


@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("library:home")
    files = form.cleaned_data["files"]
    name = form.cleaned_data["name"] or "、".join(f.name for f in files[:3])[:200]
    try:
        batch = collect.new_batch(name, form.cleaned_data["year"], request.user)
        done = collect.collect(batch, ((f.name, f) for f in files))
    except LibraryError as exc:
        messages.error(request, str(exc))
        return redirect("library:home")
    messages.success(request, f"已收到：{done.summary()}")
    return redirect("library:batch", batch.pk)


def batch(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    b = get_object_or_404(Batch, pk=pk)
    uploads = b.uploads.select_related("report", "report__agency")
    return render(
        request, "library/batch.html", {"batch": b, "uploads": uploads, "progress": progress(b)}
    )


def batch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    _reviewer(request)
    return JsonResponse(progress(get_object_or_404(Batch, pk=pk)))


def report_list(request: HttpRequest) -> HttpResponse:
    reports = access.visible_reports(request.user).select_related("agency")
    q = request.GET.get("q", "").strip()[:100]
    if q:
        reports = reports.filter(Q(agency__name__contains=q) | Q(agency_read__contains=q))
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    if request.GET.get("hide_failed"):
        reports = reports.exclude(status=Status.FAILED)
    if request.GET.get("hide_unconfirmed"):
        reports = reports.exclude(match__in=[Match.UNSURE, Match.UNMATCHED])
    if request.GET.get("unconfirmed"):
        reports = reports.filter(match__in=[Match.UNSURE, Match.UNMATCHED])
    # The page's ids first (from the index library_report_list, joined to the agencies'
    # names for the order), then its fifty reports: a report row carries tens of kB of
    # read data, and sorting thousands of whole rows to keep fifty costs more than both.
    page = Paginator(reports.values_list("pk", flat=True), 50)
    current = page.get_page(request.GET.get("page"))
    ids = list(current.object_list)
    shown = reports.filter(pk__in=ids).defer(
        "cells", "provenance", "document", "sections", "warnings", "not_checked"
    )
    by_id = {r.pk: r for r in shown}
    current.object_list = [by_id[pk] for pk in ids if pk in by_id]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "library/list.html",
        {
            "page": current,
            "q": q,
            "year": year,
            "params": params.urlencode(),
            "reviewer": access.may_review(request.user),
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report(request.user, pk)
    fixes = review.corrections(report)
    shown = tables.blocks(report.template)
    grid = [
        {
            "title": block.title,
            "header": block.header,
            "rows": [
                (row_label, [(c, report.cells.get(c), fixes.get(c)) for c in ids])
                for row_label, ids in block.rows
            ],
        }
        for block in shown
    ]
    findings = list(report.findings.prefetch_related("decisions__decided_by"))
    for f in findings:
        f.rule_title = RULE_TITLES.get(f.rule, f.rule)  # type: ignore[attr-defined]
    reviewer = access.may_review(request.user)
    agency_query = request.GET.get("agency_q", "").strip()[:100]
    visible = access.visible_agencies(request.user)
    match_form = MatchForm(
        initial={
            "agency": report.agency_id,
            "year": report.year,
            "published_on": report.published_on,
        },
        agencies=visible,
        shown=matching.choices(report.agency, visible, agency_query) if reviewer else [],
    )
    return render(
        request,
        "library/detail.html",
        {
            "report": report,
            "grid": grid,
            "findings": findings,
            "reviewer": reviewer,
            "match_form": match_form,
            "agency_query": agency_query,
            "previous": compare.previous(report),
            "decision_form": DecisionForm(),
            "correction_form": CorrectionForm(),
        },
    )


def original(request: HttpRequest, pk: int) -> FileResponse:
    report = access.get_report(request.user, pk)
    return FileResponse(report.original.open("rb"), as_attachment=True, filename=report.filename)


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    report = access.get_report(request.user, pk)
    try:
        collect.retry(report)
        messages.success(request, f"已重新排队读取：{report.filename}")
    except LibraryError as exc:
        messages.error(request, str(exc))
    return redirect(request.POST.get("next") or reverse("library:report", args=[pk]))


@require_POST
def match(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    report = access.get_report(request.user, pk)
    form = MatchForm(request.POST, agencies=access.visible_agencies(request.user))
    if form.is_valid():
        try:
            d = form.cleaned_data
            review.confirm_match(report, d["agency"], d["year"], d["published_on"])
            messages.success(request, "已确认机关和年度")
        except LibraryError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("library:report", pk)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    finding = get_object_or_404(Finding, pk=pk)
    report = access.get_report(request.user, finding.report_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        review.decide(
            finding, form.cleaned_data["verdict"], form.cleaned_data["reason"], request.user
        )
        messages.success(request, "已记录审核结论")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(reverse("library:report", args=[report.pk]) + f"#finding-{finding.pk}")


@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    report = access.get_report(request.user, pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            d = form.cleaned_data
            review.correct(report, d["cell"], d["value"], d["reason"], request.user)
            messages.success(request, f"已记录更正：{tables.label(d['cell'])}")
        except LibraryError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("library:report", pk)


def cell(request: HttpRequest, pk: int, cell_id: str) -> HttpResponse:
    report = access.get_report(request.user, pk)
    where = report.provenance.get(cell_id)
    if where is None:
        raise Http404("这个单元格没有读出值")
    is_pdf = report.filename.lower().endswith(".pdf") and where.get("page")
    row_text, at = where.get("row_text", ""), where.get("at", -1)
    printed = where.get("text", "")
    parts = (row_text[:at], row_text[at : at + len(printed)], row_text[at + len(printed) :])
    return render(
        request,
        "library/cell.html",
        {
            "report": report,
            "cell": cell_id,
            "label": tables.label(cell_id),
            "where": where,
            "value": report.cells.get(cell_id),
            "is_pdf": is_pdf,
            "row": parts if row_text and at >= 0 else None,
            "row_text": row_text,
            "corrections": report.corrections.filter(cell=cell_id).select_related("corrected_by"),
            "reviewer": access.may_review(request.user),
        },
    )


def crop(request: HttpRequest, pk: int, cell_id: str) -> HttpResponse:
    from gongkai_web.library.services.provenance import render as render_page

    report = access.get_report(request.user, pk)
    where = report.provenance.get(cell_id)
    if where is None or not where.get("page"):
        raise Http404("这个单元格没有页码")
    try:
        picture = render_page(
            report.original.path, where["page"], cell_id, report.template, where.get("text", "")
        )
    except Exception as exc:  # a PDF the reader read but pdfium cannot draw
        raise Http404(f"无法生成页面图像：{type(exc).__name__}") from exc
    response = HttpResponse(picture.png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def compare_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report(request.user, pk)
    before = compare.previous(report)
    if before is None:
        messages.error(request, "没有这个机关上一年度的年报，无法比较")
        return redirect("library:report", pk)
    if not access.visible_reports(request.user).filter(pk=before.pk).exists():
        raise Http404("没有这份年报")
    before = Report.objects.get(pk=before.pk)
    result = compare.compare(before, report)
    year_findings = list(report.findings.filter(year_rule=True))
    for f in year_findings:
        f.rule_title = RULE_TITLES.get(f.rule, f.rule)  # type: ignore[attr-defined]
    return render(
        request,
        "library/compare.html",
        {
            "c": result,
            "report": report,
            "year_findings": year_findings,
            "reviewer": access.may_review(request.user),
        },
    )
