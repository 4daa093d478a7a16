"""Running the registry's rules: on one report, and on an agency's consecutive years."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from gongkai.audit.agencies import agency_key
from gongkai.audit.document import Document
from gongkai.audit.findings import Finding, Flag, NotChecked, Outcome, Severity
from gongkai.audit.registry import REPORT_RULES, RULES, YEAR_RULES, Rule
from gongkai.catalogue.forms import Template

_ORDER = {rule.id: index for index, rule in enumerate(RULES)}
# An agency rarely has more than one report for a year (a page and its PDF); comparing
# with the first few is enough, and keeps a folder of copies from comparing every pair.
MAX_EARLIER = 3
_WEIGHT = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class ReportAudit:
    """What the audit found in one report, errors first; and what it could not check."""

    source: str
    agency: str | None
    year: int | None
    template: Template
    findings: tuple[Finding, ...] = ()
    not_checked: tuple[NotChecked, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "template": self.template.value,
            "findings": [f.to_json_dict() for f in self.findings],
            "not_checked": [n.to_json_dict() for n in self.not_checked],
        }

    def adding(self, findings: Iterable[Finding], not_checked: Iterable[NotChecked]) -> ReportAudit:
        """This audit with more findings (kept in order) and more checks not made."""
        return replace(
            self,
            findings=_sorted((*self.findings, *findings)),
            not_checked=(*self.not_checked, *not_checked),
        )


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (_WEIGHT[f.severity], _ORDER.get(f.rule, 0))))


def _collect(
    rule: Rule, outcomes: Iterable[Outcome], findings: list[Finding], skipped: list[NotChecked]
) -> None:
    """Turn a check's outcomes into findings and checks not made. A check that raises is
    a bug; it is reported as not made, so that one rule cannot stop an audit."""
    try:
        for outcome in outcomes:
            if isinstance(outcome, Flag):
                findings.append(
                    Finding(
                        rule.id, rule.severity, outcome.cells, outcome.message, outcome.evidence
                    )
                )
            else:
                skipped.append(NotChecked(rule.id, outcome.cells, outcome.reason))
    except Exception as exc:  # a bug in one rule must not hide the other rules' findings
        text = " ".join(str(exc).split())[:200]
        skipped.append(NotChecked(rule.id, (), f"内部错误：{type(exc).__name__}: {text}"))


_LEGACY = "2019 年以前的报告没有统一格式（统计表和六个部分），此项不适用"


def audit_document(doc: Document) -> ReportAudit:
    """Every single-report rule of the registry on one document."""
    report = doc.report
    findings: list[Finding] = []
    skipped: list[NotChecked] = []
    for rule in REPORT_RULES:
        if rule.since_2019 and report.template is Template.LEGACY:
            skipped.append(NotChecked(rule.id, (), _LEGACY))
        elif rule.check is not None:
            _collect(rule, rule.check(doc), findings, skipped)
    return ReportAudit(
        source=doc.source,
        agency=report.agency,
        year=report.year,
        template=report.template,
        findings=_sorted(findings),
        not_checked=tuple(skipped),
    )


def audit_pair(before: Document, doc: Document) -> tuple[list[Finding], list[NotChecked]]:
    """Every year-against-year rule on a report and the agency's report of the year before."""
    findings: list[Finding] = []
    skipped: list[NotChecked] = []
    for rule in YEAR_RULES:
        legacy = Template.LEGACY in (before.report.template, doc.report.template)
        if rule.since_2019 and legacy:
            skipped.append(NotChecked(rule.id, (), _LEGACY))
        elif rule.compare is not None:
            _collect(rule, rule.compare(before, doc), findings, skipped)
    return findings, skipped


def _no_year_before(reason: str) -> list[NotChecked]:
    return [NotChecked(rule.id, (), reason) for rule in YEAR_RULES]


def audit_years(docs: Sequence[Document]) -> list[tuple[list[Finding], list[NotChecked]]]:
    """For each document, in order, the year rules against the same agency's report of
    the year before, among ``docs`` (the first ``MAX_EARLIER`` of them). Agencies are
    matched by ``agency_key``; a document with no agency or year, or no report of the
    year before, gets "cannot check"."""
    by_year: dict[tuple[str, int], list[Document]] = {}
    for doc in docs:
        key = agency_key(doc.report.agency)
        if key is not None and doc.report.year is not None:
            by_year.setdefault((key, doc.report.year), []).append(doc)
    out: list[tuple[list[Finding], list[NotChecked]]] = []
    for doc in docs:
        key, year = agency_key(doc.report.agency), doc.report.year
        if key is None or year is None:
            out.append(([], _no_year_before("未识别出报告的机关或年度，无法与上一年度报告比较")))
            continue
        earlier = by_year.get((key, year - 1), [])[:MAX_EARLIER]
        if not earlier:
            reason = f"未提供{doc.report.agency} {year - 1} 年度的报告，无法与上一年度比较"
            out.append(([], _no_year_before(reason)))
            continue
        findings: list[Finding] = []
        skipped: list[NotChecked] = []
        for before in earlier:
            more, fewer = audit_pair(before, doc)
            findings += more
            skipped += fewer
        out.append((findings, skipped))
    return out


def audit_documents(docs: Sequence[Document]) -> list[ReportAudit]:
    """Every rule on every document: each alone, then against its agency's year before."""
    years = audit_years(docs)
    return [
        audit_document(doc).adding(findings, skipped)
        for doc, (findings, skipped) in zip(docs, years, strict=True)
    ]
