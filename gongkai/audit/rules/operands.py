"""The operands of a check: cell values, which of them a report lacks, their evidence.

A cell the report does not give is absent from ``Report.cells``; it is never taken as 0.
A cell the report prints blank is there as None: for every check it is an operand the
report lacks ("cannot check"), like an absent one; only the blank-cell note speaks of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gongkai.audit.document import Document
from gongkai.audit.findings import Evidence
from gongkai.audit.names import cell_name
from gongkai.catalogue.forms import T3_COLUMNS, Template, t3_row_ids
from gongkai.report.model import CellValue, Report

APPLICANTS = tuple(c.id for c in T3_COLUMNS if c.id != "total")
COLUMNS = tuple(c.id for c in T3_COLUMNS)
COLUMN_LABELS = {c.id: c.label for c in T3_COLUMNS}
_SPLIT_OTHER = ("other.no_correction", "other.no_fee", "other.other")


def present(report: Report) -> dict[str, CellValue]:
    """The cells the report gives a value for (blank cells left out)."""
    return {c: v for c, v in report.cells.items() if v is not None}


def value(report: Report, cell: str) -> CellValue:
    """The value of a cell the caller knows is present (``missing`` said so).
    Raises KeyError for a cell that is absent or blank."""
    v = report.cells[cell]
    if v is None:
        raise KeyError(cell)
    return v


def missing(report: Report, cells: Iterable[str]) -> tuple[str, ...]:
    """The cells among ``cells`` that the report does not give: absent, or printed blank."""
    return tuple(c for c in cells if report.cells.get(c) is None)


def total(report: Report, cells: Iterable[str]) -> CellValue:
    """The sum of cells the caller knows are present."""
    return sum((value(report, c) for c in cells), start=0)


def has_table(report: Report, table: str) -> bool:
    """Whether any cell of table ``t2``/``t3``/``t4`` was read."""
    return any(c.startswith(table + ".") for c in present(report))


def number(value: CellValue) -> str:
    """A value as a message prints it: counts as integers, amounts without trailing zeros."""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def names(cells: Sequence[str], limit: int = 4) -> str:
    """Cell names joined for a message, the rest counted."""
    shown = "、".join(cell_name(c) for c in cells[:limit])
    return shown + (f" 等 {len(cells)} 格" if len(cells) > limit else "")


def evidence(doc: Document, cells: Iterable[str]) -> tuple[Evidence, ...]:
    """The printed values of the cells that have them, in the order given."""
    return tuple(doc.evidence[c] for c in dict.fromkeys(cells) if c in doc.evidence)


def result_rows(report: Report) -> tuple[str, ...] | None:
    """Table 3's result rows (予以公开 … 其他处理) in the variant the report printed: the
    single 2019 其他处理 row, or the three 2021 sub-rows; the template's own when the
    report printed neither; None when it printed both (the sum cannot be known)."""
    single = any(f"t3.other.{c}" in present(report) for c in COLUMNS)
    split = any(f"t3.{r}.{c}" in present(report) for r in _SPLIT_OTHER for c in COLUMNS)
    if single and split:
        return None
    variant = single if single or split else None
    rows = t3_row_ids(report.template, single_other=variant)
    start, end = rows.index("disclosed"), rows.index("results_total")
    return rows[start:end]


def row_value(report: Report, row: str) -> tuple[CellValue, tuple[str, ...]] | None:
    """A table-3 row's total: the printed 总计, else the sum of its six applicant cells
    when all six are printed; with the cells it came from. None when neither is known.
    For comparing with the narrative only: the identities use printed cells alone."""
    printed = f"t3.{row}.total"
    if printed in present(report):
        return value(report, printed), (printed,)
    parts = tuple(f"t3.{row}.{c}" for c in APPLICANTS)
    if missing(report, parts):
        return None
    return total(report, parts), parts


def is_table_form(report: Report) -> bool:
    """Reports before 2019 have no national tables, so no table rule applies to them."""
    return report.template is not Template.LEGACY
