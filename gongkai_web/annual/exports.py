"""A draft, a published version or a summary as files: .docx, PDF, HTML and JSON.

Section 六 always opens with the statement of the 信息处理费 (computed, not typed), as the
2021 form requires; the rest of each section is the text the office wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.render import FormReport, Section, render_docx, render_html, render_pdf
from gongkai.render.model import CellValue
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.models import AnnualReport, Version


class Format(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    JSON = "json"


CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
    Format.HTML: "text/html; charset=utf-8",
    Format.JSON: "application/json; charset=utf-8",
}


def parse_format(value: str) -> Format:
    try:
        return Format(value.lower())
    except ValueError:
        raise AnnualError(f"不支持的格式“{value}”：可选 docx、pdf、html、json") from None


def form_report(
    agency: str,
    year: int,
    template: str,
    cells: Mapping[str, CellValue],
    sections: Mapping[str, str],
    *,
    fee_statement: str = "",
) -> FormReport:
    """The renderer's input. Cells outside the year's form are dropped (an old draft of a
    form that changed); ``fee_statement`` opens section 六."""
    form = Template(template)
    known = set(cell_ids(form))
    texts = {Section(k): v for k, v in sections.items() if k in Section._value2member_map_}
    if fee_statement:
        texts[Section.OTHER] = "\n".join(t for t in (fee_statement, texts.get(Section.OTHER)) if t)
    return FormReport(
        agency=agency,
        year=year,
        template=form,
        cells={k: v for k, v in cells.items() if k in known},
        sections=texts,
    )


def of_draft(report: AnnualReport) -> FormReport:
    from gongkai_web.annual.figures import fee_statement, year_facts

    statement = fee_statement(report.year, year_facts(report.agency, report.year))
    return form_report(
        report.agency.name,
        report.year,
        report.template,
        report.cells,
        report.sections,
        fee_statement=statement,
    )


def of_version(version: Version) -> FormReport:
    """A published version as it was locked (its section 六 already holds the statement)."""
    return form_report(
        version.agency_name,
        version.report.year,
        version.template,
        version.cells,
        version.sections,
    )


def as_json(report: FormReport, **extra: Any) -> str:
    """The report in the catalogue's ids, shaped like ``gongkai parse --json``."""
    body = {
        "agency": report.agency,
        "year": report.year,
        "template": report.template.value,
        "cells": dict(report.cells),
        "sections": {s.value: report.sections.get(s, "") for s in Section},
        **extra,
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def render(report: FormReport, fmt: Format, **extra: Any) -> bytes:
    """The file's bytes in ``fmt``."""
    if fmt is Format.DOCX:
        return render_docx(report)
    if fmt is Format.PDF:
        return render_pdf(report)
    if fmt is Format.HTML:
        return render_html(report).encode("utf-8")
    return as_json(report, **extra).encode("utf-8")


def filename(code: str, year: int, fmt: Format, suffix: str = "") -> str:
    return f"annual-report-{code}-{year}{suffix}.{fmt.value}"
