"""The dashboard's charts, per agency side by side: applications per month, outcomes,
on-time rate, open cases by age. Each chart is data (``Chart``): the page draws it with
ECharts (static/charts.js, from a ``json_script`` block) and prints the same numbers as a
table, so the figures are readable without the picture.

The counts read covering indexes only (tables 3 and 4's, app_agency_next): each counts a
column of its index, never the id, so PostgreSQL scans the index alone. They are cached for
``CACHE_SECONDS`` (statistics, not a work list: a few minutes old is fine), so a dashboard
over a million cases stays fast; the work queues beside them are never cached.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet

from gongkai_web.accounts.models import Agency
from gongkai_web.applications.models import Application

CACHE_SECONDS = 300
MONTHS = 12
MAX_SERIES = 8  # more agencies than this: the largest ones, the rest as 其他机关
OUTCOME_GROUPS = {
    "disclosed": "予以公开",
    "partly": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
AGE_BUCKETS = ((7, "7天以内"), (14, "8—14天"), (30, "15—30天"), (60, "31—60天"), (None, "60天以上"))
OTHERS = "其他机关"


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar", "stacked", "line"
    categories: list[str]
    series: list[dict[str, object]] = field(default_factory=list)  # {"name", "data"}
    unit: str = "件"
    note: str = ""


def _months(today: dt.date) -> list[dt.date]:
    first = dt.date(today.year, today.month, 1)
    out = []
    for back in range(MONTHS - 1, -1, -1):
        y, m = divmod(first.year * 12 + first.month - 1 - back, 12)
        out.append(dt.date(y, m + 1, 1))
    return out


def _month(value: dt.date | dt.datetime) -> dt.date:
    return dt.date(value.year, value.month, 1)


def _names(agencies: Sequence[Agency], sizes: Counter[int]) -> dict[int, str]:
    """Series name per agency id: itself for the largest MAX_SERIES, else 其他机关."""
    ranked = sorted(agencies, key=lambda a: (-sizes[a.id], a.name))
    keep = ranked if len(ranked) <= MAX_SERIES else ranked[: MAX_SERIES - 1]
    names = {a.id: a.name for a in keep}
    return {a.id: names.get(a.id, OTHERS) for a in agencies}


def _series(names: dict[int, str], values: dict[tuple[str, str], float]) -> list[str]:
    order = list(dict.fromkeys(names.values()))
    return [n for n in order if any(k[0] == n for k in values)] or order[:1]


def build(agencies: Sequence[Agency], today: dt.date) -> list[Chart]:
    """The four charts for ``agencies`` as of ``today`` (cached, see the module's note)."""
    ids = sorted(a.id for a in agencies)
    key = f"gongkai:charts:{today.isoformat()}:{','.join(map(str, ids))}"
    cached = cache.get(key)
    if cached is not None:
        return [Chart(**c) for c in cached]
    charts = _build(list(agencies), ids, today)
    cache.set(key, [asdict(c) for c in charts], CACHE_SECONDS)
    return charts


def _build(agencies: list[Agency], ids: list[int], today: dt.date) -> list[Chart]:
    months = _months(today)
    start = months[0]
    cases = Application.objects.filter(agency_id__in=ids)
    received = Counter[tuple[int, dt.date]]()
    # Grouped by day, not by a month function: the groups then follow the index's order
    # (no sort; SQLite's month function is Python, called per row) and Python adds up months.
    for agency_id, day, n in (
        cases.filter(received__gte=start, received__lte=today)
        .values_list("agency_id", "received")
        .annotate(n=Count("received"))
        .order_by()
    ):
        received[(agency_id, _month(day))] += n
    sizes = Counter[int]()
    for (agency_id, _), n in received.items():
        sizes[agency_id] += n
    names = _names(agencies, sizes)
    labels = [f"{m.year}年{m.month}月" for m in months]
    return [
        _per_month(names, received, months, labels),
        *_outcomes_and_on_time(cases, names, months, labels, today),
        _open_by_age(cases, names, today),
    ]


def _per_month(
    names: dict[int, str],
    received: Counter[tuple[int, dt.date]],
    months: list[dt.date],
    labels: list[str],
) -> Chart:
    values: dict[tuple[str, str], float] = defaultdict(float)
    for (agency_id, month), n in received.items():
        values[(names[agency_id], month.isoformat())] += n
    chart = Chart("per_month", "每月收到申请", "bar", labels)
    for name in _series(names, values):
        chart.series.append(
            {"name": name, "data": [int(values[(name, m.isoformat())]) for m in months]}
        )
    return chart


def _outcomes_and_on_time(
    cases: QuerySet[Application],
    names: dict[int, str],
    months: list[dt.date],
    labels: list[str],
    today: dt.date,
) -> list[Chart]:
    closed = cases.filter(closed_on__gte=months[0], closed_on__lte=today)
    outcomes: dict[tuple[str, str], float] = defaultdict(float)
    done: dict[tuple[str, str], float] = defaultdict(float)
    in_time: dict[tuple[str, str], float] = defaultdict(float)
    # One pass grouped by agency and day (the index's order, see _build), each outcome group
    # a filtered count: an outcome "withheld.x" is in group "withheld"; the rest is 其他处理.
    named = [g for g in OUTCOME_GROUPS if g != "other"]
    per_group = {
        g: Count("closed_on", filter=Q(outcome=g) | Q(outcome__startswith=f"{g}.")) for g in named
    }
    rows = (
        closed.values_list("agency_id", "closed_on")
        .annotate(
            n=Count("closed_on"),
            late=Count("closed_on", filter=Q(closed_on__gt=F("due"))),
            **{f"in_{g}": count for g, count in per_group.items()},
        )
        .order_by()
    )
    for agency_id, day, n, late, *in_groups in rows:
        name, m = names[agency_id], _month(day).isoformat()
        for g, k in zip(named, in_groups, strict=True):
            if k:
                outcomes[(name, OUTCOME_GROUPS[g])] += k
        if n - sum(in_groups):
            outcomes[(name, OUTCOME_GROUPS["other"])] += n - sum(in_groups)
        done[(name, m)] += n
        in_time[(name, m)] += n - late
    groups = list(dict.fromkeys(OUTCOME_GROUPS.values()))
    series = _series(names, outcomes)
    outcome_chart = Chart("outcomes", "近12个月办结结果", "stacked", series)
    for group in groups:
        outcome_chart.series.append(
            {"name": group, "data": [int(outcomes[(s, group)]) for s in series]}
        )
    rate = Chart(
        "on_time",
        "按期办结率（按办结月份）",
        "line",
        labels,
        unit="%",
        note="在答复期限（含延期）内办结的比例；无办结的月份不计",
    )
    for name in _series(names, done):
        data: list[object] = []
        for m in months:
            total = done[(name, m.isoformat())]
            data.append(round(100 * in_time[(name, m.isoformat())] / total, 1) if total else None)
        rate.series.append({"name": name, "data": data})
    return [outcome_chart, rate]


def _open_by_age(cases: QuerySet[Application], names: dict[int, str], today: dt.date) -> Chart:
    """Open cases per agency by age: one filtered count per bucket, grouped by agency only
    (app_agency_next holds every column read)."""
    ages: dict[tuple[str, str], float] = defaultdict(float)
    buckets, newer = [], None  # the received dates each bucket spans
    for limit, label in AGE_BUCKETS:
        oldest = today - dt.timedelta(days=limit) if limit is not None else None
        span = Q(received__gte=oldest) if oldest is not None else Q()
        if newer is not None:
            span &= Q(received__lt=newer)
        buckets.append((f"age{len(buckets)}", label, Count("received", filter=span or None)))
        newer = oldest
    rows = (
        cases.filter(next_deadline__isnull=False)
        .values_list("agency_id")
        .annotate(**{alias: count for alias, _, count in buckets})
        .order_by()
    )
    for agency_id, *counts in rows:
        for (_, label, _), n in zip(buckets, counts, strict=True):
            if n:
                ages[(names[agency_id], label)] += n
    series = _series(names, ages)
    chart = Chart("open_age", "未办结申请的时长（自收到之日）", "stacked", series)
    for _, label in AGE_BUCKETS:
        chart.series.append({"name": label, "data": [int(ages[(s, label)]) for s in series]})
    return chart
