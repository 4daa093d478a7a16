"""Reports of earlier years imported from their files (PDF, Word, HTML, text) through the
reader, every cell with its provenance, so the year-on-year checks have a year to compare."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.audit.sections import headings
from gongkai.catalogue.forms import Template
from gongkai.errors import GongkaiError
from gongkai.ingest.layout import Layout
from gongkai.reader import read_document
from gongkai.render import Section
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.journal import record
from gongkai_web.annual.models import AnnualReport, HistoricalReport

MAX_BYTES = 30 * 1024 * 1024
SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")


def _safe_name(name: str) -> str:
    base = Path(name).name.strip() or "report"
    return base[-120:]


# The sections whose text is shown beside this year's draft (一, 五, 六).
_KEPT = {1: Section.OVERVIEW, 5: Section.PROBLEMS, 6: Section.OTHER}


def section_texts(layout: Layout) -> dict[str, str]:
    """The running text of sections 一, 五 and 六 of a read report, by its numbered headings
    (tables left out), for showing last year's text beside this year's draft."""
    texts: dict[str, list[str]] = {}
    current: int | None = None
    for row in layout.rows:
        if row.delimited:
            continue
        found = [h for h in headings([row]) if h.section is not None]
        if found and row.text.lstrip().startswith(found[0].numeral):
            current = found[0].section
            continue
        if current in _KEPT and row.text.strip():
            texts.setdefault(_KEPT[current].value, []).append(row.text.strip())
    return {k: "\n".join(v)[:20000] for k, v in texts.items()}


@transaction.atomic
def import_report(
    agency: Agency, data: bytes, name: str, actor: Any, year: int | None = None
) -> HistoricalReport:
    """Read ``data`` (the published file) and keep it as the agency's report of its year.

    The year is the one the report states (``year`` when given must agree). Raises
    AnnualError when the file cannot be read, names no year, or the year has a report
    published here (that one is the record)."""
    name = _safe_name(name)
    if not data:
        raise AnnualError("文件是空的")
    if len(data) > MAX_BYTES:
        raise AnnualError("文件超过 30 MB")
    if not name.lower().endswith(SUFFIXES):
        raise AnnualError("只能导入 PDF、Word（.docx）、网页（.html）或文本（.txt）格式的年度报告")
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            # No OCR inside a web request: a scan takes tens of seconds and would outlast
            # the request; it is refused with the reader's "needs OCR" reason.
            layout, read = read_document(path, ocr=False)
        except GongkaiError as exc:
            raise AnnualError(f"无法读取该文件：{exc}") from exc
    found = read.year if read.year is not None else year
    if found is None:
        raise AnnualError("未能从文件中识别出报告年度，请在导入时填写年度")
    if year is not None and read.year is not None and read.year != year:
        raise AnnualError(f"文件是 {read.year} 年度的报告，与填写的 {year} 年度不符")
    if read.template is Template.LEGACY and not read.cells:
        raise AnnualError("文件中没有找到年度报告的统计表格（2019 年以前的报告无法用于逐年比较）")
    if AnnualReport.objects.filter(agency=agency, year=found, versions__isnull=False).exists():
        raise AnnualError(f"{found} 年度的报告已在本平台公开，无需导入")
    HistoricalReport.objects.filter(agency=agency, year=found).delete()
    imported = HistoricalReport(
        agency=agency,
        year=found,
        template=read.template.value,
        source_name=name,
        cells=dict(read.cells),
        provenance={k: v.model_dump(mode="json") for k, v in read.provenance.items()},
        warnings=[w.model_dump(mode="json") for w in read.warnings],
        sections=section_texts(layout),
        imported_by=actor,
    )
    imported.file.save(name, ContentFile(data), save=False)
    imported.save()
    record(
        agency,
        actor,
        "annual.HistoricalReport",
        imported.pk,
        "import",
        {"year": found, "file": name, "cells": len(read.cells)},
    )
    return imported
