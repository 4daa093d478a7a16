"""A filled Word report for timing: the national 2021 blank form with a gold file's numbers.

The corpus has no real filled Word report. The blank form's tables are the form itself,
so cells are placed by position in the form's order, each row checked against its label.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table, _Cell, _Row

from gongkai.catalogue.forms import (
    T2_COLUMNS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    RowSpec,
    Template,
    t3_row_ids,
)
from gongkai.catalogue.text import normalise
from gongkai.cli import format_value
from gongkai.gold import Gold


class FormNotAsExpected(Exception):
    """The blank form's tables are not laid out as the national 2021 form."""


def _unique_cells(row: _Row) -> list[_Cell]:
    """A row's cells, each merged cell once (python-docx repeats merged cells)."""
    seen: list[_Cell] = []
    for cell in row.cells:
        if all(cell._tc is not s._tc for s in seen):
            seen.append(cell)
    return seen


def _label_of(cells: list[_Cell]) -> str:
    return normalise("".join(c.text for c in cells))


def _matches(spec: RowSpec, label: str) -> bool:
    return any(key in label for key in spec.keys)


def _put(cell: _Cell, gold: Gold, cell_id: str) -> None:
    if cell_id in gold.cells:
        cell.text = format_value(gold.cells[cell_id])


def _fill_t2(table: Table, gold: Gold) -> None:
    specs = [s for s in T2_ROWS if Template.T2021 in s.templates]
    for row in table.rows:
        cells = _unique_cells(row)
        label = _label_of(cells[:1])
        spec = next((s for s in specs if _matches(s, label)), None)
        if spec is None:
            continue  # a header row
        columns = T2_COLUMNS[(Template.T2021, spec.id)]
        for cell, column in zip(cells[1:], columns, strict=True):
            _put(cell, gold, f"t2.{spec.id}.{column.id}")


def _fill_t3(table: Table, gold: Gold) -> None:
    row_ids = t3_row_ids(Template.T2021)
    rows = table.rows[-len(row_ids) :]
    specs = {s.id: s for s in T3_ROWS}
    for row, row_id in zip(rows, row_ids, strict=True):
        cells = row.cells
        if not _matches(specs[row_id], _label_of(_unique_cells(row)[:-7])):
            raise FormNotAsExpected(f"table 3 row for {row_id} is not where expected")
        for cell, column in zip(cells[-7:], T3_COLUMNS, strict=True):
            _put(cell, gold, f"t3.{row_id}.{column.id}")


def _fill_t4(table: Table, gold: Gold) -> None:
    cells = table.rows[-1].cells
    ids = [f"t4.{g.id}.{c.id}" for g in T4_GROUPS for c in T4_COLUMNS]
    if len(cells) != len(ids):
        raise FormNotAsExpected(f"table 4 has {len(cells)} value cells, not {len(ids)}")
    for cell, cell_id in zip(cells, ids, strict=True):
        _put(cell, gold, cell_id)


def fill_national_form(blank: Path, gold: Gold, out: Path) -> None:
    """Write ``out``: ``blank`` with its title naming the gold's agency and year and its
    three tables filled with the gold's cells. Raises FormNotAsExpected."""
    document = docx.Document(str(blank))
    if len(document.tables) != 3:
        raise FormNotAsExpected(f"{len(document.tables)} tables, not 3")
    title = next(p for p in document.paragraphs if p.text.strip())
    title.text = f"{gold.agency or ''}{gold.year or ''}年政府信息公开工作年度报告"
    t2, t3, t4 = document.tables
    _fill_t2(t2, gold)
    _fill_t3(t3, gold)
    _fill_t4(t4, gold)
    document.save(str(out))
