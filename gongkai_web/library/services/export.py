"""Exports of a region's year: the review as Word (python-docx) and PDF (WeasyPrint), the
data as XLSX (openpyxl) and CSV, columns named by the catalogue ids of cells.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from gongkai_web.library.models import Correction, Finding, Report, Status, Verdict
from gongkai_web.library.services.overview import RULE_TITLES, Overview, Row
from gongkai_web.library.services.tables import all_cells, effective, label


@dataclass(frozen=True)
class Entry:
    """One agency in the review: its overview row and the findings a reviewer confirmed."""

    row: Row
    findings: list[Finding]


def entries(overview: Overview) -> list[Entry]:
    ids = [row.report.pk for row in overview.rows if row.report is not None]
    confirmed: dict[int, list[Finding]] = {}
    for f in Finding.objects.filter(report_id__in=ids, verdict=Verdict.CONFIRMED).order_by("id"):
        f.rule_title = RULE_TITLES.get(f.rule, f.rule)  # type: ignore[attr-defined]
        f.cell_labels = [label(c) for c in f.cells]  # type: ignore[attr-defined]
        confirmed.setdefault(f.report_id, []).append(f)
    return [
        Entry(row, confirmed.get(row.report.pk, []) if row.report else []) for row in overview.rows
    ]


def _title(overview: Overview) -> str:
    return f"{overview.region.name}{overview.year}年度政府信息公开工作年度报告审核情况"


def review_docx(overview: Overview, today: dt.date) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(_title(overview), level=1)
    doc.add_paragraph(f"生成日期：{today.isoformat()}　机关 {len(overview.rows)} 个")
    doc.add_heading("一、汇总", level=2)
    items = entries(overview)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("机关", "公开情况", "错误", "警告", "确认问题"), strict=True
    ):
        cell.text = text
    for e in items:
        r = e.row.report
        values = (
            e.row.agency.name,
            e.row.state,
            str(r.errors if r else "—"),
            str(r.warnings_count if r else "—"),
            str(len(e.findings)),
        )
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    doc.add_heading("二、各机关确认的问题", level=2)
    for e in items:
        doc.add_heading(e.row.agency.name, level=3)
        if not e.findings:
            doc.add_paragraph("无经确认的问题。" if e.row.report else f"{e.row.state}。")
        for f in e.findings:
            doc.add_paragraph(
                f"【{f.get_severity_display()}】{f.rule_title}：{f.message}", style="List Bullet"
            )  # type: ignore[attr-defined]
            for ev in f.evidence:
                doc.add_paragraph(
                    f"证据（{ev.get('where', '')}）：{ev.get('context') or ev.get('quote')}"
                )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def review_pdf(overview: Overview, today: dt.date) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "library/review_print.html",
        {
            "title": _title(overview),
            "overview": overview,
            "entries": entries(overview),
            "today": today,
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


# Reports are loaded this many at a time, and only the columns the data needs: a
# province's thousands of reports each carry tens of kB of provenance, text and document.
_CHUNK = 500


def _load(ids: list[int]) -> dict[int, tuple[Report, dict[str, Any]]]:
    """The reports of ``ids`` (a chunk) with their values, corrections applied."""
    fixes: dict[int, dict[str, Any]] = {}
    corrections = Correction.objects.filter(report_id__in=ids).only("report_id", "cell", "value")
    for c in corrections.order_by("corrected_at", "id"):
        fixes.setdefault(c.report_id, {})[c.cell] = c.value
    reports = Report.objects.filter(pk__in=ids).only("id", "filename", "template", "cells")
    return {r.pk: (r, effective(r.cells, fixes.get(r.pk, {}))) for r in reports}


def _data_rows(overview: Overview) -> tuple[list[str], Iterator[list[Any]]]:
    cells = all_cells()
    header = ["agency", "year", "file", "template", "status", *cells]

    def rows() -> Iterator[list[Any]]:
        for start in range(0, len(overview.rows), _CHUNK):
            chunk = overview.rows[start : start + _CHUNK]
            ids = [
                row.report.pk for row in chunk if row.report and row.report.status == Status.DONE
            ]
            full = _load(ids) if ids else {}
            for row in chunk:
                r, values = full.get(row.report.pk, (None, {})) if row.report else (None, {})
                yield [
                    row.agency.name,
                    overview.year,
                    r.filename if r else "",
                    r.template if r else "",
                    row.state,
                    *(values.get(c, "") for c in cells),
                ]

    return header, rows()


def data_csv(overview: Overview) -> bytes:
    header, rows = _data_rows(overview)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel see UTF-8


def data_xlsx(overview: Overview) -> bytes:
    from openpyxl import Workbook

    header, rows = _data_rows(overview)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("年报数据")
    sheet.append(header)
    sheet.append(["机关", "年度", "文件", "格式", "公开情况", *(label(c) for c in header[5:])])
    for row in rows:
        sheet.append(row)
    findings = book.create_sheet("审核发现")
    findings.append(["agency", "rule", "severity", "cells", "message", "verdict"])
    ids = {row.report.pk: row.agency.name for row in overview.rows if row.report}
    shown = ("report_id", "rule", "severity", "cells", "message", "verdict")
    found = Finding.objects.filter(report__year=overview.year).only(*shown)
    if len(ids) <= _CHUNK:  # else the year's findings are read and matched here
        found = found.filter(report_id__in=ids)
    for f in found.order_by("report_id", "id").iterator(_CHUNK):
        if f.report_id not in ids:
            continue
        findings.append(
            [
                ids[f.report_id],
                f.rule,
                f.severity,
                " ".join(f.cells),
                f.message,
                f.get_verdict_display(),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
