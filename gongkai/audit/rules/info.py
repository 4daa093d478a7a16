"""What the reader noticed, passed on as notes: blank cells, unit conversions, cells a
report left out, values that could not be placed."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome
from gongkai.audit.names import TABLE_NAMES, table_of
from gongkai.audit.rules.operands import evidence
from gongkai.audit.rules.plausibility import FEE_CELL, printed_in_yuan
from gongkai.catalogue.forms import Template

BLANK, MISSING, CONVERTED = "blank_cell", "cells_missing", "unit_converted"
# Reader warnings shown by their own rules above; every other code is a reader note.
_OWN_RULES = frozenset({BLANK, MISSING, CONVERTED})


def blank_cells(doc: Document) -> Iterator[Outcome]:
    """Cells printed blank (recorded as absent, never as 0), one note per table."""
    by_table: dict[str, list[str]] = {}
    for warning in doc.report.warnings:
        if warning.code == BLANK:
            for cell in warning.cells:
                by_table.setdefault(table_of(cell), []).append(cell)
    for table, cells in by_table.items():
        name = TABLE_NAMES.get(table, "表格")
        shown = "、".join(cells[:8]) + ("等" if len(cells) > 8 else "")
        yield Flag(tuple(cells), f"{name}有 {len(cells)} 个空白单元格：{shown}（不按 0 计）")


def missing_cells(doc: Document) -> Iterator[Outcome]:
    """Cells of the form the report does not print, or that could not be read."""
    for warning in doc.report.warnings:
        if warning.code == MISSING:
            yield Flag(warning.cells, warning.message)


def unit_converted(doc: Document) -> Iterator[Outcome]:
    """Amounts printed in another unit and converted to the form's 万元. The 2021 fee
    printed in 元 is a warning of its own (``t2.money_unit``), not repeated here."""
    report = doc.report
    for warning in report.warnings:
        if warning.code != CONVERTED:
            continue
        cells = tuple(
            c
            for c in warning.cells
            if not (
                c == FEE_CELL
                and report.template is Template.T2021
                and c in report.provenance
                and printed_in_yuan(report.provenance[c].text)
            )
        )
        if cells:
            yield Flag(cells, warning.message, evidence(doc, cells))


def reader_notes(doc: Document) -> Iterator[Outcome]:
    """Every other remark of the reader (digits run together, rows too short or too long,
    a cell printed twice), as the reader worded it."""
    for warning in doc.report.warnings:
        if warning.code not in _OWN_RULES:
            # The first cell's line shows the row the reader is speaking of.
            yield Flag(warning.cells, warning.message, evidence(doc, warning.cells[:1]))
