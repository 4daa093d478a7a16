"""Running the registry: one report, and an agency's consecutive years."""

from __future__ import annotations

import json

from gongkai.audit.run import audit_document, audit_documents
from gongkai.catalogue.forms import Template
from tests.audit.builders import consistent_t3, consistent_t4, document


def _carrying(out: int, into: int) -> dict[str, int]:
    cells = consistent_t3()
    for col in ("natural", "commercial", "research", "nonprofit", "legal", "other"):
        cells[f"t3.carried_out.{col}"] = out
        cells[f"t3.carried_in.{col}"] = into
        cells[f"t3.new.{col}"] = cells[f"t3.results_total.{col}"] + out - into
    for row in ("new", "carried_in", "carried_out"):
        cells[f"t3.{row}.total"] = 6 * cells[f"t3.{row}.natural"]
    return cells


def test_reports_of_one_agency_are_compared_with_the_year_before_only() -> None:
    y2022 = document(_carrying(out=3, into=0), year=2022, source="2022.txt", agency="某市科技局")
    y2023 = document(
        _carrying(out=0, into=3), year=2023, source="2023.txt", agency="某市科学技术局"
    )
    y2025 = document(_carrying(out=0, into=9), year=2025, source="2025.txt", agency="某市科技局")
    other = document(_carrying(out=0, into=5), year=2023, source="other.txt", agency="另一市科技局")
    audits = {a.source: a for a in audit_documents([y2025, other, y2023, y2022])}
    assert [f.rule for f in audits["2023.txt"].findings if f.rule.startswith("year.")] == []
    assert "year.carry_over" not in {n.rule for n in audits["2023.txt"].not_checked}
    for source in ("2025.txt", "other.txt", "2022.txt"):
        assert "year.carry_over" in {n.rule for n in audits[source].not_checked}, source


def test_a_break_between_years_is_a_warning_on_the_later_report() -> None:
    y2022 = document(_carrying(out=3, into=0), year=2022, source="2022.txt")
    y2023 = document(_carrying(out=0, into=1), year=2023, source="2023.txt")
    audits = {a.source: a for a in audit_documents([y2023, y2022])}
    rules = [f.rule for f in audits["2023.txt"].findings]
    assert rules.count("year.carry_over") == 7
    assert not any(f.rule.startswith("year.") for f in audits["2022.txt"].findings)


def test_findings_come_errors_first_and_serialise_to_json() -> None:
    cells = consistent_t3() | consistent_t4()
    cells["t4.review.total"] += 1
    doc = document(cells, text="所有申请均已办结。")
    audit = audit_document(doc)
    weights = [f.severity.value for f in audit.findings]
    assert weights[0] == "error" and "warning" in weights
    data = json.loads(json.dumps(audit.to_json_dict(), ensure_ascii=False))
    finding = data["findings"][0]
    assert set(finding) == {"rule", "severity", "cells", "message", "evidence"}
    assert finding["evidence"][0]["quote"] and finding["evidence"][0]["where"]
    assert all(set(n) == {"rule", "cells", "reason"} for n in data["not_checked"])


def test_reports_before_2019_are_not_held_to_the_form() -> None:
    audit = audit_document(
        document({}, template=Template.LEGACY, year=2012, text="一、概述\n二、其他")
    )
    assert audit.findings == ()
    assert {n.rule for n in audit.not_checked} >= {"t3.balance", "structure.sections"}
