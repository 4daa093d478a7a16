"""Table 4 (行政复议、行政诉讼情况): fifteen values in the form's order, or three groups."""

from __future__ import annotations

from gongkai.catalogue.forms import T4_COLUMNS, T4_GROUPS
from gongkai.mapping.found import Found
from gongkai.mapping.labels import t4_group_named
from gongkai.mapping.resolve import fit_row, numbers
from gongkai.mapping.tokens import Item, Token

_ALL_IDS = [f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS]


def _groups_add_up(tokens: list[Token]) -> bool:
    """Form identity 4: each group's 总计 is the sum of its four results."""
    v = numbers(tokens)
    if v is None or len(v) % 5:  # a group cut short cannot be checked
        return False
    return all(abs(sum(v[g : g + 4]) - v[g + 4]) < 1e-9 for g in range(0, len(v), 5))


def _blank_values_row(item: Item) -> bool:
    """A row of the table's cells printed all blank: the fifteen, without a label, or
    one group's five after its name."""
    if not item.is_blank_row:
        return False
    if not item.label.strip():
        return len(item.values) >= len(_ALL_IDS)
    return len(item.values) == len(T4_COLUMNS) and t4_group_named(item.label) is not None


def map_table4(items: list[Item], found: Found) -> None:
    data: list[tuple[str | None, Item]] = []
    loose = ""
    for item in items:
        if item.is_data or _blank_values_row(item):
            data.append((t4_group_named(loose + item.label), item))
            loose = ""
        else:
            loose += item.label
    if not data:
        return
    groups = [g for g, _ in data]
    if len(data) == 3 and len(set(groups)) == 3 and None not in groups:
        for group, item in data:
            fit_row(item, [f"t4.{group}.{c.id}" for c in T4_COLUMNS], found, check=_groups_add_up)
        return
    merged = Item(label=data[0][1].label, delimited=data[0][1].delimited)
    for _, item in data:
        merged.values.extend(item.values)
        if len(merged.values) >= len(_ALL_IDS):
            break
    whole_groups = all(len(item.values) % 5 == 0 for _, item in data[: len(merged.values)])
    if len(data) > 1 and not whole_groups and not _groups_add_up(merged.values[: len(_ALL_IDS)]):
        # Values printed a few per line come in the extraction's order, not the form's.
        found.warn(
            "values_scattered",
            "表四的数值分散在多行且不符合“总计=各项之和”，无法确定所属栏目，未记录",
            tuple(_ALL_IDS),
        )
        return
    fit_row(merged, _ALL_IDS, found, check=_groups_add_up)
