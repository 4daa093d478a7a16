"""Chinese names of cells for the audit's messages: "表三 办理结果总计·自然人"."""

from __future__ import annotations

import re
from functools import cache

from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Column,
)

_ORDINAL = re.compile(r"^(?:[一二三四五六七八]、|（[一二三四五六七]）|\d[.、])")
_REMARK = re.compile(r"（[^）]*）$")
# Labels too long for a message, or that need their group to be understood.
_SHORT_T3 = {
    "results_total": "办理结果总计",
    "carried_out": "结转下年度继续办理",
    "new": "本年新收",
    "carried_in": "上年结转",
    "other": "其他处理",
    "other.no_correction": "其他处理·逾期不补正",
    "other.no_fee": "其他处理·逾期未缴费",
    "other.other": "其他处理·其他",
}
_GROUPS_T3 = {"withheld": "不予公开", "unavailable": "无法提供", "not_processed": "不予处理"}
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def t3_row_name(row: str) -> str:
    """A table-3 row's short name: "不予公开·属于国家秘密"."""
    if row in _SHORT_T3:
        return _SHORT_T3[row]
    label = next(r.label for r in T3_ROWS if r.id == row)
    label = _REMARK.sub("", _ORDINAL.sub("", label))
    group = _GROUPS_T3.get(row.partition(".")[0])
    return f"{group}·{label}" if group else label


@cache
def cell_name(cell_id: str) -> str:
    """The cell's table, row and column in Chinese; an unknown id is returned as is."""
    table, _, rest = cell_id.partition(".")
    row, _, column = rest.rpartition(".")
    try:
        if table == "t2":
            spec = next(r for r in T2_ROWS if r.id == row)
            columns = {c.id: _REMARK.sub("", c.label) for cols in _t2_columns(row) for c in cols}
            return f"表二 {spec.label}·{columns[column]}"
        if table == "t3":
            col = next(c.label for c in T3_COLUMNS if c.id == column)
            return f"表三 {t3_row_name(row)}·{col}"
        if table == "t4":
            group = next(g.label for g in T4_GROUPS if g.id == row)
            col = next(c.label for c in T4_COLUMNS if c.id == column)
            return f"表四 {group}·{col}"
    except (StopIteration, KeyError):
        pass
    return cell_id


def _t2_columns(row: str) -> list[tuple[Column, ...]]:
    return [cols for (_, r), cols in T2_COLUMNS.items() if r == row]


def table_of(cell_id: str) -> str:
    """ "t2", "t3" or "t4"; "" for an id of no table."""
    head = cell_id.partition(".")[0]
    return head if head in TABLE_NAMES else ""
