"""Staff pages for the table-2 registers (monthly decisions and fees, year-end matters,
procurement), with table 2 of the year beside them, and the catalogue import."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai_web.accounts.access import visible_agencies
from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue import access, importer, registers
from gongkai_web.catalogue.errors import CatalogueError, ImportRejected
from gongkai_web.catalogue.forms import DecisionsForm, ImportForm, MattersForm, ProcurementForm
from gongkai_web.catalogue.models import DecisionKind, MatterCount, MatterKind, Procurement
from gongkai_web.catalogue.table2 import table2_cells
from gongkai_web.catalogue.table2_layout import table2_rows


def _agency_year(request: HttpRequest) -> tuple[Agency, int, list[Agency]]:
    agencies = list(visible_agencies(request.user))
    if not agencies:
        raise Http404("您尚未被分配到任何机关")
    wanted = request.GET.get("agency") or request.POST.get("agency") or str(agencies[0].pk)
    agency = next((a for a in agencies if str(a.pk) == wanted), None)
    if agency is None:
        raise Http404("没有这个机关")
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not registers.FIRST_YEAR <= year <= 2100:
        raise Http404("年份超出范围")
    return agency, year, agencies


def _save_months(request: HttpRequest, agency: Agency, year: int, form: DecisionsForm) -> None:
    months = {m: form.cleaned_data[f"m{m}"].strip() for m in range(1, 13)}
    filled = {m: v for m, v in months.items() if v != ""}
    registers.record_year(agency, form.cleaned_data["kind"], year, filled, request.user)


def registers_page(request: HttpRequest) -> HttpResponse:
    agency, year, agencies = _agency_year(request)
    editable = access.may(request.user, agency, "registers")
    if request.method == "POST":
        access.require(request.user, agency, "registers")
        which = request.POST.get("form")
        if which == "import":
            return _import_monthly(request, agency, year)
        form_class = {
            "months": DecisionsForm,
            "matters": MattersForm,
            "procurement": ProcurementForm,
        }
        form = form_class.get(which or "", DecisionsForm)(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                if which == "months":
                    _save_months(request, agency, year, form)  # type: ignore[arg-type]
                elif which == "matters":
                    d = form.cleaned_data
                    registers.record_matters(agency, d["kind"], year, d["count"], request.user)
                else:
                    d = form.cleaned_data
                    registers.record_procurement(
                        agency, year, d["items"], d["amount"], request.user
                    )
            except CatalogueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "台账已保存")
        return redirect(f"{request.path}?agency={agency.pk}&year={year}")
    grid = registers.monthly(agency, year)
    labels = dict(DecisionKind.choices) | {"fee": "行政事业性收费（万元）"}
    try:
        cells = table2_cells(agency, year)
    except ValueError:
        cells = None
    return render(
        request,
        "catalogue/registers.html",
        {
            "agency": agency,
            "year": year,
            "agencies": agencies,
            "editable": editable,
            "grid": [(k, labels[k], v) for k, v in grid.items()],
            "months": range(1, 13),
            "matters": MatterCount.objects.filter(
                agency=agency, year__in=[year - 1, year]
            ).order_by("kind", "year"),
            "matter_labels": dict(MatterKind.choices),
            "procurement": Procurement.objects.filter(agency=agency, year=year).first(),
            "forms": {
                "months": DecisionsForm(),
                "matters": MattersForm(),
                "procurement": ProcurementForm(),
            },
            "t2_rows": table2_rows(cells, year) if cells else None,
        },
    )


def _import_monthly(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的台账文件")
    else:
        try:
            saved = registers.import_monthly(agency, upload.name or "", upload.read(), request.user)
        except ImportRejected as exc:
            for row, col, why in exc.problems[:20]:
                messages.error(request, f"第 {row} 行“{col}”：{why}")
            messages.error(request, f"台账文件有 {len(exc.problems)} 处错误，未导入任何数据。")
        except CatalogueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已导入 {saved} 条月度数据")
    return redirect(f"{request.path}?agency={agency.pk}&year={year}")


def import_page(request: HttpRequest) -> HttpResponse:
    agency, _, agencies = _agency_year(request)
    drafters = [a for a in agencies if access.may(request.user, a, "manage")]
    if agency not in drafters:
        agency = drafters[0] if drafters else agency
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[int, str, str]] = []
    if request.method == "POST":
        access.require(request.user, agency, "manage")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = importer.import_catalogue(
                    agency,
                    upload.name,
                    upload.read(),
                    request.user,
                    form.cleaned_data["good_rows_only"],
                )
            except ImportRejected as exc:
                problems = exc.problems
                messages.error(request, f"文件中有 {len(problems)} 处错误，未导入任何条目。")
            except CatalogueError as exc:
                messages.error(request, str(exc))
            else:
                problems = result.skipped
                messages.success(
                    request,
                    f"导入完成：新增 {result.created} 条，更新 {result.updated} 条，未变 {result.unchanged} 条"
                    + (f"，跳过有误的 {len(problems)} 行" if problems else ""),
                )
    return render(
        request,
        "catalogue/import.html",
        {
            "form": form,
            "agency": agency,
            "agencies": drafters,
            "problems": problems,
            "columns": importer.TEMPLATE_HEADERS,
            "required": [importer.LABELS[k] for k in importer.REQUIRED],
        },
    )


def import_template(request: HttpRequest) -> HttpResponse:
    """An empty CSV with the columns the import reads (UTF-8 with BOM, for Excel)."""
    out = io.StringIO()
    csv.writer(out).writerow(importer.TEMPLATE_HEADERS)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalogue-import-template.csv"'
    return response
