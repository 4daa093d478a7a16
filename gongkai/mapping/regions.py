"""Which table each item belongs to: narrative, table 2, 3 or 4, or what follows.

Tables come in the form's order; a region opens at a marker the form itself prints and
never reopens, so narrative that mentions the same words earlier is not taken for a table.
"""

from __future__ import annotations

from enum import IntEnum

from gongkai.catalogue.text import normalise
from gongkai.mapping.labels import t3_row_named
from gongkai.mapping.tokens import Item


class Region(IntEnum):
    BEFORE = 0
    T2 = 2
    T3 = 3
    T4 = 4
    AFTER = 5


_T2_MARKS = ("第二十条第",)
_T3_MARKS = ("勾稽关系", "申请人情况")
_AFTER_MARKS = ("主要问题", "改进情况", "其他需要报告", "存在问题")


def assign_regions(items: list[Item]) -> list[Region]:
    """The region of every item, in order."""
    regions: list[Region] = []
    region = Region.BEFORE
    t4_values = 0
    for item in items:
        text = normalise(item.label)
        region = _next_region(region, item, text, t4_values)
        if region is Region.T4:
            t4_values += len(item.values)
        regions.append(region)
    return regions


def _next_region(region: Region, item: Item, text: str, t4_values: int) -> Region:
    """Advance the region by the markers in this item's label, in the order they appear:
    one flattened line can hold narrative, then a marker, then a table's first row."""
    at = 0
    if region < Region.T2:
        hit = _first(text, _T2_MARKS) if not text.startswith("信息内容") else 0
        if hit is not None:
            region, at = Region.T2, hit
    if region < Region.T3:
        hit = _first(text[at:], _T3_MARKS)
        if hit is not None or (t3_row_named(item.label) == "new" and len(item.values) >= 6):
            region, at = Region.T3, at + (hit or 0)
    if Region.T2 <= region < Region.T4 and "行政复议" in text[at:]:
        region = Region.T4
    if region is Region.T4 and t4_values > 0 and _first(text, _AFTER_MARKS) is not None:
        region = Region.AFTER
    return region


def _first(text: str, marks: tuple[str, ...]) -> int | None:
    """Where the earliest of the marks starts in the text, or None."""
    found = [i for i in (text.find(m) for m in marks) if i >= 0]
    return min(found) if found else None
