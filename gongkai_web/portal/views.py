"""Public pages, no login: apply online, and check progress with the tracking code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.workdays.deadlines import Channel
from gongkai_web.applications import conflicts, services
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application
from gongkai_web.portal import ratelimit
from gongkai_web.portal.forms import PublicApplicationForm, TrackingForm

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


@login_not_required
def status(request: HttpRequest) -> HttpResponse:
    """Progress by tracking code: nothing private (no applicant, identity or contact)."""
    form = TrackingForm(request.POST or None)
    app = None
    not_found = False
    if request.method == "POST" and not ratelimit.take(
        ratelimit.STATUS_PER_ADDRESS, ratelimit.client_ip(request)
    ):
        limit = ratelimit.STATUS_PER_ADDRESS
        form.add_error(None, STATUS_LIMIT_MESSAGE.format(n=limit.count))
        return render(request, "portal/status.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        app = (
            Application.objects.select_related("agency")
            .filter(tracking_code=form.cleaned_data["code"])
            .only(
                "reg_no",
                "agency__name",
                "received",
                "status",
                "due",
                "replied_on",
                "closed_on",
                "outcome",
            )
            .first()
        )
        not_found = app is None
    return render(request, "portal/status.html", {"form": form, "app": app, "not_found": not_found})
