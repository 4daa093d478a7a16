"""Table 2 (主动公开政府信息情况): rows named by their labels, columns by the template."""

from __future__ import annotations

from gongkai.catalogue.forms import T2_COLUMNS, T2_HEADER_KEYS, Template
from gongkai.catalogue.text import normalise
from gongkai.mapping.found import Found
from gongkai.mapping.labels import t2_row_named
from gongkai.mapping.resolve import Check, Rank, fit_row, numbers
from gongkai.mapping.tokens import Item, Token


def t2_template(items: list[Item]) -> Template | None:
    """The template table 2's column headers show, or None when they show neither."""
    text = normalise("".join(i.label for i in items))
    scores = {t: sum(k in text for k in keys) for t, keys in T2_HEADER_KEYS.items()}
    best = max(scores.values())
    if best == 0:
        return None
    winners = [t for t, s in scores.items() if s == best]
    return winners[0] if len(winners) == 1 else None


def map_table2(items: list[Item], template: Template, found: Found) -> None:
    """Rows named by the label printed with their values, or, when a layout printed the
    label on lines of its own, by the text since the previous row's values."""
    loose = ""
    for item in items:
        blank_row = item.is_blank_row and t2_row_named(item.label) is not None
        if not item.is_data and not blank_row:
            loose += item.label
            continue
        row = t2_row_named(item.label) or t2_row_named(loose + item.label)
        loose = ""
        if row is None:
            continue
        columns = T2_COLUMNS.get((template, row))
        if columns is None:
            found.warn("row_not_in_template", f"表二“{row}”一行不属于 {template} 年版表格，未记录")
            continue
        cell_ids = [f"t2.{row}.{c.id}" for c in columns]
        kinds = tuple(c.id for c in columns)
        fit_row(item, cell_ids, found, check=_plausible(kinds), rank=_rank(kinds))


def _plausible(kinds: tuple[str, ...]) -> Check:
    """Bounds that hold in any real row: a year's total includes what was newly published,
    and a count of items cannot fall below zero."""

    def check(tokens: list[Token]) -> bool:
        named = _named(kinds, tokens)
        if named is None:
            return False
        if "published" in named and named["total"] < named["published"]:
            return False
        return not ("prev" in named and "delta" in named and named["prev"] + named["delta"] < 0)

    return check


def _rank(kinds: tuple[str, ...]) -> Rank:
    """A suggestion for a person, never a cell value: among the plausible splits of
    digits run together, the most even digit lengths; then those where the stock is not
    smaller than the year's change (现行有效 ≥ 制发, |增减| ≤ 上一年); then the longest
    last number. Money rows get none: an amount's length says nothing about the count
    beside it."""

    def rank(candidates: list[list[Token]]) -> list[list[Token]]:
        if "amount" in kinds or not candidates:
            return candidates
        spread = {id(c): _spread(c) for c in candidates}
        least = min(spread.values())
        pool = [c for c in candidates if spread[id(c)] == least]
        soft = [c for c in pool if _soft(kinds, c)]
        pool = soft or pool
        longest = max(len(c[-1].text) for c in pool)
        return [c for c in pool if len(c[-1].text) == longest]

    return rank


def _spread(tokens: list[Token]) -> int:
    lengths = [len(t.text.lstrip("-－−")) for t in tokens]
    return max(lengths) - min(lengths)


def _named(kinds: tuple[str, ...], tokens: list[Token]) -> dict[str, float] | None:
    """Column id → value, or None when a value is blank or no number."""
    v = numbers(tokens)
    return None if v is None else dict(zip(kinds, v, strict=True))


def _soft(kinds: tuple[str, ...], tokens: list[Token]) -> bool:
    named = _named(kinds, tokens)
    if named is None:
        return False
    if "in_force" in named and named["in_force"] < named["made"]:
        return False
    return not ("prev" in named and "delta" in named and abs(named["delta"]) > named["prev"])
