"""Table 2 of the annual report (主动公开政府信息情况), computed from the catalogue and the
registers, in the cell ids of the data contract (``../shared/spec/cells.md``).

Rules (规章) and normative documents (行政规范性文件) are catalogue items (``doc_class``) that
were published (withdrawn items are not counted: they are no longer disclosed). For year Y:

- 制发 / 新制作 (made): formed (成文) in Y;
- 废止 (repealed): expired or repealed (失效、废止) in Y — an amended document stays in force;
- 现行有效 (in force) on 31 December: formed by then and not ended by then. So
  in force(Y) = in force(Y−1) + made(Y) − repealed(Y) holds by construction;
- 2019 form: 新公开 = published in Y, 对外公开总数 = published by 31 December.

Decisions, fees, matter counts and procurement come from their registers. A register with no
entry for the year gives ``None`` (blank is not 0), never a guessed 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.catalogue.forms import T2_COLUMNS, T2_ROWS, Template
from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue.models import (
    ENDED,
    DecisionCount,
    DocClass,
    FeeCollected,
    Item,
    ItemStatus,
    MatterCount,
    Procurement,
)

Cells = dict[str, int | float | None]


def template_for(year: int) -> Template:
    """The form of report year ``year``: 2021 from 2021 on, 2019 for 2019 and 2020."""
    if year < 2019:
        raise ValueError(f"{year} 年度报告没有统一表格（2019 年度起使用国家格式）")
    return Template.T2021 if year >= 2021 else Template.T2019


def cell_ids(year: int) -> list[str]:
    """Every table-2 cell id of that year's form, in the form's order."""
    template = template_for(year)
    return [
        f"t2.{row.id}.{col.id}"
        for row in T2_ROWS
        if template in row.templates
        for col in T2_COLUMNS[(template, row.id)]
    ]


def _scoped(qs: QuerySet, agency: Agency | None) -> QuerySet:  # type: ignore[type-arg]
    return qs if agency is None else qs.filter(agency=agency)


def _documents(agency: Agency | None, year: int) -> dict[str, dict[str, int]]:
    """Per doc class: made, repealed, in force, published in Y, published by the end of Y."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ended = Q(validity__in=ENDED, validity_changed_on__isnull=False)
    docs = _scoped(Item.objects, agency).filter(
        doc_class__in=[DocClass.RULE, DocClass.NORMATIVE], status=ItemStatus.PUBLISHED
    )
    rows = docs.values("doc_class").annotate(
        made=Count("id", filter=Q(formed_on__gte=start, formed_on__lte=end)),
        repealed=Count(
            "id",
            filter=ended
            & Q(validity_changed_on__gte=start, validity_changed_on__lte=end, formed_on__lte=end),
        ),
        in_force=Count(
            "id",
            filter=Q(formed_on__lte=end) & ~(ended & Q(validity_changed_on__lte=end)),
        ),
        published=Count("id", filter=Q(published_on__gte=start, published_on__lte=end)),
        total=Count("id", filter=Q(published_on__lte=end)),
    )
    empty = dict.fromkeys(("made", "repealed", "in_force", "published", "total"), 0)
    found = {DocClass.RULE.value: dict(empty), DocClass.NORMATIVE.value: dict(empty)}
    for row in rows:
        found[row["doc_class"]] = {k: int(row[k]) for k in empty}
    return found


def _sum_or_none(qs: QuerySet, field: str) -> int | Decimal | None:  # type: ignore[type-arg]
    if not qs.exists():
        return None
    value = qs.aggregate(total=Sum(field))["total"]
    return value if value is not None else None


def _decisions(agency: Agency | None, year: int) -> dict[str, int | None]:
    qs = _scoped(DecisionCount.objects, agency).filter(year=year)
    found: dict[str, int | None] = {}
    for kind in ("license", "other_mgmt", "penalty", "coercion"):
        total = _sum_or_none(qs.filter(kind=kind), "count")
        found[kind] = None if total is None else int(total)
    return found


def _matters(agency: Agency | None, year: int, kind: str) -> tuple[int | None, int | None]:
    """(上一年项目数量, 本年增/减) from the year-end counts of Y−1 and Y."""
    qs = _scoped(MatterCount.objects, agency).filter(kind=kind)
    prev = _sum_or_none(qs.filter(year=year - 1), "count")
    now = _sum_or_none(qs.filter(year=year), "count")
    prev_i = None if prev is None else int(prev)
    delta = None if prev is None or now is None else int(now) - int(prev)
    return prev_i, delta


def _money(value: int | Decimal | None) -> float | None:
    return None if value is None else float(round(Decimal(value), 4))


def table2_cells(agency: Agency | None, year: int) -> Cells:
    """Table 2 of ``year`` in the form of that year, keyed by catalogue id; ``agency=None``
    sums every agency. Counts are ints, money (万元) floats, ``None`` where a register has no
    entry for the year. Raises ValueError for a year before 2019 (no national form)."""
    template = template_for(year)
    docs = _documents(agency, year)
    decisions = _decisions(agency, year)
    cells: Cells = {}
    for doc, row in ((DocClass.RULE, "rules"), (DocClass.NORMATIVE, "normative")):
        counts = docs[doc.value]
        cols = ("made", "repealed", "in_force")
        if template == Template.T2019:
            cols = ("made", "published", "total")
        for col in cols:
            cells[f"t2.{row}.{col}"] = counts[col]
    fees = _scoped(FeeCollected.objects, agency).filter(year=year)
    if template == Template.T2021:
        for kind in ("license", "penalty", "coercion"):
            cells[f"t2.{kind}.decisions"] = decisions[kind]
        cells["t2.fee.amount"] = _money(_sum_or_none(fees, "amount"))
        return {cid: cells[cid] for cid in cell_ids(year)}
    for kind in ("license", "other_mgmt", "penalty", "coercion"):
        prev, delta = _matters(agency, year, kind)
        cells[f"t2.{kind}.prev"] = prev
        cells[f"t2.{kind}.delta"] = delta
        cells[f"t2.{kind}.decisions"] = decisions[kind]
    cells["t2.fee.prev"], cells["t2.fee.delta"] = _matters(agency, year, "fee")
    procurement = _scoped(Procurement.objects, agency).filter(year=year)
    items = _sum_or_none(procurement, "items")
    cells["t2.procurement.items"] = None if items is None else int(items)
    cells["t2.procurement.amount"] = _money(_sum_or_none(procurement, "amount"))
    return {cid: cells[cid] for cid in cell_ids(year)}
