"""Hand-made reports for the audit's tests: cells as given, text as given.

A document's cells and its text are built separately, so a test states exactly what the
table prints and what the narrative says, with no reader in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gongkai.audit.document import Document, build_document
from gongkai.catalogue.forms import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai.ingest.layout import Layout
from gongkai.ingest.text import lines_to_rows
from gongkai.report.model import CellValue, Provenance, Report, ReportWarning

SOURCE = "hand-made.txt"
APPLICANTS = tuple(c.id for c in T3_COLUMNS if c.id != "total")


def document(
    cells: Mapping[str, CellValue] | None = None,
    *,
    text: str = "",
    template: Template = Template.T2021,
    agency: str | None = "某市人民政府",
    year: int | None = 2024,
    source: str = SOURCE,
    warnings: Iterable[ReportWarning] = (),
    printed: Mapping[str, str] | None = None,
) -> Document:
    """A document whose table prints ``cells`` (each on a line of its own, as its value or
    as ``printed`` gives it) and whose running text is ``text``."""
    cells = dict(cells or {})
    printed = dict(printed or {})
    provenance = {
        cell: Provenance(file=source, line=1000 + i, text=printed.get(cell, str(value)))
        for i, (cell, value) in enumerate(cells.items())
    }
    report = Report(
        source=source,
        agency=agency,
        year=year,
        template=template,
        cells=cells,
        provenance=provenance,
        warnings=tuple(warnings),
    )
    rows = lines_to_rows(text.splitlines(), source) if text else []
    return build_document(Layout(file=source, rows=tuple(rows)), report)


def consistent_t3(template: Template = Template.T2021, scale: int = 1) -> dict[str, int]:
    """A table 3 that satisfies every identity: each applicant column has one application
    per result row (times ``scale``), 2 carried out, 1 carried in."""
    rows = t3_row_ids(template)
    results = rows[rows.index("disclosed") : rows.index("results_total")]
    cells: dict[str, int] = {}
    for col in APPLICANTS:
        for row in results:
            cells[f"t3.{row}.{col}"] = scale
        cells[f"t3.results_total.{col}"] = scale * len(results)
        cells[f"t3.carried_out.{col}"] = 2
        cells[f"t3.carried_in.{col}"] = 1
        cells[f"t3.new.{col}"] = scale * len(results) + 1
    for row in rows:
        cells[f"t3.{row}.total"] = sum(cells[f"t3.{row}.{c}"] for c in APPLICANTS)
    return cells


def consistent_t4() -> dict[str, int]:
    cells: dict[str, int] = {}
    for group in T4_GROUPS:
        parts = [c.id for c in T4_COLUMNS if c.id != "total"]
        for i, col in enumerate(parts):
            cells[f"t4.{group.id}.{col}"] = i
        cells[f"t4.{group.id}.total"] = sum(range(len(parts)))
    return cells
