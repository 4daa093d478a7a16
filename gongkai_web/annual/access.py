"""Who may do what with annual reports. Staff of an agency read its report; its reviewer
and admin draft, check and acknowledge; only its admin publishes and corrects; a supervisor
reads every agency's. Another agency's report is a 404, never a 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai_web.accounts.access import roles_in, visible_agencies
from gongkai_web.accounts.models import Agency, Role

ACTIONS: dict[str, set[str]] = {
    "draft": {Role.REVIEWER, Role.ADMIN},
    "publish": {Role.ADMIN},
}


def get_agency(user: Any, code: str) -> Agency:
    """The agency with short code ``code`` if ``user`` may read its reports, else 404."""
    agency = visible_agencies(user).filter(short_code=code).first()
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def may(user: Any, agency: Agency, action: str) -> bool:
    return bool(roles_in(user, agency) & ACTIONS[action])


def require(user: Any, agency: Agency, action: str) -> None:
    if not may(user, agency, action):
        raise PermissionDenied("您在本机关没有此操作的权限")
