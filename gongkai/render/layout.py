"""The three tables of the national form as data: every printed cell with its merged region.

Reproduces the blank forms of 国办公开办函〔2021〕30号 (``national-form-2021-blank.docx``)
and 〔2019〕60号: table 2 as one four-column table in blocks headed 第二十条第（X）项, table 3
with its three header rows and the grouped result rows, table 4 with 行政复议 and 行政诉讼
over their five columns. Renderers draw a ``FormTable``; nothing here knows a file format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    t3_row_ids,
)
from gongkai.render.model import CellValue, show


class Kind(StrEnum):
    HEAD = "head"  # a header or label cell
    VALUE = "value"  # a figure


@dataclass(frozen=True, slots=True)
class Placed:
    """One printed cell: its text, top-left position and span (0-based)."""

    row: int
    col: int
    text: str
    kind: Kind = Kind.HEAD
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None


@dataclass(frozen=True, slots=True)
class FormTable:
    """A table: its size, relative column widths (twentieths of a point, as the form's
    Word file gives them) and the placed cells in reading order."""

    name: str
    rows: int
    widths: tuple[int, ...]
    cells: tuple[Placed, ...]
    header_rows: int = 0

    def by_row(self) -> list[list[Placed]]:
        out: list[list[Placed]] = [[] for _ in range(self.rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return out


# Blocks of table 2 and the article item each discloses under (条例第二十条).
T2_BLOCKS: dict[Template, tuple[tuple[str, tuple[str, ...]], ...]] = {
    Template.T2021: (
        ("第二十条第（一）项", ("rules", "normative")),
        ("第二十条第（五）项", ("license",)),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fee",)),
    ),
    Template.T2019: (
        ("第二十条第（一）项", ("rules", "normative")),
        ("第二十条第（五）项", ("license", "other_mgmt")),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fee",)),
        ("第二十条第（九）项", ("procurement",)),
    ),
}
# Row labels the forms print where the catalogue's label differs.
T2_LABELS: dict[tuple[Template, str], str] = {(Template.T2021, "normative"): "行政规范性文件"}
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS = "三、本年度办理结果"
T3_GROUPS = {
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
T3_LABELS = {r.id: r.label for r in T3_ROWS}
T3_LABELS["partial"] = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


# Relative column widths of each table, as the blank form's Word file gives them (twips).
WIDTHS: dict[str, tuple[int, ...]] = {
    "table2": (2435, 2435, 2435, 2435),
    "table3": (754, 921, 3271, *([685] * 7)),
    "table4": (649,) * 7 + (650,) * 8,
}


def _spread(count: int, width: int = 4) -> list[int]:
    """Column spans that share ``width - 1`` value columns among ``count`` columns, the
    last one taking what is left (a single column spans all three, as on the form)."""
    base = [1] * count
    base[-1] += (width - 1) - count
    return base


def table2(template: Template, cells: Mapping[str, CellValue]) -> FormTable:
    """Table 2 (主动公开政府信息情况) as the form prints it: four columns, one block per
    article item: a heading row over all columns, a 信息内容 header row, the rows."""
    placed: list[Placed] = []
    row = 0
    for heading, row_ids in T2_BLOCKS[template]:
        placed.append(Placed(row, 0, heading, colspan=4))
        columns = T2_COLUMNS[(template, row_ids[0])]
        spans = _spread(len(columns))
        placed.append(Placed(row + 1, 0, "信息内容"))
        col = 1
        for column, span in zip(columns, spans, strict=True):
            placed.append(Placed(row + 1, col, column.label, colspan=span))
            col += span
        row += 2
        for row_id in row_ids:
            spec = next(r for r in T2_ROWS if r.id == row_id)
            placed.append(Placed(row, 0, T2_LABELS.get((template, row_id), spec.label)))
            col = 1
            for column, span in zip(T2_COLUMNS[(template, row_id)], spans, strict=True):
                cid = f"t2.{row_id}.{column.id}"
                placed.append(Placed(row, col, show(cid, cells.get(cid)), Kind.VALUE, 1, span, cid))
                col += span
            row += 1
    return FormTable("table2", row, WIDTHS["table2"], tuple(placed))


def table3(template: Template, cells: Mapping[str, CellValue]) -> FormTable:
    """Table 3 (收到和处理政府信息公开申请情况): three header rows, then one row per row id
    with the result rows grouped under 三、本年度办理结果 and their sub-headings."""
    placed = [
        Placed(0, 0, T3_NOTE, rowspan=3, colspan=3),
        Placed(0, 3, "申请人情况", colspan=7),
        Placed(1, 3, "自然人", rowspan=2),
        Placed(1, 4, "法人或其他组织", colspan=5),
        Placed(1, 9, "总计", rowspan=2),
        *(Placed(2, 4 + i, c.label) for i, c in enumerate(T3_COLUMNS[1:6])),
    ]
    ids = t3_row_ids(template)
    results = [r for r in ids if r not in ("new", "carried_in", "carried_out")]
    for index, row_id in enumerate(ids):
        row = 3 + index
        if row_id == results[0]:
            placed.append(Placed(row, 0, T3_RESULTS, rowspan=len(results)))
        group = row_id.split(".")[0] if "." in row_id else ""
        if group:
            members = [r for r in results if r.startswith(group + ".")]
            if row_id == members[0]:
                placed.append(Placed(row, 1, T3_GROUPS[group], rowspan=len(members)))
            placed.append(Placed(row, 2, T3_LABELS[row_id]))
        elif row_id in results:
            placed.append(Placed(row, 1, T3_LABELS[row_id], colspan=2))
        else:
            placed.append(Placed(row, 0, T3_LABELS[row_id], colspan=3))
        for i, column in enumerate(T3_COLUMNS):
            cid = f"t3.{row_id}.{column.id}"
            placed.append(Placed(row, 3 + i, show(cid, cells.get(cid)), Kind.VALUE, cell_id=cid))
    return FormTable("table3", 3 + len(ids), WIDTHS["table3"], tuple(placed), header_rows=3)


def table4(cells: Mapping[str, CellValue]) -> FormTable:
    """Table 4 (政府信息公开行政复议、行政诉讼情况): 行政复议 and 行政诉讼 (未经复议直接起诉,
    复议后起诉) over five columns each, one row of figures."""
    placed = [Placed(0, 0, "行政复议", colspan=5), Placed(0, 5, "行政诉讼", colspan=10)]
    placed += [Placed(1, i, c.label, rowspan=2) for i, c in enumerate(T4_COLUMNS)]
    placed += [Placed(1, 5, "未经复议直接起诉", colspan=5), Placed(1, 10, "复议后起诉", colspan=5)]
    placed += [Placed(2, 5 + i, c.label) for i, c in enumerate(T4_COLUMNS * 2)]
    for g, group in enumerate(T4_GROUPS):
        for i, column in enumerate(T4_COLUMNS):
            cid = f"t4.{group.id}.{column.id}"
            placed.append(Placed(3, g * 5 + i, show(cid, cells.get(cid)), Kind.VALUE, cell_id=cid))
    return FormTable("table4", 4, WIDTHS["table4"], tuple(placed), header_rows=3)


def tables(template: Template, cells: Mapping[str, CellValue]) -> tuple[FormTable, ...]:
    """Tables 2, 3 and 4 of ``template`` filled with ``cells``."""
    return table2(template, cells), table3(template, cells), table4(cells)
