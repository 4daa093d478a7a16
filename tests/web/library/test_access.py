"""Which unmatched reports (no agency yet) a supervisor sees: all of them when supervising
every agency; within a region, only those uploaded by the region's people or themself."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.library.access import visible_reports
from gongkai_web.library.models import Report
from tests.web.conftest import PASSWORD
from tests.web.library.conftest import Library, upload

pytestmark = pytest.mark.django_db


def _person(name: str, agency: Agency | None, role: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def _unmatched(uploader: User | None, name: str) -> Report:
    upload(uploader, (name, f"{name} 不是年报".encode()))  # queued: not read, not matched
    report = Report.objects.get(filename=name)
    assert report.agency is None
    return report


def _seen(user: User) -> set[str]:
    return set(visible_reports(user).filter(agency__isnull=True).values_list("filename", flat=True))


def test_a_regions_supervisor_sees_only_the_regions_unmatched_uploads(library: Library) -> None:
    other_region = Agency.objects.create(name="北京市人民政府", short_code="BJ")
    beijing_office = Agency.objects.create(
        name="北京市人民政府办公厅", short_code="BJBGT", parent=other_region
    )
    shanghai_sup = _person("sh_supervisor", library.region, Role.SUPERVISOR)
    shanghai_sup2 = _person("sh_supervisor2", library.region, Role.SUPERVISOR)
    beijing_sup = _person("bj_supervisor", other_region, Role.SUPERVISOR)
    beijing_staff = _person("bj_admin", beijing_office, Role.ADMIN)

    _unmatched(shanghai_sup, "own.txt")
    _unmatched(shanghai_sup2, "colleague.txt")
    _unmatched(library.kewei_staff, "kewei.txt")  # staff of an agency of the region
    _unmatched(beijing_staff, "beijing.txt")
    _unmatched(library.supervisor, "national.txt")  # the supervisor of every agency
    _unmatched(None, "imported.txt")  # library_import: nobody uploaded it

    assert _seen(shanghai_sup) == {"own.txt", "colleague.txt", "kewei.txt"}
    assert _seen(beijing_sup) == {"beijing.txt"}
    upload(library.office_staff, ("again.txt", "national.txt 不是年报".encode()))  # duplicate
    assert _seen(shanghai_sup) == {"own.txt", "colleague.txt", "kewei.txt", "national.txt"}
    everything = {"own.txt", "colleague.txt", "kewei.txt", "beijing.txt", "national.txt"}
    assert _seen(library.supervisor) == everything | {"imported.txt"}
    assert _seen(library.kewei_staff) == set()  # staff never see unmatched reports


def test_a_report_outside_the_scope_is_a_404_on_its_page(library: Library, client: Any) -> None:
    beijing = Agency.objects.create(name="北京市人民政府", short_code="BJ")
    shanghai_sup = _person("sh_supervisor", library.region, Role.SUPERVISOR)
    beijing_sup = _person("bj_supervisor", beijing, Role.SUPERVISOR)
    report = _unmatched(beijing_sup, "beijing.txt")
    client.force_login(shanghai_sup)
    assert client.get(f"/library/reports/{report.pk}/").status_code == 404
    client.force_login(beijing_sup)
    assert client.get(f"/library/reports/{report.pk}/").status_code == 200


def test_the_overview_counts_only_the_unmatched_reports_its_viewer_sees(
    library: Library, client: Any
) -> None:
    beijing = Agency.objects.create(name="北京市人民政府", short_code="BJ")
    shanghai_sup = _person("sh_supervisor", library.region, Role.SUPERVISOR)
    beijing_sup = _person("bj_supervisor", beijing, Role.SUPERVISOR)
    for uploader, name in ((shanghai_sup, "own.txt"), (beijing_sup, "b1.txt")):
        _unmatched(uploader, name)
    _unmatched(beijing_sup, "b2.txt")
    Report.objects.filter(agency__isnull=True).update(year=2024)  # read, agency unknown

    def counted(user: User) -> int:
        client.force_login(user)
        page = client.get(f"/library/overview/?region={library.region.pk}&year=2024")
        assert page.status_code == 200
        return int(page.context["o"].unmatched)

    assert counted(shanghai_sup) == 1
    assert counted(library.supervisor) == 3
    assert counted(library.kewei_staff) == 0
