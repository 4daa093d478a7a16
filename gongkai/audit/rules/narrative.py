"""The narrative against the tables: warnings where a figure the text states is not what
the table prints.

A stated figure is compared with one or more readings of the table (applications
"received" may or may not include those carried over from last year, so both are
accepted). Only when every reading is known and none agrees is it a finding; when a
reading depends on a cell that was not read it is "cannot check", unless the digits the
cell was printed in rule the figure out whatever their split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from gongkai.audit.document import Document
from gongkai.audit.findings import Evidence, Flag, Outcome, Skip
from gongkai.audit.names import cell_name
from gongkai.audit.rules.claims import Claim, Topic, claims
from gongkai.audit.rules.operands import (
    APPLICANTS,
    evidence,
    missing,
    number,
    present,
    result_rows,
    row_value,
    value,
)
from gongkai.audit.rules.runs import possible_values, printed_run
from gongkai.catalogue.forms import T4_COLUMNS, Template, is_money
from gongkai.report.model import CellValue, Report

Reading = tuple[str, ...]  # cells whose sum is one reading of a stated figure
_LEGAL_PERSONS = APPLICANTS[1:]
_T4_PARTS = tuple(c.id for c in T4_COLUMNS)
_SUITS = ("suit_direct", "suit_after_review")
_OUTCOME_ROWS = {
    "disclosed": ("disclosed",),
    "disclosed_partial": ("disclosed", "partial"),
    "partial": ("partial",),
}
_MONEY_TOLERANCE = 0.005  # 万元: the text rounds to 50 元


@lru_cache(maxsize=4)
def stated(doc: Document) -> tuple[Claim, ...]:
    """The figures the document's text states (cached: several rules read them)."""
    return tuple(claims(doc.sentences, doc.report.year))


def _t3(row: str, column: str = "total") -> str:
    return f"t3.{row}.{column}"


def _application_readings(claim: Claim, report: Report) -> list[Reading] | None:
    if claim.topic in (Topic.RECEIVED, Topic.NO_APPLICATIONS):
        columns = {"": ("total",), "legal_persons": _LEGAL_PERSONS}.get(claim.part, (claim.part,))
        new = tuple(_t3("new", c) for c in columns)
        return [new, new + tuple(_t3("carried_in", c) for c in columns)]
    if claim.topic is Topic.HANDLED:
        # "办理 749 件" may count those still open at the year's end as handled too
        return [(_t3("results_total"),), (_t3("results_total"), _t3("carried_out"))]
    if claim.topic is Topic.CARRIED_IN:
        return [(_t3("carried_in"),)]
    if claim.topic is Topic.CARRIED_OUT:
        return [(_t3("carried_out"),)]
    if claim.topic is Topic.OUTCOME:
        if claim.part in _OUTCOME_ROWS:
            return [tuple(_t3(r) for r in _OUTCOME_ROWS[claim.part])]
        rows = result_rows(report)
        if rows is None:
            return None
        return [tuple(_t3(r) for r in rows if r.split(".")[0] == claim.part)]
    return None


def _review_readings(claim: Claim, report: Report) -> list[Reading] | None:
    column = claim.part or "total"
    if column not in _T4_PARTS:
        return None
    if claim.topic is Topic.REVIEW:
        return [(f"t4.review.{column}",)]
    return [tuple(f"t4.{g}.{column}" for g in _SUITS)]


# (form, column the words name) → the columns that figure may be. The 2019 form has no
# 废止 or 现行有效 column; a bare "规范性文件 13 件" is the year's new documents.
_DOCUMENT_COLUMNS: dict[tuple[Template, str], tuple[str, ...]] = {
    (Template.T2021, "made"): ("made",),
    (Template.T2021, "published"): ("made",),
    (Template.T2021, "repealed"): ("repealed",),
    (Template.T2021, "in_force"): ("in_force",),
    (Template.T2019, "made"): ("made",),
    (Template.T2019, "published"): ("made", "published"),
}


def _document_readings(claim: Claim, report: Report) -> list[Reading] | None:
    columns = _DOCUMENT_COLUMNS.get((report.template, claim.column))
    if columns is None:
        return None
    return [(f"t2.{claim.part}.{c}",) for c in columns]


def _fee_readings(claim: Claim, report: Report) -> list[Reading] | None:
    return [("t2.fee.amount",)] if report.template is Template.T2021 else None


@dataclass(frozen=True, slots=True)
class _Known:
    value: CellValue
    cells: tuple[str, ...]


def _known(report: Report, reading: Reading) -> _Known | None:
    """The reading's value from printed cells; a table-3 总计 not printed is the sum of
    its row's six cells when all six are. None when a cell is unknown."""
    known: CellValue = 0
    cells: list[str] = []
    for cell in reading:
        if cell in present(report):
            known += value(report, cell)
            cells.append(cell)
            continue
        table, _, rest = cell.partition(".")
        row, _, column = rest.rpartition(".")
        derived = row_value(report, row) if table == "t3" and column == "total" else None
        if derived is None:
            return None
        known += derived[0]
        cells.extend(derived[1])
    return _Known(known, tuple(cells))


def _same(cell: str, a: CellValue, b: CellValue) -> bool:
    if is_money(cell):
        return abs(float(a) - float(b)) <= _MONEY_TOLERANCE
    return a == b


def _describe(known: _Known) -> str:
    joined = " + ".join(cell_name(c) for c in known.cells)
    return f"{joined} {'之和' if len(known.cells) > 1 else ''}为 {number(known.value)}"


def judge(doc: Document, group: list[Claim], readings: list[Reading]) -> Outcome | None:
    """A finding when every reading is known (or ruled out by its printed digits) and
    none equals the stated figure; "cannot check" when one is unknown; else None."""
    report, claim = doc.report, group[0]
    known: list[_Known] = []
    ruled_out: list[str] = []
    for reading in readings:
        k = _known(report, reading)
        if k is not None:
            if _same(reading[0], k.value, claim.value):
                return None
            known.append(k)
            continue
        possible = possible_values(report, reading[0]) if len(reading) == 1 else None
        if possible is None or any(_same(reading[0], p, claim.value) for p in possible):
            gone = missing(report, reading)
            return Skip(
                gone,
                f"正文“{claim.words}”：{'、'.join(cell_name(c) for c in gone)} 未读出，无法核对",
            )
        ruled_out.append(reading[0])
    parts = [_describe(k) for k in known]
    for cell in ruled_out:
        run = printed_run(report, cell)
        shown = run[0] if run else ""
        parts.append(
            f"{cell_name(cell)} 所在行印作“{shown}”（数字连写），无论怎样拆分都不会是 {number(claim.value)}"
        )
    cells = tuple(dict.fromkeys([c for k in known for c in k.cells] + ruled_out))
    quotes = tuple(c.sentence.evidence(c.start, c.end) for c in group)
    return Flag(
        cells,
        f"正文称“{claim.words}”，与表格不符：{'；'.join(parts)}",
        quotes + evidence(doc, cells),
    )


def _grouped(items: Iterable[Claim]) -> list[list[Claim]]:
    """The same figure stated twice is one finding with two quotes."""
    groups: dict[tuple[Topic, str, str, CellValue], list[Claim]] = {}
    for c in items:
        groups.setdefault((c.topic, c.part, c.column, c.value), []).append(c)
    return list(groups.values())


Readings = Callable[[Claim, Report], "list[Reading] | None"]


def _compare(doc: Document, topics: frozenset[Topic], readings: Readings) -> Iterator[Outcome]:
    for group in _grouped(c for c in stated(doc) if c.topic in topics):
        found = readings(group[0], doc.report)
        if found:
            outcome = judge(doc, group, found)
            if outcome is not None:
                yield outcome


_APPLICATIONS = frozenset(
    {
        Topic.RECEIVED,
        Topic.NO_APPLICATIONS,
        Topic.HANDLED,
        Topic.CARRIED_IN,
        Topic.CARRIED_OUT,
        Topic.OUTCOME,
    }
)


def applications(doc: Document) -> Iterator[Outcome]:
    """Applications received, concluded by outcome, carried in and out, against table 3."""
    yield from _compare(doc, _APPLICATIONS, _application_readings)


def reviews(doc: Document) -> Iterator[Outcome]:
    """Reviews and lawsuits, and their results, against table 4."""
    yield from _compare(doc, frozenset({Topic.REVIEW, Topic.SUITS}), _review_readings)


def documents(doc: Document) -> Iterator[Outcome]:
    """规章 and 规范性文件 made, repealed and in force, against table 2."""
    yield from _compare(doc, frozenset({Topic.DOCUMENTS}), _document_readings)


def fees(doc: Document) -> Iterator[Outcome]:
    """行政事业性收费 collected, against table 2 (2021 form, 万元)."""
    yield from _compare(doc, frozenset({Topic.FEE}), _fee_readings)


def all_concluded(doc: Document) -> Iterator[Outcome]:
    """ "所有申请均已办结" while table 3 carries applications into next year."""
    report = doc.report
    for claim in (c for c in stated(doc) if c.topic is Topic.ALL_CONCLUDED):
        cells = tuple(_t3("carried_out", c) for c in ("total", *APPLICANTS))
        printed = [c for c in cells if c in present(report)]
        if not printed:
            yield Skip(cells, f"正文“{claim.words}”：表三结转下年度一行未读出，无法核对")
            continue
        open_cells = tuple(c for c in printed if value(report, c) > 0)
        if open_cells:
            shown = "，".join(f"{cell_name(c)} 为 {number(value(report, c))}" for c in open_cells)
            yield Flag(
                open_cells,
                f"正文称“{claim.words}”，但表三有申请结转下年度继续办理：{shown}",
                (claim.sentence.evidence(claim.start, claim.end), *evidence(doc, open_cells)),
            )


# Documents the form counts as published this year, per form.
_PUBLISHED = {
    Template.T2019: ("t2.rules.published", "t2.normative.published"),
    Template.T2021: ("t2.rules.made", "t2.normative.made"),
}


def proactive(doc: Document) -> Iterator[Outcome]:
    """Items proactively published, stated in the text, are at least the 规章 and
    规范性文件 that table 2 counts as published this year."""
    report = doc.report
    cells = _PUBLISHED.get(report.template)
    if cells is None:
        return
    for claim in (c for c in stated(doc) if c.topic is Topic.PROACTIVE):
        if gone := missing(report, cells):
            yield Skip(
                gone,
                f"正文“{claim.words}”：{'、'.join(cell_name(c) for c in gone)} 未读出，无法核对",
            )
            continue
        least = sum(value(report, c) for c in cells)
        if claim.value < least:
            quote: tuple[Evidence, ...] = (claim.sentence.evidence(claim.start, claim.end),)
            yield Flag(
                cells,
                f"正文称“{claim.words}”，少于表二本年公开的规章和规范性文件 {number(least)} 件",
                quote + evidence(doc, cells),
            )
