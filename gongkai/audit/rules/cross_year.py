"""An agency's report against its report of the year before: warnings.

The checks run on two reports of the same agency for consecutive years. What one report
carries forward the next one must take up: the applications carried over, the documents
in force, the items counted at the start of the year.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.names import cell_name
from gongkai.audit.rules.operands import (
    COLUMN_LABELS,
    COLUMNS,
    evidence,
    has_table,
    missing,
    number,
    value,
)
from gongkai.catalogue.forms import Template
from gongkai.report.model import Report

_DOCUMENTS = (("rules", "规章"), ("normative", "规范性文件"))
_COMPARED = ("t2.", "t3.carried_in.", "t3.carried_out.")
_ITEMS = (
    ("license", "行政许可"),
    ("other_mgmt", "其他对外管理服务事项"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("fee", "行政事业性收费"),
)


def compared(cell: str) -> bool:
    """Whether a cell takes part in comparing years (the cells to keep of a report)."""
    return cell.startswith(_COMPARED)


def _year(report: Report) -> str:
    return f"{report.year} 年度" if report.year is not None else "该年度"


def _not_read(report: Report, cells: tuple[str, ...]) -> str:
    return f"{_year(report)}报告的 {'、'.join(cell_name(c) for c in cells)} 未读出，无法核对"


def carry_over(before: Document, doc: Document) -> Iterator[Outcome]:
    """This year's 上年结转 equals last year's 结转下年度继续办理, column by column."""
    last, this = before.report, doc.report
    for report in (last, this):
        if not has_table(report, "t3"):
            yield Skip((), f"{_year(report)}报告的表三未读出，无法核对")
            return
    for col in COLUMNS:
        out, into = f"t3.carried_out.{col}", f"t3.carried_in.{col}"
        if gone := missing(last, (out,)):
            yield Skip(gone, _not_read(last, gone))
            continue
        if gone := missing(this, (into,)):
            yield Skip(gone, _not_read(this, gone))
            continue
        if value(last, out) != value(this, into):
            yield Flag(
                (into, out),
                f"表三 {COLUMN_LABELS[col]}栏：{_year(this)}上年结转 {number(value(this, into))} 件，"
                f"而{_year(last)}报告结转下年度继续办理 {number(value(last, out))} 件",
                evidence(doc, (into,)) + evidence(before, (out,)),
            )


def in_force(before: Document, doc: Document) -> Iterator[Outcome]:
    """2021 form: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (a check implementers
    use, not a rule the form states: a revision counted as 制发 also breaks it)."""
    last, this = before.report, doc.report
    if this.template is not Template.T2021:
        return
    if last.template is not Template.T2021:
        yield Skip((), f"{_year(last)}报告不是 2021 年版表格，没有现行有效件数")
        return
    for row, label in _DOCUMENTS:
        prior = f"t2.{row}.in_force"
        made, repealed, now = (f"t2.{row}.{c}" for c in ("made", "repealed", "in_force"))
        if gone := missing(last, (prior,)):
            yield Skip(gone, _not_read(last, gone))
            continue
        if gone := missing(this, (made, repealed, now)):
            yield Skip(gone, _not_read(this, gone))
            continue
        p, m, r, n = value(last, prior), value(this, made), value(this, repealed), value(this, now)
        if p + m - r != n:
            yield Flag(
                (now, made, repealed),
                f"表二 {label}：{_year(last)}现行有效 {number(p)} + 本年制发 {number(m)} − "
                f"本年废止 {number(r)} = {number(p + m - r)}，而本年现行有效印为 {number(n)}",
                evidence(doc, (now, made, repealed)) + evidence(before, (prior,)),
            )


def prev_items(before: Document, doc: Document) -> Iterator[Outcome]:
    """2019 form: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减."""
    last, this = before.report, doc.report
    if this.template is not Template.T2019:
        return
    if last.template is not Template.T2019:
        yield Skip((), f"{_year(last)}报告不是 2019 年版表格，没有上一年项目数量")
        return
    for row, label in _ITEMS:
        prior, delta, now = f"t2.{row}.prev", f"t2.{row}.delta", f"t2.{row}.prev"
        if gone := missing(last, (prior, delta)):
            yield Skip(gone, _not_read(last, gone))
            continue
        if gone := missing(this, (now,)):
            yield Skip(gone, _not_read(this, gone))
            continue
        p, d, n = value(last, prior), value(last, delta), value(this, now)
        if p + d != n:
            yield Flag(
                (now,),
                f"表二 {label}：{_year(last)}上一年项目数量 {number(p)} + 本年增/减 {number(d)}"
                f" = {number(p + d)}，而本年上一年项目数量印为 {number(n)}",
                evidence(doc, (now,)) + evidence(before, (prior, delta)),
            )
