"""Drafting: tables from the records, section 一 from the figures, recomputation with the
changes recorded, texts and a hand-typed table 2."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.catalogue.forms import Template, cell_ids
from gongkai_web.annual import drafting, figures
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.exports import of_draft
from gongkai_web.annual.models import Table2Source
from gongkai_web.annual.tables import table3, table4
from gongkai_web.applications import services
from gongkai_web.catalogue.table2 import table2_cells
from tests.web.annual.reports import fill_table2, year_2025
from tests.web.conftest import D, Personas
from tests.web.intake import intake

pytestmark = pytest.mark.django_db


def test_a_draft_counts_tables_3_and_4_from_the_agency_s_cases(personas: Personas) -> None:
    year_2025(personas)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert report.template == "2021"
    a = [personas.agency_a.pk]
    assert {k: v for k, v in report.cells.items() if k.startswith("t3.")} == table3(2025, a)
    assert {k: v for k, v in report.cells.items() if k.startswith("t4.")} == table4(2025, a)
    assert report.cells["t3.new.total"] == 3  # not agency B's case
    assert report.cells["t3.carried_out.total"] == 1
    assert report.cells["t4.review.pending"] == 1
    # table 2 from the catalogue's registers: no decisions recorded is blank, never 0
    assert report.table2_source == Table2Source.REGISTERS
    assert {k: v for k, v in report.cells.items() if k.startswith("t2.")} == table2_cells(
        personas.agency_a, 2025
    )
    assert report.cells["t2.license.decisions"] is None
    assert report.cells["t2.normative.made"] == 0


def test_section_one_states_the_year_s_figures_and_six_the_fees(personas: Personas) -> None:
    year_2025(personas)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    overview = report.sections["overview"]
    assert "本年新收政府信息公开申请3件（其中当面提交3件）" in overview
    assert "本年办结2件，其中予以公开1件、部分公开1件" in overview
    assert "结转下年度继续办理1件" in overview
    assert "被申请行政复议1件（尚未审结1件）" in overview
    assert "共收取信息处理费100.00元" in overview
    other = of_draft(report).sections["other"]  # type: ignore[index]
    assert other.startswith("2025年，本机关依据《政府信息公开信息处理费管理办法》发出收费通知1件")


def test_recomputing_records_what_changed_and_keeps_edited_text(personas: Personas) -> None:
    year_2025(personas)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    drafting.save_sections(
        report, {"overview": "本机关自己写的总体情况。", "problems": "问题"}, None
    )
    services.register(personas.agency_a, intake(arrived=D("2025-08-08"), applicant_type="legal"))
    changes = drafting.recompute(report, personas.reviewer)
    changed = {c["cell"]: (c["before"], c["after"]) for c in changes}
    assert changed["t3.new.legal"] == (0, 1)
    assert changed["t3.new.total"] == (3, 4)
    assert changed["t3.carried_out.total"] == (1, 2)
    report.refresh_from_db()
    assert report.sections["overview"] == "本机关自己写的总体情况。"  # edited: kept
    assert "新收政府信息公开申请4件" in report.overview_generated
    drafting.adopt_overview(report, None)
    assert "新收政府信息公开申请4件" in report.sections["overview"]


def test_an_untouched_overview_follows_the_figures(personas: Personas) -> None:
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert "新收政府信息公开申请0件" in report.sections["overview"]
    year_2025(personas)
    drafting.recompute(report)
    assert "新收政府信息公开申请3件" in report.sections["overview"]


def test_a_2020_draft_uses_the_2019_form_with_one_other_row(personas: Personas) -> None:
    app = services.register(personas.agency_a, intake(arrived=D("2020-06-01")))
    services.withdraw(app, personas.admin, D("2020-06-05"), "申请人撤回")
    report = drafting.get_or_create(personas.agency_a, 2020, personas.reviewer)
    assert report.template == "2019"
    assert set(report.cells) <= set(cell_ids(Template.T2019))
    assert report.cells["t3.other.total"] == 1
    assert "t3.other.other.total" not in report.cells


def test_table_2_typed_by_hand_is_checked_and_kept_across_recomputation(
    personas: Personas, without_registers: None
) -> None:
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    with pytest.raises(AnnualError, match=r"t2\.rules\.made：“abc”不是数字"):
        drafting.save_table2(report, {"t2.rules.made": "abc"}, None)
    with pytest.raises(AnnualError, match="件数不能为负数"):
        drafting.save_table2(report, {"t2.rules.made": "-1"}, None)
    with pytest.raises(AnnualError, match="应为整数"):
        drafting.save_table2(report, {"t2.rules.made": "1.5"}, None)
    fill_table2(report, None)
    drafting.save_table2(report, {"t2.rules.made": "2", "t2.fee.amount": "0.5"}, None)
    assert report.cells["t2.rules.made"] == 2 and report.cells["t2.fee.amount"] == 0.5
    assert report.cells["t2.rules.repealed"] is None  # left blank: blank, not 0
    drafting.recompute(report)
    assert report.cells["t2.rules.made"] == 2


def test_table_2_comes_from_the_registers_when_the_catalogue_gives_it(
    personas: Personas, monkeypatch: Any
) -> None:
    def counted(agency: object, year: int) -> dict[str, int | float | None]:
        return {"t2.rules.made": 4, "t2.fee.amount": 2.5, "t2.procurement.items": 9}

    monkeypatch.setattr(figures, "table2_function", lambda: counted)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert report.table2_source == Table2Source.REGISTERS
    assert report.cells["t2.rules.made"] == 4 and report.cells["t2.fee.amount"] == 2.5
    assert "t2.procurement.items" not in report.cells  # not on the 2021 form
    with pytest.raises(AnnualError, match="自动统计"):
        drafting.save_table2(report, {"t2.rules.made": "1"}, None)


def test_section_one_counts_the_items_published_by_channel(personas: Personas) -> None:
    from gongkai_web.catalogue.models import Category, Item, ItemStatus

    category = Category.objects.create(agency=personas.agency_a, code="01", name="通知公告")
    for channels in (["website", "wechat"], ["website"]):
        Item.objects.create(
            agency=personas.agency_a,
            title="关于某事项的通知",
            issuing_body=personas.agency_a.name,
            formed_on=D("2025-03-30"),
            category=category,
            status=ItemStatus.PUBLISHED,
            published_on=D("2025-04-01"),
            channels=channels,
        )
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert (
        "本年主动公开政府信息2条，其中通过政府网站发布2条、通过政务微信发布1条"
        in (report.sections["overview"])
    )


def test_years_without_the_national_tables_or_not_begun_are_refused(personas: Personas) -> None:
    with pytest.raises(AnnualError, match="年度应在 2019 至"):
        drafting.get_or_create(personas.agency_a, 2018)
    with pytest.raises(AnnualError, match="年度应在 2019 至"):
        drafting.get_or_create(personas.agency_a, 2999)
