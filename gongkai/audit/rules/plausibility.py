"""Values that can be printed but cannot be right: warnings."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.agencies import Kind, agency_kind
from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.names import cell_name
from gongkai.audit.rules.operands import evidence, missing, number, present, value
from gongkai.catalogue.forms import Template

# Cells that record making 规章 in each form (对外公开总数量 and 现行有效 may count rules
# the agency publishes or applies, not makes).
_RULES_MADE = {
    Template.T2019: ("t2.rules.made", "t2.rules.published"),
    Template.T2021: ("t2.rules.made",),
}
_DOCUMENTS = (("rules", "规章"), ("normative", "规范性文件"))


def rules_by_department(doc: Document) -> Iterator[Outcome]:
    """Only the State Council's departments and the governments of provinces and 设区的市
    make 规章 (立法法第九十一条、第九十三条): a local department or a county-level
    government that reports making one has misfiled a row."""
    report = doc.report
    cells = _RULES_MADE.get(report.template, ())
    if not cells:
        return
    kind = agency_kind(report.agency)
    if kind in (Kind.GOVERNMENT, Kind.UNKNOWN):
        if kind is Kind.UNKNOWN and report.agency is None:
            yield Skip((), "未识别出报告机关，无法判断其能否制定规章")
        return
    if gone := missing(report, cells):
        yield Skip(gone, f"{'、'.join(cell_name(c) for c in gone)} 未读出，无法核对")
    made = tuple(c for c in cells if present(report).get(c, 0) > 0)
    if not made:
        return
    who = "政府部门" if kind is Kind.DEPARTMENT else "县级及以下人民政府"
    shown = "，".join(f"{cell_name(c)} 为 {number(value(report, c))}" for c in made)
    yield Flag(
        made,
        f"{report.agency}属于{who}，无权制定规章，但{shown}；制定的文件应填入“规范性文件”一行",
        evidence(doc, made),
    )


def documents_unpublished(doc: Document) -> Iterator[Outcome]:
    """2019 form: 本年新制作 above 本年新公开. 规章 and 规范性文件 must be published
    (条例第二十条第（一）项); one made but never published has no effect."""
    report = doc.report
    if report.template is not Template.T2019:
        return
    for row, label in _DOCUMENTS:
        made, published = f"t2.{row}.made", f"t2.{row}.published"
        if gone := missing(report, (made, published)):
            yield Skip(gone, f"{'、'.join(cell_name(c) for c in gone)} 未读出，无法核对")
            continue
        m, p = value(report, made), value(report, published)
        if m > p:
            yield Flag(
                (made, published),
                f"表二 {label}：本年新制作 {number(m)} 件，本年新公开只有 {number(p)} 件；"
                f"{label}应当主动公开，有 {number(m - p)} 件制作而未公开",
                evidence(doc, (made, published)),
            )


def published_over_total(doc: Document) -> Iterator[Outcome]:
    """2019 form: 对外公开总数量 counts every document published so far, so it is not
    below the year's 本年新公开."""
    report = doc.report
    if report.template is not Template.T2019:
        return
    for row, label in _DOCUMENTS:
        published, whole = f"t2.{row}.published", f"t2.{row}.total"
        if gone := missing(report, (published, whole)):
            yield Skip(gone, f"{'、'.join(cell_name(c) for c in gone)} 未读出，无法核对")
            continue
        p, t = value(report, published), value(report, whole)
        if t < p:
            yield Flag(
                (whole, published),
                f"表二 {label}：对外公开总数量 {number(t)} 小于本年新公开数量 {number(p)}",
                evidence(doc, (whole, published)),
            )


FEE_CELL = "t2.fee.amount"


def printed_in_yuan(text: str) -> bool:
    """An amount printed with 元 but not 万元."""
    return "元" in text and "万元" not in text


def money_unit(doc: Document) -> Iterator[Outcome]:
    """2021 form: 本年收费金额 is asked in 万元; an amount printed in 元 (even "0元") is in
    the wrong unit. The reader converted it; the report should not need that."""
    report = doc.report
    if report.template is not Template.T2021:
        return
    where = report.provenance.get(FEE_CELL)
    if where is None:
        if FEE_CELL not in present(report):
            yield Skip((FEE_CELL,), f"{cell_name(FEE_CELL)} 未读出，无法核对单位")
        return
    if printed_in_yuan(where.text):
        yield Flag(
            (FEE_CELL,),
            f"{cell_name(FEE_CELL)} 印为“{where.text}”，以元为单位，而表格要求以万元填报"
            f"（已换算为 {number(value(report, FEE_CELL))} 万元）",
            evidence(doc, (FEE_CELL,)),
        )
