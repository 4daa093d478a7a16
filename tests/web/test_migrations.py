"""Every change to the models has its migration (a missing one breaks every fresh install)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_without_its_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        raise AssertionError(f"缺少迁移（exit {exc.code}）：\n{out.getvalue()[:2000]}") from None
