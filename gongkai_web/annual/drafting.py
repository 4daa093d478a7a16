"""The draft of an agency's report for a year: created from the records, recomputed on
demand while unpublished (recording what changed), its texts and hand-entered table 2 edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.catalogue.forms import is_money, t2_cell_ids
from gongkai.render import Section
from gongkai.render.model import CellValue, template_for_year
from gongkai_web.accounts.models import Agency
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.figures import computed_cells, overview_text, year_facts
from gongkai_web.annual.journal import record
from gongkai_web.annual.models import AnnualReport, Table2Source

EDITABLE = (Section.OVERVIEW, Section.PROBLEMS, Section.OTHER)
FIRST_YEAR = 2019  # the first report year with the national tables


def log(report: AnnualReport, actor: Any, action: str, changes: dict[str, Any]) -> None:
    record(report.agency, actor, "annual.AnnualReport", report.pk, action, changes)


def check_year(year: int) -> None:
    """Raise AnnualError unless ``year`` is a report year that has the national tables and
    has begun."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise AnnualError(f"年度应在 {FIRST_YEAR} 至 {this_year} 年之间（收到：{year}）")


@transaction.atomic
def get_or_create(agency: Agency, year: int, actor: Any = None) -> AnnualReport:
    """The agency's report for ``year``, drafted from the records the first time."""
    check_year(year)
    report, created = AnnualReport.objects.select_for_update().get_or_create(
        agency=agency, year=year, defaults={"template": template_for_year(year).value}
    )
    if created:
        recompute(report, actor)
    return report


@transaction.atomic
def recompute(report: AnnualReport, actor: Any = None) -> list[dict[str, Any]]:
    """Count the tables again from the records and redraft section 一 (unless it was
    edited). Returns and records the cells that changed. Refused once published."""
    if not report.editable:
        raise AnnualError("报告已公开，不能重新计算；如需更正，请先点击“更正”")
    cells, from_registers = computed_cells(report.agency, report.year)
    if not from_registers:  # table 2 is typed on the draft: keep what was typed
        cells.update({k: v for k, v in report.cells.items() if k.startswith("t2.")})
    before = report.cells
    changes = [
        {"cell": cid, "before": before.get(cid), "after": cells.get(cid)}
        for cid in sorted(set(before) | set(cells))
        if before.get(cid) != cells.get(cid)
    ]
    first = report.computed_at is None
    report.cells = cells
    report.table2_source = Table2Source.REGISTERS if from_registers else Table2Source.MANUAL
    report.changes = [] if first else changes
    report.computed_at = timezone.now()
    overview = overview_text(
        report.agency, report.year, cells, year_facts(report.agency, report.year)
    )
    sections = dict(report.sections)
    if sections.get(Section.OVERVIEW, "") in ("", report.overview_generated):
        sections[Section.OVERVIEW] = overview
    report.overview_generated = overview
    report.sections = sections
    report.save()
    log(report, actor, "recompute", {"changed": len(changes)})
    return report.changes


def save_sections(report: AnnualReport, texts: Mapping[str, str], actor: Any) -> None:
    """Replace the editable sections' texts (一, 五, 六)."""
    if not report.editable:
        raise AnnualError("报告已公开，不能修改；如需更正，请先点击“更正”")
    sections = dict(report.sections)
    for section in EDITABLE:
        if section.value in texts:
            text = texts[section.value].replace("\r\n", "\n").strip()
            if len(text) > 20000:
                raise AnnualError("每部分正文不能超过 20000 字")
            sections[section.value] = text
    report.sections = sections
    report.save(update_fields=["sections", "updated_at"])
    log(report, actor, "edit_sections", {"sections": sorted(texts)})


def adopt_overview(report: AnnualReport, actor: Any) -> None:
    """Replace an edited section 一 by the text drafted from the latest figures."""
    save_sections(report, {Section.OVERVIEW.value: report.overview_generated}, actor)


def parse_table2(template_value: str, raw: Mapping[str, str]) -> dict[str, CellValue]:
    """Hand-typed table 2 cells: blank stays blank (None); counts are whole numbers (本年增/减
    may be negative), money cells 万元 decimals. Raises AnnualError naming each bad cell."""
    from gongkai.catalogue.forms import Template

    out: dict[str, CellValue] = {}
    problems = []
    for cid in t2_cell_ids(Template(template_value)):
        text = (raw.get(cid) or "").strip().replace(",", "").replace("，", "")
        if not text:
            out[cid] = None
            continue
        try:
            number = Decimal(text)
        except InvalidOperation:
            problems.append(f"{cid}：“{text[:20]}”不是数字")
            continue
        if is_money(cid):
            if number < 0 or number >= Decimal("1e9") or number.as_tuple().exponent < -4:  # type: ignore[operator]
                problems.append(f"{cid}：金额应为不小于 0 的万元数，最多 4 位小数")
            else:
                out[cid] = float(number)
        elif number != number.to_integral_value() or abs(number) >= 10**9:
            problems.append(f"{cid}：应为整数")
        elif number < 0 and not cid.endswith(".delta"):
            problems.append(f"{cid}：件数不能为负数")
        else:
            out[cid] = int(number)
    if problems:
        raise AnnualError("表二填写有误：" + "；".join(problems))
    return out


def save_table2(report: AnnualReport, raw: Mapping[str, str], actor: Any) -> None:
    """Store a hand-entered table 2 (only while the registers do not give it)."""
    if not report.editable:
        raise AnnualError("报告已公开，不能修改；如需更正，请先点击“更正”")
    if report.table2_source == Table2Source.REGISTERS:
        raise AnnualError("表二由主动公开目录自动统计，不能手工填写")
    cells = parse_table2(report.template, raw)
    report.cells = {**report.cells, **cells}
    report.save(update_fields=["cells", "updated_at"])
    log(report, actor, "edit_table2", {k: v for k, v in cells.items() if v is not None})
