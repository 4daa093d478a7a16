"""Matching a report to an agency of the region tree and a year.

The reader's agency name is normalised as the audit groups agencies (``agency_key``). One
agency with the same key is a match; one agency whose key contains the report's (or the
other way round: "平潭综合实验区" and "平潭综合实验区管理委员会") is a suggestion a person
confirms; anything else is left unmatched for a person to choose."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
