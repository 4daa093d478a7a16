"""The three tables of the form laid out for display: sections of rows, each row a label
and the cell ids of its columns, in the catalogue's order (the catalogue ids of cells.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    cell_ids,
    t3_row_ids,
)


@dataclass(frozen=True)
class Block:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def blocks(template: str) -> list[Block]:
    """The form's tables for a template ("2019", "2021"; legacy has none)."""
    try:
        t = Template(template)
    except ValueError:
        return []
    if t is Template.LEGACY:
        return []
    out: list[Block] = []
    t2: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for spec in T2_ROWS:
        if t in spec.templates:
            columns = T2_COLUMNS[(t, spec.id)]
            header = ("信息内容", *(c.label for c in columns))
            ids = tuple(f"t2.{spec.id}.{c.id}" for c in columns)
            t2.setdefault(header, []).append((spec.label, ids))
    for header, rows in t2.items():
        out.append(Block("表二　主动公开政府信息情况", header, tuple(rows)))
    labels = {r.id: r.label for r in T3_ROWS}
    t3 = tuple(
        (labels[row], tuple(f"t3.{row}.{c.id}" for c in T3_COLUMNS)) for row in t3_row_ids(t)
    )
    out.append(
        Block("表三　收到和处理政府信息公开申请情况", ("", *(c.label for c in T3_COLUMNS)), t3)
    )
    t4 = tuple((g.label, tuple(f"t4.{g.id}.{c.id}" for c in T4_COLUMNS)) for g in T4_GROUPS)
    out.append(
        Block("表四　政府信息公开行政复议、行政诉讼情况", ("", *(c.label for c in T4_COLUMNS)), t4)
    )
    return out


def label(cell: str) -> str:
    """A cell's row and column in Chinese, from the catalogue."""
    for template in ("2021", "2019"):
        for block in blocks(template):
            for row_label, ids in block.rows:
                if cell in ids:
                    return f"{block.title[:3]} {row_label}／{block.header[ids.index(cell) + 1]}"
    return cell


def all_cells() -> list[str]:
    """Every catalogue id, 2021 form first, then what only 2019 has."""
    ids = list(cell_ids(Template.T2021))
    ids += [c for c in cell_ids(Template.T2019) if c not in ids]
    return ids


def effective(cells: dict[str, Any], corrections: dict[str, Decimal]) -> dict[str, Any]:
    """The values to use: a person's correction over the value read."""
    out = dict(cells)
    for cell, value in corrections.items():
        out[cell] = int(value) if value == value.to_integral_value() else float(value)
    return out
