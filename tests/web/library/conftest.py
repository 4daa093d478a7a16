"""The library's personas and files: a region (上海市人民政府) with two agencies; staff of
each; a supervisor. Reports are the corpus's two Shanghai reports, and a 2023 report made
from the 2024 one (same text, year changed) to compare years. Tasks run immediately."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.cli import default_corpus
from gongkai_web.accounts.models import Agency, AgencyKind, Membership, Role
from gongkai_web.library.models import Report
from gongkai_web.library.services import collect, reading
from tests.web.conftest import PASSWORD

CORPUS = default_corpus()
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus is not here")


@dataclass(frozen=True)
class Library:
    region: Agency
    kewei: Agency
    office: Agency
    kewei_staff: User
    office_staff: User
    supervisor: User


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LIBRARY_READ_SECONDS = 30
    yield
    reading.stop_readers()  # no reading child outlives the test (nor its database socket)


@pytest.fixture
def library(db: Any) -> Library:
    region = Agency.objects.create(
        name="上海市人民政府", short_code="SH", kind=AgencyKind.GOVERNMENT
    )
    kewei = Agency.objects.create(name="上海市科学技术委员会", short_code="SHKW", parent=region)
    office = Agency.objects.create(name="上海市人民政府办公厅", short_code="SHBGT", parent=region)

    def person(name: str, agency: Agency | None, role: str) -> User:
        user = User.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role=role)
        return user

    return Library(
        region,
        kewei,
        office,
        person("kewei_admin", kewei, Role.ADMIN),
        person("office_admin", office, Role.ADMIN),
        person("lib_supervisor", None, Role.SUPERVISOR),
    )


def corpus_bytes(name: str) -> bytes:
    assert CORPUS is not None
    return (CORPUS / name).read_bytes()


def kewei_2023() -> bytes:
    """The 2024 report of 上海市科委 as if it were its 2023 report (text copied: 重复率)."""
    text = corpus_bytes("kewei-2024.md").decode("utf-8")
    return text.replace("2024", "2023").encode("utf-8")


def upload(
    user: User | None, *files: tuple[str, bytes], year: int | None = None
) -> collect.Collected:
    batch = collect.new_batch("测试", year, user)
    return collect.collect(batch, [(name, io.BytesIO(data)) for name, data in files])


@pytest.fixture
def processed(library: Library, django_capture_on_commit_callbacks: Any) -> dict[str, Report]:
    """The two Shanghai reports and the made-up 2023 one, collected and processed."""
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            library.supervisor,
            ("kewei-2023.md", kewei_2023()),
            ("kewei-2024.md", corpus_bytes("kewei-2024.md")),
            ("shanghai-office-2025.md", corpus_bytes("shanghai-office-2025.md")),
        )
    return {r.filename: r for r in Report.objects.all()}


def zipped(*files: tuple[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files:
            z.writestr(name, data)
    return out.getvalue()
