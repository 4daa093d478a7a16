"""The reply letter download: a Word file for a concluded case, a message before that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def conclude(app: Application, user: User) -> None:
    services.draft_reply(app, user, dt.date(2026, 3, 3), "disclosed", "", "予以公开")
    services.review(app, user, dt.date(2026, 3, 4), True)
    services.reply(app, user, dt.date(2026, 3, 5))


def test_a_concluded_case_has_its_reply_letter_as_docx(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    conclude(case_a, personas.admin)
    for user in (personas.handler, personas.supervisor):  # reading is allowed to both
        response = as_user(user).get(reverse("applications:letter", args=[case_a.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        assert response.content[:4] == b"PK\x03\x04"


def test_an_open_case_has_no_letter_yet(
    personas: Personas, case_a: Application, as_user: Callable[[User], Client]
) -> None:
    response = as_user(personas.handler).get(
        reverse("applications:letter", args=[case_a.pk]), follow=True
    )
    assert any("无法生成告知书" in str(m) for m in response.context["messages"])
