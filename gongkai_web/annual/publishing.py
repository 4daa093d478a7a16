"""Publication: the checks pass (errors none, warnings acknowledged), a version is locked
and shown on the portal; a correction reopens the draft and publishes a new version with a
change note, the earlier versions staying readable."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.render import Section
from gongkai_web.annual.checks import check
from gongkai_web.annual.drafting import log
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.exports import of_draft
from gongkai_web.annual.models import AnnualReport, Status, Version


@transaction.atomic
def publish(report: AnnualReport, actor: Any, change_note: str = "") -> Version:
    """Lock the draft as the next version. Raises AnnualError naming every error and every
    unacknowledged warning; a correction (version 2 on) needs a change note."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    report.refresh_from_db()
    if not locked.editable:
        raise AnnualError("报告已公开；如需更正，请先点击“更正”")
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    change_note = change_note.strip()
    if number > 1 and not change_note:
        raise AnnualError("更正后重新公开须填写更正说明")
    if len(change_note) > 2000:
        raise AnnualError("更正说明不能超过 2000 字")
    result = check(report)
    if result.blocking:
        raise AnnualError("不能公开：" + "；".join(result.blocking))
    form = of_draft(report)
    version = Version.objects.create(
        report=report,
        number=number,
        agency_name=report.agency.name,
        template=report.template,
        cells=dict(form.cells),
        sections={s.value: form.sections.get(s, "") for s in Section},
        change_note=change_note,
        findings=result.to_json(),
        published_at=timezone.now(),
        published_by=actor,
    )
    report.acknowledgements.filter(version__isnull=True).update(version=version)
    report.status = Status.PUBLISHED
    report.changes = []
    report.save(update_fields=["status", "changes", "updated_at"])
    log(report, actor, "publish", {"version": number, "change_note": change_note})
    return version


@transaction.atomic
def start_correction(report: AnnualReport, actor: Any) -> None:
    """Reopen a published report's draft for a correction; the published version stays
    on the portal until the corrected one is published."""
    report.refresh_from_db()
    if report.status != Status.PUBLISHED:
        raise AnnualError("只有已公开的报告才能更正")
    report.status = Status.CORRECTING
    report.save(update_fields=["status", "updated_at"])
    log(report, actor, "start_correction", {})
