"""Table 2 from the registers: the form of each year, documents from the catalogue, counts and
money from the registers, blank (None) where nothing was entered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai_web.catalogue import registers, services
from gongkai_web.catalogue.models import Item, ItemStatus
from gongkai_web.catalogue.table2 import cell_ids, table2_cells
from tests.web.catalogue.conftest import category
from tests.web.conftest import Personas

D = dt.date.fromisoformat


def test_2021_form_from_the_registers(cat: Personas, publish: Callable[..., Item]) -> None:
    a = cat.agency_a
    old = publish(doc_class="normative", formed_on=D("2024-06-03"), doc_no="规1")
    publish(doc_class="normative", formed_on=D("2025-02-03"), doc_no="规2")
    new = publish(doc_class="normative", formed_on=D("2025-07-01"), doc_no="规3")
    publish(doc_class="rule", formed_on=D("2025-09-01"), doc_no="令1")
    publish(formed_on=D("2025-09-01"))  # an ordinary item is not a document of table 2
    services.set_validity(old, cat.admin, "repealed", D("2025-07-01"), by=new)
    for month, n in ((1, 10), (2, 15)):
        registers.record_decisions(a, "license", 2025, month, n, cat.admin)
    registers.record_decisions(a, "penalty", 2025, 3, 0, cat.admin)
    registers.record_fee(a, 2025, 4, "1.25", cat.admin)
    registers.record_fee(a, 2025, 5, "0.5", cat.admin)
    cells = table2_cells(a, 2025)
    assert list(cells) == cell_ids(2025)
    assert cells == {
        "t2.rules.made": 1,
        "t2.rules.repealed": 0,
        "t2.rules.in_force": 1,
        "t2.normative.made": 2,
        "t2.normative.repealed": 1,
        "t2.normative.in_force": 2,
        "t2.license.decisions": 25,
        "t2.penalty.decisions": 0,  # entered as 0
        "t2.coercion.decisions": None,  # never entered: blank, not 0
        "t2.fee.amount": 1.75,
    }
    assert table2_cells(cat.agency_b, 2025)["t2.normative.made"] == 0
    assert table2_cells(None, 2025)["t2.license.decisions"] == 25


def test_2019_form_for_2020(cat: Personas, publish: Callable[..., Item]) -> None:
    a = cat.agency_a
    publish(doc_class="normative", formed_on=D("2019-12-20"), doc_no="规1", on=D("2020-01-06"))
    publish(doc_class="normative", formed_on=D("2020-03-02"), doc_no="规2", on=D("2020-03-09"))
    registers.record_matters(a, "license", 2019, 40, cat.admin)
    registers.record_matters(a, "license", 2020, 37, cat.admin)
    registers.record_matters(a, "fee", 2019, 3, cat.admin)
    registers.record_decisions(a, "license", 2020, 6, 120, cat.admin)
    registers.record_procurement(a, 2020, 4, "312.5", cat.admin)
    registers.record_procurement(cat.agency_b, 2020, 1, "10", cat.outsider)
    cells = table2_cells(a, 2020)
    assert len(cells) == 22 and list(cells) == cell_ids(2020)
    assert (cells["t2.normative.made"], cells["t2.normative.published"]) == (1, 2)
    assert cells["t2.normative.total"] == 2
    assert (cells["t2.license.prev"], cells["t2.license.delta"]) == (40, -3)
    assert cells["t2.license.decisions"] == 120
    assert (cells["t2.fee.prev"], cells["t2.fee.delta"]) == (3, None)
    assert cells["t2.procurement.items"] == 4 and cells["t2.procurement.amount"] == 312.5
    assert table2_cells(None, 2020)["t2.procurement.amount"] == 322.5
    with pytest.raises(ValueError, match="2019"):
        table2_cells(a, 2018)


def _doc(agency: object, formed: dt.date, ended: dt.date | None, seq: int) -> Item:
    # Straight to the table: the workflow is tested elsewhere; here only the dates matter.
    return Item(
        agency=agency,
        title=f"文件{seq}",
        issuing_body="某局",
        doc_no=f"规{seq}",
        formed_on=formed,
        published_on=formed,
        category=category(agency),
        doc_class="normative",
        status=ItemStatus.PUBLISHED,
        validity="repealed" if ended else "valid",
        validity_changed_on=ended,
    )


@st.composite
def documents(draw: st.DrawFn) -> list[tuple[dt.date, dt.date | None]]:
    days = st.dates(D("2019-01-01"), D("2026-12-31"))
    out = []
    for _ in range(draw(st.integers(0, 25))):
        formed = draw(days)
        ended = draw(st.one_of(st.none(), st.dates(formed, D("2026-12-31"))))
        out.append((formed, ended))
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=documents())
def test_in_force_at_year_end_is_start_plus_made_minus_repealed(
    cat: Personas, docs: list[tuple[dt.date, dt.date | None]]
) -> None:
    Item.objects.all().delete()
    Item.objects.bulk_create(_doc(cat.agency_a, f, e, i) for i, (f, e) in enumerate(docs))
    for year in range(2021, 2027):
        before = table2_cells(cat.agency_a, year - 1) if year > 2021 else None
        now = table2_cells(cat.agency_a, year)
        start = (
            before["t2.normative.in_force"]
            if before
            else sum(1 for f, e in docs if f.year < year and not (e and e.year < year))
        )
        made, repealed = now["t2.normative.made"], now["t2.normative.repealed"]
        assert now["t2.normative.in_force"] == start + made - repealed  # type: ignore[operator]


def test_annual_page_and_export_show_table2(cat: Personas, publish: Callable[..., Item]) -> None:
    from django.test import Client

    publish(doc_class="normative", formed_on=D("2025-02-03"), doc_no="规1")
    registers.record_decisions(cat.agency_a, "penalty", 2025, 1, 12, cat.admin)
    staff = Client()
    staff.force_login(cat.handler)
    page = staff.get("/annual/", {"year": 2025}).content.decode()
    assert "二、主动公开政府信息情况" in page and 'data-row="normative"' in page
    cells = staff.get("/annual/export.json", {"year": 2025}).json()["cells"]
    assert cells["t2.normative.made"] == 1 and cells["t2.penalty.decisions"] == 12
    old = staff.get("/annual/export.json", {"year": 2020}).json()["cells"]
    assert "t2.procurement.amount" in old and "t2.fee.amount" not in old


def test_monthly_registers_imported_from_csv_all_or_nothing(cat: Personas) -> None:
    from gongkai_web.catalogue.errors import ImportRejected

    good = (
        "年份,月份,类别,数量\n2025,1,行政许可,30\n2025,2,行政许可,12\n2025,1,行政事业性收费,2.5\n"
    )
    assert registers.import_monthly(cat.agency_a, "r.csv", good.encode()) == 3
    cells = table2_cells(cat.agency_a, 2025)
    assert cells["t2.license.decisions"] == 42 and cells["t2.fee.amount"] == 2.5
    bad = "年份,月份,类别,数量\n2025,3,行政许可,5\n2025,13,行政处罚,1\n2025,4,行政奖励,1\n2025,5,行政强制,-1\n"
    with pytest.raises(ImportRejected) as caught:
        registers.import_monthly(cat.agency_a, "r.csv", bad.encode())
    assert [(r, c) for r, c, _ in caught.value.problems] == [(3, "月份"), (4, "类别"), (5, "数量")]
    assert table2_cells(cat.agency_a, 2025)["t2.license.decisions"] == 42  # nothing saved
