"""Fitting an item's printed values to the columns of its row."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.mapping.digits import TooManySplits, candidate_splits
from gongkai.mapping.found import Found
from gongkai.mapping.tokens import Item, Token
from gongkai.mapping.values import parse_value

Check = Callable[[list[Token]], bool]
Rank = Callable[[list[list[Token]]], list[list[Token]]]


def numbers(tokens: list[Token]) -> list[float] | None:
    """The values as numbers (money allowed), or None when one is blank or not a number."""
    out: list[float] = []
    for t in tokens:
        if t.blank:
            return None
        parsed = parse_value(t.text, money=True)
        if parsed.value is None:
            return None
        out.append(float(parsed.value))
    return out


def split_candidates(item: Item, count: int, check: Check) -> list[list[Token]] | None:
    """The splits of running-text digits that ``check`` accepts, or None when the item's
    values need no split (they already make ``count``, or the source delimits cells)."""
    if len(item.values) >= count or not any(t.run for t in item.values):
        return None
    try:
        return [c for c in candidate_splits(item.values, count) if check(c)]
    except TooManySplits:
        return []


def fit_row(
    item: Item,
    cell_ids: list[str],
    found: Found,
    *,
    check: Check | None = None,
    rank: Rank | None = None,
) -> None:
    """Put the item's values into the cells, left to right.

    - as many values as columns: each to its column;
    - fewer, from running text with digits run together: the one split that ``check``
      accepts, else none (``rank`` only suggests one in the warning);
    - fewer, with cell boundaries: only the first value is placed, since the columns of
      the others cannot be told; the rest are named in a warning;
    - more: the first ones are placed and the surplus reported.
    """
    k = len(cell_ids)
    values = _without_padding(item.values, k)
    if values and values[0].blank and any(t.padding for t in item.values):
        # Blank cells in front and padding behind: which of them are the row's own
        # columns cannot be told, so no value is placed.
        found.warn(
            "blank_ambiguous",
            f"“{item.label.strip()[-20:]}”一行前有空白单元格、后有补齐的空单元格，"
            "无法确定数值所在栏目，该行未记录",
            tuple(cell_ids),
        )
        return
    values = _without_leading_blanks(values, k)
    if len(values) < k and any(t.run for t in values):
        # Blank cells before a run are the label's own width: a split with a blank in
        # it could not be checked anyway.
        while values and values[0].blank:
            values = values[1:]
        item = Item(label=item.label, values=values, where=item.where, delimited=item.delimited)
        values = _split(item, cell_ids, found, check, rank) or []
        if not values:
            return
    if len(values) == k:
        for cell_id, token in zip(cell_ids, values, strict=True):
            found.put(cell_id, token)
        return
    if len(values) > k:
        found.warn(
            "extra_values",
            f"“{item.label.strip()[-20:]}”一行印有 {len(values)} 个数，表格只有 {k} 栏，多余的未记录",
            tuple(cell_ids),
        )
        for cell_id, token in zip(cell_ids, values[:k], strict=True):
            found.put(cell_id, token)
        return
    found.put(cell_ids[0], values[0])
    found.warn(
        "short_row",
        f"“{item.label.strip()[-20:]}”一行只印有 {len(values)} 个数（应为 {k} 个），"
        f"无法确定其余数值所在栏目，只记录第一栏",
        tuple(cell_ids[1:]),
    )


def _without_padding(values: list[Token], k: int) -> list[Token]:
    """The row's values without the padding cells beyond its ``k`` columns."""
    end = len(values)
    while end > k and values[end - 1].padding:
        end -= 1
    return values[:end]


def _without_leading_blanks(values: list[Token], k: int) -> list[Token]:
    """Blank cells in front of a row's values beyond its ``k`` columns: the label's
    own empty cells (a label printed over several columns), not the row's."""
    extra = len(values) - k
    lead = 0
    while lead < extra and values[lead].blank:
        lead += 1
    return values[lead:]


def _split(
    item: Item, cell_ids: list[str], found: Found, check: Check | None, rank: Rank | None
) -> list[Token] | None:
    """The one split the check accepts. When several remain, no cell is filled: the
    ``rank`` (if given) only names the likeliest split in the warning, for a person."""
    k = len(cell_ids)
    printed = " ".join(t.text for t in item.values)
    try:
        accepted = [c for c in candidate_splits(item.values, k) if check is None or check(c)]
    except TooManySplits:
        accepted = []
        count = -1
    else:
        count = len(accepted)
    if count == 1:
        return accepted[0]
    if count == 0:
        reason = "没有任何拆法符合表内关系"
    elif count < 0:
        reason = "可能的拆法过多"
    else:
        reason = f"有 {count} 种拆法都符合表内关系"
        likely = rank(accepted) if rank is not None else []
        if len(likely) == 1:
            reason += f"，最可能为 {' / '.join(t.text for t in likely[0])}，请核对原件"
    found.warn(
        "split_ambiguous",
        f"“{printed}”数字连写，无法唯一拆分为 {k} 栏（{reason}），该行未记录",
        tuple(cell_ids),
        digits=printed,
    )
    return None
