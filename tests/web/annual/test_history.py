"""Reports of earlier years imported from their files, and the year-on-year checks on them."""

from __future__ import annotations

import pytest

from gongkai.catalogue.forms import Template, cell_ids
from gongkai.render import FormReport, render_docx, render_html
from gongkai_web.annual import checks, drafting, history, publishing
from gongkai_web.annual.errors import AnnualError
from gongkai_web.annual.models import HistoricalReport
from tests.web.annual.reports import fill_table2, year_2025
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def _report_2024(agency: str, carried_out: int = 0) -> FormReport:
    cells: dict[str, int | float | None] = dict.fromkeys(cell_ids(Template.T2021), 0)
    for column in ("natural", "total"):
        for row in ("new", "carried_out"):
            cells[f"t3.{row}.{column}"] = carried_out
    return FormReport(agency, 2024, Template.T2021, cells)


def test_a_file_is_read_with_provenance_and_its_year(personas: Personas) -> None:
    data = render_docx(_report_2024(personas.agency_a.name, carried_out=2))
    imported = history.import_report(personas.agency_a, data, "2024年报.docx", personas.reviewer)
    assert (imported.year, imported.template) == (2024, "2021")
    assert imported.cells["t3.carried_out.total"] == 2
    assert imported.provenance["t3.carried_out.total"]["text"] == "2"
    assert imported.provenance["t3.carried_out.total"]["table"] is not None
    assert imported.file.read() == data


def test_the_year_on_year_check_compares_with_the_imported_year(personas: Personas) -> None:
    year_2025(personas)  # nothing carried into 2025
    data = render_html(_report_2024(personas.agency_a.name, carried_out=5)).encode()
    history.import_report(personas.agency_a, data, "2024.html", personas.reviewer)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    fill_table2(report, personas.reviewer)
    result = checks.check(report)
    assert result.compared_with.startswith("导入的 2024 年度报告")
    carry = [f for _, f, _ in result.warnings if f.rule == "year.carry_over"]
    assert carry and "5" in carry[0].message


def test_a_published_year_before_is_what_the_checks_compare_with(personas: Personas) -> None:
    earlier = drafting.get_or_create(personas.agency_a, 2024, personas.reviewer)
    fill_table2(earlier, personas.reviewer)
    publishing.publish(earlier, personas.admin)
    report = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    assert checks.check(report).compared_with == "2024 年度已公开报告第 1 版"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.pdf", "文件是空的"),
        (b"%PDF-1.4 not really", "a.pdf", "无法读取该文件"),
        (b"hello", "a.exe", "只能导入"),
        ("随便写的一段话，没有任何表格。".encode(), "a.txt", "年度"),
    ],
)
def test_bad_files_get_a_chinese_reason(
    personas: Personas, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(AnnualError, match=message):
        history.import_report(personas.agency_a, data, name, personas.reviewer)
    assert not HistoricalReport.objects.exists()


def test_the_year_given_must_agree_with_the_file(personas: Personas) -> None:
    data = render_html(_report_2024(personas.agency_a.name)).encode()
    with pytest.raises(AnnualError, match="与填写的 2023 年度不符"):
        history.import_report(personas.agency_a, data, "r.html", personas.reviewer, 2023)


def test_the_texts_of_sections_one_five_and_six_are_kept(personas: Personas) -> None:
    from gongkai.render import Section

    report = _report_2024(personas.agency_a.name)
    report = FormReport(
        report.agency,
        report.year,
        report.template,
        report.cells,
        {Section.PROBLEMS: "人员力量不足。\n下一步充实队伍。", Section.OTHER: "无其他事项。"},
    )
    imported = history.import_report(
        personas.agency_a, render_docx(report), "2024.docx", personas.reviewer
    )
    assert imported.sections["problems"] == "人员力量不足。\n下一步充实队伍。"
    assert imported.sections["other"] == "无其他事项。"
    draft = drafting.get_or_create(personas.agency_a, 2025, personas.reviewer)
    from gongkai_web.annual.report_views import _last_year

    assert _last_year(draft)["problems"].startswith("人员力量不足")
