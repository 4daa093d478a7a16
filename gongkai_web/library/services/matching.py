"""Matching a report to an agency of the region tree and a year.

The reader's agency name is normalised as the audit groups agencies (``agency_key``). One
agency with the same key is a match; one agency whose key contains the report's (or the
other way round: "平潭综合实验区" and "平潭综合实验区管理委员会") is a suggestion a person
confirms; anything else is left unmatched for a person to choose."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet

from gongkai.audit.agencies import agency_key
from gongkai_web.accounts.models import Agency
from gongkai_web.library.models import Match

# A containment match needs this many characters of the shorter key ("市科技局" alone
# is in every city's name for it).
_MIN_CONTAINED = 6


@dataclass(frozen=True)
class Matched:
    agency: Agency | None
    year: int | None
    match: Match


@lru_cache(maxsize=100_000)
def _key(name: str) -> str | None:
    return agency_key(name)


def _index() -> dict[str, int]:
    """Agency ids by normalised name (a province has thousands: names only, keys cached)."""
    keyed: dict[str, int] = {}
    for pk, name in Agency.objects.order_by("pk").values_list("pk", "name"):
        key = _key(name)
        if key is not None:
            keyed.setdefault(key, pk)
    return keyed


def find_agency(name: str | None) -> tuple[Agency | None, bool]:
    """The agency a printed name names, and whether the match is sure."""
    key = agency_key(name)
    if key is None:
        return None, False
    # Most names are printed as the agency is named: one indexed query, not the index of
    # a province's thousands of names.
    exact = Agency.objects.filter(name=key).first()
    if exact is not None:
        return exact, True
    keyed = _index()
    if key in keyed:
        return Agency.objects.get(pk=keyed[key]), True
    near = [
        pk
        for other, pk in keyed.items()
        if min(len(key), len(other)) >= _MIN_CONTAINED and (key in other or other in key)
    ]
    return (Agency.objects.get(pk=near[0]), False) if len(near) == 1 else (None, False)


def match_report(agency_name: str | None, year_read: int | None, year_given: int | None) -> Matched:
    """Agency and year for a report read with ``agency_name`` and ``year_read``; the batch's
    ``year_given`` is used only when the report does not say (and then a person confirms)."""
    agency, sure = find_agency(agency_name)
    year = year_read if year_read is not None else year_given
    if agency is None:
        return Matched(None, year, Match.UNMATCHED)
    if sure and year_read is not None:
        return Matched(agency, year, Match.AUTO)
    return Matched(agency, year, Match.UNSURE)


# The agency list of a report's match form: a province has thousands of agencies, and a
# page listing them all weighs megabytes; the form offers these and a search by name.
MAX_CHOICES = 200


def choices(current: Agency | None, visible: QuerySet[Agency], query: str = "") -> list[Agency]:
    """The agencies offered for a report: those whose name contains ``query`` when searched,
    else the report's agency with the agencies beside it (its parent's other children and
    the parent), else the top of the region tree; at most ``MAX_CHOICES``."""
    shown = visible.only("id", "name").order_by("name", "id")
    query = query.strip()
    if query:
        found = list(shown.filter(name__contains=query)[:MAX_CHOICES])
    elif current is not None and current.parent_id is not None:
        near = Q(parent_id=current.parent_id) | Q(pk=current.parent_id)
        found = list(shown.filter(near)[:MAX_CHOICES])
    else:
        # No agency yet: the agencies that are regions (they have agencies under them),
        # and the top ones; a search finds any other.
        regions = Agency.objects.filter(parent__isnull=False).values("parent_id")
        top = Q(pk__in=regions) | Q(parent__isnull=True)
        found = list(shown.filter(top)[:MAX_CHOICES])
    if current is not None and all(a.pk != current.pk for a in found):
        found.insert(0, current)
    return found
