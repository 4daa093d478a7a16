from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai_web.accounts import charts
from gongkai_web.accounts.access import is_supervisor, roles_in, visible_agencies
from gongkai_web.accounts.dashboard import SOON_WORKDAYS, boards, overview, provisional_banner
from gongkai_web.accounts.models import Role
from gongkai_web.accounts.queues import queues_for


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the person's work queues by role, then for each agency they see the
    open cases due soon and overdue on any clock; the 暂定 banner for administrators."""
    today = timezone.localdate()
    agencies = list(visible_agencies(request.user))
    supervisor = is_supervisor(request.user)
    queues = []
    admin_of = []
    for agency in agencies if not supervisor else []:
        roles = roles_in(request.user, agency)
        queues += queues_for(request.user, agency, roles, today)
        if Role.ADMIN in roles:
            admin_of.append(agency.pk)
    drawn = charts.build(agencies, today) if agencies else []
    return render(
        request,
        "accounts/home.html",
        {
            "today": today,
            "queues": queues,
            "several": len(agencies) > 1,
            # A supervisor oversees many agencies: one overview table, not a board each.
            "boards": [] if supervisor else boards(agencies, today),
            "overview": overview(agencies, today) if supervisor else [],
            "charts": drawn,
            "charts_json": [asdict(c) for c in drawn],
            "charts_scope": "全部机关" if supervisor else "、".join(a.name for a in agencies),
            "soon_days": SOON_WORKDAYS,
            "supervisor": supervisor,
            "banner": provisional_banner(admin_of, today) if admin_of else None,
        },
    )
