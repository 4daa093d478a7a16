"""The published JSON Schema and the JSON form of a report."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import gongkai
from gongkai.catalogue.forms import Template, all_cell_ids, is_money
from gongkai.report.model import Provenance, Report, ReportWarning, json_schema, json_schema_text

COMMITTED = Path(gongkai.__file__).parent / "schema" / "report.json"


def test_the_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "gongkai/schema/report.json is stale: run `make schema` and commit it"
    )


def test_the_schema_names_exactly_the_keys_of_a_reports_json() -> None:
    report = Report(source="a.pdf", template=Template.T2019)
    assert set(json_schema()["properties"]) == set(report.to_json_dict())


def round_trip(report: Report) -> Report:
    text = json.dumps(report.to_json_dict(), ensure_ascii=False, indent=1)
    return Report.from_json(text)


def test_a_full_report_round_trips_through_json() -> None:
    report = Report(
        source="szfgs2024.pdf",
        agency="淮安市人民政府",
        year=2024,
        template=Template.T2021,
        cells={"t2.rules.made": 1, "t2.fee.amount": 96171.6, "t4.review.total": 0},
        provenance={
            "t2.rules.made": Provenance(
                file="szfgs2024.pdf", page=2, table=1, row=3, col=2, text="1"
            ),
            "t2.fee.amount": Provenance(file="szfgs2024.pdf", line=40, text="96171.6万元"),
        },
        warnings=(
            ReportWarning(code="unit", message="“0元”已换算为万元", cells=("t2.fee.amount",)),
        ),
    )
    again = round_trip(report)
    assert again == report
    assert type(again.cells["t2.rules.made"]) is int
    assert type(again.cells["t2.fee.amount"]) is float


CELL_IDS = sorted(all_cell_ids())


@st.composite
def cells(draw: st.DrawFn) -> dict[str, int | float]:
    ids = draw(st.lists(st.sampled_from(CELL_IDS), unique=True, max_size=30))
    money = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
    return {i: draw(money if is_money(i) else st.integers(-(10**9), 10**9)) for i in ids}


@given(
    cells=cells(),
    year=st.none() | st.integers(2008, 2100),
    template=st.sampled_from(list(Template)),
    agency=st.none() | st.text(max_size=20),
)
def test_any_report_round_trips_through_json(
    cells: dict[str, int | float], year: int | None, template: Template, agency: str | None
) -> None:
    report = Report(source="r.txt", agency=agency, year=year, template=template, cells=cells)
    assert round_trip(report) == report
