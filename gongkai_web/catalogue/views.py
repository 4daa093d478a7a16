"""The catalogue's staff pages: list with deadlines, draft and edit, the item with its history
and next steps, settings. Thin: items come through ``access.get_item`` (404 for another
agency's), each step checks the role (403 for a read-only supervisor) and calls one service;
a CatalogueError becomes a message, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai_web.accounts.access import is_supervisor, visible_agencies
from gongkai_web.applications.forms import AttachmentForm
from gongkai_web.catalogue import access, search, services
from gongkai_web.catalogue.board import due_boards
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.forms import ItemForm, NoteForm, ReasonForm, SettingsForm, ValidityForm
from gongkai_web.catalogue.models import DocClass, Item, ItemStatus

PAGE_SIZE = 50


def item_list(request: HttpRequest) -> HttpResponse:
    items = access.visible_items(request.user).select_related("agency", "category")
    agencies = list(visible_agencies(request.user))
    status = request.GET.get("status", "")
    if status in ItemStatus.values:
        items = items.filter(status=status)
    agency = request.GET.get("agency", "")
    if agency.isdigit():
        items = items.filter(agency_id=int(agency))
    q = request.GET.get("q", "")
    try:
        items = search.match(items, q)
    except CatalogueError as exc:
        messages.error(request, str(exc))
    page = Paginator(items.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    drafters = [a for a in agencies if access.may(request.user, a, "draft")]
    return render(
        request,
        "catalogue/list.html",
        {
            "page": page,
            "agencies": agencies,
            "statuses": ItemStatus.choices,
            "chosen": {"status": status, "agency": agency, "q": q},
            "may_draft": bool(drafters),
            "managed": [a for a in agencies if access.may(request.user, a, "manage")],
            "boards": due_boards(agencies, timezone.localdate()),
        },
    )


def item_new(request: HttpRequest) -> HttpResponse:
    drafters = [a for a in visible_agencies(request.user) if access.may(request.user, a, "draft")]
    if not drafters:
        raise Http404("您没有起草目录条目的岗位")
    wanted = request.GET.get("agency") or request.POST.get("agency") or str(drafters[0].pk)
    agency = next((a for a in drafters if str(a.pk) == wanted), drafters[0])
    services.ensure_categories(agency)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(agency, form.data_for_service(), request.user)
        except CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "草稿已保存")
            return redirect("catalogue:detail", item.pk)
    return render(
        request, "catalogue/edit.html", {"form": form, "agency": agency, "agencies": drafters}
    )


def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item(request.user, pk)
    access.require(request.user, item.agency, "draft")
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        item.refresh_from_db()  # the form wrote into the instance; the service compares
        try:
            services.update_item(item, data, request.user)
        except CatalogueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存修改")
            return redirect("catalogue:detail", item.pk)
    return render(
        request, "catalogue/edit.html", {"form": form, "agency": item.agency, "item": item}
    )


def _steps(item: Item, user: Any) -> list[tuple[str, str, Any]]:
    """(name, label, form) of the steps this person may take on the item now."""
    may = lambda action: access.may(user, item.agency, action)  # noqa: E731
    steps: list[tuple[str, str, Any]] = []
    if item.status == ItemStatus.DRAFT and may("draft"):
        steps.append(("submit", "提交保密审查", None))
    if item.status == ItemStatus.CONFIDENTIALITY and may("review"):
        steps.append(("clear", "保密审查通过", NoteForm()))
    if item.status == ItemStatus.SIGNOFF and may("review"):
        steps.append(("sign", f"第 {item.signoffs_done + 1} 级审签", NoteForm()))
    if item.status in services.IN_REVIEW and may("review"):
        steps.append(("send_back", "退回修改", ReasonForm()))
    if item.status == ItemStatus.PUBLISHED and may("manage"):
        steps.append(("withdraw", "撤回", ReasonForm()))
    if item.status == ItemStatus.PUBLISHED and item.doc_class != DocClass.ORDINARY and may("draft"):
        steps.append(
            ("validity", "登记有效性变化", ValidityForm(initial={"validity": item.validity}))
        )
    return steps


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item(request.user, pk)
    editable = item.status != ItemStatus.WITHDRAWN and access.may(
        request.user, item.agency, "draft"
    )
    return render(
        request,
        "catalogue/detail.html",
        {
            "item": item,
            "events": item.events.select_related("actor"),
            "attachments": item.attachments.all(),
            "interpretations": item.interpretations.all(),
            "steps": _steps(item, request.user),
            "levels": services.settings_for(item.agency).signoff_levels,
            "may_edit": item.status == ItemStatus.DRAFT and editable,
            "attachment_form": AttachmentForm() if editable else None,
            "supervisor": is_supervisor(request.user),
        },
    )


def _run_validity(item: Item, user: Any, form: ValidityForm) -> None:
    by = form.fields["by"].resolve(item.agency, form.cleaned_data["by"])  # type: ignore[attr-defined]
    services.set_validity(item, user, form.cleaned_data["validity"], form.cleaned_data["on"], by)


STEP_RUNS: dict[str, tuple[str, type | None, Callable[[Item, Any, Any], None]]] = {
    "submit": ("draft", None, lambda i, u, f: services.submit(i, u)),
    "clear": (
        "review",
        NoteForm,
        lambda i, u, f: services.clear_confidentiality(i, u, f.cleaned_data["note"]),
    ),
    "sign": (
        "review",
        NoteForm,
        lambda i, u, f: services.sign(i, u, timezone.localdate(), f.cleaned_data["note"]),
    ),
    "send_back": (
        "review",
        ReasonForm,
        lambda i, u, f: services.send_back(i, u, f.cleaned_data["reason"]),
    ),
    "withdraw": (
        "manage",
        ReasonForm,
        lambda i, u, f: services.withdraw(i, u, f.cleaned_data["reason"]),
    ),
    "validity": ("draft", ValidityForm, _run_validity),
}


@require_POST
def item_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = access.get_item(request.user, pk)
    if name not in STEP_RUNS:
        raise Http404("没有这个步骤")
    action, form_class, run = STEP_RUNS[name]
    access.require(request.user, item.agency, action)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("catalogue:detail", item.pk)
    try:
        run(item, request.user, form)
    except CatalogueError as exc:
        messages.error(request, str(exc))
    else:
        item.refresh_from_db()
        messages.success(request, f"已完成：{item.get_status_display()}")
    return redirect("catalogue:detail", item.pk)


@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item(request.user, pk)
    access.require(request.user, item.agency, "draft")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, f"附件：{error}")
        return redirect("catalogue:detail", item.pk)
    try:
        services.add_attachment(item, form.cleaned_data["file"], request.user)
    except CatalogueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "附件已上传")
    return redirect("catalogue:detail", item.pk)


def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    item = access.get_item(request.user, pk)
    found = get_object_or_404(item.attachments, pk=attachment_pk)
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response


def agency_settings(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_agency(request.user, agency_pk)
    access.require(request.user, agency, "manage")
    current = services.settings_for(agency)
    initial = {
        "index_scheme": current.index_scheme,
        "signoff_levels": current.signoff_levels,
        "guide_note": current.guide_note,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_settings(agency, form.cleaned_data, request.user)
        messages.success(request, "设置已保存")
        return redirect("catalogue:settings", agency.pk)
    return render(request, "catalogue/settings.html", {"form": form, "agency": agency})
