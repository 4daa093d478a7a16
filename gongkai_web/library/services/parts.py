"""The overview of a region with regions under it, counted by the database: for each part
(a region under the region) how many of its agencies published on time, late, ..., with
their errors and warnings, and the heatmap of its findings by rule. A province's thousands
of agencies and reports never come into Python; the counts follow the same rules as the
agency-by-agency overview (``overview._best`` and ``overview._state``), which the tests
hold them to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from gongkai_web.accounts.access import SUBTREE
from gongkai_web.accounts.models import AgencyKind
from gongkai_web.library.models import Match, Severity, Status, Verdict

# Codes of the states the database returns (the overview maps them to its labels).
ON_TIME, LATE, DATE_UNKNOWN, FAILED, PENDING, MISSING, NOT_DUE = (
    "on_time",
    "late",
    "date_unknown",
    "failed",
    "pending",
    "missing",
    "not_due",
)

_GOV = AgencyKind.GOVERNMENT.value
_DONE, _FAILED = Status.DONE.value, Status.FAILED.value
_UNSURE = (Match.UNSURE.value, Match.UNMATCHED.value)

# Every agency of the region (the region itself as its own part, depth 0) and, for each
# that has reports of the year, the one that speaks for it: processed first, then the
# surest match, then the first collected (``overview._best``). The reports are reached
# from the agencies through the covering index library_report_overview.
_BEST = f"""{SUBTREE},
everyone(id, part, depth) AS (SELECT id, part, depth FROM sub UNION ALL SELECT %s, %s, 0),
ranked AS (
    SELECT r.id, e.part, a.kind, r.status, r.published_on, r.collected_at, r.errors,
        r.warnings_count,
        ROW_NUMBER() OVER (
            PARTITION BY r.agency_id
            ORDER BY CASE WHEN r.status = '{_DONE}' THEN 0 ELSE 1 END,
                CASE r.match WHEN '{Match.CONFIRMED.value}' THEN 0 WHEN '{Match.AUTO.value}' THEN 1
                    WHEN '{Match.UNSURE.value}' THEN 2 WHEN '{Match.UNMATCHED.value}' THEN 3
                    ELSE 4 END,
                r.id
        ) AS n
    FROM everyone e
    JOIN accounts_agency a ON a.id = e.id
    JOIN library_report r ON r.year = %s AND r.agency_id = e.id {{confirmed}}
),
best AS (SELECT * FROM ranked WHERE n = 1)"""

_CONFIRMED_ONLY = f"AND r.match NOT IN ('{_UNSURE[0]}', '{_UNSURE[1]}')"
_GROUPED = "part IN (SELECT part FROM sub WHERE depth > 1)"

# The agencies of each part with regions under it, by kind (those without a report are
# missing, or not yet due, by their kind's due date).
_AGENCIES = f"""{SUBTREE},
everyone(id, part, depth) AS (SELECT id, part, depth FROM sub UNION ALL SELECT %s, %s, 0)
SELECT e.part, a.kind = '{_GOV}', COUNT(*) FROM everyone e
JOIN accounts_agency a ON a.id = e.id
WHERE e.{_GROUPED}
GROUP BY 1, 2"""

# The state of each agency with a report (``overview._state``), its kind choosing the
# due date.
_STATES = f"""
SELECT b.part, b.kind = '{_GOV}',
    CASE
        WHEN b.status = '{_FAILED}' THEN '{FAILED}'
        WHEN b.status <> '{_DONE}' THEN '{PENDING}'
        WHEN b.published_on IS NOT NULL THEN
            CASE WHEN b.published_on > (CASE WHEN b.kind = '{_GOV}' THEN %s ELSE %s END)
                THEN '{LATE}' ELSE '{ON_TIME}' END
        WHEN b.collected_at < (CASE WHEN b.kind = '{_GOV}' THEN %s ELSE %s END) THEN '{ON_TIME}'
        ELSE '{DATE_UNKNOWN}'
    END AS state,
    COUNT(*),
    SUM(CASE WHEN b.status = '{_DONE}' THEN b.errors ELSE 0 END),
    SUM(CASE WHEN b.status = '{_DONE}' THEN b.warnings_count ELSE 0 END)
FROM best b
WHERE b.{_GROUPED}
GROUP BY 1, 2, 3"""

# Errors and warnings not dismissed, by part and rule, of the reports that speak.
_HEATMAP = f"""
SELECT b.part, f.rule, COUNT(*) FROM best b
JOIN library_finding f ON f.report_id = b.id
WHERE f.severity IN ('{Severity.ERROR.value}', '{Severity.WARNING.value}')
    AND f.verdict <> '{Verdict.DISMISSED.value}'
GROUP BY b.part, f.rule"""


@dataclass(frozen=True)
class Counted:
    """One part's agencies in one state: how many, and their reports' errors and warnings."""

    part: int
    state: str
    agencies: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Dues:
    """The due dates of a year (a government's, a department's) and the day of the page."""

    government: dt.date
    department: dt.date
    today: dt.date


def _best_sql(hide_unconfirmed: bool) -> str:
    return _BEST.format(confirmed=_CONFIRMED_ONLY if hide_unconfirmed else "")


def _head(region_pk: int, year: int) -> list[object]:
    return [region_pk, region_pk, region_pk, region_pk, region_pk, year]


def _end_of(day: dt.date) -> object:
    """The first instant after ``day`` (UTC, as collected_at is stored), for the database."""
    moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    return connection.ops.adapt_datetimefield_value(moment)


def counted(region_pk: int, year: int, dues: Dues, *, hide_unconfirmed: bool) -> list[Counted]:
    """The agencies of the region's parts that have regions under them, by part and state
    (the region's direct children without agencies under them are listed one by one)."""
    ops = connection.ops
    params = [
        *_head(region_pk, year),
        ops.adapt_datefield_value(dues.government),
        ops.adapt_datefield_value(dues.department),
        _end_of(dues.government),
        _end_of(dues.department),
    ]
    out: list[Counted] = []
    without: dict[tuple[int, bool], int] = {}  # agencies without a report, by part and kind
    with connection.cursor() as cursor:
        cursor.execute(_AGENCIES, _head(region_pk, year)[:5])
        for part, government, n in cursor.fetchall():
            without[part, bool(government)] = n
        cursor.execute(_best_sql(hide_unconfirmed) + _STATES, params)
        for part, government, state, n, errors, warnings in cursor.fetchall():
            without[part, bool(government)] -= n
            out.append(Counted(part, state, n, int(errors or 0), int(warnings or 0)))
    for (part, government), n in without.items():
        due = dues.government if government else dues.department
        if n:
            out.append(Counted(part, MISSING if dues.today > due else NOT_DUE, n, 0, 0))
    return out


def heatmap_cells(
    region_pk: int, year: int, *, hide_unconfirmed: bool
) -> dict[tuple[int, str], int]:
    """Errors and warnings not dismissed by (part, rule): the region's own agency is its
    own part, as is each direct child."""
    with connection.cursor() as cursor:
        cursor.execute(_best_sql(hide_unconfirmed) + _HEATMAP, _head(region_pk, year))
        return {(part, rule): n for part, rule, n in cursor.fetchall()}
