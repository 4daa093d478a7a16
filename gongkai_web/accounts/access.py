"""Who may see and do what. Views get objects only through these helpers, so staff of one
agency get 404 for another agency's cases, and supervisors see everything read-only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications.models import Application

# The roles that may take each kind of step (an agency admin may do all of them).
ACTIONS: dict[str, set[str]] = {
    "register": {Role.REGISTRAR, Role.ADMIN},
    "handle": {Role.HANDLER, Role.ADMIN},
    "review": {Role.REVIEWER, Role.ADMIN},
    "assign": {Role.REGISTRAR, Role.ADMIN},
    "manage": {Role.ADMIN},
}


def is_supervisor(user: Any) -> bool:
    return (
        bool(user.is_authenticated)
        and Membership.objects.filter(user=user, role=Role.SUPERVISOR).exists()
    )


def subtree_ids(roots: set[int]) -> set[int]:
    """The agencies ``roots`` and every agency below them in the region tree."""
    children: dict[int, list[int]] = {}
    for pk, parent in Agency.objects.exclude(parent=None).values_list("pk", "parent"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:  # a loop in the tree (bad data) ends here
                found.add(child)
                todo.append(child)
    return found


# The region's subtree in one query on either database: each agency under the region with
# its depth and the region's direct child above it (its part). UNION drops repeated rows,
# and the region is never re-entered, so a loop in the tree (an editing mistake) ends.
SUBTREE = """
WITH RECURSIVE sub(id, part, depth) AS (
    SELECT a.id, a.id, 1 FROM accounts_agency a WHERE a.parent_id = %s AND a.id <> %s
    UNION
    SELECT a.id, sub.part, sub.depth + 1 FROM accounts_agency a
    JOIN sub ON a.parent_id = sub.id WHERE a.id <> %s
)"""


def subtree_ids_sql(region_pk: int) -> RawSQL:
    """The ids of the agencies under ``region_pk`` (not itself), as a subquery to filter by
    (``agency_id__in=``): no list of thousands of ids built in Python."""
    return RawSQL(f"{SUBTREE} SELECT id FROM sub", (region_pk, region_pk, region_pk))


def in_region(region_pk: int, field: str = "agency_id") -> Q:
    """Rows whose agency (at ``field``) is the region's agency or one under it."""
    return Q(**{field: region_pk}) | Q(**{f"{field}__in": subtree_ids_sql(region_pk)})


def supervised_ids(user: Any) -> set[int] | None:
    """The agencies ``user`` supervises: None for all, else ids (empty: not a supervisor)."""
    if not user.is_authenticated:
        return set()
    regions = list(
        Membership.objects.filter(user=user, role=Role.SUPERVISOR).values_list("agency", flat=True)
    )
    if any(r is None for r in regions):
        return None
    if not regions:  # staff, not a supervisor: no need to read the region tree
        return set()
    return subtree_ids({r for r in regions if r is not None})


def supervises_all(user: Any) -> bool:
    """A supervisor of every agency (a supervisor membership without an agency)."""
    return bool(user.is_authenticated) and (
        Membership.objects.filter(user=user, role=Role.SUPERVISOR, agency=None).exists()
    )


def visible_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose cases ``user`` may read: those of their roles, and for a supervisor
    the region supervised (an agency and everything below it; no agency: all), each region
    by one recursive subquery, not a list of a province's thousands of ids."""
    if not user.is_authenticated:
        return Agency.objects.none()
    memberships = list(Membership.objects.filter(user=user).values_list("agency_id", "role"))
    roots = {a for a, role in memberships if role == Role.SUPERVISOR}
    if None in roots:
        return Agency.objects.all()
    seen = Q(pk__in=sorted({a for a, _ in memberships if a is not None}))
    for root in sorted(r for r in roots if r is not None):
        seen |= in_region(root, "pk")
    return Agency.objects.filter(seen)


def roles_in(user: Any, agency: Agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def may(user: Any, agency: Agency, action: str) -> bool:
    return bool(roles_in(user, agency) & ACTIONS[action])


def require(user: Any, agency: Agency, action: str) -> None:
    """Raise PermissionDenied (403) unless ``user`` holds a role for ``action`` in ``agency``."""
    if not may(user, agency, action):
        raise PermissionDenied("您在本机关没有此操作的权限")


def visible_applications(user: Any) -> QuerySet[Application]:
    return Application.objects.filter(agency__in=visible_agencies(user))


def get_application(user: Any, pk: int) -> Application:
    """The case if ``user`` may read it, else 404 (never 403: its existence is not revealed)."""
    if not 0 < pk < 2**63:  # a number no database column holds: not a case
        raise Http404("没有这个申请")
    app = visible_applications(user).select_related("agency", "assignee").filter(pk=pk).first()
    if app is None:
        raise Http404("没有这个申请")
    return app
