"""What a report keeps of the numbers OCR read: only those it can stand behind.

A number read by OCR (its provenance carries the engine's confidence) is left out, with
a warning naming it, when an identity of the form (cells.md: table 3's columns and rows,
table 4's groups) fails and no identity that holds confirms it, or when the engine was
unsure of it and no identity confirms it. An identity that holds with every operand
printed confirms all its operands (the engine's faint "0" that makes a row and a column
add up is a 0): two misreadings that cancel out are not a risk worth a lost table. A
number in no identity (table 2) is kept only when the engine was sure of it. Nothing is
ever corrected: a cell is kept as read or left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.catalogue.forms import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, t3_row_ids
from gongkai.report.model import Report, ReportWarning

# Below this confidence (0 to 1) a number read by OCR is not taken.
UNSURE = 0.8

Identity = tuple[tuple[str, ...], tuple[str, ...]]  # left side = right side, as sums


def identities(template: Template, single_other: bool) -> Iterator[Identity]:
    """The identities of cells.md for a template (and its 其他处理 variant)."""
    if template is Template.LEGACY:
        return
    rows = t3_row_ids(template, single_other=single_other)
    results = rows[rows.index("disclosed") : rows.index("results_total")]
    applicants = tuple(c.id for c in T3_COLUMNS if c.id != "total")
    for col in (c.id for c in T3_COLUMNS):
        yield (
            (f"t3.new.{col}", f"t3.carried_in.{col}"),
            (
                f"t3.results_total.{col}",
                f"t3.carried_out.{col}",
            ),
        )
        yield (f"t3.results_total.{col}",), tuple(f"t3.{r}.{col}" for r in results)
    for row in rows:
        yield (f"t3.{row}.total",), tuple(f"t3.{row}.{c}" for c in applicants)
    parts = tuple(c.id for c in T4_COLUMNS if c.id != "total")
    for group in (g.id for g in T4_GROUPS):
        yield (f"t4.{group}.total",), tuple(f"t4.{group}.{p}" for p in parts)


def keep_trusted(report: Report) -> Report:
    """The report without the OCR-read numbers it cannot stand behind (see the module)."""
    read = {k: p.ocr for k, p in report.provenance.items() if p.ocr is not None}
    if not read:
        return report
    unsure = {k for k, sure in read.items() if sure < UNSURE}
    cells = report.cells
    single_other = any(k.startswith("t3.other.") and k.count(".") == 2 for k in cells)
    failed: set[str] = set()
    confirmed: set[str] = set()
    for left, right in identities(report.template, single_other):
        values = [cells.get(c) for c in left + right]
        if any(v is None for v in values):
            continue  # an operand not printed or not read: nothing to check
        holds = sum(cells[c] or 0 for c in left) == sum(cells[c] or 0 for c in right)
        (confirmed if holds else failed).update(left + right)
    unsure -= confirmed
    contradicted = {k for k in failed - confirmed - unsure if k in read}
    warnings = [_warning("ocr_unsure", k, report, "识别把握不足") for k in sorted(unsure)]
    warnings += [
        _warning("ocr_contradicted", k, report, "与表格勾稽关系不符") for k in sorted(contradicted)
    ]
    gone = unsure | contradicted
    return report.model_copy(
        update={
            "cells": {k: v for k, v in report.cells.items() if k not in gone},
            "provenance": {k: p for k, p in report.provenance.items() if k not in gone},
            "warnings": (*report.warnings, *warnings),
        }
    )


def _warning(code: str, cell: str, report: Report, why: str) -> ReportWarning:
    printed = report.provenance[cell].text
    sure = report.provenance[cell].ocr or 0.0
    return ReportWarning(
        code=code,
        message=f"{cell}：OCR 识别为“{printed}”（置信度 {sure:.2f}），{why}，未记录，请对照原件",
        cells=(cell,),
    )
