"""The office's pages: case list, intake, case detail with its next steps, attachments, letters.

Views are thin: cases come only through ``access.get_application`` (404 for another agency's),
each step checks the role with ``access.require`` (403, e.g. for a read-only supervisor) and
calls one service; a ``CaseError`` becomes a message on the case page, never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai_web.accounts.access import (
    get_application,
    may,
    require,
    visible_agencies,
)
from gongkai_web.accounts.models import Agency
from gongkai_web.accounts.templatetags.people import display_name
from gongkai_web.applications import (
    caselist,
    daily,
    exports,
    forms,
    online,
    repeats,
    services,
    timing,
)
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import (
    OPEN_STATUSES,
    Application,
    ProceedingResult,
    Status,
)
from gongkai_web.letters.reply import reply_letter

PAGE_SIZE = 50
COUNT_CAP = 10_000  # the case list counts its total up to this
MAX_PAGE = 1_000_000  # beyond any office's list; larger offsets overflow the database
S = Status
ALL = frozenset(Status.values)
HANDLING = frozenset(services.HANDLING)


@dataclass(frozen=True)
class Step:
    """One handling step: who may take it (an ``access.ACTIONS`` key), in which states, with
    which form, and the service call it makes with the form's cleaned data."""

    label: str
    action: str
    statuses: frozenset[str]
    form: type[djforms.Form]
    run: Callable[[Application, Any, dict[str, Any]], object]
    per: str = ""  # "consultation", "fee", "proceeding": one form per open object of that kind


def _consultation(app: Application, d: dict[str, Any]) -> Any:
    return get_object_or_404(app.consultations, pk=d["consultation"])


def _fee(app: Application, d: dict[str, Any]) -> Any:
    return get_object_or_404(app.fees, pk=d["fee"])


def _proceeding(app: Application, d: dict[str, Any]) -> Any:
    return get_object_or_404(app.proceedings, pk=d["proceeding"])


F = forms
STEPS: dict[str, Step] = {
    "take": Step(
        "领取（由我承办）",
        "handle",
        HANDLING | {S.IN_REVIEW},
        F.StepForm,
        lambda a, u, d: services.take(a, u, d["on"]),
    ),
    "assign": Step(
        "分办",
        "assign",
        HANDLING | {S.IN_REVIEW},
        F.AssignForm,
        lambda a, u, d: services.assign(a, d["handler"], u, d["on"]),
    ),
    "confirm": Step(
        "记录双方确认日期（第三十一条）",
        "register",
        frozenset({S.REGISTERED, S.HANDLING}),
        F.ConfirmReceiptForm,
        lambda a, u, d: online.confirm_receipt(a, u, d["on"], d["confirmed"]),
    ),
    "correction": Step(
        "告知补正",
        "handle",
        frozenset({S.REGISTERED, S.HANDLING}),
        F.CorrectionRequestForm,
        lambda a, u, d: services.request_correction(a, u, d["on"], d["respond_by"], d["note"]),
    ),
    "correction_received": Step(
        "收到补正",
        "handle",
        frozenset({S.AWAITING_CORRECTION}),
        F.StepForm,
        lambda a, u, d: services.receive_correction(a, u, d["on"]),
    ),
    "correction_lapsed": Step(
        "逾期未补正，不再处理",
        "handle",
        frozenset({S.AWAITING_CORRECTION}),
        F.StepForm,
        lambda a, u, d: services.lapse_correction(a, u, d["on"]),
    ),
    "consult": Step(
        "征求意见",
        "handle",
        HANDLING - {S.AWAITING_FEE},
        F.ConsultationForm,
        lambda a, u, d: services.send_consultation(a, u, d["on"], d["party"], d["agency"]),
    ),
    "consult_answer": Step(
        "登记意见",
        "handle",
        frozenset({S.CONSULTING}),
        F.ConsultationAnswerForm,
        lambda a, u, d: services.answer_consultation(_consultation(a, d), u, d["on"], d["opinion"]),
        per="consultation",
    ),
    "extension": Step(
        "批准延期",
        "handle",
        HANDLING | {S.IN_REVIEW},
        F.ExtensionForm,
        lambda a, u, d: services.approve_extension(a, u, d["on"], d["days"], d["approver"]),
    ),
    "fee": Step(
        "发出收费通知",
        "handle",
        frozenset({S.REGISTERED, S.HANDLING}),
        F.FeeForm,
        lambda a, u, d: services.issue_fee_by_rule(a, u, d["on"], d["method"], d["quantity"]),
    ),
    "fee_paid": Step(
        "登记缴费",
        "handle",
        frozenset({S.AWAITING_FEE}),
        F.FeeStepForm,
        lambda a, u, d: services.pay_fee(_fee(a, d), u, d["on"]),
        per="fee",
    ),
    "fee_lapsed": Step(
        "逾期未缴费，不再处理",
        "handle",
        frozenset({S.AWAITING_FEE}),
        F.FeeStepForm,
        lambda a, u, d: services.lapse_fee(_fee(a, d), u, d["on"]),
        per="fee",
    ),
    "draft": Step(
        "拟定答复",
        "handle",
        frozenset({S.REGISTERED, S.HANDLING}),
        F.DraftReplyForm,
        lambda a, u, d: services.draft_reply(a, u, d["on"], d["outcome"], d["grounds"], d["text"]),
    ),
    "review": Step(
        "审核",
        "review",
        frozenset({S.IN_REVIEW}),
        F.ReviewForm,
        lambda a, u, d: services.review(a, u, d["on"], d["decision"] == "approve", d["note"]),
    ),
    "reply": Step(
        "答复并办结",
        "handle",
        frozenset({S.APPROVED}),
        F.StepForm,
        lambda a, u, d: services.reply(a, u, d["on"]),
    ),
    "withdraw": Step(
        "申请人撤回",
        "handle",
        frozenset(OPEN_STATUSES),
        F.NoteForm,
        lambda a, u, d: services.withdraw(a, u, d["on"], d["note"]),
    ),
    "proceeding": Step(
        "登记复议或诉讼",
        "handle",
        ALL,
        F.ProceedingForm,
        lambda a, u, d: services.add_proceeding(
            a, u, d["kind"], d["filed_on"], d["body"], d["review"]
        ),
    ),
    "decide": Step(
        "登记审结结果",
        "handle",
        ALL,
        F.DecideProceedingForm,
        lambda a, u, d: services.decide_proceeding(_proceeding(a, d), u, d["result"], d["on"]),
        per="proceeding",
    ),
}


def _open_objects(app: Application, per: str) -> list[Any]:
    if per == "consultation":
        return [c for c in app.consultations.all() if c.answered is None]
    if per == "fee":
        return [f for f in app.fees.all() if f.paid is None]
    return [p for p in app.proceedings.all() if p.result == ProceedingResult.PENDING]


def colleagues_case(user: Any, app: Application, action: str) -> bool:
    """True when ``user`` would handle a case another handler holds: that needs the agency
    admin's role (a reviewer reviewing, a registrar assigning are not handling)."""
    return (
        action == "handle"
        and app.assignee_id is not None
        and app.assignee_id != user.pk
        and not may(user, app.agency, "manage")
    )


def _allowed(user: Any, app: Application, name: str, step: Step) -> bool:
    if app.status not in step.statuses or not may(user, app.agency, step.action):
        return False
    if name == "take":
        return app.assignee_id is None
    if name == "confirm":
        return app.channel in online.CONFIRMABLE and app.confirmed is None and not app.corrected
    return not colleagues_case(user, app, step.action)


def _step_forms(app: Application, user: Any) -> list[dict[str, Any]]:
    """The forms of the steps this user may take now."""
    shown = []
    for name, step in STEPS.items():
        if not _allowed(user, app, name, step):
            continue
        objects = _open_objects(app, step.per) if step.per else [None]
        for obj in objects:
            initial = {step.per: obj.pk} if obj is not None else {}
            form = step.form(app=app, initial=initial, auto_id=f"id_{name}_{len(shown)}_%s")
            shown.append({"name": name, "label": step.label, "form": form, "object": obj})
    return shown


# --- pages ----------------------------------------------------------------------------------


def _list_filter(request: HttpRequest) -> caselist.ListFilter:
    f = caselist.ListFilter(request.GET, request.user)  # invalid filters are left out
    f.is_valid()
    return f


def case_list(request: HttpRequest) -> HttpResponse:
    f = _list_filter(request)
    today = timezone.localdate()
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    if page > MAX_PAGE:
        raise Http404("没有这一页")
    cases = caselist.filtered(request.user, f, today)
    start = (page - 1) * PAGE_SIZE
    fetched = list(cases.prefetch_related("agency")[start : start + PAGE_SIZE + 1])
    rows = fetched[:PAGE_SIZE]
    if page > 1 and not rows:
        raise Http404("没有这一页")
    # The total is counted up to COUNT_CAP: an exact COUNT(*) over hundreds of thousands of
    # rows costs more than the page (PostgreSQL above all); past the cap the page says so.
    short = page == 1 and len(fetched) <= PAGE_SIZE
    total = len(rows) if short else cases.order_by()[: COUNT_CAP + 1].count()
    capped = total > COUNT_CAP
    sort = (
        f.cleaned_data.get("sort") if hasattr(f, "cleaned_data") else ""
    ) or caselist.DEFAULT_SORT
    return render(
        request,
        "applications/list.html",
        {
            "filter": f,
            "cases": rows,
            "total": min(total, COUNT_CAP),
            "capped": capped,
            "page": page,
            "pages": max(1, -(-min(total, COUNT_CAP) // PAGE_SIZE)),
            "has_next": len(fetched) > PAGE_SIZE,
            "query": _without(request, "page"),
            "unsorted": _without(request, "page", "sort"),
            "sort": sort,
            "today": today,
            "banner": _banner(request.user, today),
        },
    )


def _without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _banner(user: Any, today: dt.date) -> Any:
    from gongkai_web.accounts.dashboard import provisional_banner
    from gongkai_web.accounts.models import Membership, Role

    ids = list(
        Membership.objects.filter(user=user, role=Role.ADMIN).values_list("agency_id", flat=True)
    )
    return provisional_banner(ids, today) if ids else None


def export_cases(request: HttpRequest) -> Any:
    """``/cases/export?format=csv|xlsx|json&…``: the filtered list, whole, streamed."""
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        messages.error(request, f"不支持的导出格式“{fmt[:20]}”：请选择 csv、xlsx 或 json")
        return redirect("applications:list")
    f = _list_filter(request)
    cases = caselist.filtered(request.user, f, timezone.localdate())
    stem = f"申请列表-{timezone.localdate().isoformat()}"
    return exports.export(cases, fmt, stem)


def intake(request: HttpRequest) -> HttpResponse:
    ids = [a.pk for a in visible_agencies(request.user) if may(request.user, a, "register")]
    if not ids:
        raise PermissionDenied("您没有登记申请的权限")
    form = forms.IntakeForm(request.POST or None, agencies=Agency.objects.filter(pk__in=ids))
    if request.method == "POST" and form.is_valid():
        try:
            app = services.register(form.cleaned_data["agency"], form.intake_data(), request.user)
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"已登记：{app.reg_no}，查询码 {app.tracking_code}（请告知申请人）"
            )
            return redirect("applications:detail", app.pk)
    return render(request, "applications/intake.html", {"form": form})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_application(request.user, pk)
    if app.is_open and daily.refresh(app, timezone.localdate()) and not app.is_open:
        messages.warning(request, "期限已届满：本申请已按逾期办结（见办理记录）")
    clocks, clock_error = timing.clocks(app)
    return render(
        request,
        "applications/detail.html",
        {
            "app": app,
            "clocks": clocks,
            "clock_error": clock_error,
            "today": timezone.localdate(),
            "deadline": timing.explain(app) if app.is_open or app.due else None,
            "events": app.events.select_related("actor"),
            "consultations": app.consultations.all(),
            "fees": app.fees.all(),
            "proceedings": app.proceedings.select_related("review"),
            "attachments": app.attachments.select_related("uploaded_by"),
            "steps": _step_forms(app, request.user),
            "repeats": repeats.possible_repeats(app) if app.is_open else [],
            "attachment_form": forms.AttachmentForm() if _may_edit(request.user, app) else None,
            "attachment_types": ", ".join(sorted(settings.ATTACHMENT_TYPES)),
            "attachment_max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
    )


def _may_edit(user: Any, app: Application) -> bool:
    return any(may(user, app.agency, a) for a in ("register", "handle", "review"))


@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    app = get_application(request.user, pk)
    chosen = STEPS.get(name)
    if chosen is None:
        raise Http404("没有这个办理步骤")
    require(request.user, app.agency, chosen.action)
    if colleagues_case(request.user, app, chosen.action):
        raise PermissionDenied(
            f"该申请由{display_name(app.assignee)}承办；办理他人承办的申请需要机关管理员权限"
        )
    form = chosen.form(request.POST, app=app)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{chosen.label}：{error}")
        return redirect("applications:detail", app.pk)
    try:
        chosen.run(app, request.user, form.cleaned_data)
    except CaseError as exc:
        messages.error(request, f"{chosen.label}：{exc}")
    else:
        messages.success(request, f"{chosen.label}：已完成")
    return redirect("applications:detail", app.pk)


@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_application(request.user, pk)
    if not _may_edit(request.user, app):
        raise PermissionDenied("您在本机关没有此操作的权限")
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment = form.save(app, request.user)
        messages.success(request, f"已上传附件：{attachment.name}")
    else:
        for error in form.errors.get("file", []):
            messages.error(request, f"附件未上传：{error}")
    return redirect("applications:detail", app.pk)


def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    app = get_application(request.user, pk)
    item = get_object_or_404(app.attachments, pk=attachment_pk)
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type
    )


def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply letter (告知书) of a concluded case as a Word document."""
    app = get_application(request.user, pk)
    try:
        content = reply_letter(app)
    except CaseError as exc:
        messages.error(request, f"无法生成告知书：{exc}")
        return redirect("applications:detail", app.pk)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"告知书-{app.reg_no}.docx")
    return response
