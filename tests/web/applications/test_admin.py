"""The admin is for looking up: cases, their events and the audit log are never deleted."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse

from gongkai_web.applications.models import Application, AuditEntry, CaseEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Application, CaseEvent, AuditEntry])
def test_even_a_superuser_may_not_delete_cases_events_or_audit(model: type) -> None:
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser("root", password="x")
    model_admin = admin.site._registry[model]
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_change_permission(request) is False


def test_the_admin_lists_cases(case_a: Application) -> None:
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="x"))
    page = client.get(reverse("admin:applications_application_changelist"))
    assert page.status_code == 200 and case_a.reg_no in page.content.decode()
    delete = reverse("admin:applications_application_delete", args=[case_a.pk])
    assert (
        delete
        not in client.get(
            reverse("admin:applications_application_change", args=[case_a.pk])
        ).content.decode()
    )
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Application.objects.filter(pk=case_a.pk).exists()
