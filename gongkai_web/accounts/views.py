from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai_web.accounts.access import is_supervisor, visible_agencies
from gongkai_web.accounts.dashboard import SOON_WORKDAYS, boards


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: for each agency the user sees, open cases due soon and overdue."""
    today = timezone.localdate()
    return render(
        request,
        "accounts/home.html",
        {
            "today": today,
            "boards": boards(visible_agencies(request.user), today),
            "soon_days": SOON_WORKDAYS,
            "supervisor": is_supervisor(request.user),
        },
    )
