"""The cell catalogue of ``shared/spec/cells.md`` as code: one stable id per table cell."""

from gongkai.catalogue.forms import (
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    cell_ids,
    is_money,
    t3_row_ids,
)

__all__ = [
    "T2_ROWS",
    "T3_COLUMNS",
    "T3_ROWS",
    "T4_COLUMNS",
    "T4_GROUPS",
    "Template",
    "cell_ids",
    "is_money",
    "t3_row_ids",
]
