"""The identities the form states or implies (cells.md, "The identities"): errors.

Each check compares printed cells only. When an operand is not printed (or could not be
read) the identity is not checked for that column, row or group; when the table was not
read at all, the rule says so once.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.document import Document
from gongkai.audit.findings import Flag, Outcome, Skip
from gongkai.audit.names import cell_name, t3_row_name
from gongkai.audit.rules.operands import (
    APPLICANTS,
    COLUMN_LABELS,
    COLUMNS,
    evidence,
    has_table,
    missing,
    names,
    number,
    present,
    result_rows,
    total,
    value,
)
from gongkai.catalogue.forms import T4_COLUMNS, T4_GROUPS, is_money
from gongkai.report.model import Report

_T4_PARTS = tuple(c.id for c in T4_COLUMNS if c.id != "total")
_T4_LABELS = {c.id: c.label for c in T4_COLUMNS}


def _no_table(report: Report, table: str, name: str) -> Skip | None:
    if has_table(report, table):
        return None
    return Skip((), f"{name}未读出，无法核对")


def _cannot(cells: tuple[str, ...], what: str) -> Skip:
    return Skip(cells, f"{names(cells)} 未读出，无法核对{what}")


def _parts_text(report: Report, cells: tuple[str, ...], label: dict[str, str]) -> str:
    """ "予以公开 6 + 部分公开 6": the non-zero parts (all of them when every part is 0)."""
    shown = [c for c in cells if value(report, c) != 0] or list(cells)
    return " + ".join(f"{label[c]} {number(value(report, c))}" for c in shown)


def t3_balance(doc: Document) -> Iterator[Outcome]:
    """Every column: 一 本年新收 + 二 上年结转 = 三（七）总计 + 四 结转下年度."""
    report = doc.report
    if skip := _no_table(report, "t3", "表三"):
        yield skip
        return
    for col in COLUMNS:
        cells = tuple(
            f"t3.{r}.{col}" for r in ("new", "carried_in", "results_total", "carried_out")
        )
        label = COLUMN_LABELS[col]
        if gone := missing(report, cells):
            yield _cannot(gone, f"{label}栏的 一+二=三（七）+四")
            continue
        new, carried_in, results, carried_out = (value(report, c) for c in cells)
        if new + carried_in != results + carried_out:
            yield Flag(
                cells,
                f"表三 {label}栏：本年新收 {number(new)} + 上年结转 {number(carried_in)} = "
                f"{number(new + carried_in)}，而办理结果总计 {number(results)} + 结转下年度 "
                f"{number(carried_out)} = {number(results + carried_out)}；"
                f"表内注明第一项加第二项之和应等于第三项加第四项之和",
                evidence(doc, cells),
            )


def t3_results_sum(doc: Document) -> Iterator[Outcome]:
    """Every column: 三（七）总计 = the sum of the result rows."""
    report = doc.report
    if skip := _no_table(report, "t3", "表三"):
        yield skip
        return
    rows = result_rows(report)
    if rows is None:
        yield Skip(
            (), "表三同时印有 2019 年版“其他处理”一行和 2021 年版的三个分项，无法确定哪些行相加"
        )
        return
    for col in COLUMNS:
        printed = f"t3.results_total.{col}"
        parts = tuple(f"t3.{r}.{col}" for r in rows)
        label = COLUMN_LABELS[col]
        if gone := missing(report, (printed, *parts)):
            yield _cannot(gone, f"{label}栏的办理结果总计")
            continue
        expected = total(report, parts)
        if value(report, printed) != expected:
            shown = tuple(c for c in parts if value(report, c) != 0)
            labels = {c: t3_row_name(c.split(".", 1)[1].rpartition(".")[0]) for c in parts}
            yield Flag(
                (printed, *shown),
                f"表三 {label}栏：办理结果总计印为 {number(value(report, printed))}，"
                f"而各项办理结果之和为 {number(expected)}（{_parts_text(report, parts, labels)}）",
                evidence(doc, (printed, *shown)),
            )


def t3_row_total(doc: Document) -> Iterator[Outcome]:
    """Every row: 总计 = the six applicant columns."""
    report = doc.report
    if skip := _no_table(report, "t3", "表三"):
        yield skip
        return
    rows = result_rows(report) or ()
    for row in ("new", "carried_in", *rows, "results_total", "carried_out"):
        printed = f"t3.{row}.total"
        parts = tuple(f"t3.{row}.{c}" for c in APPLICANTS)
        if gone := missing(report, (printed, *parts)):
            yield _cannot(gone, f"“{t3_row_name(row)}”一行的总计")
            continue
        expected = total(report, parts)
        if value(report, printed) != expected:
            shown = tuple(c for c in parts if value(report, c) != 0)
            labels = {c: COLUMN_LABELS[c.rpartition(".")[2]] for c in parts}
            yield Flag(
                (printed, *shown),
                f"表三 {t3_row_name(row)}一行：总计印为 {number(value(report, printed))}，"
                f"而六类申请人之和为 {number(expected)}（{_parts_text(report, parts, labels)}）",
                evidence(doc, (printed, *shown)),
            )


def t4_group_total(doc: Document) -> Iterator[Outcome]:
    """Each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    report = doc.report
    if skip := _no_table(report, "t4", "表四"):
        yield skip
        return
    for group in T4_GROUPS:
        printed = f"t4.{group.id}.total"
        parts = tuple(f"t4.{group.id}.{c}" for c in _T4_PARTS)
        if gone := missing(report, (printed, *parts)):
            yield _cannot(gone, f"“{group.label}”的总计")
            continue
        expected = total(report, parts)
        if value(report, printed) != expected:
            labels = {c: _T4_LABELS[c.rpartition(".")[2]] for c in parts}
            yield Flag(
                (printed, *parts),
                f"表四 {group.label}：总计印为 {number(value(report, printed))}，而 "
                f"{' + '.join(f'{labels[c]} {number(value(report, c))}' for c in parts)}"
                f" = {number(expected)}",
                evidence(doc, (printed, *parts)),
            )


def _may_be_negative(cell: str) -> bool:
    """本年增/减 is a change, printed negative for a decrease (cells.md)."""
    return cell.startswith("t2.") and cell.endswith(".delta")


def negative_counts(doc: Document) -> Iterator[Outcome]:
    """No count or amount of the form is below zero, except 本年增/减."""
    report = doc.report
    for cell, printed in present(report).items():
        if _may_be_negative(cell) or printed >= 0:
            continue
        kind = "金额" if is_money(cell) else "件数"
        yield Flag(
            (cell,),
            f"{cell_name(cell)} 印为 {number(printed)}，{kind}不能为负数",
            evidence(doc, (cell,)),
        )
