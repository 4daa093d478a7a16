"""A report as the audit sees it: the cells read, and the text they were read from.

The rules need more than the ``Report``: the running text (for the narrative and the
structure), and for every cell the line it was printed on (for the evidence). A
``Document`` holds those, built once from what the reader gives; it holds no layout,
so it is cheap to send from a worker process back to the one that compares years.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gongkai.audit.findings import Evidence
from gongkai.audit.sections import Heading, headings
from gongkai.audit.text import CONTEXT_CHARS, Sentence, fold_cached, sentences
from gongkai.catalogue.forms import T2_ROWS, T3_ROWS, T4_GROUPS
from gongkai.ingest.layout import Layout, Row
from gongkai.report.model import Provenance, Report

# A row of at most this many characters is quoted whole.
_SHORT_ROW = 2 * CONTEXT_CHARS
_ROW_LABELS = {
    **{f"t2.{r.id}": r.label for r in T2_ROWS},
    **{f"t3.{r.id}": r.label for r in T3_ROWS},
    **{f"t4.{g.id}": g.label for g in T4_GROUPS},
}


@dataclass(frozen=True, slots=True, eq=False)
class Document:
    """One report read for auditing.

    ``evidence`` has one entry per cell read; ``sentences`` is the running text (tables
    left out where the source marks them); ``headings`` are the numbered section headings.
    Two documents are equal only if they are the same object (rules cache by document).
    """

    report: Report
    sentences: tuple[Sentence, ...]
    headings: tuple[Heading, ...]
    evidence: dict[str, Evidence]

    @property
    def source(self) -> str:
        return self.report.source

    def narrowed(self, keep: Callable[[str], bool]) -> Document:
        """This document with only the cells ``keep`` accepts kept with their evidence,
        and no provenance, reader warnings or headings: what comparing years needs,
        small enough to hold for thousands of reports."""
        report = self.report.model_copy(
            update={
                "cells": {c: v for c, v in self.report.cells.items() if keep(c)},
                "provenance": {},
                "warnings": (),
            }
        )
        evidence = {c: e for c, e in self.evidence.items() if keep(c)}
        return Document(report, self.sentences, (), evidence)


def build_document(layout: Layout, report: Report) -> Document:
    """The audit's view of one file from its layout and the report mapped from it."""
    rows = _rows_by_place(layout)
    evidence = {
        cell: cell_evidence(cell, where, rows.get(_place(where)))
        for cell, where in report.provenance.items()
    }
    return Document(
        report=report,
        sentences=tuple(sentences(layout.rows)),
        headings=tuple(headings(layout.rows)),
        evidence=evidence,
    )


def read_for_audit(path: str | Path, *, ocr: bool = True) -> Document:
    """Read one file and build its document; ``ocr``: read scanned PDF pages by OCR.
    Raises UnreadableFile."""
    from gongkai.reader import read_document

    layout, report = read_document(path, ocr=ocr)
    return build_document(layout, report)


Place = tuple[int | None, int | None, int | None, int | None]


def _place(where: Provenance) -> Place:
    return where.page, where.line, where.table, where.row


def _rows_by_place(layout: Layout) -> dict[Place, Row]:
    rows: dict[Place, Row] = {}
    for row in layout.rows:
        for cell in row.cells:
            w = cell.where
            rows.setdefault((w.page, w.line, w.table, w.row), row)
    return rows


def cell_evidence(cell: str, where: Provenance, row: Row | None) -> Evidence:
    """A cell's printed value in the row it was printed in.

    In a row whose source draws cell boundaries the value is found in its column; in a
    short line of text, in the line; in a page flattened to one long line, after the
    cell's row label, with the text from the label on as context.
    """
    context, start = where.text, 0
    if row is not None:
        context, start = _locate(cell, where, row)
    return Evidence(
        quote=where.text,
        context=context,
        start=start,
        file=where.file,
        page=where.page,
        line=where.line,
        table=where.table,
        row=where.row,
        col=where.col,
        cell=cell,
    )


def _locate(cell: str, where: Provenance, row: Row) -> tuple[str, int]:
    text = row.text
    if where.col is not None:
        offset = 0
        for c in row.cells:
            if not c.text:
                continue
            if c.where.col == where.col:
                at = c.text.find(where.text)
                return text, offset + at if at >= 0 else -1
            offset += len(c.text) + 1
    if len(text) <= _SHORT_ROW:
        return text, _last_value_position(text, where.text)
    return _after_label(cell, where.text, text)


def _last_value_position(text: str, quote: str) -> int:
    """Where a value sits in a short line: its first occurrence after the label, which
    is the first occurrence that is not part of the label's own digits ("1.属于…")."""
    at = text.find(quote)
    while at >= 0 and at + len(quote) < len(text) and text[at + len(quote)] in ".、":
        at = text.find(quote, at + 1)
    return at


def _after_label(cell: str, quote: str, text: str) -> tuple[str, int]:
    """The row label of ``cell`` followed by the values printed after it, from a long line."""
    label = _ROW_LABELS.get(cell.rpartition(".")[0])
    if label is None:
        return quote, 0
    folded = fold_cached(text)  # the same long line serves every cell printed in it
    key = fold_cached(label).text
    at = _label_before_values(folded.text, key)
    if at < 0:
        return quote, 0
    begin = folded.raw_span(at, at + 1)[0]
    context = text[begin : begin + len(label) + CONTEXT_CHARS]
    found = context.find(quote, len(label))
    return context, found


def _label_before_values(text: str, key: str) -> int:
    """Where the label is printed with values after it: right after it, else within the
    row's remark ("（二）部分公开（区分处理的…）6000006"); -1 when nowhere."""
    places = [m.start() for m in re.finditer(re.escape(key), text)]
    for reach in (2, 40):
        for at in places:
            after = text[at + len(key) : at + len(key) + reach]
            if any(ch.isdigit() for ch in after):
                return at
    return -1
