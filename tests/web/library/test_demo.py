"""The library's demo has an agency with two consecutive years, so its compare page shows
a pair (issue 14 point 4) on a fresh ``make start``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.library import demo
from gongkai_web.library.models import Report, Status
from tests.web.conftest import PASSWORD
from tests.web.library.conftest import CORPUS, needs_corpus


@needs_corpus
def test_the_demo_region_has_an_agency_with_consecutive_years_to_compare(
    db: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    assert CORPUS is not None
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "kewei-2024.md", folder)
    with django_capture_on_commit_callbacks(execute=True):
        collected = demo.seed(folder)
    assert collected is not None and len(collected.added) == 2
    reports = {r.year: r for r in Report.objects.filter(agency__name="上海市科学技术委员会")}
    assert set(reports) == {2023, 2024}
    assert all(r.status == Status.DONE for r in reports.values())
    assert "演示" in reports[2023].filename  # says it was made for the demo

    supervisor = User.objects.create_user("demo_supervisor", password=PASSWORD)
    Membership.objects.create(user=supervisor, agency=None, role=Role.SUPERVISOR)
    client = Client()
    client.force_login(supervisor)
    page = client.get(f"/library/reports/{reports[2024].pk}/compare/").content.decode()
    assert "正文重复率" in page and "100%" in page
