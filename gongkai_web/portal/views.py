"""Public pages, no login: apply online, and check progress with the tracking code."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.workdays.deadlines import Channel
from gongkai_web.applications import services
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import Application
from gongkai_web.portal import ratelimit
from gongkai_web.portal.forms import PublicApplicationForm, TrackingForm

LIMIT_MESSAGE = (
    "提交过于频繁：同一网络地址每小时最多提交 {n} 份申请，请稍后再试，或通过信函、传真等方式提交。"
)


@login_not_required
def apply(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.exceeded(request):
            form.add_error(None, LIMIT_MESSAGE.format(n=settings.PUBLIC_FORM_RATE))
            return render(request, "portal/apply.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.intake_data() | {
                "channel": Channel.ONLINE,
                "arrived": timezone.localdate(),
                "confirmed": None,
            }
            try:
                app = services.register(form.cleaned_data["agency"], data)
            except CaseError as exc:
                form.add_error(None, str(exc))
            else:
                ratelimit.count(request)
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
