"""The library at a province's scale: the region's subtree from one query (a loop in the
tree ends), the overview's queries as many for a hundred agencies as for a few, the region
sums from the region's reports and corrections only, and the report page's agency menu
bounded with a search by name. Reports are made as rows (no reading): the sizes matter
here, not the files."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai_web.accounts.models import Agency, AgencyKind
from gongkai_web.library import access
from gongkai_web.library.models import Batch, Correction, Finding, Match, Report, Status
from gongkai_web.library.services import matching, sums
from tests.web.library.conftest import Library

_serial = itertools.count()


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def agency(name: str, parent: Agency | None, government: bool = False) -> Agency:
    kind = AgencyKind.GOVERNMENT if government else AgencyKind.DEPARTMENT
    return Agency.objects.create(
        name=name, short_code=f"S{next(_serial)}", kind=kind, parent=parent
    )


def report(
    owner: Agency, year: int, errors: int = 1, cells: dict[str, int] | None = None
) -> Report:
    n = next(_serial)
    batch = Batch.objects.first() or Batch.objects.create(name="规模")
    made = Report.objects.create(
        sha256=f"{n:064x}",
        original=f"library/2025/r{n}.md",
        filename=f"r{n}.md",
        size=1,
        batch=batch,
        status=Status.DONE,
        agency=owner,
        year=year,
        match=Match.AUTO,
        template="2021",
        cells=cells or {"t3.new.total": 1},
        errors=errors,
    )
    for _ in range(errors):
        Finding.objects.create(report=made, rule="t3.sum", severity="error", message="合计不符")
    return made


def province(name: str, cities: int, per_city: int) -> tuple[Agency, list[Agency]]:
    top = agency(f"{name}人民政府", None, government=True)
    made = []
    for c in range(cities):
        city = agency(f"{name}第{c}市人民政府", top, government=True)
        made.append(city)
        for d in range(per_city):
            department = agency(f"{name}第{c}市第{d}局", city)
            if d % 2 == 0:
                report(department, 2024)
    return top, made


def test_the_subtree_is_one_query_and_a_loop_in_the_tree_ends(
    library: Library, django_assert_num_queries: Any
) -> None:
    district = agency("上海市浦东新区人民政府", library.region, government=True)
    town = agency("浦东新区某镇人民政府", district, government=True)
    office = agency("浦东新区某镇党政办公室", town)
    with django_assert_num_queries(1):
        tree = access.parts(library.region)
    names = {node.name: part.name for node, part in tree.items()}
    assert names[office.name] == district.name  # two levels down: in its district's part
    assert names[town.name] == district.name and names[district.name] == district.name
    assert names[library.kewei.name] == library.kewei.name
    assert next(iter(tree)).pk == library.region.pk  # the region first
    assert {n.pk for n in access.subtree(district)} == {district.pk, town.pk, office.pk}
    # An editing mistake: the region put under an agency of its own subtree.
    Agency.objects.filter(pk=library.region.pk).update(parent=office)
    looped = access.parts(Agency.objects.get(pk=library.region.pk))
    assert sorted(n.pk for n in looped) == sorted(
        [library.region.pk, library.kewei.pk, library.office.pk, district.pk, town.pk, office.pk]
    )


def test_the_overview_queries_do_not_grow_with_the_agencies(library: Library) -> None:
    sup = client_for(library.supervisor)

    def queries(region: Agency) -> int:
        url = f"/library/overview/?region={region.pk}&year=2024"
        sup.get(url)  # the session and the like settled first
        with CaptureQueriesContext(connection) as captured:
            page = sup.get(url)
        assert page.status_code == 200
        return len(captured)

    small, small_cities = province("小省", cities=2, per_city=3)
    large, large_cities = province("大省", cities=12, per_city=15)
    assert queries(small) == queries(large)
    assert queries(small_cities[0]) == queries(large_cities[0])
    page = sup.get(f"/library/overview/?region={large.pk}&year=2024").content.decode()
    # By part: one line per city with its counts, not 180 agencies one by one.
    assert "大省第11市人民政府" in page and "大省第11市第14局" not in page
    searched = sup.get(f"/library/overview/?region={large.pk}&year=2024&q=第11市第14局")
    assert "大省第11市第14局" in searched.content.decode()


def test_the_region_sums_count_its_own_reports_and_corrections_only(library: Library) -> None:
    city = agency("样例市人民政府", None, government=True)
    one = report(agency("样例市一局", city), 2024, 0, {"t3.new.total": 3})
    report(agency("样例市二局", city), 2024, 0, {"t3.new.total": 4})
    report(agency("样例市三局", city), 2023, 0, {"t3.new.total": 100})  # another year
    elsewhere = report(library.kewei, 2024, 0, {"t3.new.total": 50})  # another region
    Correction.objects.create(
        report=one,
        cell="t3.new.total",
        value=Decimal(5),
        reason="原文为 5",
        corrected_by=library.supervisor,
    )
    Correction.objects.create(
        report=elsewhere,
        cell="t3.new.total",
        value=Decimal(7),
        reason="x",
        corrected_by=library.supervisor,
    )
    result = sums.region_sums(city, 2024)
    row = next(r for r in result.rows if r.cell == "t3.new.total")
    assert (row.parts, row.reporting, result.parts) == (9, 2, 2)


def test_the_report_page_lists_nearby_agencies_and_finds_any_by_name(library: Library) -> None:
    city = agency("样例市人民政府", None, government=True)
    many = [agency(f"样例市第{n:03d}局", city) for n in range(matching.MAX_CHOICES + 30)]
    far = agency("远方县档案馆", agency("远方县人民政府", None, government=True))
    chosen = report(many[0], 2024)
    sup = client_for(library.supervisor)
    page = sup.get(f"/library/reports/{chosen.pk}/").content.decode()
    options = page.count("<option")
    assert 2 <= options <= matching.MAX_CHOICES + 2 and "远方县档案馆" not in page
    found = sup.get(f"/library/reports/{chosen.pk}/?agency_q=档案馆").content.decode()
    assert "远方县档案馆" in found and "样例市第001局" not in found
    assert f'<option value="{many[0].pk}" selected>' in found  # its own agency stays listed
    # Any agency the supervisor sees may be chosen, listed or not.
    sup.post(f"/library/reports/{chosen.pk}/match/", {"agency": far.pk, "year": 2024})
    chosen.refresh_from_db()
    assert chosen.agency == far and chosen.match == Match.CONFIRMED


def test_a_regions_supervisor_sees_its_whole_subtree_and_nothing_beside(
    library: Library,
) -> None:
    from django.contrib.auth.models import User

    from gongkai_web.accounts.models import Membership, Role

    top, cities = province("监督省", cities=2, per_city=2)
    town = agency("监督省第0市某镇人民政府", cities[0], government=True)
    deep = report(agency("监督省第0市某镇财政所", town), 2024)
    beside = Report.objects.filter(agency__parent=cities[1]).first()
    inside = Report.objects.filter(agency__parent=cities[0]).first()
    assert beside is not None and inside is not None
    user = User.objects.create_user("city_supervisor")
    Membership.objects.create(user=user, agency=cities[0], role=Role.SUPERVISOR)
    seen = set(access.visible_reports(user).values_list("pk", flat=True))
    assert {deep.pk, inside.pk} <= seen and beside.pk not in seen
    assert set(access.visible_agencies(user).values_list("pk", flat=True)) == {
        n.pk for n in access.subtree(cities[0])
    }
    sup = client_for(user)
    assert sup.get(f"/library/reports/{beside.pk}/").status_code == 404
    assert sup.get(f"/library/reports/{deep.pk}/").status_code == 200
    # The province is not theirs to choose: their city is shown instead, nothing beside it.
    page = sup.get(f"/library/overview/?region={top.pk}&year=2024").content.decode()
    assert "监督省第0市某镇人民政府" in page and "监督省第1市" not in page


def test_an_unmatched_agencys_reports_are_found_by_the_name_read(library: Library) -> None:
    from gongkai_web.library.services import processing

    def unmatched(name: str, year: int) -> Report:
        made = report(library.kewei, year, 0)
        Report.objects.filter(pk=made.pk).update(
            agency=None, agency_read=name, agency_key=processing.name_key(name)
        )
        return Report.objects.get(pk=made.pk)

    later = unmatched("淮安市 人民政府", 2024)
    before = unmatched("淮安市人民政府", 2023)  # spaces aside, the same name
    unmatched("宿迁市人民政府", 2023)
    matched = report(library.office, 2023, 0)
    Report.objects.filter(pk=matched.pk).update(agency_read="淮安市人民政府")
    found = processing.same_agency(later, 2023)
    assert [r.pk for r in found] == [before.pk]
    assert [r.pk for r in processing.same_agency(before, 2024)] == [later.pk]


def test_the_report_list_pages_in_agency_order_with_a_bounded_query_count(
    library: Library,
) -> None:
    city = agency("分页市人民政府", None, government=True)
    made = [report(agency(f"分页市第{n:03d}局", city), 2024, 0) for n in range(120)]
    sup = client_for(library.supervisor)

    def listed(url: str) -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as captured:
            page = sup.get(url).content.decode()
        return [r.filename for r in made if f">{r.filename}<" in page], len(captured)

    first, queries = listed("/library/reports/?q=分页市")
    third, queries_third = listed("/library/reports/?q=分页市&page=3")
    assert first == [r.filename for r in made[:50]] and third == [r.filename for r in made[100:]]
    assert queries == queries_third
    assert "第 3/3 页，共 120 份" in sup.get("/library/reports/?q=分页市&page=3").content.decode()


def test_the_parts_counted_by_the_database_match_the_agency_by_agency_overview(
    library: Library,
) -> None:
    """Every state, both due dates and their boundaries, a second file of an agency, a
    dismissed finding: the database's counts of each part equal those of the rows."""
    import datetime as dt

    from gongkai_web.library.models import Verdict
    from gongkai_web.library.services import overview

    top, cities = province("核对省", cities=2, per_city=0)
    gov_due = overview._due(True, 2024)
    dept_due = overview._due(False, 2024)

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)

    def made(owner: Agency, **fields: Any) -> Report:
        r = report(owner, 2024, fields.pop("errors", 1))
        Report.objects.filter(pk=r.pk).update(**fields)
        return r

    city, leaf = cities
    county = agency("核对省第0市某县人民政府", city, government=True)
    made(agency("核对一局", city), published_on=dept_due)  # on time, on the day
    made(agency("核对二局", city), published_on=dept_due + dt.timedelta(days=3))  # late
    made(agency("核对三局", county), collected_at=at(dept_due, 23, 59))  # on time
    made(agency("核对四局", county), collected_at=at(dept_due + dt.timedelta(days=1), 0, 1))
    made(county, collected_at=at(gov_due, 12))  # a government: on time by its own date
    made(agency("核对五局", city), status=Status.FAILED, errors=0)
    made(agency("核对六局", city), status=Status.QUEUED, errors=0)
    unsure = made(agency("核对七局", county), match=Match.UNSURE, errors=2)
    both = agency("核对八局", city)
    made(both, status=Status.FAILED, errors=0)
    second = made(both, collected_at=at(gov_due, 1), errors=3)  # done: this one speaks
    Finding.objects.filter(report=second).update(verdict=Verdict.DISMISSED)
    Finding.objects.create(report=second, rule="t4.sum", severity="warning", message="x")
    Finding.objects.create(report=unsure, rule="t4.sum", severity="info", message="x")
    agency("核对九局", city)  # nothing published
    made(leaf, published_on=gov_due)  # a city without agencies under it: listed
    made(top, errors=2)  # the province's own report
    tree = access.parts(top)
    seen: set[str] = set()
    for today in (dept_due + dt.timedelta(days=1), gov_due + dt.timedelta(days=200)):
        for hide_failed in (False, True):
            for hide_unconfirmed in (False, True):
                flags = {"hide_failed": hide_failed, "hide_unconfirmed": hide_unconfirmed}
                rows = overview.build(top, tree, 2024, today, **flags)
                counted = overview.build(top, tree, 2024, today, by_part=True, **flags)
                shape = {
                    p.agency.pk: (p.agencies, p.states, p.errors, p.warnings) for p in rows.parts
                }
                assert shape == {
                    p.agency.pk: (p.agencies, p.states, p.errors, p.warnings) for p in counted.parts
                }, (today, flags)
                assert rows.counts == counted.counts, (today, flags)
                assert [r.agency.pk for r in rows.listed] == [r.agency.pk for r in counted.listed]
                assert rows.heatmap == counted.heatmap, (today, flags)
                seen |= set(rows.counts)
    assert seen == set(overview.STATES)  # every state was compared
    # The city and its ten agencies below it, the failed one hidden at the end.
    assert len(shape) == 1 and shape[city.pk][0] == 10
