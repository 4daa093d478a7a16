"""Checks before publishing, acknowledgements, publication as locked versions, corrections."""

from __future__ import annotations

import pytest

from gongkai_web.annual import checks, drafting, publishing
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.models import Acknowledgement, Status
from gongkai_web.applications.models import AuditEntry
from tests.web.annual.reports import fill_table2, year_2025
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db
CONTRADICTION = "本年新收政府信息公开申请99件。"


@pytest.fixture
def draft(personas: Personas):  # type: ignore[no-untyped-def]
    year_2025(personas)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(report, personas.reviewer)
    return report


def test_a_draft_from_the_records_passes_every_rule(draft, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    result = checks.check(draft)
    assert result.errors == [] and result.warnings == []
    assert result.blocking == []
    assert result.compared_with == ""  # no 2024 report: year rules not checked, and said so
    assert any("无法与上一年度比较" in n.reason for n in result.audit.not_checked)


def test_an_empty_hand_typed_table_2_blocks_publication(
    personas: Personas, without_registers: None
) -> None:
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert checks.check(report).blocking == ["表二尚未填写"]
    with pytest.raises(AnnualError, match="表二尚未填写"):
        publishing.publish(report, personas.admin)


def test_text_that_contradicts_the_tables_needs_an_acknowledgement(
    draft, personas: Personas
) -> None:  # type: ignore[no-untyped-def]
    drafting.save_sections(draft, {"problems": CONTRADICTION}, personas.reviewer)
    result = checks.check(draft)
    assert [f.rule for _, f, _ in result.warnings] == ["text.applications"]
    key, finding, ack = result.warnings[0]
    assert "99" in finding.message and ack is None
    with pytest.raises(AnnualError, match="未确认的提示"):
        publishing.publish(draft, personas.admin)
    with pytest.raises(AnnualError, match="请写明确认理由"):
        checks.acknowledge(draft, key, " ", personas.reviewer)
    with pytest.raises(AnnualError, match="已不存在"):
        checks.acknowledge(draft, "no-such-key", "理由充分的说明", personas.reviewer)
    checks.acknowledge(draft, key, "99件是两年合计，文字无误", personas.reviewer)
    assert checks.check(draft).blocking == []
    version = publishing.publish(draft, personas.admin)
    ack = Acknowledgement.objects.get()
    assert (ack.reason, ack.by, ack.version) == (
        "99件是两年合计，文字无误",
        personas.reviewer,
        version,
    )


def test_an_error_blocks_publication(draft, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    draft.cells = {**draft.cells, "t3.new.total": draft.cells["t3.new.total"] + 1}
    draft.save()
    result = checks.check(draft)
    assert result.errors and all(f.severity.value == "error" for f in result.errors)
    with pytest.raises(AnnualError, match="错误"):
        publishing.publish(draft, personas.admin)
    assert draft.versions.count() == 0


def test_publishing_locks_a_version_and_a_correction_makes_the_next(
    draft, personas: Personas
) -> None:  # type: ignore[no-untyped-def]
    first = publishing.publish(draft, personas.admin)
    draft.refresh_from_db()
    assert (first.number, draft.status) == (1, Status.PUBLISHED)
    assert first.cells["t3.new.total"] == 3
    assert first.sections["other"].startswith("2025年，本机关依据")
    with pytest.raises(AnnualError, match="已公开"):
        drafting.recompute(draft)
    with pytest.raises(AnnualError, match="已公开"):
        drafting.save_sections(draft, {"problems": "改"}, personas.reviewer)
    with pytest.raises(AnnualError, match="已公开"):
        publishing.publish(draft, personas.admin)
    publishing.start_correction(draft, personas.admin)
    drafting.save_sections(draft, {"problems": "补充了改进措施。"}, personas.reviewer)
    with pytest.raises(AnnualError, match="更正说明"):
        publishing.publish(draft, personas.admin)
    second = publishing.publish(draft, personas.admin, "补充第五部分的改进措施")
    first.refresh_from_db()
    assert second.number == 2 and second.change_note == "补充第五部分的改进措施"
    assert "补充了改进措施。" in second.sections["problems"]
    assert first.sections["problems"] == ""  # the old version is unchanged
    actions = set(
        AuditEntry.objects.filter(model="annual.AnnualReport").values_list("action", flat=True)
    )
    assert {"recompute", "edit_sections", "publish", "start_correction"} <= actions


def test_only_a_published_report_can_be_corrected(draft, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnnualError, match="只有已公开"):
        publishing.start_correction(draft, personas.admin)
