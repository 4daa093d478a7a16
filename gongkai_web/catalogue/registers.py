"""The table-2 registers: decisions per month, matters per year end, fees per month and
procurement per year. Each entry replaces the one for the same period (a correction), and is
written to the audit log with what it was."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models, transaction

from gongkai_web.accounts.models import Agency
from gongkai_web.applications import audit
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import (
    DecisionCount,
    DecisionKind,
    FeeCollected,
    MatterCount,
    MatterKind,
    Procurement,
)

FIRST_YEAR = 2008


def _period(year: int, month: int | None = None) -> None:
    if not FIRST_YEAR <= year <= 2100:
        raise CatalogueError(f"年份 {year} 超出范围（{FIRST_YEAR}—2100）")
    if month is not None and not 1 <= month <= 12:
        raise CatalogueError(f"月份 {month} 无效（1—12）")


def _count(value: Any, what: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise CatalogueError(f"{what}应为整数，收到“{value}”") from None
    if number < 0:
        raise CatalogueError(f"{what}不能为负数")
    return number


def money(value: Any, what: str = "金额") -> Decimal:
    """万元 with at most 4 decimals, not negative."""
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise CatalogueError(f"{what}应为数字（单位：万元），收到“{value}”") from None
    if not amount.is_finite() or amount < 0:
        raise CatalogueError(f"{what}应为不小于 0 的数字")
    if amount != round(amount, 4):
        raise CatalogueError(f"{what}最多保留 4 位小数（单位：万元）")
    return amount


def _save(
    model: type[models.Model], keys: dict[str, Any], values: dict[str, Any], actor: Any
) -> models.Model:
    old = model.objects.filter(**keys).first()  # type: ignore[attr-defined]
    before = audit.snapshot(old) if old else {}
    obj, _ = model.objects.update_or_create(defaults=values, **keys)  # type: ignore[attr-defined]
    audit.log(actor, keys["agency"], obj, "register", audit.diff(before, audit.snapshot(obj)))
    return obj  # type: ignore[no-any-return]


@transaction.atomic
def record_decisions(
    agency: Agency, kind: str, year: int, month: int, count: Any, actor: Any = None
) -> DecisionCount:
    if kind not in DecisionKind.values:
        raise CatalogueError(f"决定类别“{kind}”无效")
    _period(year, month)
    n = _count(count, "决定数量")
    keys = {"agency": agency, "kind": kind, "year": year, "month": month}
    return _save(DecisionCount, keys, {"count": n}, actor)  # type: ignore[return-value]


@transaction.atomic
def record_matters(
    agency: Agency, kind: str, year: int, count: Any, actor: Any = None
) -> MatterCount:
    if kind not in MatterKind.values:
        raise CatalogueError(f"事项类别“{kind}”无效")
    _period(year)
    n = _count(count, "事项数量")
    keys = {"agency": agency, "kind": kind, "year": year}
    return _save(MatterCount, keys, {"count": n}, actor)  # type: ignore[return-value]


@transaction.atomic
def record_fee(
    agency: Agency, year: int, month: int, amount: Any, actor: Any = None
) -> FeeCollected:
    _period(year, month)
    keys = {"agency": agency, "year": year, "month": month}
    value = money(amount, "收费金额")
    return _save(FeeCollected, keys, {"amount": value}, actor)  # type: ignore[return-value]


@transaction.atomic
def record_procurement(
    agency: Agency, year: int, items: Any, amount: Any, actor: Any = None
) -> Procurement:
    _period(year)
    values = {"items": _count(items, "采购项目数量"), "amount": money(amount, "采购总金额")}
    return _save(Procurement, {"agency": agency, "year": year}, values, actor)  # type: ignore[return-value]


@transaction.atomic
def record_year(
    agency: Agency, kind: str, year: int, by_month: dict[int, Any], actor: Any = None
) -> int:
    """Several months of one kind at once (the registers page's row, an import, the demo):
    decisions (a DecisionKind) or ``"fee"`` (万元). Every value is checked before anything is
    saved; one audit entry records each month's old and new value. Returns months saved."""
    if kind != "fee" and kind not in DecisionKind.values:
        raise CatalogueError(f"决定类别“{kind}”无效")
    model: type[models.Model] = FeeCollected if kind == "fee" else DecisionCount
    field = "amount" if kind == "fee" else "count"
    values: dict[int, Any] = {}
    for month, raw in sorted(by_month.items()):
        _period(year, month)
        values[month] = money(raw, "收费金额") if kind == "fee" else _count(raw, "决定数量")
    scope = {"agency": agency, "year": year} | ({} if kind == "fee" else {"kind": kind})
    existing = {o.month: o for o in model.objects.filter(**scope, month__in=list(values))}  # type: ignore[attr-defined]
    changes: dict[str, list[Any]] = {}
    new, changed = [], []
    for month, value in values.items():
        old = existing.get(month)
        if old is None:
            new.append(model(**scope, month=month, **{field: value}))
            changes[str(month)] = [None, str(value)]
        elif getattr(old, field) != value:
            changes[str(month)] = [str(getattr(old, field)), str(value)]
            setattr(old, field, value)
            changed.append(old)
    model.objects.bulk_create(new)  # type: ignore[attr-defined]
    model.objects.bulk_update(changed, [field])  # type: ignore[attr-defined]
    if changes:
        record = (new + changed)[0]  # the entry names one row; ``months`` lists them all
        audit.log(
            actor, agency, record, "register", {"kind": kind, "year": year, "months": changes}
        )
    return len(values)


def monthly(agency: Agency, year: int) -> dict[str, list[int | Decimal | None]]:
    """The year's entries by kind, one value per month (None where nothing was entered)."""
    grid: dict[str, list[int | Decimal | None]] = {k: [None] * 12 for k in DecisionKind.values}
    for row in DecisionCount.objects.filter(agency=agency, year=year):
        grid[row.kind][row.month - 1] = row.count
    grid["fee"] = [None] * 12
    for fee in FeeCollected.objects.filter(agency=agency, year=year):
        grid["fee"][fee.month - 1] = fee.amount
    return grid


# ---- import ------------------------------------------------------------------------------

IMPORT_KINDS = {label: kind for kind, label in DecisionKind.choices} | {"行政事业性收费": "fee"}
IMPORT_COLUMNS = ("年份", "月份", "类别", "数量")


def import_monthly(agency: Agency, name: str, data: bytes, actor: Any = None) -> int:
    """Monthly entries from CSV/XLSX with columns 年份, 月份, 类别 (行政许可, 其他对外管理服务事项,
    行政处罚, 行政强制, 行政事业性收费) and 数量 (decisions; 万元 for fees). Every row is checked
    first; any bad row raises ImportRejected naming row, column and reason, and nothing is
    saved. Returns the number of entries saved (an entry replaces the one of its month)."""
    from gongkai_web.catalogue.errors import ImportRejected
    from gongkai_web.catalogue.tabular import read_table

    headers, rows = read_table(name, data)
    missing = [c for c in IMPORT_COLUMNS if c not in headers]
    if missing:
        raise CatalogueError(
            f"缺少必需的列：{'、'.join(missing)}（应有 {'、'.join(IMPORT_COLUMNS)}）"
        )
    good: list[tuple[str, int, int, Any]] = []
    problems: list[tuple[int, str, str]] = []
    for number, row in rows:
        try:
            year, month = _count(row["年份"], "年份"), _count(row["月份"], "月份")
            _period(year, month)
        except CatalogueError as exc:
            problems.append((number, "年份" if "年" in str(exc) else "月份", str(exc)))
            continue
        kind = IMPORT_KINDS.get(row["类别"])
        if kind is None:
            problems.append(
                (number, "类别", f"“{row['类别']}”不是可用的类别（{'、'.join(IMPORT_KINDS)}）")
            )
            continue
        try:
            value = (
                money(row["数量"], "收费金额") if kind == "fee" else _count(row["数量"], "决定数量")
            )
        except CatalogueError as exc:
            problems.append((number, "数量", str(exc)))
            continue
        good.append((kind, year, month, value))
    if problems:
        raise ImportRejected(problems)
    grouped: dict[tuple[str, int], dict[int, Any]] = {}
    for kind, year, month, value in good:
        grouped.setdefault((kind, year), {})[month] = value
    with transaction.atomic():
        for (kind, year), months in grouped.items():
            record_year(agency, kind, year, months, actor)
    return len(good)
