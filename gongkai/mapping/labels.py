"""Naming rows from their printed labels, however broken the label came out."""

from __future__ import annotations

from gongkai.catalogue.forms import T2_ROWS, T3_ROWS, T4_GROUPS, RowSpec
from gongkai.catalogue.text import normalise


def _key_hits(text: str, rows: tuple[RowSpec, ...]) -> dict[str, int]:
    """Row id → end position of its last key found in the normalised text."""
    hits: dict[str, int] = {}
    for row in rows:
        for key in row.keys:
            at = text.rfind(key)
            if at >= 0:
                hits[row.id] = max(hits.get(row.id, -1), at + len(key))
    return hits


def t3_rows_named(label: str) -> set[str]:
    """Every table-3 row the label text names. A group heading (其他处理, 总计) counts
    only when no other row is named: "（六）其他处理1.申请人…逾期不补正" is the sub-row."""
    text = normalise(label)
    hits = _key_hits(text, T3_ROWS)
    # "3.其他" is only the 2021 sub-row when it ends the label; elsewhere 其他 is a column.
    if "other.other" in hits and not text.endswith("3其他"):
        del hits["other.other"]
    weak = {r.id for r in T3_ROWS if r.weak}
    strong = set(hits) - weak
    return strong or set(hits)


def t3_row_named(label: str) -> str | None:
    """The one table-3 row the label names, or None (no row, or more than one)."""
    named = t3_rows_named(label)
    return next(iter(named)) if len(named) == 1 else None


def t2_row_named(label: str) -> str | None:
    """The table-2 row whose name ends the label ("…处理决定数量行政许可" → license)."""
    text = normalise(label)
    for row in T2_ROWS:
        if any(text.endswith(key) for key in row.keys):
            return row.id
    return None


def t4_group_named(label: str) -> str | None:
    """The table-4 group a heading names (复议后起诉 is checked before 行政复议)."""
    text = normalise(label)
    for group in (T4_GROUPS[2], T4_GROUPS[1], T4_GROUPS[0]):
        if any(key in text for key in group.keys):
            return group.id
    return None
