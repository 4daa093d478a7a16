"""Processing one collected report: read it (bounded), store what was read and found,
match it to an agency and year, and run the year-against-year rules with its neighbours."""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.audit.agencies import agency_key
from gongkai.audit.document import Document
from gongkai.audit.findings import Finding as CoreFinding
from gongkai.audit.run import MAX_EARLIER, audit_pair
from gongkai_web.library.models import Finding, Match, Report, Severity, Status
from gongkai_web.library.services.matching import match_report
from gongkai_web.library.services.reading import Failed, Read, read_bounded


def process(report_id: int) -> str:
    """Read one queued report; returns its status. A report already read is left alone."""
    report = Report.objects.select_related("batch").filter(pk=report_id).first()
    if report is None or report.status == Status.DONE:
        return report.status if report else "gone"
    Report.objects.filter(pk=report.pk).update(status=Status.READING, attempts=F("attempts") + 1)
    report.refresh_from_db(fields=["attempts", "status"])
    started = time.perf_counter()
    result = read_bounded(
        report.original.path,
        report.filename,
        seconds=settings.LIBRARY_READ_SECONDS,
        memory_mb=settings.LIBRARY_READ_MEMORY_MB,
    )
    seconds = time.perf_counter() - started
    if isinstance(result, Failed):
        Report.objects.filter(pk=report.pk).update(
            status=Status.FAILED,
            reason=result.reason[:500],
            read_seconds=seconds,
            processed_at=timezone.now(),
        )
        return Status.FAILED
    with transaction.atomic():
        _store(report, result, seconds)
    compare_years(report)
    return Status.DONE


def _finding(report: Report, f: CoreFinding, year_rule: bool) -> Finding:
    return Finding(
        report=report,
        rule=f.rule,
        severity=f.severity.value,
        cells=list(f.cells),
        message=f.message,
        # The file is the upload's name, never where it is stored on the server.
        evidence=[{**e.to_json_dict(), "file": report.filename} for e in f.evidence],
        year_rule=year_rule,
    )


def _store(report: Report, read: Read, seconds: float) -> None:
    r = read.report
    matched = match_report(r.agency, r.year, report.batch.year)
    report.agency_read = (r.agency or "")[:200]
    report.agency_key = name_key(report.agency_read)
    report.year_read = r.year
    if report.match != Match.CONFIRMED:
        report.agency, report.year, report.match = matched.agency, matched.year, matched.match
    report.template = r.template.value
    report.cells = dict(r.cells)
    report.provenance = {
        c: {
            **p.model_dump(exclude={"file"}),
            "row_text": read.contexts.get(c, ("", -1))[0],
            "at": read.contexts.get(c, ("", -1))[1],
        }
        for c, p in r.provenance.items()
    }
    report.warnings = [w.model_dump(mode="json") for w in r.warnings]
    report.not_checked = [n.to_json_dict() for n in read.audit.not_checked]
    report.sections = {str(n): text for n, text in read.sections.items()}
    report.document = pickle.dumps(read.document)
    report.status, report.reason = Status.DONE, ""
    report.read_seconds, report.processed_at = seconds, timezone.now()
    report.findings.all().delete()
    Finding.objects.bulk_create(_finding(report, f, False) for f in read.audit.findings)
    _count(report)
    report.save()


def _count(report: Report) -> None:
    severities = list(report.findings.values_list("severity", flat=True))
    report.errors = severities.count(Severity.ERROR)
    report.warnings_count = severities.count(Severity.WARNING)


def document(report: Report) -> Document:
    # Pickled by this project's own worker from the core's dataclasses (never user data).
    return pickle.loads(bytes(report.document))  # type: ignore[no-any-return]


def name_key(name: str) -> str:
    """The key a report's printed agency name is stored under (``Report.agency_key``)."""
    return (agency_key(name) or "")[:200]


def same_agency(report: Report, year: int) -> list[Report]:
    """The processed reports of ``report``'s agency for ``year``: by the matched agency,
    else by the name read (ids only: the callers load what they need)."""
    done = Report.objects.filter(status=Status.DONE, year=year).exclude(pk=report.pk).only("id")
    if report.agency_id is not None:
        return list(done.filter(agency_id=report.agency_id).order_by("id")[:MAX_EARLIER])
    key = name_key(report.agency_read)
    if not key:
        return []
    return list(done.filter(agency__isnull=True, agency_key=key).order_by("id")[:MAX_EARLIER])


def compare_years(report: Report) -> None:
    """Run the year rules on ``report`` against the year before, and on the next year's
    reports against ``report`` (which may have arrived first)."""
    if report.year is None or report.status != Status.DONE:
        return
    refresh_year_findings(report)
    for later in same_agency(report, report.year + 1):
        refresh_year_findings(later)


def refresh_year_findings(report: Report) -> None:
    """Replace ``report``'s year-rule findings with those against its year before, keeping
    the findings (and their decisions) that are found again."""
    report = Report.objects.get(pk=report.pk)
    earlier = same_agency(report, report.year - 1) if report.year else []
    found: list[CoreFinding] = []
    if earlier:
        doc = document(report)
        for before in earlier:
            found += audit_pair(document(Report.objects.get(pk=before.pk)), doc)[0]
    _sync(report, found)


def _sync(report: Report, found: Iterable[CoreFinding]) -> None:
    with transaction.atomic():
        kept = {(f.rule, f.message): f for f in report.findings.filter(year_rule=True)}
        new: list[Finding] = []
        for f in found:
            if kept.pop((f.rule, f.message), None) is None:
                new.append(_finding(report, f, True))
        Finding.objects.filter(pk__in=[f.pk for f in kept.values()]).delete()
        Finding.objects.bulk_create(new)
        _count(report)
        Report.objects.filter(pk=report.pk).update(
            errors=report.errors, warnings_count=report.warnings_count
        )
