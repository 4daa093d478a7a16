"""The filtered case list as CSV, XLSX or JSON, streamed: rows are read from the database in
chunks and written as they come, so memory stays bounded whatever the number of cases.

CSV and JSON stream straight into the response; XLSX is written by openpyxl's write-only
workbook into a temporary file (its rows never all live in memory) which is then streamed.
Personal data beyond the applicant's name (ID number, phone, address) is not exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from gongkai_web.applications.models import (
    APPLICANT_TYPES,
    OUTCOMES,
    Application,
    ClockKind,
    Status,
)

MAX_ROWS = 1_000_000  # an XLSX sheet holds 1,048,576 rows
CHUNK = 2000
FIELDS = [
    "reg_no",
    "agency__name",
    "applicant_type",
    "applicant_name",
    "received",
    "status",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
    "next_deadline",
    "next_deadline_kind",
    "provisional",
    "due",
    "due_provisional",
    "outcome",
    "closed_on",
]
# (JSON key, column heading) in export order.
COLUMNS = [
    ("reg_no", "登记编号"),
    ("agency", "机关"),
    ("applicant_type", "申请人类型"),
    ("applicant_name", "申请人"),
    ("received", "收到申请日期"),
    ("status", "状态"),
    ("assignee", "承办人"),
    ("next_deadline", "下一期限"),
    ("next_deadline_kind", "下一期限类别"),
    ("provisional", "下一期限暂定"),
    ("due", "答复期限"),
    ("due_provisional", "答复期限暂定"),
    ("outcome", "办理结果"),
    ("closed_on", "办结日期"),
]
_LABELS: dict[str, dict[str, str]] = {
    "applicant_type": dict(APPLICANT_TYPES),
    "status": dict(Status.choices),
    "next_deadline_kind": dict(ClockKind.choices),
    "outcome": dict(OUTCOMES),
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def records(cases: QuerySet[Application]) -> Iterator[dict[str, Any]]:
    """One dict per case, codes as codes (JSON keys of COLUMNS), in the list's order."""
    rows = cases.values_list(*FIELDS)[:MAX_ROWS].iterator(chunk_size=CHUNK)
    for r in rows:
        name = f"{r[7]}{r[6]}".strip() if (r[6] or r[7]) else (r[8] or "")
        yield {
            "reg_no": r[0],
            "agency": r[1],
            "applicant_type": r[2],
            "applicant_name": r[3],
            "received": r[4],
            "status": r[5],
            "assignee": name,
            "next_deadline": r[9],
            "next_deadline_kind": r[10],
            "provisional": r[11],
            "due": r[12],
            "due_provisional": r[13],
            "outcome": r[14],
            "closed_on": r[15],
        }


def _shown(key: str, value: Any) -> Any:
    """A value as a person reads it: labels for codes, 是/否, "" for nothing."""
    if key in _LABELS:
        return _LABELS[key].get(value, value) if value else ""
    if isinstance(value, bool):
        return "暂定" if value else ""
    return "" if value is None else value


def _filename(stem: str, fmt: str) -> str:
    return f"{stem}.{fmt}"


def as_csv(cases: QuerySet[Application], stem: str) -> StreamingHttpResponse:
    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([h for _, h in COLUMNS])  # BOM: Excel reads UTF-8
        for rec in records(cases):
            yield writer.writerow([_text(_shown(k, rec[k])) for k, _ in COLUMNS])

    return _streamed(lines(), "csv", stem)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def as_json(cases: QuerySet[Application], stem: str) -> StreamingHttpResponse:
    """A JSON array of objects with the COLUMNS keys; codes as codes, dates ISO, booleans."""

    def chunks() -> Iterator[str]:
        yield "["
        first = True
        for rec in records(cases):
            out = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}
            out["status_label"] = _LABELS["status"].get(rec["status"], rec["status"])
            yield ("\n" if first else ",\n") + json.dumps(out, ensure_ascii=False)
            first = False
        yield "\n]\n"

    return _streamed(chunks(), "json", stem)


def write_xlsx(cases: QuerySet[Application], target: Any) -> int:
    """Write the cases as one write-only sheet into ``target`` (a path or binary file);
    returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("申请")
    bold = Font(bold=True)
    header = []
    for _, heading in COLUMNS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for rec in records(cases):
        row: list[Any] = []
        for key, _ in COLUMNS:
            value = _shown(key, rec[key])
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
        count += 1
    book.save(target)
    return count


def as_xlsx(cases: QuerySet[Application], stem: str) -> FileResponse:
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes (and so removes) it
    write_xlsx(cases, spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_filename(stem, "xlsx"),
        content_type=FORMATS["xlsx"],
    )


def _streamed(chunks: Iterator[str], fmt: str, stem: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((c.encode("utf-8") for c in chunks), content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, _filename(stem, fmt))
    return response


def export(cases: QuerySet[Application], fmt: str, stem: str) -> Any:
    """The response for ``fmt`` (csv, xlsx, json); KeyError for another format."""
    return {"csv": as_csv, "json": as_json, "xlsx": as_xlsx}[fmt](cases, stem)
