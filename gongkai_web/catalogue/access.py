"""Who may do what in the catalogue. Staff see their agencies' items (404 for another
agency's); a supervisor reads everything and changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from gongkai_web.accounts.access import roles_in, visible_agencies
from gongkai_web.accounts.models import Agency, Role
from gongkai_web.catalogue.models import Item, Letter

# Drafting is the handlers' work; review and sign-off the reviewers'; the admin does all.
ACTIONS: dict[str, set[str]] = {
    "draft": {Role.HANDLER, Role.ADMIN},
    "review": {Role.REVIEWER, Role.ADMIN},
    "registers": {Role.REGISTRAR, Role.HANDLER, Role.ADMIN},
    "mailbox": {Role.REGISTRAR, Role.HANDLER, Role.REVIEWER, Role.ADMIN},
    "manage": {Role.ADMIN},
}


def may(user: Any, agency: Agency, action: str) -> bool:
    return bool(roles_in(user, agency) & ACTIONS[action])


def require(user: Any, agency: Agency, action: str) -> None:
    if not may(user, agency, action):
        raise PermissionDenied("您在本机关没有此操作的权限")


def visible_items(user: Any) -> QuerySet[Item]:
    return Item.objects.filter(agency__in=visible_agencies(user))


def get_item(user: Any, pk: int) -> Item:
    item = visible_items(user).select_related("agency", "category").filter(pk=pk).first()
    if item is None:
        raise Http404("没有这个条目")
    return item


def get_letter(user: Any, pk: int) -> Letter:
    letter = Letter.objects.filter(agency__in=visible_agencies(user), pk=pk).first()
    if letter is None:
        raise Http404("没有这封来信")
    return letter


def get_agency(user: Any, pk: Any) -> Agency:
    agency = visible_agencies(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if agency is None:
        raise Http404("没有这个机关")
    return agency
