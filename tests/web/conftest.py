"""Fixed personas of the office (STYLE §15) and a frozen working day.

Agency A: its registrar, handler, reviewer and admin. Agency B: one person holding every role
there — the outsider, who must never see A's cases. A supervisor who sees every agency
read-only. The anonymous public is Django's plain ``client``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.intake import intake

D = dt.date.fromisoformat
# A Tuesday in term: the calendar covers it and every deadline that follows.
TODAY = D("2026-03-10")
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Personas:
    agency_a: Agency
    agency_b: Agency
    registrar: User
    handler: User
    reviewer: User
    admin: User
    outsider: User
    supervisor: User

    @property
    def staff_a(self) -> list[User]:
        return [self.registrar, self.handler, self.reviewer, self.admin]


def _person(username: str, *roles: tuple[Agency | None, str]) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=username)
    for agency, role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def personas(db: Any) -> Personas:
    a = Agency.objects.create(name="某市科学技术局", short_code="KJJ", review_body="某市人民政府")
    b = Agency.objects.create(name="某市教育局", short_code="JYJ")
    return Personas(
        agency_a=a,
        agency_b=b,
        registrar=_person("registrar_a", (a, Role.REGISTRAR)),
        handler=_person("handler_a", (a, Role.HANDLER)),
        reviewer=_person("reviewer_a", (a, Role.REVIEWER)),
        admin=_person("admin_a", (a, Role.ADMIN)),
        outsider=_person(
            "staff_b", *[(b, r) for r in (Role.REGISTRAR, Role.HANDLER, Role.REVIEWER, Role.ADMIN)]
        ),
        supervisor=_person("supervisor", (None, Role.SUPERVISOR)),
    )


@pytest.fixture
def as_user() -> Callable[[User], Client]:
    """A logged-in client for ``user``."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def frozen_today() -> Iterator[dt.date]:
    """Freeze the clock on TODAY (10:00 in Beijing), ticking."""
    moment = dt.datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=True):
        yield TODAY


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Uploaded files in a temporary folder; an empty cache (the rate limit) for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case_a(personas: Personas) -> Application:
    """An application registered with agency A on 2026-03-02."""
    return services.register(personas.agency_a, intake(), personas.registrar)


@pytest.fixture
def case_b(personas: Personas) -> Application:
    return services.register(personas.agency_b, intake(applicant_name="李四"), personas.outsider)
