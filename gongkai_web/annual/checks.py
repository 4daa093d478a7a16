"""The checks before publishing: every rule of ``gongkai.audit`` on the draft as it would be
published, year against year included.

The draft is rendered to HTML and read back through the reader, so the audit sees exactly
what a reader of the published report sees (text and tables). The year before is the
agency's published report of that year, or a report of it imported from its file. An
``error`` blocks publication; a ``warning`` needs an acknowledgement with a reason.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.audit.document import Document, build_document
from gongkai.audit.findings import Finding, NotChecked, Severity
from gongkai.audit.registry import YEAR_RULES
from gongkai.audit.run import ReportAudit, audit_document, audit_pair
from gongkai.errors import GongkaiError
from gongkai.reader import read_document
from gongkai.render import FormReport, render_html
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.exports import of_draft, of_version
from gongkai_web.annual.models import Acknowledgement, AnnualReport, HistoricalReport, Version


def finding_key(finding: Finding) -> str:
    """Stable across recomputations as long as the finding says the same thing."""
    digest = hashlib.sha1(finding.message.encode("utf-8")).hexdigest()[:16]
    return f"{finding.rule}|{','.join(finding.cells)}|{digest}"


def _document_of(report: FormReport) -> Document:
    with tempfile.TemporaryDirectory(prefix="gongkai-annual-") as folder:
        path = Path(folder) / f"{report.year}.html"
        path.write_text(render_html(report), encoding="utf-8")
        layout, read = read_document(path)
    return build_document(layout, read)


def current_version(report: AnnualReport) -> Version | None:
    return report.versions.order_by("-number").first()


def year_before(report: AnnualReport) -> tuple[Document | None, str]:
    """The agency's report of the year before, as a document, and where it came from."""
    earlier = AnnualReport.objects.filter(agency=report.agency, year=report.year - 1).first()
    version = current_version(earlier) if earlier else None
    if version is not None:
        return _document_of(
            of_version(version)
        ), f"{report.year - 1} 年度已公开报告第 {version.number} 版"
    imported = HistoricalReport.objects.filter(agency=report.agency, year=report.year - 1).first()
    if imported is not None:
        try:
            layout, read = read_document(imported.file.path)
        except (GongkaiError, OSError) as exc:
            raise AnnualError(f"无法读取导入的 {imported.year} 年度报告：{exc}") from exc
        return build_document(
            layout, read
        ), f"导入的 {imported.year} 年度报告（{imported.source_name}）"
    return None, ""


@dataclass(frozen=True)
class CheckResult:
    audit: ReportAudit
    compared_with: str  # "" when there is no report of the year before
    acknowledged: dict[str, Acknowledgement]
    table2_missing: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.audit.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[tuple[str, Finding, Acknowledgement | None]]:
        return [
            (finding_key(f), f, self.acknowledged.get(finding_key(f)))
            for f in self.audit.findings
            if f.severity is Severity.WARNING
        ]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.audit.findings if f.severity is Severity.INFO]

    @property
    def blocking(self) -> list[str]:
        """Why the draft cannot be published now, in Chinese (empty: it can)."""
        out = ["表二尚未填写"] if self.table2_missing else []
        out += [f"错误：{f.message}" for f in self.errors]
        out += [f"未确认的提示：{f.message}" for _, f, ack in self.warnings if ack is None]
        return out

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json_dict() for f in self.audit.findings]


def check(report: AnnualReport) -> CheckResult:
    """Every audit rule on the draft, and the year rules against the year before."""
    doc = _document_of(of_draft(report))
    audit = audit_document(doc)
    reason = (
        f"没有{report.agency.name} {report.year - 1} 年度的已公开或导入的报告，无法与上一年度比较"
    )
    try:
        before, source = year_before(report)
    except AnnualError as exc:  # an imported file that can no longer be read
        before, source, reason = None, "", f"{exc}，无法与上一年度比较"
    if before is None:
        audit = audit.adding([], [NotChecked(rule.id, (), reason) for rule in YEAR_RULES])
    else:
        findings, skipped = audit_pair(before, doc)
        audit = audit.adding(findings, skipped)
    acks = {a.key: a for a in report.acknowledgements.filter(version__isnull=True)}
    missing = all(v is None for k, v in report.cells.items() if k.startswith("t2.")) or not any(
        k.startswith("t2.") for k in report.cells
    )
    return CheckResult(audit, source, acks, missing)


def acknowledge(report: AnnualReport, key: str, reason: str, actor: Any) -> Acknowledgement:
    """Accept the warning ``key`` of the current checks with ``reason`` (recorded)."""
    if not report.editable:
        raise AnnualError("报告已公开，无需再确认提示")
    reason = reason.strip()
    if len(reason) < 4:
        raise AnnualError("请写明确认理由（至少 4 个字）")
    if len(reason) > 2000:
        raise AnnualError("确认理由不能超过 2000 字")
    result = check(report)
    found = next((f for k, f, _ in result.warnings if k == key), None)
    if found is None:
        raise AnnualError("该提示已不存在（数据可能已更新），请重新检查")
    report.acknowledgements.filter(key=key, version__isnull=True).delete()
    return Acknowledgement.objects.create(
        report=report, key=key, rule=found.rule, message=found.message, reason=reason, by=actor
    )
