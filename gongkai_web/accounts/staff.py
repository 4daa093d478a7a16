"""Managing an office's people and agencies: who may manage whom, and the changes themselves.

An agency admin manages the agency's settings and its staff; a supervisor manages the
agencies of the region supervised (an agency and everything below it; all of them without
one) and their staff. People are never deleted — deactivated instead — so every case's
history keeps its names. Each change is one transaction with an audit entry.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import may, subtree_ids, supervised_ids, visible_agencies
from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications import audit

AGENCY_ROLES = [Role.REGISTRAR, Role.HANDLER, Role.REVIEWER, Role.ADMIN]


class AccountError(GongkaiError):
    """A change to people or agencies that is not allowed; the message says why (Chinese)."""


def manageable_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose settings and staff ``user`` may change."""
    if not user.is_authenticated:
        return Agency.objects.none()
    supervised = supervised_ids(user)
    if supervised is None:
        return Agency.objects.all()
    admin_of = set(
        Membership.objects.filter(user=user, role=Role.ADMIN).values_list("agency", flat=True)
    )
    return Agency.objects.filter(pk__in=admin_of | supervised)


def get_managed_agency(user: Any, pk: int) -> Agency:
    """The agency if ``user`` may manage it; 404 when not even visible, 403 when read-only."""
    agency = visible_agencies(user).filter(pk=pk).first() if 0 < pk < 2**63 else None
    if agency is None:
        raise Http404("没有这个机关")
    if not manageable_agencies(user).filter(pk=pk).exists():
        raise PermissionDenied("只有本机关的管理员或上级监督人员可以管理机关设置和人员")
    return agency


def staff_of(agency: Agency) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__agency=agency)
        .exclude(memberships__role=Role.SUPERVISOR, memberships__agency=None)
        .distinct()
        .order_by("-is_active", "username")
        .prefetch_related("memberships")
    )


def get_staff(user: Any, agency: Agency, pk: int) -> User:
    """A person of ``agency`` that ``user`` may change: 404 for anyone else.

    Someone who also works for an agency ``user`` does not manage, or who looks after the
    whole installation (superuser), is changed only by whoever manages all of that.
    """
    person = staff_of(agency).filter(pk=pk).first() if 0 < pk < 2**63 else None
    if person is None:
        raise Http404("本机关没有这个人员")
    managed = set(manageable_agencies(user).values_list("pk", flat=True))
    theirs = set(person.memberships.exclude(agency=None).values_list("agency", flat=True))
    supervises = person.memberships.filter(role=Role.SUPERVISOR).exists()
    beyond = person.is_superuser or supervises or not theirs <= managed
    if beyond and not (user.is_superuser or supervised_ids(user) is None):
        raise PermissionDenied("此人员还在其他机关任职或负责系统管理，只能由上级管理")
    return person


def roles_of(person: User, agency: Agency) -> list[str]:
    return sorted(
        Membership.objects.filter(user=person, agency=agency).values_list("role", flat=True)
    )


@transaction.atomic
def create_staff(
    actor: Any, agency: Agency, username: str, name: str, password: str, roles: list[str]
) -> User:
    person = User.objects.create_user(username, password=password, first_name=name)
    for role in roles:
        Membership.objects.create(user=person, agency=agency, role=role)
    audit.log(actor, agency, person, "staff_created", {"username": username, "roles": roles})
    return person


@transaction.atomic
def update_staff(
    actor: Any, agency: Agency, person: User, name: str, roles: list[str], active: bool
) -> None:
    losing_admin = not active or Role.ADMIN not in roles
    if person.pk == actor.pk and losing_admin and may(actor, agency, "manage"):
        raise AccountError("不能停用自己或取消自己的管理员岗位：请由另一位管理员操作")
    before = {
        "name": person.first_name,
        "roles": roles_of(person, agency),
        "active": person.is_active,
    }
    person.first_name = name
    person.is_active = active
    person.save(update_fields=["first_name", "is_active"])
    Membership.objects.filter(user=person, agency=agency).exclude(role__in=roles).delete()
    for role in roles:
        Membership.objects.get_or_create(user=person, agency=agency, role=role)
    after = {"name": name, "roles": sorted(roles), "active": active}
    audit.log(actor, agency, person, "staff_changed", audit.diff(before, after))


@transaction.atomic
def set_password(actor: Any, agency: Agency, person: User, password: str) -> None:
    person.set_password(password)
    person.save(update_fields=["password"])
    audit.log(actor, agency, person, "password_reset", {})


def parent_choices(user: Any, agency: Agency | None = None) -> QuerySet[Agency]:
    """Where ``agency`` may hang in the tree: within the region ``user`` supervises, never
    under itself or anything below it (the tree stays a tree)."""
    supervised = supervised_ids(user)
    choices = (
        Agency.objects.all() if supervised is None else Agency.objects.filter(pk__in=supervised)
    )
    if agency is not None and agency.pk:
        choices = choices.exclude(pk__in=subtree_ids({agency.pk}))
    return choices


def may_manage_tree(user: Any) -> bool:
    supervised = supervised_ids(user)
    return supervised is None or bool(supervised)


@transaction.atomic
def save_agency(actor: Any, agency: Agency, changed: dict[str, Any]) -> Agency:
    creating = agency.pk is None
    before = {} if creating else audit.snapshot(Agency.objects.get(pk=agency.pk))
    agency.save()
    action = "agency_created" if creating else "agency_changed"
    audit.log(actor, agency, agency, action, audit.diff(before, audit.snapshot(agency)))
    return agency


def may_change_settings(user: Any, agency: Agency) -> bool:
    return may(user, agency, "manage") or manageable_agencies(user).filter(pk=agency.pk).exists()
