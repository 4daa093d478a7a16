"""Tables 3 and 4 of the annual report, counted from the cases, in the catalogue's cell ids.

For year Y: new = received in Y; carried in = received before 1 January and still open on it;
a result row = closed in Y with that outcome; carried out = open on 31 December. Every case
received by 31 December and open at some time in Y is either closed in Y or open at its end,
so 一 + 二 = （七）总计 + 四 holds in every column by construction; the 总计 column and the
（七）总计 row are sums of the counted cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from gongkai.catalogue.forms import T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai_web.applications.models import APPLICANT_TYPES, OUTCOMES, Application, Proceeding

COLUMNS = [c for c, _ in APPLICANT_TYPES]
RESULT_ROWS = [o for o, _ in OUTCOMES]


def _scope(agency_ids: Iterable[int] | None) -> QuerySet[Application]:
    apps = Application.objects.all()
    return apps if agency_ids is None else apps.filter(agency_id__in=list(agency_ids))


def _by_type(rows: Iterable[dict[str, object]]) -> dict[str, int]:
    counts = dict.fromkeys(COLUMNS, 0)
    for row in rows:
        counts[str(row["applicant_type"])] = int(row["n"])  # type: ignore[call-overload]
    return counts


def table3(year: int, agency_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Table 3 (2021 form) for ``year``: every cell, zeros included, keyed ``t3.ROW.COL``."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    apps = _scope(agency_ids)
    open_at = lambda day: Q(closed_on__isnull=True) | Q(closed_on__gt=day)  # noqa: E731
    counted = apps.filter(received__lte=end).filter(
        Q(received__gte=start) | open_at(start - dt.timedelta(days=1))
    )
    flags = counted.values("applicant_type").annotate(
        new=Count("id", filter=Q(received__gte=start)),
        carried_in=Count("id", filter=Q(received__lt=start)),
        carried_out=Count("id", filter=open_at(end)),
    )
    rows: dict[str, dict[str, int]] = {
        r: dict.fromkeys(COLUMNS, 0) for r in ("new", "carried_in", "carried_out", *RESULT_ROWS)
    }
    for f in flags:
        for row in ("new", "carried_in", "carried_out"):
            rows[row][f["applicant_type"]] = f[row]
    closed = apps.filter(closed_on__gte=start, closed_on__lte=end, received__lte=end)
    for r in closed.values("outcome", "applicant_type").annotate(n=Count("id")):
        rows[r["outcome"]][r["applicant_type"]] = r["n"]
    rows["results_total"] = {c: sum(rows[o][c] for o in RESULT_ROWS) for c in COLUMNS}
    cells: dict[str, int] = {}
    for row in t3_row_ids(Template.T2021):
        for col in COLUMNS:
            cells[f"t3.{row}.{col}"] = rows[row][col]
        cells[f"t3.{row}.total"] = sum(rows[row].values())
    return cells


def table4(year: int, agency_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Table 4 for ``year``: proceedings filed by 31 December and not decided before 1 January;
    each counted under its result as of 31 December (尚未审结 if not decided by then)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    procs = Proceeding.objects.filter(filed_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=start)
    )
    if agency_ids is not None:
        procs = procs.filter(application__agency_id__in=list(agency_ids))
    decided = Q(decided_on__lte=end)
    counts = procs.values("kind").annotate(
        upheld=Count("id", filter=decided & Q(result="upheld")),
        corrected=Count("id", filter=decided & Q(result="corrected")),
        other=Count("id", filter=decided & Q(result="other")),
        pending=Count("id", filter=~decided | Q(decided_on__isnull=True)),
    )
    cells = {f"t4.{g.id}.{c.id}": 0 for g in T4_GROUPS for c in T4_COLUMNS}
    for row in counts:
        for col in ("upheld", "corrected", "other", "pending"):
            cells[f"t4.{row['kind']}.{col}"] = row[col]
    for g in T4_GROUPS:
        cells[f"t4.{g.id}.total"] = sum(
            cells[f"t4.{g.id}.{c}"] for c in ("upheld", "corrected", "other", "pending")
        )
    return cells


def cell_cases(cell_id: str, year: int) -> Q:
    """The cases a cell of table 3 or 4 counts in ``year``, as a filter on Application (the
    tables page links each number to them). Raises ValueError for an id that is no such cell.

    Table 4 counts proceedings: its cells give the cases whose proceeding is counted there
    (a case with two proceedings in one cell is one case).
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    parts = cell_id.split(".")
    if len(parts) < 3 or parts[0] not in ("t3", "t4"):
        raise ValueError(cell_id)
    if parts[0] == "t4":
        return _t4_cases(parts[1], parts[2], start, end)
    row, col = ".".join(parts[1:-1]), parts[-1]
    if col != "total" and col not in COLUMNS:
        raise ValueError(cell_id)
    by_type = Q() if col == "total" else Q(applicant_type=col)
    before = start - dt.timedelta(days=1)
    if row == "new":
        return by_type & Q(received__gte=start, received__lte=end)
    if row == "carried_in":
        return (
            by_type & Q(received__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gt=before))
        )
    if row == "carried_out":
        return by_type & Q(received__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    closed = by_type & Q(closed_on__gte=start, closed_on__lte=end, received__lte=end)
    if row == "results_total":
        return closed
    if row not in RESULT_ROWS:
        raise ValueError(cell_id)
    return closed & Q(outcome=row)


def _t4_cases(kind: str, col: str, start: dt.date, end: dt.date) -> Q:
    if kind not in {g.id for g in T4_GROUPS} or col not in {c.id for c in T4_COLUMNS}:
        raise ValueError(f"t4.{kind}.{col}")
    p = "proceedings__"
    q = Q(**{f"{p}kind": kind, f"{p}filed_on__lte": end}) & (
        Q(**{f"{p}decided_on__isnull": True}) | Q(**{f"{p}decided_on__gte": start})
    )
    if col == "pending":
        return q & (Q(**{f"{p}decided_on__isnull": True}) | Q(**{f"{p}decided_on__gt": end}))
    if col == "total":
        return q
    return q & Q(**{f"{p}decided_on__lte": end, f"{p}result": col})
