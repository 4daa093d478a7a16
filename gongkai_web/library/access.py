"""Who may see and do what in the library. Reports are reached only through these helpers:
an agency's staff see their own agency's reports, a supervisor the agencies they oversee
(``visible_agencies``) and the reports not yet matched to any agency; another agency's
report is a 404, never a 403."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai_web.accounts.access import is_supervisor, visible_agencies
from gongkai_web.accounts.models import Agency
from gongkai_web.library.models import Report


def may_review(user: Any) -> bool:
    """Collecting, matching, deciding on findings and correcting cells: the supervising office."""
    return is_supervisor(user)


def visible_reports(user: Any) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    seen = Q(agency__in=visible_agencies(user))
    if may_review(user):
        seen |= Q(agency__isnull=True)
    return Report.objects.filter(seen)


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


def subtree(region: Agency) -> list[Agency]:
    """The region's agency and every agency under it, the region first."""
    return list(parts(region))


def parts(region: Agency) -> dict[Agency, Agency]:
    """Every agency of the region's subtree (the region first), each with the part of the
    region it lies in: the region's direct child above it (the region for itself)."""
    # Plain rows for the whole tree (a province has thousands of agencies), objects only
    # for the region's own.
    children: dict[int | None, list[tuple[int, str, int | None, str]]] = {}
    for row in Agency.objects.order_by("name").values_list(*_FIELDS):
        children.setdefault(row[2], []).append(row)

    def made(row: tuple[int, str, int | None, str]) -> Agency:
        return Agency(id=row[0], name=row[1], parent_id=row[2], kind=row[3])

    out: dict[Agency, Agency] = {region: region}
    seen = {region.pk}
    queue = [(made(row), None) for row in children.get(region.pk, [])]
    while queue:
        agency, part = queue.pop(0)
        if agency.pk in seen:  # a loop in the tree (an editing mistake) is walked once
            continue
        seen.add(agency.pk)
        out[agency] = part or agency
        queue.extend((made(row), part or agency) for row in children.get(agency.pk, []))
    return out


def _busiest(choices: list[Agency]) -> Agency | None:
    """The region with the most reports in the library (the first when none has any)."""
    best, most = (choices[0] if choices else None), 0
    ids = {a.pk for a in choices}
    for region in [a for a in choices if a.parent_id not in ids]:  # the top regions only
        count = Report.objects.filter(agency__in=[a.pk for a in subtree(region)]).count()
        if count > most:
            best, most = region, count
    return best
