"""Who may see and do what in the library. Reports are reached only through these helpers:
an agency's staff see their own agency's reports, a supervisor the agencies they oversee
(``accounts.access.visible_agencies``) and the reports not
yet matched to any agency that are theirs to match (``_unmatched_scope``); another agency's
report is a 404, never a 403."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai_web.accounts.access import (
    SUBTREE,
    in_region,
    is_supervisor,
    supervises_all,
    visible_agencies,
)
from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.library.models import Report, Upload


def may_review(user: Any) -> bool:
    """Collecting, matching, deciding on findings and correcting cells: the supervising office."""
    return is_supervisor(user)


def _supervised(user: Any) -> set[int | None]:
    """The regions ``user`` supervises (None among them: every agency)."""
    return set(
        Membership.objects.filter(user=user, role=Role.SUPERVISOR).values_list(
            "agency_id", flat=True
        )
    )


def visible_reports(user: Any) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    if supervises_all(user):  # every agency: every report, matched or not
        return Report.objects.all()
    seen = Q(agency__in=visible_agencies(user))
    if may_review(user):
        seen |= Q(agency__isnull=True) & _unmatched_scope(user)
    return Report.objects.filter(seen)


def _unmatched_scope(user: Any) -> Q:
    """Which reports not yet matched to an agency a supervisor sees: all of them for a
    supervisor of every agency; for a supervisor of regions, those uploaded (first or again) by
    themself or by someone of their regions (anyone holding a role in an agency they supervise,
    supervisors of the same region included). Uploads without an uploader (a command-line
    import, the demo) are left to the supervisors of every agency."""
    roots = _supervised(user)
    if None in roots:
        return Q()
    regions = Q(pk__in=[])
    for root in sorted(r for r in roots if r is not None):
        regions |= in_region(root)  # by subquery: a province has thousands of agencies
    colleagues = Membership.objects.filter(regions).values("user")
    # Any upload counts: a file first sent by someone else and sent again (a duplicate) by
    # the region's people is theirs to match too. A subquery: no duplicated rows.
    theirs = Upload.objects.filter(
        Q(batch__created_by=user) | Q(batch__created_by__in=colleagues)
    ).values("report")
    return Q(pk__in=theirs)


def get_report(user: Any, pk: int) -> Report:
    report = visible_reports(user).select_related("agency", "batch").filter(pk=pk).first()
    if report is None:
        raise Http404("没有这份年报")
    return report


_FIELDS = ("id", "name", "parent_id", "kind")


def regions(user: Any) -> list[Agency]:
    """The regions ``user`` may look at: visible agencies with agencies under them (the
    top ones first), else the visible agencies themselves (an agency's staff see their own
    agency as a region)."""
    visible = visible_agencies(user).only(*_FIELDS).order_by("name")
    parents = Agency.objects.filter(parent__isnull=False).values("parent_id")
    with_parts = list(visible.filter(pk__in=parents))
    if not with_parts:
        return list(visible)
    ids = {a.pk for a in with_parts}
    return [a for a in with_parts if a.parent_id not in ids] + [
        a for a in with_parts if a.parent_id in ids
    ]


def get_region(user: Any, pk: int | None, choices: list[Agency] | None = None) -> Agency | None:
    """The region asked for (404 when the user may not see it), or the busiest one."""
    choices = regions(user) if choices is None else choices
    if pk is None:
        return _busiest(choices)
    region = next((a for a in choices if a.pk == pk), None)
    if region is None:
        region = visible_agencies(user).filter(pk=pk).first()
    if region is None:
        raise Http404("没有这个地区")
    return region


@dataclass(frozen=True)
class Node:
    """An agency of the region tree as the overview needs it (a province has thousands:
    plain values, not model objects). Equal and hashed by ``pk``."""

    pk: int
    name: str
    parent_id: int | None = field(compare=False)
    kind: str = field(compare=False)

    @classmethod
    def of(cls, agency: Agency) -> Node:
        return cls(agency.pk, agency.name, agency.parent_id, agency.kind)


def subtree(region: Agency) -> list[Node]:
    """The region's agency and every agency under it, the region first."""
    return list(parts(region))


def parts(region: Agency) -> dict[Node, Node]:
    """Every agency of the region's subtree (the region first, then by depth and name), each
    with the part of the region it lies in: the region's direct child above it (the region
    for itself). One query, whatever the size of the tree above or beside the region."""
    sql = (
        f"{SUBTREE} SELECT a.id, a.name, a.parent_id, a.kind, sub.part FROM sub "
        "JOIN accounts_agency a ON a.id = sub.id ORDER BY sub.depth, a.name, a.id"
    )
    top = Node.of(region)
    out: dict[Node, Node] = {top: top}
    nodes: dict[int, Node] = {}
    rows: list[tuple[Node, int]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, (region.pk, region.pk, region.pk))
        for pk, name, parent_id, kind, part in cursor.fetchall():
            node = Node(pk, name, parent_id, kind)
            nodes[pk] = node
            rows.append((node, part))
    for node, part in rows:
        out[node] = nodes[part]
    return out


def _busiest(choices: list[Agency]) -> Agency | None:
    """The region with the most reports in the library (the first when none has any)."""
    best, most = (choices[0] if choices else None), 0
    ids = {a.pk for a in choices}
    for region in [a for a in choices if a.parent_id not in ids]:  # the top regions only
        count = Report.objects.filter(in_region(region.pk)).count()
        if count > most:
            best, most = region, count
    return best
