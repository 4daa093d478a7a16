"""The overview of a region and year: who published on time, late or not at all, and the
audit's errors and warnings by agency and rule (the heatmap). A region with regions under
it (a province and its cities) is shown by part: one line per city, summed, and its own
agencies one by one; a search by name lists the matching agencies of the whole region."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Count, QuerySet

from gongkai.audit.registry import RULES
from gongkai.workdays.deadlines import Publisher, annual_report_due
from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.library.access import Node
from gongkai_web.library.models import Finding, Match, Report, Status, Verdict
from gongkai_web.library.services import parts as by_db

RULE_TITLES = {rule.id: rule.title for rule in RULES}
_PREFERENCE = {Match.CONFIRMED: 0, Match.AUTO: 1, Match.UNSURE: 2, Match.UNMATCHED: 3}
# A name search lists at most this many agencies.
MAX_FOUND = 500


class State:
    ON_TIME = "按时公开"
    LATE = "逾期公开"
    DATE_UNKNOWN = "已公开（发布日期待核）"
    FAILED = "读取失败"
    PENDING = "处理中"
    MISSING = "未公开"
    NOT_DUE = "未到期"


STATES = (
    State.ON_TIME,
    State.LATE,
    State.DATE_UNKNOWN,
    State.MISSING,
    State.NOT_DUE,
    State.FAILED,
    State.PENDING,
)
_CSS = {State.ON_TIME: "ok", State.LATE: "late", State.MISSING: "missing", State.FAILED: "missing"}


@dataclass(slots=True)
class Brief:
    """What the overview needs of a report (read as values: thousands of them per page)."""

    pk: int
    agency_id: int
    status: str
    match: str
    published_on: dt.date | None
    collected_at: dt.datetime
    errors: int
    warnings_count: int
    filename: str


@dataclass
class Row:
    agency: Node
    due: dt.date
    state: str
    report: Brief | None = None
    days_late: int = 0
    unsure: bool = False

    @property
    def css(self) -> str:
        return _CSS.get(self.state, "pending")


@dataclass
class Part:
    """One region under the region: its agencies' states counted, findings summed."""

    agency: Node
    agencies: int = 0
    states: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0

    def count(self, state: str) -> int:
        return self.states.get(state, 0)

    def add(self, state: str, agencies: int = 1, errors: int = 0, warnings: int = 0) -> None:
        """``agencies`` more in ``state``, with their findings."""
        self.agencies += agencies
        self.states[state] = self.states.get(state, 0) + agencies
        self.errors += errors
        self.warnings += warnings

    @property
    def cells(self) -> list[int]:
        return [self.states.get(s, 0) for s in STATES]


@dataclass
class Overview:
    region: Agency
    year: int
    rows: list[Row]  # every agency shown or exported
    listed: list[Row]  # the agencies listed one by one on the page
    parts: list[Part]
    counts: dict[str, int]
    heatmap: dict[str, Any]
    unmatched: int
    states: tuple[str, ...] = STATES


def due_date(agency: Node, year: int) -> dt.date:
    return _due(agency.kind == AgencyKind.GOVERNMENT, year)


@lru_cache(maxsize=256)
def _due(government: bool, year: int) -> dt.date:
    """The statutory due date depends only on the kind of publisher and the year (and the
    working-day calendar, fixed per year): a province's 5,000 agencies share two dates."""
    publisher = Publisher.GOVERNMENT if government else Publisher.DEPARTMENT
    return annual_report_due(year, publisher).due


def _state(report: Brief | None, due: dt.date, today: dt.date) -> tuple[str, int]:
    if report is None:
        return (State.MISSING if today > due else State.NOT_DUE), 0
    if report.status == Status.FAILED:
        return State.FAILED, 0
    if report.status != Status.DONE:
        return State.PENDING, 0
    if report.published_on is not None:
        late = (report.published_on - due).days
        return (State.LATE, late) if late > 0 else (State.ON_TIME, 0)
    # Collected by the due date means it was published by then; collected after, the
    # publication date is not known and is not guessed.
    collected = report.collected_at.date()
    return (State.ON_TIME, 0) if collected <= due else (State.DATE_UNKNOWN, 0)


def _best(reports: list[Brief]) -> Brief | None:
    def rank(r: Brief) -> tuple[int, int, int]:
        return (0 if r.status == Status.DONE else 1, _PREFERENCE.get(Match(r.match), 4), r.pk)

    return min(reports, key=rank) if reports else None


# Above this many ids, a query filters by year alone and the ids are matched here: a long
# IN list costs more to build and run than the rows it saves.
_LONG_IN = 300


def _briefs(ids: list[int], year: int, hide_unconfirmed: bool) -> dict[int, list[Brief]]:
    reports = Report.objects.filter(year=year).order_by()
    if len(ids) <= _LONG_IN:
        reports = reports.filter(agency_id__in=ids)
    wanted = set(ids)
    if hide_unconfirmed:
        reports = reports.exclude(match__in=[Match.UNSURE, Match.UNMATCHED])
    names = [f for f in Brief.__dataclass_fields__ if f != "pk"]
    by_agency: dict[int, list[Brief]] = {}
    for values in reports.values_list("pk", *names):
        brief = Brief(*values)
        if brief.agency_id in wanted:
            by_agency.setdefault(brief.agency_id, []).append(brief)
    return by_agency


def _rows(
    pairs: list[tuple[Node, Node]],
    year: int,
    today: dt.date,
    hide_failed: bool,
    hide_unconfirmed: bool,
) -> tuple[list[Row], list[Node]]:
    """One row per agency of ``pairs`` (agency, its part), with the part of each row."""
    by_agency = _briefs([a.pk for a, _ in pairs], year, hide_unconfirmed)
    rows: list[Row] = []
    parts_of: list[Node] = []
    for agency, part in pairs:
        found = by_agency.get(agency.pk)
        report = (found[0] if len(found) == 1 else _best(found)) if found else None
        due = due_date(agency, year)
        state, late = _state(report, due, today)
        if hide_failed and state == State.FAILED:
            continue
        unsure = report is not None and report.match in (Match.UNSURE, Match.UNMATCHED)
        rows.append(Row(agency, due, state, report, late, unsure))
        parts_of.append(part)
    return rows, parts_of


def _tally(rows: list[Row], parts: list[Part]) -> dict[str, int]:
    tally = Counter(r.state for r in rows)
    for p in parts:
        tally.update(p.states)
    return {s: tally[s] for s in STATES if tally[s]}


def build(
    region: Agency,
    tree: dict[Node, Node],
    year: int,
    today: dt.date,
    *,
    query: str = "",
    hide_failed: bool = False,
    hide_unconfirmed: bool = False,
    by_part: bool = False,
    visible: QuerySet[Report] | None = None,
) -> Overview:
    """``tree`` maps each agency of the region to its part (``access.parts``); ``visible``:
    the reports the viewer may see (``access.visible_reports``), of which those not matched to
    an agency are counted (default: every report). With
    ``by_part`` (the page of a region's whole tree, not an export) the parts with regions
    under them are counted by the database and only the agencies listed one by one are
    read here; ``rows`` then holds those alone."""
    query = query.strip()
    unmatched = _unmatched(Report.objects.all() if visible is None else visible, year)
    if by_part and not query:
        return _build_by_part(region, tree, year, today, hide_failed, hide_unconfirmed, unmatched)
    pairs = list(tree.items())  # (agency, its part), the part looked up once per agency
    if query:
        pairs = [(a, part) for a, part in pairs if query in a.name][:MAX_FOUND]
    rows, parts_of = _rows(pairs, year, today, hide_failed, hide_unconfirmed)
    grouped = {p.pk for row, p in zip(rows, parts_of, strict=True) if p.pk != row.agency.pk}
    parts: dict[int, Part] = {}
    listed: list[Row] = []
    label: dict[int, str] = {}
    for row, part in zip(rows, parts_of, strict=True):
        if row.report is not None:
            label[row.report.pk] = row.agency.name if query else part.name
        if query or part.pk not in grouped:
            listed.append(row)
            continue
        p = parts.get(part.pk)
        if p is None:
            p = parts[part.pk] = Part(part)
        if row.report is not None and row.report.status == Status.DONE:
            p.add(row.state, 1, row.report.errors, row.report.warnings_count)
        else:
            p.add(row.state)
    found = list(parts.values())
    return Overview(
        region,
        year,
        rows,
        listed,
        found,
        _tally(listed, found),
        heatmap(label, year),
        unmatched,
    )


_LABELS = {
    by_db.ON_TIME: State.ON_TIME,
    by_db.LATE: State.LATE,
    by_db.DATE_UNKNOWN: State.DATE_UNKNOWN,
    by_db.FAILED: State.FAILED,
    by_db.PENDING: State.PENDING,
    by_db.MISSING: State.MISSING,
    by_db.NOT_DUE: State.NOT_DUE,
}


def _build_by_part(
    region: Agency,
    tree: dict[Node, Node],
    year: int,
    today: dt.date,
    hide_failed: bool,
    hide_unconfirmed: bool,
    unmatched: int,
) -> Overview:
    grouped = {part.pk for a, part in tree.items() if part.pk != a.pk}
    pairs = [(a, part) for a, part in tree.items() if part.pk not in grouped]
    rows, _ = _rows(pairs, year, today, hide_failed, hide_unconfirmed)
    parts = {a.pk: Part(a) for a, part in tree.items() if a.pk == part.pk and a.pk in grouped}
    dues = by_db.Dues(_due(True, year), _due(False, year), today)
    for c in by_db.counted(region.pk, year, dues, hide_unconfirmed=hide_unconfirmed):
        state = _LABELS[c.state]
        if hide_failed and state == State.FAILED:
            continue
        parts[c.part].add(state, c.agencies, c.errors, c.warnings)
    found = [p for p in parts.values() if p.agencies]
    names = {part.pk: part.name for part in tree.values()}
    cells = by_db.heatmap_cells(region.pk, year, hide_unconfirmed=hide_unconfirmed)
    named = {(names[part], rule): n for (part, rule), n in cells.items() if part in names}
    return Overview(
        region, year, rows, rows, found, _tally(rows, found), _heatmap(named), unmatched
    )


def _unmatched(reports: QuerySet[Report], year: int) -> int:
    return reports.filter(year=year, agency__isnull=True).count()


def heatmap(label: dict[int, str], year: int) -> dict[str, Any]:
    """Errors and warnings (not dismissed) by row label (an agency, or the part of the
    region it lies in) and rule, for ECharts and a table."""
    found = Finding.objects.filter(severity__in=["error", "warning"]).order_by()
    short = len(label) <= _LONG_IN
    found = found.filter(report_id__in=list(label)) if short else found.filter(report__year=year)
    # Read from the index library_finding_heatmap alone (a finding's row carries its
    # evidence and message, a kilobyte each).
    counted = (
        found.exclude(verdict=Verdict.DISMISSED)
        .values("report_id", "rule")
        .annotate(n=Count("report_id"))
        .values_list("report_id", "rule", "n")
    )
    cells: dict[tuple[str, str], int] = {}
    for report_id, rule, n in counted:
        name = label.get(report_id)
        if name is None:
            continue
        cells[name, rule] = cells.get((name, rule), 0) + n
    return _heatmap(cells)


def _heatmap(cells: dict[tuple[str, str], int]) -> dict[str, Any]:
    """The heatmap of counts by (row label, rule), for ECharts and a table."""
    agencies = sorted({a for a, _ in cells})
    rules = sorted({r for _, r in cells})
    data = sorted([rules.index(r), agencies.index(a), n] for (a, r), n in cells.items())
    return {
        "agencies": agencies,
        "rules": rules,
        "titles": [RULE_TITLES.get(r, r) for r in rules],
        "data": data,
        "max": max((n for _, _, n in data), default=0),
        "grid": [[cells.get((a, r), 0) for r in rules] for a in agencies],
    }
