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


# Markers are short; a window this long holds one broken over several lines.
_WINDOW = 24


def assign_regions(items: list[Item]) -> list[Region]:
    """The region of every item, in order. Markers are looked for in the item's label
    together with the text just before it, since extraction breaks labels over lines
    ("（本列数据的勾" / "稽关系为"); the window restarts after each change of region
    and after each row of values, so earlier text never opens a later table."""
    regions: list[Region] = []
    region = Region.BEFORE
    tail = ""
    for item in items:
        own = normalise(item.label)
        window = tail + own
        moved, at = _next_region(region, item, window, len(tail))
        tail = "" if item.values else (window[at:] if moved != region else window)[-_WINDOW:]
        region = moved
        regions.append(region)
    return regions


def _next_region(region: Region, item: Item, text: str, own_start: int) -> tuple[Region, int]:
    """The region after this item, and where in ``text`` the last marker began.
    Markers count in the order they appear: one flattened line can hold narrative,
    then a marker, then a table's first row."""
    at = 0
    if region < Region.T2:
        # 信息内容 opens table 2 only as the header cell a row starts with
        header = text.startswith("信息内容", own_start)
        hit = own_start if header else _first(text, _T2_MARKS)
        if hit is not None:
            region, at = Region.T2, hit
    if region < Region.T3:
        hit = _first(text[at:], _T3_MARKS)
        if hit is not None:
            region, at = Region.T3, at + hit
        elif t3_row_named(text[at:]) == "new" and len(item.values) >= 6:
            region = Region.T3
    if Region.T2 <= region < Region.T4:
        hit = _first(text[at:], ("行政复议",))
        if hit is not None:
            region, at = Region.T4, at + hit
    # Closing sections end table 4 even when it printed nothing, so their figures
    # ("信息处理费 380 元") are never taken for its cells.
    if region is Region.T4 and not item.values and _first(text, _AFTER_MARKS) is not None:
        region = Region.AFTER
    return region, at


def _first(text: str, marks: tuple[str, ...]) -> int | None:
    """Where the earliest of the marks starts in the text, or None."""
    found = [i for i in (text.find(m) for m in marks) if i >= 0]
    return min(found) if found else None
