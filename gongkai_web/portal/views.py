"""Public pages, no login: apply online, and check progress with the tracking code."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.workdays.deadlines import Channel
from gongkai_web.applications import conflicts, online, services
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application, Status
from gongkai_web.letters.reply import reply_letter
from gongkai_web.portal import ratelimit
from gongkai_web.portal.forms import OnlineCorrectionForm, PublicApplicationForm, TrackingForm
from gongkai_web.portal.timeline import timeline

# The case whose tracking code this browser gave last: the 补正 and the letter act on it,
# so the code is never put in a URL (where logs and Referer headers would keep it).
SESSION_CASE = "portal_case"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

LIMIT_MESSAGE = (
    "提交过于频繁：同一网络地址每小时最多提交 {n} 份申请，请稍后再试，或通过信函、传真等方式提交。"
)
APPLICANT_LIMIT_MESSAGE = (
    "同一申请人每小时最多在网上提交 {n} 份申请，请稍后再试；本次填写的内容没有保存。"
)
STATUS_LIMIT_MESSAGE = "查询过于频繁：同一网络地址每小时最多查询 {n} 次，请稍后再试。"


def _take_slots(request: HttpRequest, form: PublicApplicationForm) -> list[tuple[Any, str]]:
    """Count this submission against both limits; add the refusal to the form when one is
    used up (and give back what was taken). Returns the slots taken, empty when refused."""
    taken: list[tuple[Any, str]] = []
    wanted = [
        (ratelimit.APPLY_PER_ADDRESS, ratelimit.client_ip(request), LIMIT_MESSAGE),
        (
            ratelimit.APPLY_PER_APPLICANT,
            ratelimit.applicant_key(form.cleaned_data["id_document"]),
            APPLICANT_LIMIT_MESSAGE,
        ),
    ]
    for limit, who, message in wanted:
        if not ratelimit.take(limit, who):
            for done in taken:
                ratelimit.give_back(*done)
            form.add_error(None, message.format(n=limit.count))
            return []
        taken.append((limit, who))
    return taken


@login_not_required
def apply(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slots = _take_slots(request, form)
        if not slots:
            return render(request, "portal/apply.html", {"form": form}, status=429)
        data = form.intake_data() | {
            "channel": Channel.ONLINE,
            "arrived": timezone.localdate(),
            "confirmed": None,
        }
        try:
            app = services.register(form.cleaned_data["agency"], data)
        except CaseError as exc:
            for slot in slots:
                ratelimit.give_back(*slot)
            form.add_error(None, str(exc))
            status = 503 if isinstance(exc, conflicts.Busy) else 200
            return render(request, "portal/apply.html", {"form": form}, status=status)
        request.session["portal_submitted"] = app.pk
        return redirect("portal:submitted")
    return render(request, "portal/apply.html", {"form": form})


@login_not_required
def submitted(request: HttpRequest) -> HttpResponse:
    """Shown once after submitting: the registration number and the tracking code."""
    pk = request.session.get("portal_submitted")
    app = Application.objects.select_related("agency").filter(pk=pk).first() if pk else None
    if app is None:
        return redirect("portal:apply")
    return render(request, "portal/submitted.html", {"app": app})


def _tracked(request: HttpRequest) -> Application | None:
    pk = request.session.get(SESSION_CASE)
    return Application.objects.select_related("agency").filter(pk=pk).first() if pk else None


def _letter_ready(app: Application) -> bool:
    return bool(app.replied_on and app.outcome)


def _status_page(
    request: HttpRequest, form: TrackingForm, app: Application | None, **extra: Any
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "app": app} | extra
    if app is not None:
        context["timeline"] = timeline(app)
        context["letter_ready"] = _letter_ready(app)
        if app.status == Status.AWAITING_CORRECTION and "correction_form" not in context:
            context["correction_form"] = OnlineCorrectionForm()
    status = 429 if extra.get("limited") else 200
    return render(request, "portal/status.html", context, status=status)


@login_not_required
def status(request: HttpRequest) -> HttpResponse:
    """Progress by tracking code: nothing private (no applicant, identity or contact), the
    public events, the online 补正 while one is asked for, and the reply letter."""
    form = TrackingForm(request.POST or None)
    if request.method == "POST" and not ratelimit.take(
        ratelimit.STATUS_PER_ADDRESS, ratelimit.client_ip(request)
    ):
        limit = ratelimit.STATUS_PER_ADDRESS
        form.add_error(None, STATUS_LIMIT_MESSAGE.format(n=limit.count))
        return _status_page(request, form, None, limited=True)
    if request.method != "POST":
        return _status_page(request, form, _tracked(request))
    app = None
    if form.is_valid():
        app = (
            Application.objects.select_related("agency")
            .filter(tracking_code=form.cleaned_data["code"])
            .first()
        )
        if app is not None:
            request.session[SESSION_CASE] = app.pk
    return _status_page(request, form, app, not_found=form.is_valid() and app is None)


@login_not_required
@require_POST
def correction(request: HttpRequest) -> HttpResponse:
    """The applicant sends the 补正 online (第三十条): recorded, the reply period restarts."""
    app = _tracked(request)
    if app is None:
        messages.error(request, "请先输入查询码查询申请，再提交补正")
        return redirect("portal:status")
    form = OnlineCorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            online.submit_correction(
                app, form.cleaned_data["text"], form.cleaned_data["file"], timezone.localdate()
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "补正已提交：答复期限自今日起重新计算（第三十条）")
            return redirect("portal:status")
    return _status_page(request, TrackingForm(), app, correction_form=form)


@login_not_required
def letter(request: HttpRequest) -> HttpResponse:
    """The reply letter (告知书) of the tracked case, once the case is replied."""
    app = _tracked(request)
    if app is None or not _letter_ready(app):
        messages.error(request, "尚无可下载的答复告知书：请先输入查询码查询，答复后即可下载")
        return redirect("portal:status")
    try:
        content = reply_letter(app)
    except CaseError as exc:
        messages.error(request, f"答复告知书暂时无法生成：{exc}，请联系受理机关")
        return redirect("portal:status")
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"告知书-{app.reg_no}.docx")
    return response
